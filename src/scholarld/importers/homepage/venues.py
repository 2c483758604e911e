"""Venues: how a venue is named on a page, its key and kind, and the merged venue list.

A venue's *key* is, in order: the acronym in parentheses ("... Vision (ICCV)" -> ICCV);
the name itself when it is an acronym ("CVPR 2017"); a well-known acronym for a full name
without one (``KNOWN_NAMES``: "ACM Transactions on Graphics" -> TOG); an all-capitals word
of the name other than a publisher ("ACM SIGGRAPH" -> SIGGRAPH); else the initials of the
name's significant words ("Journal of Machine Learning Research" -> JMLR).

A venue's *kind* comes from the words of its written name (Workshop; Conference,
Symposium, Proceedings; Journal, Transactions, Letters, Magazine), else from the table of
well-known acronyms (``KNOWN_ACRONYMS``: CVPR is a conference, TPAMI a journal), else from
the context that names it (an Associate Editor serves a journal; a chair, a tutorial, a
reviewer serve a conference). A venue line whose venue kind cannot be told is unparsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from scholarld.model import Venue, VenueKind

KNOWN_ACRONYMS: dict[str, tuple[str, VenueKind]] = {
    acronym.lower(): (acronym, kind)
    for kind, acronyms in (
        (
            VenueKind.CONFERENCE,
            "CVPR ICCV ECCV NIPS NeurIPS ICML ICLR AAAI IJCAI BMVC WACV ACCV ACL EMNLP NAACL "
            "COLING SIGGRAPH KDD WWW SIGIR CHI UIST ICRA IROS RSS CoRL MICCAI 3DV ICASSP "
            "Interspeech COLT UAI AISTATS ICIP ICPR ACMMM MM",
        ),
        (VenueKind.JOURNAL, "TPAMI PAMI IJCV JMLR TOG TIP TMLR TVCG CVIU TNNLS TACL"),
        (VenueKind.PREPRINT_SERVER, "arXiv bioRxiv medRxiv SSRN"),
    )
    for acronym in acronyms.split()
}
KNOWN_NAMES: dict[str, str] = {
    "acm transactions on graphics": "TOG",
    "journal of machine learning research": "JMLR",
    "transactions on machine learning research": "TMLR",
}
PUBLISHERS = frozenset({"ACM", "IEEE", "IAPR", "SIAM", "CVF", "IET", "IEEE/CVF", "USENIX"})
KIND_WORDS: tuple[tuple[str, VenueKind], ...] = (
    (r"\bworkshops?\b", VenueKind.WORKSHOP),
    (r"\b(?:conference|symposium|proceedings|meeting|congress)\b", VenueKind.CONFERENCE),
    (r"\b(?:journal|transactions|letters|magazine|annals|review)\b", VenueKind.JOURNAL),
)
STOP_WORDS = frozenset({"of", "on", "and", "for", "the", "in", "&", "at", "to"})
BARE_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z0-9][A-Za-z0-9&-]*$")
WRITTEN, KNOWN, INFERRED = 0, 1, 2  # how much a venue mention says, best first


@dataclass(frozen=True)
class VenueMention:
    """A venue as one place in the text names it; ``rank`` orders mentions when merging."""

    venue: Venue
    rank: int


def venue_key(name: str) -> str:
    """The key of a venue written by its full name only (see the module docstring)."""
    known = KNOWN_NAMES.get(" ".join(name.lower().split()))
    if known:
        return known
    capitals: list[str] = [w for w in re.findall(r"[\w/&-]+", name) if w.isupper() and len(w) >= 3]
    specific = [word for word in capitals if word not in PUBLISHERS]
    if specific:
        return specific[-1]
    words = [word for word in re.findall(r"[^\W_]+", name) if word.lower() not in STOP_WORDS]
    initials = "".join(word if word.isupper() else word[0].upper() for word in words)
    return initials or "VENUE"


def kind_from_words(name: str) -> VenueKind | None:
    """The venue kind its written name states, if any."""
    for pattern, kind in KIND_WORDS:
        if re.search(pattern, name, flags=re.IGNORECASE):
            return kind
    return None


def known_kind(key: str) -> VenueKind | None:
    known = KNOWN_ACRONYMS.get(key.lower())
    return known[1] if known else None


def written_venue(name: str, acronym: str | None) -> VenueMention | None:
    """The venue of a written name (and acronym); ``None`` when its kind is unknown."""
    text = " ".join(name.split())
    if acronym is None and BARE_ACRONYM.match(text):
        return acronym_venue(text, None)
    key = acronym.strip() if acronym else venue_key(text)
    kind = kind_from_words(text) or known_kind(key)
    if kind is None:
        return None
    written_acronym = key if acronym or key in text.split() else None
    return VenueMention(Venue(key=key, name=text, acronym=written_acronym, kind=kind), WRITTEN)


def acronym_venue(acronym: str, context: VenueKind | None) -> VenueMention | None:
    """A venue named only by its acronym: kind from the known table, else the context."""
    kind = known_kind(acronym)
    if kind is not None:
        return VenueMention(Venue(key=acronym, acronym=acronym, kind=kind), KNOWN)
    if context is None:
        return None
    return VenueMention(Venue(key=acronym, acronym=acronym, kind=context), INFERRED)


def preprint_server(name: str) -> VenueMention:
    """A preprint server named in a tech-report line ("arXiv")."""
    spelled = KNOWN_ACRONYMS.get(name.lower(), (name, VenueKind.PREPRINT_SERVER))[0]
    venue = Venue(key=spelled, name=spelled, kind=VenueKind.PREPRINT_SERVER)
    return VenueMention(venue, WRITTEN)


def merge_venues(mentions: Iterable[VenueMention]) -> tuple[tuple[Venue, ...], dict[str, str]]:
    """One venue per key (case-insensitively), the most informative mention first, sorted
    by key; and the map from every lowercased key to the chosen key spelling."""
    groups: dict[str, list[VenueMention]] = {}
    for mention in mentions:
        groups.setdefault(mention.venue.key.lower(), []).append(mention)
    venues: list[Venue] = []
    canonical: dict[str, str] = {}
    for lowered, group in groups.items():
        venue = _merged(sorted(group, key=attrgetter("rank")))
        venues.append(venue)
        canonical[lowered] = venue.key
    return tuple(sorted(venues, key=_venue_order)), canonical


def _venue_order(venue: Venue) -> tuple[str, str]:
    return venue.key.lower(), venue.key


def _merged(group: Sequence[VenueMention]) -> Venue:
    best = group[0].venue
    name = next((m.venue.name for m in group if m.venue.name), None)
    acronym = next((m.venue.acronym for m in group if m.venue.acronym), None)
    return best.model_copy(update={"name": name, "acronym": acronym})
