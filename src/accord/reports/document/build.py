"""Gather every section of a report from a conflict: analyses first, then words; no files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from accord._types import StateRef
from accord.core.analysis.paths import status_quo_paths
from accord.core.analysis.stability import analyze
from accord.core.results import model_hash
from accord.core.stability import DEFAULT_CONCEPTS, Context, parse_concepts
from accord.errors import AnalysisError
from accord.reports.document.data import CoalitionsSection, LeverageSection, Report
from accord.reports.document.describe import describe_model, question_section
from accord.reports.document.evidence import Footnotes
from accord.reports.document.graph import graph_section
from accord.reports.document.joint import coalitions_section
from accord.reports.document.levers import leverage_section
from accord.reports.document.movement import MAX_ROUTE_STATES, paths_section
from accord.reports.document.phrases import count, name_list, state_label
from accord.reports.document.verdicts import concept_list, equilibria_section, stability_section

if TYPE_CHECKING:
    from accord.core.analysis.paths import StatusQuoAnalysis
    from accord.core.model import Conflict
    from accord.core.results import StabilityAnalysis

__all__ = ["REPORT_CONCEPTS", "build_report", "rank_equilibria"]

#: The concepts a report can explain move by move.
REPORT_CONCEPTS = ("nash", "gmr", "smr", "seq")


def rank_equilibria(
    analysis: StabilityAnalysis,
    status_quo: int | None,
    focus: int | None,
    paths: StatusQuoAnalysis | None,
) -> list[int]:
    """Every equilibrium (under any concept), in the order a reader needs them.

    The status quo and the focus state first (when they are equilibria), then those reachable
    from the status quo (nearest first), then those holding under the most concepts, then by
    id.
    """
    conflict = analysis.conflict
    mask = np.zeros(len(conflict.states), dtype=bool)
    for c in analysis.concepts:
        mask |= analysis.results[c].equilibria
    ids = conflict.states.ids
    unreachable = len(conflict.states) + 1

    def key(s: int) -> tuple[int, int, int, int, int]:
        distance = paths.distance(s) if paths is not None else None
        under = sum(bool(analysis.results[c].equilibria[s]) for c in analysis.concepts)
        return (
            0 if s == status_quo else 1,
            0 if s == focus else 1,
            unreachable if distance is None else distance,
            -under,
            int(ids[s]),
        )

    return sorted((int(s) for s in np.flatnonzero(mask)), key=key)


def _brief(
    analysis: StabilityAnalysis,
    status_quo: int | None,
    focus: int | None,
    routes: StatusQuoAnalysis | None,
    coalitions: CoalitionsSection,
    leverage: LeverageSection,
    ctx: Context,
) -> tuple[str, ...]:
    """The findings in a few sentences, for the top of the report."""
    conflict = analysis.conflict
    concepts = analysis.concepts

    def verdict(state: int) -> tuple[list[str], list[str]]:
        holds = [c for c in concepts if bool(analysis.results[c].equilibria[state])]
        return holds, [c for c in concepts if c not in holds]

    out = []
    if status_quo is not None:
        name = state_label(conflict, status_quo)
        holds, fails = verdict(status_quo)
        if not fails:
            out.append(
                f"Today's situation, {name}, holds under {concept_list(holds)}: "
                + (
                    "no decision maker gains by changing course alone (section 4)."
                    if "nash" in holds
                    else "every move that would tempt a decision maker can be punished (section 4)."
                )
            )
        elif holds:
            out.append(
                f"Today's situation, {name}, holds under {concept_list(holds)} but not under "
                f"{concept_list(fails, 'or')} (section 4)."
            )
        else:
            movers = [
                d for d in conflict.dm_names if ctx.targets(d, status_quo, improving=True).size
            ]
            out.append(
                f"Today's situation, {name}, holds under no concept: {name_list(movers)} "
                f"{'gains' if len(movers) == 1 else 'would each gain'} by moving alone (section 4)."
            )
        if routes is not None and len(routes.paths) > 1:
            reached = [s for s in routes.paths if s != status_quo and routes.concepts_of(s)]
            if reached:
                near = state_label(conflict, reached[0])
                steps = len(routes.paths[reached[0]])
                out.append(
                    f"Moves that each benefit their mover lead from it to "
                    f"{count(len(reached), 'equilibrium', 'equilibria')}; the nearest is {near}, "
                    f"{count(steps, 'step')} away (section 5)."
                )
    if focus is not None:
        name = state_label(conflict, focus)
        holds, fails = verdict(focus)
        if not fails:
            text = f"The focus state, {name}, holds under {concept_list(holds)}."
        elif holds:
            text = (
                f"The focus state, {name}, holds under {concept_list(holds)} but not under "
                f"{concept_list(fails, 'or')}."
            )
        else:
            text = f"The focus state, {name}, does not hold under any concept."
        if leverage.headline and fails:
            text += f" {leverage.headline[:-1]} (section 7)."
        out.append(text)
    if coalitions.headline:
        out.append(coalitions.headline[:-1] + " (section 6).")
    return tuple(out)


def _roles(status_quo: int | None, focus: int | None) -> dict[int, tuple[str, ...]]:
    roles: dict[int, tuple[str, ...]] = {}
    if status_quo is not None:
        roles[status_quo] = ("status quo",)
    if focus is not None:
        roles[focus] = (*roles.get(focus, ()), "focus")
    return roles


def build_report(
    conflict: Conflict,
    *,
    focus: StateRef | None = None,
    concepts: str | Sequence[str] = DEFAULT_CONCEPTS,
    draw: bool = True,
) -> Report:
    """Analyse ``conflict`` and put every section of its report into words.

    Parameters
    ----------
    conflict
        The model.
    focus
        The state the report's question is about (an id or a condition matching one state);
        default the model's ``metadata.focus``.
    concepts
        Some of ``nash``, ``gmr``, ``smr``, ``seq`` (default all four).
    draw
        Whether to draw the graph of section 8 (SVG text); without it the section keeps the
        nodes and edges only.

    Returns
    -------
    Report
        The nine sections, as data, ready for :func:`render_html` or :func:`render_markdown`.

    Raises
    ------
    AnalysisError
        For a concept the report cannot explain.
    StateReferenceError
        When ``focus`` names no state or several.
    """
    from accord import __version__

    names = parse_concepts(concepts if isinstance(concepts, str) else list(concepts))
    bad = [c for c in names if c not in REPORT_CONCEPTS]
    if bad:
        raise AnalysisError(
            f"a report covers the concepts {', '.join(REPORT_CONCEPTS)} (got {bad[0]!r})"
        )
    space = conflict.states
    ref = focus if focus is not None else conflict.metadata.focus
    focus_index = None if ref is None else space.resolve(ref)
    sq = None if conflict.status_quo is None else space.resolve(conflict.status_quo)
    ctx = Context(conflict)
    analysis = analyze(conflict, names, context=ctx)
    routes = (
        None
        if sq is None or len(space) > MAX_ROUTE_STATES
        else status_quo_paths(
            conflict, int(space.ids[sq]), concepts=names, alternatives=0, context=ctx
        )
    )
    ranked = rank_equilibria(analysis, sq, focus_index, routes)
    notes = Footnotes(conflict)
    question = question_section(conflict, focus_index)
    model = describe_model(conflict, focus_index, notes)
    stability = stability_section(analysis, ranked, _roles(sq, focus_index))
    equilibria = equilibria_section(analysis, ranked, sq, ctx, focus_index)
    paths, drawn = paths_section(analysis, routes, focus_index, ranked, ctx)
    coalitions = coalitions_section(analysis, ranked, ctx)
    leverage = leverage_section(analysis, focus_index, ctx)
    graph = graph_section(analysis, sq, focus_index, ranked, drawn, coalitions.sticking, draw=draw)
    sources = notes.section()
    brief = _brief(analysis, sq, focus_index, routes, coalitions, leverage, ctx)
    question = replace(question, brief=brief)
    meta = conflict.metadata
    return Report(
        title=meta.title or conflict.name,
        name=conflict.name,
        description=" ".join(meta.description.split()),
        version=__version__,
        model_hash=model_hash(conflict),
        concepts=names,
        question=question,
        model=model,
        stability=stability,
        equilibria=equilibria,
        paths=paths,
        coalitions=coalitions,
        leverage=leverage,
        graph=graph,
        sources=sources,
    )
