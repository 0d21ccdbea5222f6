"""Solution concepts: one module each, one registry, one signature.

Each concept is a function ``stable(ctx, dm) -> mask`` over the states of a
:class:`~accord.core.stability.context.Context`.  To add a concept, add a module and an
entry in :data:`CONCEPTS`.  Parametrised concepts are named ``lh:H`` (limited-move stability
with horizon H) and ``nm`` (non-myopic); both are defined for two decision makers.
"""

from __future__ import annotations

from collections.abc import Callable

from accord._types import BoolArray
from accord.core.stability import gmr, nash, seq, smr
from accord.core.stability.context import Context
from accord.errors import AnalysisError

__all__ = ["CONCEPTS", "DEFAULT_CONCEPTS", "Context", "parse_concepts"]

#: Concepts that take only a DM.
CONCEPTS: dict[str, Callable[[Context, str], BoolArray]] = {
    "nash": nash.stable,
    "gmr": gmr.stable,
    "smr": smr.stable,
    "seq": seq.stable,
}
#: What an analysis computes unless told otherwise.
DEFAULT_CONCEPTS = ("nash", "gmr", "smr", "seq")

#: One plain sentence on what each concept assumes.
DESCRIPTIONS = {
    "nash": "a DM stays put when it has no unilateral move to a state it prefers",
    "gmr": "a DM stays put when any move it prefers can be answered by the others, "
    "even at their own expense, leaving it no better off",
    "smr": "as GMR, and the DM cannot escape the others' answer with a counter-move",
    "seq": "a DM stays put when any move it prefers can be answered by the others with "
    "moves that each improve the mover's own position, leaving it no better off",
    "lh": "DMs look h moves ahead, each moving only towards outcomes it prefers",
    "nm": "DMs look arbitrarily far ahead (the limit of L_h)",
}


def parse_concepts(text: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Normalise a list of concept names such as ``"nash,gmr,lh:3,nm"``.

    Raises
    ------
    AnalysisError
        For an unknown concept or a bad horizon, with the list of known ones.
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    out: list[str] = []
    for raw in items:
        name = raw.strip().lower()
        if not name:
            continue
        if name == "all":
            out.extend(c for c in DEFAULT_CONCEPTS if c not in out)
            continue
        if name.startswith("lh"):
            _, _, h = name.partition(":")
            if not h.strip().isdigit() or int(h) < 1:
                raise AnalysisError(
                    f"limited-move stability is written lh:H with a horizon H ≥ 1 (got {raw.strip()!r})"
                )
            name = f"lh:{int(h)}"
        elif name not in CONCEPTS and name != "nm":
            from accord.core.validate import suggest

            hint = suggest(name, [*CONCEPTS, "nm", "lh:2"])
            raise AnalysisError(
                f"unknown solution concept {raw.strip()!r}: accord knows nash, gmr, smr, seq, "
                f"lh:H and nm{'; ' + hint if hint else ''}"
            )
        if name not in out:
            out.append(name)
    if not out:
        raise AnalysisError("name at least one solution concept, e.g. nash,gmr,smr,seq")
    return tuple(out)
