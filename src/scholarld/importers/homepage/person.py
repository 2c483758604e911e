"""The intro, everything before the first heading: the person.

* The first non-blank line is the name line. Words in a non-Latin script are other names
  tagged with the language their script suggests (Han -> zh, kana -> ja, Hangul -> ko,
  Cyrillic -> ru, ...); when a script is shared by several languages (Cyrillic, Arabic,
  Devanagari) a notice asks the user to check the tag.
* Then *header* lines (short, not ending like a sentence): a line with an e-mail address is
  the e-mail; a URL the homepage; "TITLE at ORGANISATION" both, and so is "TITLE,
  ORGANISATION" when TITLE has a job word (Professor, Scientist, Student, ...); a line with
  a comma or a parenthesis the affiliation ("Facebook AI Research (FAIR), Menlo Park, CA" -> name,
  acronym, place); any other the job title. A header line left over is unparsed.
* From the first block holding a sentence-like line on (in the name's own block: from its
  first sentence-like line), each block is one bio paragraph, verbatim.
  Research interests come only from the sentence "My research interests are in X and Y."
* A one-line block naming a profile ("Google Scholar Profile") is a link of the person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from scholarld.importers.homepage.blocks import MARKDOWN_HEADING, Block, Line
from scholarld.importers.homepage.findings import Findings, combine, unparsed_lines
from scholarld.importers.homepage.links import profile_link
from scholarld.importers.homepage.names import script_runs
from scholarld.model import Link, LocalizedName, Organization

EMAIL = re.compile(r"^(?:e-?mail:?\s*)?(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$", re.I)
URL = re.compile(r"^(?:homepage:?\s*)?(?P<url>https?://[^\s<>\"]+)$", re.I)
TITLE_AT = re.compile(r"^(?P<title>[^,()]+?)\s+at\s+(?P<organization>.+)$")
AFFILIATION = re.compile(
    r"^(?P<name>[^(),]+?)\s*(?:\((?P<acronym>[^()]+)\))?\s*(?:,\s*(?P<place>.+))?$"
)
JOB_WORDS = re.compile(
    r"\b(?:professor|scientist|researcher|lecturer|student|engineer|fellow|director|postdoc"
    r"|candidate|head|chair|assistant|associate|scholar)\b",
    re.I,
)
INTERESTS = re.compile(
    r"\bmy research interests? (?:are|is|include|lies?) (?:mainly |primarily )?(?:in |on )?"
    r"(?P<interests>[^.;]+)[.;]",
    re.I,
)


@dataclass(frozen=True)
class Intro:
    """What the intro says about the person, as keyword values for ``Person``."""

    fields: dict[str, object] = field(default_factory=dict)
    findings: Findings = field(default_factory=Findings)


def is_sentence(text: str) -> bool:
    """A bio line: long, or ending like a sentence."""
    return len(text) > 80 or text.endswith((".", "!", "?"))


def parse_intro(blocks: Sequence[Block]) -> Intro:
    """The person's fields from the intro blocks (``name`` is missing if there is none)."""
    lines = [line for block in blocks for line in block.lines]
    if not lines:
        return Intro()
    fields, found = parse_name_line(lines[0])
    header_end = _header_end(blocks)
    header_fields, header_found = parse_header(lines[1:header_end])
    bio, bio_found = parse_bio(blocks, {line.number for line in lines[header_end:]})
    fields.update(header_fields)
    if bio:
        fields["bio"] = bio
        fields["interests"] = research_interests(bio)
    return Intro(fields, combine([found, header_found, bio_found]))


def _header_end(blocks: Sequence[Block]) -> int:
    """Index (in the intro's lines) where the bio starts: at the first sentence-like line
    of the name's own block, else at the first later block holding a sentence-like line
    or a profile link, so a wrapped paragraph stays whole."""
    first = blocks[0].lines
    for index, line in enumerate(first[1:], 1):
        if is_sentence(line.content) or profile_link(line.content):
            return index
    start = len(first)
    for block in blocks[1:]:
        if any(is_sentence(line.content) or profile_link(line.content) for line in block.lines):
            return start
        start += len(block.lines)
    return start


def parse_name_line(line: Line) -> tuple[dict[str, object], Findings]:
    """The name as written and the other-script names."""
    text = MARKDOWN_HEADING.sub("", line.content).strip("*_ ") or line.content
    runs = script_runs(text)
    latin = [run.text for run in runs if run.lang is None]
    if not latin:
        return {"name": text}, Findings()
    other = [run for run in runs if run.lang is not None]
    notices = tuple(
        f"line {line.number}: the name {run.text!r} is tagged {run.lang!r} from its script; "
        "check the language tag"
        for run in other
        if not run.sure
    )
    names = [LocalizedName(value=run.text, lang=run.lang or "und") for run in other]
    return {"name": " ".join(latin), "other_names": names}, Findings(notices=notices)


def parse_header(lines: Sequence[Line]) -> tuple[dict[str, object], Findings]:
    """Job title, affiliation, e-mail and homepage from the header lines."""
    fields: dict[str, object] = {}
    leftover: list[Line] = []
    for line in lines:
        found = header_fields(line.content)
        if not found or any(name in fields for name in found):
            leftover.append(line)
        else:
            fields.update(found)
    reason = "a header line that is not a job title, an affiliation, an e-mail or a URL"
    return fields, unparsed_lines(leftover, reason)


def header_fields(text: str) -> dict[str, object]:
    """The person fields one header line gives."""
    email = EMAIL.match(text)
    if email:
        return {"email": email.group("email")}
    url = URL.match(text)
    if url:
        return {"homepage": url.group("url")}
    title_at = TITLE_AT.match(text)
    if title_at:
        at = parse_organization(title_at.group("organization"))
        return {"job_title": title_at.group("title"), "affiliation": at}
    title, comma, rest = text.partition(",")
    if comma and rest.strip() and JOB_WORDS.search(title) and "(" not in title:
        return {"job_title": title.strip(), "affiliation": parse_organization(rest)}
    if comma or "(" in text:
        return {"affiliation": parse_organization(text)}
    return {"job_title": text}


def parse_organization(text: str) -> Organization:
    """ "Facebook AI Research (FAIR), Menlo Park, CA" -> name, acronym, place."""
    match = AFFILIATION.match(text.strip())
    if match is None:
        return Organization(name=text.strip())
    return Organization(
        name=match.group("name").strip(),
        acronym=(match.group("acronym") or "").strip() or None,
        place=(match.group("place") or "").strip() or None,
    )


def parse_bio(blocks: Sequence[Block], numbers: set[int]) -> tuple[list[str], Findings]:
    """Bio paragraphs (one per block, lines joined) from the lines in ``numbers``."""
    paragraphs: list[str] = []
    links: list[Link] = []
    for block in blocks:
        lines = [line for line in block.lines if line.number in numbers]
        if not lines:
            continue
        link = profile_link(lines[0].content) if len(lines) == 1 else None
        if link is not None:
            links.append(link)
        else:
            paragraphs.append(" ".join(line.content for line in lines))
    return paragraphs, Findings(person_links=tuple(links))


def research_interests(bio: Sequence[str]) -> list[str]:
    """Interests stated as "My research interests are in X, Y and Z." (nothing else)."""
    for paragraph in bio:
        match = INTERESTS.search(paragraph)
        if match:
            items = re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("interests").strip())
            return [item.strip() for item in items if item.strip()]
    return []
