"""BibTeX entries to works: entry types to version kinds, venues, identifiers, links.

- ``@inproceedings``, ``@conference`` → conference-paper at the booktitle's venue
  (workshop-paper at a workshop venue when the booktitle says Workshop);
- ``@article`` → journal-article at the journal;
- ``@article`` whose journal is arXiv/CoRR, ``@misc``/``@unpublished`` with an arXiv
  e-print → preprint at arXiv;
- ``@techreport`` → tech-report at arXiv if it is an e-print, else at its institution.

An entry that also names an arXiv e-print (``eprint`` + ``archivePrefix = arXiv``) gets a
second version, the preprint. Everything else (``@book``, a ``@misc`` that is not an
e-print, ...) is a problem naming the entry's line, never a silent drop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scholarld.errors import Problem
from scholarld.importers.bibtex import BibtexEntry
from scholarld.importers.homepage.venues import PUBLISHERS, venue_key
from scholarld.model import (
    Author,
    Link,
    LinkKind,
    Venue,
    VenueKind,
    Version,
    VersionKind,
    WorkIdentifiers,
)
from scholarld.names import match_form

ARXIV = Venue(key="arXiv", name="arXiv", kind=VenueKind.PREPRINT_SERVER)
ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
ARXIV_URL = re.compile(r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?$")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
WEB_URL = re.compile(r"^https?://[^\s<>\"]+$")
YEAR = re.compile(r"^[12]\d{3}$")
ACRONYM = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9&/-]*[A-Za-z])(?:\s*'?\d{2,4})?\s*\)")
PROCEEDINGS = re.compile(r"^(?:in\s+)?(?:proceedings\s+of\s+(?:the\s+)?)", re.IGNORECASE)
YEAR_OR_ORDINAL = re.compile(r"\b(?:'?\d{2,4}|\d+(?:st|nd|rd|th))\b")
BARE_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z0-9][A-Za-z0-9&-]*$")
# Well-known full names without an acronym in parentheses (compared in match form, with
# publisher words removed).
KNOWN_VENUES = {
    "conference on computer vision and pattern recognition": "CVPR",
    "computer vision and pattern recognition": "CVPR",
    "international conference on computer vision": "ICCV",
    "european conference on computer vision": "ECCV",
    "advances in neural information processing systems": "NeurIPS",
    "neural information processing systems": "NeurIPS",
    "international conference on machine learning": "ICML",
    "international conference on learning representations": "ICLR",
    "transactions on pattern analysis and machine intelligence": "TPAMI",
    "international journal of computer vision": "IJCV",
    "transactions on graphics": "TOG",
    "journal of machine learning research": "JMLR",
}
SUPPORTED = "@inproceedings, @conference, @article, @techreport, and arXiv @misc/@unpublished"


@dataclass(frozen=True)
class ImportedWork:
    """One entry as a work: title, authors, its versions and the venues they name."""

    line: int
    citation_key: str
    title: str
    authors: tuple[Author, ...]
    versions: tuple[Version, ...]
    venues: tuple[Venue, ...]


class EntryError(Exception):
    """Why one entry cannot be imported; carries the field and the fix."""

    def __init__(self, field: str | None, message: str, fix: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.fix = fix


def map_entry(entry: BibtexEntry, file: str) -> ImportedWork | Problem:
    """The entry as a work, or the problem that keeps it out (with its line)."""
    try:
        return _imported(entry)
    except EntryError as problem:
        line = entry.field_lines.get(problem.field or "", entry.line)
        where = f"@{entry.entry_type}{{{entry.key}}}: "
        return Problem(file, line, problem.field, where + problem.message, problem.fix)


def _imported(entry: BibtexEntry) -> ImportedWork:
    title = entry.fields.get("title", "")
    if not title:
        raise EntryError(None, "the entry has no title, so it was skipped", "add title = {...}")
    arxiv_id = _arxiv_id(entry)
    main, venue = _main_version(entry, arxiv_id)
    versions, venues = [main], [venue]
    if arxiv_id is not None and main.kind not in (VersionKind.PREPRINT, VersionKind.TECH_REPORT):
        versions.append(_arxiv_version(arxiv_id, None))
        venues.append(ARXIV)
    return ImportedWork(
        line=entry.line,
        citation_key=entry.key,
        title=title,
        authors=tuple(Author(name=name) for name in entry.authors),
        versions=tuple(versions),
        venues=tuple(venues),
    )


def _main_version(entry: BibtexEntry, arxiv_id: str | None) -> tuple[Version, Venue]:
    kind = entry.entry_type
    journal = entry.fields.get("journal", "")
    eprint_journal = bool(re.search(r"\b(?:arxiv|corr)\b", journal, re.IGNORECASE))
    if kind in ("inproceedings", "conference"):
        venue = _named_venue(entry, "booktitle", VenueKind.CONFERENCE)
        if venue.kind is VenueKind.WORKSHOP:
            return _version(entry, VersionKind.WORKSHOP_PAPER, venue, None), venue
        return _version(entry, VersionKind.CONFERENCE_PAPER, venue, None), venue
    if kind == "techreport":
        venue = ARXIV if arxiv_id else _named_venue(entry, "institution", VenueKind.PREPRINT_SERVER)
        return _version(entry, VersionKind.TECH_REPORT, venue, arxiv_id), venue
    if (kind == "article" and eprint_journal) or (kind in ("misc", "unpublished") and arxiv_id):
        if arxiv_id is None:
            fix = "add eprint = {YYMM.NNNNN} and archivePrefix = {arXiv}"
            raise EntryError("journal", f"no arXiv id in {journal!r}", fix)
        return _version(entry, VersionKind.PREPRINT, ARXIV, arxiv_id), ARXIV
    if kind == "article":
        venue = _named_venue(entry, "journal", VenueKind.JOURNAL)
        return _version(entry, VersionKind.JOURNAL_ARTICLE, venue, None), venue
    if kind in ("misc", "unpublished"):
        fix = "only arXiv e-prints are imported from @misc: add eprint and archivePrefix = arXiv"
        raise EntryError(None, f"a @{kind} entry that is not an arXiv e-print", fix)
    fix = f"supported entry types: {SUPPORTED}; add it to the profile by hand"
    raise EntryError(None, f"entry type @{kind} is not imported", fix)


def _version(entry: BibtexEntry, kind: VersionKind, venue: Venue, arxiv_id: str | None) -> Version:
    year = _year(entry)
    if year is None and arxiv_id is not None:
        return _arxiv_version(arxiv_id, kind)
    return Version(
        kind=kind,
        venue=venue.key,
        year=year,
        month=entry.month if year is not None else None,
        identifiers=WorkIdentifiers(doi=_doi(entry), arxiv=arxiv_id),
        links=_links(entry) + ([_arxiv_link(arxiv_id)] if arxiv_id else []),
    )


def _arxiv_version(arxiv_id: str, kind: VersionKind | None) -> Version:
    """An arXiv version; a new-style id (YYMM.NNNNN) also gives its year and month."""
    dated = re.match(r"^(\d{2})(\d{2})\.", arxiv_id)
    year = 2000 + int(dated.group(1)) if dated else None
    month = int(dated.group(2)) if dated and 1 <= int(dated.group(2)) <= 12 else None
    return Version(
        kind=kind or VersionKind.PREPRINT,
        venue=ARXIV.key,
        year=year,
        month=month if year is not None else None,
        identifiers=WorkIdentifiers(arxiv=arxiv_id),
        links=[_arxiv_link(arxiv_id)],
    )


def _arxiv_link(arxiv_id: str) -> Link:
    return Link(label="arXiv", kind=LinkKind.ARXIV, url=f"https://arxiv.org/abs/{arxiv_id}")


def _year(entry: BibtexEntry) -> int | None:
    text = entry.fields.get("year", "")
    if not text:
        return None
    if not YEAR.match(text):
        raise EntryError("year", f"year {text!r} is not a four-digit year", "write e.g. 2016")
    return int(text)


def _doi(entry: BibtexEntry) -> str | None:
    text = entry.fields.get("doi", "")
    if not text:
        return None
    doi = DOI_PREFIX.sub("", text)
    if not DOI.match(doi):
        raise EntryError("doi", f"doi {text!r} is not a DOI", "write it as 10.NNNN/suffix")
    return doi


def _links(entry: BibtexEntry) -> list[Link]:
    url = entry.fields.get("url", "")
    if not url:
        return []
    if not WEB_URL.match(url):
        raise EntryError("url", f"url {url!r} is not an http(s) URL", "write the full https://")
    if ARXIV_URL.match(url):
        return []  # the arXiv version carries the canonical abstract link
    return [Link(label="paper", kind=LinkKind.PAPER, url=url)]


def _arxiv_id(entry: BibtexEntry) -> str | None:
    """The arXiv id from eprint (when archivePrefix/eprinttype says arXiv), the journal text
    ("arXiv preprint arXiv:1703.06870") or an arxiv.org URL; ``None`` if there is none."""
    prefix = (entry.fields.get("archiveprefix") or entry.fields.get("eprinttype", "")).lower()
    candidates: list[tuple[str, str]] = []
    if prefix == "arxiv" and entry.fields.get("eprint"):
        candidates.append(("eprint", entry.fields["eprint"]))
    journal = entry.fields.get("journal", "")
    if re.search(r"arxiv", journal, re.IGNORECASE):
        candidates.append(("journal", journal))
    url = ARXIV_URL.match(entry.fields.get("url", ""))
    if url:
        candidates.append(("url", url.group(1)))
    for field, text in candidates:
        found = ARXIV_ID.search(text.removeprefix("arXiv:"))
        if found:
            return found.group(1)
        if field == "eprint":
            fix = "write the arXiv id, e.g. 1512.03385"
            raise EntryError("eprint", f"eprint {text!r} is not an arXiv id", fix)
    return None


def _named_venue(entry: BibtexEntry, field: str, kind: VenueKind) -> Venue:
    text = entry.fields.get(field, "")
    if not text:
        fix = f"add {field} = {{...}} naming where it was published"
        raise EntryError(field, f"a @{entry.entry_type} needs a {field}", fix)
    return venue_from_name(text, kind)


def venue_from_name(text: str, kind: VenueKind) -> Venue:
    """A venue from its written name: the acronym in parentheses, else a bare acronym, else a
    well-known name, else the homepage importer's ``venue_key`` of the cleaned name."""
    found = [word for word in ACRONYM.findall(text) if sum(map(str.isupper, word)) >= 2]
    acronym = found[-1] if found else None
    name = " ".join(PROCEEDINGS.sub("", ACRONYM.sub(" ", text)).split()).strip(" ,.")
    plain = " ".join(YEAR_OR_ORDINAL.sub(" ", name).split()).strip(" ,.") or name or text
    if kind is not VenueKind.PREPRINT_SERVER and re.search(r"\bworkshops?\b", text, re.I):
        kind = VenueKind.WORKSHOP
    if acronym is None and BARE_ACRONYM.match(plain):
        return Venue(key=plain, acronym=plain, kind=kind)
    key = acronym or _known_key(plain) or venue_key(plain)
    return Venue(key=key, name=name or text, acronym=acronym, kind=kind)


def _known_key(name: str) -> str | None:
    words = [word for word in re.split(r"[\s/]+", name) if word.upper() not in PUBLISHERS]
    return KNOWN_VENUES.get(match_form(" ".join(words)))
