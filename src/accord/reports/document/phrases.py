"""Words for a reader who has not seen the model: options, conditions, states and moves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from accord.core.analysis.words import changed_options, state_name

if TYPE_CHECKING:
    from accord.core.analysis.explain import Step
    from accord.core.language import Expr
    from accord.core.model import Conflict

__all__ = [
    "CONCEPT_TITLES",
    "condition_words",
    "count",
    "move_words",
    "name_list",
    "option_words",
    "ordinal",
    "possessive",
    "quoted",
    "state_label",
    "state_words",
    "step_words",
]

#: Concept names as written in sentences.
CONCEPT_TITLES = {"nash": "Nash", "gmr": "GMR", "smr": "SMR", "seq": "SEQ"}


def quoted(text: str) -> str:
    """``“text”``."""
    return f"“{text}”"


def possessive(name: str) -> str:
    """``Russia's``, ``Voters'``."""
    return name + ("'" if name.endswith("s") else "'s")


def name_list(names: Sequence[str], conjunction: str = "and") -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def count(n: int, noun: str, plural: str = "") -> str:
    """``1 state``, ``3 states``, ``1,024 states``."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``11th``, ``23rd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def option_words(conflict: Conflict, name: str) -> str:
    """An option by its label, quoted."""
    return quoted(conflict.option(name).title)


def _words(conflict: Conflict, expr: Expr, top: bool = True) -> str:
    from accord.core.language import And, If, Iff, Name, Not, Or

    def inner(e: Expr) -> str:
        text = _words(conflict, e, top=False)
        return text if isinstance(e, Name | Not) else f"({text})"

    if isinstance(expr, Name):
        return option_words(conflict, expr.name)
    if isinstance(expr, Not):
        return "not " + inner(expr.operand)
    if isinstance(expr, And):
        return name_list([inner(e) for e in expr.items])
    if isinstance(expr, Or):
        return name_list([inner(e) for e in expr.items], "or")
    if isinstance(expr, If):
        return f"{inner(expr.consequent)} whenever {inner(expr.condition)}"
    assert isinstance(expr, Iff)
    return f"{inner(expr.left)} exactly when {inner(expr.right)}"


def condition_words(conflict: Conflict, text: str) -> str:
    """A condition with option labels and plain connectives.

    ``accept IF -modify`` → ``“Accept the order” whenever not “Modify the order”``.
    """
    from accord.core.language import parse_condition

    return _words(conflict, parse_condition(text))


def state_label(conflict: Conflict, index: int) -> str:
    """``state 7`` (with the graph-form label when there is one)."""
    return state_name(conflict, index)


def state_words(conflict: Conflict, index: int) -> str:
    """What happens at a state: per decision maker, the options it takes.

    ``Uniroyal: Accept the current control order. Local Government: Insist …. MoE takes none
    of its options.``  States without an option pattern (graph form) give their label.
    """
    space = conflict.states
    code = int(space.codes[index])
    if code < 0:
        label = conflict.graph.states[index].label if conflict.graph is not None else ""
        return label or "a state without an option pattern"
    parts: list[str] = []
    idle: list[str] = []
    for dm in conflict.decision_makers:
        taken = [o.title for o in dm.options if code >> space.bits[o.name] & 1]
        if taken:
            parts.append(f"{dm.name}: {'; '.join(taken)}.")
        elif dm.options:
            idle.append(dm.name)
    if not parts:
        return "No decision maker takes any of its options."
    if idle:
        verb = "takes none of its options" if len(idle) == 1 else "take none of their options"
        parts.append(f"{name_list(idle)} {verb}.")
    return " ".join(parts)


def move_words(conflict: Conflict, source: int, target: int) -> str:
    """What changes between two states: ``starts “A”; stops “B”`` (empty without patterns)."""
    taken, dropped = changed_options(conflict, source, target)
    parts = [f"starts {option_words(conflict, n)}" for n in taken]
    parts += [f"stops {option_words(conflict, n)}" for n in dropped]
    return "; ".join(parts)


def step_words(conflict: Conflict, step: Step) -> str:
    """``Uniroyal moves to state 7 (starts “Accept …”; stops “Delay …”)``."""
    how = move_words(conflict, step.source, step.target)
    return f"{step.mover} moves to {state_label(conflict, step.target)}" + (
        f" ({how})" if how else ""
    )
