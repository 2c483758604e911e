"""A profile file's bytes to text: unreadable files and encodings other than UTF-8 are
reported with where the trouble is and how to fix it."""

from __future__ import annotations

import codecs
from pathlib import Path

from scholarld.errors import Problem

_FIX_UTF8 = "re-save the file as UTF-8; most editors offer Save with Encoding"

_OTHER_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def read_bytes(path: Path, file: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem saying why it cannot be read."""
    try:
        return path.read_bytes(), []
    except PermissionError:
        fix = "let your user read it, e.g. chmod u+r " + file
        return None, [Problem(file, None, None, "cannot read the file: permission denied", fix)]
    except IsADirectoryError:
        fix = "a profile is a file; move the folder out of the way"
        return None, [Problem(file, None, None, "expected a file but found a folder", fix)]
    except OSError as error:
        reason = error.strerror or str(error)
        fix = "check that the file exists and can be read"
        return None, [Problem(file, None, None, f"cannot read the file: {reason}", fix)]


def decode_utf8(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """The text of a UTF-8 file (a leading byte-order mark is dropped), or the first bad byte."""
    for bom, encoding in _OTHER_ENCODINGS:
        if data.startswith(bom):
            message = f"the file is encoded as {encoding}, not UTF-8"
            return None, [Problem(file, 1, None, message, _FIX_UTF8)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [_bad_byte(data, error.start, file)]
    return text, []


def _bad_byte(data: bytes, offset: int, file: str) -> Problem:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    byte = data[offset]
    message = (
        f"the file is not UTF-8: byte 0x{byte:02X} at offset {offset} "
        f"(line {line}, column {column}) is not valid UTF-8"
    )
    hint = " (it looks like Latin-1 or Windows-1252)" if byte >= 0x80 else ""
    return Problem(file, line, None, message + hint, _FIX_UTF8)
