"""The diff command: what changed between two revisions of a model, and in its equilibria."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli._common import FormatOpt, OutputFormat, OutputOpt, app, emit_report, fail, load
from accord.errors import AccordError


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier revision (.yaml, .yml, .json, .gmcr).")],
    new: Annotated[Path, typer.Argument(help="The later revision (.yaml, .yml, .json, .gmcr).")],
    concepts: Annotated[
        str,
        typer.Option(
            "--concepts",
            "-c",
            help="Whose equilibria to compare: comma-separated nash, gmr, smr, seq, lh:H, "
            "nm (2 DMs).",
        ),
    ] = "nash,gmr,smr,seq",
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """What changed between two versions of a model, and in its equilibria.

    States are matched by their options, not their ids.
    Differences are not errors: the exit code is 0 whenever both models load.
    """
    from accord.core.analysis.diff import diff_models
    from accord.core.stability import parse_concepts

    try:
        names = parse_concepts(concepts)
    except AccordError as error:
        fail(error)
    before = load(old)
    after = load(new)
    try:
        result = diff_models(before, after, names)
    except AccordError as error:
        fail(error)
    from accord.reports import diff as report

    emit_report(
        fmt,
        output,
        as_json=lambda: report.diff_dict(result),
        as_markdown=lambda: report.diff_markdown(result),
        as_text=lambda: "\n".join(report.diff_lines(result)) + "\n",
    )
