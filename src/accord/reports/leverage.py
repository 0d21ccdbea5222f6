"""Leverage results: plain text for a terminal, Markdown, and JSON-ready dicts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.core.analysis.leverage import Edit, Leverage
    from accord.core.model import Statement

__all__ = ["leverage_dict", "leverage_lines", "leverage_markdown"]

_TITLES = {"nash": "Nash", "gmr": "GMR", "smr": "SMR", "seq": "SEQ"}


def _statement(s: Statement) -> dict[str, str]:
    return {"text": s.text, "label": s.label}


def _edit(e: Edit) -> dict[str, Any]:
    from accord.core.analysis.leverage import edit_phrase

    return {
        "dm": e.dm,
        "kind": e.kind,
        "statement": _statement(e.statement),
        "index_before": e.index_before,
        "index_after": e.index_after,
        "words": edit_phrase(e),
    }


def leverage_dict(result: Leverage) -> dict[str, Any]:
    """A leverage result as a JSON-ready dict (documented in docs/results-schema.md)."""
    from accord import __version__
    from accord.core.results import model_hash

    closest = result.closest
    return {
        "accord": __version__,
        "target": result.target_id,
        "concept": result.concept,
        "vary": list(result.vary),
        "budget": result.budget,
        "already_stable": result.already_stable,
        "edits": result.edits,
        "count": result.count,
        "answers": [
            {
                "edits": [_edit(e) for e in a.edits],
                "preferences": {
                    dm: [_statement(s) for s in items] for dm, items in a.preferences.items()
                },
                "explanation": list(a.explanation),
            }
            for a in result.answers
        ],
        "more": result.more,
        "unstable_before": list(result.unstable_before),
        "closest": None
        if closest is None
        else {"edits": [_edit(e) for e in closest.edits], "unstable": list(closest.unstable)},
        "searched": result.searched,
        "notes": list(result.notes),
        "provenance": {
            "model_hash": model_hash(result.conflict),
            "accord_version": __version__,
            "parameters": {
                "target": result.target_id,
                "concept": result.concept,
                "vary": list(result.vary),
                "budget": result.budget,
            },
        },
    }


def _headline(result: Leverage) -> str:
    from accord.core.analysis.leverage import name_list

    title = _TITLES.get(result.concept, result.concept)
    state = f"state {result.target_id}"
    who = name_list(result.vary)
    if result.edits is None:
        return (
            f"No change of at most {result.budget} edit(s) to the statements of {who} makes "
            f"{state} a {title} equilibrium."
        )
    if result.edits == 0:
        return f"{state} is already a {title} equilibrium: no edit is needed."
    n = "1 edit" if result.edits == 1 else f"{result.edits} edits"
    ways = "1 way" if result.count == 1 else f"{result.count} ways"
    state = state[0].upper() + state[1:]
    return (
        f"{state} becomes a {title} equilibrium with {n} to the statements of {who} "
        f"({ways}; the edits may fall on any of them)."
    )


def _tail(result: Leverage) -> list[str]:
    from accord.core.analysis.leverage import edit_phrase, name_list

    lines: list[str] = []
    if result.more > 0:
        lines.append(f"… and {result.more} more (raise --max-answers to list them).")
    if result.edits is None:
        if result.unstable_before:
            lines.append(
                f"Now {_state_of(result)} is unstable for {name_list(result.unstable_before)}."
            )
        if result.closest is not None:
            c = result.closest
            changes = "; ".join(edit_phrase(e) for e in c.edits)
            left = name_list(c.unstable)
            lines.append(
                f"Closest: if {changes}, it stays unstable only for {left} "
                f"({len(c.unstable)} of {len(result.conflict.dm_names)} DMs)."
            )
        elif result.searched > 1:
            lines.append("No variant within the budget leaves fewer DMs unstable.")
    lines.extend(f"Note: {n}." for n in result.notes)
    lines.append(f"({result.searched:,} preference variant(s) tested.)")
    return lines


def _state_of(result: Leverage) -> str:
    return f"state {result.target_id}"


def leverage_lines(result: Leverage) -> list[str]:
    """The result as plain sentences: headline, each answer and its reasons, what is left."""
    lines = [_headline(result)]
    for k, answer in enumerate(result.answers, 1):
        lines.append("")
        if result.edits:
            lines.append(f"Answer {k}:")
        lines.extend(f"  {line}" for line in answer.explanation)
        for dm, items in answer.preferences.items():
            if any(e.dm == dm for e in answer.edits):
                shown = "; ".join(s.label or s.text for s in items) or "(no statements)"
                lines.append(f"  {dm}'s statements now: {shown}")
    tail = _tail(result)
    if tail:
        lines.append("")
        lines.extend(tail)
    return lines


def leverage_markdown(result: Leverage) -> str:
    """The result in Markdown: a heading per answer, the new statement lists numbered."""
    out = [f"**{_headline(result)}**", ""]
    for k, answer in enumerate(result.answers, 1):
        if result.edits:
            out += [f"### Answer {k}", ""]
        out += [f"- {line}" for line in answer.explanation]
        for dm, items in answer.preferences.items():
            if any(e.dm == dm for e in answer.edits):
                out += ["", f"{dm}'s statements now, most important first:", ""]
                out += [
                    f"{j}. `{s.text}`" + (f" — {s.label}" if s.label else "")
                    for j, s in enumerate(items, 1)
                ]
        out.append("")
    tail = _tail(result)
    if tail:
        out += [f"- {line}" for line in tail]
    return "\n".join(out).rstrip("\n") + "\n"
