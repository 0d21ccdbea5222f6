"""Changes of preferences: statements added, removed and moved, rankings, uncertainty."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from accord._types import IntArray
from accord.core.analysis.diff.records import ModelChange
from accord.core.model import Ranking, Statements

if TYPE_CHECKING:
    from accord.core.model import Conflict, Preference, Statement
    from accord.core.uncertainty import Uncertainty

__all__ = ["canonical", "preference_changes", "quoted", "uncertainty_changes"]


def quoted(text: str) -> str:
    """``“text”``."""
    return f"“{text}”"


def canonical(condition: str) -> str:
    """A condition in canonical form, so that ``a&b`` and ``a & b`` compare equal."""
    from accord.core.language import parse_condition, to_text
    from accord.errors import AccordError

    try:
        return to_text(parse_condition(condition))
    except AccordError:  # pragma: no cover - models are validated when built
        return " ".join(condition.split())


def _pair_up(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of equal items, the k-th occurrence in ``old`` with the k-th in
    ``new``, in order of ``i``."""
    where: defaultdict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(new):
        where[key].append(j)
    pairs: list[tuple[int, int]] = []
    for i, key in enumerate(old):
        if where[key]:
            pairs.append((i, where[key].pop(0)))
    return pairs


def _in_place(js: list[int]) -> set[int]:
    """The positions of a longest increasing subsequence of ``js``: the items that kept their
    relative order (the others moved)."""
    tails: list[int] = []  # tails[k]: position in js ending the best run of length k+1
    before = [-1] * len(js)
    for p, j in enumerate(js):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if js[tails[mid]] < j:
                lo = mid + 1
            else:
                hi = mid
        before[p] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(p)
        else:
            tails[lo] = p
    keep: set[int] = set()
    p = tails[-1] if tails else -1
    while p >= 0:
        keep.add(p)
        p = before[p]
    return keep


def _named(s: Statement, key: str) -> str:
    return quoted(key) + (f" ({s.label})" if s.label else "")


def statement_changes(dm: str, old: Statements, new: Statements) -> list[ModelChange]:
    """Statements added, removed and moved in one decision maker's list, and relabelled.

    A statement is the same statement in both lists when its condition is (in canonical
    form).  Of the statements in both, the longest run that kept its relative order stays
    put; every other one *moved*, and is reported with its position in each list (1 = most
    important).  Statements shifted only by an insertion or removal above them are not
    reported as moved.
    """
    ko = [canonical(s.text) for s in old.items]
    kn = [canonical(s.text) for s in new.items]
    pairs = _pair_up(ko, kn)
    kept = _in_place([j for _, j in pairs])
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    out: list[ModelChange] = []
    for i, s in enumerate(old.items):
        if i not in paired_old:
            out.append(
                ModelChange(
                    "statement_removed",
                    f"{dm}: statement {_named(s, ko[i])} removed (it was at position {i + 1}).",
                    dm,
                    ko[i],
                    i + 1,
                    None,
                )
            )
    for j, s in enumerate(new.items):
        if j not in paired_new:
            out.append(
                ModelChange(
                    "statement_added",
                    f"{dm}: statement {_named(s, kn[j])} added at position {j + 1}.",
                    dm,
                    kn[j],
                    None,
                    j + 1,
                )
            )
    for p, (i, j) in enumerate(pairs):
        s = new.items[j]
        if p not in kept:
            out.append(
                ModelChange(
                    "statement_moved",
                    f"{dm}: statement {_named(s, kn[j])} moved from position {i + 1} to "
                    f"position {j + 1}.",
                    dm,
                    kn[j],
                    i + 1,
                    j + 1,
                )
            )
        if old.items[i].label != s.label:
            out.append(
                ModelChange(
                    "statement_label",
                    f"{dm}: the label of statement {quoted(kn[j])} changed from "
                    f"{quoted(old.items[i].label)} to {quoted(s.label)}.",
                    dm,
                    kn[j],
                    old.items[i].label,
                    s.label,
                )
            )
    return out


def _form(pref: Preference) -> str:
    if isinstance(pref, Statements):
        return "prioritised statements"
    if isinstance(pref, Ranking):
        return "an explicit ranking"
    return "payoffs"


def _places(values: IntArray) -> IntArray:
    """Dense ranks of ``values`` (0 = lowest)."""
    _, inverse = np.unique(values, return_inverse=True)
    ranks: IntArray = inverse.astype(np.int64).reshape(-1)
    return ranks


