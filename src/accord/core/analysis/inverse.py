"""Inverse analysis (gmcr-spec §10): which rankings make a target state an equilibrium.

The moves are fixed; the preferences of some decision makers (the *varied* DMs) are not.
Each varied DM gets a **strict** ranking of the feasible states, best first.  Its rankings are
read against its *current ranking*: the states by decreasing payoff, ties broken by increasing
state id.  Positions in that ranking are counted **from the top, from 0**: position 0 is the
best state.  A *rank range* ``[a, b)`` lets the states at positions ``a, …, b-1`` of the current
ranking be arranged in any order among those positions; every state outside the DM's ranges
keeps its position.  Without ranges the whole ranking varies (``m!`` strict orders for ``m``
states).  DMs that are not varied keep their payoffs exactly, ties included.

The question — can the target be an equilibrium under Nash, GMR, SMR or SEQ, and for how many
rankings — is answered exactly by a constraint model (OR-Tools CP-SAT):

* one position variable per state and varied DM (fixed outside the ranges; all different);
* one reified literal per pair of states compared, ``pos[a] < pos[b]`` (``a`` preferred);
* the stability conditions of gmcr-spec §4/§10 for **every** DM at the target: for each move
  ``s* → q`` of DM ``i``, either ``s* ≿_i q`` or a sanction exists — some ``r`` in
  ``R_{N−i}(q)`` with ``s* ≿_i r`` (GMR), such an ``r`` from which every move ``y`` of ``i``
  has ``s* ≿_i y`` (SMR), or such an ``r`` in ``R⁺_{N−i}(q)`` (SEQ).  For SEQ the opponents'
  improvements depend on their (possibly varied) rankings: reachability over (state, last
  mover) pairs is unrolled layer by layer, one literal per pair and layer, so the sanctions'
  credibility couples the DMs' rankings.

Every auxiliary literal is *defined* by its inputs (an equivalence, never an implication), so
the solutions of the model are in one-to-one correspondence with the rankings: enumerating
them with a callback counts the rankings exactly.  Nash, GMR and SMR conditions of DM ``i``
involve ``i``'s ranking alone, so each varied DM is counted on its own and the counts multiply
(DMs that are not varied are checked once).  Better still, they compare the target with other
states only, so they depend only on *which* states ``i`` ranks below the target: for these
concepts the model has one literal per state of the range holding the target ("below the
target"), and each solution with ``k`` of the range's ``w - 1`` other states below stands for
``k! (w-1-k)!`` rankings (times the arrangements of the DM's other ranges).  SEQ is counted on
one joint model over positions.

When counting does not finish within the time limit, the result says so: ``count`` is
``None`` and ``lower ≤ count ≤ upper`` holds, ``lower`` being the rankings found so far and
``upper`` the number of rankings searched over.  The example ranking stays close to the current
ranking: for Nash, GMR and SMR the fewest states change side of the target (each side keeps its
current order); for SEQ the least total displacement of the states (Spearman's footrule) that
the solver found within the time limit.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from accord._types import StateRef
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "INVERSE_CONCEPTS",
    "InverseResult",
    "current_ranking",
    "inverse",
]

#: The concepts inverse analysis supports.
INVERSE_CONCEPTS = ("nash", "gmr", "smr", "seq")
#: Seconds allowed for the whole analysis unless told otherwise.
DEFAULT_TIME_LIMIT = 20.0

Range = tuple[int, int]
#: A literal of the constraint model, or a constant once folded.
Lit = Any


@dataclass(frozen=True, eq=False)
class InverseResult:
    """What inverse analysis found.

    Attributes
    ----------
    conflict
        The model.
    target
        The target state, as a state index (``conflict.states.ids[target]`` is its id).
    concept
        ``nash``, ``gmr``, ``smr`` or ``seq``.
    vary
        The varied decision makers, in model order.
    ranges
        For each varied DM, its rank ranges ``[a, b)`` (0-based positions from the top of its
        current ranking); ``[(0, m)]`` when the whole ranking varies.
    feasible
        Whether some choice of rankings makes the target an equilibrium; ``None`` when the
        time limit ran out before the solver could tell.
    count
        How many choices of rankings (one strict ranking per varied DM) do so; ``None`` when
        not asked for or not finished within the time limit.
    lower, upper
        Bounds on the count: exact (``lower == upper == count``) when the count is known.
    total
        How many choices of rankings there are: the product of ``(b - a)!`` over all ranges.
    counted
        Whether a count was asked for.
    exact
        Whether ``count`` is known exactly.
    example
        For each varied DM, a ranking (state ids, best first) that makes the target an
        equilibrium, together with the other varied DMs' examples; ``None`` when none was found.
    current
        Each varied DM's current ranking as read for the analysis (state ids, best first,
        ties broken by increasing id).
    blocking
        DMs that are not varied and for whom the target is unstable whatever the varied DMs
        prefer (Nash, GMR and SMR only).
    time_limit, elapsed
        The time allowed and the time taken, in seconds.
    notes
        Remarks a reader needs (for example, that the time limit ran out).
    """

    conflict: Conflict
    target: int
    concept: str
    vary: tuple[str, ...]
    ranges: Mapping[str, tuple[Range, ...]]
    feasible: bool | None
    count: int | None
    lower: int
    upper: int
    total: int
    counted: bool
    exact: bool
    example: Mapping[str, tuple[int, ...]] | None
    current: Mapping[str, tuple[int, ...]]
    blocking: tuple[str, ...] = ()
    time_limit: float = DEFAULT_TIME_LIMIT
    elapsed: float = 0.0
    notes: tuple[str, ...] = field(default=())

    @property
    def target_id(self) -> int:
        """The target's state id."""
        return int(self.conflict.states.ids[self.target])

    @property
    def parameters(self) -> dict[str, Any]:
        """The parameters of the run, JSON-ready."""
        return {
            "target": self.target_id,
            "concept": self.concept,
            "vary": list(self.vary),
            "ranges": {dm: [list(r) for r in rs] for dm, rs in self.ranges.items()},
            "count": self.counted,
            "time_limit": self.time_limit,
        }


