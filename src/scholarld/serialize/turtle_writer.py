"""Turtle and TriG bodies written straight from sorted N-Triples terms: no parsing.

Triples arrive sorted, so each subject's triples are adjacent and, within a subject, each
predicate's: the writer only decides between `` , `` (same subject and predicate),
`` ;`` + a new line (same subject) and `` .`` + a new line (a new subject). The layout is
the common one (a tab before each further predicate; in TriG one more tab inside a graph)::

    <work/he2016deep> a fabio:ResearchPaper , schema:CreativeWork ;
    \tschema:author <person/kaiming-he> , <person/xiangyu-zhang> ;
    \tschema:name "Deep Residual Learning for Image Recognition" .

Terms are spelled by ``serialize.turtle_terms``. A body can be written in slices cut at
subject boundaries (``subject_slices``), e.g. by two processes, and joined.
"""

from __future__ import annotations

from collections.abc import Sequence

from scholarld.serialize.lines import Triple
from scholarld.serialize.turtle_terms import TurtleNames, spell, spell_predicate


def turtle_body(triples: Sequence[Triple], names: TurtleNames, indent: str = "") -> str:
    """The statements of ``triples`` (sorted, unique), each subject's block starting with
    ``indent`` and ending with `` .`` and a new line."""
    parts: list[str] = []
    append = parts.append
    spellings = names.spellings
    predicates = names.predicates
    further = f" ;\n{indent}\t"
    subject = predicate = ""
    for s, p, o in triples:
        obj = spellings.get(o) or spell(o, names)
        if s == subject:
            if p == predicate:
                append(" , " + obj)
            else:
                predicate = p
                append(f"{further}{predicates.get(p) or spell_predicate(p, names)} {obj}")
            continue
        if subject:
            append(" .\n")
        subject, predicate = s, p
        subject_name = spellings.get(s) or spell(s, names)
        append(f"{indent}{subject_name} {predicates.get(p) or spell_predicate(p, names)} {obj}")
    if subject:
        append(" .\n")
    return "".join(parts)


def trig_graph(graph_iri: str, triples: Sequence[Triple], names: TurtleNames) -> str:
    """One named graph of a TriG document: ``<graph/x> {`` + its statements + ``}``."""
    name = spell(f"<{graph_iri}>", names)
    return f"{name} {{\n{turtle_body(triples, names, indent=chr(9))}}}\n"


def subject_slices(triples: Sequence[Triple], count: int) -> list[Sequence[Triple]]:
    """``triples`` (sorted) cut into about ``count`` slices, never inside a subject's
    block, so the bodies of the slices join into the body of the whole."""
    size = max(1, -(-len(triples) // max(1, count)))
    slices: list[Sequence[Triple]] = []
    start = 0
    while start < len(triples):
        end = min(start + size, len(triples))
        while end < len(triples) and triples[end][0] == triples[end - 1][0]:
            end += 1
        slices.append(triples[start:end])
        start = end
    return slices
