"""Reachability summaries: the least value reachable from every node at once (gmcr-spec §3.3).

Each sanction test asks one question of the opponents' reachable set: what is the least the
focal DM could be left with?  For all start nodes at once this is a "min over everything
reachable" on a directed graph: condense its strongly connected components, then propagate
minima from sinks towards sources.  The cost is linear in the arcs times the depth of the
condensed graph, which in option form is at most the number of irreversible options plus one.
"""

from __future__ import annotations

import numpy as np

from accord._types import IntArray

__all__ = ["reach_max", "reach_min"]


def _condense(n_nodes: int, src: IntArray, dst: IntArray) -> tuple[int, IntArray]:
    """Strongly connected components: their count and each node's label."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    # Unique arcs: scipy's strong components misbehave on duplicate entries.
    keys = np.unique(src.astype(np.int64) * n_nodes + dst)
    graph = csr_matrix(
        (np.ones(keys.size, dtype=np.int8), (keys // n_nodes, keys % n_nodes)),
        shape=(n_nodes, n_nodes),
    )
    count, labels = connected_components(graph, directed=True, connection="strong")
    return int(count), labels.astype(np.int64)


def reach_min(n_nodes: int, src: IntArray, dst: IntArray, values: IntArray) -> IntArray:
    """For every node, the least ``values`` over the nodes it reaches, itself included.

    Parameters
    ----------
    n_nodes
        Number of nodes.
    src, dst
        Arcs ``src[k] → dst[k]``.
    values
        One integer per node.

    Returns
    -------
    numpy.ndarray
        ``out[v] = min(values[u] for u reachable from v by zero or more arcs)``.
    """
    values = np.asarray(values, dtype=np.int64)
    if src.size == 0:
        return values.copy()
    count, label = _condense(n_nodes, src, dst)
    best = np.full(count, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(best, label, values)
    a, b = label[src], label[dst]
    cross = a != b
    keys = np.unique(a[cross] * count + b[cross])
    ca, cb = keys // count, keys % count
    # Relax along the condensed DAG until nothing changes (depth-many rounds).
    while ca.size:
        before = best[ca].copy()
        np.minimum.at(best, ca, best[cb])
        if np.array_equal(before, best[ca]):
            break
    out: IntArray = best[label]
    return out


def reach_max(n_nodes: int, src: IntArray, dst: IntArray, values: IntArray) -> IntArray:
    """For every node, the greatest ``values`` over the nodes it reaches, itself included."""
    out: IntArray = -reach_min(n_nodes, src, dst, -np.asarray(values, dtype=np.int64))
    return out
