"""Link-label lines: "arXiv   code/models   slides: ICCV tutorial  ICCV oral".

On the page these labels were hyperlinks; the text keeps only the labels, so each becomes
a ``Link`` with a label and a kind and no URL. Items are separated by three or more spaces,
a tab, or " | "; inside a "slides:" (or "talk:", "code:", ...) group the items are separated
by two spaces and each becomes one link of the group's kind, labelled by the item.
A line is a link line only if every item is a known label; otherwise it is a note.
"""

from __future__ import annotations

import re

from scholarld.model import Link, LinkKind

LABEL_KINDS: dict[str, LinkKind] = {
    "arxiv": LinkKind.ARXIV,
    "paper": LinkKind.PAPER,
    "pdf": LinkKind.PAPER,
    "code": LinkKind.CODE,
    "code/models": LinkKind.CODE,
    "code-matlab": LinkKind.CODE,
    "code-python": LinkKind.CODE,
    "github": LinkKind.CODE,
    "software": LinkKind.CODE,
    "models": LinkKind.MODELS,
    "slides": LinkKind.SLIDES,
    "poster": LinkKind.POSTER,
    "talk": LinkKind.VIDEO,
    "video": LinkKind.VIDEO,
    "videos": LinkKind.VIDEO,
    "project": LinkKind.PROJECT,
    "project page": LinkKind.PROJECT,
    "supp": LinkKind.SUPPLEMENT,
    "supplement": LinkKind.SUPPLEMENT,
    "supplementary": LinkKind.SUPPLEMENT,
    "supplementary material": LinkKind.SUPPLEMENT,
    "image": LinkKind.IMAGES,
    "images": LinkKind.IMAGES,
    "thesis": LinkKind.THESIS,
    "website": LinkKind.WEBSITE,
    "webpage": LinkKind.WEBSITE,
    "homepage": LinkKind.WEBSITE,
    "bibtex": LinkKind.OTHER,
    "demo": LinkKind.OTHER,
    "data": LinkKind.OTHER,
    "dataset": LinkKind.OTHER,
    "blog": LinkKind.OTHER,
}
ITEM_SEPARATOR = re.compile(r"\s{3,}|\t+|\s+\|\s+|\s+·\s+|(?<=\])\s*(?=\[)")
GROUP_SEPARATOR = re.compile(r"\s{2,}|\t+")
VERSION_LABEL = re.compile(r"^[A-Za-z][\w-]* version$")
BRACKETED = re.compile(r"^\[([^\]]+)\]$")


def label_kind(label: str) -> LinkKind | None:
    """The kind of a known link label ("code/models" -> code, "PAMI version" -> version)."""
    text = label.strip()
    bracketed = BRACKETED.match(text)
    if bracketed:
        text = bracketed.group(1).strip()
    if VERSION_LABEL.match(text):
        return LinkKind.VERSION
    return LABEL_KINDS.get(text.lower())


def parse_link_line(text: str) -> tuple[Link, ...] | None:
    """The links of a link-label line, in order, or ``None`` if it is not one."""
    items = [item for item in ITEM_SEPARATOR.split(text.strip()) if item]
    if not items:
        return None
    links: list[Link] = []
    for item in items:
        parsed = _parse_item(item)
        if parsed is None:
            return None
        links.extend(parsed)
    return tuple(links)


def _parse_item(item: str) -> tuple[Link, ...] | None:
    head, colon, rest = item.partition(":")
    if colon and rest.strip():
        kind = label_kind(head)
        if kind is None:
            return None
        labels = [label for label in GROUP_SEPARATOR.split(rest.strip()) if label]
        return tuple(Link(label=label, kind=kind) for label in labels)
    kind = label_kind(item)
    if kind is None:
        return None
    return (Link(label=BRACKETED.sub(r"\1", item.strip()).strip(), kind=kind),)


PROFILE_LINK = re.compile(
    r"^(?:(?:google scholar|dblp|orcid|semantic scholar|researchgate|github|linkedin)"
    r"(?:\s+(?:profile|page))?|[\w .-]{1,40}\s+profile)$",
    re.IGNORECASE,
)


def profile_link(text: str) -> Link | None:
    """A one-line link to the person's profile elsewhere: "Google Scholar Profile"."""
    label = " ".join(text.split())
    return Link(label=label, kind=LinkKind.PROFILE) if PROFILE_LINK.match(label) else None
