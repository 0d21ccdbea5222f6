"""Inverse analysis proper: check the request, solve each group of varied DMs, count.

Nash, GMR and SMR are solved per varied DM (the counts multiply); SEQ on one joint model.
Each group first gets the example closest to the current ranking, then (when asked) its
solutions are enumerated; past the time limit the count is given as bounds.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from accord._types import StateRef
from accord.core.analysis.inverse.model import (
    Builder,
    Graph,
    OutOfTime,
    Range,
    current_ranking,
)
from accord.core.analysis.inverse.result import DEFAULT_TIME_LIMIT, InverseResult
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.model import Conflict

#: The concepts inverse analysis supports.
INVERSE_CONCEPTS = ("nash", "gmr", "smr", "seq")


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
    graph: Graph,
    target: int,
    concept: str,
    varied: Mapping[str, tuple[Range, ...]],
    orders: Mapping[str, list[int]],
    focal: Sequence[str],
    deadline: float | None = None,
) -> Builder:
    builder = Builder(conflict, graph, target, varied, orders, subsets=concept != "seq")
    builder.deadline = deadline
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
    make: Callable[[], Builder],
    group: _Group,
    count: bool,
    deadline: float,
) -> None:
    """Find the closest example, then (when asked) enumerate every solution."""
    from ortools.sat.python import cp_model

    try:
        builder: Builder = make()
    except OutOfTime:  # undecided: feasible stays None
        return
    if builder.unsatisfiable:
        group.feasible, group.done = False, True
        return
    builder.add_displacement_objective()
    solver = _solver(deadline - time.monotonic())
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
    try:
        builder = make()
    except OutOfTime:  # not counted: the bounds say so
        return
    solver = _solver(deadline - time.monotonic())
    solver.parameters.enumerate_all_solutions = True
    if not builder.variables():  # nothing to choose: every ranking is a solution, or none is
        status = solver.solve(builder.model)
        group.found = group.total if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else 0
        group.done = status != cp_model.UNKNOWN
        return

    class Counter(cp_model.CpSolverSolutionCallback):
        def __init__(self) -> None:
            super().__init__()
            self.found = 0

        def on_solution_callback(self) -> None:
            self.found += builder.weight(self.value)

    counter = Counter()
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
    graph = Graph(conflict)
    fixed = [dm for dm in conflict.dm_names if dm not in chosen]

    def total_of(dms: Iterable[str]) -> int:
        return math.prod(math.factorial(b - a) for dm in dms for a, b in rs[dm])

    blocking: list[str] = []
    makers: list[Callable[[], Builder]]
    if name == "seq":
        groups = [_Group(varied_names, total_of(varied_names))]
        makers = [
            partial(_build, conflict, graph, index, name, rs, orders, conflict.dm_names, deadline)
        ]
    else:
        for dm in fixed:
            check = Builder(conflict, graph, index, {}, orders)
            if not check.stable(dm, name):
                blocking.append(dm)
        groups = [_Group((dm,), total_of([dm])) for dm in varied_names]
        makers = [
            partial(_build, conflict, graph, index, name, {dm: rs[dm]}, orders, [dm], deadline)
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
