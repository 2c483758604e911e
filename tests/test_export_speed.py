"""The second round of export speed-ups gives exactly what the located code gives.

- ``yaml_tree.plain_value`` (the reader's fast path, no lines) builds the same value as
  ``yaml_tree.build`` and refuses, with ``UnusualNodeError``, everything ``build`` reports
  or guards against, so those files are read again with lines;
- ``reader.read_profile`` takes the fast path only for a file without any problem; files
  read in a second process (``map_in_two``) give the same site;
- the site check builds work claims only for work keys that two files share, and still
  finds a work defined differently in two files;
- the JSON-LD writer's per-term value caches change nothing (byte-identical output is
  checked against the plain ``json.dumps`` of each node).
"""

from __future__ import annotations

import json
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader_helpers import VALID
from scholarld import parallel
from scholarld.errors import ProfileError
from scholarld.graph.collisions import (
    shared_work_claims,
    shared_work_keys,
    site_problems,
    work_definition_claims,
)
from scholarld.profiles import SourcedProfile
from scholarld.profiles.reader import located_profile, plain_document, read_profile, read_site
from scholarld.profiles.yaml_tree import (
    MAX_DEPTH,
    TextLoader,
    UnusualNodeError,
    build,
    plain_value,
)
from scholarld.serialize.context import load_context
from scholarld.serialize.jsonld import (
    Compactor,
    compact_key,
    node_object,
    node_text,
    write_jsonld,
)

DATA = Path(__file__).resolve().parents[1] / "data"

PLAIN_DOCUMENTS = [
    VALID,
    "a: No\nb: on\nc: 2019-05-01\nd: 1:20\ne: ~\nf:\ng: null\nh: '007'\n",
    "list:\n  - 1\n  - [x, {y: z}]\n  - !!str 5\n  - !!int 6\n",
    "anchor: &a text\nagain: *a\n",  # a scalar alias is a plain value
    "- one\n- two: 2\n",
    "just text\n",
    "key: |\n  block\n  text\n",
]

UNUSUAL_DOCUMENTS = [
    "a: 1\na: 2\n",  # duplicate key
    "when: !!timestamp 2019-01-01\n",  # a tag build rejects
    "x: !custom value\n",
    "items: !!set {a, b}\n",
    "base: &b {k: v}\nother: *b\n",  # an alias of a mapping
    "list: &l [1, 2]\ncopy: *l\n",  # an alias of a list
    "? [a, b]\n: value\n",  # a key that is not text
    "'': empty key\n",
    "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "\n",  # nested too deeply
]


def _compose(text: str) -> yaml.Node:
    root = yaml.compose(text, Loader=TextLoader)
    assert root is not None
    return root


@pytest.mark.parametrize("text", PLAIN_DOCUMENTS)
def test_plain_value_is_the_value_build_gives(text: str) -> None:
    document, problems = build(_compose(text), "f.yaml")
    assert problems == []
    assert plain_value(_compose(text)) == document.value


@pytest.mark.parametrize("text", UNUSUAL_DOCUMENTS)
def test_plain_value_refuses_what_build_reports_or_guards(text: str) -> None:
    with pytest.raises(UnusualNodeError):
        plain_value(_compose(text))


_SCALARS = st.sampled_from(["No", "yes", "~", "", "2019", "1:20", "a b", "'q'", "null", "x: y"])


def _containers(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    keys = st.sampled_from(["a", "b", "No", "1"])
    return st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4)


_YAML_VALUES = st.recursive(_SCALARS, _containers, max_leaves=12)


@settings(max_examples=60, deadline=None)
@given(_YAML_VALUES)
def test_plain_value_matches_build_on_generated_documents(value: object) -> None:
    text = yaml.safe_dump({"root": value}, allow_unicode=True)
    document, problems = build(_compose(text), "f.yaml")
    assert problems == []
    assert plain_value(_compose(text)) == document.value


def test_the_default_profile_reads_the_same_with_and_without_lines() -> None:
    path = DATA / "people" / "kaiming-he.yaml"
    quick, problems = read_profile(path)
    located, located_problems = located_profile(path)
    assert problems == [] and located_problems == []
    assert quick is not None and quick == located


