"""Plain-English explanations of YAML and JSON syntax errors, located in the file."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from accord.errors import FormatError, Problem
from accord.io.native.positions import Document, source_lines

__all__ = ["json_constant_error", "json_syntax_error", "yaml_syntax_error"]


def yaml_syntax_error(err: yaml.YAMLError, doc: Document) -> FormatError:
    """The error to raise for a YAML syntax error met while reading ``doc``."""
    if isinstance(err, yaml.reader.ReaderError):
        before = source_lines(doc.text[: int(err.position)])
        char = err.character
        code = ord(char) if isinstance(char, str) else int(char)
        problem = Problem(
            f"the file contains the control character U+{code:04X}, which a model "
            "file may not contain",
            hint="delete it (it is often invisible; a text editor's 'show all characters' "
            "reveals it)",
        )
        return FormatError([doc.at(problem, len(before), len(before[-1]) + 1)])
    if isinstance(err, yaml.MarkedYAMLError):
        message, mark, hint = _explain(err, doc.lines)
        problem = Problem(message, hint=hint, file=doc.filename)
        if mark is None:
            return FormatError([problem])
        return FormatError([doc.at(problem, mark.line + 1, mark.column + 1)])
    return FormatError([Problem(f"YAML error: {err}", file=doc.filename)])  # pragma: no cover


def _explain(err: yaml.MarkedYAMLError, lines: list[str]) -> tuple[str, Any, str | None]:
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


def json_syntax_error(err: json.JSONDecodeError, doc: Document) -> FormatError:
    """The error to raise for a JSON syntax error met while reading ``doc``."""
    message, hint = f"JSON syntax error: {err.msg}", None
    for start, (plain, tip) in _JSON_MESSAGES:
        if err.msg.startswith(start):
            message, hint = f"JSON syntax error: {plain}", tip
            break
    return FormatError([doc.at(Problem(message, hint=hint), err.lineno, err.colno)])


def json_constant_error(err: ValueError, doc: Document) -> FormatError:
    """The error to raise for NaN or Infinity, which JSON does not have."""
    text = doc.text
    found = re.search(r"-?\b(NaN|Infinity)\b", text)
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    column = found.start() - text.rfind("\n", 0, found.start()) if found else 1
    problem = Problem(f"JSON syntax error: {err}", hint="write a number, or null")
    return FormatError([doc.at(problem, line, column)])
