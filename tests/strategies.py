"""Hypothesis strategies shared by the tests: condition syntax trees and small conflicts."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from accord.core.language import And, Expr, If, Iff, Name, Not, Or, to_text

if TYPE_CHECKING:
    from accord import Conflict
    from accord.core.uncertainty import Uncertainty

NAMES = ("a", "b", "c", "d", "e", "opt_1", "Yes", "android", "iffy", "_x")


@lru_cache(maxsize=64)
def conditions(names: tuple[str, ...] = NAMES, max_leaves: int = 12) -> st.SearchStrategy[Expr]:
    """Random canonical condition trees: And/Or are flat (no And directly inside an And)."""
    leaves = st.sampled_from(names).map(Name)

    def extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
        def flat(cls: type[And] | type[Or]) -> st.SearchStrategy[Expr]:
            item = children.filter(lambda e: not isinstance(e, cls))
            return st.lists(item, min_size=2, max_size=4).map(lambda xs: cls(tuple(xs)))

        return st.one_of(
            children.map(Not),
            flat(And),
            flat(Or),
            st.tuples(children, children).map(lambda p: If(*p)),
            st.tuples(children, children).map(lambda p: Iff(*p)),
        )

    return st.recursive(leaves, extend, max_leaves=max_leaves)


# -- small random conflicts --------------------------------------------------------------

REVERSIBILITY = ("both", "both", "take_only", "withdraw_only")


@st.composite
def small_conflicts(
    draw: st.DrawFn,
    min_dms: int = 2,
    max_dms: int = 4,
    max_options: int = 8,
    rankings: bool = True,
    graph: bool = False,
    irreversible: bool = True,
) -> Conflict:
    """A random valid conflict: options, infeasibilities, reversibility, statements or
    rankings with ties, and (when ``graph``) a graph form with arbitrary extra moves."""
    import numpy as np
    from hypothesis import assume

    from accord import (
        Conflict,
        DecisionMaker,
        GraphForm,
        GraphState,
        Option,
        PayoffVector,
        Ranking,
        Statements,
    )
    from accord.errors import ModelError

    n_dms = draw(st.integers(min_dms, max_dms))
    per_dm = [draw(st.integers(1, 3 if max_options <= 8 else 4)) for _ in range(n_dms)]
    while sum(per_dm) > max_options:
        per_dm[per_dm.index(max(per_dm))] -= 1
    assume(all(k >= 1 for k in per_dm))
    names: list[str] = []
    dms = []
    for d, k in enumerate(per_dm):
        opts = []
        for _ in range(k):
            name = f"o{len(names)}"
            names.append(name)
            rev = draw(st.sampled_from(REVERSIBILITY)) if irreversible else "both"
            opts.append(Option(name, reversibility=rev))
        dms.append(DecisionMaker(f"DM{d}", tuple(opts)))
    pool = tuple(names)
    literal = st.tuples(st.sampled_from(pool), st.booleans()).map(
        lambda p: p[0] if p[1] else f"-{p[0]}"
    )
    infeasible = draw(
        st.lists(st.lists(literal, min_size=2, max_size=3).map(" & ".join), max_size=3)
    )
    statements = {
        dm.name: Statements(
            tuple(
                to_text(e)
                for e in draw(st.lists(conditions(pool, max_leaves=4), min_size=0, max_size=4))
            )
        )
        for dm in dms
    }
    try:
        base = Conflict("random", tuple(dms), statements, infeasible=tuple(infeasible))
        n_states = len(base.states)
    except ModelError:
        assume(False)
        raise
    prefs: dict[str, Statements | Ranking | PayoffVector] = dict(statements)
    if rankings:
        for dm in dms:
            if draw(st.booleans()):
                levels = draw(
                    st.lists(
                        st.integers(0, max(1, n_states // 2)), min_size=n_states, max_size=n_states
                    )
                )
                groups: dict[int, list[int]] = {}
                for sid, level in zip(range(1, n_states + 1), levels, strict=True):
                    groups.setdefault(level, []).append(sid)
                if draw(st.booleans()):
                    prefs[dm.name] = PayoffVector(np.array(levels))
                else:
                    prefs[dm.name] = Ranking(
                        tuple(tuple(groups[k]) for k in sorted(groups, reverse=True))
                    )
    if not graph or not draw(st.booleans()):
        return Conflict("random", tuple(dms), prefs, infeasible=tuple(infeasible))
    # Graph form: the option-form moves, some dropped, plus arbitrary extra arcs.
    from accord.core.moves import unilateral_moves

    space = base.states
    states = tuple(
        GraphState(int(space.ids[i]), taken=frozenset(n for n, v in space.taken(i).items() if v))
        for i in range(n_states)
    )
    moves: dict[str, list[tuple[int, int]]] = {dm.name: [] for dm in dms}
    owner: dict[tuple[int, int], str] = {}
    for dm in dms:
        arcs = unilateral_moves(base, dm.name)
        for a, b in zip(arcs.src.tolist(), arcs.dst.tolist(), strict=True):
            if draw(st.integers(0, 4)) > 0:
                arc = (int(space.ids[a]), int(space.ids[b]))
                moves[dm.name].append(arc)
                owner[arc] = dm.name
    extra = draw(
        st.lists(
            st.tuples(
                st.sampled_from([d.name for d in dms]),
                st.integers(1, n_states),
                st.integers(1, n_states),
            ),
            max_size=6,
        )
    )
    for dm_name, a, b in extra:
        if a != b and (a, b) not in owner:
            owner[(a, b)] = dm_name
            moves[dm_name].append((a, b))
    gprefs = dict(prefs)
    return Conflict(
        "random-graph",
        tuple(dms),
        gprefs,
        graph=GraphForm(states, {k: tuple(v) for k, v in moves.items()}),
    )


# -- uncertain preferences ------------------------------------------------------------------

_FREE_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)


def _full_condition(conflict: Conflict, index: int) -> str:
    """A condition naming every option, true at the state ``index`` alone (option form)."""
    taken = conflict.states.taken(index)
    return " & ".join(name if on else f"-{name}" for name, on in taken.items())


@st.composite
def uncertainties(draw: st.DrawFn, conflict: Conflict) -> dict[str, Uncertainty]:
    """Random valid ``uncertainty`` for ``conflict``: disjoint groups of 2–3 statements,
    probable statements, alternatives whose weights sum to at most 1 (statements with and
    without labels), and unknown pairs of distinct states, by id or (option form) by a
    condition matching one state."""
    from accord import Statement, Statements
    from accord.core.uncertainty import Alternative, Probable, Uncertainty

    out: dict[str, Uncertainty] = {}
    n_states = len(conflict.states)
    pool = conflict.option_names
    for dm in conflict.dm_names:
        if not draw(st.booleans()):
            continue
        unknown = []
        if n_states >= 2:
            for _ in range(draw(st.integers(0, 2))):
                a, b = draw(
                    st.lists(st.integers(0, n_states - 1), min_size=2, max_size=2, unique=True)
                )
                refs: list[int | str] = []
                for index in (a, b):
                    by_text = not conflict.is_graph_form and draw(st.booleans())
                    refs.append(
                        _full_condition(conflict, index)
                        if by_text
                        else int(conflict.states.ids[index])
                    )
                unknown.append((refs[0], refs[1]))
        pref = conflict.preferences[dm]
        if not isinstance(pref, Statements):
            out[dm] = Uncertainty(unknown=tuple(unknown))
            continue
        q = len(pref.items)
        order = draw(st.permutations(list(range(q))))
        groups = []
        start = 0
        for _ in range(draw(st.integers(0, 2))):
            size = draw(st.integers(2, 3))
            if start + size > q:
                break
            groups.append(tuple(order[start : start + size]))
            start += size
        chosen = draw(st.lists(st.integers(0, q - 1), unique=True, max_size=2)) if q else []
        probable = tuple(Probable(i, draw(st.floats(0, 1, exclude_min=True))) for i in chosen)
        n_alternatives = draw(st.integers(0, 2))
        alternatives = tuple(
            Alternative(
                Statements(
                    tuple(
                        Statement(to_text(e), draw(st.sampled_from(["", "a label"])))
                        for e in draw(st.lists(conditions(pool, max_leaves=4), max_size=3))
                    )
                ),
                draw(st.floats(0, 1 / n_alternatives, exclude_min=True)),
                draw(_FREE_TEXT),
            )
            for _ in range(n_alternatives)
        )
        out[dm] = Uncertainty(tuple(groups), probable, alternatives, tuple(unknown))
    return out


@st.composite
def uncertain_conflicts(draw: st.DrawFn, **kwargs: Any) -> Conflict:
    """A conflict of :func:`small_conflicts` (same arguments) with random uncertainty."""
    conflict = draw(small_conflicts(**kwargs))
    return conflict.replace(uncertainty=draw(uncertainties(conflict)))
