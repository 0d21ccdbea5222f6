"""Evaluate conditions to boolean masks over many states at once.

A condition is evaluated once per call over whole arrays: each option identifier becomes the
mask of states where that option is taken, and the operators become numpy's elementwise
``~``, ``&``, ``|``.  Nothing loops over states.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from accord._types import BoolArray, CodeArray
from accord.core.language.syntax import And, Expr, If, Name, Not, Or

__all__ = ["evaluate", "evaluate_on_codes", "truth"]


def evaluate(expr: Expr, literal: Callable[[str], BoolArray]) -> BoolArray:
    """Evaluate ``expr`` elementwise, where ``literal(name)`` is the mask of option ``name``.

    Parameters
    ----------
    expr
        A parsed condition.
    literal
        Returns, for an option identifier, a boolean array (one entry per state) that is
        true where the option is taken.  Called at most once per identifier.

    Returns
    -------
    numpy.ndarray of bool
        True where the condition holds.
    """
    cache: dict[str, BoolArray] = {}

    def lit(name: str) -> BoolArray:
        if name not in cache:
            cache[name] = literal(name)
        return cache[name]

    def ev(node: Expr) -> BoolArray:
        if isinstance(node, Name):
            return lit(node.name)
        if isinstance(node, Not):
            return ~ev(node.operand)
        if isinstance(node, And):  # not in place: operands may broadcast to a larger shape
            out = ev(node.items[0])
            for item in node.items[1:]:
                out = out & ev(item)
            return out
        if isinstance(node, Or):
            out = ev(node.items[0])
            for item in node.items[1:]:
                out = out | ev(item)
            return out
        if isinstance(node, If):  # material implication: condition → consequent
            return ev(node.consequent) | ~ev(node.condition)
        equal: BoolArray = ev(node.left) == ev(node.right)
        return equal

    return ev(expr)


def evaluate_on_codes(expr: Expr, codes: CodeArray, bits: Mapping[str, int]) -> BoolArray:
    """Evaluate ``expr`` on integer state codes, option ``name`` being bit ``bits[name]``.

    Examples
    --------
    >>> import numpy as np
    >>> from accord.core.language.parser import parse_condition
    >>> evaluate_on_codes(parse_condition("a IF b"), np.arange(4), {"a": 0, "b": 1}).tolist()
    [True, True, False, True]
    """
    arr = np.asarray(codes)

    def literal(name: str) -> BoolArray:
        return ((arr >> np.int64(bits[name])) & 1).astype(bool)

    return evaluate(expr, literal)


def truth(expr: Expr, taken: Mapping[str, bool]) -> bool:
    """Evaluate ``expr`` at a single state given which options are taken."""
    if isinstance(expr, Name):
        return bool(taken[expr.name])
    if isinstance(expr, Not):
        return not truth(expr.operand, taken)
    if isinstance(expr, And):
        return all(truth(item, taken) for item in expr.items)
    if isinstance(expr, Or):
        return any(truth(item, taken) for item in expr.items)
    if isinstance(expr, If):
        return truth(expr.consequent, taken) or not truth(expr.condition, taken)
    return truth(expr.left, taken) == truth(expr.right, taken)
