"""The ``accord`` command line: a thin layer that reads input, calls the library, prints.

Exit codes: 0 success; 1 the user's input is wrong (every problem is printed, located);
2 an internal error (a short "this is a bug" message; the traceback only with ``--debug``).
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from accord.errors import AccordError, AccordWarning, ModelError

if TYPE_CHECKING:
    from accord.core.model import Conflict
    from accord.core.results import StabilityAnalysis
    from accord.reports.progress import Progress

__all__ = ["app", "main", "run"]

app = typer.Typer(
    name="accord",
    help="Model and analyse multi-party conflicts with the Graph Model for Conflict Resolution.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}


def _err(text: str) -> None:
    typer.echo(text, err=True)


def _fail(error: AccordError) -> NoReturn:
    """Print every problem of a user error and exit 1."""
    if isinstance(error, ModelError):
        for problem in error.problems:
            _err(problem.format())
        count = sum(1 for p in error.problems if p.severity == "error")
        if count > 1:
            _err(f"{count} problems")
    else:
        _err(f"error: {error}")
    raise typer.Exit(1)


def _show_warnings(caught: list[warnings.WarningMessage], filename: str) -> None:
    for w in caught:
        if issubclass(w.category, AccordWarning):
            _err(f"{filename}: warning: {w.message}")
        else:  # pragma: no cover - third-party warnings pass through unchanged
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def _load(path: Path):  # type: ignore[no-untyped-def]
    """Read a model, printing its warnings; exit 1 with every problem on bad input."""
    from accord.io import read_model

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            conflict = read_model(path)
        except AccordError as error:
            _fail(error)
    _show_warnings(caught, str(path))
    return conflict


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of internal errors.")
    ] = False,
) -> None:
    _state["debug"] = debug


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Model files (.yaml, .yml, .json, .gmcr).")],
) -> None:
    """Validate model files: print every problem, or a one-line summary of each model."""
    from accord.io import read_model

    bad = 0
    for path in files:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                conflict = read_model(path)
            except ModelError as error:
                bad += 1
                for problem in error.problems:
                    _err(problem.format())
                continue
        _show_warnings(caught, str(path))
        n_opt = len(conflict.option_names)
        form = "graph form" if conflict.is_graph_form else "option form"
        typer.echo(
            f"{path}: ok — {len(conflict.decision_makers)} decision makers, {n_opt} options, "
            f"{len(conflict.states):,} feasible states ({form})"
        )
    if bad:
        _err(f"{bad} of {len(files)} file{'s' if len(files) > 1 else ''} with problems")
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
        _fail(error)
    conflict = _load(source)
    try:
        write_model(conflict, target)
    except AccordError as error:
        _fail(error)
    except OSError as error:
        _err(f"{target}: error: cannot write the file: {error.strerror or error}")
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
        _err(f"error: {problem}")
    if problems:
        raise typer.Exit(1)
    try:
        format_of(output)
    except AccordError as error:
        _fail(error)
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
            _fail(error)
        except OSError as error:
            _err(f"{output}: error: cannot write the file: {error.strerror or error}")
            raise typer.Exit(1) from None
    _show_warnings(caught, str(output))
    typer.echo(
        f"wrote {output} — {dms} decision makers, {dms * options} options, "
        f"{n_states:,} feasible states ({payoffs.value}, seed {seed})"
    )


class OutputFormat(StrEnum):
    """How analysis commands print their results."""

    table = "table"
    json = "json"
    markdown = "markdown"


FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="table (for reading), json (for programs) or markdown."),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of the terminal."),
]


def _emit(chunks: Iterable[str], output: Path | None, *, announce: bool = True) -> None:
    """Print text, or write it atomically to ``output`` piece by piece (and say so)."""
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    from accord.io._files import atomic_write_chunks

    try:
        atomic_write_chunks(output, chunks)
    except OSError as error:
        _err(f"{output}: error: cannot write the file: {error.strerror or error}")
        raise typer.Exit(1) from None
    if announce:
        _err(f"wrote {output}")


def _render(renderable: object, output: Path | None, *, announce: bool = True) -> None:
    """Print a rich renderable, or its plain text to ``output``."""
    from rich.console import Console

    if output is None:
        Console().print(renderable)
        return
    import io

    buffer = io.StringIO()
    Console(file=buffer, width=160, no_color=True, color_system=None).print(renderable)
    _emit([buffer.getvalue()], output, announce=announce)


def _where(conflict: Any, where: str | None) -> Any:
    if where is None:
        return None
    from accord.errors import ConditionSyntaxError

    try:
        return conflict.states.mask(where)
    except ConditionSyntaxError as error:
        _err(f"--where: {error.problems[0].format()}")
        raise typer.Exit(1) from None
    except KeyError as error:
        from accord.core.validate import suggest

        hint = suggest(str(error.args[0]), conflict.option_names)
        _err(f"--where: unknown option {error.args[0]!r}" + (f"; {hint}" if hint else ""))
        raise typer.Exit(1) from None


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
        _fail(error)
    with progress.phase(f"reading {model}"):
        conflict = _load(model)
        _ = conflict.states
    mask = _where(conflict, where)
    try:
        with progress.phase("computing payoffs"):
            _ = conflict.payoffs
        result = _analyze_in_phases(conflict, names, progress)
    except AccordError as error:
        _fail(error)
    # A spinner on the terminal that also shows the results would garble them.
    quiet = output is None and sys.stdout.isatty()
    with progress.phase("writing the results", show=not quiet):
        if fmt is OutputFormat.json:
            from accord.reports.json_results import iter_json

            _emit(iter_json(result, mask), output, announce=False)
        elif fmt is OutputFormat.markdown:
            _emit([tables.markdown_table(result, mask)], output, announce=False)
        else:
            rows = len(conflict.states) if mask is None else int(mask.sum())
            if rows > tables.MAX_TABLE_ROWS:
                lines = tables.summary_lines(result)
                lines.append(
                    f"{rows:,} states are too many for a table: use --format json -o FILE for "
                    "everything, or --where CONDITION to show some states."
                )
                _emit(["\n".join(lines) + "\n"], output)
            else:
                from rich.console import Group
                from rich.text import Text

                summary = Text("\n".join(tables.summary_lines(result)))
                _render(Group(tables.rich_table(result, mask), summary), output, announce=False)
    if output is not None:
        _err(f"wrote {output}")


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

    conflict = _load(model)
    ref: int | str = int(state) if state.strip().lstrip("-").isdigit() else state
    try:
        expl = run_explain(conflict, ref, dm, concept)
    except AccordError as error:
        _fail(error)
    if fmt is OutputFormat.json:
        import json

        from accord.reports.explain_json import explanation_dict

        _emit([json.dumps(explanation_dict(expl), indent=2, ensure_ascii=False) + "\n"], output)
        return
    from accord.reports.words import explanation_lines

    lines = explanation_lines(expl)
    if fmt is OutputFormat.markdown:
        lines = [f"**{lines[0]}**", "", "```", *lines[1:], "```"]
    _emit(["\n".join(lines) + "\n"], output)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (used by the ``accord`` script)."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        args = ["--help"]
    try:
        result = app(args=args, prog_name="accord", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except typer.Abort:
        _err("aborted")
        return 130
    except typer.TyperException as error:  # usage errors: the user's input is wrong
        _err(f"usage error: {error.format_message()}")
        _err("run 'accord --help' for the commands and their options")
        return 1
    except AccordError as error:
        try:
            _fail(error)
        except typer.Exit as done:
            return int(done.exit_code)
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except Exception:
        if _state["debug"] or "--debug" in args:
            raise
        _err(
            "internal error: this is a bug in accord, not a problem with your input. "
            "Run the same command with --debug for the traceback and report it."
        )
        return 2
    return result if isinstance(result, int) else 0


def run() -> None:  # pragma: no cover - console entry point
    """Entry point of the ``accord`` script."""
    sys.exit(main())