def test_a_file_with_a_problem_is_read_again_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "ada.yaml"
    path.write_text("person:\n  name: Ada\nworks:\n  - key: Bad Key\n    title: T\n", "utf-8")
    assert plain_document(path) is not None  # the YAML is plain: validation finds it
    profile, problems = read_profile(path)
    assert profile is None
    assert [(p.line, p.field) for p in problems] == [(4, "works[0].key")]


def test_unreadable_yaml_gives_no_plain_document(tmp_path: Path) -> None:
    path = tmp_path / "ada.yaml"
    path.write_bytes(b"person:\n  name: \xe9\n")
    assert plain_document(path) is None
    profile, problems = read_profile(path)
    assert profile is None and problems[0].line == 2 and "not UTF-8" in problems[0].message


def _site_folder(tmp_path: Path, count: int) -> Path:
    people = tmp_path / "people"
    people.mkdir()
    text = (DATA / "people" / "kaiming-he.yaml").read_text("utf-8")
    for number in range(count):
        (people / f"person-{number:02d}.yaml").write_text(text, "utf-8")
    return tmp_path


def test_files_parsed_in_a_second_process_give_the_serial_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not parallel.can_fork():
        pytest.skip("needs two cores and fork")
    data = _site_folder(tmp_path, parallel.MIN_ITEMS + 2)
    split = read_site(data)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    serial = read_site(data)
    assert split.profiles == serial.profiles


def test_a_bad_file_among_many_is_still_reported_with_its_line(tmp_path: Path) -> None:
    data = _site_folder(tmp_path, parallel.MIN_ITEMS + 2)
    (data / "people" / "person-17.yaml").write_text("person:\n  name: A\n  name: B\n", "utf-8")
    with pytest.raises(ProfileError) as raised:
        read_site(data)
    [problem] = raised.value.problems
    assert problem.file.endswith("person-17.yaml") and problem.line == 3
    assert "written twice" in problem.message


def _sourced(tmp_path: Path, name: str, text: str) -> SourcedProfile:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, "utf-8")
    profile, problems = read_profile(path)
    assert profile is not None, problems
    return SourcedProfile(name, path, profile)


def test_only_works_two_files_share_are_claimed(tmp_path: Path) -> None:
    ada = _sourced(tmp_path, "ada", VALID)
    other = VALID.replace("example2019", "other2019")
    bo = _sourced(tmp_path, "bo", other.replace("Ada Example", "Bo Example", 1))
    assert shared_work_keys([ada, bo]) == frozenset()
    assert list(shared_work_claims(frozenset(), ada.profile)) == []
    shared = frozenset({"example2019"})
    assert list(shared_work_claims(shared, ada.profile)) == list(
        work_definition_claims(ada.profile)
    )


def test_a_work_defined_differently_in_two_files_is_still_found(tmp_path: Path) -> None:
    ada = _sourced(tmp_path, "ada", VALID)
    bo = _sourced(tmp_path, "bo", VALID.replace("A Title", "Another Title"))
    assert shared_work_keys([ada, bo]) == frozenset({"example2019"})
    problems = site_problems([ada, bo])
    assert [(p.file, p.field) for p in problems] == [
        (str(bo.path), "works[0].title"),
        (str(bo.path), "works[0].versions[0]"),  # the version's title is the work's
    ]
    assert "work 'example2019' has another title here" in problems[0].message


def test_jsonld_value_caches_give_the_plain_encoding() -> None:
    from scholarld.graph import build_site_graph
    from scholarld.identity import resolve_people

    site = read_site(DATA)
    graphs = build_site_graph(site, resolve_people(site.profiles)).graphs
    context = load_context()
    cached = Compactor(context, site.config.base_iri)
    for graph in graphs:
        for subject, group in groupby(graph.triples, key=itemgetter(0)):
            triples = list(group)
            fresh = node_object(subject, triples, Compactor(context, site.config.base_iri))
            again = node_object(subject, triples, cached)
            assert json.dumps(again, ensure_ascii=False) == json.dumps(fresh, ensure_ascii=False)
            # the writer joins cached JSON texts: the same bytes as encoding the object
            assert node_text(subject, triples, cached) == json.dumps(fresh, ensure_ascii=False)
    assert write_jsonld(graphs, context, site.config.base_iri).endswith("}\n")
    # node_text keeps one entry per predicate: no two predicates may share a key
    predicates = {p for graph in graphs for _, p, _ in graph.triples}
    keys = {compact_key(p[1:-1], cached) for p in predicates}
    assert len(keys) == len(predicates)
