"""What the web app computes: the library's analyses on a model's text, as JSON.

Every function the child processes may call is here (with those of
:mod:`accord.web.modeltext`, re-exported).

Each function takes the model's text and plain parameters and returns what the matching
command prints with ``-f json`` (the same builders in :mod:`accord.reports`).  They run in a
child process with a time limit (:mod:`accord.web.sandbox`), so they take and return only
picklable values.  Reading a model runs no code and opens no file: YAML is read with the
safe loader, and evidence sources are never fetched.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from accord.errors import AccordWarning, ModelError, Problem
from accord.web.modeltext import (
    check,
    export,
    imported,
    load,
    summary,
)

if TYPE_CHECKING:
    from accord.core.model import Conflict
    from accord.core.results import StabilityAnalysis

__all__ = [
    "analyze",
    "check",
    "coalitions",
    "explain",
    "export",
    "graph",
    "imported",
    "inverse",
    "leverage",
    "load",
    "paths",
    "ping",
    "report",
    "robustness",
    "summary",
]

DEFAULT_CONCEPTS = ("nash", "gmr", "smr", "seq")


def ping() -> str:
    """Nothing but an answer: starts a child process ahead of the first request."""
    return "ok"


def _ref(state: int | str) -> int | str:
    if isinstance(state, str) and state.strip().lstrip("-").isdigit():
        return int(state)
    return state


def _quiet(text: str, format: str, max_states: int | None) -> Conflict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AccordWarning)
        return load(text, format, max_states=max_states)


def _concepts(concepts: Sequence[str] | None) -> list[str]:
    from accord.core.stability import parse_concepts

    return list(parse_concepts(",".join(concepts) if concepts else ",".join(DEFAULT_CONCEPTS)))


def _analysis(conflict: Conflict, concepts: Sequence[str] | None) -> StabilityAnalysis:
    from accord.core.analysis.stability import analyze as run

    return run(conflict, _concepts(concepts))


def analyze(
    text: str,
    format: str,
    concepts: Sequence[str] | None = None,
    where: str | None = None,
    max_states: int | None = None,
) -> dict[str, Any]:
    """``accord analyze -f json``: stability of every state (or those ``where`` holds)."""
    from accord.reports.json_results import results_dict

    conflict = _quiet(text, format, max_states)
    mask = conflict.states.mask(where) if where else None
    return results_dict(_analysis(conflict, concepts), mask)


def explain(
    text: str, format: str, state: int | str, concept: str, max_states: int | None = None
) -> dict[str, Any]:
    """``accord explain -f json`` for every decision maker at one state."""
    from accord.core.analysis.explain import explain as run
    from accord.reports.explain_json import explanation_dict

    conflict = _quiet(text, format, max_states)
    index = conflict.states.resolve(_ref(state))
    return {
        "state": int(conflict.states.ids[index]),
        "concept": concept,
        "explanations": [
            explanation_dict(run(conflict, int(conflict.states.ids[index]), dm, concept))
            for dm in conflict.dm_names
        ],
    }


def paths(
    text: str, format: str, concepts: Sequence[str] | None = None, max_states: int | None = None
) -> dict[str, Any]:
    """``accord paths -f json`` from the status quo."""
    from accord.core.analysis.paths import status_quo_paths
    from accord.reports.paths import paths_dict

    conflict = _quiet(text, format, max_states)
    if conflict.status_quo is None:
        raise ModelError([Problem("the model has no status_quo, so there are no paths from it")])
    names = [c for c in _concepts(concepts) if c in DEFAULT_CONCEPTS]
    return paths_dict(status_quo_paths(conflict, None, concepts=names))


def coalitions(
    text: str, format: str, concepts: Sequence[str] | None = None, max_states: int | None = None
) -> dict[str, Any]:
    """``accord coalitions -f json``."""
    from accord.core.analysis.coalitions import analyze_coalitions
    from accord.reports.coalitions import coalitions_dict

    conflict = _quiet(text, format, max_states)
    return compact_coalitions(
        conflict, coalitions_dict(analyze_coalitions(conflict, None, _concepts(concepts)))
    )


#: A page shows the joint moves of at most this many states, and this many moves of each.
PAGE_STATES = 20
PAGE_MOVES = 3


def compact_coalitions(conflict: Conflict, doc: dict[str, Any]) -> dict[str, Any]:
    """Cut ``accord coalitions -f json`` to what a page shows (the full document can run to
    megabytes): the number of improvements per coalition instead of the list, and the joint
    moves of the status quo, the focus and the first equilibria, a few moves each."""
    out = dict(doc)
    out["improvements"] = {
        unit: sum(len(targets) for targets in table.values())
        for unit, table in doc.get("improvements", {}).items()
    }
    ids = [
        int(conflict.states.ids[conflict.states.resolve(ref)])
        for ref in (conflict.status_quo, conflict.metadata.focus)
        if ref is not None
    ]
    order = list(dict.fromkeys([*ids, *(e["state"] for e in doc.get("scan", []))]))
    keep = set(order[:PAGE_STATES])
    scan = []
    for entry in doc.get("scan", []):
        if entry["state"] in keep:
            moves = entry["improvements"]
            scan.append({**entry, "improvements": moves[:PAGE_MOVES], "count": len(moves)})
    out["scan"] = scan
    states = len({e["state"] for e in doc.get("scan", [])})
    if states > len(keep):
        out["notes"] = [
            *doc.get("notes", []),
            f"The page shows the joint moves of {len(keep)} of the {states:,} equilibria "
            f"(the status quo and the focus first) and at most {PAGE_MOVES} moves of each; "
            "`accord coalitions` gives them all.",
        ]
    return out


def _vary(conflict: Conflict, vary: Sequence[str] | None) -> list[str]:
    return list(vary) if vary else list(conflict.dm_names)


def inverse(
    text: str,
    format: str,
    state: int | str,
    concept: str = "nash",
    vary: Sequence[str] | None = None,
    time_limit: float = 20.0,
    max_states: int | None = None,
) -> dict[str, Any]:
    """``accord inverse -f json``: can the state be an equilibrium if preferences change?"""
    from accord.core.analysis.inverse import inverse as run
    from accord.reports.inverse import inverse_dict

    conflict = _quiet(text, format, max_states)
    result = run(
        conflict, _ref(state), _vary(conflict, vary), concept=concept, time_limit=time_limit
    )
    return inverse_dict(result)


def leverage(
    text: str,
    format: str,
    state: int | str,
    concept: str = "seq",
    budget: int = 2,
    vary: Sequence[str] | None = None,
    max_states: int | None = None,
) -> dict[str, Any]:
    """``accord leverage -f json``: the fewest edits of priorities that make the state hold."""
    from accord.core.analysis.leverage import leverage as run
    from accord.reports.leverage import leverage_dict

    conflict = _quiet(text, format, max_states)
    result = run(conflict, _ref(state), _vary(conflict, vary), budget=budget, concept=concept)
    return leverage_dict(result)


def graph(
    text: str,
    format: str,
    concept: str = "gmr",
    around: int | str | None = None,
    max_states: int | None = None,
) -> dict[str, Any]:
    """The state graph to draw (see :func:`accord.reports.state_graph.state_graph`)."""
    from accord.reports.state_graph import state_graph

    conflict = _quiet(text, format, max_states)
    analysis = _analysis(conflict, list(dict.fromkeys([concept, *DEFAULT_CONCEPTS])))
    return state_graph(analysis, concept, around=_ref(around) if around is not None else None)


def report(
    text: str, format: str, focus: int | str | None = None, max_states: int | None = None
) -> str:
    """The HTML report of ``accord report``."""
    from accord.reports.document import build_report, render_html

    conflict = _quiet(text, format, max_states)
    return render_html(build_report(conflict, focus=_ref(focus) if focus is not None else None))


def diff(old: tuple[str, str], new: tuple[str, str], concepts: Sequence[str] | None = None) -> Any:
    """``accord diff -f json`` between two model texts, each ``(text, format)``."""
    from accord.core.analysis.diff import diff_models
    from accord.reports.diff import diff_dict

    a = _quiet(old[0], old[1], None)
    b = _quiet(new[0], new[1], None)
    return diff_dict(diff_models(a, b, tuple(_concepts(concepts))))


def robustness(
    text: str,
    format: str,
    samples: int,
    seed: int,
    concepts: Sequence[str] | None,
    progress: Callable[[int, int], None],
    max_states: int | None = None,
) -> dict[str, Any]:
    """``accord robustness -f json``, in this process, reporting progress as it goes."""
    from accord.core.analysis.robustness.ensemble import check_plan
    from accord.reports.robustness import robustness_dict
    from accord.runners import run_robustness

    check_plan(samples, seed)
    conflict = _quiet(text, format, max_states)
    result = run_robustness(
        text,
        format,
        samples=samples,
        seed=seed,
        concepts=",".join(_concepts(concepts)),
        progress=progress,
        conflict=conflict,
    )
    return robustness_dict(result)
