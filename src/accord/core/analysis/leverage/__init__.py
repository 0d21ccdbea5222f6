"""Leverage: the smallest change to some DMs' prioritised statements that makes a state stable.

Given a target state, the decision makers whose statements may change, and a budget, find
the fewest *edits* after which the target is an equilibrium under a concept (SEQ by
default).  One edit, on one DM's list of statements (most important first, gmcr-spec §7):

* move one statement one place up or down (swap it with its neighbour);
* add one statement from that DM's candidate list, at any position;
* drop one statement.

The search is breadth-first by number of edits.  Each varied DM's reachable statement lists
are enumerated level by level, duplicates removed (lists compare by the canonical text of
their conditions); the combinations whose edit counts add up to ``k`` are tested for
``k = 0, 1, …, budget`` and the search stops at the first ``k`` with an answer.  Every
answer at that ``k`` is kept (distinct resulting lists), up to a listing cap; the count of
all of them is kept too.

The package is split by idea: :mod:`.edits` (one DM's edits and the lists they reach),
:mod:`.candidates` (the candidates file), :mod:`.search` (stability at the target and the
search) and :mod:`.results` (the result types and the explanations in words).
"""

from __future__ import annotations

from accord.core.analysis.leverage.candidates import parse_candidates
from accord.core.analysis.leverage.edits import Edit
from accord.core.analysis.leverage.edits import EditKind as EditKind
from accord.core.analysis.leverage.results import Answer, Closest, Leverage
from accord.core.analysis.leverage.results import edit_phrase as edit_phrase
from accord.core.analysis.leverage.results import name_list as name_list
from accord.core.analysis.leverage.search import CONCEPTS, MAX_STATES, MAX_VARIANTS, leverage
from accord.core.model import Statement as Statement
from accord.core.model import Statements as Statements

__all__ = [
    "CONCEPTS",
    "MAX_STATES",
    "MAX_VARIANTS",
    "Answer",
    "Closest",
    "Edit",
    "Leverage",
    "leverage",
    "parse_candidates",
]
