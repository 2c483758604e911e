"""Every profile the model accepts maps to a graph with no SHACL *Violation* (issue 3 §2).

Violations are for broken data, which the model already rejects, and for graph bugs;
warnings (missing recommended data) are fine. Checked on the bug report's three cases,
on the complete example of docs/profile.md and the every-enum fixture, and on profiles
hypothesis builds from the model's own types.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import rdflib
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sample_profiles import SITE_YAML, write_sample_data
from scholarld.cli import cli
from scholarld.errors import ProfileError
from scholarld.graph import build_site_graph, to_rdflib_graph
from scholarld.identity import resolve_people
from scholarld.model import (
    LinkKind,
    Presentation,
    Profile,
    SiteConfig,
    StatusState,
    TalkKind,
    TalkPart,
    VenueKind,
    VersionKind,
)
from scholarld.profiles import Site, SourcedProfile, read_site
from scholarld.validation import Severity, validate_site_graph

REPO = Path(__file__).resolve().parents[1]
SHAPES = REPO / "shapes"
PROFILE_DOC = REPO / "docs" / "profile.md"
JANE_DOE = REPO / "tests" / "fixtures" / "graph" / "jane-doe.yaml"
BASE = "http://localhost:8000/"
SCHEMA = rdflib.Namespace("https://schema.org/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
FABIO = rdflib.Namespace("http://purl.org/spar/fabio/")
FRBR = rdflib.Namespace("http://purl.org/vocab/frbr/core#")
RDF = rdflib.RDF


def violations_of_site(site: Site) -> list[str]:
    """One line per SHACL Violation (shape, focus node, value) of the site's graph."""
    report = validate_site_graph(build_site_graph(site, resolve_people(site.profiles)), SHAPES)
    return [
        f"{result.shape.rsplit('#', 1)[-1]}: {result.focus} {result.value}: {result.message}"
        for result in report.results
        if result.severity is Severity.VIOLATION
    ]


