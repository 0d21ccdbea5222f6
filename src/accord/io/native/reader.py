"""Read accord's native model files (YAML, or JSON), reporting every problem located."""

from __future__ import annotations

import json
import os
from typing import Any

from accord.core.model import Conflict
from accord.errors import FormatError, ModelError, Problem
from accord.io._files import MAX_MODEL_BYTES, read_text
from accord.io.native.explain import check, describe, got
from accord.io.native.loader import load
from accord.io.native.locate import locate, locate_all
from accord.io.native.positions import Document, Duplicate
from accord.io.native.schema import FORMAT_VERSION

__all__ = ["parse_model", "read_model"]

_MODEL_KEYS = frozenset({"decision_makers", "preferences"})


def parse_model(
    text: str, *, filename: str = "<model>", max_bytes: int = MAX_MODEL_BYTES
) -> Conflict:
    """Read a model from the text of a native file (YAML, or JSON).

    Parameters
    ----------
    text
        The file's text.
    filename
        The name shown in messages; a name ending in ``.json`` reads the text as JSON (text
        that starts with ``{`` is tried as JSON too).
    max_bytes
        The largest text accepted, in bytes of UTF-8.

    Returns
    -------
    Conflict
        The validated model.

    Raises
    ------
    FormatError
        When the text is not YAML or JSON, is too large, is not an accord model, or is of
        another format version.
    ModelError
        Listing every structural and semantic problem, each with file, line, column, the
        source line and, where one exists, a hint.

    Notes
    -----
    Reading happens in three passes, each of which reports every problem it finds:
    :mod:`~accord.io.native.loader` reads the text (syntax errors stop here),
    :mod:`~accord.io.native.explain` checks the structure (types, unknown and missing keys)
    against :mod:`~accord.io.native.schema`, and
    :class:`~accord.core.model.Conflict` checks the meaning (names, conditions, rankings).
    Every problem is then located in the file, following the short forms (options as a list
    of names, statements as plain text) and turning a column inside a condition into a
    column of the file.  The format is documented in ``docs/file-format.md``.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise FormatError(
            [
                Problem(
                    f"the model text is {size:,} bytes; a model may have at most "
                    f"{max_bytes:,} bytes",
                    file=filename,
                    hint="a hand-written model is a few kilobytes; is this the right file?",
                )
            ]
        )
    try:
        text.encode("utf-8")
        bad = None
    except UnicodeEncodeError as err:
        bad = err.start
    if bad is not None:  # only text built in memory can hold these; files are decoded
        line = text.count("\n", 0, bad) + 1
        column = bad - (text.rfind("\n", 0, bad) + 1) + 1
        raise FormatError(
            [
                Problem(
                    f"the text contains an unpaired surrogate (U+{ord(text[bad]):04X}), "
                    "which is not a Unicode character",
                    file=filename,
                    line=line,
                    column=column,
                    hint="decode the file as UTF-8 before parsing it",
                )
            ]
        )
    doc = load(text, filename)
    _reject_surrogates(doc.data, filename)
    data = _model_mapping(doc)
    problems = _version_problems(data)
    body = {k: v for k, v in data.items() if k != "accord"}
    spec, structural, key_paths = check(body)
    problems.extend(p for p in structural if not any(p.path[: len(u)] == u for u in doc.unreadable))
    problems.extend(_duplicate_problem(d, doc) for d in doc.duplicates)
    problems.extend(doc.problems)
    if problems or spec is None:
        raise ModelError(locate_all(doc, problems, at_key=key_paths))
    try:
        return spec.to_conflict()
    except ModelError as err:
        raise err.with_problems(locate_all(doc, err.problems)) from None


def _reject_surrogates(data: object, filename: str) -> None:
    """Refuse escaped lone surrogates (``"\\ud800"``): they are not text and cannot be written."""
    try:
        json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        raise FormatError(
            [
                Problem(
                    "an escape such as '\\ud800' stands for half of a character (an unpaired "
                    "surrogate), which is not text",
                    file=filename,
                    hint="write the character itself, or escape both halves of the pair",
                )
            ]
        ) from None


def read_model(path: str | os.PathLike[str], *, max_bytes: int = MAX_MODEL_BYTES) -> Conflict:
    """Read a model from a native file (``.yaml``, ``.yml`` or ``.json``).

    Parameters
    ----------
    path
        The file.
    max_bytes
        The largest file accepted.

    Returns
    -------
    Conflict
        The validated model.

    Raises
    ------
    FormatError
        When the file is missing, too large, not UTF-8, not YAML or JSON, or not a model.
    ModelError
        Listing every problem of the model, located in the file.
    """
    try:
        text = read_text(path, max_bytes)
    except FormatError as err:
        raise err.with_problems(
            [_explain_encoding(p, path, max_bytes) for p in err.problems]
        ) from None
    return parse_model(text, filename=str(path), max_bytes=max_bytes)


def _explain_encoding(problem: Problem, path: str | os.PathLike[str], max_bytes: int) -> Problem:
    """Add column, source line and a hint to a 'not UTF-8' problem from ``read_text``."""
    if "UTF-8" not in problem.message or problem.line is None:
        return problem
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes)
        data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        start = data.rfind(b"\n", 0, err.start) + 1
        end = data.find(b"\n", err.start)
        line = data[start : end if end >= 0 else len(data)]
        before = data[start : err.start].decode("utf-8", "replace")
        return problem.located(
            column=len(before) + 1,
            excerpt=line.decode("utf-8", "replace").rstrip("\r"),
            hint="save the file as UTF-8; text saved as Latin-1 or Windows-1252 converts with "
            "'iconv -f windows-1252 -t utf-8'",
        )
    except OSError:
        pass
    return problem


def _not_a_model(message: str, doc: Document) -> FormatError:
    problem = Problem(
        f"not an accord model: {message}",
        hint="an accord model file is a mapping that starts with 'accord: 1', then 'name' and "
        "'decision_makers' (see docs/file-format.md)",
    )
    return FormatError([locate(doc, problem)])


def _model_mapping(doc: Document) -> dict[str, Any]:
    data = doc.data
    if data is None:
        err = _not_a_model(
            "the file is empty; expected a mapping with 'accord: 1' and a model", doc
        )
        raise err.with_problems([p.located(line=1, column=1) for p in err.problems])
    if not isinstance(data, dict):
        raise _not_a_model(
            f"expected a mapping with 'accord: 1' at the top level (got {got(data)})",
            doc,
        )
    if "accord" not in data and not _MODEL_KEYS & set(data):
        keys = ", ".join(repr(k) for k in list(data)[:6])
        more = ", …" if len(data) > 6 else ""
        raise _not_a_model(
            "expected a mapping with 'accord: 1' and 'decision_makers' at the top level "
            f"(found the keys {keys}{more})",
            doc,
        )
    version = data.get("accord")
    if isinstance(version, int) and not isinstance(version, bool) and version != FORMAT_VERSION:
        message = (
            f"this file is accord format version {version}; this accord reads version "
            f"{FORMAT_VERSION}"
            if version > FORMAT_VERSION
            else f"there is no accord format version {version}; this accord reads version "
            f"{FORMAT_VERSION}"
        )
        hint = (
            "upgrade accord to read this file"
            if version > FORMAT_VERSION
            else f"write 'accord: {FORMAT_VERSION}'"
        )
        raise FormatError([locate(doc, Problem(message, path=("accord",), hint=hint))])
    return data


def _version_problems(data: dict[str, Any]) -> list[Problem]:
    if "accord" not in data:
        return [
            Problem(
                "the format version is missing: a model file starts with 'accord: 1'",
                path=(),
                hint="add the line 'accord: 1' at the top of the file",
            )
        ]
    version = data["accord"]
    if isinstance(version, int) and not isinstance(version, bool):
        return []
    return [
        Problem(
            f"'accord' must be the format version, the whole number {FORMAT_VERSION} "
            f"(got {got(version)})",
            path=("accord",),
            hint=f"write 'accord: {FORMAT_VERSION}' without quotes",
        )
    ]


def _duplicate_problem(dup: Duplicate, doc: Document) -> Problem:
    key, parent = dup.path[-1], dup.path[:-1]
    first = f"first at line {dup.first.line}, column {dup.first.column}"
    if parent == ("decision_makers",):
        message = f"decision maker {key!r} is defined twice ({first})"
        hint = "merge the two entries, or give one of them another name"
    elif len(parent) == 3 and parent[0] == "decision_makers" and parent[2] == "options":
        message = f"option {key!r} of decision maker {parent[1]!r} is defined twice ({first})"
        hint = "merge the two entries, or give one of them another name"
    elif parent == ("preferences",):
        message = f"the preferences of {key!r} are given twice ({first})"
        hint = "keep one of the two entries"
    else:
        where = f"in {describe(parent)}" if parent else "at the top level"
        message = f"the key {key!r} appears twice {where} ({first})"
        hint = "keys of one mapping must be unique; keep one of the two"
    return doc.at_span(Problem(message, path=dup.path, hint=hint), dup.again)
