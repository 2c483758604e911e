"""Real SPARQL servers for the tests, started as child processes on free loopback ports
and stopped by PID, plus a small scripted Graph Store (``http.server``) for fault
injection: it answers each request with the next scripted status and records what it got.

- ``oxigraph_server``: Oxigraph (PyPI ``oxigraph``, the binary beside this Python) on
  an on-disk store in tmp; starts in well under a second; one per test.
- ``virtuoso_server``: Virtuoso open source (Debian ``virtuoso-opensource``) with its
  own ``virtuoso.ini`` (loopback ports, no Conductor package install, which saves ~10 s)
  and a least-privilege writer user created with ``isql-vt``; one per test module.
  Skipped when Virtuoso cannot be installed.
- ``scripted_store``: the fault-injecting server, one per test. Besides HTTP statuses
  its script may say ``DROP`` (hang up without answering) or ``SLOW`` (answer late).

Import the fixtures into a test module (``from engines import oxigraph_server``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from system import ensure_program, free_port, stop_process, wait_for_http

VIRTUOSO_USER = "scholarld"
VIRTUOSO_PASSWORD = "PushTest42"  # alphanumeric: isql parses it as an identifier
VIRTUOSO_START_SECONDS = 120.0
VIRTUOSO_VAD_DIR = "/usr/share/virtuoso-opensource-7/vad"
VIRTUOSO_VSP_DIR = "/var/lib/virtuoso-opensource-7/vsp"


@dataclass(frozen=True)
class OxigraphServer:
    base: str  # http://127.0.0.1:PORT

    @property
    def store(self) -> str:
        return f"{self.base}/store"

    def get_graph(self, graph_iri: str) -> str:
        """The graph's content as N-Triples, read back with a Graph Store GET."""
        response = httpx.get(
            self.store, params={"graph": graph_iri}, headers={"Accept": "application/n-triples"}
        )
        response.raise_for_status()
        return response.text


@dataclass(frozen=True)
class VirtuosoServer:
    base: str  # http://127.0.0.1:PORT
    sql_port: int
    user: str
    password: str

    @property
    def gsp_auth(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def gsp_anonymous(self) -> str:
        return f"{self.base}/sparql-graph-crud"

    def construct(self, graph_iri: str) -> str:
        """Every triple of the graph as N-Triples, by a SPARQL CONSTRUCT naming it."""
        query = f"CONSTRUCT {{ ?s ?p ?o }} FROM <{graph_iri}> WHERE {{ ?s ?p ?o }}"
        response = httpx.post(
            f"{self.base}/sparql",
            data={"query": query},
            headers={"Accept": "application/n-triples"},
            timeout=30,
        )
        response.raise_for_status()
        return response.text

    def count(self, graph_iri: str) -> int:
        """How many triples the graph holds, by a SPARQL COUNT naming it."""
        query = f"SELECT (COUNT(*) AS ?n) FROM <{graph_iri}> WHERE {{ ?s ?p ?o }}"
        response = httpx.post(
            f"{self.base}/sparql", data={"query": query}, headers={"Accept": "text/csv"}
        )
        response.raise_for_status()
        return int(response.text.splitlines()[1])


def oxigraph_program() -> Path:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        pytest.fail("the oxigraph server is missing: pip install -e '.[dev]' installs it")
    return Path(found)


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    port = free_port()
    command = [str(oxigraph_program()), "serve", "--location", str(tmp_path / "oxigraph")]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(f"{base}/", process)
        yield OxigraphServer(base)
    finally:
        stop_process(process)


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> str:
    """A minimal ini: database files in ``folder``, both ports on loopback only."""
    empty_vad = folder / "no-vad"
    empty_vad.mkdir(exist_ok=True)
    return f"""\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {folder}
VADInstallDir = {empty_vad}/
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 60
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {VIRTUOSO_VSP_DIR}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def _isql(sql_port: int, statement: str) -> None:
    isql = ensure_program("isql-vt", ["virtuoso-opensource"], required=False)
    result = subprocess.run(
        [str(isql), f"127.0.0.1:{sql_port}", "dba", "dba", f"EXEC={statement}"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if result.returncode != 0 or "Error" in result.stdout:
        pytest.fail(f"isql-vt {statement!r} failed:\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    program = ensure_program("virtuoso-t", ["virtuoso-opensource"], required=False)
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(virtuoso_ini(folder, sql_port, http_port))
    process = subprocess.Popen(
        [str(program), "+configfile", str(folder / "virtuoso.ini"), "+foreground"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{http_port}"
        wait_for_http(f"{base}/sparql", process, timeout=VIRTUOSO_START_SECONDS)
        _isql(
            sql_port,
            f"DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}'); "
            f'GRANT SPARQL_UPDATE TO "{VIRTUOSO_USER}";',
        )
        yield VirtuosoServer(base, sql_port, VIRTUOSO_USER, VIRTUOSO_PASSWORD)
    finally:
        stop_process(process)


DROP = 0  # a scripted "status" that closes the connection without answering
SLOW = 1  # a scripted "status" that waits SLOW_SECONDS, then answers 204
SLOW_SECONDS = 1.0


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Script:
    """The answers still to give (status, extra headers), and what was received.
    Once the script is used up, every request gets ``default``."""

    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    default: int = 204
    received: list[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_answer(self, request: RecordedRequest) -> tuple[int, dict[str, str]]:
        with self.lock:
            self.received.append(request)
            return self.answers.pop(0) if self.answers else (self.default, {})


class ScriptedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: Script) -> None:
        super().__init__(("127.0.0.1", 0), ScriptedHandler)
        self.script = script


class ScriptedHandler(BaseHTTPRequestHandler):
    server: ScriptedServer

    def do_PUT(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        recorded = RecordedRequest("PUT", self.path, dict(self.headers.items()), body)
        status, headers = self.server.script.next_answer(recorded)
        if status == DROP:
            self.close_connection = True  # hang up without an answer
            return
        if status == SLOW:
            time.sleep(SLOW_SECONDS)
            status = 204
        message = f"scripted answer {status}".encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(message) if status != 204 else 0))
        self.end_headers()
        if status != 204:
            self.wfile.write(message)

    def log_message(self, format: str, *args: object) -> None:
        return


@dataclass(frozen=True)
class ScriptedStore:
    url: str
    script: Script


@pytest.fixture
def scripted_store() -> Iterator[ScriptedStore]:
    script = Script()
    server = ScriptedServer(script)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield ScriptedStore(f"http://127.0.0.1:{server.server_address[1]}/store", script)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def assert_same_graph(expected_ntriples: str, actual_ntriples: str, label: str) -> None:
    """The two N-Triples texts are isomorphic graphs; else list the differing triples."""
    from rdflib import Graph
    from rdflib.compare import graph_diff, isomorphic, to_isomorphic

    expected = Graph().parse(data=expected_ntriples, format="nt")
    actual = Graph().parse(data=actual_ntriples, format="nt")
    if isomorphic(expected, actual):
        return
    _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"{label}: {len(expected)} triples expected, {len(actual)} on the server"]
    lines += [f"  only local:  {triple}" for triple in sorted(missing)[:20]]
    lines += [f"  only server: {triple}" for triple in sorted(extra)[:20]]
    pytest.fail("\n".join(lines))
