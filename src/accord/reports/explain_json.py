"""Explanations as JSON: improvements, sanctions and their moves, with names and labels."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.core.analysis.explain import Explanation, Step

__all__ = ["explanation_dict"]


def _step(expl: Explanation, step: Step) -> dict[str, Any]:
    from accord.core.analysis.words import changed_options

    ids = expl.conflict.states.ids
    taken, dropped = changed_options(expl.conflict, step.source, step.target)
    return {
        "mover": step.mover,
        "from": int(ids[step.source]),
        "to": int(ids[step.target]),
        "takes": taken,
        "withdraws": dropped,
    }


def explanation_dict(expl: Explanation) -> dict[str, Any]:
    """One explanation as a JSON-ready dict."""
    from accord import __version__
    from accord.core.analysis.explain import Step

    ids = expl.conflict.states.ids
    return {
        "accord": __version__,
        "state": int(ids[expl.state]),
        "dm": expl.dm,
        "concept": expl.concept,
        "stable": expl.stable,
        "payoff": expl.payoff,
        "improvements": [
            {
                "to": int(ids[d.target]),
                "payoff": d.payoff,
                "move": _step(expl, Step(expl.dm, expl.state, d.target)),
                "sanctioned": d.sanction is not None,
                "sanction": None if d.sanction is None else [_step(expl, s) for s in d.sanction],
                "outcome": None if d.outcome is None else int(ids[d.outcome]),
                "outcome_payoff": d.outcome_payoff,
            }
            for d in expl.improvements
        ],
    }
