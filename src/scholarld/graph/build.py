"""Stage 3, graph: map every profile of the site to schema.org + FaBiO/SPAR triples.

``build_site_graph(site, people)`` returns one named graph per profile
(``{base}graph/{slug}``) and one describing the dataset. Triples are N-Triples term
strings (``scholarld.graph.terms``), collected once each per graph and sorted once, so
the same input always gives the same graph. Unparsed importer text is never published.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain
from operator import attrgetter
from pathlib import Path

from scholarld.graph.activities import activity_triples
from scholarld.graph.authors import coauthor_blocks
from scholarld.graph.checks import check_profiles
from scholarld.graph.context import ProfileContext, profile_context
from scholarld.graph.dataset import dataset_triples, vocabulary_namespaces, vocabulary_terms
from scholarld.graph.iris import base_term, dataset_graph_iri, graph_iri, person_iri
from scholarld.graph.organizations import affiliation_triples
from scholarld.graph.pages import page_triples
from scholarld.graph.person import owner_triples
from scholarld.graph.sitegraph import NamedGraph, SiteGraph, sorted_union, with_triples
from scholarld.graph.terms import Triple, iri_value
from scholarld.graph.venues import venue_triples
from scholarld.graph.works import work_triples
from scholarld.identity import People
from scholarld.parallel import Transfer, map_in_two
from scholarld.profiles import Site, SourcedProfile

# the second process's share of the profiles: it maps them as fast as this one, and its
# part comes back marshalled in about a tenth of the time it spends building it
GRAPH_SHARE = 0.45


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
    blocks = coauthor_blocks(ctx, {} if known is None else known)
    # a dict, not a set, drops the duplicates: it keeps the mapping's order, in which
    # each node's triples come together, and sorting that takes a third less time
    unique = dict.fromkeys(chain(profile_triples(ctx), chain.from_iterable(blocks)))
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


@dataclass(frozen=True)
class GraphPart:
    """What one process of the graph stage builds: the named graphs of some profiles
    and the vocabulary terms they use. The union is merged once, from every graph, by the
    process that gets both parts: each process merging its own and then the two unions
    merged again cost more (the second merge compares every triple again) and sent the
    union's references along."""

    graphs: list[NamedGraph]
    terms: frozenset[str]


def graph_part(
    base: str, people: People, profiles: Sequence[SourcedProfile], modified: str | None = None
) -> list[GraphPart]:
    """The part of ``profiles`` (one per call, so one per process under ``map_in_two``)."""
    graphs = profile_graphs(base, people, profiles, modified)
    return [GraphPart(graphs, vocabulary_terms([graph.triples for graph in graphs]))]


def parts_to_bytes(parts: list[GraphPart]) -> bytes:
    """Parts as ``marshal`` bytes: built-in types only, written twice as fast as pickle
    (which memoizes every tuple)."""
    plain = [
        (
            [(g.iri, g.slug, None if g.source is None else str(g.source), g.triples)
             for g in part.graphs],
            part.terms,
        )
        for part in parts
    ]  # fmt: skip
    return marshal.dumps(plain)


def parts_from_bytes(data: bytes) -> list[GraphPart]:
    """The parts ``parts_to_bytes`` wrote."""
    return [
        GraphPart(
            [NamedGraph(iri, slug, None if source is None else Path(source), triples)
             for iri, slug, source, triples in graphs],
            terms,
        )
        for graphs, terms in marshal.loads(data)
    ]  # fmt: skip


PART_TRANSFER = Transfer(parts_to_bytes, parts_from_bytes)


def build_site_graph(site: Site, people: People) -> SiteGraph:
    """The site's linked data: a graph per profile plus the dataset description. Raises
    ``ProfileError`` when two venue keys of a profile would share one IRI."""
    check_profiles(site.profiles)
    base = base_term(site.config.base_iri)
    profiles = sorted(site.profiles, key=attrgetter("slug"))
    # independent per profile: with many profiles, a second process builds part of them
    work = partial(graph_part, base, people, modified=site.config.modified)
    parts = map_in_two(work, profiles, child_share=GRAPH_SHARE, transfer=PART_TRANSFER)
    graphs = [graph for part in parts for graph in part.graphs]
    union = sorted_union(graph.triples for graph in graphs)
    owners = sorted({person_iri(base, people.owner(p.slug).key) for p in profiles})
    vocabularies = vocabulary_namespaces(frozenset[str]().union(*(p.terms for p in parts)))
    description = tuple(
        sorted(set(dataset_triples(base, site.config, len(union), vocabularies, owners)))
    )
    graphs.append(NamedGraph(iri_value(dataset_graph_iri(base)), None, None, description))
    return SiteGraph(tuple(sorted(graphs, key=attrgetter("iri"))), with_triples(union, description))
