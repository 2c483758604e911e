"""Personal names: split a name line by script, read author lists, fold to ASCII.

Author lists are read as written: "A, B, and C", "A and B", "A & B", "A; B". A trailing
``*`` marks equal contribution and is removed from the name. Every name must look like a
name: one to six tokens, each capitalised, an initial ("K."), or a particle ("van", "der",
"de"), or a single token in a non-Latin script; otherwise the line is not an author list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from scholarld.model import Author
from scholarld.names import strip_diacritics

PARTICLES = frozenset(
    [
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "von",
        "zu",
        "ten",
        "ter",
        "y",
        "bin",
        "al",
        "el",
    ]
)
AUTHOR_SEPARATOR = re.compile(r",?\s+and\s+|,?\s*&\s*|\s*;\s*|,\s*")
NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$")

# Unicode character-name prefixes of scripts, the language each suggests, and whether
# the script alone is a safe sign of that language (Cyrillic is also uk, bg, sr, ...).
SCRIPTS: tuple[tuple[str, str, bool], ...] = (
    ("HIRAGANA", "ja", True),
    ("KATAKANA", "ja", True),
    ("HANGUL", "ko", True),
    ("CJK UNIFIED IDEOGRAPH", "zh", True),
    ("CJK COMPATIBILITY IDEOGRAPH", "zh", True),
    ("GREEK", "el", True),
    ("HEBREW", "he", True),
    ("THAI", "th", True),
    ("GEORGIAN", "ka", True),
    ("ARMENIAN", "hy", True),
    ("CYRILLIC", "ru", False),
    ("ARABIC", "ar", False),
    ("DEVANAGARI", "hi", False),
    ("BENGALI", "bn", False),
)


@dataclass(frozen=True)
class ScriptRun:
    """A run of one script in a name line: "何恺明" is Han, "Kaiming He" Latin (lang None)."""

    text: str
    lang: str | None
    sure: bool


def char_language(char: str) -> tuple[str, bool] | None:
    """The language a letter's script suggests and whether that is sure; None for Latin."""
    name = unicodedata.name(char, "")
    for prefix, lang, sure in SCRIPTS:
        if name.startswith(prefix):
            return lang, sure
    return None


def script_runs(text: str) -> tuple[ScriptRun, ...]:
    """Split ``text`` into whitespace-separated words grouped by script. Japanese names
    mix Han with kana, so a run holding any kana is ``ja``."""
    runs: list[tuple[list[str], str | None, bool]] = []
    for word in text.split():
        word = word.strip("()（）[]")
        if not word:
            continue
        lang, sure = _word_language(word)
        if runs and runs[-1][1] == lang:
            runs[-1][0].append(word)
        else:
            runs.append(([word], lang, sure))
    return tuple(ScriptRun(" ".join(words), lang, sure) for words, lang, sure in runs)


def _word_language(word: str) -> tuple[str | None, bool]:
    found = [char_language(char) for char in word if char.isalpha()]
    languages = {item for item in found if item is not None}
    if not languages:
        return None, True
    if any(lang == "ja" for lang, _ in languages):
        return "ja", True
    lang, sure = sorted(languages)[0]
    return lang, sure and len(languages) == 1


def ascii_fold(text: str) -> str:
    """Lowercase ASCII letters and digits only: "Dollár" -> "dollar", "R-FCN" -> "rfcn"."""
    return re.sub(r"[^a-z0-9]", "", strip_diacritics(text).lower())


def is_name(text: str) -> bool:
    """Whether ``text`` looks like one personal name as written in an author list."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 6:
        return False
    if len(tokens) == 1:
        return _non_latin(tokens[0])
    if tokens[-1].lower() in PARTICLES:
        return False
    return all(_name_token(token) for token in tokens)


def _name_token(token: str) -> bool:
    if token.lower() in PARTICLES:
        return True
    return NAME_TOKEN.match(token) is not None and (token[0].isupper() or _non_latin(token))


def _non_latin(token: str) -> bool:
    return all(char.isalpha() and char_language(char) is not None for char in token)


def parse_authors(text: str) -> tuple[Author, ...] | None:
    """The authors of an author-list line, in order, or ``None`` if it is not one."""
    body = re.sub(r"^by\s+", "", text.strip(), flags=re.IGNORECASE).removesuffix(".")
    parts = [part.strip() for part in AUTHOR_SEPARATOR.split(body)]
    if not parts or any(not part for part in parts):
        return None
    authors: list[Author] = []
    for part in parts:
        equal = part.endswith("*")
        name = part.rstrip("*").strip()
        if not is_name(name):
            return None
        authors.append(Author(name=name, equal_contribution=equal))
    return tuple(authors)


def family_name(name: str) -> str:
    """The last token of a name, the family name in the Western order used on the page."""
    return name.split()[-1] if name.split() else name


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` with given names as initials: "K. He" for "Kaiming He"."""
    short_tokens, full_tokens = short.split(), full.split()
    if short == full or len(short_tokens) != len(full_tokens) or len(full_tokens) < 2:
        return False
    if ascii_fold(short_tokens[-1]) != ascii_fold(full_tokens[-1]):
        return False
    for initial, given in zip(short_tokens[:-1], full_tokens[:-1], strict=True):
        if initial == given:
            continue
        if not re.fullmatch(r"(?:[^\W\d_]\.?-?)+", initial):
            return False
        letters = [char for char in initial if char.isalpha()]
        if letters != [part[:1] for part in given.split("-") if part]:
            return False
    return True
