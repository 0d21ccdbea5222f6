"""Seeded random conflicts, for benchmarks and for anyone who needs a test model.

A generated conflict has ``dms`` decision makers with ``options`` options each, random
infeasible conditions removing about a chosen share of the states, some irreversible
options, and per DM either prioritised statements (random short formulas over the options,
mixing the DM's own and the others') or a random ranking with ties.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from accord.core.model import (
    Conflict,
    DecisionMaker,
    Infeasibility,
    Option,
    PayoffVector,
    Preference,
    Reversibility,
    Statement,
    Statements,
)
from accord.core.provenance import Metadata

__all__ = ["random_conflict"]


def _literal(rng: np.random.Generator, names: Sequence[str]) -> str:
    name = names[int(rng.integers(len(names)))]
    return name if rng.random() < 0.5 else f"-{name}"


def _statement(rng: np.random.Generator, own: Sequence[str], every: Sequence[str]) -> str:
    """A short random formula: a literal, or two joined by &, |, IF or IFF."""
    first = _literal(rng, own if rng.random() < 0.6 else every)
    if rng.random() < 0.4:
        return first
    second = _literal(rng, every)
    while second.lstrip("-") == first.lstrip("-"):
        second = _literal(rng, every)
    op = ("&", "|", "IF", "IFF")[int(rng.integers(4))]
    return f"{first} {op} {second}"


def _infeasible(
    rng: np.random.Generator, names: Sequence[str], share: float, samples: int = 4096
) -> list[str]:
    """Random conjunctions of literals until about ``share`` of all states are removed."""
    if share <= 0:
        return []
    k = len(names)
    width = max(2, min(k, round(math.log2(1 / share)) + 1))
    probe = rng.integers(0, 2, size=(samples, k), dtype=np.int8).astype(bool)
    removed = np.zeros(samples, dtype=bool)
    out: list[str] = []
    while removed.mean() < share and len(out) < 4 * k:
        chosen = rng.choice(k, size=width, replace=False)
        values = rng.integers(0, 2, size=width).astype(bool)
        hit = np.all(probe[:, chosen] == values, axis=1)
        if hit.all() or (removed | hit).mean() > min(0.95, share * 1.5 + 0.02):
            continue
        removed |= hit
        out.append(
            " & ".join(
                names[c] if v else f"-{names[c]}" for c, v in zip(chosen, values, strict=True)
            )
        )
    return out


def random_conflict(
    dms: int = 3,
    options: int | Sequence[int] = 3,
    *,
    infeasible: float = 0.0,
    irreversible: int = 0,
    statements: int = 4,
    payoffs: str = "statements",
    levels: int | None = None,
    seed: int = 0,
    name: str | None = None,
) -> Conflict:
    """A random, valid conflict, the same for the same arguments.

    Parameters
    ----------
    dms
        Number of decision makers (at least 2).
    options
        Options per DM: one number for all, or one per DM.
    infeasible
        Share of all option assignments to make infeasible (approximately).
    irreversible
        How many options are irreversible (half ``take_only``, half ``withdraw_only``).
    statements
        Prioritised statements per DM (when ``payoffs="statements"``).
    payoffs
        ``"statements"`` or ``"ranking"`` (random ranking with ties).
    levels
        For rankings: how many payoff levels (ties); default about half the states.
    seed
        Random seed.
    name
        Model name; derived from the arguments by default.
    """
    if dms < 2:
        raise ValueError(f"a conflict needs at least two decision makers (got {dms})")
    counts = [options] * dms if isinstance(options, int) else list(options)
    if len(counts) != dms or min(counts) < 1:
        raise ValueError("give each decision maker at least one option")
    rng = np.random.default_rng(seed)
    names = [f"o{t}" for t in range(sum(counts))]
    flip = rng.choice(len(names), size=min(irreversible, len(names)), replace=False)
    kinds: dict[int, Reversibility] = {
        int(t): ("take_only" if k % 2 == 0 else "withdraw_only") for k, t in enumerate(flip)
    }
    makers = []
    start = 0
    for d, count in enumerate(counts):
        opts = tuple(
            Option(names[t], reversibility=kinds.get(t, "both"))
            for t in range(start, start + count)
        )
        makers.append(DecisionMaker(f"DM{d + 1}", opts))
        start += count
    rules = _infeasible(rng, names, infeasible)
    prefs: dict[str, Preference] = {}
    for dm in makers:
        own = [o.name for o in dm.options]
        prefs[dm.name] = Statements(
            tuple(Statement(_statement(rng, own, names)) for _ in range(statements))
        )
    label = name or f"random-{dms}x{'-'.join(map(str, counts))}-s{seed}"
    conflict = Conflict(
        label,
        tuple(makers),
        prefs,
        infeasible=tuple(Infeasibility(r) for r in rules),
        metadata=Metadata(title=f"Random conflict (seed {seed})", tags=("generated",)),
    )
    if payoffs == "statements":
        return conflict
    if payoffs != "ranking":
        raise ValueError(f"payoffs must be 'statements' or 'ranking' (got {payoffs!r})")
    n = len(conflict.states)
    count = levels or max(2, n // 2)
    random: dict[str, Preference] = {
        dm.name: PayoffVector(rng.integers(0, count, size=n)) for dm in makers
    }
    return conflict.replace(preferences=random)