def current_ranking(conflict: Conflict, dm: str) -> list[int]:
    """``dm``'s states as state indices, best first; ties broken by increasing state id.

    Position ``p`` of this list is what a rank range ``[a, b)`` with ``a ≤ p < b`` refers to.
    """
    pay = conflict.payoffs[dm]
    ids = conflict.states.ids
    return sorted(range(len(ids)), key=lambda k: (-int(pay[k]), int(ids[k])))


def _check_dm(conflict: Conflict, name: str, what: str) -> str:
    if name in conflict.dm_names:
        return name
    from accord.core.validate import suggest

    hint = suggest(name, conflict.dm_names)
    known = ", ".join(repr(d) for d in conflict.dm_names)
    raise AnalysisError(
        f"{what}: unknown decision maker {name!r} (the decision makers are {known})"
        + (f"; {hint}" if hint else "")
    )


def _check_concept(concept: str) -> str:
    name = concept.strip().lower()
    if name in INVERSE_CONCEPTS:
        return name
    if name == "nm" or name.startswith("lh"):
        raise AnalysisError(
            f"inverse analysis supports nash, gmr, smr and seq; {concept.strip()!r} "
            "(limited-move or non-myopic stability) is not supported"
        )
    from accord.core.validate import suggest

    hint = suggest(name, INVERSE_CONCEPTS)
    raise AnalysisError(
        f"unknown solution concept {concept.strip()!r}: inverse analysis supports nash, gmr, "
        f"smr and seq{'; ' + hint if hint else ''}"
    )


