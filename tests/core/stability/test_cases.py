"""Every published and reference case reproduced exactly, per DM and per concept."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from accord.core.analysis.stability import analyze
from accord.core.results import StabilityAnalysis
from cases.loader import CASES, case_state_ids, load_case

CONCEPTS = ("nash", "gmr", "smr", "seq")


@cache
def _analysed(name: str, method: str = "auto") -> tuple[StabilityAnalysis, dict[str, Any]]:
    conflict, case = load_case(name)
    extra = [f"lh:{row['h']}" for row in case["expected"].get("lh", [])]
    if "nm" in case["expected"]:
        extra.append("nm")
    return analyze(conflict, (*CONCEPTS, *extra), method=method), case  # type: ignore[arg-type]


def _cells() -> list[Any]:
    params = []
    for name in CASES:
        _, case = load_case(name)
        for concept in CONCEPTS:
            for dm in case["expected"][concept]["stable"]:
                params.append(pytest.param(name, concept, dm, id=f"{name}-{concept}-{dm}"))
    return params


def _ids(case: dict[str, Any], ids: list[int]) -> list[int]:
    mapping = case_state_ids(case)
    return sorted(mapping[s] for s in ids)


@pytest.mark.parametrize(("name", "concept", "dm"), _cells())
def test_stable_states_per_dm(name: str, concept: str, dm: str) -> None:
    result, case = _analysed(name)
    assert _ids(case, case["expected"][concept]["stable"][dm]) == result.stable_ids(concept, dm)


@pytest.mark.parametrize("concept", CONCEPTS)
@pytest.mark.parametrize("name", CASES)
def test_equilibria(name: str, concept: str) -> None:
    result, case = _analysed(name)
    assert _ids(case, case["expected"][concept]["equilibria"]) == result.equilibrium_ids(concept)


@pytest.mark.parametrize("concept", CONCEPTS)
@pytest.mark.parametrize("name", CASES)
def test_general_walk_reproduces_cases(name: str, concept: str) -> None:
    result, case = _analysed(name, "general")
    assert _ids(case, case["expected"][concept]["equilibria"]) == result.equilibrium_ids(concept)


def _lh_cells() -> list[Any]:
    params = []
    for name in CASES:
        _, case = load_case(name)
        for row in case["expected"].get("lh", []):
            params.append(pytest.param(name, row, id=f"{name}-L{row['h']}"))
        if "nm" in case["expected"]:
            params.append(
                pytest.param(name, {"h": None, **case["expected"]["nm"]}, id=f"{name}-NM")
            )
    return params


@pytest.mark.parametrize(("name", "row"), _lh_cells())
def test_limited_move_and_non_myopic(name: str, row: dict[str, Any]) -> None:
    result, case = _analysed(name)
    concept = "nm" if row["h"] is None else f"lh:{row['h']}"
    assert _ids(case, row["equilibria"]) == result.equilibrium_ids(concept)
    for dm, ids in row["stable"].items():
        assert _ids(case, ids) == result.stable_ids(concept, dm)


def test_garrison_state_6_needs_a_dm_to_move_twice() -> None:
    """GMCR+ lets each opponent move once and calls state 6 unstable; legal sequences
    (US Support → US Opposition → US Support) sanction it (gmcr-spec §3.2 pitfall)."""
    from accord.core.analysis.explain import explain

    result, case = _analysed("garrison_diversion_unit")
    assert 6 in result.equilibrium_ids("gmr")
    assert 6 in result.equilibrium_ids("smr")
    assert 6 not in case["peer"]["gmcr-py"]["gmr"]
    why = explain(result.conflict, 6, "Canadian Opposition", "gmr")
    assert why.stable
    (deterrence,) = why.improvements
    movers = [step.mover for step in deterrence.sanction or ()]
    assert movers == ["US Support", "US Opposition", "US Support"]
