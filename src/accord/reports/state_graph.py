"""The state graph a reader can take in: which states to show, their moves, and a layout.

A model of a few dozen states is shown whole.  A larger one is cut to what matters for the
question: the status quo, the focus state and a chosen state with every state one move away
from it, the states the status quo leads to by unilateral improvements (breadth first),
and the equilibria under the chosen concept, up to ``max_nodes`` states in all.  Arcs are
the unilateral improvements between the states shown, and every move out of the chosen
state, improving or not.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.core.model import Conflict
    from accord.core.results import StabilityAnalysis

__all__ = ["MAX_NODES", "select_states", "state_graph"]

#: At most this many states are shown.
MAX_NODES = 60


def _focus(conflict: Conflict) -> int | None:
    from accord.errors import AccordError

    if conflict.metadata.focus is None:
        return None
    try:
        return conflict.states.resolve(conflict.metadata.focus)
    except AccordError:
        return None  # `accord check` reports a focus that names no state


def _anchors(conflict: Conflict, around: int | None) -> list[int]:
    sq = conflict.states.resolve(conflict.status_quo) if conflict.status_quo is not None else None
    return list(dict.fromkeys(s for s in (sq, _focus(conflict), around) if s is not None))


def select_states(
    analysis: StabilityAnalysis, concept: str, around: int | None = None, max_nodes: int = MAX_NODES
) -> list[int]:
    """The indices of the states to show, most important first (see the module docstring)."""
    from accord.core.moves import moves_from

    conflict = analysis.conflict
    n = len(conflict.states)
    if n <= max_nodes:
        return list(range(n))
    chosen = dict.fromkeys(_anchors(conflict, around))
    if around is not None:
        for dm in conflict.dm_names:
            for t in moves_from(conflict, dm, around).tolist():
                if len(chosen) < max_nodes // 2:
                    chosen.setdefault(int(t))
    eq = analysis.results[concept].equilibria
    sq = conflict.states.resolve(conflict.status_quo) if conflict.status_quo is not None else None
    if sq is not None:
        queue, seen = deque([sq]), {sq}
        while queue and len(chosen) < (3 * max_nodes) // 4:
            s = queue.popleft()
            chosen.setdefault(s)
            for dm in conflict.dm_names:
                pay = conflict.payoffs[dm]
                for t in moves_from(conflict, dm, s).tolist():
                    if pay[t] > pay[s] and t not in seen:
                        seen.add(t)
                        queue.append(int(t))
    for s in eq.nonzero()[0].tolist():
        if len(chosen) >= max_nodes:
            break
        chosen.setdefault(int(s))
    return list(chosen)


def state_graph(
    analysis: StabilityAnalysis,
    concept: str,
    *,
    around: int | str | None = None,
    max_nodes: int = MAX_NODES,
) -> dict[str, Any]:
    """Nodes (with positions, roles and stability per concept), arcs and a note, as JSON.

    Parameters
    ----------
    analysis
        The stability analysis of the model.
    concept
        The concept whose equilibria are marked and, in a large model, shown.
    around
        A state (id or condition) to show with its neighbours.
    """
    import networkx as nx

    from accord.core.moves import moves_from
    from accord.errors import AnalysisError
    from accord.reports.document.phrases import state_words

    if concept not in analysis.results:
        raise AnalysisError(
            f"the graph marks the equilibria of an analysed concept: "
            f"{', '.join(analysis.concepts)} (got {concept!r})"
        )
    conflict = analysis.conflict
    space = conflict.states
    centre = space.resolve(around) if around is not None else None
    shown = select_states(analysis, concept, centre, max_nodes)
    on = set(shown)
    edges: list[dict[str, Any]] = []
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(shown)
    for s in shown:
        for dm in conflict.dm_names:
            pay = conflict.payoffs[dm]
            for t in moves_from(conflict, dm, s).tolist():
                better = bool(pay[t] > pay[s])
                if t in on and (better or s == centre):
                    graph.add_edge(s, t)
                    edges.append(
                        {
                            "source": int(space.ids[s]),
                            "target": int(space.ids[t]),
                            "dm": dm,
                            "improvement": better,
                        }
                    )
    layout = nx.kamada_kawai_layout(graph) if len(shown) > 1 else {shown[0]: (0.0, 0.0)}
    sq = space.resolve(conflict.status_quo) if conflict.status_quo is not None else None
    focus = _focus(conflict)
    nodes = []
    for s in shown:
        roles = [
            role
            for role, hit in (
                ("status quo", s == sq),
                ("focus", s == focus),
                ("equilibrium", bool(analysis.results[concept].equilibria[s])),
            )
            if hit
        ]
        x, y = layout[s]
        nodes.append(
            {
                "id": int(space.ids[s]),
                "x": round(float(x), 4),
                "y": round(float(y), 4),
                "label": str(int(space.ids[s])),
                "words": state_words(conflict, s),
                "roles": roles,
                "equilibrium": {
                    c: bool(analysis.results[c].equilibria[s]) for c in analysis.concepts
                },
            }
        )
    n = len(space)
    if len(shown) == n:
        note = f"All {n:,} states, with the unilateral improvements between them."
    else:
        note = (
            f"{len(shown)} of {n:,} states: the status quo, the focus, the states the status "
            f"quo leads to by unilateral improvements and equilibria under {concept.upper()}"
            + (", and the chosen state with its neighbours" if centre is not None else "")
            + ". Arcs are unilateral improvements"
            + (", and every move out of the chosen state." if centre is not None else ".")
        )
    return {"concept": concept, "nodes": nodes, "edges": edges, "note": note}
