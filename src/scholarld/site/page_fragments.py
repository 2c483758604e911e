"""Fragments of HTML that many pages show, each rendered once per build by its macro of
``_macros.html`` and reused: a work's publication list entry (``WorkEntries``) and an
author list with the profile owners highlighted (``Bylines``). The macros stay the only
source of the markup, so a user's ``_macros.html`` changes every page that shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup, escape

from scholarld.site.views import WorkView
from scholarld.site.views_authors import AuthorView


def macro_of(macros: Any, name: str) -> Any:
    """The macro ``name`` of the ``_macros.html`` module; a located template error (not a
    traceback) when a user's ``_macros.html`` does not define it."""
    found = getattr(macros, name, None)
    if found is None:
        raise jinja2.UndefinedError(f"_macros.html defines no macro {name!r}")
    return found


@dataclass(frozen=True)
class WorkEntries:
    """Each work's list entry (the ``work_entry`` macro) rendered once per build; a page
    that highlights one of the authors gets a copy with that author's link replaced by
    ``<strong class="author owner">``."""

    macros: Any  # the ``_macros.html`` module
    cache: dict[str, Markup] = field(default_factory=dict)
    highlights: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def entry(self, work: WorkView, highlight: str = "") -> Markup:
        html = self.cache.get(work.iri)
        if html is None:
            rendered = macro_of(self.macros, "work_entry")(work, frozenset())
            html = self.cache[work.iri] = Markup(rendered)
        for author in work.authors:
            if author.iri == highlight and author.href:
                link, owner = self.highlight(author.href, author.name)
                return Markup(str.replace(html, link, owner))
        return html

    def highlight(self, href: str, name: str) -> tuple[str, str]:
        """An author's link in an entry and its highlighted form, escaped as
        ``Markup.format`` would (without its formatter's cost), made once per author."""
        found = self.highlights.get((href, name))
        if found is None:
            text = escape(name)
            found = (
                f'<a class="author" href="{escape(href)}">{text}</a>',
                f'<strong class="author owner">{text}</strong>',
            )
            self.highlights[(href, name)] = found
        return found


@dataclass(frozen=True)
class Bylines:
    """Author lists with the profile owners highlighted (the ``author_list`` macro with
    ``owners``), each distinct list rendered once per build: a version's authors are
    listed on its venue page and, most often as its work's, on its publication page."""

    macros: Any  # the ``_macros.html`` module
    owners: frozenset[str]  # plain IRIs of the profile owners
    cache: dict[tuple[AuthorView, ...], Markup] = field(default_factory=dict)

    def byline(self, authors: tuple[AuthorView, ...]) -> Markup:
        html = self.cache.get(authors)
        if html is None:
            rendered = macro_of(self.macros, "author_list")(authors, self.owners)
            html = self.cache[authors] = Markup(rendered)
        return html
