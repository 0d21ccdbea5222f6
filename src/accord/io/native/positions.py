"""Where every key and value of a model file sits, and the positions of characters in values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import Node, ScalarNode

from accord.errors import Path, Problem

__all__ = ["Document", "Duplicate", "Entry", "Span", "source_lines", "span_of"]

_YAML_BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")


@dataclass(frozen=True)
class Span:
    """Where a key or value sits in the source, 1-based; ``end_column`` is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    def width(self, source_line: str) -> int:
        """How many characters to underline on the first line of the span."""
        if self.end_line == self.line:
            return max(1, self.end_column - self.column)
        return max(1, len(source_line.rstrip()) - self.column + 1)


def span_of(node: Node) -> Span:
    """The span of a YAML node."""
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


@dataclass(frozen=True)
class Entry:
    """One value of the document, the key it sits under (if any), and its YAML node."""

    value: Span
    key: Span | None
    node: Node


@dataclass(frozen=True)
class Duplicate:
    """A key written twice in one mapping; one is ignored (the second, for a model file)."""

    path: Path
    first: Span
    again: Span


def source_lines(text: str, *, yaml_breaks: bool = True) -> list[str]:
    """Split ``text`` into lines the way YAML (or, with ``yaml_breaks=False``, JSON) counts them."""
    if yaml_breaks:
        return _YAML_BREAKS.split(text)
    return [line.removesuffix("\r") for line in text.split("\n")]


