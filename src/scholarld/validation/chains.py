"""The author-chain check: each document's author roles form one acyclic ``oco:hasNext``
chain covering all of them, and its ``schema:author`` set equals the roles' holders.

SHACL Core cannot say this (a two-role cycle passes every max-count check), and the same
checks written as SHACL-SPARQL took minutes in pySHACL's rdflib SPARQL engine on the
default graph, so they run here, in plain Python over N-Triples terms (milliseconds, no
rdflib). Results look like SHACL results from ``shape:AuthorChainShape``, one named
constraint per rule (``shape:AuthorChainOneHead`` ...), listed in ``CHECKS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from scholarld.validation.report import Severity, ValidationResult

SHAPES = "https://w3id.org/scholarld/shapes#"
CHAIN_SHAPE = SHAPES + "AuthorChainShape"
CHAIN_COMPONENT = SHAPES + "AuthorChainCheck"

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
CONTEXT_FOR = "<http://purl.org/spar/pro/isDocumentContextFor>"
WITH_ROLE = "<http://purl.org/spar/pro/withRole>"
HELD_BY = "<http://purl.org/spar/pro/isHeldBy>"
AUTHOR_ROLE = "<http://purl.org/spar/pro/author>"
HAS_NEXT = "<https://w3id.org/oc/ontology/hasNext>"
SCHEMA_AUTHOR = "<https://schema.org/author>"

CHECKS: dict[str, str] = {
    "AuthorChainOneHead": "The author roles start more than one oco:hasNext chain: {value} is "
    "a second first author; link all author roles of this document into one list.",
    "AuthorChainOneTail": "The author roles end more than one oco:hasNext chain: {value} is a "
    "second last author; link all author roles of this document into one list.",
    "AuthorChainNoCycle": "Author role {value} is on an oco:hasNext cycle: the author list "
    "must be a chain with a first and a last author.",
    "AuthorChainCovers": "Author role {value} cannot be reached by oco:hasNext from the first "
    "author role: every author of this document must be in the one chain.",
    "AuthorChainStaysInside": "An author role of this document has oco:hasNext {value}, which "
    "is not an author role of the same document.",
    "AuthorChainMatchesAuthors": "schema:author and the author roles disagree: {value} is a "
    "schema:author without an author role, or holds an author role without being a "
    "schema:author, of this document.",
}


@dataclass
class _Index:
    """What the check needs, gathered in one pass over the triples."""

    roles: dict[str, set[str]] = field(default_factory=dict)  # document -> roles
    with_role: dict[str, set[str]] = field(default_factory=dict)
    held_by: dict[str, set[str]] = field(default_factory=dict)
    next_of: dict[str, set[str]] = field(default_factory=dict)
    authors: dict[str, set[str]] = field(default_factory=dict)

    def tables(self) -> dict[str, dict[str, set[str]]]:
        """Each predicate the check reads → the table its triples go to."""
        return {
            CONTEXT_FOR: self.roles,
            WITH_ROLE: self.with_role,
            HELD_BY: self.held_by,
            HAS_NEXT: self.next_of,
            SCHEMA_AUTHOR: self.authors,
        }


def author_chain_results(triples: Iterable[tuple[str, str, str]]) -> tuple[ValidationResult, ...]:
    """Every author-chain problem of every document (subject of ``pro:isDocumentContextFor``)."""
    index = _Index()
    tables = index.tables()
    rows = list(triples)
    # the triples of the predicates read here, picked in C (most triples are not)
    read = compress(rows, map(tables.__contains__, map(itemgetter(1), rows)))
    for subject, predicate, value in read:
        table = tables[predicate]
        values = table.get(subject)
        if values is None:
            table[subject] = {value}
        else:
            values.add(value)
    return tuple(
        result for document in sorted(index.roles) for result in _check_document(index, document)
    )


def _check_document(index: _Index, document: str) -> Iterator[ValidationResult]:
    roles = {r for r in index.roles[document] if AUTHOR_ROLE in index.with_role.get(r, set())}
    if not roles:
        return
    nexts = {role: index.next_of.get(role, set()) for role in roles}
    for role in sorted(roles):
        for outside in sorted(nexts[role] - roles):
            yield _result("AuthorChainStaysInside", document, outside)
    pointed_at = set().union(*nexts.values())  # roles some role of the document precedes
    heads = sorted(roles - pointed_at)
    tails = sorted(r for r in roles if nexts[r].isdisjoint(roles))
    yield from (_result("AuthorChainOneHead", document, head) for head in heads[1:])
    yield from (_result("AuthorChainOneTail", document, tail) for tail in tails[1:])
    if not _one_simple_chain(nexts, roles, heads):  # else: no cycle, every role covered
        for role in sorted(roles):
            if role in _reachable(nexts, roles, nexts[role] & roles):
                yield _result("AuthorChainNoCycle", document, role)
        covered = _reachable(nexts, roles, set(heads))
        for role in sorted(roles - covered):
            yield _result("AuthorChainCovers", document, role)
    holders = {holder for role in roles for holder in index.held_by.get(role, set())}
    for person in sorted(holders ^ index.authors.get(document, set())):
        yield _result("AuthorChainMatchesAuthors", document, person, SCHEMA_AUTHOR)


def _one_simple_chain(nexts: dict[str, set[str]], roles: set[str], heads: list[str]) -> bool:
    """One head whose single ``oco:hasNext`` steps visit every role once and stop: the
    common, well-formed case (a cycle or an unreachable role is then impossible)."""
    if len(heads) != 1:
        return False
    seen = {heads[0]}
    role = heads[0]
    while nexts[role]:
        if len(nexts[role]) != 1:
            return False
        (role,) = nexts[role]
        if role in seen or role not in roles:
            return False
        seen.add(role)
    return len(seen) == len(roles)


def _reachable(nexts: dict[str, set[str]], roles: set[str], start: set[str]) -> set[str]:
    """Roles reachable from ``start`` (inclusive) along ``oco:hasNext`` within ``roles``."""
    seen: set[str] = set()
    todo = sorted(start)
    while todo:
        role = todo.pop()
        if role in seen:
            continue
        seen.add(role)
        todo.extend(sorted(nexts.get(role, set()) & roles))
    return seen


def _result(check: str, document: str, value: str, path: str = HAS_NEXT) -> ValidationResult:
    return ValidationResult(
        severity=Severity.VIOLATION,
        focus=document,
        path=path,
        value=value,
        message=CHECKS[check].format(value=value.strip("<>")),
        shape=CHAIN_SHAPE,
        component=CHAIN_COMPONENT,
        constraint=SHAPES + check,
    )