def violations_of_yaml(tmp_path: Path, profile_yaml: str) -> list[str]:
    """Read ``profile_yaml`` as ``data/people/alice.yaml`` the way the CLI does, then validate."""
    data = tmp_path / "data"
    (data / "people").mkdir(parents=True)
    (data / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (data / "people" / "alice.yaml").write_text(profile_yaml, encoding="utf-8")
    return violations_of_site(read_site(data))


def violations_of_profile(profile: Profile) -> list[str]:
    path = Path("data/people/alice.yaml")
    return violations_of_site(Site(SiteConfig(), (SourcedProfile("alice", path, profile),), path))


# --- the bug report: each case on its own ---------------------------------------------

OTHER_SCRIPT_NAME = """\
person:
  name: Kaiming He
  other_names: [{value: 何恺明, lang: zh}, {value: 何愷明, lang: zh-Hant}]
  aliases: [K. He]
works:
  - key: he2016deep
    title: Deep Residual Learning
    authors: [Kaiming He, 何恺明]
"""

SERIES_WITH_ACRONYM_AND_EDITIONS = """\
person: {name: Alice Author}
venues:
  - {key: CVPR, name: Computer Vision and Pattern Recognition, acronym: CVPR, kind: conference}
  - {key: ICCVW, name: ICCV Workshops, acronym: ICCV-W, kind: workshop}
roles:
  - {role: Area Chair, venue: CVPR, year: 2016}
  - {role: Program Chair, venue: ICCVW, start: 2017, end: 2019}
talks:
  - {kind: tutorial, title: Deep Things, venue: CVPR, year: 2017, part: organizer}
works:
  - key: alice2016deep
    title: Deep Things
    authors: [Alice Author]
    versions:
      - {kind: conference-paper, venue: CVPR, year: 2016, presentation: oral}
      - {kind: conference-paper, venue: CVPR, year: 2017}
      - {kind: workshop-paper, venue: ICCVW, year: 2017}
      - {kind: workshop-paper, venue: ICCVW}
"""

ARXIV_PREPRINTS = """\
person: {name: Alice Author}
venues:
  - {key: arXiv, kind: preprint-server}
  - {key: CVPR, name: Computer Vision and Pattern Recognition, kind: conference}
works:
  - key: alice2015deep
    title: Deep Things
    authors: [Alice Author]
    identifiers: {arxiv: "1512.03385"}
    versions:
      - {kind: preprint, venue: arXiv, year: 2015, month: 12}
      - {kind: conference-paper, venue: CVPR, year: 2016}
  - key: alice2019tr
    title: A Report
    authors: [Alice Author]
    versions:
      - {kind: tech-report, venue: arXiv, identifiers: {arxiv: "1901.00001"}}
      - {kind: preprint, venue: arXiv}
"""


@pytest.mark.parametrize(
    "profile_yaml",
    [OTHER_SCRIPT_NAME, SERIES_WITH_ACRONYM_AND_EDITIONS, ARXIV_PREPRINTS],
    ids=["other-script-names", "series-acronym-editions", "arxiv-preprints"],
)
def test_reported_profile_has_no_violation(tmp_path: Path, profile_yaml: str) -> None:
    assert violations_of_yaml(tmp_path, profile_yaml) == []


def union_graph(tmp_path: Path, profile_yaml: str) -> rdflib.Graph:
    data = tmp_path / "graph-data"
    (data / "people").mkdir(parents=True)
    (data / "people" / "alice.yaml").write_text(profile_yaml, encoding="utf-8")
    site = read_site(data)
    return to_rdflib_graph(build_site_graph(site, resolve_people(site.profiles)))


def test_other_script_name_is_a_tagged_alternate_name(tmp_path: Path) -> None:
    graph = union_graph(tmp_path, OTHER_SCRIPT_NAME)
    me = rdflib.URIRef(f"{BASE}person/kaiming-he")
    assert set(graph.objects(me, FOAF.name)) == {rdflib.Literal("Kaiming He")}
    assert set(graph.objects(me, SCHEMA.name)) == {rdflib.Literal("Kaiming He")}
    assert set(graph.objects(me, SCHEMA.alternateName)) == {
        rdflib.Literal("何恺明", lang="zh"),
        rdflib.Literal("何愷明", lang="zh-hant"),
        rdflib.Literal("K. He"),
    }


def test_series_keeps_its_acronym_beside_its_editions(tmp_path: Path) -> None:
    graph = union_graph(tmp_path, SERIES_WITH_ACRONYM_AND_EDITIONS)
    series = rdflib.URIRef(f"{BASE}venue/cvpr")
    assert set(graph.objects(series, SCHEMA.alternateName)) == {rdflib.Literal("CVPR")}
    editions = set(graph.subjects(FRBR.partOf, series))
    assert editions == {rdflib.URIRef(f"{BASE}venue/cvpr/{year}") for year in (2016, 2017)}


def test_preprints_are_published_by_the_server_not_part_of_it(tmp_path: Path) -> None:
    graph = union_graph(tmp_path, ARXIV_PREPRINTS)
    preprints = set(graph.subjects(RDF.type, FABIO.Preprint))
    preprints |= set(graph.subjects(RDF.type, FABIO.ReportDocument))
    assert len(preprints) == 3
    arxiv = rdflib.URIRef(f"{BASE}venue/arxiv")
    for version in preprints:
        assert list(graph.objects(version, FRBR.partOf)) == [], version
        assert list(graph.objects(version, SCHEMA.isPartOf)) == [], version
        assert list(graph.objects(version, SCHEMA.publisher)) == [arxiv], version


BLANK_TEXT = """person:
  name: " "
  given_name: " "
  other_names: [{value: " ", lang: zh}]
  affiliation: {name: "  ", parent: {name: Corp}}
  identifiers: {github: " "}
  links: [{label: " ", kind: code, url: "https://github.com/x"}]
venues:
  - {key: " ", kind: conference}
talks:
  - {kind: talk, title: " ", venue: " ", year: 2019, part: speaker}
works:
  - key: w
    title: " "
    authors: [" "]
    versions: [{kind: conference-paper, venue: " ", year: 2019, awards: [" "]}]
"""


def test_whitespace_only_text_is_rejected_by_the_reader(tmp_path: Path) -> None:
    """Blank text is broken data: the model refuses it with a located problem, so it never
    reaches the shapes (which therefore need no "not blank" patterns of their own)."""
    with pytest.raises(ProfileError) as raised:
        violations_of_yaml(tmp_path, BLANK_TEXT)
    message = str(raised.value.message)
    assert "alice.yaml:2: person.name: the value is blank (write a value or remove" in message
    assert "works[0].title: the value is blank" in message


# --- complete examples ----------------------------------------------------------------


def doc_example_profile() -> str:
    text = PROFILE_DOC.read_text(encoding="utf-8")
    found = re.search(r"<!-- example-profile -->\n```yaml\n(.*?)```", text, re.S)
    assert found, "docs/profile.md lacks the fenced yaml block after <!-- example-profile -->"
    return found.group(1)


def test_doc_example_profile_has_no_violation(tmp_path: Path) -> None:
    assert violations_of_yaml(tmp_path, doc_example_profile()) == []


def test_every_enum_fixture_has_no_violation(tmp_path: Path) -> None:
    assert violations_of_yaml(tmp_path, JANE_DOE.read_text(encoding="utf-8")) == []


# --- property: hypothesis builds model-valid profiles -----------------------------------
# Free text draws from a small alphabet with spaces, punctuation and other scripts, so names
# repeat, language tags matter and shrinking stays quick. Names the graph mints IRIs from
# (venue keys, organisations, service roles, talk titles) come from pools whose IRI segments
# differ: colliding names are a ProfileError (test_iri_collision_is_a_profile_error).

TEXT = st.text(alphabet="abAB -/&.é何", min_size=1, max_size=6).filter(str.strip)
YEARS = st.integers(min_value=2010, max_value=2013)
URLS = st.sampled_from(["https://example.org/a", "https://example.org/a?b=c&d", "mailto:a@b.org"])
ORCIDS = st.sampled_from(["0000-0002-1825-0097", "0000-0001-5109-3700"])
VENUE_KEYS = ["CVPR", "ICCV Workshops", "TPAMI", "arXiv", "计算机 Conf", "Lab TR"]
UNDEFINED_VENUES = ["NeurIPS", "ECCV"]  # named by roles and talks without a venues entry
ROLE_NAMES = ["Area Chair", "Associate Editor", "Reviewer", "Program Chair", "组织者"]
TALK_TITLES = ["Deep Things", "何 talk", 'Seeing "things"', "Tutorial: R-CNN"]
# Each organisation always has the same parent (a name under two parents is a ProfileError).
PARENTS = {
    "Example Corp": None,
    "Example Lab": "Example Corp",
    "研究所": "Example Corp",
    "Université Ouverte": None,
}


def links() -> st.SearchStrategy[list[dict[str, Any]]]:
    link = st.fixed_dictionaries(
        {"label": TEXT, "kind": st.sampled_from([kind.value for kind in LinkKind])},
        optional={"url": URLS},
    )
    return st.lists(link, max_size=3)


@st.composite
def organizations(draw: st.DrawFn) -> dict[str, Any]:
    name = draw(st.sampled_from(sorted(PARENTS)))
    optional = {"acronym": TEXT, "place": TEXT, "url": URLS}
    organization: dict[str, Any] = {
        "name": name,
        **draw(st.fixed_dictionaries({}, optional=optional)),
    }
    parent = PARENTS[name]
    if parent is not None:
        organization["parent"] = {
            "name": parent,
            **draw(st.fixed_dictionaries({}, optional=optional)),
        }
    return organization


@st.composite
def positions(draw: st.DrawFn) -> dict[str, Any]:
    position: dict[str, Any] = {"organization": draw(organizations())}
    if draw(st.booleans()):
        position["role"] = draw(TEXT)
    start, end = draw(st.none() | YEARS), draw(st.none() | YEARS)
    if start is not None and end is not None and end < start:
        start, end = end, start
    return {**position, **({} if start is None else {"start": start})} | (
        {} if end is None else {"end": end}
    )


def people() -> st.SearchStrategy[dict[str, Any]]:
    other_name = st.fixed_dictionaries(
        {"value": TEXT, "lang": st.sampled_from(["zh", "zh-Hant", "ja", "en"])}
    )
    identifiers = st.fixed_dictionaries(
        {}, optional={"orcid": ORCIDS, "dblp": st.just("57/54"), "github": st.just("kaiminghe")}
    )
    optional: dict[str, st.SearchStrategy[Any]] = {
        "other_names": st.lists(other_name, max_size=2),
        "aliases": st.lists(TEXT, max_size=2),
        "given_name": TEXT,
        "family_name": TEXT,
        "job_title": TEXT,
        "affiliation": organizations(),
        "past_affiliations": st.lists(positions(), max_size=2),
        "education": st.lists(positions(), max_size=2),
        "interests": st.lists(TEXT, max_size=2),
        "bio": st.lists(TEXT, max_size=2),
        "photo": URLS,
        "homepage": URLS,
        "email": TEXT,
        "identifiers": identifiers,
        "links": links(),
    }
    return st.fixed_dictionaries({"name": TEXT}, optional=optional)


def venues() -> st.SearchStrategy[list[dict[str, Any]]]:
    venue = st.fixed_dictionaries(
        {
            "key": st.sampled_from(VENUE_KEYS),
            "kind": st.sampled_from([kind.value for kind in VenueKind]),
        },
        optional={"name": TEXT, "acronym": TEXT},
    )
    return st.lists(venue, min_size=1, max_size=4, unique_by=lambda v: v["key"])


def authors(names: list[str]) -> st.SearchStrategy[list[Any]]:
    author = st.sampled_from(names) | st.fixed_dictionaries(
        {"name": st.sampled_from(names)},
        optional={"equal_contribution": st.booleans(), "orcid": ORCIDS},
    )
    return st.lists(author, min_size=1, max_size=4)


@st.composite
def versions(draw: st.DrawFn, venue_keys: list[str], names: list[str]) -> dict[str, Any]:
    version: dict[str, Any] = {
        "kind": draw(st.sampled_from([kind.value for kind in VersionKind])),
        "venue": draw(st.sampled_from(venue_keys)),
    }
    optional: dict[str, st.SearchStrategy[Any]] = {
        "conference": st.sampled_from(venue_keys),
        "year": YEARS,
        "status": st.fixed_dictionaries(
            {"state": st.sampled_from([state.value for state in StatusState])},
            optional={"year": YEARS},
        ),
        "presentation": st.sampled_from([p.value for p in Presentation]),
        "awards": st.lists(TEXT, max_size=2),
        "nominations": st.lists(TEXT, max_size=2),
        "title": TEXT,
        "authors": authors(names),
        "identifiers": st.fixed_dictionaries(
            {}, optional={"doi": st.just("10.1109/CVPR.2016.90"), "arxiv": st.just("1512.03385")}
        ),
        "links": links(),
    }
    version |= draw(st.fixed_dictionaries({}, optional=optional))
    if "year" in version and draw(st.booleans()):
        version["month"] = draw(st.integers(min_value=1, max_value=12))
    return version


def works(venue_keys: list[str], names: list[str]) -> st.SearchStrategy[list[dict[str, Any]]]:
    work = st.fixed_dictionaries(
        {
            "key": st.from_regex(r"[a-z0-9][a-z0-9-]{0,5}", fullmatch=True),
            "title": TEXT,
            "authors": authors(names),
            "versions": st.lists(versions(venue_keys, names), min_size=1, max_size=4),
        },
        optional={
            "identifiers": st.fixed_dictionaries({}, optional={"arxiv": st.just("1703.06870")}),
            "links": links(),
            "notes": st.lists(TEXT, max_size=2),
        },
    )
    return st.lists(work, max_size=3, unique_by=lambda w: w["key"])


@st.composite
def roles(draw: st.DrawFn, venue_keys: list[str]) -> dict[str, Any]:
    role: dict[str, Any] = {
        "role": draw(st.sampled_from(ROLE_NAMES)),
        "venue": draw(st.sampled_from(venue_keys + UNDEFINED_VENUES)),
    }
    start, end = draw(YEARS), draw(YEARS)
    span = draw(st.sampled_from(["year", "range", "start", "none"]))
    if span == "year":
        role["year"] = start
    elif span == "range":
        role["start"], role["end"] = min(start, end), max(start, end)
    elif span == "start":
        role["start"] = start
    return role


def talks(venue_keys: list[str]) -> st.SearchStrategy[list[dict[str, Any]]]:
    talk = st.fixed_dictionaries(
        {
            "kind": st.sampled_from([kind.value for kind in TalkKind]),
            "title": st.sampled_from(TALK_TITLES),
            "venue": st.sampled_from(venue_keys + UNDEFINED_VENUES),
            "year": YEARS,
            "part": st.sampled_from([part.value for part in TalkPart]),
        },
        optional={"links": links()},
    )
    return st.lists(talk, max_size=3)


def awards(venue_keys: list[str], work_keys: list[str]) -> st.SearchStrategy[list[Any]]:
    occasion = st.fixed_dictionaries({"venue": st.sampled_from(venue_keys) | TEXT, "year": YEARS})
    optional: dict[str, st.SearchStrategy[Any]] = {
        "year": YEARS,
        "occasions": st.lists(occasion, max_size=2),
    }
    if work_keys:
        optional["work"] = st.sampled_from(work_keys)
    return st.lists(st.fixed_dictionaries({"name": TEXT}, optional=optional), max_size=2)


@st.composite
def profiles(draw: st.DrawFn, shared_venues: list[dict[str, Any]] | None = None) -> Profile:
    person = draw(people())
    venue_list = draw(venues()) if shared_venues is None else shared_venues
    keys = [venue["key"] for venue in venue_list]
    names = [person["name"], *draw(st.lists(TEXT, min_size=1, max_size=3))]
    work_list = draw(works(keys, names))
    data = {
        "person": person,
        "venues": venue_list,
        "works": work_list,
        "roles": draw(st.lists(roles(keys), max_size=3)),
        "talks": draw(talks(keys)),
        "awards": draw(awards(keys, [work["key"] for work in work_list])),
    }
    return Profile.model_validate(data)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(profile=profiles())
def test_model_valid_profiles_have_no_violation(profile: Profile) -> None:
    found = violations_of_profile(profile)
    dumped = yaml.safe_dump(
        profile.model_dump(mode="json", exclude_defaults=True), allow_unicode=True
    )
    assert found == [], "\n".join([*found, "profile:", dumped])


# --- names that would share an IRI: a ProfileError, not two names on one node ------------

COLLISIONS = {
    "talk-venue-vs-venue-key": (
        "venues: [{key: CVPR, kind: conference}]\n"
        "talks: [{kind: talk, title: T, venue: cvpr, year: 2019, part: speaker}]\n",
        "talks[0].venue: venue 'CVPR' (venues[0].key) and 'cvpr' both give the IRI path "
        "venue/cvpr, so they would become one venue",
    ),
    "role-venue-vs-talk-venue": (
        "roles: [{role: Reviewer, venue: ECCV}]\n"
        "talks: [{kind: talk, title: T, venue: eccv, year: 2019, part: speaker}]\n",
        "talks[0].venue: venue 'ECCV' (roles[0].venue) and 'eccv' both give the IRI path "
        "venue/eccv, so they would become one venue",
    ),
    "organisation-names": (
        "  affiliation: {name: Example Lab}\n  education: [{organization: {name: Example lab}}]\n",
        "person.education[0].organization: organisation 'Example Lab' (person.affiliation) and "
        "'Example lab' both give the IRI path org/example-lab, so they would become one "
        "organisation",
    ),
    "organisation-two-parents": (
        "  affiliation: {name: AI Lab, parent: {name: Corp A}}\n"
        "  past_affiliations: [{organization: {name: AI Lab, parent: {name: Corp B}}}]\n",
        "person.past_affiliations[0].organization.parent.name: organisation org/ai-lab is part "
        "of org/corp-a (person.affiliation.parent.name) and of org/corp-b here, but one "
        "organisation has one parent",
    ),
    "service-roles": (
        "roles: [{role: Area Chair, venue: CVPR, year: 2016},"
        " {role: area chair, venue: CVPR, year: 2016}]\n",
        "roles[1].role: service role 'Area Chair' (roles[0].role) and 'area chair' both give "
        "the IRI path {person}/role/area-chair-cvpr-2016, so they would become one service role",
    ),
    "talks": (
        "talks: [{kind: tutorial, title: Deep Nets, venue: CVPR, year: 2019, part: organizer},"
        " {kind: tutorial, title: deep nets!, venue: CVPR, year: 2019, part: speaker}]\n",
        "talks[1].title: talk 'Deep Nets' (talks[0].title) and 'deep nets!' both give "
        "the IRI path event/cvpr/2019/tutorial/deep-nets, so they would become one talk",
    ),
}


def collision_profile(extra: str) -> str:
    person_lines = "".join(line + "\n" for line in extra.splitlines() if line.startswith("  "))
    rest = "".join(line + "\n" for line in extra.splitlines() if not line.startswith("  "))
    return f"person:\n  name: Alice Author\n{person_lines}{rest}"


@pytest.mark.parametrize("case", sorted(COLLISIONS))
def test_iri_collision_is_a_profile_error(tmp_path: Path, case: str) -> None:
    extra, message = COLLISIONS[case]
    with pytest.raises(ProfileError) as raised:
        violations_of_yaml(tmp_path, collision_profile(extra))
    assert raised.value.exit_code == 1
    assert f"alice.yaml: {message}" in raised.value.message
    assert raised.value.message.count("\n") == 1, raised.value.message  # exactly one problem


def test_iri_collision_stops_the_cli(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "people").mkdir(parents=True)
    extra, message = COLLISIONS["organisation-names"]
    (data / "people" / "alice.yaml").write_text(collision_profile(extra), encoding="utf-8")
    output = tmp_path / "out.ttl"
    args = ["--data", str(data), "export", "--no-validate", "-o", str(output)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "write the same name the same way everywhere, or rename one" in result.output
    assert not output.exists()


@st.composite
def two_profile_sites(draw: st.DrawFn) -> Site:
    """Two profiles defining the same venues alike, so most sites build; organisations and
    talks come from the same pools, work keys sometimes coincide."""
    shared = draw(venues())
    first, second = draw(profiles(shared)), draw(profiles(shared))
    people_dir = Path("data/people")
    sourced = (
        SourcedProfile("alice", people_dir / "alice.yaml", first),
        SourcedProfile("bob", people_dir / "bob.yaml", second),
    )
    return Site(SiteConfig(), sourced, Path("data"))


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(site=two_profile_sites())
def test_two_profiles_conform_or_are_a_profile_error(site: Site) -> None:
    """Profiles sharing a site share venue, work and organisation nodes: what would merge
    into a node with two names is a ProfileError naming a file; anything else conforms."""
    try:
        found = violations_of_site(site)
    except ProfileError as error:
        assert all(problem.file.endswith(("alice.yaml", "bob.yaml")) for problem in error.problems)
        return
    dumped = [
        yaml.safe_dump(s.profile.model_dump(mode="json", exclude_defaults=True), allow_unicode=True)
        for s in site.profiles
    ]
    assert found == [], "\n".join([*found, "profiles:", *dumped])


# --- two profiles share venue, work and organisation nodes ------------------------------

ALICE_SHARED = """\
person: {name: Alice Author, affiliation: {name: AI Lab, parent: {name: Corp A}}}
venues:
  - {key: arXiv, name: arXiv, kind: preprint-server}
  - {key: CVPR, name: Computer Vision and Pattern Recognition, kind: conference}
works:
  - key: w1
    title: Deep Things
    authors: [Alice Author, Bob Builder]
    versions: [{kind: conference-paper, venue: CVPR, year: 2016}]
"""
# Bob's venues and work agree with Alice's (a shorter author list and fewer versions merge).
BOB_AGREES = """\
person: {name: Bob Builder, affiliation: {name: AI Lab, parent: {name: Corp A}}}
venues:
  - {key: arXiv, kind: preprint-server}
  - {key: CVPR, name: Computer Vision and Pattern Recognition, kind: conference}
works:
  - {key: w1, title: Deep Things, authors: [Alice Author]}
"""
SHARED_COLLISIONS = {
    "venue-redefined": (
        (
            "{key: CVPR, name: Computer Vision and Pattern Recognition, kind: conference}",
            "{key: CVPR, name: IEEE CVPR, kind: conference}",
        ),
        "venues[1]: venue 'CVPR' is defined differently here than in {alice}: venues[1], but "
        "the site has one node venue/cvpr for both",
    ),
    "work-title": (
        ("title: Deep Things", "title: Deeper Things"),
        "works[0].title: work 'w1' has another title here than in {alice}: works[0].title, "
        "but the site has one node work/w1 for both",
    ),
    "author-position": (
        ("authors: [Alice Author]", "authors: [Bob Builder]"),
        "works[0].authors[0]: work 'w1' has another author 1 here than in {alice}: "
        "works[0].authors[0], but the site has one node work/w1 for both",
    ),
    "organisation-parent": (
        ("parent: {name: Corp A}", "parent: {name: Corp B}"),
        "person.affiliation.parent.name: organisation org/ai-lab is part of org/corp-a "
        "({alice}: person.affiliation.parent.name) and of org/corp-b here, but one "
        "organisation has one parent",
    ),
}


def two_profiles(tmp_path: Path, bob_yaml: str) -> Path:
    return write_sample_data(tmp_path, {"alice": ALICE_SHARED, "bob": bob_yaml})


def test_profiles_that_agree_share_nodes_and_conform(tmp_path: Path) -> None:
    assert violations_of_site(read_site(two_profiles(tmp_path, BOB_AGREES))) == []


@pytest.mark.parametrize("case", sorted(SHARED_COLLISIONS))
def test_profiles_that_disagree_are_a_profile_error(tmp_path: Path, case: str) -> None:
    (old, new), message = SHARED_COLLISIONS[case]
    assert old in BOB_AGREES
    data = two_profiles(tmp_path, BOB_AGREES.replace(old, new))
    with pytest.raises(ProfileError) as raised:
        violations_of_site(read_site(data))
    people = data / "people"
    expected = f"{people / 'bob.yaml'}: " + message.format(alice=people / "alice.yaml")
    assert expected in raised.value.message
    assert raised.value.message.count("\n") == 1, raised.value.message  # exactly one problem
