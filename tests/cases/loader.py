"""Build accord conflicts from the ``accord-case/1`` JSON fixtures in this folder.

The schema is described in ``README.md`` next to this file (§2).  Fixture option names are free
text (``Air Strike``, ``Cease-fire``); they become identifiers with
:func:`accord.io.names.unique_identifiers` and stay as labels.  Statements are rewritten from
the fixture grammar (no parentheses; ``IF``/``IFF``, ``|``, ``&``, leading ``-``) into accord's
condition language, infeasible patterns ``{option: "Y"|"N"}`` into conditions ``a & -b``,
and rankings into :class:`~accord.Ranking` groups.

State ids: an option-form conflict numbers its feasible states 1..F by increasing code, options
counted decision maker by decision maker.  :func:`case_state_ids` maps each fixture id to that
number by option pattern; :func:`load_case` translates rankings and the status quo through it, so
the conflict is right even if a fixture numbered its states differently.  (None does: every
option-form fixture here uses exactly accord's numbering, which ``test_loader.py`` checks.)
Graph-form fixtures (those with ``moves``) keep their own ids.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from accord import (
    Conflict,
    DecisionMaker,
    GraphForm,
    GraphState,
    Metadata,
    Option,
    Ranking,
    Statements,
)
from accord.core.model import Preference
from accord.io.names import unique_identifiers

__all__ = [
    "CASES",
    "CASE_DIR",
    "case_json",
    "case_state_ids",
    "convert_statement",
    "load_case",
    "option_identifiers",
    "option_order",
    "preference_source",
    "ranking",
    "state_codes",
    "state_taken",
]

CASE_DIR = Path(__file__).resolve().parent
#: Every fixture, by name (the file stem).
CASES: list[str] = sorted(p.stem for p in CASE_DIR.glob("*.json"))

_IF = re.compile(r"\s+(IFF|IF)\s+")


@cache
def _read(name: str) -> str:
    return (CASE_DIR / f"{name}.json").read_text(encoding="utf-8")


def case_json(name: str) -> dict[str, Any]:
    """The fixture's JSON, freshly parsed (callers may change it)."""
    data: dict[str, Any] = json.loads(_read(name))
    return data


def option_identifiers(case: Mapping[str, Any]) -> dict[str, str]:
    """Fixture option name → accord identifier, options taken decision maker by decision maker."""
    pairs = [(dm["name"], opt) for dm in case["decision_makers"] for opt in dm["options"]]
    idents = unique_identifiers(pairs)
    return {opt: ident for (_, opt), ident in zip(pairs, idents, strict=True)}


def option_order(case: Mapping[str, Any]) -> list[str]:
    """Fixture option names in accord's bit order (decision maker by decision maker)."""
    return [opt for dm in case["decision_makers"] for opt in dm["options"]]


def _literal(text: str, idents: Mapping[str, str]) -> str:
    text = text.strip()
    negated = text.startswith("-")
    name = text[1:].strip() if negated else text
    if name not in idents:
        raise ValueError(f"unknown option {name!r} in a fixture statement")
    return ("-" if negated else "") + idents[name]


def _disjunction(text: str, idents: Mapping[str, str]) -> str:
    return " | ".join(
        " & ".join(_literal(lit, idents) for lit in conj.split("&")) for conj in text.split("|")
    )


def convert_statement(text: str, idents: Mapping[str, str]) -> str:
    """A fixture statement (README §2 grammar) in accord's condition language."""
    parts = _IF.split(text)
    if len(parts) == 1:
        return _disjunction(text, idents)
    if len(parts) == 3:
        left, word, right = parts
        return f"{_disjunction(left, idents)} {word} {_disjunction(right, idents)}"
    raise ValueError(f"a fixture statement has at most one IF or IFF: {text!r}")


def _pattern_condition(pattern: Mapping[str, str], idents: Mapping[str, str]) -> str:
    return " & ".join(
        idents[name] if value == "Y" else f"-{idents[name]}" for name, value in pattern.items()
    )


