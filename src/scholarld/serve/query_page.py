"""The HTML query page of ``/sparql``: a form and the example queries (``docs/queries``),
every piece of text escaped. Relative links only, so it works behind any prefix-free host.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

RESULT_CHOICES = (
    ("json", "SPARQL JSON (SELECT, ASK)"),
    ("xml", "SPARQL XML (SELECT, ASK)"),
    ("csv", "CSV (SELECT)"),
    ("tsv", "TSV (SELECT)"),
    ("ttl", "Turtle (CONSTRUCT, DESCRIBE)"),
    ("nt", "N-Triples (CONSTRUCT, DESCRIBE)"),
    ("jsonld", "JSON-LD (CONSTRUCT, DESCRIBE)"),
    ("rdf", "RDF/XML (CONSTRUCT, DESCRIBE)"),
)
DEFAULT_QUERY = (
    "SELECT ?work ?name WHERE {\n  ?work a fabio:ResearchPaper ; schema:name ?name .\n}\nLIMIT 10\n"
)


@dataclass(frozen=True)
class ExampleQuery:
    """One ``docs/queries/NAME.rq``: its name, the comment lines on top, the query."""

    name: str
    question: str
    text: str


def read_examples(folder: Path | None) -> tuple[ExampleQuery, ...]:
    """The example queries in ``folder`` (``*.rq``, by name); none when it is missing."""
    if folder is None or not folder.is_dir():
        return ()
    examples = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [line.lstrip("# ") for line in text.splitlines() if line.startswith("#")]
        examples.append(ExampleQuery(path.stem, " ".join(comments), text))
    return tuple(examples)


def query_page(examples: tuple[ExampleQuery, ...], chosen: str | None, prefixes: list[str]) -> str:
    """The page, with the example named ``chosen`` (if any) in the text area."""
    by_name = {example.name: example for example in examples}
    text = by_name[chosen].text if chosen in by_name else DEFAULT_QUERY
    options = "".join(
        f'<option value="{name}">{escape(label)}</option>' for name, label in RESULT_CHOICES
    )
    listed = "".join(_example_item(example) for example in examples)
    return _PAGE.format(
        query=escape(text),
        options=options,
        prefixes=escape(", ".join(prefixes)),
        examples=listed or "<li>No example queries were found.</li>",
    )


def _example_item(example: ExampleQuery) -> str:
    name = escape(example.name)
    run = f"sparql?format=json&amp;query={escape(quote(example.text, safe=''))}"
    return (
        f'<li><a href="sparql?example={escape(quote(example.name))}">{name}</a> '
        f'(<a href="{run}">run</a>): {escape(example.question)}'
        f"<pre>{escape(example.text)}</pre></li>"
    )


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL query</title>
<link rel="stylesheet" href="assets/style.css">
</head>
<body>
<main>
<h1>SPARQL query</h1>
<p>SPARQL 1.1 over every profile's graph (the default graph is their merge). Read-only.
Predeclared prefixes: {prefixes}. <a href="./">Back to the site</a>.</p>
<form method="post" action="sparql">
<p><label for="query">Query</label><br>
<textarea id="query" name="query" rows="16" cols="90">{query}</textarea></p>
<p><label for="format">Results as</label> <select id="format" name="format">{options}</select>
<button type="submit">Run</button></p>
</form>
<h2>Example queries</h2>
<ul class="examples">{examples}</ul>
</main>
</body>
</html>
"""
