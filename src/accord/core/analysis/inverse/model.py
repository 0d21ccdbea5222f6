"""The CP-SAT model of inverse analysis: "the target is stable for these DMs".

Positions (or, in subset mode, "below the target" literals) per varied DM, reified comparison
literals, and the stability conditions of gmcr-spec §4/§10, with constants folded.  Every
auxiliary literal is defined by an equivalence, so solutions correspond one to one to rankings.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.core.model import Conflict

Range = tuple[int, int]
#: A literal of the constraint model, or a constant once folded.
Lit = Any


def current_ranking(conflict: Conflict, dm: str) -> list[int]:
    """``dm``'s states as state indices, best first; ties broken by increasing state id.

    Position ``p`` of this list is what a rank range ``[a, b)`` with ``a ≤ p < b`` refers to.
    """
    pay = conflict.payoffs[dm]
    ids = conflict.states.ids
    return sorted(range(len(ids)), key=lambda k: (-int(pay[k]), int(ids[k])))


def negate(lit: Lit) -> Lit:
    """The negation of a literal or of a folded constant."""
    return not lit if isinstance(lit, bool) else ~lit


def _unfolded(lits: Iterable[Lit], absorbing: bool) -> list[Lit] | None:
    """The literals that are not constants; ``None`` when one is the constant ``absorbing``."""
    items = []
    for lit in lits:
        if isinstance(lit, bool):
            if lit is absorbing:
                return None
        else:
            items.append(lit)
    return items


class Graph:
    """Each DM's unilateral moves as adjacency lists over state indices."""

    def __init__(self, conflict: Conflict) -> None:
        from accord.core.stability.context import Context

        ctx = Context(conflict)
        n = len(conflict.states)
        self.dms = conflict.dm_names
        self.adj: dict[str, list[list[int]]] = {
            dm: [[int(x) for x in ctx.targets(dm, s)] for s in range(n)] for dm in self.dms
        }

    def nodes_from(self, movers: Sequence[str], start: int) -> set[tuple[int, str]]:
        """The (state, last mover) pairs that legal sequences of ``movers`` reach from ``start``."""
        seen: set[tuple[int, str]] = set()
        frontier = [(q, d) for d in movers for q in self.adj[d][start]]
        while frontier:
            node = frontier.pop()
            if node in seen:
                continue
            seen.add(node)
            x, last = node
            for d in movers:
                if d != last:
                    frontier.extend((y, d) for y in self.adj[d][x])
        return seen


class OutOfTime(Exception):
    """The time limit ran out while the solver's model was being built."""


