"""Stage 3, graph: map every profile of the site to schema.org + FaBiO/SPAR triples.

``build_site_graph(site, people)`` returns one named graph per profile
(``{base}graph/{slug}``) and one describing the dataset. Triples are N-Triples term
strings (``scholarld.graph.terms``), collected in a set per graph and sorted once, so the
same input always gives the same graph. Unparsed importer text is never published.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from itertools import chain
from operator import attrgetter

from scholarld.graph.activities import activity_triples
from scholarld.graph.authors import coauthor_blocks
from scholarld.graph.checks import check_profiles
from scholarld.graph.context import ProfileContext, profile_context
from scholarld.graph.dataset import dataset_triples, vocabularies_used
from scholarld.graph.iris import base_term, dataset_graph_iri, graph_iri, person_iri
from scholarld.graph.organizations import affiliation_triples
from scholarld.graph.pages import page_triples
from scholarld.graph.person import owner_triples
from scholarld.graph.sitegraph import NamedGraph, SiteGraph, sorted_union, with_triples
from scholarld.graph.terms import Triple, iri_value
from scholarld.graph.venues import venue_triples
from scholarld.graph.works import work_triples
from scholarld.identity import People
from scholarld.parallel import map_in_two
from scholarld.profiles import Site, SourcedProfile


def profile_triples(ctx: ProfileContext) -> Iterator[Triple]:
    """Everything one profile says but its co-authors' person nodes (``coauthor_blocks``),
    in pipeline order (duplicates are removed later)."""
    yield from owner_triples(ctx)
    yield from affiliation_triples(ctx)
    for venue in ctx.profile.venues:
        yield from venue_triples(ctx.base, venue)
    yield from activity_triples(ctx)
    for work in ctx.profile.works:
        yield from work_triples(ctx, work)
    yield from page_triples(ctx)  # the site's pages (graph/pages.py)


def profile_graph(
    base: str,
    sourced: SourcedProfile,
    people: People,
    known: dict[str, tuple[Triple, ...]] | None = None,
    modified: str | None = None,
) -> NamedGraph:
    """One profile's named graph; ``known`` shares co-author blocks between profiles;
    ``modified`` is site.yaml's date, the profile page's ``schema:dateModified``."""
    ctx = profile_context(base, sourced, people, modified)
    unique = set(profile_triples(ctx))
    unique.update(chain.from_iterable(coauthor_blocks(ctx, {} if known is None else known)))
    triples = tuple(sorted(unique))
    return NamedGraph(iri_value(graph_iri(base, sourced.slug)), sourced.slug, sourced.path, triples)


def profile_graphs(
    base: str,
    people: People,
    profiles: Sequence[SourcedProfile],
    modified: str | None = None,
) -> list[NamedGraph]:
    """The named graphs of ``profiles``, in order, sharing co-author blocks among them."""
    known: dict[str, tuple[Triple, ...]] = {}  # co-author blocks, built once per person
    return [profile_graph(base, sourced, people, known, modified) for sourced in profiles]


def build_site_graph(site: Site, people: People) -> SiteGraph:
    """The site's linked data: a graph per profile plus the dataset description. Raises
    ``ProfileError`` when two venue keys of a profile would share one IRI."""
    check_profiles(site.profiles)
    base = base_term(site.config.base_iri)
    profiles = sorted(site.profiles, key=attrgetter("slug"))
    # independent per profile: with many profiles, a second process builds half of them
    work = partial(profile_graphs, base, people, modified=site.config.modified)
    graphs = map_in_two(work, profiles)
    union = sorted_union(graph.triples for graph in graphs)
    owners = sorted({person_iri(base, people.owner(p.slug).key) for p in profiles})
    vocabularies = vocabularies_used(graph.triples for graph in graphs)
    description = tuple(
        sorted(set(dataset_triples(base, site.config, len(union), vocabularies, owners)))
    )
    graphs.append(NamedGraph(iri_value(dataset_graph_iri(base)), None, None, description))
    return SiteGraph(tuple(sorted(graphs, key=attrgetter("iri"))), with_triples(union, description))