def _check_ranges(
    conflict: Conflict, vary: Sequence[str], ranges: Mapping[str, Iterable[Range]] | None
) -> dict[str, tuple[Range, ...]]:
    m = len(conflict.states)
    out: dict[str, tuple[Range, ...]] = dict.fromkeys(vary, ((0, m),))
    for dm, items in (ranges or {}).items():
        _check_dm(conflict, dm, "rank range")
        if dm not in vary:
            raise AnalysisError(
                f"rank range for {dm!r}, whose preferences are not varied: vary {dm!r} too"
            )
        chosen: list[Range] = []
        for raw in items:
            a, b = int(raw[0]), int(raw[1])
            if not 0 <= a < b <= m:
                raise AnalysisError(
                    f"rank range [{a}, {b}) for {dm!r}: positions are counted from the top "
                    f"from 0, so a range [a, b) needs 0 ≤ a < b ≤ {m} (the number of states)"
                )
            for c, d in chosen:
                if a < d and c < b:
                    raise AnalysisError(f"rank ranges [{c}, {d}) and [{a}, {b}) for {dm!r} overlap")
            chosen.append((a, b))
        if chosen:
            out[dm] = tuple(sorted(chosen))
    return out


class _Graph:
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


class _Builder:
    """A CP-SAT model of "the target is stable for these DMs", with constants folded."""

    def __init__(
        self,
        conflict: Conflict,
        graph: _Graph,
        target: int,
        varied: Mapping[str, tuple[Range, ...]],
        orders: Mapping[str, list[int]],
        subsets: bool = False,
    ) -> None:
        from ortools.sat.python import cp_model

        self.model = cp_model.CpModel()
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
                lit = self._below(dm, a)
                return not lit if isinstance(lit, bool) else ~lit
            raise AssertionError("subset mode compares states with the target only")
        if dm not in self.pos:
            return bool(self.payoffs[dm][a] > self.payoffs[dm][b])
        if a == b:
            return False
        pa, pb = self.pos[dm][a], self.pos[dm][b]
        if isinstance(pa, int) and isinstance(pb, int):
            return pa < pb
        if a > b:
            lit = self.above(dm, b, a)
            return not lit if isinstance(lit, bool) else ~lit
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
        items = []
        for lit in lits:
            if lit is False:
                return False
            if lit is not True:
                items.append(lit)
        if not items:
            return True
        if len(items) == 1:
            return items[0]
        var = self.model.new_bool_var("")
        self.model.add_bool_and(items).only_enforce_if(var)
        self.model.add_bool_or([~x for x in items]).only_enforce_if(~var)
        return var

    def disj(self, lits: Iterable[Lit]) -> Lit:
        """A literal equivalent to the disjunction."""
        items = []
        for lit in lits:
            if lit is True:
                return True
            if lit is not False:
                items.append(lit)
        if not items:
            return False
        if len(items) == 1:
            return items[0]
        var = self.model.new_bool_var("")
        self.model.add_bool_or(items).only_enforce_if(var)
        self.model.add_bool_and([~x for x in items]).only_enforce_if(~var)
        return var

    def require_any(self, lits: Iterable[Lit]) -> bool:
        """Add the clause; return ``False`` when it folds to false."""
        items = []
        for lit in lits:
            if lit is True:
                return True
            if lit is not False:
                items.append(lit)
        if not items:
            self.unsatisfiable = True
            return False
        self.model.add_bool_or(items)
        return True

    # -- stability -----------------------------------------------------------------------
    def stable(self, dm: str, concept: str) -> bool:
        """Require the target to be stable for ``dm``; ``False`` if that folds to false."""
        t = self.target
        adj = self.graph.adj
        others = [d for d in self.graph.dms if d != dm]
        ok = True
        for q in adj[dm][t]:
            clause: list[Lit] = [self.weakly(dm, t, q)]
            if concept == "gmr":
                reach = {x for x, _ in self.graph.nodes_from(others, q)}
                clause += [self.weakly(dm, t, r) for r in sorted(reach)]
            elif concept == "smr":
                reach = {x for x, _ in self.graph.nodes_from(others, q)}
                clause += [
                    self.conj([self.weakly(dm, t, r), *(self.weakly(dm, t, y) for y in adj[dm][r])])
                    for r in sorted(reach)
                ]
            elif concept == "seq":
                held = self._improving_reach(others, q)
                clause += [self.conj([lit, self.weakly(dm, t, x)]) for (x, _), lit in held]
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


