"""Coalition analysis: coalitional moves and improvements, C-stability, and a scan of the
individual equilibria for coalitions that can upset them (gmcr-spec §5).

Definitions used
----------------
* ``R_H(s)`` — the end states of *legal sequences* of the members' unilateral moves from
  ``s``: no decision maker twice in a row, any length ≥ 1 (§3.2).  Searched over
  (state, last mover) pairs from one origin at a time.
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

Computation: searches run from one origin at a time, with each unit's moves from a state
memoised; no states × states matrix is built.  Models with more than
:data:`MAX_SCAN_STATES` states are refused for the scan and single-origin questions, and
the all-states tables (improvements of every state, C-stability) are limited to
:data:`MAX_TABLE_STATES` states.
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
