"""Two small profiles that share a work, for CLI tests of export and build."""

from __future__ import annotations

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
