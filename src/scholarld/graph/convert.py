"""The site graph as rdflib objects, for pySHACL and tests (rdflib is imported lazily so
importing ``scholarld.graph`` stays cheap)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scholarld.graph.sitegraph import SiteGraph

if TYPE_CHECKING:
    import rdflib


def to_rdflib_dataset(site_graph: SiteGraph) -> rdflib.Dataset:
    """Every named graph, as an rdflib ``Dataset`` (each graph parsed from its N-Triples:
    rdflib 7.6's ``Dataset.parse`` raises a DeprecationWarning)."""
    import rdflib

    dataset = rdflib.Dataset()
    for named in site_graph.graphs:
        dataset.graph(rdflib.URIRef(named.iri)).parse(data=named.ntriples(), format="nt")
    return dataset


def to_rdflib_graph(site_graph: SiteGraph) -> rdflib.Graph:
    """The union of all named graphs as one rdflib ``Graph``."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=site_graph.ntriples(), format="nt")
    return graph
