"""The authors of a work or version in order, from the graph's ``oco:hasNext`` chain of
``pro:RoleInTime`` author roles; each person's view is made once per build and shared by
all their works (``KnownAuthors``)."""

from __future__ import annotations

from dataclasses import dataclass

from scholarld.graph.namespaces import OCO, PRO, SCORO
from scholarld.serialize.ntterms import iri_of
from scholarld.site.views_index import NO_TRIPLES, GraphIndex, Linker, PropertyTable


@dataclass(frozen=True)
class AuthorView:
    iri: str  # plain IRI
    name: str
    href: str | None
    equal_contribution: bool = False


# Author views already made in a build, by (person term, equal contribution).
KnownAuthors = dict[tuple[str, bool], AuthorView]


def authors_in_order(
    index: GraphIndex, linker: Linker, document: str, known: KnownAuthors | None = None
) -> tuple[AuthorView, ...]:
    """The authors of a version or work, following its ``oco:hasNext`` chain of
    ``pro:RoleInTime`` author roles from the head. ``known`` (for one ``linker``) keeps
    each person's view for the next work they wrote."""
    out = index.out
    has_next = OCO.hasNext  # read for every role: a local, not an attribute each time
    roles: dict[str, PropertyTable] = {}  # each author role's triples, in graph order
    followers: set[str] = set()
    for role in out.get(document, NO_TRIPLES).get(PRO.isDocumentContextFor, ()):
        table = out.get(role, NO_TRIPLES)
        if table.get(PRO.withRole, ("",))[0] == PRO.author:
            roles[role] = table
            followers.update(table.get(has_next, ()))
    heads = [role for role in roles if role not in followers]
    ordered: dict[str, PropertyTable] = {}  # insertion-ordered, fast membership
    current = heads[0] if heads else None
    while current is not None and current not in ordered:
        table = ordered[current] = roles.get(current) or out.get(current, NO_TRIPLES)
        following = table.get(has_next)
        current = following[0] if following else None
    for role, table in roles.items():  # a broken chain: keep every author
        if role not in ordered:
            ordered[role] = table
    return _authors(index, linker, ordered, {} if known is None else known)


def _authors(
    index: GraphIndex, linker: Linker, roles: dict[str, PropertyTable], known: KnownAuthors
) -> tuple[AuthorView, ...]:
    """The view of each role's person, made once per person and equal contribution."""
    held_by, equal_to = PRO.isHeldBy, SCORO.isEqualToRoleInTime
    authors = []
    for role, table in roles.items():
        person = table.get(held_by, (role,))[0]
        key = (person, bool(table.get(equal_to)))
        found = known.get(key)
        if found is None:
            found = known[key] = AuthorView(
                iri_of(person), index.label(person), linker.href(person), key[1]
            )
        authors.append(found)
    return tuple(authors)
