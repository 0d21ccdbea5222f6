"""From each variant's equilibria to shares, intervals and the items each conclusion hinges on.

A *conclusion* is "state s is an equilibrium under concept c".  Over the evaluated
variants it holds in some share of them:

* when every variant was enumerated, the share is exact: the sum of the probabilities of the
  variants where it holds.  If the run stopped early, the share is taken over the finished
  variants and the interval gives the exact bounds whatever the others would have said;
* when variants were sampled, the share is the fraction of the sample, with a 95 % Wilson
  score interval (Wilson 1927; Brown, Cai & DasGupta 2001 recommend it over the normal
  approximation, which fails near 0 and 1 — exactly where robust conclusions sit).

A conclusion is *robust* when it holds in all evaluated variants or in none.  Otherwise it
*hinges* on the uncertain items: for each item and each of its values, the share among the
variants with that value (conditional shares, exact or sampled like the share itself); the
item's *swing* is the largest minus the smallest of them.  Ranking items by swing answers
"which uncertain items swing this conclusion most".

Everything is computed in plan order from the full arrays, so the result does not depend on
how the variants were split into tasks or in which order the tasks finished.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple, Protocol

import numpy as np
from numpy.typing import NDArray

from accord._types import BoolArray

if TYPE_CHECKING:
    from accord.core.analysis.robustness.ensemble import Plan
    from accord.core.model import Conflict

__all__ = [
    "Z95",
    "ItemEffect",
    "ItemLike",
    "Robustness",
    "RunRecord",
    "StateShare",
    "WayShare",
    "aggregate",
    "wilson_interval",
]

#: The standard normal quantile of a two-sided 95 % interval.
Z95 = 1.959963984540054


class ItemLike(Protocol):
    """What aggregation needs of an uncertain item."""

    @property
    def key(self) -> str: ...  # pragma: no cover - protocol
    @property
    def dm(self) -> str: ...  # pragma: no cover - protocol
    @property
    def kind(self) -> str: ...  # pragma: no cover - protocol
    @property
    def ways(self) -> tuple[str, ...]: ...  # pragma: no cover - protocol
    @property
    def weights(self) -> tuple[float, ...]: ...  # pragma: no cover - protocol


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``successes / n``.

    Parameters
    ----------
    successes, n
        Successes among ``n`` independent trials (``0 ≤ successes ≤ n``).
    z
        The normal quantile: 1.96 for 95 %.

    Returns
    -------
    tuple of float
        ``(low, high)``, within [0, 1]; ``(0, 1)`` when ``n`` is 0.

    Examples
    --------
    >>> low, high = wilson_interval(34, 100)
    >>> round(low, 4), round(high, 4)
    (0.2546, 0.4372)
    >>> wilson_interval(0, 10)[0], round(wilson_interval(0, 10)[1], 4)
    (0.0, 0.2775)
    """
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


class WayShare(NamedTuple):
    """The share of a conclusion among the variants that give an item one value.

    A named tuple (immutable, and cheap to make by the ten thousand).

    Attributes
    ----------
    way
        The value's label (the item's ``ways``).
    share
        The conclusion's share among those variants; ``None`` when none was evaluated.
    variants
        How many evaluated variants have this value.
    probability
        The value's probability.
    low, high
        The share's interval (Wilson for samples; exact bounds for an enumeration).
    """

    way: str
    share: float | None
    variants: int
    probability: float
    low: float = 0.0
    high: float = 1.0


@dataclass(frozen=True)
class ItemEffect:
    """How much fixing one uncertain item moves one conclusion.

    Attributes
    ----------
    item, dm, kind
        The item's key (``US.unordered[0]``), its decision maker and kind.
    swing
        The largest minus the smallest conditional share over the item's values.
    ways
        One :class:`WayShare` per value, in the item's order.
    significant
        Whether the swing is more than sampling noise: always for an enumeration; for a
        sample, when the 95 % intervals of the highest and lowest shares do not overlap.
    """

    item: str
    dm: str
    kind: str
    swing: float
    ways: tuple[WayShare, ...]
    significant: bool = True

    @property
    def highest(self) -> WayShare:
        """The value under which the conclusion is most often true."""
        return max(self._seen, key=lambda w: w.share or 0.0)

    @property
    def lowest(self) -> WayShare:
        """The value under which the conclusion is least often true."""
        return min(self._seen, key=lambda w: w.share or 0.0)

    @property
    def _seen(self) -> list[WayShare]:
        return [w for w in self.ways if w.share is not None]