def _ranking_change(dm: str, old: Conflict, new: Conflict, old_to_new: IntArray) -> ModelChange:
    """How one decision maker's ranking of the states both models share changed."""
    has = np.flatnonzero(old_to_new >= 0)
    a = _places(old.payoffs[dm][has])
    b = _places(new.payoffs[dm][old_to_new[has]])
    moved = int((a != b).sum())
    fresh = len(new.states) - has.size
    parts = []
    if moved:
        parts.append(
            f"{moved} of the {has.size} states both models share changed place in its order"
        )
    if fresh:
        parts.append(f"it ranks {fresh} state{'s' if fresh != 1 else ''} the old model lacks")
    text = (
        f"{dm}: ranking changed ({'; '.join(parts)})."
        if parts
        else f"{dm}: ranking written differently; it orders the states the same way."
    )
    return ModelChange("ranking", text, dm, "", moved, fresh)


def preference_changes(old: Conflict, new: Conflict, old_to_new: IntArray) -> list[ModelChange]:
    """Per decision maker in both models, how its preferences changed."""
    out: list[ModelChange] = []
    for dm in new.dm_names:
        if dm not in old.dm_names:
            continue
        po, pn = old.preferences[dm], new.preferences[dm]
        if isinstance(po, Statements) and isinstance(pn, Statements):
            out.extend(statement_changes(dm, po, pn))
            continue
        if type(po) is not type(pn):
            out.append(
                ModelChange(
                    "preference_form",
                    f"{dm}: preferences are now {_form(pn)} (they were {_form(po)}).",
                    dm,
                    "",
                    _form(po),
                    _form(pn),
                )
            )
        change = _ranking_change(dm, old, new, old_to_new)
        if po != pn or change.before or change.after:
            out.append(change)
    return out


def _texts(conflict: Conflict, dm: str) -> list[str]:
    pref = conflict.preferences.get(dm)
    return [canonical(t) for t in pref.texts] if isinstance(pref, Statements) else []


def uncertainty_changes(old: Conflict, new: Conflict, old_to_new: IntArray) -> list[ModelChange]:
    """Per decision maker, which parts of its uncertainty changed, by meaning: statements are
    compared by condition (not by index) and unknown pairs by matched states."""
    out: list[ModelChange] = []
    names = [*old.dm_names, *(d for d in new.dm_names if d not in old.dm_names)]
    for dm in names:
        parts = []
        uo, un = old.uncertainty.get(dm), new.uncertainty.get(dm)
        if uo is None and un is None:
            continue
        to, tn = _texts(old, dm), _texts(new, dm)
        if _groups(uo, to) != _groups(un, tn):
            parts.append("unordered groups")
        if _probable(uo, to) != _probable(un, tn):
            parts.append("probable statements")
        if _alternatives(uo) != _alternatives(un):
            parts.append("alternative statement lists")
        if _unknown(old, dm, old_to_new) != _unknown(new, dm, None):
            parts.append("states of unknown order")
        if parts:
            out.append(
                ModelChange(
                    "uncertainty",
                    f"{dm}: uncertainty about its preferences changed ({', '.join(parts)}).",
                    dm,
                    ", ".join(parts),
                )
            )
    return out


def _groups(u: Uncertainty | None, texts: list[str]) -> frozenset[frozenset[str]]:
    if u is None:
        return frozenset()
    return frozenset(frozenset(texts[i] for i in g if i < len(texts)) for g in u.unordered)


def _probable(u: Uncertainty | None, texts: list[str]) -> frozenset[tuple[str, float]]:
    if u is None:
        return frozenset()
    return frozenset(
        (texts[p.statement], p.probability) for p in u.probable if p.statement < len(texts)
    )


def _alternatives(u: Uncertainty | None) -> tuple[tuple[tuple[str, ...], float, str], ...]:
    if u is None:
        return ()
    return tuple(
        (tuple(canonical(t) for t in a.statements.texts), a.weight, a.label) for a in u.alternatives
    )


def _unknown(conflict: Conflict, dm: str, old_to_new: IntArray | None) -> frozenset[frozenset[int]]:
    """The unknown pairs of ``dm`` as sets of state indices (of the new model, through the
    matching, when ``old_to_new`` is given; ``-1`` for a state without counterpart)."""
    if dm not in conflict.dm_names:
        return frozenset()
    pairs = conflict.unknown_pairs(dm)
    if old_to_new is None:
        return frozenset(frozenset(p) for p in pairs)
    # A state without counterpart gets a number no state of the new model has.
    return frozenset(
        frozenset(int(old_to_new[k]) if old_to_new[k] >= 0 else -1 - k for k in p) for p in pairs
    )
