"""Coalition analysis: coalitional moves and improvements, C-stability, and a scan of the
individual equilibria for coalitions that can upset them (gmcr-spec §5).

Definitions used
----------------
* ``R_H(s)`` — the end states of *legal sequences* of the members' unilateral moves from
  ``s``: no decision maker twice in a row, any length ≥ 1 (§3.2).
* ``R_H^{++}(s)`` — the states of ``R_H(s)`` that **every** member strictly prefers to ``s``;
  the intermediate states are free (§5.1, Kilgour, Hipel, Fang & Peng 2001).
* A *class* ``C`` of coalitions (a partition of the decision makers: DMs the model or the
  command line does not list are singletons).  A unit's move is its coalitional move
  ``R_G``; a singleton's move is its DM's unilateral move.  ``R_{C−H}(s)`` is the set of end
  states of legal sequences of the *other units'* moves, the same unit never twice in a row;
  ``R^{++}_{C−H}`` uses the units' coalitional improvements instead (§5.2).
* CNash, CGMR, CSMR, CSEQ for a unit ``H`` as in §5.2 (Inohara & Hipel 2008a), with
  ``q ≻_H s`` meaning every member of ``H`` strictly prefers ``q``.  With ``C`` all
  singletons they are Nash, GMR, SMR and SEQ.
* The *scan*: for each individual equilibrium ``e`` (of the chosen concepts; by default any
  of Nash, GMR, SMR, SEQ), every coalition ``H`` of two or more DMs — all such subsets of
  the decision makers, not only those of the class — with ``R_H^{++}(e) ≠ ∅``, each of its
  improvements ``q``, and whether the others can *sanction* it: reach from ``q``, by their
  legal sequences, a state that is not strictly better than ``e`` for every member of ``H``.
  The others are asked twice: as individuals (the DMs outside ``H``, each moving alone) and
  as the remaining units of the class (each unit ``G`` of ``C`` minus the members of ``H``,
  acting together; units inside ``H`` drop out).

Computation
-----------
Every origin at once (:mod:`.walks`): the walk graph of a list of units — over plain states
in option form, over (state, last unit) pairs in graph form — is condensed into its strongly
connected components (scipy.sparse.csgraph), and the analyses ask it, in passes over the
condensed DAG in topological layers:

* *coalitional improvements* ``R_H^{++}(s)``: the candidates are the states of ``s``'s fiber
  (its options outside ``H`` unchanged) that one member strictly prefers — the member with
  the fewest — kept when every member prefers them and their component is reached from
  ``s``'s (rows of bits, one per origin component asked about);
* *sanctions* by the others exist exactly when, for some member ``k``, the least payoff of
  ``k`` over what they reach from the improvement is at most ``k``'s payoff at the origin —
  one minimum per member for all states at once (CGMR, CSEQ, the scan); CSMR propagates a
  row of bits per state (one bit per origin) over ``H``'s moves and then the others';
* *shortest sequences* (a coalition's moves to its improvement, the others' sanction) are
  found by breadth-first searches run together level by level, in the order of the searches
  from one origin: the least shortest sequence, comparing (mover, state) steps in turn.  In
  option form a coalition's move usually needs each member whose options differ to move
  once: the first feasible order of those members is taken directly.

``method="search"`` (on :func:`analyze_coalitions`, :func:`scan`,
:func:`coalition_stability`, :func:`coalition_table`, :class:`Coalitions`) runs the searches
from one origin at a time instead; the tests check that both give identical results.

Limits: models of more than :data:`MAX_SCAN_STATES` (2^16) states are refused for the scan,
single-origin questions and status quo paths with coalitional steps; the all-states tables
(every state's improvements, C-stability) take at most :data:`MAX_TABLE_STATES` (2^13)
states: they list pairs of states, and C-stability keeps states × states bits (8 MB at
2^13).  Reachability rows are built in chunks of at most 32 MB
(:data:`.walks.BITS_BUDGET`), so memory stays near the size of the move graphs plus the
results.
"""

from accord.core.analysis.coalitions.c_stability import (
    C_CONCEPTS,
    CoalitionStability,
    coalition_stability,
)
from accord.core.analysis.coalitions.moves import (
    MAX_SCAN_STATES,
    MAX_TABLE_STATES,
    Coalitions,
    Method,
    Unit,
    coalition_class,
    coalition_improvements,
    coalition_moves,
    coalition_path,
    coalition_table,
    coalitions_of,
    parse_class,
    unit_name,
)
from accord.core.analysis.coalitions.scan import (
    CoalitionAnalysis,
    Improvement,
    ScanEntry,
    analyze_coalitions,
    scan,
)

__all__ = [
    "C_CONCEPTS",
    "MAX_SCAN_STATES",
    "MAX_TABLE_STATES",
    "CoalitionAnalysis",
    "CoalitionStability",
    "Coalitions",
    "Improvement",
    "Method",
    "ScanEntry",
    "Unit",
    "analyze_coalitions",
    "coalition_class",
    "coalition_improvements",
    "coalition_moves",
    "coalition_path",
    "coalition_stability",
    "coalition_table",
    "coalitions_of",
    "parse_class",
    "scan",
    "unit_name",
]
