"""Stability of every state for every DM under chosen concepts, and the equilibria."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from accord.core.results import ConceptResult, Provenance, StabilityAnalysis, model_hash
from accord.core.stability import CONCEPTS, DEFAULT_CONCEPTS, Context, parse_concepts
from accord.core.stability.context import Method
from accord.core.stability.limited import lh_stable, nm
from accord.core.stability.unknown import (
    UNKNOWN_CONCEPTS,
    UnknownPreferences,
    check_extension,
    normalise_pairs,
)

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
    unknown: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    extension: str = "a",
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
    unknown
        Unknown preferences (gmcr-spec §6.1): per DM name, pairs of state *indices*
        (positions in ``conflict.states``) whose order that DM does not know.  ``None`` takes
        the model's own pairs, if it declares any.  Without pairs the plain concepts are
        computed, unchanged.
    extension
        With pairs: which extension of Li, Hipel, Kilgour & Fang (2004) Nash, GMR, SMR and
        SEQ follow — ``a`` (the DM also considers moves of unknown order; only states known
        to be no better sanction), ``b`` (only known improvements; same sanctions), ``c`` (as
        ``a``, and states of unknown order sanction too) or ``d`` (as ``b``, with those
        sanctions).  L_h and NM ignore the pairs and say so in a note.

    Returns
    -------
    StabilityAnalysis
        Per concept, per DM, the stable states; and the equilibria.

    Raises
    ------
    AnalysisError
        For an unknown concept, or L_h / NM on a model without exactly two DMs; for bad
        unknown pairs or an extension other than a, b, c, d.
    """
    from accord import __version__

    names = parse_concepts(concepts if isinstance(concepts, str) else list(concepts))
    ctx = context or Context(conflict, method="plain" if method == "fast" else method)
    use_cube = method in ("auto", "fast") and ctx.method != "general" and not conflict.is_graph_form
    cube = ctx.cube if use_cube else None
    ext = check_extension(extension)
    pairs = normalise_pairs(
        conflict.dm_names,
        len(conflict.states),
        _model_unknown_pairs(conflict) if unknown is None else unknown,
    )
    uncertain = UnknownPreferences(ctx, pairs, ext) if pairs else None
    results: dict[str, ConceptResult] = {}
    for name in names:
        with phase(name) if phase is not None else nullcontext():
            result = _one(conflict, name, ctx, cube)
            if uncertain is not None:
                result = _with_unknown(result, uncertain)
            results[name] = result
    parameters: dict[str, Any] = {
        "concepts": list(names),
        "method": "cube" if cube is not None else ctx.method,
    }
    if pairs:
        parameters["extension"] = ext
        parameters["unknown"] = {dm: [list(p) for p in ps] for dm, ps in pairs.items()}
    provenance = Provenance(model_hash(conflict), __version__, parameters)
    return StabilityAnalysis(conflict, results, provenance)


def _model_unknown_pairs(conflict: Conflict) -> dict[str, tuple[tuple[int, int], ...]]:
    """The unknown preference pairs the model itself declares, per DM, as state indices
    (``uncertainty[dm].unknown``, through :meth:`Conflict.unknown_pairs`)."""
    return {dm: conflict.unknown_pairs(dm) for dm in conflict.dm_names}


def _with_unknown(result: ConceptResult, uncertain: UnknownPreferences) -> ConceptResult:
    """``result`` corrected for unknown preferences (or noted, for L_h and NM)."""
    if result.concept in UNKNOWN_CONCEPTS:
        return ConceptResult(
            result.concept,
            {dm: uncertain.stable(result.concept, dm, m) for dm, m in result.stable.items()},
            result.notes,
        )
    note = (
        f"{result.concept} is computed from the payoffs alone: the unknown preference pairs "
        "apply to nash, gmr, smr and seq only"
    )
    return ConceptResult(result.concept, result.stable, (*result.notes, note))


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
