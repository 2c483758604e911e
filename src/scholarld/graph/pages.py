"""Page nodes: the HTML pages of the published site are resources of the graph too, so the
JSON-LD embedded in a page is a subset of the exported graph (``docs/pages.md``).

- ``{base}person/{key}.html``, the profile owner's page: ``schema:ProfilePage`` with
  ``schema:mainEntity`` the person (Google's ProfilePage structured data) and, when
  ``site.yaml`` sets ``modified``, ``schema:dateModified`` (an ``xsd:date``; no clock);
- ``{base}work/{key}.html``, a publication page: ``schema:ItemPage`` with
  ``schema:mainEntity`` the work.

Co-author, venue and other resource pages are plain documents and get no node.
"""

from __future__ import annotations

from collections.abc import Iterator

from scholarld.graph.context import ProfileContext
from scholarld.graph.iris import work_iri
from scholarld.graph.namespaces import SCHEMA, XSD, A
from scholarld.graph.terms import Triple, literal


def page_iri(resource: str) -> str:
    """The HTML page describing ``resource`` (an IRI term): ``<…/person/x>`` →
    ``<…/person/x.html>``."""
    return f"{resource[:-1]}.html>"


def page_triples(ctx: ProfileContext) -> Iterator[Triple]:
    """The owner's profile page and one publication page per work of the profile."""
    profile_page = page_iri(ctx.owner)
    yield profile_page, A, SCHEMA.ProfilePage
    yield profile_page, SCHEMA.mainEntity, ctx.owner
    if ctx.modified is not None:
        yield profile_page, SCHEMA.dateModified, literal(ctx.modified, datatype=XSD.date)
    for work in ctx.profile.works:
        node = work_iri(ctx.base, work.key)
        item_page = page_iri(node)
        yield item_page, A, SCHEMA.ItemPage
        yield item_page, SCHEMA.mainEntity, node
