"""Authors of a document (a version or a work), in order.

``schema:author`` each person (unordered, as schema.org has it), and the order as PRO
roles at ``{document}/author/{n}``: ``pro:isDocumentContextFor`` each role, each role
``pro:withRole pro:author ; pro:isHeldBy <person>``, chained by ``oco:hasNext`` (the
OpenCitations Data Model). Authors marked as equal contributors have their roles linked
pairwise, both ways, by ``scoro:isEqualToRoleInTime``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from scholarld.graph.context import ProfileContext
from scholarld.graph.namespaces import DCTERMS, OCO, PRO, SCHEMA, SCORO, A
from scholarld.graph.person import author_person_triples
from scholarld.graph.terms import Triple
from scholarld.model import Author

AUTHOR, CREATOR = SCHEMA.author, DCTERMS.creator
CONTEXT_FOR, ROLE_IN_TIME, WITH_ROLE = PRO.isDocumentContextFor, PRO.RoleInTime, PRO.withRole
AUTHOR_ROLE, HELD_BY, HAS_NEXT = PRO.author, PRO.isHeldBy, OCO.hasNext


def author_triples(
    ctx: ProfileContext, document: str, authors: Sequence[Author], is_work: bool = False
) -> list[Triple]:
    """Authors of ``document``; a work also gets ``dcterms:creator`` (as FaBiO shows).

    The hottest mapping function (every work and version): a list, with the role IRIs
    minted from one stem, costs about half of a generator calling ``under`` per role."""
    stem = f"{document[:-1]}/author/"
    roles = [f"{stem}{number}>" for number in range(1, len(authors) + 1)]
    triples: list[Triple] = []
    add = triples.append
    previous = None
    for role, author in zip(roles, authors, strict=True):
        person = ctx.author(author)[1]
        add((document, AUTHOR, person))
        if is_work:
            add((document, CREATOR, person))
        add((document, CONTEXT_FOR, role))
        add((role, A, ROLE_IN_TIME))
        add((role, WITH_ROLE, AUTHOR_ROLE))
        add((role, HELD_BY, person))
        if previous is not None:
            add((previous, HAS_NEXT, role))
        previous = role
    if any(author.equal_contribution for author in authors):
        triples += _equal_contribution(roles, authors)
    return triples


def _equal_contribution(roles: list[str], authors: Sequence[Author]) -> Iterator[Triple]:
    """Roles of equal contributors, linked pairwise both ways."""
    equal = [role for role, author in zip(roles, authors, strict=True) if author.equal_contribution]
    for role in equal:
        for other in equal:
            if other != role:
                yield role, SCORO.isEqualToRoleInTime, other


def coauthor_blocks(
    ctx: ProfileContext, known: dict[str, tuple[Triple, ...]]
) -> list[tuple[Triple, ...]]:
    """The person triples of every author of the profile's works, one block per person.

    Every profile graph restates the co-authors it mentions, so ``known`` (person key →
    block, owned by one ``build_site_graph`` call) keeps each block built for an earlier
    profile: a person's triples depend only on the site-wide identity."""
    people = ctx.coauthors
    blocks = []
    for key in sorted(people):
        block = known.get(key)
        if block is None:
            block = known[key] = tuple(author_person_triples(ctx.base, people[key]))
        blocks.append(block)
    return blocks
