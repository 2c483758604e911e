"""Publication pages' citations (BibTeX, formatted citation), Google Scholar Highwire tags,
the page nodes of the graph (``graph/pages.py``) and the small view helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from scholarld.graph.namespaces import FABIO, SCHEMA, A
from scholarld.graph.sitegraph import SiteGraph
from scholarld.serialize.export import read_site_graph
from scholarld.site.citation import bibtex_entry, formatted_citation, latex_escape
from scholarld.site.scholar_tags import highwire_tags
from scholarld.site.views import (
    IdentifierView,
    VenueRef,
    VersionView,
    WorkView,
    WorkViews,
    identifier_url,
    main_version,
)
from scholarld.site.views_authors import AuthorView
from scholarld.site.views_index import Linker, index_site_graph, part_fragment, safe_url
from scholarld.site.views_resource import prefixed
from site_pages_fixtures import DATA, two_profiles

BASE = "http://localhost:8000/"


@pytest.fixture(scope="module")
def works() -> WorkViews:
    site, site_graph = read_site_graph(DATA)
    index = index_site_graph(site_graph, site.config.base_iri)
    return WorkViews(index, Linker(BASE, 1))


@pytest.fixture(scope="module")
def two_works(tmp_path_factory: pytest.TempPathFactory) -> WorkViews:
    _site, site_graph = read_site_graph(two_profiles(tmp_path_factory.mktemp("two")))
    return WorkViews(index_site_graph(site_graph, BASE), Linker(BASE, 1))


def work(views: WorkViews, key: str) -> WorkView:
    return views.get(f"<{BASE}work/{key}>")


def test_highwire_tags_of_a_conference_paper(works: WorkViews) -> None:
    assert highwire_tags(work(works, "he2017mask")) == [
        ("citation_title", "Mask R-CNN"),
        ("citation_author", "Kaiming He"),
        ("citation_author", "Georgia Gkioxari"),
        ("citation_author", "Piotr Dollár"),
        ("citation_author", "Ross Girshick"),
        ("citation_publication_date", "2017"),
        ("citation_conference_title", "International Conference on Computer Vision"),
    ]


def test_highwire_tags_with_pdf_doi_arxiv_and_month(two_works: WorkViews) -> None:
    tags = dict(highwire_tags(work(two_works, "everything")))
    # main version: the earliest peer-reviewed one with a year (the 2018 workshop paper)
    assert tags["citation_publication_date"] == "2018"
    assert tags["citation_conference_title"] == "Workshop on Visual Objects"
    assert tags["citation_pdf_url"] == "https://example.org/w.pdf"
    assert tags["citation_doi"] == "10.1000/xyz123"
    assert tags["citation_arxiv_id"] == "2001.00001"


def test_journal_version_gives_journal_title() -> None:
    journal = _version(
        "tpami", FABIO.JournalArticle, "2019-06", VenueRef("TPAMI", "IEEE T-PAMI", None, True, None)
    )
    tags = dict(highwire_tags(_work((journal,))))
    assert tags["citation_journal_title"] == "IEEE T-PAMI"
    assert tags["citation_publication_date"] == "2019/06"
    assert "citation_conference_title" not in tags


def _version(name: str, kind: str, date: str | None, venue: VenueRef | None) -> VersionView:
    return VersionView(
        iri=f"{BASE}work/w/{name}", anchor=name, title="A {Title} & 50% of_it", kind="Version",
        kind_class=kind, year=date[:4] if date else None, date=date, venue=venue,
        presentation=None, awards=(), nominations=(), status=None,
        authors=(AuthorView(f"{BASE}person/a", "Ann Ö", None),), identifiers=(), links=(),
        pdf_url=None,
    )  # fmt: skip


def _work(versions: tuple[VersionView, ...]) -> WorkView:
    return WorkView(
        iri=f"{BASE}work/w", href="../work/w.html", title="A {Title} & 50% of_it",
        authors=(AuthorView(f"{BASE}person/a", "Ann Ö", None),), versions=versions,
        awards=(), notes=(), links=(),
        identifiers=(IdentifierView("arXiv", "2001.00001", None),),
    )  # fmt: skip


def test_bibtex_of_a_conference_paper(works: WorkViews) -> None:
    assert bibtex_entry(work(works, "he2016deep")) == (
        "@inproceedings{he2016deep,\n"
        "  title = {{Deep Residual Learning for Image Recognition}},\n"
        "  author = {Kaiming He and Xiangyu Zhang and Shaoqing Ren and Jian Sun},\n"
        "  booktitle = {Proceedings of Computer Vision and Pattern Recognition (CVPR 2016)},\n"
        "  year = {2016}\n"
        "}"
    )


def test_bibtex_escapes_latex_and_gives_month_and_eprint() -> None:
    journal = _version(
        "j", FABIO.JournalArticle, "2019-06", VenueRef("J", "Journal & Co", None, True, None)
    )
    entry = bibtex_entry(_work((journal,)))
    assert entry.startswith("@article{w,\n")
    assert "  title = {{A \\{Title\\} \\& 50\\% of\\_it}},\n" in entry
    assert "  journal = {Journal \\& Co},\n" in entry
    assert "  month = {jun},\n" in entry
    assert "  eprint = {2001.00001},\n  archiveprefix = {arXiv}\n}" in entry
    assert (
        latex_escape("a\\b~c^d\ne")
        == "a\\textbackslash{}b\\textasciitilde{}c\\textasciicircum{}d e"
    )


def test_bibtex_of_a_work_without_versions_is_misc() -> None:
    assert bibtex_entry(_work(())).startswith("@misc{w,\n")


def test_formatted_citation(works: WorkViews) -> None:
    assert formatted_citation(work(works, "he2017mask")) == (
        "Kaiming He, Georgia Gkioxari, Piotr Dollár, and Ross Girshick. Mask R-CNN. "
        "In Proceedings of International Conference on Computer Vision (ICCV 2017), 2017."
    )


def test_main_version_prefers_earliest_peer_reviewed() -> None:
    preprint = _version("arxiv", FABIO.Preprint, "2015", None)
    conference = _version("cvpr2016", FABIO.ConferencePaper, "2016", None)
    journal = _version("tpami", FABIO.JournalArticle, "2017", None)
    undated = _version("ijcv", FABIO.JournalArticle, None, None)
    assert main_version((journal, preprint, conference)) is conference
    assert main_version((preprint, undated)) is preprint
    assert main_version((undated,)) is undated
    assert main_version(()) is None


def test_page_nodes_are_in_the_exported_graph() -> None:
    _, site_graph = read_site_graph(DATA)
    triples = set(site_graph.ntriples().splitlines())
    page = f"<{BASE}person/kaiming-he.html>"
    assert f"{page} {A} {SCHEMA.ProfilePage} ." in triples
    assert f"{page} {SCHEMA.mainEntity} <{BASE}person/kaiming-he> ." in triples
    item = f"<{BASE}work/he2017mask.html>"
    assert f"{item} {A} {SCHEMA.ItemPage} ." in triples
    assert f"{item} {SCHEMA.mainEntity} <{BASE}work/he2017mask> ." in triples


def test_every_work_has_an_item_page() -> None:
    _, site_graph = read_site_graph(DATA)
    lines = site_graph.ntriples().splitlines()
    works = {line.split(" ")[0] for line in lines if line.endswith(f"{A} {FABIO.ResearchPaper} .")}
    pages = {line.split(" ")[2] for line in lines if f" {SCHEMA.mainEntity} " in line}
    assert works and works <= pages


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.org/a", "https://x.org/a"),
        ("HTTP://x.org/", "HTTP://x.org/"),
        ("mailto:a@b.org", "mailto:a@b.org"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("ftp://x.org/", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_fragments_point_to_sections() -> None:
    assert part_fragment("work/x", "/cvpr2016/author/1") == "#cvpr2016"
    assert part_fragment("work/x", "/author/1") == ""
    assert part_fragment("person/x", "/role/area-chair-cvpr-2016") == ""
    assert part_fragment("event/cvpr", "/2016") == "#2016"
    assert part_fragment("person/x", ".html") == ""


def test_linker_hrefs(tmp_path: Path) -> None:
    linker = Linker(BASE, 1)
    assert linker.href(f"<{BASE}work/x/cvpr2016>") == "../work/x.html#cvpr2016"
    assert linker.href(f"<{BASE}person/a.html>") == "../person/a.html"
    assert linker.href("<https://orcid.org/0000>") == "https://orcid.org/0000"
    assert linker.href("<javascript:x>") is None
    assert linker.href('"literal"') is None
    assert Linker(BASE, 0).href(f"<{BASE}dataset>") == "dataset.html"


def test_prefixed_names() -> None:
    assert prefixed("https://schema.org/name") == "schema:name"
    assert prefixed("http://purl.org/spar/fabio/ConferencePaper") == "fabio:ConferencePaper"
    assert prefixed("https://example.org/x") == "https://example.org/x"


def test_identifier_urls_follow_the_graph_schemes() -> None:
    assert identifier_url("DOI", "10.1000/xyz123") == "https://doi.org/10.1000/xyz123"
    assert identifier_url("ORCID", "0000-0002-1825-0097") == "https://orcid.org/0000-0002-1825-0097"
    assert identifier_url("dblp", "57/54") == "https://dblp.org/pid/57/54"
    assert identifier_url("unknown", "x") is None


def test_the_page_index_reads_the_kept_union_as_it_would_merge_the_graphs(
    tmp_path: Path,
) -> None:
    _site, site_graph = read_site_graph(two_profiles(tmp_path))
    assert site_graph.union is not None
    merged_here = SiteGraph(site_graph.graphs)  # no union kept: merged by the page index
    assert index_site_graph(site_graph, BASE) == index_site_graph(merged_here, BASE)
