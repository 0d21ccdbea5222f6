"""Conditions as DNFs (ORs of ANDs of literals), the only shape a ``.gmcr`` file can hold."""

from __future__ import annotations

import numpy as np

from accord._types import BoolArray
from accord.core.language import And, Expr, Name, Not, Or, evaluate_on_codes, names_in
from accord.errors import ModelError, Path, Problem

__all__ = ["MAX_TABLE_OPTIONS", "Term", "conjunction", "dnf", "literal"]

#: A condition that is not already a DNF is written as one computed from its truth table;
#: past this many options the table is not built.
MAX_TABLE_OPTIONS = 12

#: A conjunction of literals: option identifier → taken (True) or not (False).
Term = dict[str, bool]


def literal(expr: Expr) -> tuple[str, bool] | None:
    """``(option, taken)`` for ``a`` or ``-a``; ``None`` for anything else."""
    if isinstance(expr, Name):
        return expr.name, True
    if isinstance(expr, Not) and isinstance(expr.operand, Name):
        return expr.operand.name, False
    return None


def conjunction(expr: Expr) -> tuple[Term, bool] | None:
    """The literals of a literal or an AND of literals, and whether they can all hold.

    ``None`` when ``expr`` has another shape.  ``a & -a`` gives ``({"a": ...}, False)``.
    """
    items = expr.items if isinstance(expr, And) else (expr,)
    term: Term = {}
    consistent = True
    for item in items:
        lit = literal(item)
        if lit is None:
            return None
        name, value = lit
        consistent = consistent and term.get(name, value) == value
        term[name] = value
    return term, consistent


def dnf(expr: Expr, what: str, path: Path) -> list[Term]:
    """A DNF of ``expr``: ``[]`` when it is false everywhere, ``[{}]`` when true everywhere.

    A condition already written as an OR of ANDs keeps its terms (contradictory ones
    dropped); any other is computed from its truth table.

    Raises
    ------
    ModelError
        When the truth table would span more than :data:`MAX_TABLE_OPTIONS` options;
        ``what`` and ``path`` name the condition.
    """
    terms: list[Term] = []
    for item in expr.items if isinstance(expr, Or) else (expr,):
        found = conjunction(item)
        if found is None:
            return _table_terms(expr, what, path)
        term, consistent = found
        if consistent and term not in terms:
            terms.append(term)
    return terms


def _table_terms(expr: Expr, what: str, path: Path) -> list[Term]:
    """A small DNF of ``expr`` built from its truth table over the options it mentions.

    Each term is a cube (some options fixed, the rest free) grown greedily from a true row
    not yet covered: an option is freed whenever the cube stays inside the true rows, so
    every cube is a prime implicant.  Cubes that the others already cover are dropped.
    """
    names = names_in(expr)
    k = len(names)
    if k > MAX_TABLE_OPTIONS:
        raise ModelError(
            [
                Problem(
                    f"{what} mentions {k} options; accord writes it to .gmcr only when it is "
                    "an AND or OR of options, a two-option IF/IFF, or mentions at most "
                    f"{MAX_TABLE_OPTIONS} options",
                    path=path,
                    hint="rewrite it as an OR of ANDs of options (a & -b | c & d)",
                )
            ]
        )
    codes = np.arange(1 << k, dtype=np.int64)
    true = evaluate_on_codes(expr, codes, {n: t for t, n in enumerate(names)})
    if true.all():
        return [{}]

    def cube(value: int, free: int) -> BoolArray:
        rows: BoolArray = (codes & ~free) == value
        return rows

    cubes: list[tuple[int, int]] = []
    uncovered = true.copy()
    while uncovered.any():
        value, free = int(np.flatnonzero(uncovered)[0]), 0
        for t in range(k):
            wider = free | 1 << t
            if true[cube(value & ~wider, wider)].all():
                value, free = value & ~wider, wider
        cubes.append((value, free))
        uncovered &= ~cube(value, free)
    covering = np.zeros(codes.shape, dtype=np.int64)  # how many cubes cover each row
    for c in cubes:
        covering += cube(*c)
    for c in list(cubes):  # drop cubes whose rows all have another cube
        rows = cube(*c)
        if (covering[rows] >= 2).all():
            cubes.remove(c)
            covering -= rows
    return [
        {names[t]: bool(value >> t & 1) for t in range(k) if not free >> t & 1}
        for value, free in cubes
    ]
