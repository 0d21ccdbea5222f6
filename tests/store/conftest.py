"""Workspaces to test against: a fresh SQLite file per test, and one throwaway PostgreSQL
cluster per run when the server binaries are installed.

A missing PostgreSQL skips its tests, unless ``ACCORD_REQUIRE_ALL=1`` is set, in which
case it fails them: a run that must cover everything cannot pass by skipping.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.store import Store
from needs import unavailable

#: Where Debian and Ubuntu install the PostgreSQL server programs.
PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The URL of a new SQLite workspace file."""
    return f"sqlite:///{(tmp_path / 'workspace.sqlite').as_posix()}"


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    """A new, empty workspace in a SQLite file."""
    opened = Store(sqlite_url)
    yield opened
    opened.close()


def _server_bin() -> Path | None:
    """The newest installed PostgreSQL server's program folder, if any."""
    found = [Path(p) for p in glob.glob(PG_BIN_GLOB) if (Path(p) / "pg_ctl").exists()]
    if not found:
        return None
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Start a throwaway PostgreSQL cluster; yield its URL; stop and remove it at the end.

    As root the server runs as the ``postgres`` user (it refuses to run as root);
    otherwise as the current user.
    """
    bin_dir = _server_bin()
    if bin_dir is None:
        unavailable(f"PostgreSQL server programs not found at {PG_BIN_GLOB}")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("the psycopg driver is not installed")
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if as_root and shutil.which("runuser") is None:
        unavailable("running as root, and runuser is missing to start PostgreSQL as postgres")
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    base = Path(tempfile.mkdtemp(prefix="accord-pg-"))
    if as_root:
        shutil.chown(base, user="postgres")
    base.chmod(0o700)
    data, log, port = base / "data", base / "pg.log", _free_port()
    pg_ctl = [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data)]

    def run(command: list[str]) -> None:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip()
            if log.exists():
                detail += "\n" + log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} failed:\n{detail}")

    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
    run([*prefix, *initdb, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off"
    run([*pg_ctl, "-l", str(log), "-o", options, "-w", "start"])
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True, check=False)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    """The URL of a workspace in each database the store supports."""
    if request.param == "sqlite":
        return sqlite_url
    url: str = request.getfixturevalue("postgres_server")
    return url
