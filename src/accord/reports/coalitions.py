"""Coalition analysis in the analyst's words (text and Markdown) and as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accord.core.analysis.words import state_name
from accord.reports.paths import Line, concept_names, move_dict, move_words, render_lines

if TYPE_CHECKING:
    from accord.core.analysis.coalitions import CoalitionAnalysis, Improvement, ScanEntry
    from accord.core.model import Conflict

__all__ = [
    "coalitions_dict",
    "coalitions_lines",
    "coalitions_markdown",
    "coalitions_text",
]

_C = {"nash": "CNash", "gmr": "CGMR", "smr": "CSMR", "seq": "CSEQ"}

UnitSteps = tuple[tuple[tuple[str, ...], int, int], ...]


def _unit(unit: tuple[str, ...]) -> str:
    return "{" + ", ".join(unit) + "}"


def _ids(conflict: Conflict, indices: Any) -> str:
    ids = conflict.states.ids
    out = ", ".join(str(int(ids[i])) for i in indices)
    return out or "none"


def _sanction_lines(
    conflict: Conflict, who: str, e: int, coalition: tuple[str, ...], steps: UnitSteps | None
) -> list[Line]:
    members = " and ".join(coalition) if len(coalition) == 2 else ", ".join(coalition)
    if steps is None:
        return [("li", 2, f"{who}: cannot sanction it")]
    end = state_name(conflict, steps[-1][2])
    out: list[Line] = [
        (
            "li",
            2,
            f"{who}: can sanction it in {len(steps)} move{'s' if len(steps) > 1 else ''}, "
            f"reaching {end}, not better than {state_name(conflict, e)} for all of {members}",
        )
    ]
    for k, (unit, a, b) in enumerate(steps, 1):
        out.append(
            (
                "li",
                3,
                f"{k}. {'+'.join(unit)}: {state_name(conflict, a)} → {state_name(conflict, b)}",
            )
        )
    return out


def _improvement_lines(result: CoalitionAnalysis, entry: ScanEntry, imp: Improvement) -> list[Line]:
    c = result.conflict
    pay = c.payoffs
    gains = ", ".join(
        f"{d} {int(pay[d][entry.state])} → {int(pay[d][imp.target])}" for d in entry.coalition
    )
    out: list[Line] = [
        ("li", 1, f"to {state_name(c, imp.target)} (payoffs {gains}), by"),
    ]
    out.extend(("li", 2, f"{k}. {move_words(c, m)}") for k, m in enumerate(imp.moves, 1))
    out.extend(
        _sanction_lines(
            c, "the other DMs, each alone", entry.state, entry.coalition, _steps(imp.by_individuals)
        )
    )
    out.extend(
        _sanction_lines(
            c, "the rest of the class", entry.state, entry.coalition, _steps(imp.by_class)
        )
    )
    return out


def _steps(steps: UnitSteps | None) -> UnitSteps | None:
    return steps if steps else None


def coalitions_lines(result: CoalitionAnalysis) -> list[Line]:
    """The report as lines (headings and items)."""
    c = result.conflict
    ids = c.states.ids
    out: list[Line] = [
        ("h", 0, "Coalition analysis"),
        ("li", 0, f"class of coalitions: {', '.join(_unit(u) for u in result.units)}"),
    ]
    out.extend(("li", 0, f"note: {n}") for n in result.notes)
    if result.stability is not None:
        out.append(("h", 1, "Coalition stability of the class"))
        for concept in result.concepts:
            eq = result.stability.equilibria(concept).nonzero()[0]
            out.append(("li", 0, f"{_C[concept]} equilibria: {_ids(c, eq)}"))
            for unit, mask in result.stability.stable[concept].items():
                out.append(("li", 1, f"stable for {_unit(unit)}: {_ids(c, mask.nonzero()[0])}"))
    out.append(("h", 1, "Coalitions that can improve on the individual equilibria"))
    by_state: dict[int, list[ScanEntry]] = {}
    for entry in result.scan:
        by_state.setdefault(entry.state, []).append(entry)
    any_eq = sorted(
        {int(s) for m in result.equilibria.values() for s in m.nonzero()[0]},
        key=lambda s: int(ids[s]),
    )
    if not any_eq:
        out.append(("li", 0, f"no equilibrium under {concept_names(list(result.concepts))}"))
    for s in any_eq:
        kinds = [k for k in result.concepts if bool(result.equilibria[k][s])]
        head = f"{state_name(c, s)} ({concept_names(kinds)} equilibrium)"
        entries = by_state.get(s, [])
        if not entries:
            out.append(("li", 0, f"{head}: no coalition of two or more can improve on it"))
            continue
        upset = any(not i.blocked for e in entries for i in e.improvements)
        verdict = (
            "some coalitional improvement cannot be sanctioned by the others"
            if upset
            else "every coalitional improvement can be sanctioned by the others"
        )
        out.append(("li", 0, f"{head}: {verdict}"))
        for entry in entries:
            out.append(("li", 1, f"{' + '.join(entry.coalition)} can improve on it:"))
            for imp in entry.improvements:
                out.extend(
                    (kind, depth + 1, text)
                    for kind, depth, text in _improvement_lines(result, entry, imp)
                )
    return out


def coalitions_text(result: CoalitionAnalysis) -> str:
    """The report as plain text."""
    return render_lines(coalitions_lines(result))


def coalitions_markdown(result: CoalitionAnalysis) -> str:
    """The report as Markdown."""
    return render_lines(coalitions_lines(result), markdown=True)


def _unit_steps(conflict: Conflict, steps: UnitSteps | None) -> list[dict[str, Any]] | None:
    if not steps:
        return None
    ids = conflict.states.ids
    return [
        {"actor": "+".join(u), "members": list(u), "from": int(ids[a]), "to": int(ids[b])}
        for u, a, b in steps
    ]


def coalitions_dict(result: CoalitionAnalysis) -> dict[str, Any]:
    """The coalition analysis as a JSON-ready dict (docs/results-schema.md)."""
    from accord import __version__
    from accord.reports.json_results import model_json

    c = result.conflict
    ids = c.states.ids
    pay = c.payoffs

    def id_list(mask: Any) -> list[int]:
        return sorted(int(x) for x in ids[mask])

    improvements = {
        "+".join(unit): {
            str(int(ids[s])): sorted(int(ids[q]) for q in found) for s, found in rows.items()
        }
        for unit, rows in result.table.items()
    }
    stability = None
    if result.stability is not None:
        stability = {
            concept: {"+".join(u): id_list(m) for u, m in result.stability.stable[concept].items()}
            for concept in result.concepts
        }
    scan = []
    for entry in result.scan:
        scan.append(
            {
                "state": int(ids[entry.state]),
                "equilibrium_of": [
                    k for k in result.concepts if bool(result.equilibria[k][entry.state])
                ],
                "coalition": "+".join(entry.coalition),
                "members": list(entry.coalition),
                "improvements": [
                    {
                        "to": int(ids[imp.target]),
                        "payoffs": {
                            d: [int(pay[d][entry.state]), int(pay[d][imp.target])]
                            for d in entry.coalition
                        },
                        "moves": [move_dict(c, m) for m in imp.moves],
                        "sanctioned_by_individuals": imp.blocked,
                        "sanction_by_individuals": _unit_steps(c, imp.by_individuals),
                        "sanctioned_by_class": imp.blocked_by_class,
                        "sanction_by_class": _unit_steps(c, imp.by_class),
                    }
                    for imp in entry.improvements
                ],
            }
        )
    prov = result.provenance
    return {
        "accord": __version__,
        "schema": "accord-coalitions/1",
        "model": model_json(c),
        "class": ["+".join(u) for u in result.units],
        "concepts": list(result.concepts),
        "individual_equilibria": {k: id_list(m) for k, m in result.equilibria.items()},
        "improvements": improvements,
        "stability": stability,
        "equilibria": (
            None
            if result.stability is None
            else {k: id_list(result.stability.equilibria(k)) for k in result.concepts}
        ),
        "scan": scan,
        "notes": list(result.notes),
        "provenance": None
        if prov is None
        else {
            "model_hash": prov.model_hash,
            "accord_version": prov.accord_version,
            "parameters": dict(prov.parameters),
        },
    }
