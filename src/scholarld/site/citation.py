"""A BibTeX entry and a formatted citation for a publication page, from its work view.

The entry cites the work's *main version* (``WorkView.main_version``: the earliest
peer-reviewed version with a year, else the earliest dated one): ``@inproceedings`` for a
conference or workshop paper (``booktitle`` the proceedings), ``@article`` for a journal
article, ``@techreport`` for a report, ``@misc`` for a preprint or a work without
versions. The key is the work key. LaTeX's special characters are escaped; other Unicode
is kept as it is (BibLaTeX and modern BibTeX read UTF-8).
"""

from __future__ import annotations

import re

from scholarld.graph.namespaces import FABIO
from scholarld.site.views import VersionView, WorkView
from scholarld.site.views_authors import AuthorView

ENTRY_TYPES = {
    FABIO.ConferencePaper: "inproceedings",
    FABIO.WorkshopPaper: "inproceedings",
    FABIO.JournalArticle: "article",
    FABIO.ReportDocument: "techreport",
}
VENUE_FIELDS = {"inproceedings": "booktitle", "article": "journal", "techreport": "institution"}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
LATEX_ESCAPES = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "%": "\\%",
    "&": "\\&",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    "\n": " ",
    "\t": " ",
    "\r": " ",
}
_LATEX_SPECIAL = re.compile("[" + re.escape("".join(LATEX_ESCAPES)) + "]")
_KEY = re.compile(r"[^A-Za-z0-9_:.-]")


def latex_escape(text: str) -> str:
    """``text`` with LaTeX's special characters escaped (found by one regular expression:
    ``str.translate`` takes a slow path on non-ASCII names)."""
    return _LATEX_SPECIAL.sub(_latex_escape_one, text)


def _latex_escape_one(special: re.Match[str]) -> str:
    return LATEX_ESCAPES[special.group()]


def bibtex_entry(work: WorkView) -> str:
    """The BibTeX entry of ``work`` (fields in a fixed order, one per line)."""
    version = work.main_version
    entry_type = ENTRY_TYPES.get(version.kind_class, "misc") if version else "misc"
    fields: list[tuple[str, str]] = [
        ("title", "{" + latex_escape(version.title if version else work.title) + "}"),
        ("author", " and ".join(latex_escape(a.name) for a in _authors(work, version))),
    ]
    if version is not None:
        fields += _venue_fields(entry_type, version)
    doi = work.identifier("DOI")
    arxiv = work.identifier("arXiv")
    if doi:
        fields.append(("doi", latex_escape(doi)))
    if arxiv:
        fields += [("eprint", latex_escape(arxiv)), ("archiveprefix", "arXiv")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{{_KEY.sub('-', work.key)},\n{body}\n}}"


def _authors(work: WorkView, version: VersionView | None) -> tuple[AuthorView, ...]:
    return version.authors if version is not None and version.authors else work.authors


def _venue_fields(entry_type: str, version: VersionView) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    venue = version.venue
    if venue is not None:
        name = venue.container if entry_type == "inproceedings" and venue.container else venue.name
        fields.append((VENUE_FIELDS.get(entry_type, "howpublished"), latex_escape(name)))
    if version.year:
        fields.append(("year", version.year))
    if version.date and len(version.date) >= 7:
        fields.append(("month", MONTHS[int(version.date[5:7]) - 1]))
    elif version.status and not version.year:
        fields.append(("note", latex_escape(version.status)))
    return fields


def formatted_citation(work: WorkView) -> str:
    """A plain-text citation: "A, B, and C. Title. In Venue, 2016." """
    version = work.main_version
    names = [author.name for author in _authors(work, version)]
    people = ", ".join(names[:-1]) + ", and " + names[-1] if len(names) > 2 else " and ".join(names)
    title = version.title if version is not None else work.title
    parts = [p for p in (people, title.rstrip(".")) if p]
    if version is not None:
        parts.append(_where(version))
    return ". ".join(parts) + "."


def _where(version: VersionView) -> str:
    venue = version.venue
    if venue is None:
        where = version.kind
    elif venue.journal:
        where = venue.name
    else:
        where = "In " + (venue.container or venue.name)
    when = version.year or (version.status or "")
    return f"{where}, {when}" if when else where
