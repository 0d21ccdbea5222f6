"""Which state of one revision is which state of the other, and how the equilibria moved.

State ids shift whenever options are added, removed or reordered, or infeasibility
conditions change, so states are matched by what they mean.  In option form two states
match when every option both models share has the same value in both, and every option
that exists in only one of them is not taken there: an option that does not exist is not
taken.  The matching is one to one; a state that takes an option the other model lacks, or
whose assignment is infeasible in the other model, has no counterpart.  When either model is
in graph form, states match by id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np

from accord._types import BoolArray, CodeArray, IntArray
from accord.core.analysis.diff.records import ConceptDiff, StateChange

if TYPE_CHECKING:
    from accord.core.model import Conflict
    from accord.core.states import StateSpace

__all__ = ["Matching", "concept_diff", "counterparts", "match_states"]

Matching = Literal["options", "id"]


def _keys(space: StateSpace, shared: tuple[str, ...]) -> tuple[CodeArray, BoolArray]:
    """Each state's values of the shared options as one integer, and whether every other
    option is not taken there."""
    codes = space.codes
    key = np.zeros_like(codes)
    for t, name in enumerate(shared):
        key |= ((codes >> space.bits[name]) & 1) << t
    others = set(space.option_names) - set(shared)
    extra = sum(1 << space.bits[name] for name in others)
    return key, (codes & extra) == 0


def match_states(old: Conflict, new: Conflict) -> tuple[IntArray, Matching]:
    """For each state of ``old`` (by index), the index of its counterpart in ``new``.

    Returns
    -------
    tuple
        The counterparts (``-1`` where a state has none) and how states were matched:
        ``options`` or ``id``.
    """
    a, b = old.states, new.states
    out = np.full(len(a), -1, dtype=np.int64)
    if old.is_graph_form or new.is_graph_form:
        for i, sid in enumerate(a.ids.tolist()):
            j = b.index_of_id(int(sid))
            if j is not None:
                out[i] = j
        return out, "id"
    shared = tuple(sorted(set(a.option_names) & set(b.option_names)))
    key_a, ok_a = _keys(a, shared)
    key_b, ok_b = _keys(b, shared)
    from_b = np.flatnonzero(ok_b)
    order = np.argsort(key_b[from_b], kind="stable")
    sorted_b = key_b[from_b][order]
    from_a = np.flatnonzero(ok_a)
    if sorted_b.size == 0 or from_a.size == 0:
        return out, "options"
    pos = np.searchsorted(sorted_b, key_a[from_a])
    clipped = np.minimum(pos, sorted_b.size - 1)
    hit = (pos < sorted_b.size) & (sorted_b[clipped] == key_a[from_a])
    out[from_a[hit]] = from_b[order[clipped[hit]]]
    return out, "options"


def counterparts(old_to_new: IntArray, n_new: int) -> IntArray:
    """The inverse of a matching: for each state of the new model, its old index or ``-1``."""
    out = np.full(n_new, -1, dtype=np.int64)
    has = np.flatnonzero(old_to_new >= 0)
    out[old_to_new[has]] = has
    return out


def _id(ids: IntArray, index: int) -> int | None:
    return None if index < 0 else int(ids[index])


def concept_diff(
    concept: str,
    old: Conflict,
    new: Conflict,
    old_eq: BoolArray,
    new_eq: BoolArray,
    old_to_new: IntArray,
) -> ConceptDiff:
    """The states that became equilibria, stopped being ones, or stayed, under one concept."""
    new_to_old = counterparts(old_to_new, len(new.states))
    old_ids, new_ids = old.states.ids, new.states.ids
    became: list[StateChange] = []
    unchanged = 0
    for j in np.flatnonzero(new_eq).tolist():
        i = int(new_to_old[j])
        if i >= 0 and old_eq[i]:
            unchanged += 1
        else:
            became.append(StateChange(concept, _id(old_ids, i), int(new_ids[j])))
    stopped = [
        StateChange(concept, int(old_ids[i]), _id(new_ids, int(old_to_new[i])))
        for i in np.flatnonzero(old_eq).tolist()
        if old_to_new[i] < 0 or not new_eq[old_to_new[i]]
    ]
    became.sort(key=lambda s: s.new_id or 0)
    stopped.sort(key=lambda s: s.old_id or 0)
    return ConceptDiff(
        concept=concept,
        before=int(old_eq.sum()),
        after=int(new_eq.sum()),
        became=tuple(became),
        stopped=tuple(stopped),
        unchanged=unchanged,
    )
