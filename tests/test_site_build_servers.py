"""The web server configuration the build writes, checked by real servers: nginx accepts
``.nginx.conf`` (``nginx -t``), and nginx and Apache httpd serving a built site answer
resource IRIs with ``303 See Other`` to the representation ``Accept`` chooses, serve every
file with its media type, and hide the build's own dot-files. Both configurations are
generated from ``site.documents``; their resource pattern agrees with ``document_path``
for every subject of the default graph."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scholarld.graph import build_site_graph
from scholarld.identity import resolve_people
from scholarld.profiles.reader import read_site
from scholarld.site.build import BuildRequest, build_site
from scholarld.site.documents import document_path
from scholarld.site.webserver import nginx_text, resource_pattern
from system import ensure_program, free_port, stop_process, wait_for_http

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
BASE = "http://localhost:8000/"
APACHE_MODULES = Path("/usr/lib/apache2/modules")

# (path, Accept header, expected Location path); None: no redirect.
NEGOTIATION = [
    ("/person/kaiming-he", "text/html,application/xhtml+xml,*/*;q=0.8", "/person/kaiming-he.html"),
    ("/person/kaiming-he", "text/turtle", "/person/kaiming-he.ttl"),
    ("/person/kaiming-he", "application/ld+json", "/person/kaiming-he.jsonld"),
    ("/person/kaiming-he", "*/*", "/person/kaiming-he.html"),
    ("/work/he2016deep/cvpr2016", "text/turtle;q=0.9, text/html;q=0.5", "/work/he2016deep.ttl"),
    ("/work/he2016deep/cvpr2016/author/1", "application/ld+json", "/work/he2016deep.jsonld"),
    ("/dataset", "text/turtle", "/dataset.ttl"),
]
# (path, expected media type)
MEDIA_TYPES = [
    ("/person/kaiming-he.ttl", "text/turtle"),
    ("/person/kaiming-he.jsonld", "application/ld+json"),
    ("/person/kaiming-he.html", "text/html"),
    ("/.well-known/void", "text/turtle"),
    ("/dump/all.nt.gz", "application/gzip"),
    ("/sitemap.xml", "application/xml"),
]
HIDDEN = ["/.nginx.conf", "/.htaccess", "/.scholarld-site"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_: object, **__: object) -> None:
        return None


def fetch(url: str, accept: str = "*/*") -> tuple[int, dict[str, str]]:
    """Status and headers of ``url`` without following redirects."""
    opener = urllib.request.build_opener(NoRedirect())
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.fixture(scope="module")
def site_root() -> Iterator[Path]:
    """The default site, built where a server's unprivileged worker can read it."""
    folder = Path(tempfile.mkdtemp(prefix="scholarld-site-"))
    folder.chmod(0o755)
    try:
        output = folder / "public"
        build_site(BuildRequest(data_dir=DATA, output=output, validate=False))
        yield output
    finally:
        shutil.rmtree(folder)


def test_resource_pattern_agrees_with_document_path() -> None:
    site = read_site(DATA)
    graph = build_site_graph(site, resolve_people(site.profiles))
    subjects = {s[1:-1] for g in graph.graphs for s, _, _ in g.triples if s.startswith("<")}
    paths = [iri[len(BASE) :] for iri in subjects if iri.startswith(BASE)]
    paths += ["dataset/x", "person", "person/", "dump/all.ttl", "index.html", "assets/style.css"]
    pattern = re.compile(resource_pattern())
    for path in paths:
        match = pattern.match(path)
        expected = document_path(BASE + path, BASE)
        if "." in path:
            assert match is None, path  # files (and the .html ProfilePages) are not redirected
        else:
            assert (match.group(1) if match else None) == expected, path


