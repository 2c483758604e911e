"""The homepage importer on other researchers' pages (invented here), laid out differently
from the seed: Markdown headings and lists, venue and year on one line, abbreviated names,
repeated publication lists, other heading words, things it cannot read."""

from __future__ import annotations

from textwrap import dedent

from scholarld.importers.homepage import import_homepage
from scholarld.importers.homepage.links import parse_link_line
from scholarld.importers.homepage.names import parse_authors, script_runs
from scholarld.importers.homepage.venue_lines import parse_venue_line
from scholarld.model import Presentation, Profile, StatusState, VersionKind

ADA = dedent(
    """\
    # Ada Example

    Professor of Computer Science, Example University, Springfield
    ada@example.org

    I work on graphs. My research interests include algorithms, graph theory and optimization.

    ## Selected Papers

    - **Fast Graph Cuts**
      A. Example, Bob Smith, and Chen Li
      CVPR 2017 (Oral)
      [pdf] [code]
    - Untitled Thoughts on Graphs
      NeurIPS 2019
    - Tech Report Without Year
      Ada Example and K. He
      Tech report, arXiv
      arXiv

    ## Papers

    * Fast Graph Cuts
      A. Example, Bob Smith, and Chen Li
      CVPR 2017 (Oral)
      Journal of Machine Learning Research, accepted in 2018
    * Strange Venue Paper
      Ada Example
      FOO 2017

    Just a random sentence without structure.

    ## Honors

    Best Paper Award, CVPR 2017
    2015: Young Researcher Prize

    ## Service

    Area Chair: CVPR 2019, NeurIPS 2020
    Editor: JMLR 2018 - present
    Gave a talk on Graphs at MIT 2019.

    ## Teaching

    CS 101, Fall 2019
    """
)


def ada() -> tuple[Profile, tuple[str, ...]]:
    result = import_homepage(ADA, "ada.txt")
    return result.profile, result.report("ada.txt")


def test_markdown_intro() -> None:
    person = ada()[0].person
    assert person.name == "Ada Example"
    assert person.job_title == "Professor of Computer Science"
    assert person.affiliation is not None
    assert (person.affiliation.name, person.affiliation.place) == (
        "Example University",
        "Springfield",
    )
    assert person.email == "ada@example.org"
    assert person.interests == ["algorithms", "graph theory", "optimization"]
    assert person.aliases == ["A. Example"]


def test_markdown_lists_and_compact_venue_lines() -> None:
    works = {work.title: work for work in ada()[0].works}
    assert list(works) == [
        "Fast Graph Cuts",
        "Untitled Thoughts on Graphs",
        "Tech Report Without Year",
        "Strange Venue Paper",
    ]
    cuts = works["Fast Graph Cuts"]
    assert cuts.key == "example2017fast"
    assert [a.name for a in cuts.authors] == ["A. Example", "Bob Smith", "Chen Li"]
    cvpr = cuts.versions[0]
    assert (cvpr.kind, cvpr.venue, cvpr.year, cvpr.presentation) == (
        VersionKind.CONFERENCE_PAPER,
        "CVPR",
        2017,
        Presentation.ORAL,
    )
    assert [(link.label, link.kind.value) for link in cuts.links] == [
        ("pdf", "paper"),
        ("code", "code"),
    ]


def test_repeated_entry_is_merged_not_doubled() -> None:
    profile, report = ada()
    cuts = [work for work in profile.works if work.title == "Fast Graph Cuts"]
    assert len(cuts) == 1
    jmlr = cuts[0].versions[1]
    assert (jmlr.kind, jmlr.venue) == (VersionKind.JOURNAL_ARTICLE, "JMLR")
    assert jmlr.status is not None and jmlr.status.state is StatusState.ACCEPTED
    assert "ada.txt: line 23: the same work as line 10 ('Fast Graph Cuts'), merged" in report


