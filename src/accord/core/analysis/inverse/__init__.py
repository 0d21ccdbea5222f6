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

from accord.core.analysis.inverse.model import current_ranking
from accord.core.analysis.inverse.result import DEFAULT_TIME_LIMIT, InverseResult
from accord.core.analysis.inverse.search import INVERSE_CONCEPTS, inverse

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "INVERSE_CONCEPTS",
    "InverseResult",
    "current_ranking",
    "inverse",
]
