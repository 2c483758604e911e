"""Writing the site's files (``site.files``) and the dumps as streams (``site.dumps``)."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from scholarld.site.dumps import gzip_chunks
from scholarld.site.files import write_site_file


def test_a_file_is_written_from_bytes_or_chunks(tmp_path: Path) -> None:
    write_site_file(tmp_path, "one.ttl", b"<a> <b> <c> .\n")
    write_site_file(tmp_path, "two.ttl", iter([b"<a> ", b"<b> ", b"<c> .\n"]))
    assert (tmp_path / "one.ttl").read_bytes() == (tmp_path / "two.ttl").read_bytes()


def test_a_missing_folder_is_created_and_an_old_file_replaced(tmp_path: Path) -> None:
    write_site_file(tmp_path, "work/a/b.html", b"first, and longer")
    write_site_file(tmp_path, "work/a/b.html", b"second")
    assert (tmp_path / "work" / "a" / "b.html").read_bytes() == b"second"


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_site_file(tmp_path, "page.html", b"x")
    finally:
        os.umask(umask)
    assert (tmp_path / "page.html").stat().st_mode & 0o777 == 0o644


def test_short_writes_are_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``os.write`` may write less than asked; every byte still lands."""
    real_write = os.write

    def one_byte(handle: int, data: memoryview) -> int:
        return real_write(handle, data[:1])

    monkeypatch.setattr(os, "write", one_byte)
    write_site_file(tmp_path, "slow.nt", [b"abc", b"", b"defg"])
    assert (tmp_path / "slow.nt").read_bytes() == b"abcdefg"


def test_gzip_chunks_give_one_deterministic_stream() -> None:
    chunks = [b"<a> <b> <c> .\n" * 1000, b"", b"<d> <e> <f> .\n" * 1000]
    once = b"".join(gzip_chunks(chunks))
    assert once == b"".join(gzip_chunks(list(chunks)))
    assert gzip.decompress(once) == b"".join(chunks)
    assert once[4:8] == b"\0\0\0\0", "no modification time in the header"
    assert once[3] & 0x08 == 0, "no file name in the header"
