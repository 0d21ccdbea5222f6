"""Commands about stability: analyze and explain."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accord.cli._common import (
    FormatOpt,
    OutputFormat,
    OutputOpt,
    app,
    emit,
    err,
    fail,
    load,
    render,
    where_mask,
)
from accord.errors import AccordError

if TYPE_CHECKING:
    from accord.core.model import Conflict
    from accord.core.results import StabilityAnalysis
    from accord.reports.progress import Progress


@app.command()
def analyze(
    model: Annotated[Path, typer.Argument(help="Model file (.yaml, .yml, .json, .gmcr).")],
    concepts: Annotated[
        str,
        typer.Option(
            "--concepts", "-c", help="Comma-separated: nash, gmr, smr, seq, lh:H, nm (2 DMs)."
        ),
    ] = "nash,gmr,smr,seq",
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
    where: Annotated[
        str | None,
        typer.Option("--where", "-w", help="Show only states where this condition holds."),
    ] = None,
) -> None:
    """Stability of every state for every decision maker, and the equilibria."""
    from accord.core.stability import parse_concepts
    from accord.reports import stability as tables
    from accord.reports.progress import Progress

    progress = Progress()
    try:
        names = parse_concepts(concepts)
    except AccordError as error:
        fail(error)
    with progress.phase(f"reading {model}"):
        conflict = load(model)
        _ = conflict.states
    mask = where_mask(conflict, where)
    try:
        with progress.phase("computing payoffs"):
            _ = conflict.payoffs
        result = _analyze_in_phases(conflict, names, progress)
    except AccordError as error:
        fail(error)
    # A spinner on the terminal that also shows the results would garble them.
    quiet = output is None and sys.stdout.isatty()
    with progress.phase("writing the results", show=not quiet):
        if fmt is OutputFormat.json:
            from accord.reports.json_results import iter_json

            emit(iter_json(result, mask), output, announce=False)
        elif fmt is OutputFormat.markdown:
            emit([tables.markdown_table(result, mask)], output, announce=False)
        else:
            rows = len(conflict.states) if mask is None else int(mask.sum())
            if rows > tables.MAX_TABLE_ROWS:
                lines = tables.summary_lines(result)
                lines.append(
                    f"{rows:,} states are too many for a table: use --format json -o FILE for "
                    "everything, or --where CONDITION to show some states."
                )
                emit(["\n".join(lines) + "\n"], output)
            else:
                from rich.console import Group
                from rich.text import Text

                summary = Text("\n".join(tables.summary_lines(result)))
                render(Group(tables.rich_table(result, mask), summary), output, announce=False)
    if output is not None:
        err(f"wrote {output}")


def _analyze_in_phases(
    conflict: Conflict, names: tuple[str, ...], progress: Progress
) -> StabilityAnalysis:
    """``analyze(conflict, names)`` with each concept shown as a progress phase."""
    from accord.core.analysis.stability import analyze as run_analysis
    from accord.reports.stability import concept_title

    return run_analysis(
        conflict, names, phase=lambda name: progress.phase(f"{concept_title(name)} stability")
    )


@app.command()
def explain(
    model: Annotated[Path, typer.Argument(help="Model file (.yaml, .yml, .json, .gmcr).")],
    state: Annotated[
        str,
        typer.Argument(
            help="A state id, or a condition matching exactly one state (one that starts with '-' goes after '--', or write 'not')."
        ),
    ],
    dm: Annotated[
        str, typer.Option("--dm", "-d", help="The decision maker whose stability to explain.")
    ],
    concept: Annotated[str, typer.Option("--concept", "-c", help="nash, gmr, smr or seq.")] = "gmr",
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """Why a state is or is not stable for a DM: each improvement and its sanction."""
    from accord.core.analysis.explain import explain as run_explain

    conflict = load(model)
    ref: int | str = int(state) if state.strip().lstrip("-").isdigit() else state
    try:
        expl = run_explain(conflict, ref, dm, concept)
    except AccordError as error:
        fail(error)
    if fmt is OutputFormat.json:
        import json

        from accord.reports.explain_json import explanation_dict

        emit([json.dumps(explanation_dict(expl), indent=2, ensure_ascii=False) + "\n"], output)
        return
    from accord.core.analysis.words import explanation_lines

    lines = explanation_lines(expl)
    if fmt is OutputFormat.markdown:
        lines = [f"**{lines[0]}**", "", "```", *lines[1:], "```"]
    emit(["\n".join(lines) + "\n"], output)
