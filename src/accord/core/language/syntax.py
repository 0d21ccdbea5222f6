"""The abstract syntax of conditions and preference statements, and its canonical text.

A condition is a propositional formula over option identifiers.  Operators, tightest first
(gmcr-spec §7; DESIGN.md "Language precedence"):

=========  ==============  =====================================================
level      written         meaning
=========  ==============  =====================================================
4          ``name``        the option is taken (Y)
3          ``-x``, ``not x``  negation
2          ``x & y``, ``x and y``  conjunction (associative, flattened)
1          ``x | y``, ``x or y``   disjunction (associative, flattened)
0          ``x IF y``      material implication y → x: true whenever y is false
0          ``x IFF y``     equivalence
=========  ==============  =====================================================

``IF`` and ``IFF`` are case-insensitive and do not chain: ``a IF b IF c`` must be
parenthesised.  Parentheses may appear anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["And", "Expr", "If", "Iff", "Name", "Not", "Or", "names_in", "to_text"]


@dataclass(frozen=True)
class Name:
    """An option identifier: true where the option is taken."""

    name: str


@dataclass(frozen=True)
class Not:
    """Negation."""

    operand: Expr


@dataclass(frozen=True)
class And:
    """Conjunction of two or more items, none of which is itself an ``And``."""

    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    """Disjunction of two or more items, none of which is itself an ``Or``."""

    items: tuple[Expr, ...]


@dataclass(frozen=True)
class If:
    """``consequent IF condition``: material implication, true when ``condition`` is false."""

    consequent: Expr
    condition: Expr


@dataclass(frozen=True)
class Iff:
    """``left IFF right``: true when both sides have the same truth value."""

    left: Expr
    right: Expr


Expr = Name | Not | And | Or | If | Iff


def _level(expr: Expr) -> int:
    if isinstance(expr, Name):
        return 4
    if isinstance(expr, Not):
        return 3
    if isinstance(expr, And):
        return 2
    if isinstance(expr, Or):
        return 1
    return 0


def _wrap(expr: Expr, at_least: int) -> str:
    text = to_text(expr)
    return text if _level(expr) >= at_least else f"({text})"


def to_text(expr: Expr) -> str:
    """Canonical text of a condition; parsing it gives back an equal expression.

    Examples
    --------
    >>> to_text(If(Name("a"), Or((Name("b"), Not(Name("c"))))))
    'a IF b | -c'
    """
    if isinstance(expr, Name):
        return expr.name
    if isinstance(expr, Not):
        return "-" + _wrap(expr.operand, 3)
    if isinstance(expr, And):
        return " & ".join(_wrap(item, 3) for item in expr.items)
    if isinstance(expr, Or):
        return " | ".join(_wrap(item, 2) for item in expr.items)
    if isinstance(expr, If):
        return f"{_wrap(expr.consequent, 1)} IF {_wrap(expr.condition, 1)}"
    return f"{_wrap(expr.left, 1)} IFF {_wrap(expr.right, 1)}"


def _walk(expr: Expr) -> Iterator[Expr]:
    yield expr
    if isinstance(expr, Not):
        yield from _walk(expr.operand)
    elif isinstance(expr, And | Or):
        for item in expr.items:
            yield from _walk(item)
    elif isinstance(expr, If):
        yield from _walk(expr.consequent)
        yield from _walk(expr.condition)
    elif isinstance(expr, Iff):
        yield from _walk(expr.left)
        yield from _walk(expr.right)


def names_in(expr: Expr) -> tuple[str, ...]:
    """The option identifiers a condition mentions, in first-mention order, each once."""
    seen: dict[str, None] = {}
    for node in _walk(expr):
        if isinstance(node, Name):
            seen.setdefault(node.name, None)
    return tuple(seen)
