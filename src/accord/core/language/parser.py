"""Text to syntax tree for conditions and preference statements, with a lark grammar.

The grammar never evaluates code: it only recognises option identifiers, the operators of
:mod:`accord.core.language.syntax` and parentheses.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from accord.core.language.syntax import And, Expr, If, Iff, Name, Not, Or
from accord.errors import ConditionSyntaxError, Problem

__all__ = ["IDENTIFIER", "RESERVED_WORDS", "is_identifier", "parse_condition"]

#: What an option identifier looks like.
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
#: Words of the language that cannot be option identifiers (any letter case).
RESERVED_WORDS = frozenset({"not", "and", "or", "if", "iff"})

_GRAMMAR = r"""
?start: expr
?expr: disj
     | disj IF disj   -> if_
     | disj IFF disj  -> iff
?disj: conj (_OR conj)*
?conj: neg (_AND neg)*
?neg: NOT neg         -> not_
    | atom
?atom: NAME           -> name
     | LPAR expr RPAR -> group
IFF.3: /iff\b/i
IF.2: /if\b/i
_OR.2: "|" | /or\b/i
_AND.2: "&" | /and\b/i
NOT.2: "-" | /not\b/i
LPAR: "("
RPAR: ")"
NAME: /[A-Za-z_][A-Za-z0-9_]*/
%import common.WS
%ignore WS
"""

_WORDS = {
    "NAME": "an option name",
    "LPAR": "'('",
    "RPAR": "')'",
    "NOT": "'-'",
    "_AND": "'&'",
    "_OR": "'|'",
    "IF": "IF",
    "IFF": "IFF",
    "$END": "the end of the condition",
}


def is_identifier(text: str) -> bool:
    """Whether ``text`` can name an option: ``[A-Za-z_][A-Za-z0-9_]*`` and not reserved."""
    return bool(IDENTIFIER.match(text)) and text.lower() not in RESERVED_WORDS


@cache
def _parser() -> Any:
    from lark import Lark  # lazy: keeps `import accord` light

    return Lark(_GRAMMAR, parser="lalr", maybe_placeholders=False)


def _flatten(cls: type[And] | type[Or], items: list[Expr]) -> Expr:
    flat: list[Expr] = []
    for item in items:
        flat.extend(item.items if isinstance(item, cls) else (item,))
    return cls(tuple(flat))


def _build(tree: Any) -> Expr:
    """Turn lark's tree into our frozen syntax tree (iteratively deep trees are rare)."""
    from lark import Token

    if isinstance(tree, Token):
        return Name(str(tree))
    kind = tree.data
    kids = [k for k in tree.children if not (isinstance(k, Token) and k.type != "NAME")]
    if kind == "name":
        return Name(str(tree.children[0]))
    if kind == "group":
        return _build(kids[0])
    if kind == "not_":
        return Not(_build(kids[0]))
    if kind == "conj":
        return _flatten(And, [_build(k) for k in kids])
    if kind == "disj":
        return _flatten(Or, [_build(k) for k in kids])
    if kind == "if_":
        return If(_build(kids[0]), _build(kids[1]))
    if kind == "iff":
        return Iff(_build(kids[0]), _build(kids[1]))
    raise AssertionError(f"unknown syntax node {kind!r}")  # pragma: no cover


def _describe(expected: set[str]) -> str:
    words = sorted({_WORDS.get(e, e) for e in expected})
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _syntax_error(text: str, column: int, message: str, hint: str | None = None) -> None:
    problem = Problem(message=message, hint=hint, column=column, excerpt=text, width=1, line=None)
    raise ConditionSyntaxError([problem], text=text, column=column)


@lru_cache(maxsize=4096)
def parse_condition(text: str) -> Expr:
    """Parse a condition or preference statement.

    Parameters
    ----------
    text
        The condition, e.g. ``"ceasefire & -cede_donetsk"``.

    Returns
    -------
    Expr
        The frozen syntax tree; ``And`` and ``Or`` chains are flattened.

    Raises
    ------
    ConditionSyntaxError
        With the column of the offending character and what was expected there.

    Examples
    --------
    >>> parse_condition("a & -b IF c")
    If(consequent=And(items=(Name(name='a'), Not(operand=Name(name='b')))), condition=Name(name='c'))
    """
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    if not text.strip():
        _syntax_error(text, 1, "a condition must not be empty")
    try:
        tree = _parser().parse(text)
    except UnexpectedCharacters as err:
        pos = err.pos_in_stream or 0
        bad = text[pos] if pos < len(text) else ""
        _syntax_error(
            text,
            err.column,
            f"unexpected character {bad!r}: conditions are made of option names, "
            "'-', '&', '|', IF, IFF and parentheses",
            hint="option names use letters, digits and '_' and do not start with a digit",
        )
    except UnexpectedToken as err:
        token = err.token
        expected = set(err.expected)
        if token.type == "$END":
            if text.count("(") <= text.count(")"):
                expected.discard("RPAR")
            column = len(text.rstrip()) + 1
            _syntax_error(
                text, column, f"the condition ends too early: expected {_describe(expected)}"
            )
        found = str(token)
        if text[: token.start_pos].count("(") <= text[: token.start_pos].count(")"):
            expected.discard("RPAR")  # no parenthesis is open here
        hint = None
        if token.type in {"IF", "IFF"} and not expected & {"IF", "IFF"}:
            hint = "IF and IFF do not chain: add parentheses, e.g. 'a IF (b IF c)'"
        elif token.type == "NAME" and "NAME" not in expected:
            hint = "join conditions with '&' or '|'"
        _syntax_error(
            text,
            token.column,
            f"expected {_describe(expected)}, found {found!r}",
            hint=hint,
        )
    except UnexpectedEOF as err:  # pragma: no cover - LALR reports $END as a token
        _syntax_error(text, len(text) + 1, f"the condition ends too early: {err}")
    return _build(tree)
