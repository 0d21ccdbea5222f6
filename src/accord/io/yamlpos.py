"""Load YAML or JSON text into plain data, remembering where every key and value sits."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, Event, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from accord.errors import FormatError, Path, Problem

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "Document",
    "Duplicate",
    "Entry",
    "Span",
    "excerpt",
    "load",
    "looks_like_json",
    "source_lines",
]

#: The most nodes (keys, values, items) one file may hold.  A hand-written model has a few
#: hundred; a large published case in graph form a few tens of thousands.
MAX_NODES = 500_000
#: The deepest nesting of mappings and lists one file may use.
MAX_DEPTH = 64

_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"
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


@dataclass(frozen=True)
class Entry:
    """One value of the document, the key it sits under (if any), and its YAML node."""

    value: Span
    key: Span | None
    node: Node


@dataclass(frozen=True)
class Duplicate:
    """A key written twice in one mapping; the second is ignored and must be reported."""

    path: Path
    first: Span
    again: Span


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
    entries
        For each raw path (keys and list indices as written), the value's :class:`Entry`.
    duplicates
        Keys written twice in one mapping (only the first is kept in ``data``).
    problems
        Other things the loader could not accept (unknown tags, keys that are not text).
    unreadable
        Raw paths of values the loader could not read (reported in ``problems``); other
        complaints about them would only repeat the problem.
    is_json
        Whether the text was read as JSON.
    """

    data: Any
    text: str
    filename: str
    entries: dict[Path, Entry] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[Path] = field(default_factory=set)
    is_json: bool = False
    _lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """The source lines, split the way the parser counts lines."""
        if self._lines is None:
            self._lines = source_lines(self.text, yaml_breaks=not self.is_json)
        return self._lines

    def line_text(self, line: int) -> str:
        """The text of the 1-based source line ``line`` (empty past the end)."""
        lines = self.lines
        return lines[line - 1] if 1 <= line <= len(lines) else ""

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


def excerpt(line: str, column: int | None) -> str:
    """A source line to show under a message, with tabs before the caret shown as spaces.

    The caret is placed by counting characters, so a tab before it must take one column.
    """
    if column is None:
        return line
    return line[: column - 1].replace("\t", " ") + line[column - 1 :]


def source_lines(text: str, *, yaml_breaks: bool = True) -> list[str]:
    """Split ``text`` into lines the way YAML (or, with ``yaml_breaks=False``, JSON) counts them."""
    if yaml_breaks:
        return _YAML_BREAKS.split(text)
    return [line.removesuffix("\r") for line in text.split("\n")]