def test_entry_without_authors_and_report_without_year() -> None:
    works = {work.title: work for work in ada()[0].works}
    untitled = works["Untitled Thoughts on Graphs"]
    assert untitled.authors == []
    assert untitled.key == "anon2019untitled"
    report = works["Tech Report Without Year"]
    assert report.key == "exampletech"
    assert [(v.kind, v.venue, v.year) for v in report.versions] == [
        (VersionKind.PREPRINT, "arXiv", None)
    ]


def test_other_heading_words_and_sections() -> None:
    profile = ada()[0]
    assert [(a.name, a.year, [(o.venue, o.year) for o in a.occasions]) for a in profile.awards] == [
        ("Best Paper Award", 2017, [("CVPR", 2017)]),
        ("Young Researcher Prize", 2015, []),
    ]
    assert [(r.role, r.venue, r.year, r.start, r.end) for r in profile.roles] == [
        ("Area Chair", "CVPR", 2019, None, None),
        ("Area Chair", "NeurIPS", 2020, None, None),
        ("Editor", "JMLR", None, 2018, None),
    ]
    (talk,) = profile.talks
    assert (talk.kind.value, talk.title, talk.venue, talk.part.value) == (
        "talk",
        "Graphs",
        "MIT",
        "speaker",
    )


def test_unparsed_lines_are_kept_and_reported_with_line_numbers() -> None:
    profile, report = ada()
    assert [(item.line, item.text) for item in profile.unparsed] == [
        (29, "  FOO 2017"),
        (31, "Just a random sentence without structure."),
        (44, "## Teaching"),
        (46, "CS 101, Fall 2019"),
    ]
    assert profile.unparsed[0].reason.startswith("cannot tell whether 'FOO' is a conference")
    assert report[:4] == (
        "ada.txt:29: not imported (cannot tell whether 'FOO' is a conference, a workshop or a "
        "journal; write its full name or fix the version by hand): FOO 2017",
        "ada.txt:31: not imported (not a publication entry: a title line must be followed by an "
        "author line or a venue line such as 'Conference Name (ACRONYM), 2019'): "
        "Just a random sentence without structure.",
        "ada.txt:44: not imported (in the section '## Teaching', not imported): ## Teaching",
        "ada.txt:46: not imported (in the section '## Teaching', not imported): CS 101, Fall 2019",
    )
    assert (
        "ada.txt: line 42: 'MIT' is taken to be a conference (named only by its acronym here); "
        "check its kind in venues"
    ) in report


def test_unreadable_activity_and_header_lines_are_unparsed() -> None:
    text = dedent(
        """\
        Bo Li
        Researcher
        Senior Researcher
        Bo works on things.

        Service

        Reviewer for lots of things
        Co-organize a tutorial on Seeing at CVPR 2018. flowers
        """
    )
    profile = import_homepage(text, "bo.txt").profile
    assert profile.person.job_title == "Researcher"
    assert [(u.line, u.text) for u in profile.unparsed] == [
        (3, "Senior Researcher"),
        (8, "Reviewer for lots of things"),
        (9, "Co-organize a tutorial on Seeing at CVPR 2018. flowers"),
    ]
    assert profile.unparsed[1].reason.startswith("an activity line that is neither")
    assert profile.unparsed[2].reason == "text after the talk is not a link label: 'flowers'"
    assert [talk.title for talk in profile.talks] == ["Seeing"]


def test_duplicate_with_other_authors_is_reported() -> None:
    text = "Cy Doe\n\nPublications\n\nA Paper\nCy Doe\nCVPR 2019\n\nA Paper\nAl Roe\nCVPR 2019\n"
    profile = import_homepage(text, "cy.txt").profile
    assert len(profile.works) == 1
    assert [a.name for a in profile.works[0].authors] == ["Cy Doe"]
    (item,) = profile.unparsed
    assert (item.line, item.text) == (9, "A Paper")
    assert item.reason.startswith("duplicate of the entry at line 5 with a different author list")


