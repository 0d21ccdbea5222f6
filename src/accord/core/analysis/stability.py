"""Stability of every state for every DM under chosen concepts, and the equilibria."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

from accord.core.results import ConceptResult, Provenance, StabilityAnalysis, model_hash
from accord.core.stability import CONCEPTS, DEFAULT_CONCEPTS, Context, parse_concepts
from accord.core.stability.context import Method
from accord.core.stability.limited import lh_stable, nm

if TYPE_CHECKING:
    from accord.core.model import Conflict
    from accord.core.stability.cube import Cube

__all__ = ["analyze"]


def analyze(
    conflict: Conflict,
    concepts: str | Sequence[str] = DEFAULT_CONCEPTS,
    *,
    method: Method = "auto",
    context: Context | None = None,
    phase: Callable[[str], AbstractContextManager[object]] | None = None,
) -> StabilityAnalysis:
    """Stability tables and equilibria of ``conflict``.

    Parameters
    ----------
    conflict
        The model.
    concepts
        Names such as ``"nash,gmr,smr,seq"`` (the default), ``"lh:3"`` or ``"nm"``.
    method
        ``"auto"`` or ``"general"`` (force the (state, last mover) walk; for cross-checks).
    context
        Reuse prepared moves and floors across calls.
    phase
        Called with each concept's name around its computation (e.g. to show progress).

    Returns
    -------
    StabilityAnalysis
        Per concept, per DM, the stable states; and the equilibria.

    Raises
    ------
    AnalysisError
        For an unknown concept, or L_h / NM on a model without exactly two DMs.
    """
    from accord import __version__

    names = parse_concepts(concepts if isinstance(concepts, str) else list(concepts))
    ctx = context or Context(conflict, method="plain" if method == "fast" else method)
    use_cube = method in ("auto", "fast") and ctx.method != "general" and not conflict.is_graph_form
    cube = ctx.cube if use_cube else None
    results: dict[str, ConceptResult] = {}
    for name in names:
        with phase(name) if phase is not None else nullcontext():
            results[name] = _one(conflict, name, ctx, cube)
    provenance = Provenance(
        model_hash(conflict),
        __version__,
        {"concepts": list(names), "method": "cube" if cube is not None else ctx.method},
    )
    return StabilityAnalysis(conflict, results, provenance)


def _one(conflict: Conflict, name: str, ctx: Context, cube: Cube | None) -> ConceptResult:
    """The stability of every state for every DM under one concept."""
    if name in CONCEPTS:
        if cube is not None:
            return ConceptResult(name, {dm: cube.stable(name, dm) for dm in conflict.dm_names})
        fn = CONCEPTS[name]
        return ConceptResult(name, {dm: fn(ctx, dm) for dm in ctx.dm_names})
    if name.startswith("lh:"):
        h = int(name.split(":")[1])
        return ConceptResult(name, {dm: lh_stable(ctx, dm, h) for dm in ctx.dm_names})
    outcome = nm(ctx)
    notes: tuple[str, ...] = ()
    if outcome.period > 1:
        ids = conflict.states.ids
        moving = sorted(
            {int(ids[k]) for d in ctx.dm_names for k in outcome.cycling[d].nonzero()[0]}
        )
        notes = (
            f"the anticipated outcomes cycle with period {outcome.period} from "
            f"horizon {outcome.settled_at}; they keep changing at states "
            f"{', '.join(map(str, moving))}, which are therefore not NM-stable",
        )
    return ConceptResult(name, outcome.stable, notes)
