"""Web server configuration shipped with the built site: ``.htaccess`` (Apache httpd) and
``.nginx.conf`` (nginx), both generated from ``site.documents`` so that they always agree
with the layout the build writes and ``scholarld serve`` answers.

Both do the same three things:

1. A resource IRI without extension (``/person/kaiming-he``, ``/work/he2016deep/cvpr2016``,
   ``/dataset``) answers ``303 See Other`` to the representation of its document that the
   ``Accept`` header asks for: Turtle when it names ``text/turtle``, else JSON-LD when it
   names ``application/ld+json``, else the HTML page (browsers; ``*/*``). The header is
   matched by name, not by q-value: a static server cannot weigh q-values, and a client
   that lists an RDF type wants RDF. ``Vary: Accept`` is sent with the redirects.
2. Every file is served with the media type of its format (``.ttl``, ``.jsonld``, ``.nt``,
   ``.nq``; ``.well-known/void`` is Turtle).
3. The build's own dot-files (``.htaccess``, ``.nginx.conf``, ``.scholarld-site``) are not
   published (Apache hides ``.ht*`` itself).

Only the representations the build writes (``BUILT_REPRESENTATIONS``) are negotiated;
``scholarld serve`` also derives N-Triples and RDF/XML on request.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scholarld.site.documents import (
    BUILT_REPRESENTATIONS,
    DATASET_DOCUMENT,
    DOCUMENT_KINDS,
    HTML,
    JSON_LD,
    SERVED_REPRESENTATIONS,
    TURTLE,
)

HTACCESS_PATH = ".htaccess"
NGINX_PATH = ".nginx.conf"

# Representations chosen by a media type named in Accept, highest priority first; the
# fallback for any other Accept header (or none) is HTML.
NEGOTIATED = (TURTLE, JSON_LD)
DEFAULT = HTML

# Paths of dot-files other than .well-known/: the build's own, never published.
HIDDEN_PATTERN = r"(^|/)\.(?!well-known/)"

# Media types of every kind of file a built site holds.
SITE_MEDIA_TYPES: tuple[tuple[str, str], ...] = (
    *((r.extension, r.media_type) for r in SERVED_REPRESENTATIONS),
    ("nq", "application/n-quads"),
    ("trig", "application/trig"),
    ("gz", "application/gzip"),
    ("xml", "application/xml"),
    ("txt", "text/plain"),
    ("css", "text/css"),
    ("js", "text/javascript"),
    ("json", "application/json"),
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("webp", "image/webp"),
    ("ico", "image/x-icon"),
    ("woff2", "font/woff2"),
)


def resource_pattern() -> str:
    """The regular expression (PCRE and Python ``re``) of a resource path below the site
    root that has a document: group 1 is the document path.

    >>> import re
    >>> re.match(resource_pattern(), "work/he2016deep/cvpr2016/author/1").group(1)
    'work/he2016deep'
    >>> re.match(resource_pattern(), "person/kaiming-he.html") is None
    True
    """
    kinds = "|".join(DOCUMENT_KINDS)
    return f"^({DATASET_DOCUMENT}(?=$)|(?:{kinds})/[^/.]+)(?:/[^.]*)?$"


def base_path(base_iri: str) -> str:
    """The path of the site's base IRI: ``/`` or ``/people/`` for a site in a sub-folder."""
    return urlsplit(base_iri).path or "/"


def _escaped(media_type: str) -> str:
    return media_type.replace("+", "\\+").replace(".", "\\.")


