"""What changed between two revisions of a model, as text lines, Markdown and JSON.

States are described in the words of the conflict report
(:func:`accord.reports.document.phrases.state_words`), each in the revision where it is an
equilibrium: the new model for a state that became one, the old model for a state that
stopped being one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.core.analysis.diff import ConceptDiff, ModelDiff, StateChange
    from accord.core.model import Conflict

__all__ = ["FORMAT", "MAX_LISTED", "diff_dict", "diff_lines", "diff_markdown"]

#: Identifies the layout of the JSON document.
FORMAT = "accord-diff/1"

#: Text and Markdown list at most this many states per list; JSON lists all.
MAX_LISTED = 25


def _title(concept: str) -> str:
    from accord.reports.stability import concept_title

    return concept_title(concept)


def _words(conflict: Conflict, state_id: int | None) -> str:
    from accord.reports.document.phrases import state_words

    if state_id is None:
        return ""
    index = conflict.states.index_of_id(state_id)
    return "" if index is None else state_words(conflict, index)


def _ids(s: StateChange, became: bool) -> str:
    """``state 7 (old id 5)``: the id where the state is an equilibrium, then the other."""
    if became:
        other = "no old counterpart" if s.old_id is None else f"old id {s.old_id}"
        return f"state {s.new_id} ({other})"
    other = "no new counterpart" if s.new_id is None else f"new id {s.new_id}"
    return f"state {s.old_id} ({other})"


def _state_lines(d: ModelDiff, c: ConceptDiff, became: bool) -> list[str]:
    states = c.became if became else c.stopped
    conflict = d.new if became else d.old
    shown = states[:MAX_LISTED]
    out = [
        f"{_ids(s, became)}: {_words(conflict, s.new_id if became else s.old_id)}" for s in shown
    ]
    if len(states) > len(shown):
        out.append(f"… and {len(states) - len(shown):,} more (the JSON output lists all)")
    return out


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _heading(d: ModelDiff) -> str:
    a, b = d.old.name, d.new.name
    names = a if a == b else f"{a} → {b}"
    return f"What changed in {names} ({d.states_before:,} → {d.states_after:,} feasible states)"


def _count_line(c: ConceptDiff) -> str:
    noun = "equilibrium" if c.unchanged == 1 else "equilibria"
    return (
        f"{_title(c.concept)}: {c.before:,} → {c.after:,} equilibria; "
        f"unchanged: {c.unchanged:,} {noun} under {_title(c.concept)}"
    )


def diff_lines(d: ModelDiff) -> list[str]:
    """The comparison as plain lines: the model changes, then the equilibria per concept."""
    lines = [_heading(d)]
    if d.identical:
        lines.append("No differences: the two models are the same, and so are their equilibria.")
    if d.changes:
        lines.append(f"The model ({_plural(len(d.changes), 'change')}):")
        lines.extend(f"  - {c.text}" for c in d.changes)
    elif not d.identical:
        lines.append("The model: no changes.")
    lines.append("Equilibria:")
    for c in d.equilibria:
        lines.append(f"  {_count_line(c)}")
        if c.became:
            lines.append(f"    became an equilibrium ({len(c.became):,}):")
            lines.extend(f"      {s}" for s in _state_lines(d, c, became=True))
        if c.stopped:
            lines.append(f"    stopped being an equilibrium ({len(c.stopped):,}):")
            lines.extend(f"      {s}" for s in _state_lines(d, c, became=False))
    return lines


def diff_markdown(d: ModelDiff) -> str:
    """The comparison as a Markdown section with a table of equilibrium counts."""
    out = [f"## {_heading(d)}", ""]
    if d.identical:
        out += ["No differences: the two models are the same, and so are their equilibria.", ""]
    out += ["### The model", ""]
    if d.changes:
        out += [f"- {c.text}" for c in d.changes]
    else:
        out.append("No changes.")
    out += [
        "",
        "### Equilibria",
        "",
        "| Concept | Before | After | Unchanged | Became | Stopped |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    out += [
        f"| {_title(c.concept)} | {c.before:,} | {c.after:,} | {c.unchanged:,} | "
        f"{len(c.became):,} | {len(c.stopped):,} |"
        for c in d.equilibria
    ]
    out.append("")
    for c in d.equilibria:
        if not c.changed:
            continue
        out += [f"#### {_title(c.concept)}", ""]
        if c.became:
            out += ["Became an equilibrium:", ""]
            out += [f"- {s}" for s in _state_lines(d, c, became=True)]
            out.append("")
        if c.stopped:
            out += ["Stopped being an equilibrium:", ""]
            out += [f"- {s}" for s in _state_lines(d, c, became=False)]
            out.append("")
        noun = "equilibrium" if c.unchanged == 1 else "equilibria"
        out += [f"Unchanged: {c.unchanged:,} {noun} under {_title(c.concept)}.", ""]
    return "\n".join(out).rstrip() + "\n"


def _taken(conflict: Conflict, state_id: int | None) -> list[str] | None:
    """The options taken at a state, by name (``None`` without an option pattern)."""
    if state_id is None:
        return None
    index = conflict.states.index_of_id(state_id)
    if index is None or int(conflict.states.codes[index]) < 0:
        return None
    return [name for name, on in conflict.states.taken(index).items() if on]


def _state_dict(d: ModelDiff, s: StateChange, became: bool) -> dict[str, Any]:
    conflict = d.new if became else d.old
    sid = s.new_id if became else s.old_id
    return {
        "old_id": s.old_id,
        "new_id": s.new_id,
        "taken": _taken(conflict, sid),
        "description": _words(conflict, sid),
    }


def _model_dict(conflict: Conflict) -> dict[str, Any]:
    from accord.core.results import model_hash

    return {
        "name": conflict.name,
        "title": conflict.metadata.title,
        "form": "graph" if conflict.is_graph_form else "option",
        "states": len(conflict.states),
        "model_hash": model_hash(conflict),
    }


def diff_dict(d: ModelDiff) -> dict[str, Any]:
    """The comparison as a JSON-ready dict (``accord-diff/1``)."""
    from accord import __version__

    return {
        "format": FORMAT,
        "accord": __version__,
        "old": _model_dict(d.old),
        "new": _model_dict(d.new),
        "identical": d.identical,
        "matching": d.matching,
        "concepts": list(d.concepts),
        "changes": [
            {
                "kind": c.kind,
                "text": c.text,
                "dm": c.dm,
                "subject": c.subject,
                "before": c.before,
                "after": c.after,
            }
            for c in d.changes
        ],
        "equilibria": {
            c.concept: {
                "before": c.before,
                "after": c.after,
                "unchanged": c.unchanged,
                "became": [_state_dict(d, s, became=True) for s in c.became],
                "stopped": [_state_dict(d, s, became=False) for s in c.stopped],
            }
            for c in d.equilibria
        },
    }
