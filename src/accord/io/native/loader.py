"""Load YAML or JSON text into plain data, remembering where every key and value sits."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, Event, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from accord.errors import FormatError, Path, Problem
from accord.io.native.positions import Document, Duplicate, Entry, Span, source_lines, span_of
from accord.io.native.syntax import json_constant_error, json_syntax_error, yaml_syntax_error

__all__ = ["MAX_DEPTH", "MAX_NODES", "json_positions", "load"]

#: The most nodes (keys, values, items) one file may hold.  A hand-written model has a few
#: hundred; a large published case in graph form a few tens of thousands.
MAX_NODES = 500_000
#: The deepest nesting of mappings and lists one file may use.
MAX_DEPTH = 64

#: What JSON reads as a space or as a character of text but YAML as a tab or a line break.
_NOT_YAML_SPACE = re.compile("\t|\r(?!\n)|[\x85\u2028\u2029]")

_YAML_TAG = "tag:yaml.org,2002:"
_SEQ_TAG = _YAML_TAG + "seq"
_MAP_TAG = _YAML_TAG + "map"
_MERGE_TAG = _YAML_TAG + "merge"


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
    text = text.removeprefix("\ufeff")
    is_json_file = filename.lower().endswith(".json")
    if is_json_file or text.lstrip().startswith("{"):
        try:
            return _load_json(text, filename, max_nodes, max_depth)
        except FormatError:
            if is_json_file:
                raise
            try:  # text starting with '{' may be a YAML flow mapping
                return _load_yaml(text, filename, max_nodes, max_depth)
            except FormatError:
                pass
            raise
    return _load_yaml(text, filename, max_nodes, max_depth)


def _load_yaml(text: str, filename: str, max_nodes: int, max_depth: int) -> Document:
    doc = Document(data=None, text=text, filename=filename, lines=source_lines(text))
    try:
        loader, root = _compose(doc, text, max_nodes, max_depth)
    except yaml.YAMLError as err:
        raise yaml_syntax_error(err, doc) from None
    if root is not None:
        doc.data = _Builder(loader, doc).build_root(root)
    return doc


def _load_json(text: str, filename: str, max_nodes: int, max_depth: int) -> Document:
    doc = Document(
        data=None, text=text, filename=filename, lines=source_lines(text, yaml_breaks=False)
    )
    try:
        doc.data = json.loads(text, object_pairs_hook=_first_wins, parse_constant=_reject_constant)
    except json.JSONDecodeError as err:
        raise json_syntax_error(err, doc) from None
    except ValueError as err:  # NaN or Infinity, which Python's json would accept
        if "digits" in str(err):
            raise FormatError(
                [
                    Problem(
                        "a number has too many digits to be read (more than 4,300)", file=filename
                    )
                ]
            ) from None
        raise json_constant_error(err, doc) from None
    except RecursionError:
        raise FormatError(
            [Problem("the values are nested too deeply to be a model", file=filename)]
        ) from None
    json_positions(doc, max_nodes=max_nodes, max_depth=max_depth)
    return doc


def json_positions(
    doc: Document,
    *,
    max_nodes: int = MAX_NODES,
    max_depth: int = MAX_DEPTH,
    last_wins: bool = False,
) -> None:
    """Record in ``doc`` where every key and value of its JSON text sits.

    ``doc.data`` must already hold the parsed JSON; only ``doc.entries`` and
    ``doc.duplicates`` are filled.  A key written twice in one mapping points at its first
    value, or with ``last_wins`` at its last (as :func:`json.loads` keeps it).  JSON that
    YAML does not read gets no positions.

    Raises
    ------
    FormatError
        When the text exceeds ``max_nodes`` or ``max_depth``.
    """
    # Compose the same text as YAML.  Valid JSON has tabs only between tokens, where YAML
    # wants spaces, and JSON breaks lines at '\n' only, where YAML also breaks at a lone '\r'
    # and at U+0085, U+2028 and U+2029: each becomes a space, which keeps every offset.
    as_yaml = _NOT_YAML_SPACE.sub(" ", doc.text)
    try:
        loader, root = _compose(doc, as_yaml, max_nodes, max_depth)
    except yaml.YAMLError:
        return
    if root is not None:
        _Builder(loader, doc, last_wins=last_wins).build_root(root)


def _first_wins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


class _Refused(Exception):
    """The composer met something a model file may not contain."""

    def __init__(self, problem: Problem, mark: Any) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.mark = mark


def _compose(
    doc: Document, text: str, max_nodes: int, max_depth: int
) -> tuple[_Guard, Node | None]:
    """Compose the node tree: with libyaml when it accepts the text, else in pure Python.

    Raises
    ------
    FormatError
        For anchors, aliases and exceeded limits.
    yaml.YAMLError
        For a syntax error, always from the pure-Python parser, whose messages
        :func:`~accord.io.native.syntax.yaml_syntax_error` knows how to explain.
    """
    try:
        for fast in _FAST:
            try:
                loader = fast(text, max_nodes, max_depth)
                return loader, loader.get_single_node()
            except yaml.YAMLError:
                break
        loader = _PyLoader(text, max_nodes, max_depth)
        loader.name = doc.filename
        root = loader.get_single_node()
        loader.dispose()
        return loader, root
    except _Refused as err:
        where = doc.at(err.problem, err.mark.line + 1, err.mark.column + 1)
        raise FormatError([where]) from None


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
                Problem(
                    f"YAML aliases ('*{event.anchor}') are not allowed in a model file",
                    hint="write the value out in full where it is needed",
                ),
                event.start_mark,
            )
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise _Refused(
                Problem(
                    f"YAML anchors ('&{event.anchor}') are not allowed in a model file",
                    hint="remove the anchor and write each value out in full",
                ),
                event.start_mark,
            )
        self.node_count += 1
        if self.node_count > self.max_nodes:
            raise _Refused(
                Problem(
                    f"the file holds more than {self.max_nodes:,} values; a model file may "
                    "hold at most that many",
                    hint="is this the right file?",
                ),
                event.start_mark,
            )
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                raise _Refused(
                    Problem(
                        f"the values are nested more than {self.max_depth} levels deep",
                        hint="a model nests a few levels at most; is this the right file?",
                    ),
                    event.start_mark,
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
    """Turn a composed node tree into plain data, recording spans, duplicates and problems."""

    def __init__(self, loader: _Guard, doc: Document, *, last_wins: bool = False) -> None:
        self.loader = loader
        self.doc = doc
        self.last_wins = last_wins

    def build_root(self, root: Node) -> Any:
        """The plain data of the tree under ``root``; positions go into the document."""
        self.doc.entries[()] = Entry(span_of(root), None, root)
        return self.build(root, ())

    def problem(self, message: str, node: Node, path: Path, hint: str | None = None) -> None:
        problem = Problem(message, path=path, hint=hint)
        self.doc.problems.append(self.doc.at_span(problem, span_of(node)))

    def build(self, node: Node, path: Path) -> Any:
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                self._bad_tag(node, path)
            out: list[Any] = []
            for i, child in enumerate(node.value):
                sub = (*path, i)
                self.doc.entries[sub] = Entry(span_of(child), None, child)
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
            key_span = span_of(key_node)
            if key in first:
                self.doc.duplicates.append(Duplicate(sub, first[key], key_span))
                if not self.last_wins:
                    continue
            else:
                first[key] = key_span
            self.doc.entries[sub] = Entry(span_of(value_node), key_span, value_node)
            mapping[key] = self.build(value_node, sub)
        return mapping

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        try:
            return self.loader.construct_object(node)
        except ConstructorError:
            self._bad_tag(node, path)
        except ValueError as err:  # e.g. 2026-13-45 looks like a date but is none
            self.doc.unreadable.add(path)
            if "digits" in str(err):
                self.problem(
                    "this number has too many digits to be read (more than 4,300)",
                    node,
                    path,
                    "a model needs no number this long; put text in quotes",
                )
            else:
                self.problem(
                    f"this looks like a date but is not a valid one ({err})",
                    node,
                    path,
                    "write a real date as YYYY-MM-DD, or put the text in quotes",
                )
        return None

    def _bad_tag(self, node: Node, path: Path) -> None:
        self.doc.unreadable.add(path)
        tag = node.tag
        if tag.startswith(_YAML_TAG):
            tag = "!!" + tag.removeprefix(_YAML_TAG)
        self.problem(
            f"the YAML tag {tag!r} is not supported in a model file",
            node,
            path,
            "remove the tag; model files hold plain text, numbers, dates, lists and mappings",
        )
