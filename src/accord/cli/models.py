"""Commands about model files: check, convert, generate."""

from __future__ import annotations

import warnings
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from accord.cli._common import app, err, fail, load, show_warnings
from accord.errors import AccordError, ModelError


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Model files (.yaml, .yml, .json, .gmcr).")],
) -> None:
    """Validate model files: print every problem, or a one-line summary of each model."""
    from accord.io import read_model
    from accord.reports.evidence import coverage_warnings

    bad = 0
    for path in files:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                conflict = read_model(path)
            except ModelError as error:
                bad += 1
                for problem in error.problems:
                    err(problem.format())
                continue
        show_warnings(caught, str(path))
        for line in coverage_warnings(conflict, str(path)):
            err(line)
        n_opt = len(conflict.option_names)
        form = "graph form" if conflict.is_graph_form else "option form"
        typer.echo(
            f"{path}: ok — {len(conflict.decision_makers)} decision makers, {n_opt} options, "
            f"{len(conflict.states):,} feasible states ({form})"
        )
    if bad:
        err(f"{bad} of {len(files)} file{'s' if len(files) > 1 else ''} with problems")
        raise typer.Exit(1)


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="Model to read (.yaml, .yml, .json, .gmcr).")],
    target: Annotated[Path, typer.Argument(help="File to write; its extension picks the format.")],
) -> None:
    """Convert a model between formats (native YAML/JSON and GMCR+ .gmcr)."""
    from accord.io import format_of, write_model

    try:
        format_of(target)
    except AccordError as error:
        fail(error)
    conflict = load(source)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            write_model(conflict, target)
        show_warnings(caught, str(target))
    except AccordError as error:
        fail(error)
    except OSError as error:
        err(f"{target}: error: cannot write the file: {error.strerror or error}")
        raise typer.Exit(1) from None
    typer.echo(f"wrote {target}")


class PayoffKind(StrEnum):
    """How a generated model states preferences."""

    statements = "statements"
    ranking = "ranking"


#: A ranking lists every state in the file; past this many states such files are impractical.
MAX_RANKING_STATES = 1 << 16


def _generate_problems(
    dms: int,
    options: int,
    infeasible: float,
    irreversible: int,
    statements: int,
    payoffs: PayoffKind,
    levels: int | None,
    seed: int,
) -> list[str]:
    """What is wrong with the arguments of ``generate``, one message each."""
    from accord.core.states import MAX_OPTIONS

    problems = []
    if dms < 2:
        problems.append(f"--dms: a conflict needs at least two decision makers (got {dms})")
    if options < 1:
        problems.append(f"--options: each decision maker needs at least one option (got {options})")
    total = max(dms, 0) * max(options, 0)
    if total > MAX_OPTIONS:
        problems.append(
            f"--dms × --options: {total} options make 2^{total} states; option-form models "
            f"have at most {MAX_OPTIONS} options"
        )
    if not 0 <= infeasible <= 0.9:
        problems.append(f"--infeasible: a share of the states from 0 to 0.9 (got {infeasible})")
    if irreversible < 0:
        problems.append(f"--irreversible: a number of options, at least 0 (got {irreversible})")
    elif total and irreversible > total:
        problems.append(
            f"--irreversible: at most the number of options, {total} (got {irreversible})"
        )
    if statements < 0:
        problems.append(f"--statements: a number of statements, at least 0 (got {statements})")
    if levels is not None and levels < 1:
        problems.append(f"--levels: a number of payoff levels, at least 1 (got {levels})")
    if levels is not None and payoffs is not PayoffKind.ranking:
        problems.append("--levels: only for --payoffs ranking")
    if seed < 0:
        problems.append(f"--seed: a whole number, at least 0 (got {seed})")
    if (
        payoffs is PayoffKind.ranking
        and 0 < total <= MAX_OPTIONS
        and 1 << total > MAX_RANKING_STATES
    ):
        problems.append(
            f"--payoffs ranking: {total} options make {1 << total:,} states, too many to list "
            f"in a file (at most {MAX_RANKING_STATES:,}); use --payoffs statements"
        )
    return problems


@app.command()
def generate(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write; its extension picks the format (.yaml, .yml, .json, .gmcr).",
        ),
    ],
    dms: Annotated[int, typer.Option("--dms", help="Decision makers (at least 2).")] = 4,
    options: Annotated[int, typer.Option("--options", help="Options per decision maker.")] = 5,
    infeasible: Annotated[
        float,
        typer.Option("--infeasible", help="Share of the states to make infeasible (about)."),
    ] = 0.05,
    irreversible: Annotated[
        int, typer.Option("--irreversible", help="How many options are irreversible.")
    ] = 2,
    statements: Annotated[
        int, typer.Option("--statements", help="Prioritised statements per decision maker.")
    ] = 5,
    payoffs: Annotated[
        PayoffKind,
        typer.Option(
            "--payoffs",
            help=f"statements, or a random ranking with ties (up to {MAX_RANKING_STATES:,} states).",
        ),
    ] = PayoffKind.statements,
    levels: Annotated[
        int | None,
        typer.Option(
            "--levels", help="With --payoffs ranking: payoff levels; default half the states."
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed: the same seed, the same file.")
    ] = 0,
) -> None:
    """Write a random conflict: for benchmarks, tests and trying accord out."""
    from accord.core.generate import random_conflict
    from accord.io import format_of, write_model
    from accord.reports.progress import Progress

    problems = _generate_problems(
        dms, options, infeasible, irreversible, statements, payoffs, levels, seed
    )
    for problem in problems:
        err(f"error: {problem}")
    if problems:
        raise typer.Exit(1)
    try:
        format_of(output)
    except AccordError as error:
        fail(error)
    progress = Progress()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with progress.phase("generating the model"):
                conflict = random_conflict(
                    dms,
                    options,
                    infeasible=infeasible,
                    irreversible=irreversible,
                    statements=statements,
                    payoffs=payoffs.value,
                    levels=levels,
                    seed=seed,
                )
                n_states = len(conflict.states)
            with progress.phase(f"writing {output}"):
                write_model(conflict, output)
        except AccordError as error:
            fail(error)
        except OSError as error:
            err(f"{output}: error: cannot write the file: {error.strerror or error}")
            raise typer.Exit(1) from None
    show_warnings(caught, str(output))
    typer.echo(
        f"wrote {output} — {dms} decision makers, {dms * options} options, "
        f"{n_states:,} feasible states ({payoffs.value}, seed {seed})"
    )
