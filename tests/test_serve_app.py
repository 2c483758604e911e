"""``scholarld serve``'s application in process (starlette's TestClient, query workers
started by the lifespan): content negotiation, files, derived formats and the SPARQL 1.1
Protocol. The real server over sockets: ``test_serve_server.py``."""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from starlette.exceptions import StarletteDeprecationWarning

from rdf_compare import assert_isomorphic
from scholarld.cli import cli
from scholarld.serve.app import ServeConfig, create_app
from scholarld.serve.limits import Limits
from serve_helpers import DATA, REPO, build_site_into

with warnings.catch_warnings():
    # starlette 1.x asks for the httpx2 fork; the httpx it warns about works the same here.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

PERSON = "/person/kaiming-he"
WORK = "/work/he2016deep"
QUERIES = sorted((REPO / "docs" / "queries").glob("*.rq"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?w schema:name ?n } WHERE { ?w a fabio:ResearchPaper ; schema:name ?n }"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site_into(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def client(site: Path) -> Iterator[TestClient]:
    limits = Limits(max_results=500, max_query_bytes=4096, max_body_bytes=8192, workers=2)
    app = create_app(ServeConfig(site, limits, REPO / "docs" / "queries"))
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


def parsed(text: str | bytes, rdf_format: str) -> rdflib.Graph:
    if rdf_format == "json-ld":  # rdflib's JSON-LD parser warns (ConjunctiveGraph); use oxigraph
        import pyoxigraph as ox

        data = text.encode() if isinstance(text, str) else text
        triples = ox.parse(data, format=ox.RdfFormat.JSON_LD)
        text, rdf_format = "".join(f"{triple} .\n" for triple in triples), "nt"
    return rdflib.Graph().parse(data=text, format=rdf_format)


# --- content negotiation ------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "extension"),
    [
        ("text/html", "html"),
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "rdf"),
        ("*/*", "html"),
        ("text/turtle;q=0.4, application/rdf+xml;q=0.8", "rdf"),
        ("text/html;q=0.1, application/*", "jsonld"),
    ],
)
@pytest.mark.parametrize(
    ("path", "document"),
    [
        (PERSON, PERSON),
        (f"{WORK}/cvpr2016", WORK),
        (f"{WORK}/cvpr2016/author/1", WORK),
        ("/dataset", "/dataset"),
    ],
)
def test_resource_iris_answer_303_by_accept(
    client: TestClient, path: str, document: str, accept: str, extension: str
) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 303
    assert response.headers["location"] == f"{document}.{extension}"
    assert response.headers["vary"] == "Accept"
    target = client.get(response.headers["location"])
    assert target.status_code == 200


def test_no_accept_header_gives_html(client: TestClient) -> None:
    response = client.get(PERSON, headers={"Accept": ""})
    assert response.headers["location"] == f"{PERSON}.html"


