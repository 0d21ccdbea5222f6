"""The workspace store: models and their revisions in a SQL database.

Every save is a new revision; nothing saved is ever changed except a model's name, and
nothing is removed except a whole model.  Saves from many threads and processes at once
each get their own number, 1, 2, 3, … without gaps: a save holds its model's write lock
(SQLite: the database's, taken at the start of the transaction; PostgreSQL: the model
row's) while it reads the latest number and writes the next, a unique constraint on
``(model_id, number)`` backs this up, and a save that loses a race is retried.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

from sqlalchemy import delete, func, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from accord.errors import NotFoundError, StoreError
from accord.store._engine import (
    WRITE,
    default_url,
    describe,
    is_memory,
    mask,
    open_engine,
    transient,
)
from accord.store._queries import (
    MODELS,
    add_revision,
    locked_model,
    model_info,
    one_model,
    revision_columns,
    revision_info,
)
from accord.store.records import ModelInfo, Revision, RevisionInfo, checked_name
from accord.store.tables import Base, ModelRow, RevisionRow, utcnow

__all__ = ["Store"]

T = TypeVar("T")

#: How many times a transaction that lost a race is tried before the store gives up.
ATTEMPTS = 12
#: The first pause between attempts, in seconds; it doubles each time up to ``MAX_PAUSE``.
PAUSE = 0.01
MAX_PAUSE = 0.5
#: Serialises creating the tables when several processes open a new PostgreSQL database.
_SCHEMA_LOCK_KEY = 0x61636364


class Store:
    """The models and revisions of a workspace, kept in a SQL database.

    Parameters
    ----------
    url
        A SQLAlchemy database URL, e.g. ``sqlite:///path/workspace.sqlite`` or
        ``postgresql+psycopg://user:password@host/db``; ``None`` means
        :func:`~accord.store.default_url`.  The tables are created if missing.

    Raises
    ------
    StoreError
        When the database cannot be opened; the message names the URL (password masked)
        and the reason.

    Notes
    -----
    One store may be used from many threads at once.  A process must open its own store
    rather than inherit one across ``fork``.
    """

    def __init__(self, url: str | None = None) -> None:
        raw = default_url() if url is None else url
        try:
            parsed = make_url(raw)
        except (ArgumentError, ValueError) as exc:
            raise StoreError(
                f"cannot open the workspace database {mask(raw)}: this is not a database URL"
                " (for example sqlite:///path/to/workspace.sqlite or"
                " postgresql+psycopg://user@host/database)"
            ) from exc
        self._url = mask(parsed)
        try:
            self._engine: Engine = open_engine(parsed)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open the workspace database {self._url}: {describe(exc)}"
            ) from exc
        self._writer = self._engine.execution_options(**{WRITE: True})
        memory = parsed.get_backend_name() == "sqlite" and is_memory(parsed)
        self._lock: AbstractContextManager[object] = threading.Lock() if memory else nullcontext()
        try:
            self._run(self._create_tables, opening=True)
        except StoreError:
            self._engine.dispose()
            raise

    @property
    def url(self) -> str:
        """The database URL, with any password masked, fit to show."""
        return self._url

    def __repr__(self) -> str:
        return f"Store({self._url!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every connection to the database.  The store is not used afterwards."""
        self._engine.dispose()

    def create_model(
        self,
        name: str,
        text: str,
        format: str,
        note: str,
        *,
        author: str | None = None,
        summary: str = "",
    ) -> tuple[ModelInfo, RevisionInfo]:
        """Create a model with ``text`` as its revision 1.

        Raises
        ------
        StoreError
            For an empty name or an unknown format.
        """
        name = checked_name(name)
        columns = revision_columns(text, format, note, author, summary)

        def work(session: Session) -> tuple[ModelInfo, RevisionInfo]:
            now = utcnow()
            model = ModelRow(name=name, created_at=now, updated_at=now)
            session.add(model)
            session.flush()
            revision = add_revision(session, model, 1, None, columns, now)
            return one_model(session, model.id), revision

        return self._run(work)

    def add_revision(
        self,
        model_id: int,
        text: str,
        format: str,
        note: str,
        *,
        author: str | None = None,
        parent: int | None = None,
        summary: str = "",
    ) -> RevisionInfo:
        """Save ``text`` as the next revision of a model.

        Parameters
        ----------
        parent
            The number of the revision the text was edited from, if known.

        Raises
        ------
        NotFoundError
            For a model that does not exist, or a parent it does not have.
        StoreError
            For an unknown format, or when the database fails.
        """
        columns = revision_columns(text, format, note, author, summary)

        def work(session: Session) -> RevisionInfo:
            # From here to commit this save holds the model row's lock (PostgreSQL) or the
            # database's write lock (SQLite), so no other save reads the same latest number.
            model = locked_model(session, model_id)
            latest = session.scalar(
                select(func.max(RevisionRow.number)).where(RevisionRow.model_id == model_id)
            )
            latest = latest or 0
            if parent is not None and not 1 <= parent <= latest:
                raise NotFoundError(f"model {model_id} has no revision {parent}")
            return add_revision(session, model, latest + 1, parent, columns, utcnow())

        return self._run(work)

    def models(self) -> list[ModelInfo]:
        """Every model in the workspace, by name (models of the same name by id)."""

        def work(session: Session) -> list[ModelInfo]:
            rows = session.execute(MODELS.order_by(ModelRow.name, ModelRow.id))
            return [model_info(*row) for row in rows]

        return self._run(work, write=False)

    def model(self, model_id: int) -> ModelInfo:
        """The model with this id; :class:`NotFoundError` if there is none."""
        return self._run(lambda session: one_model(session, model_id), write=False)

    def find(self, name: str) -> ModelInfo | None:
        """The oldest model with exactly this name (surrounding spaces ignored), if any."""

        def work(session: Session) -> ModelInfo | None:
            found = session.scalar(
                select(ModelRow.id).where(ModelRow.name == name.strip()).order_by(ModelRow.id)
            )
            return None if found is None else one_model(session, found)

        return self._run(work, write=False)

    def revisions(self, model_id: int) -> list[RevisionInfo]:
        """The revisions of a model, newest first; :class:`NotFoundError` for no model."""

        def work(session: Session) -> list[RevisionInfo]:
            if session.get(ModelRow, model_id) is None:
                raise NotFoundError(f"no model with id {model_id}")
            rows = session.scalars(
                select(RevisionRow)
                .where(RevisionRow.model_id == model_id)
                .order_by(RevisionRow.number.desc())
            )
            return [revision_info(row) for row in rows]

        return self._run(work, write=False)

    def revision(self, model_id: int, number: int) -> Revision:
        """One revision of a model, with its text.

        Raises
        ------
        NotFoundError
            When there is no such model, or the model has no revision of that number.
        """

        def work(session: Session) -> Revision:
            row = session.scalar(
                select(RevisionRow).where(
                    RevisionRow.model_id == model_id, RevisionRow.number == number
                )
            )
            if row is not None:
                return Revision(revision_info(row), row.text)
            if session.get(ModelRow, model_id) is None:
                raise NotFoundError(f"no model with id {model_id}")
            raise NotFoundError(f"model {model_id} has no revision {number}")

        return self._run(work, write=False)

    def rename(self, model_id: int, name: str) -> ModelInfo:
        """Give a model a new name; its revisions are unchanged."""
        name = checked_name(name)

        def work(session: Session) -> ModelInfo:
            model = locked_model(session, model_id)
            model.name = name
            model.updated_at = max(utcnow(), model.updated_at)
            session.flush()
            return one_model(session, model_id)

        return self._run(work)

    def delete(self, model_id: int) -> None:
        """Delete a model and all its revisions; :class:`NotFoundError` for no model."""

        def work(session: Session) -> None:
            locked_model(session, model_id)
            session.execute(delete(RevisionRow).where(RevisionRow.model_id == model_id))
            session.execute(delete(ModelRow).where(ModelRow.id == model_id))

        self._run(work)

    def is_empty(self) -> bool:
        """Whether the workspace holds no model."""
        return self._run(lambda s: s.scalar(select(ModelRow.id).limit(1)) is None, write=False)

    def _create_tables(self, session: Session) -> None:
        connection = session.connection()
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK_KEY}
            )
        Base.metadata.create_all(connection)

    def _run(self, work: Callable[[Session], T], *, write: bool = True, opening: bool = False) -> T:
        """Run ``work`` in one transaction, retrying it when it loses a race.

        A transaction that will write takes its lock at the start (see the module notes).
        Errors of the store's own (:class:`StoreError`) pass through; database errors
        become :class:`StoreError`.
        """
        bind = self._writer if write else self._engine
        attempt = 0
        while True:
            attempt += 1
            try:
                with self._lock, Session(bind, expire_on_commit=False) as session, session.begin():
                    return work(session)
            except (IntegrityError, OperationalError) as exc:
                if attempt >= ATTEMPTS or not transient(exc):
                    raise self._failure(exc, opening) from exc
            except SQLAlchemyError as exc:
                raise self._failure(exc, opening) from exc
            time.sleep(min(MAX_PAUSE, PAUSE * 2**attempt) * random.uniform(0.5, 1.0))

    def _failure(self, error: SQLAlchemyError, opening: bool) -> StoreError:
        what = "cannot open" if opening else "could not use"
        return StoreError(f"{what} the workspace database {self._url}: {describe(error)}")
