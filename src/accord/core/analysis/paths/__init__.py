"""Status quo analysis: where the conflict can go from today, and how (gmcr-spec §9).

From a starting state (the model's status quo, or any state) the search finds every state
reachable by *legal sequences* of steps, the shortest path to each, and a few alternative
paths to the equilibria.  Three kinds of steps (``moves``):

``improvements`` (default)
    unilateral improvements: each step is one DM's move to a state it strictly prefers to
    the state it moves from (R_N^+, the behaviourally motivated variant).
``any``
    unilateral moves, improving or not (R_N).
``coalitions``
    unilateral improvements, and also coalitional improvements of coalitions of two or more
    DMs (by default every such coalition): a step by coalition H from ``x`` goes to a state
    of R_H^{++}(x) — reached by a legal sequence of H's members' moves and strictly
    preferred to ``x`` by every member (gmcr-spec §5.1).

**Legality rule.** Every step has an *actor*: one DM, or one coalition (a set of DMs).  The
same actor never acts twice in a row; different actors may share members (a DM may move alone
right after its coalition has moved, or the reverse).  With single DMs only this is exactly
the "no DM twice in a row" rule of gmcr-spec §3.2.  Path length counts steps: a coalitional
improvement is one step, whatever the number of member moves inside it.

**Equilibria.** The equilibria reported are those of each of the chosen concepts (default:
Nash, GMR, SMR and SEQ, all four reported, each equilibrium tagged with its concepts).

The search is a breadth-first search over (state, last actor) pairs from the start, keeping
predecessors: the first time a state is reached gives a shortest path to it.  Alternative
paths (at most ``alternatives`` per equilibrium, shortest first, then one step longer) are
enumerated over the same graph with a depth bound, never revisiting a (state, last actor)
pair and never passing through the target before the end.

The search runs a level at a time with array operations (``method="fast"``, the default):
each reached state's steps by every actor are listed once — coalitions' improvements for a
whole level of states at once (:mod:`accord.core.analysis.coalitions.walks`) — and a
coalition's inner moves are found for all the paths' coalitional steps together.
``method="search"`` expands one pair at a time; both give the same paths.  Coalitional steps
are refused above :data:`~accord.core.analysis.coalitions.MAX_SCAN_STATES` (2^16) states,
and any search above :data:`MAX_PATH_NODES` (state, last actor) pairs.
"""

from accord.core.analysis.paths.analysis import (
    MAX_ALT_TARGETS,
    StatusQuoAnalysis,
    status_quo_paths,
)
from accord.core.analysis.paths.graph import (
    MAX_PATH_NODES,
    MOVE_KINDS,
    MoveKind,
    Path,
    PathStep,
)

__all__ = [
    "MAX_ALT_TARGETS",
    "MAX_PATH_NODES",
    "MOVE_KINDS",
    "MoveKind",
    "Path",
    "PathStep",
    "StatusQuoAnalysis",
    "status_quo_paths",
]