def test_unacceptable_type_is_406_listing_the_types(client: TestClient) -> None:
    response = client.get(PERSON, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.headers["vary"] == "Accept"
    for media_type in ("text/html", "text/turtle", "application/ld+json", "application/rdf+xml"):
        assert media_type in response.text
    assert f"{PERSON}.ttl" in response.text


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        (f"{PERSON}.html", "text/html; charset=utf-8"),
        (f"{PERSON}.ttl", "text/turtle; charset=utf-8"),
        (f"{PERSON}.jsonld", "application/ld+json"),
        (f"{PERSON}.nt", "application/n-triples"),
        (f"{WORK}.rdf", "application/rdf+xml"),
        ("/dump/all.nq.gz", "application/gzip"),
        ("/", "text/html; charset=utf-8"),
    ],
)
def test_files_have_their_media_types(client: TestClient, path: str, media_type: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type


def test_root_is_the_index(client: TestClient, site: Path) -> None:
    assert client.get("/").content == (site / "index.html").read_bytes()


def test_files_are_served_as_they_are_with_validators(client: TestClient, site: Path) -> None:
    response = client.get(f"{PERSON}.ttl", headers={"Accept": "application/ld+json"})
    assert response.content == (site / "person" / "kaiming-he.ttl").read_bytes()
    etag, modified = response.headers["etag"], response.headers["last-modified"]
    again = client.get(f"{PERSON}.ttl", headers={"If-None-Match": etag})
    assert (again.status_code, again.content) == (304, b"")
    since = client.get(f"{PERSON}.ttl", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    other = client.get(f"{PERSON}.ttl", headers={"If-None-Match": '"other"'})
    assert other.status_code == 200


@pytest.mark.parametrize(("extension", "rdf_format"), [("nt", "nt"), ("rdf", "xml")])
@pytest.mark.parametrize("document", [PERSON, WORK, "/dataset"])
def test_derived_formats_equal_the_turtle(
    client: TestClient, site: Path, document: str, extension: str, rdf_format: str
) -> None:
    response = client.get(f"{document}.{extension}")
    assert response.status_code == 200
    expected = parsed((site / f"{document[1:]}.ttl").read_bytes(), "turtle")
    assert len(expected) > 0
    assert_isomorphic(expected, parsed(response.content, rdf_format))
    assert client.get(f"{document}.{extension}").content == response.content  # cached, same


@pytest.mark.parametrize(
    "path",
    ["/person/nobody", "/person/nobody.ttl", "/person/nobody.nt", "/nothing", "/person/",
     "/work/he2016deep.xyz", "/.scholarld-site", "/dump/"],
)  # fmt: skip
def test_unknown_paths_are_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Not found" in response.text


def test_other_methods_are_refused(client: TestClient) -> None:
    assert client.post(f"{PERSON}.ttl", content=b"x").status_code == 405
    assert client.delete("/sparql").status_code == 405


def test_head_answers_without_body(client: TestClient) -> None:
    response = client.head(f"{PERSON}.ttl")
    assert response.status_code == 200
    assert response.content == b""
    assert client.head(PERSON, headers={"Accept": "text/turtle"}).status_code == 303


# --- SPARQL 1.1 Protocol ------------------------------------------------------------


def count_from_json(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_post_direct_agree(client: TestClient) -> None:
    got = client.get("/sparql", params={"query": COUNT})
    form = client.post("/sparql", data={"query": COUNT})
    direct = client.post(
        "/sparql", content=COUNT.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    for response in (got, form, direct):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/sparql-results+json"
        assert response.headers["vary"] == "Accept"
    assert count_from_json(got.content) == count_from_json(form.content) > 1000
    assert count_from_json(direct.content) == count_from_json(got.content)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_results_by_accept(client: TestClient, accept: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": COUNT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    if "csv" in accept:
        assert next(csv.reader(io.StringIO(response.text))) == ["n"]
    if "xml" in accept:
        assert "<sparql" in response.text and '<binding name="n">' in response.text


def test_format_parameter_overrides_accept(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": COUNT, "format": "tsv"})
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    assert response.text.startswith("?n\n")
    unknown = client.get("/sparql", params={"query": COUNT, "format": "yaml"})
    assert unknown.status_code == 406
    assert "format=yaml" in unknown.text and "text/csv (format=csv)" in unknown.text


def test_ask(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK { ?s a schema:Person }"})
    assert json.loads(response.content)["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [("text/turtle", "turtle"), ("application/n-triples", "nt"),
     ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")],
)  # fmt: skip
def test_construct_in_each_rdf_format(client: TestClient, accept: str, rdf_format: str) -> None:
    reference = client.get("/sparql", params={"query": CONSTRUCT, "format": "nt"})
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    expected = parsed(reference.content, "nt")
    assert len(expected) > 20
    assert_isomorphic(expected, parsed(response.content, rdf_format))


def test_describe_defaults_to_turtle(client: TestClient, site: Path) -> None:
    iri = "http://localhost:8000/person/kaiming-he"
    response = client.get("/sparql", params={"query": f"DESCRIBE <{iri}>"})
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    assert (rdflib.URIRef(iri), None, None) in parsed(response.content, "turtle")


def test_select_in_a_graph_format_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "text/turtle"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


@pytest.mark.parametrize("query_file", QUERIES, ids=[path.stem for path in QUERIES])
def test_example_queries_answer_as_scholarld_query_does(
    client: TestClient, query_file: Path
) -> None:
    result = CliRunner().invoke(
        cli, ["--data", str(DATA), "query", "--file", str(query_file), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    response = client.post("/sparql", data={"query": query_file.read_text(encoding="utf-8")})
    assert response.status_code == 200, response.text
    expected, actual = json.loads(result.stdout), json.loads(response.content)
    assert actual["head"]["vars"] == expected["head"]["vars"]
    assert actual["results"]["bindings"] == expected["results"]["bindings"]


def test_dataset_parameters_select_graphs(client: TestClient) -> None:
    graphs_query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    graphs = [
        row["g"]["value"]
        for row in json.loads(client.get("/sparql", params={"query": graphs_query}).content)[
            "results"
        ]["bindings"]
    ]
    assert len(graphs) >= 2  # a profile graph and the dataset description graph
    one = client.get("/sparql", params={"query": COUNT, "default-graph-uri": graphs[0]})
    everything = client.get("/sparql", params={"query": COUNT})
    assert 0 < count_from_json(one.content) < count_from_json(everything.content)
    named = client.get("/sparql", params={"query": graphs_query, "named-graph-uri": graphs[-1]})
    assert [r["g"]["value"] for r in json.loads(named.content)["results"]["bindings"]] == [
        graphs[-1]
    ]
    bad = client.get("/sparql", params={"query": COUNT, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400
    assert "Invalid IRI" in bad.text


# --- refusals -----------------------------------------------------------------------


def test_malformed_query_is_400_with_the_parser_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert response.text.startswith("Query syntax error at line 1, column")
    assert "SELECT ?x WHERE { ?x ?y }" in response.text


def test_unknown_prefix_is_400_naming_it(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?x nope:p ?y }"})
    assert response.status_code == 400
    assert "unknown prefix 'nope:'" in response.text


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("GET", {"params": {"update": "DROP ALL"}}),
        ("POST", {"data": {"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}}),
        (
            "POST",
            {"content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
        ),
    ],
)
def test_updates_are_refused_403(
    client: TestClient, method: str, kwargs: dict[str, object]
) -> None:
    response = client.request(method, "/sparql", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 403
    assert "read-only" in response.text
    assert count_from_json(client.get("/sparql", params={"query": COUNT}).content) > 1000


def test_update_as_a_query_is_a_syntax_error(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "DROP ALL"})
    assert response.status_code == 400


def test_oversized_query_is_413(client: TestClient) -> None:
    query = COUNT + " #" + "x" * 5000
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 413
    assert "query is larger than this endpoint's limit of 4 KiB" in response.text


def test_oversized_body_is_413(client: TestClient) -> None:
    body = b"query=" + b"x" * 9000
    response = client.post(
        "/sparql", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413
    assert "request body is larger than this endpoint's limit of 8 KiB" in response.text


def test_other_content_types_are_415(client: TestClient) -> None:
    response = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 415
    assert "application/sparql-query" in response.text


def test_missing_or_repeated_query_is_400(client: TestClient) -> None:
    missing = client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert missing.status_code == 400
    assert "No query" in missing.text
    twice = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert twice.status_code == 400
    assert "one query parameter" in twice.text


def test_non_utf8_body_is_400(client: TestClient) -> None:
    response = client.post(
        "/sparql", content=b"ASK {\xff}", headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 400
    assert "not UTF-8" in response.text


def test_result_size_limit_is_422(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 422
    assert "exceeds the limit of 500 solutions" in response.text
    construct = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert construct.status_code == 422
    assert "500 triples" in construct.text
    limited = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 500"})
    assert len(json.loads(limited.content)["results"]["bindings"]) == 500


# --- the query page -----------------------------------------------------------------


def test_query_page_lists_the_examples_escaped(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<form method="post" action="sparql">' in response.text
    for query_file in QUERIES:
        assert f'href="sparql?example={query_file.stem}"' in response.text
    assert "FILTER (?other != ?person)" in response.text  # from coauthors.rq, escaped
    assert "<?work" not in response.text


def test_query_page_loads_an_example(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"example": "coauthors"}, headers={"Accept": "text/html"}
    )
    text = (REPO / "docs" / "queries" / "coauthors.rq").read_text(encoding="utf-8")
    assert "GROUP BY ?coauthor" in text
    assert "GROUP BY ?coauthor" in response.text.split("<textarea", 1)[1].split("</textarea>")[0]


def test_a_broken_turtle_file_gives_500_when_derived(client: TestClient, site: Path) -> None:
    broken = site / "work" / "zz-broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    try:
        response = client.get("/work/zz-broken.nt")
    finally:
        broken.unlink()
    assert response.status_code == 500
    assert response.text.startswith("Cannot convert work/zz-broken.ttl: ")


def chunks(count: int, size: int) -> Iterator[bytes]:
    yield b"query="
    for _ in range(count):
        yield b"x" * size


def test_a_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post(
        "/sparql",
        content=chunks(20, 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert "request body is larger than this endpoint's limit of 8 KiB" in response.text


def test_only_existing_representations_are_offered(client: TestClient, site: Path) -> None:
    page = site / "venue" / "zz-only-html.html"
    page.write_text("<p>only HTML</p>\n", encoding="utf-8")
    try:
        turtle = client.get("/venue/zz-only-html", headers={"Accept": "text/turtle"})
        html = client.get("/venue/zz-only-html", headers={"Accept": "text/turtle, */*;q=0.1"})
    finally:
        page.unlink()
    assert turtle.status_code == 406
    assert "Available: text/html (/venue/zz-only-html.html)" in turtle.text
    assert "text/turtle (" not in turtle.text
    assert html.headers["location"] == "/venue/zz-only-html.html"
