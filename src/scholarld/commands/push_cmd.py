"""``scholarld push``: upload the site graph to a SPARQL 1.1 Graph Store server."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from scholarld.push import Credentials, GraphUpload, PreparedPush


@click.command("push", short_help="Upload the graph to a SPARQL Graph Store (Oxigraph, Virtuoso).")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The SPARQL 1.1 Graph Store Protocol URL. Oxigraph: http://HOST:7878/store; "
    "Virtuoso: http://HOST:8890/sparql-graph-crud-auth. Only http(s).",
)
@click.option(
    "--graph-per-profile",
    "per_profile",
    is_flag=True,
    help="One named graph per profile ({base}graph/{slug}) plus the dataset description "
    "({base}.well-known/void), each replaced whole. Default: the union into one graph.",
)
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="The graph the union goes to (without --graph-per-profile). Default: {base}graph/all.",
)
@click.option(
    "--auth",
    type=click.Choice(["none", "basic", "digest"]),
    default="none",
    show_default=True,
    help="HTTP authentication. Virtuoso's -auth endpoints use digest.",
)
@click.option("--user", metavar="NAME", help="User name for --auth basic|digest.")
@click.option(
    "--password-env",
    metavar="VARIABLE",
    help="Name of the environment variable holding the password (never the password itself).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Graphs sent concurrently (one request each; a graph is never split).",
)
@click.option(
    "--resume/--no-resume",
    default=True,
    show_default=True,
    help="Skip graphs the server already acknowledged with the same content.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 20),
    default=4,
    show_default=True,
    help="Retries per graph on transient errors (connection, 429, 502, 503, 504).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=300.0,
    show_default=True,
    help="Seconds to wait for the server's answer to one graph.",
)
@click.option(
    "--shapes",
    "shapes_dir",
    type=click.Path(path_type=Path),
    help="SHACL shapes folder. Default: shapes/ beside the data folder.",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (faster; unchecked).")
@click.option("--dry-run", is_flag=True, help="Read, validate and print the plan; send nothing.")
@click.pass_obj
def push_command(
    data_dir: Path,
    endpoint: str,
    per_profile: bool,
    graph_iri: str | None,
    auth: str,
    user: str | None,
    password_env: str | None,
    batch_size: int,
    resume: bool,
    retries: int,
    timeout: float,
    shapes_dir: Path | None,
    no_validate: bool,
    dry_run: bool,
) -> None:
    """Upload the site's linked data to a SPARQL 1.1 Graph Store Protocol server.

    The data is read and validated first: nothing is sent if it does not conform. Each
    graph is replaced as a whole by one PUT ?graph=IRI (N-Triples), so readers never see
    half an update. Transient errors are retried with backoff; acknowledged graphs are
    recorded in .scholarld-cache/push/, so a rerun skips unchanged graphs and an
    interrupted push continues where it stopped. Details: docs/push.md.

    \b
    export SCHOLARLD_PUSH_PASSWORD=...
    scholarld push --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth \\
        --graph-per-profile --auth digest --user scholarld \\
        --password-env SCHOLARLD_PUSH_PASSWORD
    """
    from scholarld.push import PushRequest, RetryPolicy, prepare_push, send_prepared

    request = PushRequest(
        data_dir=data_dir, endpoint=endpoint, per_profile=per_profile, graph_iri=graph_iri,
        credentials=_credentials(auth, user, password_env), batch_size=batch_size,
        resume=resume, validate=not no_validate, shapes_dir=shapes_dir,
        policy=RetryPolicy(retries=retries), timeout=timeout,
    )  # fmt: skip
    prepared = prepare_push(request)
    if dry_run:
        _print_plan(prepared)
        return
    with ProgressBar(len(prepared.plan.send)) as progress:
        summary = send_prepared(prepared, progress)
    click.echo(summary.line())


def _credentials(auth: str, user: str | None, password_env: str | None) -> Credentials:
    from scholarld.push import Credentials
    from scholarld.push.errors import CredentialsError

    if auth == "none":
        if user is not None or password_env is not None:
            raise click.UsageError("--user and --password-env need --auth basic or --auth digest")
        return Credentials()
    if not user or not password_env:
        raise click.UsageError(
            f"--auth {auth} needs --user NAME and --password-env VARIABLE (the name of an "
            "environment variable holding the password; never the password itself)"
        )
    password = os.environ.get(password_env)
    if not password:
        raise CredentialsError(
            f"--password-env {password_env}: the environment variable {password_env} is not "
            f"set or is empty. Set it to the password of user {user!r} first, e.g. "
            f"read -rs {password_env} && export {password_env}"
        )
    return Credentials("basic" if auth == "basic" else "digest", user, password, password_env)


def _print_plan(prepared: PreparedPush) -> None:
    plan = prepared.plan
    for upload in plan.send:
        click.echo(f"send  <{upload.iri}>  {upload.triples:,} triples, {upload.size:,} bytes")
    for upload in plan.skip:
        click.echo(f"skip  <{upload.iri}>  unchanged since the server acknowledged it")
    count = len(plan.send)
    click.echo(
        f"Dry run: would push {count} graph{'s' if count != 1 else ''} "
        f"({plan.triples():,} triples, {plan.size():,} bytes) to {prepared.request.endpoint}; "
        f"{len(plan.skip)} unchanged skipped; nothing was sent"
    )


class ProgressBar:
    """A click progress bar on stderr, advanced once per acknowledged graph (none when
    there is nothing to send)."""

    def __init__(self, length: int) -> None:
        self._bar = (
            click.progressbar(length=length, label="Pushing graphs", file=sys.stderr, show_pos=True)
            if length
            else None
        )

    def __enter__(self) -> ProgressBar:
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.render_finish()

    def acknowledged(self, upload: GraphUpload) -> None:
        if self._bar is not None:
            self._bar.update(1)
