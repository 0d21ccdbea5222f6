"""Sections 3 and 4: the equilibria under each concept, and why states hold or not, in words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from accord.core.analysis.explain import explain
from accord.core.stability import DESCRIPTIONS
from accord.reports.document.data import (
    Block,
    Bullet,
    ConceptEntry,
    EquilibriaSection,
    EquilibriumRow,
    StabilitySection,
)
from accord.reports.document.phrases import (
    CONCEPT_TITLES,
    count,
    move_words,
    name_list,
    state_label,
    state_words,
    step_words,
)

if TYPE_CHECKING:
    from accord.core.analysis.explain import Deterrence, Explanation
    from accord.core.model import Conflict
    from accord.core.results import StabilityAnalysis
    from accord.core.stability.context import Context

__all__ = [
    "ASSUMPTIONS",
    "concept_list",
    "deterrence_words",
    "equilibria_section",
    "sentence",
    "stability_section",
]

#: What each concept assumes about the decision makers, in plain words.
ASSUMPTIONS = {
    "nash": "Short-sighted decision makers: each one changes course as soon as a change of "
    "its own makes it better off, without asking how the others might reply.",
    "gmr": "Cautious decision makers: each one holds back from a change that the others "
    "could punish, leaving it no better off than before, even if punishing would hurt "
    "them too.",
    "smr": "Cautious decision makers who look one step further: as under GMR, but a "
    "decision maker also asks whether it could escape the punishment with a further "
    "change of its own.",
    "seq": "Decision makers who fear only credible threats: each one holds back from a "
    "change only if the others could punish it with steps that are each good for whoever "
    "takes them.",
}
#: At most this many state ids are listed in a sentence.
MAX_IDS = 12
#: At most this many rows in the table of equilibria.
MAX_ROWS = 15
#: At most this many equilibria are described in words.
MAX_DESCRIBED = 6
#: At most this many moves per decision maker are explained.
MAX_MOVES = 2
#: Above this many states, the status quo's moves are explained one by one only under the
#: concepts where every move is deterred (a move nothing deters costs a whole search).
EXPLAIN_ALL_STATES = 1 << 12


def concept_list(concepts: Sequence[str], conjunction: str = "and") -> str:
    """``Nash, GMR and SEQ``."""
    return name_list([CONCEPT_TITLES[c] for c in concepts], conjunction)


def _ids(ids: Sequence[int]) -> str:
    shown = [str(i) for i in ids[:MAX_IDS]]
    more = len(ids) - len(shown)
    if more:
        return ", ".join(shown) + f" and {more:,} more"
    return name_list(shown)


def stability_section(
    analysis: StabilityAnalysis,
    ranked: Sequence[int],
    roles: dict[int, tuple[str, ...]],
) -> StabilitySection:
    """Section 3: one entry per concept and a table of (the first) equilibria."""
    conflict = analysis.conflict
    n = len(conflict.states)
    entries = []
    for c in analysis.concepts:
        ids = analysis.equilibrium_ids(c)
        title = CONCEPT_TITLES[c]
        if not ids:
            sentence = f"Under {title}, no state is an equilibrium."
        elif len(ids) == 1:
            sentence = (
                f"Under {title}, exactly one of the {n:,} states is an equilibrium: {ids[0]}."
            )
        else:
            sentence = (
                f"Under {title}, {len(ids):,} of the {n:,} states are equilibria: {_ids(ids)}."
            )
        entries.append(
            ConceptEntry(c, title, ASSUMPTIONS[c], DESCRIPTIONS[c], tuple(ids), sentence)
        )
    rows = []
    for s in ranked[:MAX_ROWS]:
        flags = tuple(bool(analysis.results[c].equilibria[s]) for c in analysis.concepts)
        rows.append(
            EquilibriumRow(
                int(conflict.states.ids[s]), state_words(conflict, s), flags, roles.get(s, ())
            )
        )
    omitted = ""
    if len(ranked) > MAX_ROWS:
        omitted = (
            f"The table shows {MAX_ROWS} of the {len(ranked):,} equilibria: the status quo and "
            "the focus state when they are equilibria, then those the status quo can reach, "
            "then those that hold under the most concepts."
        )
    return StabilitySection(tuple(entries), tuple(rows), omitted)


def deterrence_words(conflict: Conflict, expl: Explanation, d: Deterrence) -> str:
    """What happens to one improvement, as a clause: deterred (by whom, how) or not."""
    here = state_label(conflict, expl.state)
    if expl.concept == "nash":
        return "replies do not count, so this move alone unsettles the state"
    if d.sanction is None:
        kind = "credible " if expl.concept == "seq" else ""
        return (
            f"nothing deters it: no {kind}answer by the others would leave {expl.dm} no "
            f"better off than at {here}"
        )
    steps = "; then ".join(step_words(conflict, s) for s in d.sanction)
    tail = ", even after its best counter-move" if expl.concept == "smr" else ""
    return f"it is deterred: {steps}, leaving {expl.dm} no better off than at {here}{tail}"


def sentence(clause: str) -> str:
    """A clause as a sentence: capital first letter, full stop."""
    return clause[:1].upper() + clause[1:] + ("" if clause.endswith(".") else ".")


def _calm(dms: Sequence[str], everyone: int) -> str:
    if len(dms) == everyone:
        return "No decision maker has a move of its own that would make it better off."
    if len(dms) == 1:
        return f"{dms[0]} has no move of its own that would make it better off."
    return f"{name_list(list(dms))} have no move of their own that would make them better off."


def _improvement(conflict: Conflict, dm: str, source: int, target: int) -> str:
    how = move_words(conflict, source, target)
    return (
        f"{dm} would do better by moving to {state_label(conflict, target)}"
        + (f" ({how})" if how else "")
        + "."
    )


def _why(conflict: Conflict, state: int, concept: str, ctx: Context) -> tuple[Bullet, ...]:
    """Per decision maker with a better move: each move and the answer that deters it."""
    sid = int(conflict.states.ids[state])
    out = []
    calm = []
    for dm in conflict.dm_names:
        expl = explain(conflict, sid, dm, concept, context=ctx)
        if not expl.improvements:
            calm.append(dm)
            continue
        for d in expl.improvements[:MAX_MOVES]:
            out.append(
                Bullet(
                    _improvement(conflict, dm, state, d.target),
                    (sentence(deterrence_words(conflict, expl, d)),),
                )
            )
        more = len(expl.improvements) - MAX_MOVES
        if more > 0:
            out.append(Bullet(f"{dm} has {count(more, 'other such move')}, not listed."))
    if calm:
        out.insert(0, Bullet(_calm(calm, len(conflict.dm_names))))
    return tuple(out)


def _status_quo(analysis: StabilityAnalysis, state: int | None, ctx: Context) -> Block:
    conflict = analysis.conflict
    if state is None:
        return Block(
            "The status quo",
            "The model names no status quo, so the report cannot say whether today's "
            "situation would hold or where it could lead.",
        )
    concepts = analysis.concepts
    holds = [c for c in concepts if bool(analysis.results[c].equilibria[state])]
    fails = [c for c in concepts if c not in holds]
    name = state_label(conflict, state)
    if not fails:
        verdict = f"The status quo, {name}, is an equilibrium under {concept_list(holds)}."
    elif not holds:
        verdict = f"The status quo, {name}, is not an equilibrium under any concept analysed."
    else:
        verdict = (
            f"The status quo, {name}, is an equilibrium under {concept_list(holds)}, but not "
            f"under {concept_list(fails, 'or')}."
        )
    sid = int(conflict.states.ids[state])
    large = len(conflict.states) > EXPLAIN_ALL_STATES
    bullets = []
    calm = []
    for dm in conflict.dm_names:
        moves = explain(conflict, sid, dm, "nash", context=ctx).improvements
        if not moves:
            calm.append(dm)
            continue
        # In large models a move nothing deters costs a search of the whole state space, so
        # moves are explained one by one only under the concepts where all are deterred.
        stable = {c: bool(analysis.results[c].stable[dm][state]) for c in concepts}
        per = {
            c: explain(conflict, sid, dm, c, context=ctx)
            for c in concepts
            if c == "nash" or stable[c] or not large
        }
        for d in moves[:MAX_MOVES]:
            groups: dict[str, list[str]] = {}
            for c, expl in per.items():
                match = next(x for x in expl.improvements if x.target == d.target)
                groups.setdefault(deterrence_words(conflict, expl, match), []).append(c)
            sub = tuple(f"Under {concept_list(cs)}, {words}." for words, cs in groups.items())
            bullets.append(Bullet(_improvement(conflict, dm, state, d.target), sub))
        more = len(moves) - MAX_MOVES
        if more > 0:
            bullets.append(Bullet(f"{dm} has {count(more, 'other such move')}, not listed."))
        unexplained = [c for c in concepts if c not in per]
        if unexplained:
            bullets.append(
                Bullet(
                    f"Under {concept_list(unexplained)}, not every such move of {dm} can be "
                    f"deterred, so {dm} would leave. (In a model of "
                    f"{len(conflict.states):,} states the report does not examine these moves "
                    "one by one; `accord explain` does.)"
                )
            )
    if calm:
        bullets.insert(0, Bullet(_calm(calm, len(conflict.dm_names))))
    text = f"{verdict} {state_words(conflict, state)}"
    return Block(f"The status quo: {name}", text, tuple(bullets))


def equilibria_section(
    analysis: StabilityAnalysis,
    ranked: Sequence[int],
    status_quo: int | None,
    ctx: Context,
    focus: int | None = None,
) -> EquilibriaSection:
    """Section 4: the first equilibria described, then the status quo examined."""
    conflict = analysis.conflict
    blocks = []
    described = [s for s in ranked if s != status_quo]
    for s in described[:MAX_DESCRIBED]:
        under = [c for c in analysis.concepts if bool(analysis.results[c].equilibria[s])]
        which = " (the focus state)" if s == focus else ""
        title = f"{state_label(conflict, s)}{which} — an equilibrium under {concept_list(under)}"
        if "nash" in under:
            text = (
                f"{state_words(conflict, s)} No decision maker can do better by changing its "
                "own options alone, so the state holds under every concept."
            )
            blocks.append(Block(title, text))
            continue
        concept = next(c for c in ("seq", "smr", "gmr") if c in under)
        text = (
            f"{state_words(conflict, s)} Some decision makers could do better alone, but under "
            f"{CONCEPT_TITLES[concept]} every such move is deterred:"
        )
        blocks.append(Block(title, text, _why(conflict, s, concept, ctx)))
    notes: list[str] = []
    if not ranked:
        notes.append(
            f"No state is an equilibrium under {concept_list(analysis.concepts, 'or')}: "
            "wherever the conflict stands, some decision maker would move."
        )
    elif len(described) > MAX_DESCRIBED:
        notes.append(
            f"{MAX_DESCRIBED} of the {len(described):,} equilibria besides the status quo are "
            "described, in the order of the table in section 3."
        )
    return EquilibriaSection(tuple(blocks), _status_quo(analysis, status_quo, ctx), tuple(notes))
