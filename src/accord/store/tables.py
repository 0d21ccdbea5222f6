"""The workspace schema: one row per model, one row per saved revision of a model.

A revision is never changed once written.  ``(model_id, number)`` is unique, so two saves
that pick the same number cannot both commit; the store retries the loser with the next
number.  Times are stored in UTC and read back as timezone-aware datetimes on every
database, including SQLite, which has no time zone type of its own.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from accord.store.records import NAME_LENGTH

__all__ = ["Base", "ModelRow", "RevisionRow", "UTCDateTime", "utcnow"]


def utcnow() -> datetime:
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp kept in UTC and always read back timezone-aware.

    A naive datetime is refused on the way in, so that no local time is ever stored by
    mistake.  A naive value on the way out (SQLite keeps no offset) is UTC by construction.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"refusing to store a naive datetime {value.isoformat()}")
        value = value.astimezone(UTC)
        # SQLite stores the text of the value; without an offset, every row reads the same.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """The declarative base of the workspace tables."""


class ModelRow(Base):
    """A model in the workspace: its name and when it was created and last saved."""

    __tablename__ = "accord_models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RevisionRow(Base):
    """One saved revision of a model: its text, what it is, and who saved it when.

    ``number`` counts from 1 within a model, without gaps; ``parent`` is the number of the
    revision this one was edited from, when known.  ``sha256`` and ``size`` describe the
    UTF-8 encoding of ``text``.
    """

    __tablename__ = "accord_revisions"
    __table_args__ = (UniqueConstraint("model_id", "number", name="uq_accord_revision_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    model_id: Mapped[int] = mapped_column(
        ForeignKey("accord_models.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    format: Mapped[str] = mapped_column(String(8))
    parent: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