@dataclass(frozen=True)
class StateShare:
    """One conclusion — a state is an equilibrium under a concept — over the variants.

    Attributes
    ----------
    concept
        The solution concept.
    state, index
        The state's id and its index in the model's states.
    count
        In how many evaluated variants the state is an equilibrium.
    variants
        How many variants were evaluated.
    share
        The share of the variants (probability-weighted when enumerated).
    low, high
        The 95 % Wilson interval (sampled), or the exact bounds (enumerated).
    roles
        ``"status quo"`` and/or ``"focus"`` when the state is one of them.
    effects
        The items that move the share, by decreasing swing (robust conclusions have none).
    """

    concept: str
    state: int
    index: int
    count: int
    variants: int
    share: float
    low: float
    high: float
    roles: tuple[str, ...] = ()
    effects: tuple[ItemEffect, ...] = ()

    @property
    def robust(self) -> bool:
        """Whether the conclusion is the same in every evaluated variant."""
        return self.count in (0, self.variants)

    @property
    def status(self) -> str:
        """``"always"``, ``"never"`` or ``"sometimes"`` an equilibrium."""
        if self.variants and self.count == self.variants:
            return "always"
        return "never" if self.count == 0 else "sometimes"


@dataclass(frozen=True)
class RunRecord:
    """How a robustness result was made.

    Attributes
    ----------
    model_hash, accord_version
        The model's fingerprint and the version of accord.
    seed, samples
        What was asked for.
    enumerated
        Whether every variant of the space was planned (the space has at most ``samples``).
    space_size
        How many variants the model's uncertainty defines.
    planned, evaluated
        How many variants the plan holds, and how many finished.
    distinct
        How many distinct variants were evaluated (a sample draws some several times; each
        is evaluated once).
    concepts, extension
        The solution concepts, and the extension for unknown state pairs.
    runner
        ``"local"`` or ``"dask"``; ``scheduler`` is the Dask scheduler's address.
    workers
        Per worker (a Dask address or ``process <pid>``), how many tasks it ran.
    tasks, batch_size
        How many tasks the plan was cut into, and the variants per task.
    seconds
        Wall time of the whole run.
    engine_seconds, setup_seconds
        Summed over tasks: time spent evaluating variants, and reading the model and
        preparing the engine in the workers.
    seconds_per_variant
        The engine's time per variant, measured on the first variants before the run.
    partial
        Whether the run stopped before every planned variant was evaluated.
    """

    model_hash: str
    accord_version: str
    seed: int
    samples: int
    enumerated: bool
    space_size: int
    planned: int
    evaluated: int
    concepts: tuple[str, ...]
    extension: str
    runner: str = "local"
    scheduler: str | None = None
    workers: Mapping[str, int] = field(default_factory=dict)
    tasks: int = 0
    batch_size: int = 0
    seconds: float = 0.0
    engine_seconds: float = 0.0
    setup_seconds: float = 0.0
    seconds_per_variant: float = 0.0
    partial: bool = False
    distinct: int = 0


@dataclass(frozen=True, eq=False)
class Robustness:
    """How the equilibria of a model change over the variants of its uncertain preferences.

    Attributes
    ----------
    conflict
        The model.
    items
        Its uncertain items.
    states
        Per concept, the conclusions worth reporting, most interesting first: the status
        quo, the focus state, then every state that is an equilibrium in some variant, by
        decreasing share and then id.
    record
        How the result was made.
    """

    conflict: Conflict
    items: tuple[ItemLike, ...]
    states: Mapping[str, tuple[StateShare, ...]]
    record: RunRecord

    @property
    def concepts(self) -> tuple[str, ...]:
        """The concepts, in the order asked."""
        return tuple(self.states)

    def robust(self, concept: str) -> tuple[StateShare, ...]:
        """States that are an equilibrium in every evaluated variant."""
        return tuple(s for s in self.states[concept] if s.status == "always")

    def hinging(self, concept: str) -> tuple[StateShare, ...]:
        """States that are an equilibrium in some variants but not all, by interest."""
        return tuple(s for s in self.states[concept] if s.status == "sometimes")

    def share(self, concept: str, state: int) -> StateShare | None:
        """The conclusion about the state with this id, if it was reported."""
        for s in self.states[concept]:
            if s.state == state:
                return s
        return None


def _roles(conflict: Conflict) -> dict[int, tuple[str, ...]]:
    """State index → ``("status quo",)``, ``("focus",)`` or both."""
    from accord.errors import AccordError

    out: dict[int, tuple[str, ...]] = {}
    for role, ref in (("status quo", conflict.status_quo), ("focus", conflict.metadata.focus)):
        if ref is None:
            continue
        try:
            index = conflict.states.resolve(ref)
        except AccordError:  # pragma: no cover - the model was validated
            continue
        out[index] = (*out.get(index, ()), role)
    return out


