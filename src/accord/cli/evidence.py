"""The evidence command: each element of a model with the sources that support it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

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
    render,
)
from accord.errors import AccordError, FormatError

if TYPE_CHECKING:
    from accord.core.model import Conflict


def _stop(message: str) -> NoReturn:
    err(message)
    raise typer.Exit(1)


def _ids(conflict: Conflict) -> str:
    return ", ".join(s.id for s in conflict.sources) or "none"


def _read(path: Path) -> str:
    """The text of a source file; exit 1 with a located message when it cannot be read."""
    from accord.io._files import read_text

    if path.is_dir():
        _stop(f"{path}: error: this is a directory, not a source text")
    try:
        return read_text(path)
    except FormatError as error:
        # read_text speaks of model files; here the file is a source text.
        fail(
            error.with_problems(
                [
                    dataclasses.replace(p, message=p.message.replace("model file", "source text"))
                    for p in error.problems
                ]
            )
        )


def _match(conflict: Conflict, path: Path, text: str) -> str:
    """The source a plain FILE is the text of: the only source, or the one with its hash."""
    from accord.evidence import content_hash

    sources = conflict.sources
    if not sources:
        _stop(f"--source {path}: error: the model has no sources to check this text against")
    if len(sources) == 1:
        return sources[0].id
    digest = content_hash(text)
    same = [s.id for s in sources if s.sha256.strip().lower() == digest]
    if len(same) == 1:
        return same[0]
    if same:
        why = f"the sources {', '.join(same)} all record this file's sha256"
    else:
        why = f"none of the model's sources ({_ids(conflict)}) records this file's sha256"
    _stop(
        f"--source {path}: error: cannot tell which source this is: {why}; write --source ID={path}"
    )


def read_sources(conflict: Conflict, values: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Read every ``--source ID=FILE`` or ``--source FILE``; exit 1 on any problem.

    Returns
    -------
    (texts, files)
        Source id → text, and source id → the file as the user named it.
    """
    ids = {s.id for s in conflict.sources}
    texts: dict[str, str] = {}
    files: dict[str, str] = {}
    for value in values:
        sid, eq, rest = value.partition("=")
        if eq and sid in ids:
            path = Path(rest)
            text = _read(path)
        elif eq and not Path(value).exists():
            from accord.core.validate import suggest

            hint = suggest(sid, ids)
            _stop(
                f"--source {value}: error: the model has no source {sid!r} "
                f"(its sources: {_ids(conflict)})" + (f"; {hint}" if hint else "")
            )
        else:
            path = Path(value)
            text = _read(path)
            sid = _match(conflict, path, text)
        if sid in files:
            _stop(f"--source: error: source {sid!r} is given twice ({files[sid]} and {path})")
        texts[sid], files[sid] = text, str(path)
    return texts, files


@app.command()
def evidence(
    model: Annotated[Path, typer.Argument(help="Model file (.yaml, .yml, .json, .gmcr).")],
    sources: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            metavar="ID=FILE",
            help="ID=FILE: the text of source ID, to check quotes against (repeat); a plain "
            "FILE is the model's only source, or the one whose sha256 it has.",
        ),
    ] = None,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """Each element of a model with the evidence that supports it, checked against its sources.

    Lists every decision maker, option, preference statement, infeasibility and the status
    quo with its evidence items (source, block, claim, quote or paraphrase) and whether each
    quote is still where the item says; elements with neither evidence nor a judgement note
    are flagged.  Without --source the quotes are listed unchecked.
    """
    from accord.evidence import review

    conflict = load(model)
    texts, files = read_sources(conflict, sources or [])
    try:
        result = review(conflict, texts)
    except AccordError as error:
        fail(error)
    from accord.reports import evidence as report

    if fmt is OutputFormat.table:
        render(report.evidence_table(result, files), output)
        return
    emit_report(
        fmt,
        output,
        as_json=lambda: report.evidence_dict(result, files),
        as_markdown=lambda: report.evidence_markdown(result, files),
        as_text=lambda: "\n".join(report.summary_lines(result)) + "\n",
    )
