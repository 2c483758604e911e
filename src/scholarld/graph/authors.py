"""Authors of a document (a version or a work), in order.

``schema:author`` each person (unordered, as schema.org has it), and the order as PRO
roles at ``{document}/author/{n}``: ``pro:isDocumentContextFor`` each role, each role
``pro:withRole pro:author ; pro:isHeldBy <person>``, chained by ``oco:hasNext`` (the
OpenCitations Data Model). Authors marked as equal contributors have their roles linked
pairwise, both ways, by ``scoro:isEqualToRoleInTime``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise

from scholarld.graph.context import ProfileContext
from scholarld.graph.iris import under
from scholarld.graph.namespaces import DCTERMS, OCO, PRO, SCHEMA, SCORO, A
from scholarld.graph.person import author_person_triples
from scholarld.graph.terms import Triple
from scholarld.identity import PersonIdentity
from scholarld.model import Author


def author_triples(
    ctx: ProfileContext, document: str, authors: Sequence[Author], is_work: bool = False
) -> Iterator[Triple]:
    """Authors of ``document``; a work also gets ``dcterms:creator`` (as FaBiO shows)."""
    roles = [under(document, "author", str(number)) for number in range(1, len(authors) + 1)]
    for role, author in zip(roles, authors, strict=True):
        _, person = ctx.author(author)
        yield document, SCHEMA.author, person
        if is_work:
            yield document, DCTERMS.creator, person
        yield document, PRO.isDocumentContextFor, role
        yield role, A, PRO.RoleInTime
        yield role, PRO.withRole, PRO.author
        yield role, PRO.isHeldBy, person
    for role, following in pairwise(roles):
        yield role, OCO.hasNext, following
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
    people: dict[str, PersonIdentity] = {
        identity.key: identity for identity in ctx.authors.values()
    }
    blocks = []
    for key in sorted(people):
        block = known.get(key)
        if block is None:
            block = known[key] = tuple(author_person_triples(ctx.base, people[key]))
        blocks.append(block)
    return blocks
