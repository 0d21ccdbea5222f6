"""Point problems found in a model (by the schema or the core) at their place in the file."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from yaml.nodes import ScalarNode

from accord.errors import Path, Problem
from accord.io.native.positions import Document

__all__ = ["locate", "locate_all"]

_NAME_MAPS = frozenset({"decision_makers", "preferences", "moves", "misperceptions", "uncertainty"})


def locate_all(
    doc: Document, problems: Sequence[Problem], at_key: Collection[Path] = ()
) -> list[Problem]:
    """Locate every problem in ``doc`` and sort them by position in the file.

    Problems whose path is in ``at_key`` are about a key rather than its value.
    """
    located = [locate(doc, p, at_key=p.path in at_key) for p in problems]
    return sorted(located, key=lambda p: (p.line is None, p.line or 0, p.column or 0))


def locate(doc: Document, problem: Problem, *, at_key: bool = False) -> Problem:
    """Fill in file, line, column, source line and width of one problem found in ``doc``.

    A problem about a name (a decision maker, an option), a missing key or a whole list or
    mapping points at the key; one about a value points at the value, and into a
    condition's text when the problem gives a column inside it.  A problem whose path ends
    on a list and that quotes one of its items points at that item.
    """
    if problem.line is not None:
        return problem if problem.file else problem.located(file=doc.filename)
    raw, exact = doc.resolve(problem.path)
    if exact and problem.column is None:
        raw = _named_item(doc, raw, problem.message)
    entry = doc.entries.get(raw)
    if entry is None:
        return problem.located(file=doc.filename)
    scalar = isinstance(entry.node, ScalarNode)
    use_key = entry.key is not None and (at_key or not exact or not scalar or _is_name_key(raw))
    span = entry.key if use_key and entry.key is not None else entry.value
    if problem.column is not None and exact and scalar and not use_key:
        pos = _inside(doc, raw, problem)
        if pos is not None:
            line, column = pos
            width = max(1, min(problem.width, len(doc.line_text(line)) - column + 1))
            return doc.at(problem, line, column, width)
    if not raw:
        return doc.at(problem, span.line, span.column)
    return doc.at_span(problem, span)


def _named_item(doc: Document, raw: Path, message: str) -> Path:
    """The item of the list at ``raw`` (or of its inner lists) that ``message`` quotes."""
    value = doc.value(raw)
    if not isinstance(value, list):
        return raw
    for i, item in enumerate(value):
        inner = item if isinstance(item, list) else [item]
        for j, sub in enumerate(inner):
            if isinstance(sub, str) and repr(sub) in message:
                return (*raw, i, j) if isinstance(item, list) else (*raw, i)
    return raw


def _inside(doc: Document, raw: Path, problem: Problem) -> tuple[int, int] | None:
    """The file position of a column given relative to a condition's text."""
    assert problem.column is not None
    value = doc.value(raw)
    if not isinstance(value, str):
        return None
    offset = problem.column - 1
    excerpt = problem.excerpt
    if excerpt is not None and excerpt != value:
        shift = value.find(excerpt)
        if shift < 0:
            return None
        offset += shift
    return doc.position_in_scalar(raw, offset)


def _is_name_key(raw: Path) -> bool:
    if len(raw) == 2 and raw[0] in _NAME_MAPS:
        return True
    return (
        len(raw) == 4
        and raw[0] == "decision_makers"
        and raw[2] == "options"
        and isinstance(raw[3], str)
    )
