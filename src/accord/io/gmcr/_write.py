"""Writing a ``.gmcr`` file: statements and conditions as gmcr-py conditions, rankings."""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from accord._types import IntArray
from accord.core.language import If, Iff, parse_condition
from accord.core.model import Conflict, Reversibility, Statements
from accord.errors import AccordWarning, ModelError, Path, Problem
from accord.io._files import atomic_write_text
from accord.io.gmcr._dnf import Term, conjunction, dnf, literal
from accord.io.gmcr._raw import FROM_DIRECTION, SURROGATE

__all__ = ["generate_gmcr", "write_gmcr"]

_TO_DIRECTION: dict[Reversibility, str] = {v: k for k, v in FROM_DIRECTION.items()}


def _and_condition(term: Term, index: Mapping[str, int]) -> list[list[int | str]]:
    # Literals in option order, as gmcr-py lists them.
    return [
        [index[n], "Y" if v else "N"] for n, v in sorted(term.items(), key=lambda i: index[i[0]])
    ]


def _compound(terms: Sequence[Term], index: Mapping[str, int]) -> dict[str, Any]:
    return {"compound": True, "members": [_and_condition(t, index) for t in terms]}


def _statement_condition(text: str, index: Mapping[str, int], path: Path) -> Any:
    """One preference statement as a .gmcr condition (README §4.4, read backwards)."""
    expr = parse_condition(text)
    found = conjunction(expr)
    if found is not None and found[1]:
        return _and_condition(found[0], index)
    if isinstance(expr, If | Iff):
        left, right = (
            (expr.condition, expr.consequent) if isinstance(expr, If) else (expr.left, expr.right)
        )
        a, b = literal(left), literal(right)
        if a is not None and b is not None and a[0] != b[0]:
            p, q = {a[0]: a[1]}, {b[0]: b[1]}
            not_p, not_q = {a[0]: not a[1]}, {b[0]: not b[1]}
            if isinstance(expr, If):  # q IF p: [p&q, -p&q, -p&-q]
                return _compound([p | q, not_p | q, not_p | not_q], index)
            return _compound([p | q, not_p | not_q], index)  # a IFF b: [a&b, -a&-b]
    terms = dnf(expr, "this statement", path)
    if len(terms) == 1:
        return _and_condition(terms[0], index)
    return _compound(terms, index)


def _and_conditions(text: str, index: Mapping[str, int], what: str, path: Path) -> list[Any]:
    """A condition as AND conditions whose union it is (gmcr-py's infeasibles are ANDs)."""
    return [_and_condition(t, index) for t in dnf(parse_condition(text), what, path)]


def _ranking(payoff: IntArray, ids: IntArray) -> list[int | list[int]]:
    """A payoff vector as a gmcr-py ranking: best first, ties as nested lists."""
    order = np.lexsort((ids, -payoff))
    out: list[int | list[int]] = []
    start = 0
    for end in range(1, len(order) + 1):
        if end == len(order) or payoff[order[end]] != payoff[order[start]]:
            group = [int(ids[i]) for i in order[start:end]]
            out.append(group[0] if len(group) == 1 else group)
            start = end
    return out


