"""The leverage search: stability of the target for varied payoffs, and the search itself.

A combination is tested at the target state only: payoffs of each distinct list are computed
once, the moves are those of the model (they do not depend on preferences), and each DM's
improvements from the target are checked for a sanction by a search over (state, last
mover) pairs — the legal sequences of gmcr-spec §3.2.  Under Nash, GMR and SMR a DM's
stability depends only on its own payoffs, so results are cached per DM and list; under SEQ
the others' credible moves depend on their payoffs too.  The answers listed are then built
as real models and explained with :func:`accord.core.analysis.explain.explain`.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from accord._types import StateRef
from accord.core.analysis.leverage.candidates import as_statement
from accord.core.analysis.leverage.edits import Canon, DMSearch, Edit, Items, Key, compositions
from accord.core.analysis.leverage.results import (
    TITLES,
    Answer,
    Closest,
    Leverage,
    name_list,
    reasons,
)
from accord.core.model import Statement, Statements
from accord.core.validate import suggest
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["CONCEPTS", "MAX_STATES", "MAX_VARIANTS", "Tester", "leverage"]

#: Concepts leverage can aim at.
CONCEPTS = ("nash", "gmr", "smr", "seq")
#: Models with more feasible states than this are refused.
MAX_STATES = 1 << 16
#: The most preference variants (combinations of statement lists) one search may test.
MAX_VARIANTS = 200_000


class Tester:
    """Stability of one state for each DM under one concept, for varied payoffs."""

    def __init__(self, conflict: Conflict, target: int, concept: str) -> None:
        from accord.core.moves import unilateral_moves

        self.space = conflict.states
        self.target = target
        self.concept = concept
        self.dms = conflict.dm_names
        self.adj: dict[str, list[list[int]]] = {}
        for dm in self.dms:
            arcs = unilateral_moves(conflict, dm)
            adj: list[list[int]] = [[] for _ in range(len(self.space))]
            for a, b in zip(arcs.src.tolist(), arcs.dst.tolist(), strict=True):
                adj[a].append(b)
            self.adj[dm] = adj
        self.base = {dm: conflict.payoffs[dm].tolist() for dm in self.dms}
        self._pay: dict[Key, list[int]] = {}

    def payoff(self, key: Key, items: Items) -> list[int]:
        if key not in self._pay:
            from accord.core.payoffs import statement_payoff

            self._pay[key] = statement_payoff([s.text for s in items], self.space).tolist()
        return self._pay[key]

    def stable(self, pays: Mapping[str, list[int]], dm: str) -> bool:
        """Whether the target is stable for ``dm`` when the payoffs are ``pays``."""
        pay = pays[dm]
        s = self.target
        level = pay[s]
        improvements = [y for y in self.adj[dm][s] if pay[y] > level]
        if not improvements:
            return True
        if self.concept == "nash":
            return False
        return all(self._sanctioned(pays, dm, s1, level) for s1 in improvements)

    def _sanctioned(self, pays: Mapping[str, list[int]], dm: str, start: int, level: int) -> bool:
        pay = pays[dm]
        adj_dm = self.adj[dm]
        credible = self.concept == "seq"
        smr = self.concept == "smr"
        others = [d for d in self.dms if d != dm]
        seen = {(start, dm)}
        queue = deque([(start, dm)])
        while queue:
            x, last = queue.popleft()
            for mover in others:
                if mover == last:
                    continue
                mpay = pays[mover]
                for y in self.adj[mover][x]:
                    if credible and mpay[y] <= mpay[x]:
                        continue
                    if (y, mover) in seen:
                        continue
                    if pay[y] <= level and (not smr or all(pay[z] <= level for z in adj_dm[y])):
                        return True
                    seen.add((y, mover))
                    queue.append((y, mover))
        return False


def leverage(
    conflict: Conflict,
    target: StateRef,
    vary: Sequence[str],
    *,
    candidates: Mapping[str, Sequence[Statement | str]] | None = None,
    budget: int = 2,
    concept: str = "seq",
    max_answers: int = 20,
    max_variants: int = MAX_VARIANTS,
) -> Leverage:
    """The fewest edits of the varied DMs' statements that make ``target`` an equilibrium.

    Parameters
    ----------
    conflict
        The model; the varied DMs' preferences must be prioritised statements.
    target
        A state id, or a condition matching exactly one state.
    vary
        The decision makers whose statements may change.
    candidates
        Per DM, statements that may be added (see :func:`parse_candidates`).
    budget
        The most edits to try.
    concept
        ``nash``, ``gmr``, ``smr`` or ``seq``.
    max_answers
        How many minimal answers to list (and explain); all are counted.
    max_variants
        The most preference variants to test before refusing.

    Returns
    -------
    Leverage
        The minimal answers, or the closest variant when none fits the budget.

    Raises
    ------
    StateReferenceError
        When ``target`` names no state or several.
    AnalysisError
        For an unknown DM or concept, a DM whose preferences are not statements, a negative
        budget, a model above :data:`MAX_STATES` states, or a search above ``max_variants``.
    """
    concept = concept.strip().lower()
    if concept not in CONCEPTS:
        raise AnalysisError(f"leverage aims at {', '.join(CONCEPTS)} stability (got {concept!r})")
    if budget < 0:
        raise AnalysisError(f"the budget is a number of edits, 0 or more (got {budget})")
    n_states = len(conflict.states)
    if n_states > MAX_STATES:
        raise AnalysisError(
            f"the model has {n_states:,} feasible states; leverage searches models of at most "
            f"{MAX_STATES:,} states"
        )
    index = conflict.states.resolve(target)
    varied: list[str] = []
    for dm in vary:
        if dm not in conflict.dm_names:
            hint = suggest(dm, conflict.dm_names)
            raise AnalysisError(
                f"unknown decision maker {dm!r}; the model has {', '.join(conflict.dm_names)}"
                + (f" ({hint})" if hint else "")
            )
        if not isinstance(conflict.preferences[dm], Statements):
            raise AnalysisError(
                f"{dm}'s preferences are not prioritised statements; leverage edits statements"
            )
        if dm not in varied:
            varied.append(dm)
    if not varied:
        raise AnalysisError("name at least one decision maker whose statements may change")
    cands = {dm: tuple(as_statement(s) for s in items) for dm, items in (candidates or {}).items()}
    notes: list[str] = []
    unused = [dm for dm in cands if dm not in varied and cands[dm]]
    if unused:
        notes.append(
            f"candidates for {', '.join(unused)} are not used: only the statements of "
            f"{', '.join(varied)} vary"
        )

    canon = Canon()
    tester = Tester(conflict, index, concept)
    searches = []
    for dm in varied:
        pref = conflict.preferences[dm]
        assert isinstance(pref, Statements)
        searches.append(DMSearch(dm, pref.items, cands.get(dm, ()), canon, max_variants))
    unstable_before = tuple(dm for dm in conflict.dm_names if not tester.stable(tester.base, dm))

    def result(
        edits: int | None = None,
        answers: tuple[Answer, ...] = (),
        count: int = 0,
        closest: Closest | None = None,
        searched: int = 0,
    ) -> Leverage:
        return Leverage(
            conflict, index, concept, tuple(varied), budget, edits, answers, count,
            unstable_before, closest, searched, tuple(notes),
        )  # fmt: skip

    def rebuild(keys: tuple[Key, ...]) -> tuple[dict[str, list[int]], dict[str, Items]]:
        pays = dict(tester.base)
        lists = {}
        for search, key in zip(searches, keys, strict=True):
            items = search.lists[key]
            lists[search.dm] = items
            pays[search.dm] = tester.payoff(key, items)
        return pays, lists

    independent = concept != "seq"  # stability of a DM depends only on its own payoffs
    if independent:
        stuck = [dm for dm in unstable_before if dm not in varied]
        if stuck:
            notes.append(
                f"{name_list(stuck)} {'is' if len(stuck) == 1 else 'are'} not "
                f"{TITLES[concept]}-stable at state {int(conflict.states.ids[index])} and "
                f"{'its' if len(stuck) == 1 else 'their'} statements do not vary; under "
                f"{TITLES[concept]} a DM's stability depends only on its own preferences, so "
                f"no change to {name_list(varied)}'s statements can help (vary "
                f"{name_list(stuck)} too)"
            )
            return result()
    cache: dict[tuple[str, Any], bool] = {}

    def unstable_dms(keys: tuple[Key, ...], pays: Mapping[str, list[int]]) -> list[str]:
        out = []
        for dm in conflict.dm_names:
            if independent:
                pos = varied.index(dm) if dm in varied else -1
                ck: tuple[str, Any] = (dm, keys[pos] if pos >= 0 else None)
            else:
                ck = (dm, keys)
            if ck not in cache:
                cache[ck] = tester.stable(pays, dm)
            if not cache[ck]:
                out.append(dm)
        return out

    found: list[tuple[Key, ...]] = []
    best: tuple[int, tuple[Key, ...]] | None = None
    searched = 0
    k_found: int | None = None
    for k in range(budget + 1):
        parts = list(compositions(k, len(searches)))
        count = 0
        for part in parts:
            size = 1
            for search, ki in zip(searches, part, strict=True):
                size *= len(search.level(ki))
            count += size
        if searched + count > max_variants:
            raise AnalysisError(
                f"searching {k} edit(s) would test {searched + count:,} preference variants "
                f"in all, above the limit of {max_variants:,}"
                + (f"; no answer has fewer than {k} edit(s)" if k else "")
                + "; lower the budget, vary fewer DMs or give fewer candidates"
            )
        for part in parts:
            pools = [search.level(ki) for search, ki in zip(searches, part, strict=True)]
            for keys in itertools.product(*pools):
                searched += 1
                pays, _ = rebuild(keys)
                bad = unstable_dms(keys, pays)
                if not bad:
                    found.append(keys)
                elif best is None or len(bad) < best[0]:
                    best = (len(bad), keys)
        if found:
            k_found = k
            break

    def edits_of(keys: tuple[Key, ...]) -> tuple[Edit, ...]:
        return tuple(
            e for search, key in zip(searches, keys, strict=True) for e in search.edits(key)
        )

    if k_found is None:
        closest = None
        if best is not None and best[0] < len(unstable_before):
            pays, _ = rebuild(best[1])
            closest = Closest(edits_of(best[1]), tuple(unstable_dms(best[1], pays)))
        return result(closest=closest, searched=searched)
    answers = []
    for keys in found[: max(0, max_answers)]:
        _, lists = rebuild(keys)
        edits = edits_of(keys)
        prefs = dict(conflict.preferences)
        for dm, items in lists.items():
            prefs[dm] = Statements(items)
        # A hypothetical model: evidence and uncertainty cite the original statements by
        # position, so neither carries over to the edited lists.
        edited = conflict.replace(preferences=prefs, evidence=(), uncertainty={})
        answers.append(
            Answer(
                edits,
                MappingProxyType(dict(lists)),
                reasons(conflict, edited, index, concept, edits),
            )
        )
    return result(k_found, tuple(answers), len(found), searched=searched)
