"""Where the workspace lives and how to connect to it safely from many threads and processes.

SQLite gets a write-ahead log (readers never wait for a writer), a 30-second busy timeout,
and a transaction that takes the write lock at its start (``BEGIN IMMEDIATE``) whenever it
will write, so that two saves can never both read the same latest revision number.
PostgreSQL needs none of this: a save locks its model's row instead.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

__all__ = ["ENV_VAR", "WRITE", "default_url", "describe", "mask", "open_engine", "transient"]

#: The environment variable that names the workspace database.
ENV_VAR = "ACCORD_DATABASE_URL"
#: The execution option that marks a connection whose transactions will write.
WRITE = "accord_write"
#: How long a SQLite connection waits for another's write lock, in seconds.
BUSY_TIMEOUT = 30


def default_url() -> str:
    """The URL of the workspace database.

    Returns
    -------
    str
        ``$ACCORD_DATABASE_URL`` when it is set and not empty; otherwise a SQLite file
        ``workspace.sqlite`` in the user's data directory for accord (for example
        ``~/.local/share/accord`` on Linux), which is created if missing.
    """
    url = os.environ.get(ENV_VAR, "").strip()
    if url:
        return url
    folder = Path(platformdirs.user_data_dir("accord"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(folder / 'workspace.sqlite').as_posix()}"


_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


def mask(url: str | URL) -> str:
    """A database URL fit to show: any password replaced by ``***``."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return _PASSWORD.sub(r"\1***@", url)


def describe(error: Exception) -> str:
    """The reason a database call failed, in one line and without SQLAlchemy's decoration."""
    if isinstance(error, NoSuchModuleError):
        return f"no database driver for this URL ({error})"
    if isinstance(error, DBAPIError) and error.orig is not None:
        reason = str(error.orig)
    elif isinstance(error, SQLAlchemyError):
        reason = error.args[0] if error.args else type(error).__name__
    else:
        reason = str(error) or type(error).__name__
    reason = " ".join(str(reason).split())
    if reason == "unable to open database file":
        reason += " (does its folder exist, and may this user write there?)"
    return reason


def transient(error: SQLAlchemyError) -> bool:
    """Whether a transaction that failed with ``error`` may succeed if simply tried again.

    True for a write lock not obtained in time, a deadlock or serialization failure, and a
    clash on a unique key (two saves that picked the same revision number).
    """
    orig = getattr(error, "orig", None)
    if getattr(orig, "sqlstate", None) in {"23505", "40001", "40P01", "55P03"}:
        return True
    message = str(orig).lower()
    return "database is locked" in message or "unique constraint failed" in message


def is_memory(url: URL) -> bool:
    """Whether a SQLite URL names a database that lives only in memory."""
    return url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"


def open_engine(url: URL) -> Engine:
    """An engine for ``url``, set up for concurrent saves.

    Parameters
    ----------
    url
        The database URL, already parsed.

    Raises
    ------
    sqlalchemy.exc.ArgumentError, sqlalchemy.exc.NoSuchModuleError
        For a URL that names no database SQLAlchemy knows, or whose driver is missing.
    """
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    connect_args: dict[str, Any] = {"timeout": BUSY_TIMEOUT, "check_same_thread": False}
    if is_memory(url):
        # One connection, shared: every thread must see the same in-memory database.
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        engine = create_engine(url, connect_args=connect_args)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
    """Hand transaction control to SQLAlchemy and turn on WAL and foreign keys."""
    dbapi_connection.isolation_level = None  # the driver emits no BEGIN of its own
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Begin a transaction, taking the write lock at once if the transaction will write."""
    writes = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