def assert_negotiates(url: str) -> None:
    for path, accept, location in NEGOTIATION:
        status, headers = fetch(url + path, accept)
        assert status == 303, f"{path} ({accept}): {status}"
        assert headers["Location"].endswith(location), f"{path} ({accept}): {headers}"
        assert "Accept" in headers.get("Vary", ""), f"{path}: no Vary: Accept in {headers}"
    for path, media_type in MEDIA_TYPES:
        status, headers = fetch(url + path)
        assert status == 200, f"{path}: {status}"
        assert headers["Content-Type"].split(";")[0] == media_type, f"{path}: {headers}"
    for path in HIDDEN:
        assert fetch(url + path)[0] in (403, 404), f"{path} is published"
    assert fetch(url + "/")[0] == 200


def serve_and_check(command: list[str], port: int, log: Path) -> None:
    """Start the server ``command`` (its output to ``log``), check it, stop it by PID."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", process)
        assert_negotiates(f"http://127.0.0.1:{port}")
    except BaseException:
        print(log.read_text(encoding="utf-8", errors="replace"))
        raise
    finally:
        stop_process(process)


def nginx_conf(folder: Path, site: Path, port: int) -> Path:
    conf = folder / "nginx.conf"
    temp = folder / "temp"
    temp.mkdir()
    conf.write_text(
        f"daemon off;\npid {folder}/nginx.pid;\nerror_log stderr;\nevents {{}}\nhttp {{\n"
        f"  access_log off;\n  client_body_temp_path {temp}/body;\n"
        f"  proxy_temp_path {temp}/proxy;\n  fastcgi_temp_path {temp}/fastcgi;\n"
        f"  uwsgi_temp_path {temp}/uwsgi;\n  scgi_temp_path {temp}/scgi;\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n    root {site};\n"
        f"    include {site}/.nginx.conf;\n  }}\n}}\n",
        encoding="utf-8",
    )
    return conf


def test_nginx_accepts_the_configuration(site_root: Path, tmp_path: Path) -> None:
    nginx = ensure_program("nginx", ["nginx"])
    conf = nginx_conf(tmp_path, site_root, free_port())
    result = subprocess.run(
        [str(nginx), "-t", "-p", str(tmp_path), "-e", "stderr", "-c", str(conf)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_configuration_for_a_site_in_a_sub_folder() -> None:
    text = nginx_text("https://example.org/people/")
    assert "location = /people/.well-known/void {" in text
    assert "return 303 /people/$scholarld_document.$scholarld_extension;" in text


def test_nginx_serves_the_site_with_negotiation(site_root: Path, tmp_path: Path) -> None:
    nginx = ensure_program("nginx", ["nginx"])
    port = free_port()
    conf = nginx_conf(tmp_path, site_root, port)
    command = [str(nginx), "-p", str(tmp_path), "-e", "stderr", "-c", str(conf)]
    serve_and_check(command, port, tmp_path / "nginx.log")


def apache_conf(folder: Path, site: Path, port: int) -> Path:
    modules = ("mpm_event", "authz_core", "mime", "dir", "rewrite", "headers")
    lines = [f"LoadModule {name}_module {APACHE_MODULES}/mod_{name}.so" for name in modules]
    if os.geteuid() == 0:
        lines += ["User www-data", "Group www-data"]
    lines += [
        f"ServerRoot {folder}", "ServerName 127.0.0.1", f"Listen 127.0.0.1:{port}",
        f"PidFile {folder}/httpd.pid", f"DefaultRuntimeDir {folder}", "ErrorLog /dev/stderr",
        f"Mutex file:{folder} default", "TypesConfig /etc/mime.types", f"DocumentRoot {site}",
        f"<Directory {site}>", "  AllowOverride All", "  Require all granted", "</Directory>",
    ]  # fmt: skip
    conf = folder / "httpd.conf"
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return conf


def test_apache_serves_the_site_with_the_htaccess(site_root: Path, tmp_path: Path) -> None:
    apache = ensure_program("apache2", ["apache2"])
    tmp_path.chmod(0o755)
    port = free_port()
    conf = apache_conf(tmp_path, site_root, port)
    serve_and_check([str(apache), "-f", str(conf), "-DFOREGROUND"], port, tmp_path / "httpd.log")
