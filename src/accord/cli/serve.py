"""The serve command: the web app on this machine."""

from __future__ import annotations

import errno
import ipaddress
from typing import Annotated

import typer

from accord.cli._common import app, err, fail
from accord.errors import AccordError


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_address(host: str, port: int) -> None:
    """Exit 1 with a plain message when ``host:port`` cannot be listened on."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        err(f"error: cannot listen on {host}: no such address on this machine")
        raise typer.Exit(1) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            reason = (
                "the port is in use (another server?); choose another with --port"
                if error.errno == errno.EADDRINUSE
                else error.strerror or str(error)
            )
            err(f"error: cannot listen on {host}:{port}: {reason}")
            raise typer.Exit(1) from None


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to listen on. The default answers only this machine; another "
            "address lets anyone who can reach it read and change the workspace.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8000,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            help="Where the workspace lives: a SQLAlchemy URL (sqlite:///FILE or "
            "postgresql+psycopg://…). Default: $ACCORD_DATABASE_URL, else a SQLite file in "
            "your data directory.",
        ),
    ] = None,
    time_limit: Annotated[
        float,
        typer.Option("--time-limit", help="Seconds an analysis may take before it is stopped."),
    ] = 60.0,
) -> None:
    """The web app: edit models with validation as you type, run analyses, keep revisions.

    Open the address it prints in a browser; the API's documentation is at /docs.
    """
    if not 0 < port < 65536:
        err(f"--port must be between 1 and 65535 (got {port})")
        raise typer.Exit(1)
    if time_limit <= 0:
        err(f"--time-limit must be a positive number of seconds (got {time_limit:g})")
        raise typer.Exit(1)
    _check_address(host, port)
    import uvicorn

    from accord.store import Store, default_url
    from accord.web.app import create_app
    from accord.web.config import Settings

    url = database or default_url()
    try:
        store = Store(url)
    except AccordError as error:
        fail(error)
    if not _loopback(host):
        err(
            f"warning: listening on {host}: anyone who can reach this address can read and "
            "change the workspace (there are no accounts)"
        )
    shown = f"[{host}]" if ":" in host else host
    err(f"workspace: {store.url}")
    err(f"open http://{shown}:{port}/ in a browser (API documentation: /docs); Ctrl-C stops")
    from accord.web.app import LOOPBACK_NAMES

    hosts = LOOPBACK_NAMES if _loopback(host) else None
    settings = Settings(database_url=url, time_limit=time_limit, allowed_hosts=hosts)
    try:
        uvicorn.run(
            create_app(settings, store), host=host, port=port, log_level="warning", access_log=False
        )
    finally:
        store.close()
