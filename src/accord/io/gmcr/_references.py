"""References between the parts of a ``.gmcr`` file: option and decision-maker indices.

The checks work on the raw JSON and skip whatever has the wrong shape (which
:func:`accord.io.gmcr._raw.validate` reports), so that one pass over a file reports every
problem in it.
"""

from __future__ import annotations

from typing import Any

from accord.errors import Path, Problem
from accord.io.gmcr._raw import is_int

__all__ = ["reference_problems"]


def _numbered(n: int, noun: str) -> str:
    if n == 0:
        return f"the file has no {noun}s"
    if n == 1:
        return f"the file has one {noun}, numbered 0"
    return f"the file has {n} {noun}s, numbered 0 to {n - 1}"


def reference_problems(raw: Any) -> list[Problem]:
    """Indices out of range, options owned twice or never, missing manual rankings."""
    if not isinstance(raw, dict):
        return []
    problems: list[Problem] = []
    options = raw.get("options")
    n_opt = len(options) if isinstance(options, list) else None
    dms = raw.get("decisionMakers")
    dm_list: list[Any] = dms if isinstance(dms, list) else []

    def option_label(idx: int) -> str:
        entry = options[idx] if isinstance(options, list) else None
        name = entry.get("name") if isinstance(entry, dict) else None
        return f"option {idx} ({name!r})" if isinstance(name, str) else f"option {idx}"

    def dm_label(i: int) -> str:
        name = dm_list[i].get("name")
        return repr(name) if isinstance(name, str) else f"decision maker {i}"

    def check_option_index(value: Any, path: Path) -> bool:
        if not is_int(value) or n_opt is None:
            return False
        if 0 <= value < n_opt:
            return True
        problems.append(
            Problem(
                f"option index {value} is out of range: {_numbered(n_opt, 'option')}", path=path
            )
        )
        return False

    def check_and(condition: Any, path: Path) -> None:
        if isinstance(condition, list):
            for j, literal in enumerate(condition):
                if isinstance(literal, list) and literal:
                    check_option_index(literal[0], (*path, j, 0))

    def check_conditions(conditions: Any, path: Path) -> None:
        if not isinstance(conditions, list):
            return
        for k, condition in enumerate(conditions):
            if isinstance(condition, dict) and isinstance(condition.get("members"), list):
                for m, member in enumerate(condition["members"]):
                    check_and(member, (*path, k, "members", m))
            else:
                check_and(condition, (*path, k))

    manual = raw.get("useManualPreferenceRanking")
    if manual is None:
        manual = raw.get("useManualPreferenceVectors")
    owners: dict[int, list[tuple[int, int]]] = {}
    all_listed = isinstance(dms, list)  # whether every option's owner is known
    for i, dm in enumerate(dm_list):
        if not isinstance(dm, dict):
            all_listed = False
            continue
        owned = dm.get("options")
        if isinstance(owned, list):
            for j, idx in enumerate(owned):
                if check_option_index(idx, ("decisionMakers", i, "options", j)):
                    owners.setdefault(idx, []).append((i, j))
            # an entry of the wrong type is reported already; whom it names is unknown
            all_listed = all_listed and all(is_int(idx) for idx in owned)
        else:
            all_listed = False
        for key in ("preferences", "misperceptions"):
            check_conditions(dm.get(key), ("decisionMakers", i, key))
        if (
            manual is True
            and dm.get("preferenceRanking") is None
            and dm.get("preferenceVector") is None
        ):
            name = dm.get("name")
            who = f"decision maker {name!r}" if isinstance(name, str) else "this decision maker"
            problems.append(
                Problem(
                    f"{who} has no 'preferenceRanking', but 'useManualPreferenceRanking' is true",
                    path=("decisionMakers", i),
                    hint="add its ranking (state numbers, best first), or set "
                    "useManualPreferenceRanking to false so that its preferences rank the states",
                )
            )
    check_conditions(raw.get("infeasibles"), ("infeasibles",))

    for idx, places in sorted(owners.items()):
        first = places[0][0]
        for i, j in places[1:]:
            if i == first:
                message = f"{option_label(idx)} is listed twice in the options of {dm_label(i)}"
            else:
                message = (
                    f"{option_label(idx)} is owned by both {dm_label(first)} and {dm_label(i)}; "
                    "each option belongs to exactly one decision maker"
                )
            problems.append(Problem(message, path=("decisionMakers", i, "options", j)))
    if n_opt is not None and all_listed:
        problems.extend(
            Problem(
                f"{option_label(idx)} belongs to no decision maker; every option must be "
                "listed in the 'options' of exactly one decision maker",
                path=("options", idx),
            )
            for idx in range(n_opt)
            if idx not in owners
        )
    coalitions = raw.get("coalitions")
    if isinstance(coalitions, list) and isinstance(dms, list):
        for c, entry in enumerate(coalitions):
            members: list[tuple[Any, Path]] = (
                [(v, (c, k)) for k, v in enumerate(entry)]
                if isinstance(entry, list)
                else [(entry, (c,))]
            )
            for value, where in members:
                if is_int(value) and not 0 <= value < len(dm_list):
                    problems.append(
                        Problem(
                            f"decision-maker index {value} is out of range: "
                            f"{_numbered(len(dm_list), 'decision maker')}",
                            path=("coalitions", *where),
                        )
                    )
    return problems
