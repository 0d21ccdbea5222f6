"""What every command shares: the app, error reporting, reading models, writing output."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from accord.errors import AccordError, AccordWarning, ModelError, UnknownOptionError

__all__ = [
    "FormatOpt",
    "OutputFormat",
    "OutputOpt",
    "app",
    "emit",
    "emit_report",
    "err",
    "fail",
    "load",
    "render",
    "show_warnings",
    "state",
    "unknown_option",
    "where_mask",
]

app = typer.Typer(
    name="accord",
    help="Model and analyse multi-party conflicts with the Graph Model for Conflict Resolution.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

state = {"debug": False}


def err(text: str) -> None:
    typer.echo(text, err=True)


def fail(error: AccordError) -> NoReturn:
    """Print every problem of a user error and exit 1."""
    if isinstance(error, ModelError):
        for problem in error.problems:
            err(problem.format())
        count = sum(1 for p in error.problems if p.severity == "error")
        if count > 1:
            err(f"{count} problems")
    else:
        err(f"error: {error}")
    raise typer.Exit(1)


def show_warnings(caught: list[warnings.WarningMessage], filename: str) -> None:
    for w in caught:
        if issubclass(w.category, AccordWarning):
            err(f"{filename}: warning: {w.message}")
        else:  # pragma: no cover - third-party warnings pass through unchanged
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def load(path: Path):  # type: ignore[no-untyped-def]
    """Read a model, printing its warnings; exit 1 with every problem on bad input."""
    from accord.io import read_model

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            conflict = read_model(path)
        except AccordError as error:
            fail(error)
    show_warnings(caught, str(path))
    return conflict


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of internal errors.")
    ] = False,
) -> None:
    state["debug"] = debug


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


def emit(chunks: Iterable[str], output: Path | None, *, announce: bool = True) -> None:
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
        err(f"{output}: error: cannot write the file: {error.strerror or error}")
        raise typer.Exit(1) from None
    if announce:
        err(f"wrote {output}")


def emit_report(
    fmt: OutputFormat,
    output: Path | None,
    *,
    as_json: Callable[[], object],
    as_markdown: Callable[[], str],
    as_text: Callable[[], str],
) -> None:
    """Write a report in the asked format; each renderer is called only when chosen."""
    if fmt is OutputFormat.json:
        from accord.reports.json_text import json_text

        text = json_text(as_json())
    elif fmt is OutputFormat.markdown:
        text = as_markdown()
    else:
        text = as_text()
    emit([text], output)


def render(renderable: object, output: Path | None, *, announce: bool = True) -> None:
    """Print a rich renderable, or its plain text to ``output``."""
    from rich.console import Console

    if output is None:
        import os
        import sys

        # A pipe has no width; use the width of a file rather than a narrow default.
        piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
        Console(width=160 if piped else None).print(renderable)
        return
    import io

    buffer = io.StringIO()
    Console(file=buffer, width=160, no_color=True, color_system=None).print(renderable)
    emit([buffer.getvalue()], output, announce=announce)


def unknown_option(flag: str, error: UnknownOptionError) -> NoReturn:
    """Say that an option's value names an unknown option (with the closest one); exit 1."""
    hint = error.problems[0].hint
    err(f"{flag}: unknown option {error.name!r}" + (f"; {hint}" if hint else ""))
    raise typer.Exit(1)


def where_mask(conflict: Any, where: str | None) -> Any:
    if where is None:
        return None
    from accord.errors import ConditionSyntaxError

    try:
        return conflict.states.mask(where)
    except ConditionSyntaxError as error:
        err(f"--where: {error.problems[0].format()}")
        raise typer.Exit(1) from None
    except UnknownOptionError as error:
        unknown_option("--where", error)
