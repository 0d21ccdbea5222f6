"""Section 7: the smallest change of priorities that would make the focus state stable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.core.analysis.explain import explain
from accord.core.analysis.leverage import MAX_STATES, leverage
from accord.core.model import Statements
from accord.errors import AnalysisError
from accord.reports.document.data import Block, Bullet, LeverageSection
from accord.reports.document.phrases import (
    CONCEPT_TITLES,
    condition_words,
    count,
    move_words,
    name_list,
    quoted,
    state_label,
)
from accord.reports.document.verdicts import concept_list, deterrence_words, sentence

if TYPE_CHECKING:
    from accord.core.analysis.leverage import Answer, Edit, Leverage
    from accord.core.model import Conflict, Statement
    from accord.core.results import StabilityAnalysis
    from accord.core.stability.context import Context

__all__ = ["BUDGET", "MAX_VARIANTS", "edit_words", "leverage_section"]

#: The most edits tried.
BUDGET = 2
#: The most preference variants one search may test (a few seconds at most).
MAX_VARIANTS = 20_000
#: At most this many answers are explained.
MAX_ANSWERS = 3


def _statement(conflict: Conflict, s: Statement) -> str:
    return quoted(s.label or condition_words(conflict, s.text))


def edit_words(conflict: Conflict, edit: Edit) -> str:
    """``Europe gave up “a multinational force backs any ceasefire”``."""
    what = _statement(conflict, edit.statement)
    if edit.kind == "up" and edit.below is not None:
        return f"{edit.dm} put {what} before {_statement(conflict, edit.below)}"
    if edit.kind == "down" and edit.above is not None:
        return f"{edit.dm} put {what} after {_statement(conflict, edit.above)}"
    if edit.kind == "drop":
        return f"{edit.dm} gave up {what}"
    return f"{edit.dm} adopted {what}"


def _answer_block(base: Conflict, result: Leverage, k: int, answer: Answer) -> Block:
    conflict = result.conflict
    prefs = dict(conflict.preferences)
    for dm, items in answer.preferences.items():
        prefs[dm] = Statements(tuple(items))
    edited = conflict.replace(preferences=prefs, uncertainty={})
    target = result.target
    sid = result.target_id
    title = CONCEPT_TITLES[result.concept]
    changes = name_list([edit_words(base, e) for e in answer.edits])
    text = (
        f"If {changes}, {state_label(base, target)} would be {title}-stable for every "
        "decision maker:"
    )
    bullets = []
    for dm in conflict.dm_names:
        before = explain(conflict, sid, dm, "nash")
        expl = explain(edited, sid, dm, result.concept)
        now = {d.target for d in expl.improvements}
        for d in before.improvements:
            if d.target not in now:
                how = move_words(base, target, d.target)
                where = state_label(base, d.target) + (f" ({how})" if how else "")
                bullets.append(Bullet(f"{dm} would no longer want to move to {where}."))
        for d in expl.improvements[:2]:
            how = move_words(base, target, d.target)
            where = state_label(base, d.target) + (f" ({how})" if how else "")
            bullets.append(
                Bullet(
                    f"{dm} could still do better by moving to {where}.",
                    (sentence(deterrence_words(edited, expl, d)),),
                )
            )
    return Block(f"Change {k}", text, tuple(bullets))


def leverage_section(
    analysis: StabilityAnalysis, focus: int | None, ctx: Context
) -> LeverageSection:
    """Section 7: the fewest edits of priorities (up to :data:`BUDGET`) that make the focus
    state stable under SEQ (or the first concept analysed when SEQ is not)."""
    conflict = analysis.conflict
    if focus is None:
        return LeverageSection(
            "",
            (
                "The model names no focus state, so this section is empty. Name the state "
                "the question is about (for example a compromise) under metadata → focus in "
                "the model, or with --focus, to see what would make it hold.",
            ),
            (),
            (),
        )
    name = state_label(conflict, focus)
    concepts = analysis.concepts
    concept = "seq" if "seq" in concepts else concepts[0]
    title = CONCEPT_TITLES[concept]
    question = (
        f"What would make the focus state, {name}, stable — and whose priorities would have "
        "to change?"
    )
    holds = [c for c in concepts if bool(analysis.results[c].equilibria[focus])]
    status = (
        f"Today {name} is an equilibrium under {concept_list(holds)}."
        if holds
        else f"Today {name} is not an equilibrium under any concept analysed."
    )
    movers = [dm for dm in conflict.dm_names if ctx.targets(dm, focus, improving=True).size]
    if not movers:
        return LeverageSection(
            question,
            (
                status,
                "No decision maker can do better by leaving it alone: nothing needs to change.",
            ),
            (),
            (),
            f"Nobody gains by leaving {name} alone: it holds under every concept.",
        )
    n = len(conflict.states)
    if n > MAX_STATES:
        return LeverageSection(
            question,
            (
                status,
                f"The search for a change of priorities was skipped: the model has {n:,} "
                f"states, and it searches models of at most {MAX_STATES:,}.",
            ),
            (),
            (),
        )
    editable = [dm for dm in conflict.dm_names if isinstance(conflict.preferences[dm], Statements)]
    notes = []
    fixed = [dm for dm in conflict.dm_names if dm not in editable]
    if fixed:
        notes.append(
            f"{name_list(fixed)} {'ranks' if len(fixed) == 1 else 'rank'} states directly "
            "rather than by prioritised aims; such preferences are not edited."
        )
    if not editable:
        return LeverageSection(question, (status,), (), tuple(notes))
    # Evidence refers to statements by position; edited lists move them, so it is left out.
    bare = conflict.replace(evidence=(), uncertainty={})
    sid = int(conflict.states.ids[focus])
    # Widest search first: anyone's priorities may change (a change in a third party can
    # create the sanction that deters a mover).  When that is too large, only the movers'.
    movers_editable = [dm for dm in editable if dm in movers]
    attempts = [(editable, BUDGET), (movers_editable, BUDGET), (movers_editable, 1)]
    result = None
    vary: list[str] = []
    budget = BUDGET
    for vary, budget in attempts:
        if not vary:
            continue
        try:
            result = leverage(
                bare, sid, vary, budget=budget, concept=concept, max_answers=MAX_ANSWERS,
                max_variants=MAX_VARIANTS,
            )  # fmt: skip
            break
        except AnalysisError:
            continue
    if result is None:
        notes.append(
            f"Even one edit would mean testing more than {MAX_VARIANTS:,} variants of the "
            "priorities; the search was skipped."
        )
        return LeverageSection(question, (status,), (), tuple(notes))
    if vary != editable or budget != BUDGET:
        notes.append(
            f"Searching every decision maker's priorities by up to {BUDGET} edits would mean "
            f"testing more than {MAX_VARIANTS:,} variants; the search was narrowed to "
            f"{name_list(vary)} and {count(budget, 'edit')}."
        )
    who = (
        "any decision maker's priorities — those who would leave the focus state, and those "
        "whose reply could deter them"
        if vary == editable
        else f"the priorities of {name_list(vary)}, the decision "
        + ("maker who" if len(vary) == 1 else "makers who")
        + " could do better by leaving the focus state"
    )
    summary = [
        status,
        f"The search asks under {title} ({analysis_words(concept)}), changing {who}, by up to "
        f"{count(budget, 'edit')}. An edit moves one aim one place up or down in a decision "
        "maker's list, or drops it.",
    ]
    notes.extend(result.notes)
    if result.unstable_before:
        summary.append(
            f"Under {title}, {name} is not stable today for {name_list(list(result.unstable_before))}."
        )
    blocks = []
    if result.edits == 0:
        summary.append(f"It is already {title}-stable for every decision maker.")
        headline = f"It already holds under {title}."
    elif result.edits is None:
        text = f"No change of up to {count(budget, 'edit')} makes it {title}-stable."
        headline = (
            f"No change of up to {count(budget, 'edit')} to the priorities of "
            f"{name_list(vary)} makes it hold under {title}."
        )
        if result.closest is not None:
            changes = name_list([edit_words(conflict, e) for e in result.closest.edits])
            text += (
                f" The closest: if {changes}, only {name_list(list(result.closest.unstable))} "
                "would still leave it."
            )
        summary.append(text)
    else:
        summary.append(
            f"The smallest change takes {count(result.edits, 'edit')}; "
            + (
                "it is the only one of that size."
                if result.count == 1
                else f"{result.count:,} changes of that size work"
                + (f", the first {len(result.answers)} shown." if result.more else ".")
            )
        )
        for k, answer in enumerate(result.answers, 1):
            blocks.append(_answer_block(conflict, result, k, answer))
        first = name_list([edit_words(conflict, e) for e in result.answers[0].edits])
        others = f"; {result.count:,} such changes work" if result.count > 1 else ""
        headline = f"It would hold under {title} if {first}{others}."
    return LeverageSection(question, tuple(summary), tuple(blocks), tuple(notes), headline)


def analysis_words(concept: str) -> str:
    """A short reminder of what the concept counts as stable."""
    return {
        "nash": "no decision maker can do better alone",
        "gmr": "every better move can be punished",
        "smr": "every better move can be punished, counter-moves included",
        "seq": "every better move can be met by a credible punishment",
    }[concept]