def state_taken(assignment: Mapping[str, str], idents: Mapping[str, str]) -> frozenset[str]:
    """The identifiers of the options a full Y/N assignment takes."""
    return frozenset(idents[name] for name, value in assignment.items() if value == "Y")


def state_codes(case: Mapping[str, Any]) -> dict[int, int]:
    """Fixture state id → decimal code of its (representative) assignment, accord bit order."""
    bit = {name: t for t, name in enumerate(option_order(case))}
    return {
        s["id"]: sum(1 << bit[name] for name, value in s["options"].items() if value == "Y")
        for s in case["states"]
    }


def case_state_ids(case: Mapping[str, Any]) -> dict[int, int]:
    """Fixture state id → accord state id.

    Option form: accord numbers the feasible states 1..F by increasing code, so the map sends
    each fixture state to the rank of its code.  Graph form: ids are kept.
    """
    codes = state_codes(case)
    if "moves" in case:
        return {sid: sid for sid in codes}
    rank = {code: i for i, code in enumerate(sorted(codes.values()), start=1)}
    return {sid: rank[code] for sid, code in codes.items()}


def preference_source(case: Mapping[str, Any]) -> str:
    """``"statements"`` or ``"ranking"``: what the expected results were computed from."""
    if "preference_source" in case:
        return str(case["preference_source"])
    first = next(iter(case["preferences"].values()))
    return "statements" if "statements" in first else "ranking"


def ranking(entries: list[Any], ids: Mapping[int, int]) -> Ranking:
    """A fixture ranking (best first, inner lists are ties) with ids mapped through ``ids``."""
    return Ranking(
        tuple(
            tuple(ids[s] for s in entry) if isinstance(entry, list) else (ids[entry],)
            for entry in entries
        )
    )


def load_case(name: str) -> tuple[Conflict, dict[str, Any]]:
    """The conflict a fixture describes, and the fixture's JSON.

    Preferences follow ``preference_source`` (statements if given, else the ranking when the
    key is absent).  Rankings and the status quo are translated to accord ids with
    :func:`case_state_ids`.

    Raises
    ------
    ValueError
        When an option-form fixture's ``states`` are not exactly accord's feasible states.
    """
    case = case_json(name)
    idents = option_identifiers(case)
    reversibility = {o["name"]: o["reversibility"] for o in case["options"]}
    dms = tuple(
        DecisionMaker(
            dm["name"],
            tuple(
                Option(idents[opt], label=opt, reversibility=reversibility[opt])
                for opt in dm["options"]
            ),
        )
        for dm in case["decision_makers"]
    )
    ids = case_state_ids(case)
    source = preference_source(case)
    preferences: dict[str, Preference] = {}
    for dm, pref in case["preferences"].items():
        if source == "statements" and "statements" in pref:
            preferences[dm] = Statements(
                tuple(convert_statement(s, idents) for s in pref["statements"])
            )
        else:
            preferences[dm] = ranking(pref["ranking"], ids)
    graph = None
    if "moves" in case:
        graph = GraphForm(
            states=tuple(
                GraphState(
                    s["id"],
                    taken=state_taken(s["options"], idents),
                    members=tuple(state_taken(m, idents) for m in s.get("members", ())),
                )
                for s in case["states"]
            ),
            moves={dm: tuple(tuple(m) for m in moves) for dm, moves in case["moves"].items()},
        )
    status_quo = case.get("status_quo")
    conflict = Conflict(
        name=case["name"],
        decision_makers=dms,
        preferences=preferences,
        infeasible=tuple(_pattern_condition(p, idents) for p in case.get("infeasible") or ()),
        status_quo=None if status_quo is None else ids[status_quo],
        graph=graph,
        metadata=Metadata(title=case.get("title", "")),
    )
    if graph is None:
        listed = sorted(state_codes(case).values())
        if conflict.states.codes.tolist() != listed:
            raise ValueError(
                f"{name}: the fixture's states are not the feasible states accord derives "
                f"({len(listed)} listed, {len(conflict.states)} feasible)"
            )
    return conflict, case