def test_key_collisions_are_resolved_deterministically() -> None:
    entries = "\n\n".join(
        f"Deep {word} Nets\nJo Kim\nCVPR 2019" for word in ("Residual", "Residual", "Dense")
    )
    profile = import_homepage(f"Jo Kim\n\nPapers\n\n{entries}\n", "jo.txt").profile
    assert [w.key for w in profile.works] == ["kim2019deep", "kim2019deep-dense"]
    text = (
        "Jo Kim\n\nPapers\n\nDeep Nets\nJo Kim\nCVPR 2019\n\nDeep Nets Again\nJo Kim\nICCV 2019\n"
    )
    keys = [w.key for w in import_homepage(text, "jo.txt").profile.works]
    assert keys == ["kim2019deep", "kim2019deep-nets"]


def test_other_scripts_get_language_tags() -> None:
    assert [(run.text, run.lang) for run in script_runs("Kaiming He 何恺明")] == [
        ("Kaiming He", None),
        ("何恺明", "zh"),
    ]
    assert [run.lang for run in script_runs("Taro Yamada 山田たろう")] == [None, "ja"]
    assert [run.lang for run in script_runs("Ji-woo Kim 김지우")] == [None, "ko"]
    result = import_homepage("Ivan Petrov (Иван Петров)\n", "ivan.txt")
    assert [(n.value, n.lang) for n in result.profile.person.other_names] == [("Иван Петров", "ru")]
    assert result.notices == (
        "line 1: the name 'Иван Петров' is tagged 'ru' from its script; check the language tag",
    )


def test_author_lists() -> None:
    authors = parse_authors("Zhilin Yang*, Jake Zhao*, and Laurens van der Maaten")
    assert authors is not None
    assert [(a.name, a.equal_contribution) for a in authors] == [
        ("Zhilin Yang", True),
        ("Jake Zhao", True),
        ("Laurens van der Maaten", False),
    ]
    assert parse_authors("K. He & J. Sun") is not None
    assert parse_authors("ILSVRC 2014 - We ranked 2nd") is None
    assert parse_authors("waifu2x") is None


def test_link_lines() -> None:
    links = parse_link_line("arXiv   talk   slides: ICCV tutorial  ICCV oral   code/models")
    assert links is not None
    assert [(link.label, link.kind.value) for link in links] == [
        ("arXiv", "arxiv"),
        ("talk", "video"),
        ("ICCV tutorial", "slides"),
        ("ICCV oral", "slides"),
        ("code/models", "code"),
    ]
    assert parse_link_line("100x faster than R-CNN for object detection") is None
    assert parse_link_line("waifu2x") is None
    nips = parse_link_line("NIPS version | supp")
    assert nips is not None and [link.kind.value for link in nips] == ["version", "supplement"]


def test_venue_lines() -> None:
    bare = parse_venue_line("arXiv")
    assert bare is None  # a link label, not a venue line
    line = parse_venue_line("arXiv preprint arXiv:1911.05722, 2019")
    assert line is not None and line.version is not None
    assert (line.version.venue, line.version.year, line.version.identifiers.arxiv) == (
        "arXiv",
        2019,
        "1911.05722",
    )
    report = parse_venue_line("Technical report, Example University, 2014")
    assert report is not None and report.version is None
    assert report.problem == "a technical report not on a preprint server (arXiv ...)"
    spotlight = parse_venue_line("Computer Vision and Pattern Recognition (CVPR), 2018 (Spotlight)")
    assert spotlight is not None and spotlight.version is not None
    assert spotlight.version.presentation is Presentation.SPOTLIGHT
    workshop = parse_venue_line("Workshop on Vision Things (VT), 2018")
    assert workshop is not None and workshop.version is not None
    assert workshop.version.kind is VersionKind.WORKSHOP_PAPER


def test_wrapped_bio_paragraph_stays_whole() -> None:
    text = (
        "Al Bo\nResearch Scientist at Acme Labs, Paris\n\nThis is my page, written\nacross lines.\n"
    )
    profile = import_homepage(text, "al.txt").profile
    assert profile.person.job_title == "Research Scientist"
    assert profile.person.affiliation is not None
    assert (profile.person.affiliation.name, profile.person.affiliation.place) == (
        "Acme Labs",
        "Paris",
    )
    assert profile.person.bio == ["This is my page, written across lines."]
    assert profile.unparsed == []
