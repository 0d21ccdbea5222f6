"""Section 8: a drawing of the status quo, the equilibria, the focus and the paths between them.

The graph (networkx) holds only the states a reader can take in: the status quo, the focus
state, the equilibria the report spells out and the states on the routes of section 5.
Columns are the number of steps from the status quo; states no route reaches stand in a last
column.  It is drawn with matplotlib (imported here, on first use) straight to SVG text,
with a fixed hash salt and no date, so the same report gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from accord._types import IntArray
from accord.reports.document.data import GraphEdge, GraphNode, GraphSection
from accord.reports.document.phrases import state_words
from accord.reports.document.verdicts import concept_list

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

    from accord.core.model import Conflict
    from accord.core.results import StabilityAnalysis
    from accord.reports.document.movement import Routes

__all__ = ["COLOURS", "MAX_EQUILIBRIA", "MAX_JOINT_EDGES", "draw_svg", "graph_section"]

#: At most this many equilibria are drawn (more only when routes pass through them).
MAX_EQUILIBRIA = 8
#: At most this many joint moves of coalitions are drawn.
MAX_JOINT_EDGES = 3
#: At most this many states stand in one column of unreached states.
MAX_ROWS = 5
#: Fill colour per role (colour-blind safe).
COLOURS = {
    "status quo": "#0072b2",
    "focus": "#e69f00",
    "equilibrium": "#009e73",
    "on the way": "#d9d9d9",
}
_STYLE = {"improvement": "-", "other": "--", "joint": ":"}
_TEXT = {"status quo": "white", "focus": "black", "equilibrium": "white", "on the way": "black"}


def _role(state: int, status_quo: int | None, focus: int | None, eq: set[int]) -> str:
    if state == status_quo:
        return "status quo"
    if state == focus:
        return "focus"
    return "equilibrium" if state in eq else "on the way"


def graph_section(
    analysis: StabilityAnalysis,
    status_quo: int | None,
    focus: int | None,
    ranked: Sequence[int],
    routes: Routes,
    joint: Sequence[tuple[int, int, tuple[str, ...]]] = (),
    *,
    draw: bool = True,
) -> GraphSection:
    """Section 8: the nodes and edges, and the SVG drawing unless ``draw`` is false."""
    import networkx as nx

    conflict = analysis.conflict
    ids = conflict.states.ids
    eq = set(ranked)
    graph: nx.DiGraph[int] = nx.DiGraph()
    wanted: list[int] = [s for s in (status_quo, focus) if s is not None]
    for path, _ in routes.paths:
        for step in path.steps:
            wanted.extend((step.source, step.target))
    for s in dict.fromkeys(wanted):
        graph.add_node(s)
    edges: dict[tuple[int, int], GraphEdge] = {}
    for path, improving in routes.paths:
        for step in path.steps:
            key = (int(ids[step.source]), int(ids[step.target]))
            if key not in edges:
                better = step.gains[0][2] > step.gains[0][1]
                mover = "+".join(step.actor)
                kind = "improvement" if improving or better else "other"
                edges[key] = GraphEdge(key[0], key[1], mover, kind)
                graph.add_edge(step.source, step.target)
    # Joint moves only from the states of the story (status quo, focus, routes), a few.
    anchors = set(graph.nodes)
    shown = 0
    for source, target, coalition in joint:
        key = (int(ids[source]), int(ids[target]))
        if source in anchors and key not in edges and shown < MAX_JOINT_EDGES:
            graph.add_edge(source, target)
            who = (
                "all together" if len(coalition) == len(conflict.dm_names) else "+".join(coalition)
            )
            edges[key] = GraphEdge(key[0], key[1], who, "joint")
            shown += 1
    on_graph = {s for s in graph.nodes if s in eq}
    extra = [s for s in ranked if s not in on_graph][: max(0, MAX_EQUILIBRIA - len(on_graph))]
    graph.add_nodes_from(extra)
    nodes = []
    for s in sorted(graph.nodes, key=lambda x: int(ids[x])):
        under = [c for c in analysis.concepts if bool(analysis.results[c].equilibria[s])]
        nodes.append(
            GraphNode(
                int(ids[s]),
                _role(s, status_quo, focus, eq),
                state_words(conflict, s),
                f"equilibrium under {concept_list(under)}" if under else "not an equilibrium",
            )
        )
    notes = []
    drawn = len(on_graph) + len(extra)
    if len(ranked) > drawn:
        notes.append(
            f"{drawn} of the {len(ranked):,} equilibria are drawn: those on the routes and "
            "joint moves, then the first of the table in section 3."
        )
    caption = (
        "Each circle is a state, numbered as in the tables: blue the status quo, orange the "
        "focus state, green the equilibria, grey states on the way. A green ring marks a "
        "status quo or focus state that is itself an equilibrium. Each arrow is one move, "
        "labelled with the decision maker who makes it: solid when the move makes its mover "
        "better off, dashed when it does not, dotted for a joint move of a coalition that "
        "the others cannot answer (section 6). Columns count the steps from the status quo; states "
        "that no route reaches stand in the last columns."
    )
    svg = draw_svg(conflict, graph, status_quo, focus, eq, tuple(edges.values())) if draw else ""
    return GraphSection(tuple(nodes), tuple(edges.values()), svg, caption, tuple(notes))


def _wrap(label: str, width: int = 16) -> str:
    """A long label over several lines: a coalition broken at ``+``, a name at spaces."""
    if "+" not in label:
        import textwrap

        return "\n".join(textwrap.wrap(label, width - 2)) or label
    lines = [""]
    for part in label.split("+"):
        piece = part if not lines[-1] else "+" + part
        if lines[-1] and len(lines[-1]) + len(piece) > width:
            lines.append("+" + part)
        else:
            lines[-1] += piece
    return "\n".join(lines)


def _columns(
    graph: nx.DiGraph[int], start: int | None, ids: IntArray
) -> tuple[dict[int, int], int]:
    """Column of each node: steps from the status quo; unreached states fill the last
    columns, :data:`MAX_ROWS` to a column."""
    import networkx as nx

    depth: dict[int, int] = {}
    if start is not None and start in graph:
        depth = dict(nx.single_source_shortest_path_length(graph, start))
    last = max(depth.values(), default=-1) + 1
    rest = sorted((s for s in graph.nodes if s not in depth), key=lambda s: int(ids[s]))
    for k, s in enumerate(rest):
        depth[s] = last + k // MAX_ROWS
    return depth, last


#: Matplotlib settings of the drawing: a fixed hash salt makes the SVG ids repeatable.
SETTINGS: dict[Any, Any] = {
    "svg.hashsalt": "accord-report",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.size": 9,
}


def draw_svg(
    conflict: Conflict,
    graph: nx.DiGraph[int],
    status_quo: int | None,
    focus: int | None,
    eq: set[int],
    edges: Sequence[GraphEdge],
) -> str:
    """The drawing as SVG text (no XML declaration), identical for identical input."""
    import matplotlib

    with matplotlib.rc_context(SETTINGS):
        fig = figure(conflict, graph, status_quo, focus, eq, edges)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def figure(
    conflict: Conflict,
    graph: nx.DiGraph[int],
    status_quo: int | None,
    focus: int | None,
    eq: set[int],
    edges: Sequence[GraphEdge],
) -> Figure:
    """The drawing as a matplotlib figure (call inside ``rc_context(SETTINGS)``)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    ids = conflict.states.ids
    column, reached = _columns(graph, status_quo, ids)
    by_column: dict[int, list[int]] = {}
    for s in sorted(graph.nodes, key=lambda x: (column[x], int(ids[x]))):
        by_column.setdefault(column[s], []).append(s)
    pos: dict[int, tuple[float, float]] = {}
    for x, members in by_column.items():
        top = (len(members) - 1) / 2
        for k, s in enumerate(members):
            pos[s] = (float(x), top - k)
    n_cols = max(by_column, default=0) + 1
    n_rows = max((len(m) for m in by_column.values()), default=1)
    # About 8.5 inches wide at most, so that a page shows the drawing at its own size.
    column_width = max(1.3, min(1.9, 8.2 / n_cols))
    size = (max(4.5, column_width * n_cols + 0.4), max(2.6, 0.95 * n_rows + 1.3))
    index = {int(ids[s]): s for s in graph.nodes}
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.02, 0.16, 0.96, 0.82))
    ax.set_axis_off()
    header = (n_rows - 1) / 2 + 0.75
    ax.set_xlim(-0.6, n_cols - 0.4)
    ax.set_ylim(-(n_rows - 1) / 2 - 0.7, header + 0.35)
    radius = 15.0  # points
    for e in edges:
        a, b = pos[index[e.source]], pos[index[e.target]]
        # Edges that do not go one column forward bend, so they pass beside other states.
        bend = 0.0 if column[index[e.target]] - column[index[e.source]] == 1 else 0.3
        ax.annotate(
            "",
            xy=b,
            xytext=a,
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#444444",
                "linestyle": _STYLE[e.kind],
                "shrinkA": radius + 1,
                "shrinkB": radius + 2,
                "mutation_scale": 12,
                "linewidth": 1.1,
                "connectionstyle": f"arc3,rad={bend}",
            },
        )
        # The middle of matplotlib's arc3 curve, computed where it is drawn (display space).
        (x1, y1), (x2, y2) = ax.transData.transform([a, b])
        mx = (x1 + x2) / 2 + bend * (y2 - y1) / 2
        my = (y1 + y2) / 2 - bend * (x2 - x1) / 2
        lx, ly = ax.transData.inverted().transform((mx, my))
        ax.text(
            lx,
            ly,
            _wrap(e.mover),
            parse_math=False,
            ha="center",
            va="center",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9},
        )
    for s in sorted(graph.nodes, key=lambda x: int(ids[x])):
        role = _role(s, status_quo, focus, eq)
        ring = s in eq and role in ("status quo", "focus")
        px, py = pos[s]
        ax.scatter(
            [px],
            [py],
            s=(2 * radius) ** 2,
            c=COLOURS[role],
            edgecolors=COLOURS["equilibrium"] if ring else "#333333",
            linewidths=3.0 if ring else 0.8,
            zorder=3,
            gid=f"state-{int(ids[s])}",
        )
        ax.text(
            px, py, str(int(ids[s])), parse_math=False, ha="center", va="center", fontsize=9,
            fontweight="bold", color=_TEXT[role], zorder=4,
        )  # fmt: skip
    for x in by_column:
        head = (
            "today"
            if x == 0 and status_quo is not None
            else f"after {x} step{'s' if x > 1 else ''}"
            if x < reached
            else "not reached"
        )
        ax.text(x, header, head, ha="center", va="bottom", fontsize=9, color="#57606a")
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=9,
            markerfacecolor=colour,
            markeredgecolor="#333333",
            label=role,
        )
        for role, colour in COLOURS.items()
    ]
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=9)
    return fig
