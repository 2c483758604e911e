"""Name normalisation: the forms people and titles are compared in, and the slugs keys use.

Three functions, all pure and deterministic:

- ``match_form(text)``: the form two names (or titles) are compared in: diacritics removed,
  case folded, punctuation turned into spaces, whitespace collapsed.
  ``match_form("Piotr Dollár") == match_form("PIOTR DOLLAR") == "piotr dollar"``;
  ``match_form("Charles R. Qi") == "charles r qi"``. Letters of other scripts are kept
  (``match_form("何恺明") == "何恺明"``), so they still compare equal to themselves.
- ``ascii_slug(text)``: a lowercase ASCII slug, ``"piotr-dollar"``; empty when the text has
  no Latin letters or digits (no transliteration is available offline).
- ``fallback_key(prefix, text)``: a stable slug for text without Latin letters:
  ``person-`` + the first 10 hex digits of the SHA-1 of its match form.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Latin letters that Unicode does not decompose into a base letter and a combining mark.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)
_NOT_WORD = re.compile(r"[\W_]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def strip_diacritics(text: str) -> str:
    """``"Dollár"`` → ``"Dollar"``: drop combining marks after compatibility decomposition."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def match_form(text: str) -> str:
    """The form names and titles are compared in (see the module docstring)."""
    folded = strip_diacritics(text).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def ascii_slug(text: str) -> str:
    """A lowercase ASCII slug of ``text``, ``""`` when nothing Latin is left."""
    folded = strip_diacritics(text).casefold()
    return _NOT_SLUG.sub("-", folded).strip("-")


def fallback_key(prefix: str, text: str) -> str:
    """A stable slug for text that has no Latin form: ``person-1a2b3c4d5e``."""
    digest = hashlib.sha1(match_form(text).encode("utf-8"), usedforsecurity=False)
    return f"{prefix}-{digest.hexdigest()[:10]}"
