"""Highwire Press ``<meta name="citation_…">`` tags for Google Scholar, one set per
publication page (Scholar's inclusion guidelines).

The tags describe the work's *main version* (``WorkView.main_version``: the earliest
peer-reviewed version with a year, else the earliest dated one), the version a citation
names: ``citation_title`` (its title), one ``citation_author`` per author in order,
``citation_publication_date`` (``YYYY`` or ``YYYY/MM``), ``citation_conference_title``
(the conference's full name) for a conference or workshop paper or
``citation_journal_title`` for a journal article, ``citation_technical_report_institution``
for a report; then ``citation_pdf_url`` (a PDF link of the main version, else of the work),
``citation_doi`` and ``citation_arxiv_id`` (main version first, then the work, then any
other version) where known.
"""

from __future__ import annotations

from scholarld.graph.namespaces import FABIO
from scholarld.site.views import VersionView, WorkView

MetaTag = tuple[str, str]


def highwire_tags(work: WorkView) -> list[MetaTag]:
    version = work.main_version
    tags: list[MetaTag] = [("citation_title", version.title if version else work.title)]
    authors = version.authors if version is not None and version.authors else work.authors
    tags += [("citation_author", author.name) for author in authors]
    if version is not None:
        tags += _version_tags(version)
    pdf = (version.pdf_url if version is not None else None) or work.pdf_url
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    for name, scheme in (("citation_doi", "DOI"), ("citation_arxiv_id", "arXiv")):
        value = work.identifier(scheme)
        if value:
            tags.append((name, value))
    return tags


def _version_tags(version: VersionView) -> list[MetaTag]:
    tags: list[MetaTag] = []
    if version.date:
        tags.append(("citation_publication_date", version.date.replace("-", "/")))
    venue = version.venue
    if venue is None:
        return tags
    if version.kind_class in (FABIO.ConferencePaper, FABIO.WorkshopPaper):
        tags.append(("citation_conference_title", venue.name))
    elif version.kind_class == FABIO.JournalArticle:
        tags.append(("citation_journal_title", venue.name))
    elif version.kind_class == FABIO.ReportDocument:
        tags.append(("citation_technical_report_institution", venue.name))
    return tags
