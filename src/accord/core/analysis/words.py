"""Say states, moves and explanations in the analyst's words: labels and DM names."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accord.core.analysis.explain import Explanation, Step
    from accord.core.model import Conflict

__all__ = ["changed_options", "describe_move", "explanation_lines", "state_name", "taken_labels"]


def state_name(conflict: Conflict, index: int) -> str:
    """``state 7`` — with the graph-form label when there is one."""
    sid = int(conflict.states.ids[index])
    if conflict.graph is not None:
        label = conflict.graph.states[index].label
        if label:
            return f"state {sid} ({label})"
    return f"state {sid}"


def taken_labels(conflict: Conflict, index: int) -> list[str]:
    """Labels of the options taken at a state (its representative, in graph form)."""
    taken = conflict.states.taken(index) if int(conflict.states.codes[index]) >= 0 else {}
    return [conflict.option(name).title for name, on in taken.items() if on]


def changed_options(conflict: Conflict, source: int, target: int) -> tuple[list[str], list[str]]:
    """Option names taken and withdrawn between two states (empty without patterns)."""
    codes = conflict.states.codes
    a, b = int(codes[source]), int(codes[target])
    if a < 0 or b < 0:
        return [], []
    names = conflict.option_names
    taken = [n for t, n in enumerate(names) if not a >> t & 1 and b >> t & 1]
    dropped = [n for t, n in enumerate(names) if a >> t & 1 and not b >> t & 1]
    return taken, dropped


def describe_move(conflict: Conflict, step: Step) -> str:
    """``Uniroyal: state 5 → state 7 (takes 'Accept the order'; stops 'Delay')``."""
    taken, dropped = changed_options(conflict, step.source, step.target)
    parts = [f"takes {conflict.option(n).title!r}" for n in taken]
    parts += [f"stops {conflict.option(n).title!r}" for n in dropped]
    how = f" ({'; '.join(parts)})" if parts else ""
    return (
        f"{step.mover}: {state_name(conflict, step.source)} → "
        f"{state_name(conflict, step.target)}{how}"
    )


_CONCEPT_NAMES = {
    "nash": "Nash",
    "gmr": "GMR",
    "smr": "SMR",
    "seq": "SEQ",
}


def explanation_lines(expl: Explanation) -> list[str]:
    """The reasons for one state, DM and concept, as plain sentences (one per line)."""
    c = expl.conflict
    name = state_name(c, expl.state)
    concept = _CONCEPT_NAMES.get(expl.concept, expl.concept)
    verdict = f"{concept}-stable" if expl.stable else f"not {concept}-stable"
    lines = [f"{name} is {verdict} for {expl.dm} (payoff {expl.payoff} there)."]
    if not expl.improvements:
        lines.append(f"{expl.dm} has no unilateral improvement from {name}.")
        return lines
    lines.append(f"{expl.dm} can improve unilaterally to:")
    for d in expl.improvements:
        head = f"  → {state_name(c, d.target)} (payoff {d.payoff})"
        lines.append(head)
        step = describe_move(c, _first_step(expl, d.target))
        lines.append(f"      by {step}")
        if expl.concept == "nash":
            lines.append(
                "      Nash stability does not consider sanctions: this move unsettles the state."
            )
        elif d.sanction is None:
            who = "credible " if expl.concept == "seq" else ""
            lines.append(
                f"      no {who}sanction: the others cannot leave {expl.dm} at payoff "
                f"{expl.payoff} or less from there."
            )
        else:
            moves = "1 move" if len(d.sanction) == 1 else f"{len(d.sanction)} moves"
            lines.append(f"      deterred: the others can answer in {moves}:")
            lines.extend(f"        {k}. {describe_move(c, s)}" for k, s in enumerate(d.sanction, 1))
            tail = f"      leaving {expl.dm} with payoff {d.outcome_payoff} ≤ {expl.payoff}"
            if expl.concept == "smr":
                tail += ", even after its best counter-move"
            lines.append(tail + ".")
    return lines


def _first_step(expl: Explanation, target: int) -> Step:
    from accord.core.analysis.explain import Step

    return Step(expl.dm, expl.state, target)
