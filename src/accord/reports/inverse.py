"""Inverse analysis results in the analyst's words (text, Markdown) and as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.core.analysis.inverse import InverseResult
    from accord.core.model import Conflict

__all__ = ["inverse_dict", "inverse_lines", "inverse_markdown"]

_CONCEPTS = {"nash": "Nash", "gmr": "GMR", "smr": "SMR", "seq": "SEQ"}


def _index(conflict: Conflict, state_id: int) -> int:
    index = conflict.states.index_of_id(state_id)
    assert index is not None
    return index


def _state_words(conflict: Conflict, index: int) -> str:
    """``state 2 [YN N: Release Water]`` — id, option pattern and the options taken."""
    from accord.core.analysis.words import state_name, taken_labels

    name = state_name(conflict, index)
    if int(conflict.states.codes[index]) < 0:
        return name
    taken = taken_labels(conflict, index)
    what = ", ".join(taken) if taken else "no option taken"
    return f"{name} [{conflict.states.pattern(index)}: {what}]"


def _ranges_words(result: InverseResult, dm: str) -> str:
    m = len(result.conflict.states)
    ranges = result.ranges[dm]
    if ranges == ((0, m),):
        return "its whole ranking"
    parts = [f"positions {a}–{b - 1}" if b - a > 1 else f"position {a}" for a, b in ranges]
    return " and ".join(parts) + " of its current ranking (0 = best)"


def _n(n: int) -> str:
    """``1,234``, or ``about 6.19 × 10^9791`` for a number too long to write out."""
    big = json_count(n)
    if isinstance(big, str):
        mantissa, exponent = big.split("e")
        return f"about {float(mantissa):.3g} × 10^{exponent}"
    return f"{n:,}"


def _plural(n: int, word: str) -> str:
    return f"{_n(n)} {word}" + ("" if n == 1 else "s")


def inverse_lines(result: InverseResult) -> list[str]:
    """The result as plain sentences, one per line."""
    c = result.conflict
    concept = _CONCEPTS[result.concept]
    target = _state_words(c, result.target)
    lines = [f"Can {target} be a {concept} equilibrium of {c.name}?"]
    for dm in result.vary:
        lines.append(f"  {dm} may rearrange {_ranges_words(result, dm)}, as a strict ranking.")
    fixed = [dm for dm in c.dm_names if dm not in result.vary]
    if fixed:
        whose = "keeps its" if len(fixed) == 1 else "keep their"
        lines.append(f"  {', '.join(fixed)} {whose} preferences.")
    choices = _plural(result.total, "choice") + " of rankings"
    if result.feasible is None:
        lines.append("Undecided: the time limit ran out before the solver could tell.")
    elif not result.feasible:
        lines.append(f"No: no choice of rankings makes it a {concept} equilibrium.")
        for dm in result.blocking:
            lines.append(
                f"  It is not {concept}-stable for {dm}, whose preferences are fixed, "
                "whatever the others prefer."
            )
    else:
        lines.append(f"Yes: it can be a {concept} equilibrium.")
    if result.counted and result.feasible is not False:
        if result.exact:
            lines.append(f"Exactly {_n(result.count or 0)} of the {choices} make it one.")
        else:
            lines.append(
                f"Between {_n(result.lower)} and {_n(result.upper)} of the {choices} make it one "
                "(not counted to the end)."
            )
    elif result.counted:
        lines.append(f"0 of the {choices} make it one.")
    if result.example:
        lines.append("Example (the closest found to the current rankings), best first:")
        for dm in result.vary:
            lines.append(f"  {dm}: {', '.join(map(str, result.example[dm]))}")
            lines.append(f"    now: {', '.join(map(str, result.current[dm]))}")
    lines.extend(f"Note: {note}" for note in result.notes)
    shown = sorted(
        {result.target_id}
        | {s for ranking in (result.example or {}).values() for s in ranking}
        | {s for ranking in result.current.values() for s in ranking}
    )
    if shown and c.states.has_patterns:
        lines.append("States (option pattern: options taken):")
        lines.extend(f"  {_state_words(c, _index(c, sid))}" for sid in shown)
    return lines


def inverse_markdown(result: InverseResult) -> str:
    """The result as a Markdown section."""
    lines = inverse_lines(result)
    out = [f"### {lines[0]}", ""]
    body = []
    for line in lines[1:]:
        if line.startswith("  "):
            body.append(f"- {line.strip()}")
        else:
            if body:
                out.extend([*body, ""])
                body = []
            out.extend([f"**{line}**" if line.startswith(("Yes", "No", "Undecided")) else line, ""])
    if body:
        out.extend([*body, ""])
    return "\n".join(out).rstrip() + "\n"


#: Counts with more digits than this are written as text (JSON readers and Python's own
#: int-to-text conversion refuse longer integers).
MAX_DIGITS = 4000


def json_count(n: int | None) -> int | str | None:
    """``n`` itself, or for a count of more than :data:`MAX_DIGITS` digits its value in
    scientific notation as text (``"6.19e9791"``)."""
    if n is None or n.bit_length() * 0.30103 < MAX_DIGITS:
        return n
    import math

    shift = max(0, n.bit_length() - 64)
    exponent = math.log10(n >> shift) + shift * math.log10(2)
    whole = math.floor(exponent)
    return f"{10 ** (exponent - whole):.6g}e{whole}"


def inverse_dict(result: InverseResult) -> dict[str, Any]:
    """The result as a JSON-ready dict (``count`` only when a count was asked for)."""
    from accord import __version__
    from accord.core.results import model_hash

    c = result.conflict
    t = result.target
    data: dict[str, Any] = {
        "accord": __version__,
        "analysis": "inverse",
        "model": c.name,
        "target": {
            "id": result.target_id,
            "pattern": c.states.pattern(t) if int(c.states.codes[t]) >= 0 else None,
            "options": (dict(c.states.taken(t)) if int(c.states.codes[t]) >= 0 else None),
        },
        "concept": result.concept,
        "vary": list(result.vary),
        "ranges": {dm: [list(r) for r in rs] for dm, rs in result.ranges.items()},
        "feasible": result.feasible,
    }
    if result.counted:
        data["count"] = json_count(result.count)
    data.update(
        {
            "exact": result.exact,
            "lower_bound": json_count(result.lower),
            "upper_bound": json_count(result.upper),
            "total": json_count(result.total),
            "example": (
                None
                if result.example is None
                else {dm: list(r) for dm, r in result.example.items()}
            ),
            "current": {dm: list(r) for dm, r in result.current.items()},
            "blocking": list(result.blocking),
            "notes": list(result.notes),
            "provenance": {
                "model_hash": model_hash(c),
                "accord_version": __version__,
                "parameters": result.parameters,
            },
        }
    )
    return data
