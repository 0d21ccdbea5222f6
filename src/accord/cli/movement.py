"""Commands about movement: status quo paths and coalitions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli._common import (
    FormatOpt,
    OutputFormat,
    OutputOpt,
    app,
    emit_report,
    err,
    fail,
    load,
)
from accord.errors import AccordError


def _ref(text: str | None) -> int | str | None:
    if text is None:
        return None
    return int(text) if text.strip().lstrip("-").isdigit() else text


@app.command()
def paths(
    model: Annotated[Path, typer.Argument(help="Model file (.yaml, .yml, .json, .gmcr).")],
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="Starting state: an id or a condition (default: the status quo)."
        ),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Report on this one state (an id or a condition).")
    ] = None,
    moves: Annotated[
        str,
        typer.Option(
            "--moves",
            "-m",
            help="improvements (unilateral improvements), any (any unilateral moves) or "
            "coalitions (also coalitional improvements of 2 or more DMs).",
        ),
    ] = "improvements",
    concept: Annotated[
        str,
        typer.Option(
            "--concept",
            "-c",
            help="Whose equilibria to report: comma-separated nash, gmr, smr, seq.",
        ),
    ] = "nash,gmr,smr,seq",
    alternatives: Annotated[
        int, typer.Option("--alternatives", "-k", help="Alternative paths per equilibrium.")
    ] = 3,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """Where the conflict can go from the status quo: reachable equilibria and shortest paths."""
    from accord.core.analysis.paths import MOVE_KINDS, status_quo_paths
    from accord.core.stability import parse_concepts

    conflict = load(model)
    if start is None and conflict.status_quo is None:
        err("error: the model has no status_quo; give --from STATE")
        raise typer.Exit(1)
    if moves not in MOVE_KINDS:
        err(f"error: --moves is one of {', '.join(MOVE_KINDS)} (got {moves!r})")
        raise typer.Exit(1)
    try:
        names = parse_concepts(concept)
        bad = [n for n in names if n not in ("nash", "gmr", "smr", "seq")]
        if bad:
            err(f"error: --concept takes nash, gmr, smr, seq (got {bad[0]!r})")
            raise typer.Exit(1)
        result = status_quo_paths(
            conflict,
            _ref(start),
            moves=moves,
            concepts=names,
            target=_ref(to),
            alternatives=alternatives,
        )
    except AccordError as error:
        fail(error)
    from accord.reports import paths as report

    emit_report(
        fmt,
        output,
        as_json=lambda: report.paths_dict(result),
        as_markdown=lambda: report.paths_markdown(result),
        as_text=lambda: report.paths_text(result),
    )


@app.command()
def coalitions(
    model: Annotated[Path, typer.Argument(help="Model file (.yaml, .yml, .json, .gmcr).")],
    cls: Annotated[
        str | None,
        typer.Option(
            "--class",
            help='Class of coalitions, e.g. "MoE+UR, LG" (default: the model\'s coalitions; '
            "DMs not listed act alone).",
        ),
    ] = None,
    concept: Annotated[
        str,
        typer.Option(
            "--concept",
            "-c",
            help="Comma-separated nash, gmr, smr, seq: the C-concepts computed and the "
            "individual equilibria scanned.",
        ),
    ] = "nash,gmr,smr,seq",
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """Joint moves of coalitions: who can upset each equilibrium together.

    Coalitional improvements, coalition stability of a class (--class, default
    the model's coalitions), and the coalitions that can upset each equilibrium.
    """
    from accord.core.analysis.coalitions import analyze_coalitions, parse_class

    conflict = load(model)
    try:
        units = parse_class(conflict, cls) if cls is not None else None
        result = analyze_coalitions(conflict, units, concept)
    except AccordError as error:
        fail(error)
    from accord.reports import coalitions as report

    emit_report(
        fmt,
        output,
        as_json=lambda: report.coalitions_dict(result),
        as_markdown=lambda: report.coalitions_markdown(result),
        as_text=lambda: report.coalitions_text(result),
    )