@dataclass
class Document:
    """Plain data read from a file, with the source position of every key and value.

    Attributes
    ----------
    data
        The document as dicts, lists and scalars (``None`` for an empty file).
    text
        The source text.
    filename
        The name used in messages.
    lines
        The source lines, split the way the parser counts lines.
    entries
        For each raw path (keys and list indices as written), the value's :class:`Entry`.
    duplicates
        Keys written twice in one mapping (only the first is kept in ``data``).
    problems
        Other things the loader could not accept (unknown tags, keys that are not text).
    unreadable
        Raw paths of values the loader could not read (reported in ``problems``); other
        complaints about them would only repeat the problem.
    """

    data: Any
    text: str
    filename: str
    lines: list[str]
    entries: dict[Path, Entry] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[Path] = field(default_factory=set)

    def line_text(self, line: int) -> str:
        """The text of the 1-based source line ``line`` (empty past the end)."""
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def at(self, problem: Problem, line: int, column: int, width: int = 1) -> Problem:
        """``problem`` located at ``line`` and ``column``, with that line as its excerpt.

        Tabs before the column are shown as spaces, so that the caret, placed by counting
        characters, lines up.
        """
        text = self.line_text(line)
        if text.find("\t", 0, column - 1) >= 0:  # else share the line: it may be very long
            text = text[: column - 1].replace("\t", " ") + text[column - 1 :]
        return problem.located(
            file=self.filename, line=line, column=column, excerpt=text, width=width
        )

    def at_span(self, problem: Problem, span: Span) -> Problem:
        """``problem`` located at the start of ``span``, underlining its first line."""
        return self.at(problem, span.line, span.column, span.width(self.line_text(span.line)))

    def value(self, raw: Path) -> Any:
        """The value at a raw path of the data."""
        value: Any = self.data
        for part in raw:
            value = value[part]
        return value

    def resolve(self, path: Path) -> tuple[Path, bool]:
        """Translate a model path into the raw path of the file, following short forms.

        A name under a list (options written as a list of names) selects the last item equal
        to it; an integer under a mapping goes through its ``statements`` or ``ranking`` list;
        a path that ends on a ``{statement: ...}`` or ``{condition: ...}`` mapping goes on to
        that text.

        Returns
        -------
        tuple
            The raw path of the deepest element found, and whether the whole path was found.
        """
        cur: Any = self.data
        raw: list[str | int] = []
        for part in path:
            step = _step(cur, part)
            if step is None:
                return tuple(raw), False
            raw.extend(step[0])
            cur = step[1]
        if isinstance(cur, dict):
            for key in ("statement", "condition"):
                if key in cur and isinstance(cur[key], str):
                    raw.append(key)
                    break
        return tuple(raw), True

    def position_in_scalar(self, raw: Path, offset: int) -> tuple[int, int] | None:
        """File line and column of character ``offset`` (0-based) of the text value at ``raw``.

        Follows quotes, escapes, text folded over several lines and literal blocks (``|``);
        returns ``None`` where the value cannot be mapped back character by character.
        """
        entry = self.entries.get(raw)
        if entry is None or not isinstance(entry.node, ScalarNode):
            return None
        node = entry.node
        if node.style in ("|", ">"):
            positions = self._block_positions(node)
        else:
            positions = self._flow_positions(node)
        if positions is None or not 0 <= offset < len(positions):
            return None
        return positions[offset]

    def _flow_positions(self, node: ScalarNode) -> list[tuple[int, int]] | None:
        """Positions of a plain or quoted scalar's characters, plus the one just after."""
        start, end = node.start_mark, node.end_mark
        source = self.text[start.index : end.index]
        quoted = node.style in ("'", '"')
        if quoted and len(source) < 2:
            return None
        body = source[1:-1] if quoted else source
        pieces = _YAML_BREAKS.split(body)
        positions: list[tuple[int, int]] = []
        breaks = 0
        after = (start.line + 1, start.column + 1)
        for i, piece in enumerate(pieces):
            column = start.column + (1 if quoted else 0) if i == 0 else 0
            text = piece
            if i > 0:
                stripped = text.lstrip(" \t")
                column += len(text) - len(stripped)
                text = stripped
                if not text and i < len(pieces) - 1:
                    breaks += 1  # a blank line folds into a line break
                    continue
                # a single line break folds into a space, blank lines into line breaks
                positions.extend([after] * max(1, breaks))
                breaks = 0
            if i < len(pieces) - 1:
                text = text.rstrip(" \t")
            offsets = _char_offsets(text, node.style)
            line = start.line + 1 + i
            positions.extend((line, column + 1 + k) for k in offsets)
            after = (line, column + 1 + len(text))
        if len(positions) != len(node.value):
            return None
        positions.append(after)
        return positions

    def _block_positions(self, node: ScalarNode) -> list[tuple[int, int]] | None:
        """Positions of a block scalar's characters: every line of ``|``, the first of ``>``."""
        header = node.start_mark.line  # 0-based line of the '|' or '>'
        lines = self.lines
        content = range(header + 1, min(node.end_mark.line + 1, len(lines)))
        filled = [i for i in content if lines[i].strip()]
        if not filled:
            return None
        indent = len(lines[filled[0]]) - len(lines[filled[0]].lstrip(" "))
        value = node.value
        positions: list[tuple[int, int]] = []
        parts = value.split("\n") if node.style == "|" else [value.split("\n")[0]]
        for k, part in enumerate(parts):
            index = header + 1 + k
            if index >= len(lines):
                break
            source = lines[index][indent:]
            if node.style == ">":
                source = source.rstrip(" \t")
                if not part.startswith(source) or not source:
                    return None
                part = source
            elif part and source[: len(part)] != part:
                return None
            positions.extend((index + 1, indent + 1 + j) for j in range(len(part) + 1))
        return positions or None


def _step(cur: Any, part: str | int) -> tuple[list[str | int], Any] | None:
    if isinstance(cur, dict):
        if isinstance(part, str):
            return ([part], cur[part]) if part in cur else None
        for key in ("statements", "ranking"):
            inner = cur.get(key)
            if isinstance(inner, list) and 0 <= part < len(inner):
                return [key, part], inner[part]
        return None
    if isinstance(cur, list):
        if isinstance(part, int):
            return ([part], cur[part]) if 0 <= part < len(cur) else None
        for i in range(len(cur) - 1, -1, -1):
            if cur[i] == part:
                return [i], cur[i]
        return None
    return None


def _char_offsets(text: str, style: str | None) -> list[int]:
    """For each character a piece of scalar source stands for, its offset in the piece."""
    if style not in ("'", '"'):
        return list(range(len(text)))
    out: list[int] = []
    i = 0
    while i < len(text):
        out.append(i)
        if style == "'" and text[i] == "'" and text[i + 1 : i + 2] == "'":
            i += 2
        elif style == '"' and text[i] == "\\":
            i += 2 + {"x": 2, "u": 4, "U": 8}.get(text[i + 1 : i + 2], 0)
        else:
            i += 1
    return out
