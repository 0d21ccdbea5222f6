"""Requests and responses of the HTTP API: the boundary with the page (pydantic models).

Each analysis request carries the model's text and format; the responses of analyses are
the documents the command line writes with ``-f json`` and are passed through unchanged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Format = Literal["yaml", "json", "gmcr"]
Concept = Literal["nash", "gmr", "smr", "seq"]
StateRef = int | str


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelText(_Request):
    """A model's text and the format it is written in."""

    text: str
    format: Format = "yaml"


class AnalyzeRequest(ModelText):
    concepts: list[str] | None = None
    where: str | None = None


class StateRequest(ModelText):
    state: StateRef
    concept: Concept = "gmr"


class PathsRequest(ModelText):
    concepts: list[Concept] | None = None


class CoalitionsRequest(ModelText):
    concepts: list[Concept] | None = None


class InverseRequest(ModelText):
    state: StateRef
    concept: Concept = "nash"
    vary: list[str] | None = None


class LeverageRequest(ModelText):
    state: StateRef
    concept: Concept = "seq"
    budget: int = Field(default=2, ge=1, le=3)
    vary: list[str] | None = None


class GraphRequest(ModelText):
    concept: Concept = "gmr"
    around: StateRef | None = None


class ReportRequest(ModelText):
    focus: StateRef | None = None


class RobustnessRequest(ModelText):
    samples: int = Field(default=1000, ge=1)
    seed: int = Field(default=0, ge=0)
    concepts: list[Concept] | None = None


class CheckResult(BaseModel):
    """What ``accord check`` says: every problem, located, or a one-line summary."""

    ok: bool
    summary: str | None
    problems: list[dict[str, Any]]
    states: int | None
    decision_makers: list[str]
    options: list[str]
    labels: dict[str, str] = Field(default_factory=dict)


class JobPublic(BaseModel):
    """A long run: its progress, then its result or its error."""

    id: str
    status: Literal["running", "done", "failed", "cancelled"]
    done: int
    total: int | None
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None


class ModelCreate(_Request):
    """A new model: its text, or an imported file's name and text."""

    name: str | None = None
    filename: str | None = None
    text: str
    format: Format | None = None
    note: str = ""
    author: str | None = None


class RevisionCreate(_Request):
    """A save: the text, and the author's note of what changed."""

    text: str
    format: Format = "yaml"
    note: str
    author: str | None = None
    parent: int | None = None


class ModelPublic(BaseModel):
    id: int
    name: str
    created_at: datetime
    updated_at: datetime
    latest: int
    revisions: int


class RevisionPublic(BaseModel):
    model_id: int
    number: int
    note: str
    author: str | None
    created_at: datetime
    format: str
    parent: int | None
    summary: str


class RevisionText(RevisionPublic):
    text: str


class ModelsPublic(BaseModel):
    data: list[ModelPublic]
    count: int


class ModelCreated(BaseModel):
    model: ModelPublic
    revision: RevisionPublic


class ModelDetail(BaseModel):
    model: ModelPublic
    revisions: list[RevisionPublic]