class Builder:
    """A CP-SAT model of "the target is stable for these DMs", with constants folded."""

    def __init__(
        self,
        conflict: Conflict,
        graph: Graph,
        target: int,
        varied: Mapping[str, tuple[Range, ...]],
        orders: Mapping[str, list[int]],
        subsets: bool = False,
    ) -> None:
        from ortools.sat.python import cp_model

        self.model = cp_model.CpModel()
        #: Past this ``time.monotonic()`` reading, building the model stops (OutOfTime).
        self.deadline: float | None = None
        self.conflict = conflict
        self.graph = graph
        self.target = target
        self.payoffs = conflict.payoffs
        self.unsatisfiable = False
        self.pos: dict[str, list[Any]] = {}
        self.base: dict[str, list[int]] = {}
        #: Per DM in subset mode: the states that may fall on either side of the target,
        #: each with the literal "ranked below the target"; and the range holding the target.
        self.below: dict[str, dict[int, Any]] = {}
        self.block: dict[str, tuple[int, int] | None] = {}
        #: Per DM in subset mode: the arrangements of its ranges that do not hold the target.
        self.spare: dict[str, int] = {}
        n = len(conflict.states)
        for dm, rs in varied.items():
            order = orders[dm]
            base = [0] * n
            for p, s in enumerate(order):
                base[s] = p
            self.base[dm] = base
            if subsets:
                self._use_subsets(dm, rs, order)
                continue
            pos: list[Any] = list(base)
            for a, b in rs:
                block = []
                for p in range(a, b):
                    var = self.model.new_int_var(a, b - 1, f"pos[{dm}][{order[p]}]")
                    pos[order[p]] = var
                    block.append(var)
                if len(block) > 1:
                    self.model.add_all_different(block)
            self.pos[dm] = pos
        self._above: dict[tuple[str, int, int], Lit] = {}

    def _use_subsets(self, dm: str, ranges: tuple[Range, ...], order: list[int]) -> None:
        """Model ``dm`` by the set of states ranked below the target, not by positions.

        Nash, GMR and SMR compare the target with other states only, so a DM's condition
        depends on that set alone.  The set can change only inside the range holding the
        target; every ranking with a given set is counted by :meth:`weight`.
        """
        t = self.target
        base = self.base[dm]
        self.below[dm] = {}
        self.block[dm] = None
        self.spare[dm] = 1
        for a, b in ranges:
            if not a <= base[t] < b:  # arranged freely, whatever the target's side
                self.spare[dm] *= math.factorial(b - a)
            else:
                self.block[dm] = (a, b)
                for p in range(a, b):
                    if order[p] != t:
                        self.below[dm][order[p]] = self.model.new_bool_var(f"{dm}:{order[p]}<t")

    # -- literals ------------------------------------------------------------------------
    def above(self, dm: str, a: int, b: int) -> Lit:
        """``dm`` strictly prefers state ``a`` to state ``b``."""
        if dm in self.below:
            if a == b:
                return False
            if a == self.target:
                return self._below(dm, b)
            if b == self.target:
                return negate(self._below(dm, a))
            raise AssertionError("subset mode compares states with the target only")
        if dm not in self.pos:
            return bool(self.payoffs[dm][a] > self.payoffs[dm][b])
        if a == b:
            return False
        pa, pb = self.pos[dm][a], self.pos[dm][b]
        if isinstance(pa, int) and isinstance(pb, int):
            return pa < pb
        if a > b:
            return negate(self.above(dm, b, a))
        key = (dm, a, b)
        if key not in self._above:
            var = self.model.new_bool_var(f"{dm}:{a}>{b}")
            self.model.add(pa < pb).only_enforce_if(var)
            self.model.add(pa > pb).only_enforce_if(~var)
            self._above[key] = var
        return self._above[key]

    def weakly(self, dm: str, a: int, b: int) -> Lit:
        """``dm`` finds ``a`` at least as good as ``b`` (strict rankings: ``a`` = ``b`` or above)."""
        if dm not in self.pos and dm not in self.below:
            return bool(self.payoffs[dm][a] >= self.payoffs[dm][b])
        return True if a == b else self.above(dm, a, b)

    def _below(self, dm: str, x: int) -> Lit:
        if x in self.below[dm]:
            return self.below[dm][x]
        base = self.base[dm]
        return base[x] > base[self.target]

    def conj(self, lits: Iterable[Lit]) -> Lit:
        """A literal equivalent to the conjunction."""
        items = _unfolded(lits, absorbing=False)
        if items is None:
            return False
        if not items:
            return True
        if len(items) == 1:
            return items[0]
        var = self.model.new_bool_var("")
        self.model.add_bool_and(items).only_enforce_if(var)
        self.model.add_bool_or([~x for x in items]).only_enforce_if(~var)
        return var

    def disj(self, lits: Iterable[Lit]) -> Lit:
        """A literal equivalent to the disjunction, as ¬conj(¬x); a lone literal comes back as is."""
        items = _unfolded(lits, absorbing=True)
        if items is None:
            return True
        if len(items) == 1:  # itself, not ¬¬x: reachability tests "unchanged" by identity
            return items[0]
        return negate(self.conj(map(negate, items)))

    def require_any(self, lits: Iterable[Lit]) -> bool:
        """Add the clause; return ``False`` when it folds to false."""
        items = _unfolded(lits, absorbing=True)
        if items is None:
            return True
        if not items:
            self.unsatisfiable = True
            return False
        self.model.add_bool_or(items)
        return True

    def _check_time(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise OutOfTime

    # -- stability -----------------------------------------------------------------------
    def stable(self, dm: str, concept: str) -> bool:
        """Require the target to be stable for ``dm``; ``False`` if that folds to false."""
        t = self.target
        adj = self.graph.adj
        others = [d for d in self.graph.dms if d != dm]
        ok = True
        for q in adj[dm][t]:
            self._check_time()
            clause: list[Lit] = [self.weakly(dm, t, q)]
            if concept == "seq":
                held = self._improving_reach(others, q)
                clause += [self.conj([lit, self.weakly(dm, t, x)]) for (x, _), lit in held]
            elif concept != "nash":
                reach = sorted({x for x, _ in self.graph.nodes_from(others, q)})
                if concept == "gmr":
                    clause += [self.weakly(dm, t, r) for r in reach]
                else:  # smr: a sanction from which no move of dm escapes
                    clause += [
                        self.conj(
                            [self.weakly(dm, t, r), *(self.weakly(dm, t, y) for y in adj[dm][r])]
                        )
                        for r in reach
                    ]
            ok = self.require_any(clause) and ok
        return ok

    def _improving_reach(
        self, movers: Sequence[str], start: int
    ) -> list[tuple[tuple[int, str], Lit]]:
        """For each (state, last mover) pair, the literal "legal sequences of improvements of
        ``movers`` reach it from ``start``", unrolled one layer per step."""
        adj = self.graph.adj
        bound = len(self.graph.nodes_from(movers, start))
        reach: dict[tuple[int, str], Lit] = {}
        first: dict[tuple[int, str], list[Lit]] = {}
        for d in movers:
            for y in adj[d][start]:
                first.setdefault((y, d), []).append(self.above(d, y, start))
        for node, lits in first.items():
            reach[node] = self.disj(lits)
        changed = {node for node, lit in reach.items() if lit is not False}
        for _ in range(bound):
            if not changed:
                break
            self._check_time()
            gains: dict[tuple[int, str], list[Lit]] = {}
            for x, last in sorted(changed, key=lambda nd: (nd[0], nd[1])):
                lit = reach[(x, last)]
                for d in movers:
                    if d == last:
                        continue
                    for y in adj[d][x]:
                        gains.setdefault((y, d), []).append(self.conj([lit, self.above(d, y, x)]))
            changed = set()
            for node, lits in gains.items():
                old = reach.get(node, False)
                new = self.disj([old, *lits])
                if new is not old and not (isinstance(new, bool) and new == old):
                    reach[node] = new
                    changed.add(node)
        return sorted(reach.items(), key=lambda item: (item[0][0], item[0][1]))

    # -- results -------------------------------------------------------------------------
    def add_displacement_objective(self) -> None:
        terms: list[Any] = []
        for dm, below in self.below.items():
            base = self.base[dm]
            for x, lit in below.items():  # states that change side of the target
                terms.append(~lit if base[x] > base[self.target] else lit)
        for dm, pos in self.pos.items():
            for s, p in enumerate(pos):
                if not isinstance(p, int):
                    d = self.model.new_int_var(0, len(pos), "")
                    self.model.add_abs_equality(d, p - self.base[dm][s])
                    terms.append(d)
        if terms:
            self.model.minimize(sum(terms))

    def variables(self) -> list[Any]:
        return [p for pos in self.pos.values() for p in pos if not isinstance(p, int)] + [
            v for below in self.below.values() for v in below.values()
        ]

    def weight(self, value: Any) -> int:
        """How many rankings a solution stands for (one, without subset-mode DMs)."""
        out = 1
        for dm, below in self.below.items():
            block = self.block[dm]
            out *= self.spare[dm]
            if block is not None:
                k = sum(int(value(v)) for v in below.values())
                out *= math.factorial(k) * math.factorial(block[1] - block[0] - 1 - k)
        return out

    def ranking(self, dm: str, value: Any) -> tuple[int, ...]:
        """State ids best first, from a solution's values."""
        ids = self.conflict.states.ids
        if dm in self.below:
            base = self.base[dm]
            order = sorted(range(len(base)), key=base.__getitem__)
            block = self.block[dm]
            if block is not None:
                a, b = block
                inside = order[a:b]
                low = [x for x in inside if x != self.target and value(self.below[dm][x])]
                high = [x for x in inside if x != self.target and not value(self.below[dm][x])]
                order[a:b] = [*high, self.target, *low]
            return tuple(int(ids[s]) for s in order)
        pos = [p if isinstance(p, int) else int(value(p)) for p in self.pos[dm]]
        return tuple(int(ids[s]) for s in sorted(range(len(pos)), key=pos.__getitem__))