def aggregate(
    conflict: Conflict,
    items: Sequence[ItemLike],
    plan: Plan,
    packed: Mapping[str, NDArray[np.uint8]],
    done: BoolArray,
    record: RunRecord,
) -> Robustness:
    """Shares, intervals and sensitivities of every conclusion over the finished variants.

    Parameters
    ----------
    conflict
        The model.
    items
        Its uncertain items, in the order of the plan's columns.
    plan
        The planned variants.
    packed
        Per concept, shape ``(len(plan), ceil(states / 8))``: the equilibria of each variant
        as bits (``numpy.packbits`` of its mask over the states).  Rows of unfinished
        variants are ignored.
    done
        Which variants finished.
    record
        How the run was made (its ``evaluated`` and ``partial`` are taken from ``done``).

    Returns
    -------
    Robustness
        The conclusions worth reporting, per concept.
    """
    done = np.asarray(done, dtype=bool)
    n_done = int(done.sum())
    record = replace(record, evaluated=n_done, partial=n_done < len(plan))
    roles = _roles(conflict)
    ids = conflict.states.ids
    n_states = len(ids)
    choices = plan.choices[done]
    weights = plan.weights[done]
    total = float(plan.weights.sum())
    finished = float(weights.sum())
    states: dict[str, tuple[StateShare, ...]] = {}
    for concept, bits in packed.items():
        rows = np.asarray(bits, dtype=np.uint8)[done]
        count, held = _tally(rows, n_states, weights if plan.enumerated else None)
        interesting = sorted(set(np.flatnonzero(count > 0).tolist()) | set(roles))
        sometimes = [s for s in interesting if 0 < count[s] < n_done]
        effects: dict[int, tuple[ItemEffect, ...]] = {}
        if sometimes:
            eq = _columns(rows, n_states, np.asarray(sometimes, dtype=np.int64))
            found = _effects(items, plan.enumerated, choices, weights, eq)
            effects = dict(zip(sometimes, found, strict=True))
        out = []
        for s in interesting:
            k = int(count[s])
            if n_done == 0:
                share, low, high = 0.0, 0.0, 1.0
            elif plan.enumerated:
                share = 1.0 if k == n_done else float(held[s]) / finished if finished > 0 else 0.0
                missing = total - finished
                if missing <= 1e-12 * total:
                    low = high = share
                else:  # what the unfinished variants could still make of it
                    low, high = float(held[s]) / total, (float(held[s]) + missing) / total
            else:
                share = k / n_done
                low, high = wilson_interval(k, n_done)
            out.append(
                StateShare(
                    concept,
                    int(ids[s]),
                    s,
                    k,
                    n_done,
                    share,
                    low,
                    high,
                    roles.get(s, ()),
                    effects.get(s, ()),
                )
            )
        out.sort(key=lambda r: (_role_rank(r.roles), -r.share, r.state))
        states[concept] = tuple(out)
    return Robustness(conflict, tuple(items), states, record)


#: Rows unpacked at a time: bounds the memory of a tally to this many rows of states.
_CHUNK = 2048


