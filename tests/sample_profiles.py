"""Two small profiles that share a work, for CLI tests of export and build."""

from __future__ import annotations

from pathlib import Path

SITE_YAML = "base_iri: http://localhost:8000/\ntitle: Test site\n"
ALICE_YAML = """\
person:
  name: Alice Author
  other_names:
    - {value: 爱丽丝, lang: zh}
  identifiers: {orcid: 0000-0002-1825-0097}
venues:
  - {key: CVPR, name: Computer Vision and Pattern Recognition, kind: conference}
  - {key: TPAMI, name: IEEE Trans. Pattern Analysis and Machine Intelligence, kind: journal}
roles:
  - {role: Area Chair, venue: CVPR, year: 2018}
works:
  - key: alice2016deep
    title: Deep "Quoted" Things
    authors: [Alice Author, Bob Builder, Piotr Dollár]
    versions:
      - {kind: conference-paper, venue: CVPR, year: 2016, presentation: oral}
      - {kind: journal-article, venue: TPAMI, year: 2018}
"""
BOB_YAML = """\
person:
  name: Bob Builder
works:
  - key: alice2016deep
    title: Deep "Quoted" Things
    authors: [Alice Author, Bob Builder]
"""


def write_sample_data(root: Path, profiles: dict[str, str] | None = None) -> Path:
    """``root/data`` with ``SITE_YAML`` and ``profiles`` (slug → YAML text; by default
    the profiles of Alice and Bob)."""
    data = root / "data"
    (data / "people").mkdir(parents=True)
    (data / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    chosen = {"alice-author": ALICE_YAML, "bob-builder": BOB_YAML} if profiles is None else profiles
    for slug, text in chosen.items():
        (data / "people" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return data
