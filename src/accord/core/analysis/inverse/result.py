"""What inverse analysis reports: :class:`InverseResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from accord.core.analysis.inverse.model import Range

if TYPE_CHECKING:
    from accord.core.model import Conflict

#: Seconds allowed for the whole analysis unless told otherwise.
DEFAULT_TIME_LIMIT = 20.0


@dataclass(frozen=True, eq=False)
class InverseResult:
    """What inverse analysis found.

    Attributes
    ----------
    conflict
        The model.
    target
        The target state, as a state index (``conflict.states.ids[target]`` is its id).
    concept
        ``nash``, ``gmr``, ``smr`` or ``seq``.
    vary
        The varied decision makers, in model order.
    ranges
        For each varied DM, its rank ranges ``[a, b)`` (0-based positions from the top of its
        current ranking); ``[(0, m)]`` when the whole ranking varies.
    feasible
        Whether some choice of rankings makes the target an equilibrium; ``None`` when the
        time limit ran out before the solver could tell.
    count
        How many choices of rankings (one strict ranking per varied DM) do so; ``None`` when
        not asked for or not finished within the time limit.
    lower, upper
        Bounds on the count: exact (``lower == upper == count``) when the count is known.
    total
        How many choices of rankings there are: the product of ``(b - a)!`` over all ranges.
    counted
        Whether a count was asked for.
    exact
        Whether ``count`` is known exactly.
    example
        For each varied DM, a ranking (state ids, best first) that makes the target an
        equilibrium, together with the other varied DMs' examples; ``None`` when none was found.
    current
        Each varied DM's current ranking as read for the analysis (state ids, best first,
        ties broken by increasing id).
    blocking
        DMs that are not varied and for whom the target is unstable whatever the varied DMs
        prefer (Nash, GMR and SMR only).
    time_limit, elapsed
        The time allowed and the time taken, in seconds.
    notes
        Remarks a reader needs (for example, that the time limit ran out).
    """

    conflict: Conflict
    target: int
    concept: str
    vary: tuple[str, ...]
    ranges: Mapping[str, tuple[Range, ...]]
    feasible: bool | None
    count: int | None
    lower: int
    upper: int
    total: int
    counted: bool
    exact: bool
    example: Mapping[str, tuple[int, ...]] | None
    current: Mapping[str, tuple[int, ...]]
    blocking: tuple[str, ...] = ()
    time_limit: float = DEFAULT_TIME_LIMIT
    elapsed: float = 0.0
    notes: tuple[str, ...] = field(default=())

    @property
    def target_id(self) -> int:
        """The target's state id."""
        return int(self.conflict.states.ids[self.target])

    @property
    def parameters(self) -> dict[str, Any]:
        """The parameters of the run, JSON-ready."""
        return {
            "target": self.target_id,
            "concept": self.concept,
            "vary": list(self.vary),
            "ranges": {dm: [list(r) for r in rs] for dm, rs in self.ranges.items()},
            "count": self.counted,
            "time_limit": self.time_limit,
        }
