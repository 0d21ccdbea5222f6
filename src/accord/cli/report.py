"""The report command: a whole analysis in words, as HTML or Markdown, for a reader."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accord.cli._common import app, emit, err, fail, load, unknown_option
from accord.errors import AccordError, ModelError, UnknownOptionError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["ReportFormat", "report", "report_format"]


class ReportFormat(StrEnum):
    """The formats of a report."""

    html = "html"
    markdown = "markdown"


#: Extensions that choose a format when --format is not given.
EXTENSIONS = {".html": ReportFormat.html, ".htm": ReportFormat.html, ".md": ReportFormat.markdown}


def report_format(output: Path | None, fmt: ReportFormat | None) -> ReportFormat:
    """--format when given, else the extension of -o, else Markdown (for the terminal).

    Raises
    ------
    typer.Exit
        With code 1 when the extension names no format.
    """
    if fmt is not None:
        return fmt
    if output is None:
        return ReportFormat.markdown
    found = EXTENSIONS.get(output.suffix.lower())
    if found is None:
        err(
            f"{output}: error: cannot tell the report format from the extension "
            f"{output.suffix or '(none)'!r}; use .html, .htm or .md, or give --format"
        )
        raise typer.Exit(1)
    return found


def _focus(conflict: Conflict, text: str | None) -> int | str | None:
    """The --focus state reference, checked now so that a mistake is reported as such."""
    if text is None:
        return None
    ref: int | str = int(text) if text.strip().lstrip("-").isdigit() else text
    try:
        conflict.states.resolve(ref)
    except UnknownOptionError as error:
        unknown_option("--focus", error)
    except ModelError as error:
        for problem in error.problems:
            err(problem.located(file="--focus").format())
        raise typer.Exit(1) from None
    return ref


@app.command()
def report(
    model: Annotated[Path, typer.Argument(help="Model file (.yaml, .yml, .json, .gmcr).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report here (.html, .htm or .md); a Markdown report gets its "
            "drawing beside it (report.md → report.graph.svg). Default: Markdown on the "
            "terminal.",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help="html or markdown (default: from the extension)."),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option(
            "--focus",
            help="The state the report is about: an id or a condition matching one state "
            "(default: the model's metadata.focus).",
        ),
    ] = None,
    concepts: Annotated[
        str,
        typer.Option("--concepts", "-c", help="Comma-separated nash, gmr, smr, seq."),
    ] = "nash,gmr,smr,seq",
) -> None:
    """A report for readers who have not seen the model (HTML or Markdown).

    The question, the model in words, stability, equilibria, paths, coalitions,
    what would make the focus state hold, a graph, and the evidence behind it.
    """
    from accord.reports.document import build_report, graph_path, render_html, render_markdown

    kind = report_format(output, fmt)
    conflict = load(model)
    ref = _focus(conflict, focus)
    beside = output is not None and kind is ReportFormat.markdown
    try:
        result = build_report(
            conflict, focus=ref, concepts=concepts, draw=kind is ReportFormat.html or beside
        )
    except AccordError as error:
        fail(error)
    if kind is ReportFormat.html:
        emit([render_html(result)], output)
        return
    if not beside:
        emit([render_markdown(result)], None)
        return
    assert output is not None
    drawing = output.with_name(graph_path(output.name))
    from accord.io._files import atomic_write_text

    try:
        atomic_write_text(drawing, '<?xml version="1.0" encoding="utf-8"?>\n' + result.graph.svg)
    except OSError as error:
        err(f"{drawing}: error: cannot write the file: {error.strerror or error}")
        raise typer.Exit(1) from None
    emit([render_markdown(result, graph_file=drawing.name)], output)
    err(f"wrote {drawing}")
