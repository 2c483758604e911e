"""Stage 3, graph: map every profile of the site to schema.org + FaBiO/SPAR triples.

``build_site_graph(site, people)`` returns one named graph per profile
(``{base}graph/{slug}``) and one describing the dataset. Triples are N-Triples term
strings (``scholarld.graph.terms``), collected in a set per graph and sorted once, so the
same input always gives the same graph. Unparsed importer text is never published.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from scholarld.graph.activities import activity_triples
from scholarld.graph.authors import coauthor_triples
from scholarld.graph.checks import check_profiles
from scholarld.graph.context import ProfileContext, profile_context
from scholarld.graph.dataset import dataset_triples, vocabularies_used
from scholarld.graph.iris import base_term, dataset_graph_iri, graph_iri
from scholarld.graph.organizations import affiliation_triples
from scholarld.graph.person import owner_triples
from scholarld.graph.sitegraph import NamedGraph, SiteGraph
from scholarld.graph.terms import Triple, iri_value
from scholarld.graph.venues import venue_triples
from scholarld.graph.works import work_triples
from scholarld.identity import People
from scholarld.profiles import Site, SourcedProfile


def profile_triples(ctx: ProfileContext) -> Iterator[Triple]:
    """Everything one profile says, in pipeline order (duplicates are removed later)."""
    yield from owner_triples(ctx)
    yield from affiliation_triples(ctx)
    for venue in ctx.profile.venues:
        yield from venue_triples(ctx.base, venue)
    yield from activity_triples(ctx)
    for work in ctx.profile.works:
        yield from work_triples(ctx, work)
    yield from coauthor_triples(ctx)


def profile_graph(base: str, sourced: SourcedProfile, people: People) -> NamedGraph:
    ctx = profile_context(base, sourced, people)
    triples = tuple(sorted(set(profile_triples(ctx))))
    return NamedGraph(iri_value(graph_iri(base, sourced.slug)), sourced.slug, sourced.path, triples)


def build_site_graph(site: Site, people: People) -> SiteGraph:
    """The site's linked data: a graph per profile plus the dataset description. Raises
    ``ProfileError`` when two venue keys of a profile would share one IRI."""
    check_profiles(site.profiles)
    base = base_term(site.config.base_iri)
    profiles = sorted(site.profiles, key=attrgetter("slug"))
    graphs = [profile_graph(base, sourced, people) for sourced in profiles]
    union = {triple for graph in graphs for triple in graph.triples}
    owners = sorted({profile_context(base, p, people).owner for p in profiles})
    description = dataset_triples(base, site.config, len(union), vocabularies_used(union), owners)
    graphs.append(
        NamedGraph(iri_value(dataset_graph_iri(base)), None, None, tuple(sorted(set(description))))
    )
    return SiteGraph(tuple(sorted(graphs, key=attrgetter("iri"))))