@dataclass
class _Group:
    """One independently counted set of varied DMs."""

    dms: tuple[str, ...]
    total: int
    feasible: bool | None = None
    example: dict[str, tuple[int, ...]] | None = None
    found: int = 0
    done: bool = False


def _build(
    conflict: Conflict,
    graph: _Graph,
    target: int,
    concept: str,
    varied: Mapping[str, tuple[Range, ...]],
    orders: Mapping[str, list[int]],
    focal: Sequence[str],
) -> _Builder:
    builder = _Builder(conflict, graph, target, varied, orders, subsets=concept != "seq")
    for dm in focal:
        builder.stable(dm, concept)
    return builder


def _solver(seconds: float) -> Any:
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = max(seconds, 0.001)
    return solver


def _solve_group(
    make: Callable[[], _Builder],
    group: _Group,
    count: bool,
    deadline: float,
    clock: Any = time.monotonic,
) -> None:
    """Find the closest example, then (when asked) enumerate every solution."""
    from ortools.sat.python import cp_model

    builder: _Builder = make()
    if builder.unsatisfiable:
        group.feasible, group.done = False, True
        return
    builder.add_displacement_objective()
    solver = _solver(deadline - clock())
    status = solver.solve(builder.model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        group.feasible = True
        group.example = {dm: builder.ranking(dm, solver.value) for dm in group.dms}
    elif status == cp_model.INFEASIBLE:
        group.feasible, group.done = False, True
        return
    elif status == cp_model.MODEL_INVALID:  # pragma: no cover - a bug in the encoding
        raise RuntimeError(f"invalid inverse model: {builder.model.validate()}")
    if not count:
        return
    builder = make()
    variables = builder.variables()

    class Counter(cp_model.CpSolverSolutionCallback):
        def __init__(self) -> None:
            super().__init__()
            self.found = 0

        def on_solution_callback(self) -> None:
            self.found += builder.weight(self.value)

    counter = Counter()
    solver = _solver(deadline - clock())
    solver.parameters.enumerate_all_solutions = True
    if not variables:  # nothing to choose: every ranking is a solution, or none is
        status = solver.solve(builder.model)
        group.found = group.total if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else 0
        group.done = status != cp_model.UNKNOWN
        return
    status = solver.solve(builder.model, counter)
    group.found = counter.found
    group.done = status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    if group.done:
        group.feasible = group.found > 0
    elif group.found and group.feasible is None:
        group.feasible = True


def inverse(
    conflict: Conflict,
    target: StateRef,
    vary: Sequence[str],
    *,
    concept: str = "nash",
    ranges: Mapping[str, Iterable[Range]] | None = None,
    count: bool = False,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> InverseResult:
    """Whether, and for how many rankings of the varied DMs, ``target`` is an equilibrium.

    Parameters
    ----------
    conflict
        The model; its moves are kept, and so are the payoffs of DMs not in ``vary``.
    target
        The state, by id or by a condition that matches exactly one state.
    vary
        The decision makers whose rankings may change; each gets a strict ranking.
    concept
        ``nash`` (default), ``gmr``, ``smr`` or ``seq``.
    ranges
        Per varied DM, rank ranges ``[a, b)``: 0-based positions counted from the top of its
        current ranking (see :func:`current_ranking`); only the states at those positions are
        rearranged, among those positions.  A DM without ranges varies its whole ranking.
    count
        Also count the rankings (by enumerating the constraint model's solutions).
    time_limit
        Seconds for the whole analysis; past it the count is given as bounds.

    Returns
    -------
    InverseResult
        Feasibility, the count or bounds on it, and an example ranking per varied DM.

    Raises
    ------
    AnalysisError
        For an unknown DM or concept, L_h / NM, a bad or overlapping rank range, or a range
        for a DM that is not varied.
    StateReferenceError
        When ``target`` names no state or several.
    """
    start = time.monotonic()
    deadline = start + max(float(time_limit), 0.0)
    name = _check_concept(concept)
    index = conflict.states.resolve(target)
    if not vary:
        raise AnalysisError("name at least one decision maker whose preferences may vary")
    chosen = {_check_dm(conflict, dm, "vary") for dm in vary}
    varied_names = tuple(dm for dm in conflict.dm_names if dm in chosen)
    rs = _check_ranges(conflict, varied_names, ranges)
    orders = {dm: current_ranking(conflict, dm) for dm in varied_names}
    ids = conflict.states.ids
    current = {dm: tuple(int(ids[s]) for s in orders[dm]) for dm in varied_names}
    graph = _Graph(conflict)
    fixed = [dm for dm in conflict.dm_names if dm not in chosen]

    def total_of(dms: Iterable[str]) -> int:
        return math.prod(math.factorial(b - a) for dm in dms for a, b in rs[dm])

    blocking: list[str] = []
    makers: list[Callable[[], _Builder]]
    if name == "seq":
        groups = [_Group(varied_names, total_of(varied_names))]
        makers = [partial(_build, conflict, graph, index, name, rs, orders, conflict.dm_names)]
    else:
        for dm in fixed:
            check = _Builder(conflict, graph, index, {}, orders)
            if not check.stable(dm, name):
                blocking.append(dm)
        groups = [_Group((dm,), total_of([dm])) for dm in varied_names]
        makers = [
            partial(_build, conflict, graph, index, name, {dm: rs[dm]}, orders, [dm])
            for dm in varied_names
        ]
    if not blocking:
        for group, make in zip(groups, makers, strict=True):
            _solve_group(make, group, count, deadline)
            if group.feasible is False:
                break
    total = total_of(varied_names)
    notes: list[str] = []
    if blocking or any(g.feasible is False for g in groups):
        feasible: bool | None = False
        lower = upper = 0
        exact = True
    else:
        feasible = True if all(g.feasible for g in groups) else None
        exact = count and all(g.done for g in groups)
        if count:
            lower = math.prod(max(g.found, 1 if g.feasible else 0) for g in groups)
            upper = math.prod(g.found if g.done else g.total for g in groups)
        else:
            lower = 1 if feasible else 0
            upper = total
    if count and not exact:
        notes.append(
            f"the time limit of {time_limit:g} s ran out before every ranking was counted: "
            f"{lower:,} ≤ count ≤ {upper:,} (of {total:,} choices of rankings); "
            "raise --time-limit or narrow the ranges"
        )
    if feasible is None:
        notes.append(
            f"the time limit of {time_limit:g} s ran out before the solver could tell whether "
            "the target can be an equilibrium"
        )
    example: dict[str, tuple[int, ...]] | None = None
    if feasible:
        example = {}
        for g in groups:
            example.update(g.example or {})
        if len(example) != len(varied_names):
            example = None
    return InverseResult(
        conflict=conflict,
        target=index,
        concept=name,
        vary=varied_names,
        ranges=MappingProxyType(dict(rs)),
        feasible=feasible,
        count=(lower if exact else None) if count else None,
        lower=lower,
        upper=upper,
        total=total,
        counted=count,
        exact=bool(exact),
        example=None if example is None else MappingProxyType(example),
        current=MappingProxyType(current),
        blocking=tuple(blocking),
        time_limit=float(time_limit),
        elapsed=time.monotonic() - start,
        notes=tuple(notes),
    )