def generate_gmcr(conflict: Conflict) -> str:
    """The text of a GMCR+ ``.gmcr`` file for an option-form conflict.

    Options are written decision maker by decision maker, so the file order is gmcr-py's
    internal order and state numbers are accord's ids.  Each option's ``name`` is its label
    (or identifier); the identifier is kept in an extra ``accordName`` key, which gmcr-py
    ignores and :func:`~accord.io.gmcr.parse_gmcr` uses to restore it.  When any decision
    maker has a ranking, ``useManualPreferenceRanking`` is true and every decision maker
    gets a ``preferenceRanking`` computed from its payoffs (statements are still written).

    Parameters
    ----------
    conflict
        An option-form model.

    Returns
    -------
    str
        JSON text, indented by two spaces.

    Raises
    ------
    ModelError
        For a graph-form model, or a statement too complex to write as conditions.

    Warns
    -----
    AccordWarning
        When the model has uncertain preferences (``uncertainty``), which GMCR+ cannot
        hold: the file has the base model only.

    Notes
    -----
    Every condition keeps its truth table exactly.  A preference statement that is a
    literal or an AND of literals is a plain condition; ``q IF p`` and ``a IFF b`` of two
    literals over different options are compounds in gmcr-py's member order
    (``[p&q, -p&q, -p&-q]`` and ``[a&b, -a&-b]``); an OR of ANDs keeps its terms; anything
    else is a compound whose members are a DNF computed from the statement's truth table
    (at most :data:`~accord.io.gmcr.MAX_TABLE_OPTIONS` options).  When that table is true
    everywhere the statement is written as the empty condition ``[]``, which gmcr-py treats
    as always met; a statement false everywhere is a compound with no members, never met.
    (A contradictory AND such as ``a & -a`` is never written: gmcr-py would keep only one
    of its two literals.)  gmcr-py handles infeasibles only as AND conditions, so
    infeasible conditions and misperceptions are split into the AND conditions whose union
    they are; one false everywhere contributes nothing.
    """
    if conflict.is_graph_form:
        raise ModelError(
            [
                Problem(
                    "a graph-form model cannot be saved as .gmcr; GMCR+ has no explicit moves",
                    path=("states",),
                    hint="save it as .yaml or .json",
                )
            ]
        )
    from accord import __version__

    if conflict.uncertainty:
        who = ", ".join(repr(dm) for dm in conflict.uncertainty)
        warnings.warn(
            f"the uncertain preferences of {who} are dropped: GMCR+ has no notion of "
            "uncertainty, so the .gmcr file holds the base model only",
            AccordWarning,
            stacklevel=2,
        )
    index = {name: t for t, name in enumerate(conflict.option_names)}
    manual = any(not isinstance(p, Statements) for p in conflict.preferences.values())
    dms: list[dict[str, Any]] = []
    start = 0
    for dm in conflict.decision_makers:
        entry: dict[str, Any] = {
            "name": dm.name,
            "options": list(range(start, start + len(dm.options))),
        }
        start += len(dm.options)
        pref = conflict.preferences[dm.name]
        texts = pref.texts if isinstance(pref, Statements) else ()
        entry["preferences"] = [
            _statement_condition(text, index, ("preferences", dm.name, i))
            for i, text in enumerate(texts)
        ]
        if dm.name in conflict.misperceptions:
            entry["misperceptions"] = [
                c
                for k, text in enumerate(conflict.misperceptions[dm.name])
                for c in _and_conditions(
                    text, index, "this misperception", ("misperceptions", dm.name, k)
                )
            ]
        if manual:
            entry["preferenceRanking"] = _ranking(conflict.payoffs[dm.name], conflict.states.ids)
        dms.append(entry)
    data: dict[str, Any] = {
        "program": "accord",
        "version": __version__,
        "useManualPreferenceRanking": manual,
        "options": [
            {
                "name": o.title,
                "permittedDirection": _TO_DIRECTION[o.reversibility],
                "accordName": o.name,
            }
            for o in conflict.options
        ],
        "decisionMakers": dms,
        "infeasibles": [
            c
            for i, inf in enumerate(conflict.infeasible)
            for c in _and_conditions(
                inf.condition, index, "this infeasible condition", ("infeasible", i)
            )
        ],
    }
    if conflict.coalitions:
        position = {name: i for i, name in enumerate(conflict.dm_names)}
        data["coalitions"] = [
            position[c[0]] if len(c) == 1 else [position[n] for n in c] for c in conflict.coalitions
        ]
    text = json.dumps(data, indent=2, ensure_ascii=False)
    # a lone surrogate (only ever inside a JSON string) cannot be UTF-8: write it escaped
    return SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n"


def write_gmcr(conflict: Conflict, path: str | os.PathLike[str]) -> None:
    """Write ``conflict`` as a GMCR+ ``.gmcr`` file, atomically.

    Parameters
    ----------
    conflict
        An option-form model.
    path
        Where to write.

    Raises
    ------
    ModelError
        As :func:`generate_gmcr`.
    """
    atomic_write_text(path, generate_gmcr(conflict))
