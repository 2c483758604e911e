"""``core_terms.quick_facts`` answers exactly what rdflib answers, for every literal it
answers at all: the reported spelling (``n3()``), datatype, language, normalised lexical
form, Python value and ill-typedness."""

from __future__ import annotations

from datetime import UTC

from hypothesis import given, settings
from hypothesis import strategies as st

from scholarld.graph.terms import literal
from scholarld.validation.core_terms import LiteralTable, quick_facts, rdflib_facts

XSD = "http://www.w3.org/2001/XMLSchema#"
DATATYPES = [None, *(f"<{XSD}{name}>" for name in (
    "string", "gYear", "gYearMonth", "integer", "date", "dateTime", "decimal", "boolean",
    "anyURI",
))]  # fmt: skip
LANGUAGES = [None, "en", "zh", "zh-hans", "EN", "en-US", "x-private1"]
LEXICAL = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"-?[0-9]{1,20}", fullmatch=True),
    st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", fullmatch=True),
    st.dates().map(lambda day: day.isoformat()),
    st.datetimes(timezones=st.sampled_from([None, UTC])).map(
        lambda moment: moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    ),
    st.sampled_from(["2016", "20l6", "2016-13", "0012", "-0", "2016-02-30", "a\nb", 'q"q']),
)


@settings(max_examples=600, deadline=None)
@given(
    lexical=LEXICAL,
    language=st.sampled_from(LANGUAGES),
    datatype=st.sampled_from(DATATYPES),
)
def test_quick_facts_are_rdflibs(lexical: str, language: str | None, datatype: str | None) -> None:
    term = literal(lexical, lang=language, datatype=None if language else datatype)
    quick = quick_facts(term)
    if quick is not None:
        assert quick == rdflib_facts(term), term


def test_what_scholarld_writes_is_answered_without_rdflib() -> None:
    written = [
        literal("Deep Residual Learning"),
        literal("何恺明", lang="zh"),
        literal("2016", datatype=f"<{XSD}gYear>"),
        literal("2016-06", datatype=f"<{XSD}gYearMonth>"),
        literal("6200", datatype=f"<{XSD}integer>"),
        literal("2020-01-31", datatype=f"<{XSD}date>"),
        literal("2010-01-01T00:00:00Z", datatype=f"<{XSD}dateTime>"),
    ]
    assert all(quick_facts(term) is not None for term in written)
    table = LiteralTable.of(written)
    assert table.spelling[written[-1]] == f'"2010-01-01T00:00:00+00:00"^^<{XSD}dateTime>'


def test_non_canonical_and_ill_typed_literals_go_to_rdflib() -> None:
    for lexical, name in [("0012", "integer"), ("2016-02-30", "date"), ("x", "dateTime")]:
        assert quick_facts(literal(lexical, datatype=f"<{XSD}{name}>")) is None
    assert quick_facts(literal('say "hi"')) is None  # escapes: rdflib spells them its way
