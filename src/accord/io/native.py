"""Read and write accord's native model files (YAML, or JSON), with located errors."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path as FilePath
from typing import Any, Literal

import yaml
from yaml.nodes import ScalarNode

from accord.core.model import Conflict, DecisionMaker, GraphState, Ranking, Statements
from accord.core.provenance import Evidence, Metadata, Source
from accord.errors import FormatError, ModelError, Path, Problem
from accord.io import schema, yamlpos
from accord.io._files import MAX_MODEL_BYTES, atomic_write_text, read_text

__all__ = [
    "FORMAT_VERSION",
    "generate_model",
    "parse_model",
    "read_model",
    "write_model",
]

#: The version of the native format this module reads and writes (``accord: 1``).
FORMAT_VERSION = 1

_NAME_MAPS = frozenset({"decision_makers", "preferences", "moves", "misperceptions"})
_MODEL_KEYS = frozenset({"decision_makers", "preferences"})


# -- reading -------------------------------------------------------------------------------


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
    :mod:`accord.io.yamlpos` reads the text (syntax errors stop here), :mod:`accord.io.schema`
    checks the structure (types, unknown and missing keys), and
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
    doc = yamlpos.load(text, filename)
    locator = _Locator(doc)
    data = _model_mapping(doc, locator)
    problems = _version_problems(data)
    body = {k: v for k, v in data.items() if k != "accord"}
    spec, structural, key_paths = schema.check(body)
    problems.extend(p for p in structural if not any(p.path[: len(u)] == u for u in doc.unreadable))
    problems.extend(_duplicate_problem(d, doc) for d in doc.duplicates)
    problems.extend(doc.problems)
    if problems or spec is None:
        raise ModelError(locator.locate_all(problems, at_key=key_paths))
    try:
        return spec.to_conflict()
    except ModelError as err:
        raise err.with_problems(locator.locate_all(err.problems)) from None


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


def _not_a_model(message: str, locator: _Locator, hint: str | None = None) -> FormatError:
    problem = Problem(
        f"not an accord model: {message}",
        hint=hint
        or "an accord model file is a mapping that starts with 'accord: 1', then 'name' and "
        "'decision_makers' (see docs/file-format.md)",
    )
    return FormatError([locator.locate(problem)])


def _model_mapping(doc: yamlpos.Document, locator: _Locator) -> dict[str, Any]:
    data = doc.data
    if data is None:
        err = _not_a_model(
            "the file is empty; expected a mapping with 'accord: 1' and a model", locator
        )
        raise err.with_problems([p.located(line=1, column=1) for p in err.problems])
    if not isinstance(data, dict):
        raise _not_a_model(
            f"expected a mapping with 'accord: 1' at the top level (got {schema.got(data)})",
            locator,
        )
    if "accord" not in data and not _MODEL_KEYS & set(data):
        keys = ", ".join(repr(k) for k in list(data)[:6])
        more = ", …" if len(data) > 6 else ""
        raise _not_a_model(
            "expected a mapping with 'accord: 1' and 'decision_makers' at the top level "
            f"(found the keys {keys}{more})",
            locator,
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
        raise FormatError([locator.locate(Problem(message, path=("accord",), hint=hint))])
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
            f"(got {schema.got(version)})",
            path=("accord",),
            hint=f"write 'accord: {FORMAT_VERSION}' without quotes",
        )
    ]


def _duplicate_problem(dup: yamlpos.Duplicate, doc: yamlpos.Document) -> Problem:
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
        where = f"in {schema.describe(parent)}" if parent else "at the top level"
        message = f"the key {key!r} appears twice {where} ({first})"
        hint = "keys of one mapping must be unique; keep one of the two"
    text = doc.line_text(dup.again.line)
    return Problem(
        message,
        path=dup.path,
        hint=hint,
        file=doc.filename,
        line=dup.again.line,
        column=dup.again.column,
        excerpt=yamlpos.excerpt(text, dup.again.column),
        width=dup.again.width(text),
    )


class _Locator:
    """Fill in file, line, column, source line and width of problems found in one document."""

    def __init__(self, doc: yamlpos.Document) -> None:
        self.doc = doc

    def locate_all(
        self, problems: Sequence[Problem], at_key: Collection[Path] = ()
    ) -> list[Problem]:
        """Locate every problem and sort them by position in the file."""
        located = [self.locate(p, at_key=p.path in at_key) for p in problems]
        return sorted(located, key=lambda p: (p.line is None, p.line or 0, p.column or 0))

    def locate(self, problem: Problem, *, at_key: bool = False) -> Problem:
        """Fill in the location of one problem.

        A problem about a name (a decision maker, an option), a missing key or a whole list
        or mapping points at the key; one about a value points at the value, and into a
        condition's text when the problem gives a column inside it.  A problem whose path
        ends on a list and that quotes one of its items points at that item.
        """
        doc = self.doc
        if problem.line is not None:
            return problem if problem.file else problem.located(file=doc.filename)
        raw, exact = doc.resolve(problem.path)
        if exact and problem.column is None:
            raw = self._named_item(raw, problem.message)
        entry = doc.entries.get(raw)
        if entry is None:
            return problem.located(file=doc.filename)
        scalar = isinstance(entry.node, ScalarNode)
        use_key = entry.key is not None and (at_key or not exact or not scalar or _is_name_key(raw))
        span = entry.key if use_key and entry.key is not None else entry.value
        line, column = span.line, span.column
        text = doc.line_text(line)
        width = span.width(text) if raw else 1
        if problem.column is not None and exact and scalar and not use_key:
            pos = self._inside(raw, problem)
            if pos is not None:
                line, column = pos
                text = doc.line_text(line)
                width = max(1, min(problem.width, len(text) - column + 1))
        return problem.located(
            file=doc.filename,
            line=line,
            column=column,
            excerpt=yamlpos.excerpt(text, column),
            width=width,
        )

    def _value(self, raw: Path) -> Any:
        value: Any = self.doc.data
        for part in raw:
            value = value[part]
        return value

    def _named_item(self, raw: Path, message: str) -> Path:
        """The item of the list at ``raw`` (or of its inner lists) that ``message`` quotes."""
        value = self._value(raw)
        if not isinstance(value, list):
            return raw
        for i, item in enumerate(value):
            inner = item if isinstance(item, list) else [item]
            for j, sub in enumerate(inner):
                if isinstance(sub, str) and repr(sub) in message:
                    return (*raw, i, j) if isinstance(item, list) else (*raw, i)
        return raw

    def _inside(self, raw: Path, problem: Problem) -> tuple[int, int] | None:
        """The file position of a column given relative to a condition's text."""
        assert problem.column is not None
        value = self._value(raw)
        if not isinstance(value, str):
            return None
        offset = problem.column - 1
        excerpt = problem.excerpt
        if excerpt is not None and excerpt != value:
            shift = value.find(excerpt)
            if shift < 0:
                return None
            offset += shift
        return self.doc.position_in_scalar(raw, offset)


