"""Data folders for the page tests: the default site, a two-profile site (the default
profile and the every-enum fixture ``tests/fixtures/graph/jane-doe.yaml``) and a hostile
profile whose text tries to break out of HTML and of the JSON-LD script."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
JANE = REPO / "tests" / "fixtures" / "graph" / "jane-doe.yaml"

BREAKOUT = "</script><script>alert(1)</script>"
HOSTILE_TITLE = f"{BREAKOUT} <!-- a \"quoted\" & 'apostrophe' title"
HOSTILE_NAME = f'Eve {BREAKOUT} "Quote" <!--'
HOSTILE_PROFILE = {
    "person": {
        "name": HOSTILE_NAME,
        "other_names": [{"value": "<!-- 夏娃 -->", "lang": "zh"}],
        "bio": ["</script><!--<script>alert(2)</script>"],
        "links": [
            {
                "label": 'x" onmouseover="alert(3)',
                "kind": "website",
                "url": "https://example.org/?a=1&b='2'",
            }
        ],
    },
    "venues": [{"key": "CONF", "name": "Conf </script><b>", "kind": "conference"}],
    "works": [
        {
            "key": "hostile",
            "title": HOSTILE_TITLE,
            "authors": [HOSTILE_NAME, "Mallory <b>Bold</b>"],
            "notes": ["<!-- note --> </script>"],
            "versions": [
                {
                    "kind": "conference-paper",
                    "venue": "CONF",
                    "year": 2020,
                    "awards": ["<script>alert(4)</script>"],
                }
            ],
        }
    ],
}


def make_site(root: Path, *profiles: tuple[str, str]) -> Path:
    """A data folder under ``root`` with the default ``site.yaml`` and ``profiles``
    (``(slug, YAML text)`` pairs)."""
    data = root / "data"
    (data / "people").mkdir(parents=True)
    shutil.copyfile(DATA / "site.yaml", data / "site.yaml")
    for slug, text in profiles:
        (data / "people" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return data


MODIFIED = "2020-01-31"


def two_profiles(root: Path) -> Path:
    """The default profile and Jane's, on a site that sets ``modified`` (``MODIFIED``)."""
    kaiming = (DATA / "people" / "kaiming-he.yaml").read_text(encoding="utf-8")
    data = make_site(root, ("kaiming-he", kaiming), ("jane-doe", JANE.read_text(encoding="utf-8")))
    with (data / "site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write(f"modified: {MODIFIED}\n")
    return data


def hostile_site(root: Path) -> Path:
    return make_site(root, ("eve", yaml.safe_dump(HOSTILE_PROFILE, allow_unicode=True)))
