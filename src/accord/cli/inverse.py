"""The inverse command: which rankings make a target state an equilibrium."""

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


def _parse_ranges(items: list[str]) -> dict[str, list[tuple[int, int]]]:
    """``DM:a:b`` items (the DM name may contain colons) → DM → ranges."""
    out: dict[str, list[tuple[int, int]]] = {}
    for item in items:
        parts = item.rsplit(":", 2)
        if len(parts) != 3 or not all(p.strip().lstrip("-").isdigit() for p in parts[1:]):
            err(
                f"--range: cannot read {item!r}: write DM:a:b, positions a ≤ p < b counted "
                "from the top of the DM's current ranking from 0 (e.g. Syria:0:3)"
            )
            raise typer.Exit(1)
        out.setdefault(parts[0].strip(), []).append((int(parts[1]), int(parts[2])))
    return out


@app.command()
def inverse(
    model: Annotated[Path, typer.Argument(help="Model file (.yaml, .yml, .json, .gmcr).")],
    target: Annotated[
        str,
        typer.Option(
            "--target", "-t", help="The state to make an equilibrium: an id or a condition."
        ),
    ],
    vary: Annotated[
        list[str],
        typer.Option("--vary", "-v", help="A decision maker whose ranking may change (repeat)."),
    ],
    ranges: Annotated[
        list[str] | None,
        typer.Option(
            "--range",
            "-r",
            help="DM:a:b — vary only positions a..b-1 of DM's current ranking (0 = best; repeat).",
        ),
    ] = None,
    concept: Annotated[
        str, typer.Option("--concept", "-c", help="nash, gmr, smr or seq.")
    ] = "nash",
    count: Annotated[
        bool, typer.Option("--count", help="Count the rankings that make it an equilibrium.")
    ] = False,
    time_limit: Annotated[
        float,
        typer.Option("--time-limit", help="Seconds allowed; past it the count is given as bounds."),
    ] = 20.0,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """Can a state be an equilibrium if some decision makers' preferences change? How often?"""
    from accord.core.analysis.inverse import inverse as run_inverse

    if time_limit <= 0:
        err(f"--time-limit must be a positive number of seconds (got {time_limit:g})")
        raise typer.Exit(1)
    parsed = _parse_ranges(ranges or [])
    conflict = load(model)
    ref: int | str = int(target) if target.strip().lstrip("-").isdigit() else target
    try:
        result = run_inverse(
            conflict,
            ref,
            vary,
            concept=concept,
            ranges=parsed,
            count=count,
            time_limit=time_limit,
        )
    except AccordError as error:
        fail(error)
    from accord.reports import inverse as report

    emit_report(
        fmt,
        output,
        as_json=lambda: report.inverse_dict(result),
        as_markdown=lambda: report.inverse_markdown(result),
        as_text=lambda: "\n".join(report.inverse_lines(result)) + "\n",
    )
