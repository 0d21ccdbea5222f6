"""Sections 1 and 2: the question, and the model in words (with footnote marks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.core.model import PayoffVector, Ranking, Statements
from accord.reports.document.data import (
    DMEntry,
    Marked,
    ModelSection,
    OptionEntry,
    QuestionSection,
)
from accord.reports.document.phrases import (
    condition_words,
    count,
    name_list,
    possessive,
    quoted,
    state_label,
    state_words,
)

if TYPE_CHECKING:
    from accord.core.model import Conflict, DecisionMaker
    from accord.reports.document.evidence import Footnotes

__all__ = ["describe_model", "question_section", "state_summary"]

#: At most this many states of an explicit ranking are named.
MAX_RANKED = 8


def state_summary(conflict: Conflict, index: int) -> str:
    """``state 7 — Uniroyal: Accept …``."""
    return f"{state_label(conflict, index)} — {state_words(conflict, index)}"


def question_section(conflict: Conflict, focus: int | None) -> QuestionSection:
    """Section 1: the model's question, or one built from its name and description."""
    meta = conflict.metadata
    focus_text = "" if focus is None else state_summary(conflict, focus)
    if meta.question.strip():
        return QuestionSection(" ".join(meta.question.split()), True, focus_text)
    title = meta.title or conflict.name
    text = (
        f"How can the conflict “{title}” between {name_list(list(conflict.dm_names))} "
        "unfold: which outcomes would hold once reached, why, and can today's situation "
        "lead to them?"
    )
    return QuestionSection(text, False, focus_text)


def _reversibility(conflict: Conflict, dm: DecisionMaker, name: str) -> tuple[str, str]:
    """(short words for the table, a sentence for the list of what cannot be undone)."""
    if conflict.is_graph_form:
        return "as the moves allow", ""
    rev = conflict.option(name).reversibility
    title = quoted(conflict.option(name).title)
    if rev == "take_only":
        return "no: once taken, it stays", f"Once {dm.name} takes {title}, it cannot withdraw it."
    if rev == "withdraw_only":
        return (
            "no: once stopped, it stays stopped",
            f"Once {dm.name} stops {title}, it cannot take it up again.",
        )
    return "yes", ""


def _taken(conflict: Conflict, index: int | None, name: str) -> bool | None:
    if index is None or int(conflict.states.codes[index]) < 0:
        return None
    return bool(conflict.states.taken(index)[name])


def _wants(conflict: Conflict, dm: str, notes: Footnotes) -> tuple[str, tuple[Marked, ...]]:
    pref = conflict.preferences[dm]
    if isinstance(pref, Statements):
        items = []
        for k, st in enumerate(pref.items):
            words = st.label or condition_words(conflict, st.text)
            items.append(Marked(words, notes.marks(f"{dm}.preferences[{k}]"), st.text))
        if not items:
            return f"{dm} states no priorities: it is indifferent between all states.", ()
        intro = f"What {dm} wants, most important first (each aim outweighs all those below it):"
        return intro, tuple(items)
    ref_notes = notes.marks(f"{dm}.preferences")
    space = conflict.states
    if isinstance(pref, Ranking):
        shown = []
        for group in pref.groups[:MAX_RANKED]:
            members = [space.resolve(r) for r in group]
            if len(members) == 1:
                shown.append(state_summary(conflict, members[0]))
            else:
                shown.append(" = ".join(state_label(conflict, m) for m in members))
        places = len(pref.groups)
        remarks = []
        if places > len(shown):
            remarks.append(f"the first {len(shown)} of {places} places")
        if any(len(g) > 1 for g in pref.groups):
            remarks.append("states joined by = tie")
        intro = f"{dm} ranks the states directly, best first" + (
            f" ({'; '.join(remarks)}):" if remarks else ":"
        )
        items = [Marked(text) for text in shown]
        if items:
            items[0] = Marked(items[0].text, ref_notes)
        return intro, tuple(items)
    assert isinstance(pref, PayoffVector)
    best = int(pref.values.argmax())
    return (
        f"{possessive(dm)} payoffs are given as numbers; its most preferred state is "
        f"{state_label(conflict, best)}.",
        (Marked("payoffs given directly", ref_notes),),
    )


def describe_model(conflict: Conflict, focus: int | None, notes: Footnotes) -> ModelSection:
    """Section 2.  Footnote numbers are assigned in the order the section mentions elements."""
    space = conflict.states
    n_states = len(space)
    sq = None if conflict.status_quo is None else space.resolve(conflict.status_quo)
    n_options = len(conflict.option_names)
    dm_marks = {dm.name: notes.marks(dm.name) for dm in conflict.decision_makers}
    dms: list[tuple[DecisionMaker, tuple[OptionEntry, ...]]] = []
    irreversible = []
    for dm in conflict.decision_makers:
        options = []
        for o in dm.options:
            short, sentence = _reversibility(conflict, dm, o.name)
            if sentence:
                irreversible.append(sentence)
            options.append(
                OptionEntry(
                    name=o.name,
                    title=Marked(o.title, notes.marks(f"{dm.name}.{o.name}")),
                    description=o.description,
                    reversibility=short,
                    status_quo=_taken(conflict, sq, o.name),
                    focus=_taken(conflict, focus, o.name),
                )
            )
        dms.append((dm, tuple(options)))
    impossible = tuple(
        Marked(
            inf.label or condition_words(conflict, inf.condition),
            notes.marks(f"infeasible[{k}]"),
            inf.condition,
        )
        for k, inf in enumerate(conflict.infeasible)
    )
    entries = []
    for dm, entries_of_dm in dms:
        intro, wants = _wants(conflict, dm.name, notes)
        entries.append(
            DMEntry(
                name=Marked(dm.name, dm_marks[dm.name]),
                label=dm.label if dm.label and dm.label != dm.name else "",
                description=dm.description,
                options=entries_of_dm,
                wants=wants,
                wants_intro=intro,
            )
        )
    status_quo = (
        None if sq is None else Marked(state_summary(conflict, sq), notes.marks("status_quo"))
    )
    if conflict.is_graph_form:
        summary = (
            f"{count(len(conflict.dm_names), 'decision maker')} and "
            f"{count(n_states, 'state')}, with the moves between them given explicitly."
        )
    else:
        summary = (
            f"{count(len(conflict.dm_names), 'decision maker')} control "
            f"{count(n_options, 'option')} between them, each taken or not. Of the "
            f"{2**n_options:,} combinations, {count(n_states, 'is', 'are')} possible: "
            f"{count(n_states, 'feasible state')}, numbered 1 to {n_states:,}."
        )
    return ModelSection(
        summary=summary,
        dms=tuple(entries),
        impossible=impossible,
        irreversible=tuple(irreversible),
        status_quo=status_quo,
        focus="" if focus is None else state_summary(conflict, focus),
        n_states=n_states,
        n_options=n_options,
        graph_form=conflict.is_graph_form,
    )
