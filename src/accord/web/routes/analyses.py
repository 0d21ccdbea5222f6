"""Analyses of the model in the editor: check, stability, reasons, paths, coalitions, what
would have to change, the state graph and the report.  Each runs in a child process with the
server's time limit (:func:`accord.web.sandbox.run_limited`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from accord.web.deps import SettingsDep
from accord.web.errors import ApiError
from accord.web.sandbox import run_limited
from accord.web.schemas import (
    AnalyzeRequest,
    CheckResult,
    CoalitionsRequest,
    GraphRequest,
    InverseRequest,
    LeverageRequest,
    ModelText,
    PathsRequest,
    ReportRequest,
    StateRequest,
)

router = APIRouter(prefix="/api", tags=["analyses"])

#: A report is a page of our own with inline styles and drawings, and no script at all.
REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
)


def model_size(text: str, settings: Any) -> None:
    """Refuse a model text over the server's size limit (413)."""
    size = len(text.encode("utf-8"))
    if size > settings.max_model_bytes:
        raise ApiError(
            413,
            f"the model is {size:,} bytes; this server accepts models of at most "
            f"{settings.max_model_bytes:,} bytes",
        )


def _run(
    name: str, body: ModelText, settings: Any, seconds: float | None = None, **params: Any
) -> Any:
    """``service.<name>`` on the request's model, within ``seconds`` (default: the limit)."""
    model_size(body.text, settings)
    return run_limited(
        name,
        settings.time_limit if seconds is None else seconds,
        text=body.text,
        format=body.format,
        max_states=settings.max_states,
        **params,
    )


@router.post("/check", response_model=CheckResult)
def check(body: ModelText, settings: SettingsDep) -> Any:
    """Validate a model's text: every problem with its line and column, as `accord check`."""
    return _run("check", body, settings, settings.check_time_limit)


@router.post("/analyze")
def analyze(body: AnalyzeRequest, settings: SettingsDep) -> Any:
    """Stability of every state for every decision maker (`accord analyze -f json`)."""
    return _run("analyze", body, settings, concepts=body.concepts, where=body.where)


@router.post("/explain")
def explain(body: StateRequest, settings: SettingsDep) -> Any:
    """Why a state is stable or not, for each decision maker (`accord explain -f json`)."""
    return _run("explain", body, settings, state=body.state, concept=body.concept)


@router.post("/paths")
def paths(body: PathsRequest, settings: SettingsDep) -> Any:
    """Where the conflict can go from the status quo (`accord paths -f json`)."""
    return _run("paths", body, settings, concepts=body.concepts)


@router.post("/coalitions")
def coalitions(body: CoalitionsRequest, settings: SettingsDep) -> Any:
    """Joint moves and coalition stability (`accord coalitions -f json`)."""
    return _run("coalitions", body, settings, concepts=body.concepts)


@router.post("/inverse")
def inverse(body: InverseRequest, settings: SettingsDep) -> Any:
    """Which preferences would make a state an equilibrium (`accord inverse -f json`)."""
    limit = max(1.0, settings.time_limit * 0.6)
    return _run(
        "inverse",
        body,
        settings,
        state=body.state,
        concept=body.concept,
        vary=body.vary,
        time_limit=limit,
    )


@router.post("/leverage")
def leverage(body: LeverageRequest, settings: SettingsDep) -> Any:
    """The fewest changes of priorities that make a state hold (`accord leverage -f json`)."""
    return _run(
        "leverage",
        body,
        settings,
        state=body.state,
        concept=body.concept,
        budget=body.budget,
        vary=body.vary,
    )


@router.post("/graph")
def graph(body: GraphRequest, settings: SettingsDep) -> Any:
    """The states worth drawing, with their moves and positions."""
    return _run("graph", body, settings, concept=body.concept, around=body.around)


@router.post("/report", response_class=HTMLResponse)
def report(body: ReportRequest, settings: SettingsDep) -> HTMLResponse:
    """The HTML report of `accord report`."""
    html = _run("report", body, settings, focus=body.focus)
    return HTMLResponse(html, headers={"Content-Security-Policy": REPORT_POLICY})
