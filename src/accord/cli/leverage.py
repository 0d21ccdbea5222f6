"""The leverage command: the fewest edits of some DMs' statements that stabilise a state."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accord.cli._common import (
    FormatOpt,
    OutputFormat,
    OutputOpt,
    app,
    emit_report,
    fail,
    load,
)
from accord.errors import AccordError

if TYPE_CHECKING:
    from accord.core.model import Conflict, Statement


def read_candidates(path: Path, conflict: Conflict) -> dict[str, tuple[Statement, ...]]:
    """Read a candidates file (YAML or JSON); every problem is located in the file.

    Raises
    ------
    ModelError
        For a file that cannot be read or whose content is wrong.
    """
    from accord.core.analysis.leverage import parse_candidates
    from accord.errors import ModelError
    from accord.io._files import read_text
    from accord.io.native.loader import load as load_document
    from accord.io.native.locate import locate_all

    name = str(path)
    doc = load_document(read_text(path), name)
    if doc.problems or doc.duplicates:
        from accord.errors import Problem

        problems = list(doc.problems)
        for dup in doc.duplicates:
            problems.append(
                doc.at_span(
                    Problem(
                        f"the key {dup.path[-1]!r} appears twice (first at line "
                        f"{dup.first.line}, column {dup.first.column})",
                        hint="keep one of the two entries",
                    ),
                    dup.again,
                )
            )
        raise ModelError(locate_all(doc, problems))
    try:
        return parse_candidates(doc.data, conflict)
    except ModelError as error:
        keys = {p.path for p in error.problems if len(p.path) == 1}
        raise error.with_problems(locate_all(doc, error.problems, at_key=keys)) from None


@app.command()
def leverage(
    model: Annotated[Path, typer.Argument(help="Model file (.yaml, .yml, .json, .gmcr).")],
    target: Annotated[
        str,
        typer.Option(
            "--target",
            "-t",
            help="The state to stabilise: an id, or a condition matching one state.",
        ),
    ],
    vary: Annotated[
        list[str],
        typer.Option(
            "--vary",
            "-v",
            help="DMs whose statements may change: repeat, or separate names with commas.",
        ),
    ],
    candidates: Annotated[
        Path | None,
        typer.Option(
            "--candidates",
            help="YAML or JSON file: DM → statements that may be added (text or {statement, label}).",
        ),
    ] = None,
    budget: Annotated[int, typer.Option("--budget", "-k", help="The most edits to try.")] = 2,
    concept: Annotated[str, typer.Option("--concept", "-c", help="nash, gmr, smr or seq.")] = "seq",
    max_answers: Annotated[
        int, typer.Option("--max-answers", help="List at most this many minimal answers.")
    ] = 20,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """The fewest edits of some DMs' prioritised statements that make a state an equilibrium.

    One edit moves a statement one place up or down, adds one candidate statement, or drops
    one statement.
    """
    from accord.core.analysis.leverage import leverage as run_leverage

    conflict = load(model)
    ref: int | str = int(target) if target.strip().lstrip("-").isdigit() else target
    try:
        extra = read_candidates(candidates, conflict) if candidates is not None else None
        result = run_leverage(
            conflict,
            ref,
            [name.strip() for item in vary for name in item.split(",") if name.strip()],
            candidates=extra,
            budget=budget,
            concept=concept,
            max_answers=max_answers,
        )
    except AccordError as error:
        fail(error)
    from accord.reports import leverage as report

    emit_report(
        fmt,
        output,
        as_json=lambda: report.leverage_dict(result),
        as_markdown=lambda: report.leverage_markdown(result),
        as_text=lambda: "\n".join(report.leverage_lines(result)) + "\n",
    )