def _is_name_key(raw: Path) -> bool:
    if len(raw) == 2 and raw[0] in _NAME_MAPS:
        return True
    return (
        len(raw) == 4
        and raw[0] == "decision_makers"
        and raw[2] == "options"
        and isinstance(raw[3], str)
    )


# -- writing -------------------------------------------------------------------------------


class _Flow(list[Any]):
    """A list written on one line, ``[a, b]``."""


class _Dumper(yaml.SafeDumper):
    """Safe dumper that indents lists under their key and never writes aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style: str | None = None
    if any(ch in data for ch in "\r\x85\u2028\u2029"):
        style = '"'  # line breaks YAML would normalise: escape them
    elif "\n" in data:
        style = "|"  # the emitter falls back to quotes where a block is not allowed
    elif data.startswith("-"):
        style = "'"  # '- -a' reads correctly but '- '-a'' reads better
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(str, _represent_str)


def generate_model(conflict: Conflict, format: Literal["yaml", "json"] = "yaml") -> str:
    """Write a model as the text of a native file.

    The YAML is canonical: ``accord: 1`` first, sections in a fixed order, options as full
    mappings, and default values and empty sections left out.  :func:`parse_model` reads it
    back to an equal :class:`Conflict`.

    Parameters
    ----------
    conflict
        The model.
    format
        ``"yaml"`` (default) or ``"json"``.

    Returns
    -------
    str
        The text, ending in a newline.

    Raises
    ------
    TypeError
        When a metadata value cannot be written (only text, numbers, booleans, dates, lists
        and mappings can).
    """
    data = _plain_model(conflict)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_value) + "\n"
    if format != "yaml":
        raise ValueError(f"format must be 'yaml' or 'json' (got {format!r})")
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    return text


def write_model(
    conflict: Conflict,
    path: str | os.PathLike[str],
    *,
    format: Literal["yaml", "json"] | None = None,
) -> None:
    """Write a model to a native file, atomically (readers see the old file or the new).

    Parameters
    ----------
    conflict
        The model.
    path
        The file; a name ending in ``.json`` is written as JSON unless ``format`` says
        otherwise.
    format
        ``"yaml"`` or ``"json"``; by default chosen from the file name.
    """
    chosen = format or ("json" if FilePath(path).suffix.lower() == ".json" else "yaml")
    atomic_write_text(path, generate_model(conflict, chosen))


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write a value of type {type(value).__name__} in a model file")


def _free(value: Any, where: str) -> Any:
    """A metadata value as plain data (tuples become lists)."""
    if value is None or isinstance(value, str | bool | int | float | dt.date):
        return value
    if isinstance(value, list | tuple):
        return [_free(v, where) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _free(v, where) for k, v in value.items()}
    raise TypeError(
        f"metadata {where!r} holds a value of type {type(value).__name__}; a model file can "
        "hold only text, numbers, booleans, dates, lists and mappings"
    )


def _drop_empty(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v not in ("", None, [], ())}


def _plain_metadata(meta: Metadata) -> dict[str, Any]:
    out = _drop_empty(
        {
            "title": meta.title,
            "date": meta.date,
            "author": meta.author,
            "tags": _Flow(meta.tags),
            "description": meta.description,
        }
    )
    for key, value in meta.extra.items():
        if key not in out:
            out[key] = _free(value, key)
    return out


def _plain_dm(dm: DecisionMaker) -> dict[str, Any]:
    out = _drop_empty({"label": dm.label, "description": dm.description})
    if dm.options:
        out["options"] = {
            o.name: _drop_empty(
                {
                    "label": o.label,
                    "description": o.description,
                    "reversibility": "" if o.reversibility == "both" else o.reversibility,
                }
            )
            for o in dm.options
        }
    return out


def _plain_preference(pref: Statements | Ranking) -> Any:
    if isinstance(pref, Statements):
        return [
            s.text if not s.label else {"statement": s.text, "label": s.label} for s in pref.items
        ]
    items = [group[0] if len(group) == 1 else _Flow(group) for group in pref.groups]
    short = len(items) <= 40 and all(isinstance(i, int | _Flow) for i in items)
    return {"ranking": _Flow(items) if short else items}


def _plain_state(state: GraphState, order: Mapping[str, int]) -> dict[str, Any]:
    def ordered(names: frozenset[str]) -> _Flow:
        return _Flow(sorted(names, key=lambda n: (order.get(n, len(order)), n)))

    out: dict[str, Any] = {"id": state.id}
    if state.label:
        out["label"] = state.label
    if state.taken is not None:
        out["taken"] = ordered(state.taken)
    if state.members:
        out["members"] = [ordered(m) for m in state.members]
    return out


def _plain_source(src: Source) -> dict[str, Any]:
    return {"id": src.id} | _drop_empty(
        {
            "title": src.title,
            "outlet": src.outlet,
            "published": src.published,
            "url": src.url,
            "sha256": src.sha256,
            "note": src.note,
        }
    )


def _plain_evidence(ev: Evidence) -> dict[str, Any]:
    return {"about": ev.about} | _drop_empty(
        {
            "source": ev.source,
            "paragraph": ev.paragraph,
            "span": None if ev.span is None else _Flow(ev.span),
            "quote": ev.quote,
            "note": ev.note,
            "claim": ev.claim,
            "added_by": ev.added_by,
        }
    )


def _plain_model(c: Conflict) -> dict[str, Any]:
    out: dict[str, Any] = {"accord": FORMAT_VERSION, "name": c.name}
    meta = _plain_metadata(c.metadata)
    if meta:
        out["metadata"] = meta
    out["decision_makers"] = {dm.name: _plain_dm(dm) for dm in c.decision_makers}
    if c.graph is not None:
        order = {name: t for t, name in enumerate(c.option_names)}
        out["states"] = [_plain_state(s, order) for s in c.graph.states]
        if c.graph.moves:
            out["moves"] = {dm: [_Flow(arc) for arc in arcs] for dm, arcs in c.graph.moves.items()}
    if c.infeasible:
        out["infeasible"] = [
            i.condition if not i.label else {"condition": i.condition, "label": i.label}
            for i in c.infeasible
        ]
    ordered = [dm for dm in c.dm_names if dm in c.preferences]
    ordered += [dm for dm in c.preferences if dm not in ordered]
    if ordered:
        out["preferences"] = {dm: _plain_preference(c.preferences[dm]) for dm in ordered}
    if c.status_quo is not None:
        out["status_quo"] = c.status_quo
    if c.coalitions:
        out["coalitions"] = [_Flow(group) for group in c.coalitions]
    if c.misperceptions:
        out["misperceptions"] = {dm: list(conds) for dm, conds in c.misperceptions.items()}
    if c.sources:
        out["sources"] = [_plain_source(s) for s in c.sources]
    if c.evidence:
        out["evidence"] = [_plain_evidence(e) for e in c.evidence]
    return out
