"""Metadata, sources and evidence: where each modelling choice comes from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["CLAIM_TYPES", "Evidence", "Metadata", "Source"]

#: What an evidence item says about the element it supports.
CLAIM_TYPES = ("position", "red_line", "condition", "event", "status_quo", "judgement")


@dataclass(frozen=True)
class Metadata:
    """Free metadata about a model: title, date, author, tags, description, anything else.

    ``question`` is the question the model is built to answer, in plain words; ``focus`` names
    the state that question is about (an id or a condition matching one feasible state), such
    as the compromise whose stability a report examines.
    """

    title: str = ""
    date: dt.date | None = None
    author: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""
    question: str = ""
    focus: int | str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", tuple(self.tags))
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))


@dataclass(frozen=True)
class Source:
    """A text the model draws on (an article, a statement, a report)."""

    id: str
    title: str = ""
    outlet: str = ""
    published: dt.date | None = None
    url: str = ""
    sha256: str = ""
    note: str = ""


@dataclass(frozen=True)
class Evidence:
    """A link from one model element to the place in a source that supports it.

    Parameters
    ----------
    about
        The element: a decision maker (``Ukraine``), an option (``Ukraine.cede_donetsk``), a
        statement (``Ukraine.preferences[0]``), an infeasibility (``infeasible[0]``) or
        ``status_quo``.
    source
        The id of a :class:`Source`; empty for an analyst judgement.
    paragraph
        The block of the source (1-based), when known.
    span
        Character offsets ``(start, end)`` of the quote inside the source text, when known.
    quote
        A short quote used as an anchor (at most a dozen words).
    note
        A paraphrase of the claim, or the reason for a judgement.
    claim
        One of :data:`CLAIM_TYPES`.
    added_by
        Who added the item.
    """

    about: str
    source: str = ""
    paragraph: int | None = None
    span: tuple[int, int] | None = None
    quote: str = ""
    note: str = ""
    claim: str = ""
    added_by: str = ""