def _tally(
    rows: NDArray[np.uint8], n_states: int, weights: NDArray[np.float64] | None
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Per state: in how many rows it is set, and (with weights) their total weight."""
    count = np.zeros(n_states, dtype=np.int64)
    held = np.zeros(n_states, dtype=np.float64)
    for start in range(0, rows.shape[0], _CHUNK):
        block = np.unpackbits(rows[start : start + _CHUNK], axis=1, count=n_states)
        count += block.sum(axis=0, dtype=np.int64)
        if weights is not None:
            held += (block * weights[start : start + _CHUNK, None]).sum(axis=0)
    return count, held


def _columns(rows: NDArray[np.uint8], n_states: int, columns: NDArray[np.int64]) -> BoolArray:
    """The unpacked bits of some states (columns) in every row."""
    out = np.zeros((rows.shape[0], columns.size), dtype=bool)
    for start in range(0, rows.shape[0], _CHUNK):
        block = np.unpackbits(rows[start : start + _CHUNK], axis=1, count=n_states)
        out[start : start + _CHUNK] = block[:, columns].astype(bool)
    return out


def _role_rank(roles: tuple[str, ...]) -> int:
    if "status quo" in roles:
        return 0
    return 1 if "focus" in roles else 2


def _wilson_arrays(
    k: NDArray[np.float64], n: NDArray[np.float64], z: float = Z95
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """:func:`wilson_interval` of arrays of counts (where ``n`` is 0: 0 and 1)."""
    size = np.maximum(n, 1.0)
    p = k / size
    z2 = z * z
    centre = (p + z2 / (2 * size)) / (1 + z2 / size)
    half = z / (1 + z2 / size) * np.sqrt(p * (1 - p) / size + z2 / (4 * size * size))
    low = np.where(k <= 0, 0.0, np.maximum(0.0, centre - half))
    high = np.where(k >= n, 1.0, np.minimum(1.0, centre + half))
    return low, high


def _effects(
    items: Sequence[ItemLike],
    enumerated: bool,
    choices: NDArray[np.int64],
    weights: NDArray[np.float64],
    eq: BoolArray,
) -> list[tuple[ItemEffect, ...]]:
    """For each column (state) of ``eq``, the items that move it, clear effects first and
    then by decreasing swing."""
    n_states = eq.shape[1]
    if not items:
        return [() for _ in range(n_states)]
    # Per item and value, one sum over the finished variants with that value gives every
    # state's conditional count (and probability) at once.  Plain sums, no BLAS: exact, and
    # fast even while worker processes keep every core busy.
    hit_rows, count_rows, held_rows, mass_rows = [], [], [], []
    weighted = eq * weights[:, None] if enumerated else None
    flags = eq.view(np.uint8)  # sums of uint8 rows are the fastest numpy offers here
    for j, item in enumerate(items):
        m = len(item.ways)
        per_value = np.bincount(choices[:, j], minlength=m)
        hits = np.zeros((m, n_states), dtype=np.int64)
        held = np.zeros((m, n_states), dtype=np.float64)
        for v in np.flatnonzero(per_value).tolist():
            rows = choices[:, j] == v
            hits[v] = flags[rows].sum(axis=0, dtype=np.int64)
            if weighted is not None:
                held[v] = weighted[rows].sum(axis=0)
        hit_rows.append(hits)
        count_rows.append(per_value)
        if weighted is not None:
            held_rows.append(held)
            mass_rows.append(np.bincount(choices[:, j], weights=weights, minlength=m))
    hits_all = np.concatenate(hit_rows).astype(np.float64)
    counts = np.concatenate(count_rows).astype(np.float64)
    size = np.maximum(counts, 1.0)[:, None]
    if enumerated:
        value_mass = np.concatenate(mass_rows)[:, None]
        value_held = np.concatenate(held_rows)
        share = np.where(
            value_mass > 0, value_held / np.where(value_mass > 0, value_mass, 1), hits_all / size
        )
        share[hits_all >= counts[:, None]] = 1.0  # held in every variant with this value
        low = high = share
    else:
        share = hits_all / size
        low, high = _wilson_arrays(hits_all, np.broadcast_to(counts[:, None], hits_all.shape))
    seen = counts > 0
    # Per item: the swing of every state, and whether it is clear of sampling noise.
    spans: list[tuple[int, int]] = []
    start = 0
    for item in items:
        spans.append((start, start + len(item.ways)))
        start += len(item.ways)
    swing = np.zeros((len(items), n_states))
    clear = np.ones((len(items), n_states), dtype=bool)
    for j, (a, b) in enumerate(spans):
        rows = np.flatnonzero(seen[a:b]) + a
        if rows.size < 2:
            continue
        block = share[rows]
        top, bottom = block.argmax(axis=0), block.argmin(axis=0)
        cols = np.arange(n_states)
        swing[j] = block[top, cols] - block[bottom, cols]
        if not enumerated:
            clear[j] = low[rows[top], cols] > high[rows[bottom], cols]
    share_l, low_l, high_l = share.T.tolist(), low.T.tolist(), high.T.tolist()
    counts_l = [int(c) for c in counts]
    out: list[tuple[ItemEffect, ...]] = []
    for s in range(n_states):
        effects = []
        for j in np.flatnonzero(swing[:, s] > 1e-12).tolist():
            item = items[j]
            a, _ = spans[j]
            ways = tuple(
                WayShare(label, None, 0, float(item.weights[v]))
                if counts_l[a + v] == 0
                else WayShare(
                    label,
                    share_l[s][a + v],
                    counts_l[a + v],
                    float(item.weights[v]),
                    low_l[s][a + v],
                    high_l[s][a + v],
                )
                for v, label in enumerate(item.ways)
            )
            effects.append(
                ItemEffect(
                    item.key, item.dm, item.kind, float(swing[j, s]), ways, bool(clear[j, s])
                )
            )
        # Clear effects first, then by swing; equal ones keep the items' order.
        effects.sort(key=lambda e: (not e.significant, -e.swing))
        out.append(tuple(effects))
    return out