def htaccess_text(base_iri: str) -> str:
    """The ``.htaccess`` for the site root (mod_rewrite, mod_mime, mod_headers)."""
    pattern = resource_pattern()
    lines = [
        "# Apache httpd configuration written by `scholarld build` (docs/site.md).",
        "# Needs mod_rewrite, mod_mime and mod_headers, and `AllowOverride FileInfo Options",
        "# Indexes` (or `All`) for this folder. Resource IRIs without extension answer",
        "# 303 See Other to their document: Turtle or JSON-LD when Accept names it, else HTML.",
        "",
        "Options -MultiViews",
        "DirectoryIndex index.html",
        "",
        *(f"AddType {media_type} .{extension}" for extension, media_type in SITE_MEDIA_TYPES),
        "RemoveEncoding .gz",
        "AddCharset utf-8 .html .ttl .jsonld .nt .nq .trig .rdf .xml .txt .css .js .json",
        '<Files "void">',
        f"    ForceType {TURTLE.media_type}",
        "</Files>",
        "",
        "<IfModule mod_headers.c>",
        "    Header always merge Vary Accept env=SCHOLARLD_NEGOTIATED",
        "</IfModule>",
        "",
        "RewriteEngine On",
        f"RewriteBase {base_path(base_iri)}",
        "# The build's own files (.nginx.conf, .scholarld-site ...) are not published.",
        f"RewriteRule {HIDDEN_PATTERN} - [R=404,L]",
    ]
    for representation in NEGOTIATED:
        lines.append(f"RewriteCond %{{HTTP_ACCEPT}} {_escaped(representation.media_type)} [NC]")
        lines.append(_rewrite_rule(pattern, representation.extension))
    lines.append(_rewrite_rule(pattern, DEFAULT.extension))
    return "\n".join(lines) + "\n"


def _rewrite_rule(pattern: str, extension: str) -> str:
    return f"RewriteRule {pattern} $1.{extension} [R=303,L,E=SCHOLARLD_NEGOTIATED:1]"


def nginx_text(base_iri: str) -> str:
    """The ``.nginx.conf`` snippet, to include inside the ``server`` block serving the site.

    It uses ``if``/``set`` inside the location rather than a ``map``, because ``map`` is
    only allowed at the ``http`` level and this file is included in a ``server`` block
    (``set`` and ``return`` are the directives that are safe inside ``if``)."""
    root = base_path(base_iri)
    pattern = resource_pattern().replace("^(", f"^{root}(?<scholarld_document>", 1)
    charset_types = sorted({r.media_type for r in BUILT_REPRESENTATIONS} - {HTML.media_type})
    lines = [
        "# nginx configuration written by `scholarld build` (docs/site.md). Include it inside",
        "# the server block whose root is this folder:",
        "#     server {",
        "#         listen 80;",
        "#         server_name people.example.org;",
        "#         root /srv/scholarld/public;",
        "#         include /srv/scholarld/public/.nginx.conf;",
        "#     }",
        "# Resource IRIs without extension answer 303 See Other to their document: Turtle or",
        "# JSON-LD when Accept names it, else HTML.",
        "",
        "index index.html;",
        "charset utf-8;",
        f"charset_types text/css text/plain application/xml {' '.join(charset_types)};",
        "default_type application/octet-stream;",
        "types {",
        *(f"    {media_type} {extension};" for extension, media_type in SITE_MEDIA_TYPES),
        "}",
        "",
        f"location = {root}.well-known/void {{",
        f"    default_type {TURTLE.media_type};",
        "}",
        "",
        f'location ~ "{pattern}" {{',
        f"    set $scholarld_extension {DEFAULT.extension};",
        *_nginx_conditions(),
        "    add_header Vary Accept always;",
        f"    return 303 {root}$scholarld_document.$scholarld_extension;",
        "}",
        "",
        "# The build's own files (.htaccess, .nginx.conf, .scholarld-site) are not published.",
        f'location ~ "{HIDDEN_PATTERN.replace("(^|/)", "/")}" {{',
        "    return 404;",
        "}",
    ]
    return "\n".join(lines) + "\n"


def _nginx_conditions() -> list[str]:
    """``if`` blocks in reverse priority order: the last one that matches wins."""
    return [
        f'    if ($http_accept ~* "{_escaped(r.media_type)}") '
        f"{{ set $scholarld_extension {r.extension}; }}"
        for r in reversed(NEGOTIATED)
    ]
