"""The queries and row conversions the store is made of, each run inside a transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accord.errors import NotFoundError
from accord.store.records import ModelInfo, RevisionInfo, check_format, digest
from accord.store.tables import ModelRow, RevisionRow

__all__ = [
    "MODELS",
    "add_revision",
    "locked_model",
    "model_info",
    "one_model",
    "revision_columns",
    "revision_info",
]

#: Each model with the number of its newest revision and how many it has.
MODELS = (
    select(ModelRow, func.max(RevisionRow.number), func.count(RevisionRow.id))
    .outerjoin(RevisionRow, RevisionRow.model_id == ModelRow.id)
    .group_by(ModelRow.id)
)


def model_info(row: ModelRow, latest: int | None, count: int) -> ModelInfo:
    """A model's record, from a row of :data:`MODELS`."""
    return ModelInfo(row.id, row.name, row.created_at, row.updated_at, latest or 0, count)


def one_model(session: Session, model_id: int) -> ModelInfo:
    """The record of one model; :class:`NotFoundError` if there is none."""
    found = session.execute(MODELS.where(ModelRow.id == model_id)).one_or_none()
    if found is None:
        raise NotFoundError(f"no model with id {model_id}")
    return model_info(*found)


def locked_model(session: Session, model_id: int) -> ModelRow:
    """The model's row, locked until the transaction ends; :class:`NotFoundError` if none.

    PostgreSQL locks the row (``SELECT ... FOR UPDATE``); SQLite has no row locks, and a
    writing transaction there holds the whole database's write lock from its start.
    """
    model = session.scalar(select(ModelRow).where(ModelRow.id == model_id).with_for_update())
    if model is None:
        raise NotFoundError(f"no model with id {model_id}")
    return model


def revision_info(row: RevisionRow) -> RevisionInfo:
    """A revision's record, without its text."""
    return RevisionInfo(
        model_id=row.model_id,
        number=row.number,
        note=row.note,
        author=row.author,
        created_at=row.created_at,
        format=row.format,
        parent=row.parent,
        summary=row.summary,
        sha256=row.sha256,
        size=row.size,
    )


def revision_columns(
    text: str, format: str, note: str, author: str | None, summary: str
) -> dict[str, Any]:
    """The columns of a new revision that do not depend on the moment of saving.

    Raises
    ------
    StoreError
        For an unknown format, or text that cannot be encoded as UTF-8.
    """
    check_format(format)
    sha256, size = digest(text)
    return {
        "text": text,
        "format": format,
        "note": note,
        "author": author,
        "summary": summary,
        "sha256": sha256,
        "size": size,
    }


def add_revision(
    session: Session,
    model: ModelRow,
    number: int,
    parent: int | None,
    columns: dict[str, Any],
    now: datetime,
) -> RevisionInfo:
    """Add revision ``number`` of ``model``, saved ``now``, and bring ``updated_at`` up."""
    row = RevisionRow(model_id=model.id, number=number, parent=parent, created_at=now, **columns)
    session.add(row)
    model.updated_at = max(now, model.updated_at)
    session.flush()
    return revision_info(row)
