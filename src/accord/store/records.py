"""What the store hands out: plain frozen records, detached from any database session."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from accord.errors import StoreError

__all__ = [
    "FORMATS",
    "NAME_LENGTH",
    "ModelInfo",
    "Revision",
    "RevisionInfo",
    "check_format",
    "checked_name",
    "digest",
]

#: The formats a revision's text may be in: accord's native YAML and JSON, and GMCR+.
FORMATS = frozenset({"yaml", "json", "gmcr"})
#: The longest model name the store accepts.
NAME_LENGTH = 200


def checked_name(name: str) -> str:
    """A model name without surrounding spaces; :class:`StoreError` if empty or too long."""
    name = name.strip()
    if not name:
        raise StoreError("a model needs a name: the name given is empty")
    if len(name) > NAME_LENGTH:
        raise StoreError(f"a model name has at most {NAME_LENGTH} characters; this has {len(name)}")
    return name


def check_format(format: str) -> None:
    """Refuse, with :class:`StoreError`, a format that is not one of :data:`FORMATS`."""
    if format not in FORMATS:
        known = ", ".join(repr(f) for f in sorted(FORMATS))
        raise StoreError(f"unknown model format {format!r}: the store keeps {known}")


def digest(text: str) -> tuple[str, int]:
    """The SHA-256 (hexadecimal) and size in bytes of ``text`` encoded as UTF-8."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise StoreError(
            f"the model text cannot be saved: it is not valid Unicode ({exc})"
        ) from exc
    return hashlib.sha256(data).hexdigest(), len(data)


@dataclass(frozen=True)
class ModelInfo:
    """A model in the workspace.

    Parameters
    ----------
    id
        The model's id, unique in the workspace and never reused while the model exists.
    name
        The name shown to the user; several models may share one.
    created_at, updated_at
        When the model was created and last saved or renamed, in UTC.
    latest
        The number of the newest revision.
    revisions
        How many revisions the model has (revisions are numbered 1 to ``latest``).
    """

    id: int
    name: str
    created_at: datetime
    updated_at: datetime
    latest: int
    revisions: int


@dataclass(frozen=True)
class RevisionInfo:
    """One saved revision of a model, without its text.

    Parameters
    ----------
    model_id
        The model the revision belongs to.
    number
        The revision's number within its model: 1, 2, 3, … without gaps.
    note
        What the person saving said about the change; may be empty.
    author
        Who saved it, when known.
    created_at
        When it was saved, in UTC.
    format
        The format of the text: ``"yaml"``, ``"json"`` or ``"gmcr"``.
    parent
        The number of the revision this one was edited from, when known.
    summary
        A short description of the model as saved (for listings); may be empty.
    sha256
        The SHA-256 digest of the text encoded as UTF-8, in hexadecimal.
    size
        The length of the text encoded as UTF-8, in bytes.
    """

    model_id: int
    number: int
    note: str
    author: str | None
    created_at: datetime
    format: str
    parent: int | None
    summary: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Revision:
    """A saved revision with its text.

    Parameters
    ----------
    info
        What is known about the revision.
    text
        The model text exactly as saved.
    """

    info: RevisionInfo
    text: str