def _span(node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _Refused(Exception):
    """The composer met something a model file may not contain."""

    def __init__(self, message: str, mark: Any, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.hint = hint


class _Guard(Composer, SafeConstructor):
    """A composer that refuses anchors and aliases and bounds node count and depth."""

    max_nodes: int
    max_depth: int
    node_count: int
    depth: int

    if TYPE_CHECKING:  # provided by the parser the composer is mixed with

        def peek_event(self) -> Event: ...

    def _limits(self, max_nodes: int, max_depth: int) -> None:
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.node_count = 0
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(
                f"YAML aliases ('*{event.anchor}') are not allowed in a model file",
                event.start_mark,
                "write the value out in full where it is needed",
            )
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise _Refused(
                f"YAML anchors ('&{event.anchor}') are not allowed in a model file",
                event.start_mark,
                "remove the anchor and write each value out in full",
            )
        self.node_count += 1
        if self.node_count > self.max_nodes:
            raise _Refused(
                f"the file holds more than {self.max_nodes:,} values; a model file may "
                "hold at most that many",
                event.start_mark,
                "is this the right file?",
            )
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                raise _Refused(
                    f"the values are nested more than {self.max_depth} levels deep",
                    event.start_mark,
                    "a model nests a few levels at most; is this the right file?",
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _PyLoader(_Guard, yaml.SafeLoader):
    """The pure-Python loader: slower, but with the clearest syntax errors."""

    def __init__(self, text: str, max_nodes: int, max_depth: int) -> None:
        yaml.SafeLoader.__init__(self, text)
        self._limits(max_nodes, max_depth)


_FAST: tuple[Callable[[str, int, int], _Guard], ...] = ()
try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    pass
else:

    class _CLoader(_Guard, CParser, Resolver):
        """Events from libyaml, composed by :class:`_Guard`: several times faster."""

        def __init__(self, text: str, max_nodes: int, max_depth: int) -> None:
            CParser.__init__(self, text)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)
            self._limits(max_nodes, max_depth)

    _FAST = (_CLoader,)


class _Builder:
    """Turn a composed node tree into plain data, recording spans and duplicate keys."""

    def __init__(self, loader: _Guard, filename: str, lines: list[str]) -> None:
        self.loader = loader
        self.filename = filename
        self.lines = lines
        self.entries: dict[Path, Entry] = {}
        self.duplicates: list[Duplicate] = []
        self.problems: list[Problem] = []
        self.unreadable: set[Path] = set()

    def problem(self, message: str, node: Node, path: Path, hint: str | None = None) -> None:
        span = _span(node)
        line = self.lines[span.line - 1] if span.line <= len(self.lines) else ""
        self.problems.append(
            Problem(
                message,
                path=path,
                hint=hint,
                file=self.filename,
                line=span.line,
                column=span.column,
                excerpt=excerpt(line, span.column),
                width=span.width(line),
            )
        )

    def build(self, node: Node, path: Path) -> Any:
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                self._bad_tag(node, path)
            out: list[Any] = []
            for i, child in enumerate(node.value):
                sub = (*path, i)
                self.entries[sub] = Entry(_span(child), None, child)
                out.append(self.build(child, sub))
            return out
        assert isinstance(node, MappingNode)
        if node.tag != _MAP_TAG:
            self._bad_tag(node, path)
        mapping: dict[str, Any] = {}
        first: dict[str, Span] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(
                    "a key must be plain text, not a list or a mapping",
                    key_node,
                    path,
                    "write the key as text; put structured data in the value",
                )
                continue
            if key_node.tag == _MERGE_TAG:
                self.problem(
                    "YAML merge keys ('<<') are not allowed in a model file",
                    key_node,
                    path,
                    "write the merged keys out in full",
                )
                continue
            key = str(key_node.value)
            sub = (*path, key)
            key_span = _span(key_node)
            if key in first:
                self.duplicates.append(Duplicate(sub, first[key], key_span))
                continue
            first[key] = key_span
            self.entries[sub] = Entry(_span(value_node), key_span, value_node)
            mapping[key] = self.build(value_node, sub)
        return mapping

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        try:
            return self.loader.construct_object(node)
        except ConstructorError:
            self._bad_tag(node, path)
        except ValueError as err:  # e.g. 2026-13-45 looks like a date but is none
            self.unreadable.add(path)
            self.problem(
                f"this looks like a date but is not a valid one ({err})",
                node,
                path,
                "write a real date as YYYY-MM-DD, or put the text in quotes",
            )
        return None

    def _bad_tag(self, node: Node, path: Path) -> None:
        self.unreadable.add(path)
        self.problem(
            f"the YAML tag {_short_tag(node.tag)!r} is not supported in a model file",
            node,
            path,
            "remove the tag; model files hold plain text, numbers, dates, lists and mappings",
        )


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _format_problem(
    message: str,
    filename: str,
    lines: list[str],
    line: int,
    column: int,
    hint: str | None = None,
    width: int = 1,
) -> Problem:
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    return Problem(
        message,
        hint=hint,
        file=filename,
        line=line,
        column=column,
        excerpt=excerpt(text, column),
        width=width,
    )


def _plain_yaml_error(err: yaml.MarkedYAMLError, lines: list[str]) -> tuple[str, Any, str | None]:
    """A plain message, the mark to point at, and a hint, for one PyYAML syntax error."""
    problem = err.problem or ""
    context = err.context or ""
    mark = err.problem_mark or err.context_mark
    cmark = err.context_mark

    def at(m: Any) -> str:
        return f"line {m.line + 1}, column {m.column + 1}"

    if "'\\t'" in problem or "tab character" in problem:
        return (
            "a tab character is not allowed here: YAML indents with spaces only",
            mark,
            "replace the tab with spaces",
        )
    if "quoted scalar" in context and "end of stream" in problem and cmark is not None:
        quote = lines[cmark.line][cmark.column] if cmark.line < len(lines) else '"'
        return (
            f"this quoted text is never closed: the closing {quote} is missing",
            cmark,
            f"add {quote} at the end of the text",
        )
    if problem.startswith("found unknown escape character"):
        char = problem.rsplit(" ", 1)[-1].strip("'")
        return (
            f"unknown escape '\\{char}' in double-quoted text",
            mark,
            "write '\\\\' for a backslash, or use single quotes, inside which '\\' is an "
            "ordinary character",
        )
    if problem == "mapping values are not allowed here" and mark is not None:
        before = lines[mark.line][: mark.column] if mark.line < len(lines) else ""
        if ": " in before or before.rstrip().endswith(":"):
            return (
                "unexpected ':' inside a value: a value that contains ': ' must be quoted",
                mark,
                'put the value in quotes, e.g. label: "Note: this"',
            )
        return (
            "unexpected ':' here: this line does not line up with the keys above it",
            mark,
            "keys of one mapping start in the same column; check this line's indentation",
        )
    if problem == "could not find expected ':'" and cmark is not None:
        return (
            "expected 'key: value' on this line, but there is no ':'",
            cmark,
            "add the ':' after the key, or indent the line as part of the value above it",
        )
    if problem.startswith("expected <block end>") and cmark is not None:
        kind = "list" if "collection" in context else "mapping"
        found = problem.split("but found", 1)[-1].strip()
        if "'-'" in found:
            what = "a list item ('- ')"
        elif "'?'" in found or "mapping" in found:
            what = "a key"
        else:
            what = "a value"
        return (
            f"wrong indentation: found {what} that does not fit the {kind} started at {at(cmark)}",
            mark,
            "items of one mapping or list start in the same column; a list under a key is "
            "indented below it",
        )
    if problem.startswith("expected ','") and cmark is not None and mark is not None:
        bracket = "[" if "sequence" in context else "{"
        closer = "]" if bracket == "[" else "}"
        found = problem.split("but got", 1)[-1].strip()
        hint = f"add the missing '{closer}' (or ',' between items)"
        if found in ("'['", "'{'") and mark.line == cmark.line:
            hint = (
                f"inside '{bracket} ... {closer}', a value containing '[', ']', '{{', '}}' or "
                "',' must be quoted, e.g. about: \"Row.preferences[0]\""
            )
        return (
            f"the '{bracket}' opened here is not closed: expected ',' or '{closer}' at "
            f"{at(mark)}, found {found}",
            cmark,
            hint,
        )
    if problem.startswith("expected the node content"):
        found = problem.split("but found", 1)[-1].strip()
        if found == "','":
            return "an empty item: two ',' in a row", mark, "remove one ','"
        return (
            f"expected a value here, found {found}",
            mark,
            "remove the stray character, or quote the value",
        )
    if "that cannot start any token" in problem:
        char = problem.split("character", 1)[-1].split("that", 1)[0].strip()
        return (
            f"a value cannot start with {char} unless it is quoted",
            mark,
            "put the value in quotes",
        )
    if context.startswith("expected a single document"):
        return (
            "the file holds more than one YAML document ('---'); a model file holds one",
            mark,
            "split the documents into separate files, or remove the '---' line",
        )
    if "while scanning an alias" in context or "while scanning an anchor" in context:
        return (
            "'*' and '&' start YAML aliases and anchors, which model files do not use",
            cmark or mark,
            "put the value in quotes",
        )
    if "while scanning a block scalar" in context:
        return (
            f"a block text ('|' or '>') is malformed: {problem}",
            mark,
            "put the text on the lines below the '|', indented",
        )
    detail = f" ({context})" if context else ""
    return f"YAML syntax error: {problem}{detail}", mark, None


def _syntax_error(err: yaml.YAMLError, text: str, filename: str, lines: list[str]) -> FormatError:
    if isinstance(err, yaml.reader.ReaderError):
        position = int(err.position)
        before = text[:position]
        line = len(_YAML_BREAKS.findall(before)) + 1
        column = (
            position - max(before.rfind("\n"), before.rfind("\r")) if line > 1 else position + 1
        )
        char = err.character
        code = ord(char) if isinstance(char, str) else int(char)
        return FormatError(
            [
                _format_problem(
                    f"the file contains the control character U+{code:04X}, which a model "
                    "file may not contain",
                    filename,
                    lines,
                    line,
                    column,
                    "delete it (it is often invisible; a text editor's 'show all characters' "
                    "reveals it)",
                )
            ]
        )
    if isinstance(err, yaml.MarkedYAMLError):
        message, mark, hint = _plain_yaml_error(err, lines)
        if mark is None:
            return FormatError([Problem(message, hint=hint, file=filename)])
        return FormatError(
            [_format_problem(message, filename, lines, mark.line + 1, mark.column + 1, hint)]
        )
    return FormatError([Problem(f"YAML error: {err}", file=filename)])  # pragma: no cover


_JSON_MESSAGES = (
    (
        "Expecting property name enclosed in double quotes",
        (
            "expected a key in double quotes",
            "JSON allows no ',' after the last item and no single quotes",
        ),
    ),
    ("Expecting ',' delimiter", ("expected ',' between two items, or a closing bracket", None)),
    ("Expecting ':' delimiter", ("expected ':' after the key", None)),
    (
        "Expecting value",
        (
            "expected a value (text in double quotes, a number, true, false, "
            "null, a list or an object)",
            None,
        ),
    ),
    (
        "Unterminated string starting at",
        ("this text is never closed: the closing '\"' is missing", None),
    ),
    (
        "Invalid control character at",
        (
            "a text contains a raw line break or tab",
            "close the text with '\"' before the end of the line, or write the character "
            "as \\n or \\t",
        ),
    ),
    ("Invalid \\escape", ("invalid escape in a text", "write '\\\\' for a backslash")),
    ("Extra data", ("unexpected text after the end of the JSON document", None)),
)


def _json_error(err: json.JSONDecodeError, filename: str, lines: list[str]) -> FormatError:
    message, hint = f"JSON syntax error: {err.msg}", None
    for start, (plain, tip) in _JSON_MESSAGES:
        if err.msg.startswith(start):
            message, hint = f"JSON syntax error: {plain}", tip
            break
    return FormatError([_format_problem(message, filename, lines, err.lineno, err.colno, hint)])


def _first_wins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def looks_like_json(text: str, filename: str) -> bool:
    """Whether to read ``text`` as JSON: a ``.json`` file, or text that starts with ``{``."""
    return filename.lower().endswith(".json") or text.lstrip().startswith("{")


def _compose(
    text: str, filename: str, lines: list[str], max_nodes: int, max_depth: int
) -> tuple[_Guard, Node | None]:
    """Compose the node tree: with libyaml when it accepts the text, else in pure Python.

    A syntax error is always reported by the pure-Python parser, whose messages
    :func:`_plain_yaml_error` knows how to explain.
    """
    for fast in _FAST:
        try:
            loader = fast(text, max_nodes, max_depth)
            root = loader.get_single_node()
        except yaml.YAMLError:
            break
        except _Refused as err:
            raise _refused(err, filename, lines) from None
        return loader, root
    try:
        loader = _PyLoader(text, max_nodes, max_depth)
        loader.name = filename
        root = loader.get_single_node()
    except _Refused as err:
        raise _refused(err, filename, lines) from None
    except yaml.YAMLError as err:
        raise _syntax_error(err, text, filename, lines) from None
    loader.dispose()
    return loader, root


def _refused(err: _Refused, filename: str, lines: list[str]) -> FormatError:
    line, column = err.mark.line + 1, err.mark.column + 1
    return FormatError([_format_problem(err.message, filename, lines, line, column, err.hint)])


def load(
    text: str,
    filename: str = "<model>",
    *,
    max_nodes: int = MAX_NODES,
    max_depth: int = MAX_DEPTH,
) -> Document:
    """Read YAML (or JSON) text into a :class:`Document`.

    Parameters
    ----------
    text
        The file's text.
    filename
        Name used in messages; a name ending in ``.json`` selects JSON, as does text that
        starts with ``{``.
    max_nodes, max_depth
        Limits on the number of values and on nesting.

    Returns
    -------
    Document
        The data, the position of every key and value, and the duplicate keys found.

    Raises
    ------
    FormatError
        When the text is not valid YAML or JSON, uses anchors or aliases, or exceeds a limit.

    Notes
    -----
    YAML is composed into a node tree (by libyaml when it accepts the text, else by PyYAML's
    pure-Python parser, which also explains every syntax error), refusing anchors and
    aliases, so that no document expands beyond its size, and bounding the number of nodes
    and the nesting.  Plain data is then built from the nodes while the span of every key
    and value is recorded.  Duplicate keys are recorded, never silently merged.

    Mapping keys are always read as the text written in the file (``No:`` is the key
    ``"No"``, ``2026:`` the key ``"2026"``): in a model every key is either a field or a
    name.

    JSON is read by :func:`json.loads` first, so that its syntax errors carry JSON's own
    line and column; the same text is then composed as YAML only to learn positions.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if looks_like_json(text, filename):
        try:
            return _load_json(text, filename, max_nodes, max_depth)
        except FormatError:
            if filename.lower().endswith(".json"):
                raise
            try:  # text starting with '{' may be a YAML flow mapping
                return _load_yaml(text, filename, max_nodes, max_depth)
            except FormatError:
                pass
            raise
    return _load_yaml(text, filename, max_nodes, max_depth)


def _load_yaml(text: str, filename: str, max_nodes: int, max_depth: int) -> Document:
    lines = source_lines(text)
    loader, root = _compose(text, filename, lines, max_nodes, max_depth)
    doc = Document(data=None, text=text, filename=filename, _lines=lines)
    if root is None:
        return doc
    builder = _Builder(loader, filename, lines)
    builder.entries[()] = Entry(_span(root), None, root)
    doc.data = builder.build(root, ())
    doc.entries = builder.entries
    doc.duplicates = builder.duplicates
    doc.problems = builder.problems
    doc.unreadable = builder.unreadable
    return doc


def _load_json(text: str, filename: str, max_nodes: int, max_depth: int) -> Document:
    lines = source_lines(text, yaml_breaks=False)
    try:
        data = json.loads(text, object_pairs_hook=_first_wins, parse_constant=_reject_constant)
    except json.JSONDecodeError as err:
        raise _json_error(err, filename, lines) from None
    except ValueError as err:  # NaN or Infinity, which Python's json would accept
        found = re.search(r"-?\b(NaN|Infinity)\b", text)
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        column = found.start() - text.rfind("\n", 0, found.start()) if found else 1
        raise FormatError(
            [
                _format_problem(
                    f"JSON syntax error: {err}",
                    filename,
                    lines,
                    line,
                    column,
                    "write a number, or null",
                )
            ]
        ) from None
    except RecursionError:
        raise FormatError(
            [Problem("the values are nested too deeply to be a model", file=filename)]
        ) from None
    doc = Document(data=data, text=text, filename=filename, is_json=True, _lines=lines)
    # Positions: compose the same text as YAML (valid JSON has tabs only between tokens,
    # where YAML wants spaces; replacing them keeps every offset).
    try:
        loader, root = _compose(text.replace("\t", " "), filename, lines, max_nodes, max_depth)
    except FormatError as err:
        if any("more than" in p.message for p in err.problems):
            raise
        return doc
    if root is not None:
        builder = _Builder(loader, filename, lines)
        builder.entries[()] = Entry(_span(root), None, root)
        builder.build(root, ())
        doc.entries = builder.entries
        doc.duplicates = builder.duplicates
    return doc
