"""HTTP content negotiation on the ``Accept`` header (RFC 9110, section 12.5.1): pure
functions, no web framework.

``parse_accept`` reads the header into media ranges with their q-values; ``choose`` picks,
among the server's offers (in the server's order of preference), the one the client
rates highest. A media type is rated by the *most specific* range that matches it
(``text/turtle`` before ``text/*`` before ``*/*``); equal ratings go to the earlier offer,
so ``Accept: */*`` (or no ``Accept`` at all) gives the server's first offer. An offer may
have aliases (``application/json`` for JSON-LD); aliases count only when the client names
them exactly, never through a wildcard. Malformed ranges are ignored; a header with no
well-formed range counts as ``*/*``. Media type parameters other than ``q`` are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Choice = TypeVar("Choice")

_QUALITY = re.compile(r"0(\.[0-9]{0,3})?|1(\.0{0,3})?")


@dataclass(frozen=True)
class MediaRange:
    """One range of an ``Accept`` header: ``text/turtle;q=0.8``, ``text/*``, ``*/*``."""

    type: str
    subtype: str
    quality: float

    def specificity(self, media_type: str) -> int:
        """How specifically this range matches ``media_type`` (2 exact, 1 ``type/*``,
        0 ``*/*``), or -1 when it does not match."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


ANY = MediaRange("*", "*", 1.0)


@dataclass(frozen=True)
class Offer(Generic[Choice]):
    """Something the server can send: its media type, exact-only aliases, and the value
    ``choose`` returns for it."""

    media_type: str
    choice: Choice
    aliases: tuple[str, ...] = ()


def parse_accept(header: str | None) -> tuple[MediaRange, ...]:
    """The media ranges of an ``Accept`` header, in header order.

    >>> [(r.type, r.subtype, r.quality) for r in parse_accept("text/turtle;q=0.5, text/*")]
    [('text', 'turtle', 0.5), ('text', '*', 1.0)]
    >>> parse_accept(None) == (ANY,)
    True
    """
    ranges = [parsed for part in (header or "").split(",") if (parsed := _parse_range(part))]
    return tuple(ranges) if ranges else (ANY,)


def _parse_range(text: str) -> MediaRange | None:
    media_type, *parameters = (piece.strip() for piece in text.split(";"))
    kind, slash, sub = media_type.lower().partition("/")
    if not slash or not _is_token(kind) or not _is_token(sub) or (kind == "*" and sub != "*"):
        return None
    quality = 1.0
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            parsed = _parse_quality(value.strip())
            if parsed is None:
                return None
            quality = parsed
    return MediaRange(kind, sub, quality)


def _is_token(text: str) -> bool:
    return bool(text) and all(c.isalnum() or c in "!#$&^_.+-*" for c in text)


def _parse_quality(text: str) -> float | None:
    """``0``, ``0.5``, ``1.000`` ... (at most three decimals, at most 1), else ``None``."""
    return float(text) if _QUALITY.fullmatch(text) else None


def quality(media_type: str, ranges: Sequence[MediaRange]) -> float:
    """The q-value the client gives ``media_type``: that of the most specific matching
    range (the first such range on a tie), 0 when none matches."""
    best_specificity, best_quality = -1, 0.0
    for media_range in ranges:
        specificity = media_range.specificity(media_type.lower())
        if specificity > best_specificity:
            best_specificity, best_quality = specificity, media_range.quality
    return best_quality


def offer_quality(offer: Offer[Choice], ranges: Sequence[MediaRange]) -> float:
    """The rating of ``offer``: its media type's quality, or an alias named exactly."""
    rated = quality(offer.media_type, ranges)
    for alias in offer.aliases:
        exact = [r.quality for r in ranges if r.specificity(alias) == 2]
        if exact:
            rated = max(rated, exact[0])
    return rated


def choose(offers: Sequence[Offer[Choice]], ranges: Sequence[MediaRange]) -> Choice | None:
    """The offer the client rates highest (the earliest on a tie), or ``None`` when the
    client accepts none of them (every rating 0): the caller answers 406.

    >>> offers = [Offer("text/html", "html"), Offer("text/turtle", "ttl")]
    >>> choose(offers, parse_accept("text/turtle, text/html;q=0.9"))
    'ttl'
    >>> choose(offers, parse_accept("*/*")), choose(offers, parse_accept("image/png"))
    ('html', None)
    """
    best: Choice | None = None
    best_quality = 0.0
    for offer in offers:
        rated = offer_quality(offer, ranges)
        if rated > best_quality:
            best, best_quality = offer.choice, rated
    return best
