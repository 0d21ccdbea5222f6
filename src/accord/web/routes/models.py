"""The workspace: models, their revisions with the authors' notes, import, export and the
difference between two revisions.  Every revision is a valid model: a save is checked first."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from fastapi.responses import HTMLResponse

from accord.web.deps import SettingsDep, StoreDep
from accord.web.errors import ApiError
from accord.web.routes.analyses import REPORT_POLICY, model_size
from accord.web.sandbox import run_limited
from accord.web.schemas import (
    Format,
    ModelCreate,
    ModelCreated,
    ModelDetail,
    ModelsPublic,
    RevisionCreate,
    RevisionPublic,
    RevisionText,
)

router = APIRouter(prefix="/api/models", tags=["workspace"])

_EXTENSIONS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".gmcr": "gmcr"}
_SUFFIX = {"yaml": ".yaml", "json": ".json", "gmcr": ".gmcr"}
_MEDIA = {"yaml": "application/yaml", "json": "application/json", "gmcr": "application/json"}


def _revision(info: Any) -> dict[str, Any]:
    return asdict(info)


def _checked(text: str, format: str, settings: Any, filename: str | None = None) -> str:
    """The model's one-line summary; a model with errors is refused with its problems (422)."""
    model_size(text, settings)
    result = run_limited(
        "check",
        settings.check_time_limit,
        text=text,
        format=format,
        max_states=None,
        name=filename or "model",
    )
    if not result["ok"]:
        errors = [p for p in result["problems"] if p["severity"] == "error"]
        first = errors[0]["message"] if errors else "the model has errors"
        raise ApiError(422, f"not saved: {first}", result["problems"])
    summary: str = result["summary"]
    return summary.removeprefix("ok — ")


def _format_of(body: ModelCreate) -> str:
    if body.format is not None:
        return body.format
    if body.filename:
        suffix = PurePath(body.filename).suffix.lower()
        if suffix not in _EXTENSIONS:
            raise ApiError(
                422,
                f"{body.filename}: a model file ends in .yaml, .yml, .json or .gmcr "
                f"(got {suffix or 'no extension'!r})",
            )
        return _EXTENSIONS[suffix]
    return "yaml"


@router.get("", response_model=ModelsPublic)
def list_models(store: StoreDep) -> Any:
    """Every model in the workspace."""
    models = [asdict(m) for m in store.models()]
    return {"data": models, "count": len(models)}


@router.post("", status_code=201, response_model=ModelCreated)
def create_model(body: ModelCreate, store: StoreDep, settings: SettingsDep) -> Any:
    """A new model (revision 1), written here or imported from a file's text."""
    fmt = _format_of(body)
    name = (body.name or (PurePath(body.filename).stem if body.filename else "")).strip()
    if not name:
        raise ApiError(422, "a new model needs a name (or the name of the file it comes from)")
    text = body.text
    note = body.note or (f"imported from {body.filename}" if body.filename else "created")
    if fmt == "gmcr":  # kept in accord's format, which the editor and every revision use
        _checked(text, fmt, settings, filename=body.filename)
        text = run_limited(
            "imported",
            settings.time_limit,
            text=text,
            format=fmt,
            filename=body.filename or f"{name}.gmcr",
        )
        fmt = "yaml"
        note += " (converted from GMCR+ to accord's format)"
    summary = _checked(text, fmt, settings)
    model, revision = store.create_model(name, text, fmt, note, author=body.author, summary=summary)
    return {"model": asdict(model), "revision": _revision(revision)}


@router.get("/{model_id}", response_model=ModelDetail)
def get_model(model_id: int, store: StoreDep) -> Any:
    """A model and its revisions, newest first."""
    return {
        "model": asdict(store.model(model_id)),
        "revisions": [_revision(r) for r in store.revisions(model_id)],
    }


@router.delete("/{model_id}", status_code=204)
def delete_model(model_id: int, store: StoreDep) -> Response:
    """Remove a model and all its revisions."""
    store.delete(model_id)
    return Response(status_code=204)


@router.post("/{model_id}/revisions", status_code=201, response_model=RevisionPublic)
def save(model_id: int, body: RevisionCreate, store: StoreDep, settings: SettingsDep) -> Any:
    """Save the text as the model's next revision, with the author's note."""
    store.model(model_id)  # 404 before the check
    if not body.note.strip():
        raise ApiError(422, "a save needs a note saying what changed")
    summary = _checked(body.text, body.format, settings)
    info = store.add_revision(
        model_id,
        body.text,
        body.format,
        body.note.strip(),
        author=body.author,
        parent=body.parent,
        summary=summary,
    )
    return _revision(info)


@router.get("/{model_id}/revisions/{number}", response_model=RevisionText)
def get_revision(model_id: int, number: int, store: StoreDep) -> Any:
    """One revision with its text."""
    revision = store.revision(model_id, number)
    return {**_revision(revision.info), "text": revision.text}


@router.get("/{model_id}/revisions/{number}/export")
def export(
    model_id: int,
    number: int,
    store: StoreDep,
    settings: SettingsDep,
    format: Annotated[Format, Query(description="yaml, json or gmcr")] = "yaml",
) -> Response:
    """The revision as a file: native YAML or JSON, or GMCR+ `.gmcr`."""
    model = store.model(model_id)
    revision = store.revision(model_id, number)
    text = run_limited(
        "export",
        settings.time_limit,
        text=revision.text,
        format=revision.info.format,
        target=format,
    )
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in model.name) or "model"
    filename = f"{safe}-r{number}{_SUFFIX[format]}"
    return Response(
        text,
        media_type=_MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/{model_id}/revisions/{number}/report", response_class=HTMLResponse)
def revision_report(model_id: int, number: int, store: StoreDep, settings: SettingsDep) -> Any:
    """The HTML report of one revision."""
    revision = store.revision(model_id, number)
    html = run_limited(
        "report",
        settings.time_limit,
        text=revision.text,
        format=revision.info.format,
        max_states=settings.max_states,
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": REPORT_POLICY})


@router.get("/{model_id}/diff")
def diff(
    model_id: int,
    store: StoreDep,
    settings: SettingsDep,
    old: Annotated[int, Query(ge=1, description="The earlier revision")],
    new: Annotated[int, Query(ge=1, description="The later revision")],
) -> Any:
    """What changed between two revisions: in the model, and in its equilibria."""
    a = store.revision(model_id, old)
    b = store.revision(model_id, new)
    return run_limited(
        "diff",
        settings.time_limit,
        old=(a.text, a.info.format),
        new=(b.text, b.info.format),
    )
