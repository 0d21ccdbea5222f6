"""Stability results as JSON (docs/results-schema.md), written piece by piece.

Large models have millions of states: :func:`iter_json` yields the document in chunks so a
writer never holds it whole; :func:`results_dict` builds it in memory for small models.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from accord._types import BoolArray

if TYPE_CHECKING:
    from accord.core.model import Conflict
    from accord.core.results import StabilityAnalysis

__all__ = ["SCHEMA", "iter_json", "model_json", "results_dict"]

#: Identifies the layout of the document.
SCHEMA = "accord-results/1"


def model_json(conflict: Conflict) -> dict[str, Any]:
    """The model's names: decision makers with their options (identifier and label)."""
    return {
        "name": conflict.name,
        "title": conflict.metadata.title,
        "form": "graph" if conflict.is_graph_form else "option",
        "decision_makers": [
            {
                "name": dm.name,
                "label": dm.label,
                "options": [{"name": o.name, "label": o.title} for o in dm.options],
            }
            for dm in conflict.decision_makers
        ],
    }


def _state_json(conflict: Conflict, index: int, names: tuple[str, ...]) -> dict[str, Any]:
    space = conflict.states
    code = int(space.codes[index])
    state: dict[str, Any] = {"id": int(space.ids[index])}
    if conflict.graph is not None and conflict.graph.states[index].label:
        state["label"] = conflict.graph.states[index].label
    state["options"] = (
        {name: bool(code >> t & 1) for t, name in enumerate(names)} if code >= 0 else None
    )
    state["payoffs"] = {dm: int(conflict.payoffs[dm][index]) for dm in conflict.dm_names}
    return state


def iter_json(analysis: StabilityAnalysis, where: BoolArray | None = None) -> Iterator[str]:
    """The results document in chunks (pretty-printed at the top level).

    Parameters
    ----------
    analysis
        The stability analysis.
    where
        Restrict ``states`` to these (the stability lists always cover every state).
    """
    from accord import __version__

    c = analysis.conflict
    ids = c.states.ids
    names = c.option_names
    yield "{\n"
    yield f'  "accord": {json.dumps(__version__)},\n'
    yield f'  "schema": {json.dumps(SCHEMA)},\n'
    yield f'  "model": {json.dumps(model_json(c), ensure_ascii=False)},\n'
    yield f'  "concepts": {json.dumps(list(analysis.concepts))},\n'
    yield '  "states": ['
    mask = np.ones(len(ids), dtype=bool) if where is None else where
    order = np.flatnonzero(mask)
    order = order[np.argsort(ids[order], kind="stable")]
    for k, index in enumerate(order.tolist()):
        sep = "," if k else ""
        yield f"{sep}\n    {json.dumps(_state_json(c, index, names), ensure_ascii=False)}"
    yield "\n  ],\n"
    stability = {
        concept: {dm: analysis.stable_ids(concept, dm) for dm in c.dm_names}
        for concept in analysis.concepts
    }
    yield f'  "stability": {json.dumps(stability)},\n'
    equilibria = {concept: analysis.equilibrium_ids(concept) for concept in analysis.concepts}
    yield f'  "equilibria": {json.dumps(equilibria)},\n'
    notes = {k: list(r.notes) for k, r in analysis.results.items() if r.notes}
    yield f'  "notes": {json.dumps(notes, ensure_ascii=False)},\n'
    prov = analysis.provenance
    provenance = {
        "model_hash": prov.model_hash,
        "accord_version": prov.accord_version,
        "parameters": dict(prov.parameters),
    }
    yield f'  "provenance": {json.dumps(provenance)}\n'
    yield "}\n"


def results_dict(analysis: StabilityAnalysis, where: BoolArray | None = None) -> dict[str, Any]:
    """The results document as a Python dict."""
    loaded: dict[str, Any] = json.loads("".join(iter_json(analysis, where)))
    return loaded
