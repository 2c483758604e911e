"""Import the plain text of an academic homepage as a profile.

``import_homepage(text, source)`` reads the sections (intro, publications, activities,
awards) and returns an ``ImportResult``: the ``Profile`` and notices. Text it cannot
parse is kept in ``profile.unparsed`` with its line number and the reason; nothing is
dropped silently. The rules are in ``docs/importer.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from scholarld.errors import ImportProblem, Problem
from scholarld.importers.homepage.activities import parse_activities
from scholarld.importers.homepage.awards import link_awards, parse_awards
from scholarld.importers.homepage.blocks import Section, SectionKind, split_sections
from scholarld.importers.homepage.findings import Findings, combine, unparsed_lines
from scholarld.importers.homepage.names import abbreviates
from scholarld.importers.homepage.person import parse_intro
from scholarld.importers.homepage.publications import (
    Entry,
    merge_duplicates,
    parse_entries,
    to_works,
)
from scholarld.importers.homepage.references import (
    canonical_awards,
    canonical_roles,
    canonical_talks,
    canonical_works,
)
from scholarld.importers.homepage.venues import merge_venues
from scholarld.model import Award, Person, Profile, ServiceRole, Talk, Work

__all__ = ["ImportResult", "import_homepage"]


@dataclass(frozen=True)
class ImportResult:
    """The imported profile and notices (merged duplicates, language tags to check)."""

    profile: Profile
    notices: tuple[str, ...]

    def report(self, source: str) -> tuple[str, ...]:
        """One line per unparsed line and per notice, for stderr."""
        unparsed = tuple(
            f"{source}:{item.line}: not imported ({item.reason}): {item.text.strip()}"
            for item in self.profile.unparsed
        )
        return unparsed + tuple(f"{source}: {notice}" for notice in self.notices)


@dataclass(frozen=True)
class Sections:
    """What the non-intro sections hold, before venues are merged."""

    entries: tuple[Entry, ...] = ()
    roles: tuple[ServiceRole, ...] = ()
    talks: tuple[Talk, ...] = ()
    awards: tuple[Award, ...] = ()
    findings: Findings = field(default_factory=Findings)


def import_homepage(text: str, source: str) -> ImportResult:
    """The profile in a homepage's text; ``source`` names the file in messages."""
    sections = split_sections(text)
    intro = parse_intro(sections[0].blocks)
    if "name" not in intro.fields:
        problem = Problem(
            source,
            None,
            None,
            "the text is empty: there is no name line",
            "the first non-blank line must be the person's name",
        )
        raise ImportProblem([problem])
    read = read_sections(sections[1:])
    entries, merged = merge_duplicates(read.entries)
    findings = combine([intro.findings, read.findings, merged])
    venues, keys = merge_venues(findings.venues)
    works = canonical_works(to_works(entries), keys)
    person = Person.model_validate({**intro.fields, "links": list(findings.person_links)})
    profile = Profile(
        person=person.model_copy(update={"aliases": owner_aliases(person.name, works)}),
        venues=list(venues),
        awards=list(link_awards(canonical_awards(read.awards, keys), works)),
        roles=canonical_roles(read.roles, keys),
        talks=canonical_talks(read.talks, keys),
        works=list(works),
        unparsed=sorted(findings.unparsed, key=attrgetter("line")),
    )
    return ImportResult(profile, findings.notices)


def read_sections(sections: tuple[Section, ...]) -> Sections:
    """Entries, roles, talks and awards of every section, in page order."""
    result = Sections()
    for section in sections:
        result = _add(result, read_section(section))
    return result


def _add(first: Sections, second: Sections) -> Sections:
    return Sections(
        first.entries + second.entries,
        first.roles + second.roles,
        first.talks + second.talks,
        first.awards + second.awards,
        first.findings + second.findings,
    )


def read_section(section: Section) -> Sections:
    """One section by its kind; a section the importer does not read is unparsed."""
    if section.kind is SectionKind.PUBLICATIONS:
        entries, found = parse_entries(section.blocks)
        return Sections(entries=entries, findings=found)
    if section.kind is SectionKind.ACTIVITIES:
        roles, talks, found = parse_activities(section.blocks)
        return Sections(roles=roles, talks=talks, findings=found)
    if section.kind is SectionKind.AWARDS:
        awards, found = parse_awards(section.blocks)
        return Sections(awards=awards, findings=found)
    heading = section.heading.content if section.heading else ""
    lines = [line for block in section.blocks for line in block.lines]
    lines = [section.heading, *lines] if section.heading else lines
    return Sections(findings=unparsed_lines(lines, f"in the section {heading!r}, not imported"))


def owner_aliases(name: str, works: tuple[Work, ...]) -> list[str]:
    """Abbreviated spellings of the owner's name in author lists ("K. He")."""
    aliases: list[str] = []
    for author in (author for work in works for author in work.authors):
        if author.name not in aliases and abbreviates(author.name, name):
            aliases.append(author.name)
    return aliases
