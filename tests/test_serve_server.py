"""The real ``scholarld serve`` process on a free loopback port (stopped by PID):
real SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore), each Accept header over
sockets, path traversal, oversized requests, a runaway query ended by the time limit
while other clients get answers, and many concurrent clients beside idle connections."""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, RDFXML, TURTLE, XML, SPARQLWrapper

from scholarld.cli import cli
from serve_helpers import DATA, QUERIES, build_site_into, start_server
from system import stop_process

TIME_LIMIT = 2.0
SECRET = "TOP-SECRET-OUTSIDE-THE-SITE"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COAUTHORS = QUERIES / "coauthors.rq"
PREFIXES = "PREFIX schema: <https://schema.org/>\nPREFIX fabio: <http://purl.org/spar/fabio/>\n"
WORKS = PREFIXES + "SELECT ?work ?name WHERE { ?work a fabio:ResearchPaper ; schema:name ?name }"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built site, with a secret beside it and symlinks pointing out of it."""
    folder = tmp_path_factory.mktemp("served")
    built = build_site_into(folder / "site")
    (folder / "secret.txt").write_text(SECRET)
    (built / "escape.ttl").symlink_to(folder / "secret.txt")
    (built / "outside").symlink_to(folder, target_is_directory=True)
    return built


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    process, base_url = start_server(site, "--query-timeout", str(TIME_LIMIT), "--workers", "2")
    try:
        yield base_url
    finally:
        stop_process(process)


def scholarld_query_json(query_file: Path) -> dict[str, Any]:
    result = CliRunner().invoke(
        cli, ["--data", str(DATA), "query", "--file", str(query_file), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def raw_get(base_url: str, raw_path: str) -> tuple[int, bytes]:
    """GET with the path sent exactly as given (no client-side normalisation)."""
    netloc = urllib.parse.urlsplit(base_url).netloc
    connection = http.client.HTTPConnection(netloc, timeout=10)
    try:
        connection.putrequest("GET", raw_path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- real SPARQL clients ------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_json_equals_scholarld_query(server: str, method: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(COAUTHORS.read_text(encoding="utf-8"))
    client.setReturnFormat(JSON)
    client.setMethod(method)
    answer = client.queryAndConvert()
    assert isinstance(answer, dict)
    expected = scholarld_query_json(COAUTHORS)
    assert answer["results"]["bindings"] == expected["results"]["bindings"]
    assert len(answer["results"]["bindings"]) > 10


def test_sparqlwrapper_xml_and_csv(server: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(WORKS)
    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    names = {node.firstChild.data for node in document.getElementsByTagName("literal")}  # type: ignore[union-attr]
    client.setReturnFormat(CSV)
    rows = client.queryAndConvert().decode("utf-8").splitlines()  # type: ignore[union-attr]
    assert rows[0] == "work,name"
    assert len(names) == len(rows) - 1 > 40


@pytest.mark.parametrize(
    ("return_format", "media_type", "rdf_format"),
    [(TURTLE, "text/turtle", "turtle"), (RDFXML, "application/rdf+xml", "xml")],
)
def test_sparqlwrapper_construct(
    server: str, return_format: str, media_type: str, rdf_format: str
) -> None:
    query = PREFIXES + "CONSTRUCT { ?w schema:name ?n } WHERE { ?w schema:name ?n }"
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(query)
    client.setReturnFormat(return_format)
    # Read the bytes: SPARQLWrapper's own RDF conversion uses rdflib's deprecated
    # ConjunctiveGraph (a warning, hence an error here).
    response = client.query().response
    assert response.headers["Content-Type"].startswith(media_type)
    graph = rdflib.Graph().parse(data=response.read(), format=rdf_format)
    reference = httpx.get(f"{server}/sparql", params={"query": query, "format": "nt"})
    expected = rdflib.Graph().parse(data=reference.content, format="nt")
    assert len(graph) == len(expected) > 50
    assert isomorphic(graph, expected)


@pytest.mark.parametrize("query_file", sorted(QUERIES.glob("*.rq"))[:6], ids=lambda p: p.stem)
def test_rdflib_sparqlstore_equals_scholarld_query(server: str, query_file: Path) -> None:
    graph = rdflib.Graph(store=SPARQLStore(f"{server}/sparql", returnFormat="json"))
    result = graph.query(query_file.read_text(encoding="utf-8"))
    expected = scholarld_query_json(query_file)
    names = expected["head"]["vars"]
    rows = [
        [str(row[name]) if row[name] is not None else None for name in names]  # type: ignore[index]
        for row in result
    ]
    wanted = [
        [binding[name]["value"] if name in binding else None for name in names]
        for binding in expected["results"]["bindings"]
    ]
    assert rows == wanted


# --- HTTP with each Accept header ---------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "extension", "media_type"),
    [
        ("text/html", "html", "text/html"),
        ("text/turtle", "ttl", "text/turtle"),
        ("application/ld+json", "jsonld", "application/ld+json"),
        ("application/n-triples", "nt", "application/n-triples"),
        ("application/rdf+xml", "rdf", "application/rdf+xml"),
        ("text/turtle;q=0.2, application/ld+json;q=0.9", "jsonld", "application/ld+json"),
    ],
)
def test_each_accept_header_over_http(
    server: str, accept: str, extension: str, media_type: str
) -> None:
    response = httpx.get(f"{server}/work/he2016deep/cvpr2016", headers={"Accept": accept})
    assert response.status_code == 303
    assert response.headers["location"] == f"/work/he2016deep.{extension}"
    assert response.headers["vary"] == "Accept"
    followed = httpx.get(
        f"{server}/work/he2016deep", headers={"Accept": accept}, follow_redirects=True
    )
    assert followed.status_code == 200
    assert followed.headers["content-type"].startswith(media_type)
    assert str(followed.url).endswith(f"/work/he2016deep.{extension}")


# --- path traversal -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw_path",
    [
        "/../secret.txt",
        "/person/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/person/%2e%2e/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/person%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/person/..%5c..%5csecret.txt",
        "/secret.txt%00.html",
        "/%00/../secret.txt",
        "/escape.ttl",
        "/outside/secret.txt",
        "//secret.txt",
        "/.%2e/secret.txt",
        "/%252e%252e/secret.txt",
    ],
)
def test_traversal_never_leaves_the_site(server: str, raw_path: str) -> None:
    status, body = raw_get(server, raw_path)
    assert status in (400, 404)
    assert SECRET.encode() not in body
    assert raw_get(server, "/index.html")[0] == 200  # and the server still answers


def test_dot_files_are_not_published(server: str) -> None:
    for path in ("/.htaccess", "/.nginx.conf", "/.scholarld-site"):
        assert raw_get(server, path)[0] == 404
    status, body = raw_get(server, "/.well-known/void")
    assert status == 200 and b"void" in body.lower()


# --- refused requests ---------------------------------------------------------------


def test_oversized_post_body_is_413(server: str) -> None:
    body = b"query=" + b"x" * (2 * 1024 * 1024)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    response = httpx.post(f"{server}/sparql", content=body, headers=headers, timeout=30)
    assert response.status_code == 413
    assert "request body is larger than this endpoint's limit of 1024 KiB" in response.text


def test_oversized_get_query_is_413(server: str) -> None:
    query = "ASK {} #" + "x" * (70 * 1024)  # a URL longer than httpx allows: sent raw
    status, body = raw_get(server, "/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 413
    assert b"query is larger than this endpoint's limit of 64 KiB" in body


def test_malformed_query_update_and_wrong_type(server: str) -> None:
    bad = httpx.get(f"{server}/sparql", params={"query": "SELECT WHERE {"})
    assert bad.status_code == 400 and "Query syntax error" in bad.text
    update = httpx.post(
        f"{server}/sparql", content=b"CLEAR ALL",
        headers={"Content-Type": "application/sparql-update"},
    )  # fmt: skip
    assert update.status_code == 403 and "read-only" in update.text
    assert httpx.put(f"{server}/sparql", content=b"x").status_code == 405


# --- time limit and load ------------------------------------------------------------


def count_query(server: str) -> float:
    started = time.monotonic()
    response = httpx.get(
        f"{server}/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
        timeout=30,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    return time.monotonic() - started


def test_runaway_query_is_stopped_while_others_answer(server: str) -> None:
    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        runaway = pool.submit(httpx.get, f"{server}/sparql", params={"query": RUNAWAY}, timeout=60)
        time.sleep(0.3)
        quick = [count_query(server) for _ in range(5)]
        assert max(quick) < TIME_LIMIT / 2, quick
        answer = runaway.result(timeout=30)
        elapsed = time.monotonic() - started
    assert answer.status_code == 503
    assert f"exceeded the {TIME_LIMIT:g} s time limit" in answer.text
    assert TIME_LIMIT <= elapsed < TIME_LIMIT + 5
    time.sleep(1.5)  # the replacement worker loads the dump
    assert count_query(server) < TIME_LIMIT


PATHS = ("/person/kaiming-he.html", "/person/kaiming-he.ttl", "/work/he2016deep.nt")
QUICK = {"query": "SELECT ?s WHERE { ?s a ?t } LIMIT 5"}


def fetch(client: httpx.Client, server: str, number: int) -> int:
    """Request ``number`` of a mix: every fourth a SPARQL query, else a page or file."""
    if number % 4 == 0:
        return client.get(f"{server}/sparql", params=QUICK).status_code
    return client.get(server + PATHS[number % 3]).status_code


def test_many_clients_beside_idle_connections(server: str) -> None:
    netloc = urllib.parse.urlsplit(server).netloc
    host, port = netloc.split(":")
    idle = [socket.create_connection((host, int(port)), timeout=10) for _ in range(50)]
    for connection in idle[:10]:  # a request head that never ends
        connection.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n")
    try:
        with httpx.Client(timeout=30) as client, ThreadPoolExecutor(32) as pool:
            statuses = list(pool.map(partial(fetch, client, server), range(400)))
        assert statuses == [200] * 400
    finally:
        for connection in idle:
            connection.close()
