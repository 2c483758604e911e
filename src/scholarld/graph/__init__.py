"""Stage 3, graph: profiles → schema.org + FaBiO/SPAR linked data (``docs/model.md``).

Modules in pipeline order: ``terms`` and ``namespaces`` (N-Triples term strings),
``iris`` (the IRI scheme), ``context``, ``identifiers``, ``links``, ``person``,
``organizations``, ``venues``, ``authors``, ``versions``, ``works``, ``activities``,
``dataset``, ``build`` (``build_site_graph``) and ``convert`` (rdflib views).
"""

from __future__ import annotations

from scholarld.graph.build import build_site_graph
from scholarld.graph.convert import to_rdflib_dataset, to_rdflib_graph
from scholarld.graph.sitegraph import NamedGraph, SiteGraph

__all__ = ["NamedGraph", "SiteGraph", "build_site_graph", "to_rdflib_dataset", "to_rdflib_graph"]
