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
from typing import Annotated, Any, NoReturn

import typer

from accord.errors import AccordError, AccordWarning, ModelError

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


def _emit(chunks: Iterable[str], output: Path | None) -> None:
    """Print text, or write it atomically to ``output`` piece by piece."""
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
    _err(f"wrote {output}")


def _render(renderable: object, output: Path | None) -> None:
    """Print a rich renderable, or its plain text to ``output``."""
    from rich.console import Console

    if output is None:
        Console().print(renderable)
        return
    import io

    buffer = io.StringIO()
    Console(file=buffer, width=160, no_color=True, color_system=None).print(renderable)
    _emit([buffer.getvalue()], output)


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
    from accord.core.analysis.stability import analyze as run_analysis
    from accord.reports import stability as tables

    conflict = _load(model)
    mask = _where(conflict, where)
    try:
        result = run_analysis(conflict, concepts)
    except AccordError as error:
        _fail(error)
    if fmt is OutputFormat.json:
        from accord.reports.json_results import iter_json

        _emit(iter_json(result, mask), output)
    elif fmt is OutputFormat.markdown:
        _emit([tables.markdown_table(result, mask)], output)
    else:
        rows = len(conflict.states) if mask is None else int(mask.sum())
        if rows > tables.MAX_TABLE_ROWS and output is None:
            lines = tables.summary_lines(result)
            lines.append(
                f"{rows:,} states are too many for a table: use --format json -o FILE for "
                "everything, or --where CONDITION to show some states."
            )
            _emit(["\n".join(lines) + "\n"], None)
        else:
            from rich.console import Group
            from rich.text import Text

            summary = Text("\n".join(tables.summary_lines(result)))
            _render(Group(tables.rich_table(result, mask), summary), output)


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
