"""The workspace store: models and their revisions, kept in a SQL database.

:class:`Store` opens (and if need be creates) a workspace in SQLite or PostgreSQL; every
save of a model is a new numbered revision, safe against saves from other threads and
processes at the same moment.  :func:`default_url` says where the workspace lives:
``$ACCORD_DATABASE_URL``, or a SQLite file in the user's data directory.

This package needs SQLAlchemy and is imported only by the web app, never by ``import
accord``.
"""

from __future__ import annotations

from accord.errors import NotFoundError, StoreError
from accord.store._engine import default_url
from accord.store.records import FORMATS, ModelInfo, Revision, RevisionInfo
from accord.store.store import Store

__all__ = [
    "FORMATS",
    "ModelInfo",
    "NotFoundError",
    "Revision",
    "RevisionInfo",
    "Store",
    "StoreError",
    "default_url",
]
