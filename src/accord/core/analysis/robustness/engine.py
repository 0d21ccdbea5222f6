"""The equilibria of many preference variants of one model, reusing what does not change.

Variants of a model differ only in their decision makers' payoffs: the states, the moves and
the option cube stay the same.  :class:`VariantEngine` prepares them once and then, for
each variant, computes Nash, GMR, SMR and SEQ from the variant's payoffs alone — no model is
rebuilt, validated or parsed:

* each DM's Nash, GMR and SMR stability comes from a memo when that DM's payoffs were seen
  before: these concepts depend on the DM's own payoffs and on the moves only;
* SEQ, whose credible sanctions depend on every opponent's payoffs, is computed unless the
  whole payoff profile was seen before (sampling often draws a variant twice, and different
  choices can order the states alike);
* option-form models of up to :attr:`VariantEngine.ARCS_UP_TO` states list their moves once
  and walk them with a compiled pass (:mod:`._reach`); larger ones share the option cube's
  layout (:mod:`accord.core.stability.cube`) and rebuild only its payoff levels; graph-form
  models share their moves and walk (state, last mover) pairs as ``analyze`` does;
* unknown state pairs (gmcr-spec §6.1) correct the answers exactly as ``analyze`` does, with
  :class:`~accord.core.stability.unknown.UnknownPreferences` over the shared moves.

The concepts ``lh:H`` and ``nm`` take the plain route: the variant's model is built and
analysed with :func:`~accord.core.analysis.stability.analyze`.  Every route gives the same
equilibria as that plain route (the tests compare them on random models).
"""

from __future__ import annotations

import copy
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np

from accord._types import BoolArray, IntArray
from accord.core.analysis.robustness._reach import least_reachable
from accord.core.moves import Arcs
from accord.core.stability import CONCEPTS, parse_concepts
from accord.core.stability.context import Context, Method

if TYPE_CHECKING:
    from accord.core.model import Conflict, Preference
    from accord.core.stability.cube import Cube
    from accord.core.stability.unknown import Pairs

__all__ = ["Route", "SpaceLike", "VariantEngine", "unknown_pairs", "variant_conflict"]

#: How an engine computes each variant's stability (see :class:`VariantEngine`).
Route = Literal["auto", "arcs", "cube", "context", "plain"]
#: Concepts that need only the focal DM's payoffs (and the moves).
OWN_PAYOFF_CONCEPTS = ("nash", "gmr", "smr")

_EMPTY = np.zeros(0, dtype=np.int64)


class SpaceLike(Protocol):
    """What the engine needs of a variant space: each variant's preferences and payoffs."""

    def preferences(self, choice: Sequence[int]) -> Mapping[str, Preference]:
        """The variant's preferences of the DMs that vary."""
        ...  # pragma: no cover - protocol

    def payoffs(self, choice: Sequence[int]) -> Mapping[str, IntArray]:
        """Every DM's payoffs in the variant, indexed like the model's states."""
        ...  # pragma: no cover - protocol


def unknown_pairs(conflict: Conflict) -> Pairs:
    """The model's unknown state pairs per DM, as state indices (only DMs that have some)."""
    from accord.core.stability.unknown import normalise_pairs

    declared = {dm: conflict.unknown_pairs(dm) for dm in conflict.dm_names}
    return normalise_pairs(conflict.dm_names, len(conflict.states), declared)


def variant_conflict(conflict: Conflict, preferences: Mapping[str, Preference]) -> Conflict:
    """The model with some DMs' preferences replaced: one variant, as a model of its own.

    The variant keeps the unknown state pairs but no other uncertainty (it is one reading
    of it) and no evidence (which refers to the base lists' statements by position).
    """
    from accord.core.uncertainty import Uncertainty

    return conflict.replace(
        preferences={**dict(conflict.preferences), **dict(preferences)},
        uncertainty={
            dm: Uncertainty(unknown=block.unknown)
            for dm, block in conflict.uncertainty.items()
            if block.unknown
        },
        evidence=(),
    )


class _Memo:
    """A dict that forgets its oldest entries past ``limit``, and counts its hits."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data: OrderedDict[Hashable, Any] = OrderedDict()
        self.hits = 0

    def get(self, key: Hashable, make: Callable[..., Any], *args: Any) -> Any:
        """The value under ``key``, made by ``make(*args)`` when missing."""
        if key in self.data:
            self.hits += 1
            return self.data[key]
        value = make(*args)
        if self.limit > 0:
            self.data[key] = value
            if len(self.data) > self.limit:
                self.data.popitem(last=False)
        return value


def _digest(values: IntArray) -> bytes:
    return hashlib.blake2b(np.ascontiguousarray(values).tobytes(), digest_size=16).digest()


class _PayoffView:
    """The part of a conflict the option cube reads after it is built: names and payoffs."""

    def __init__(self, dm_names: tuple[str, ...], payoffs: Mapping[str, IntArray]) -> None:
        self.dm_names = dm_names
        self.payoffs = payoffs


class _VariantContext(Context):
    """A :class:`Context` whose payoffs are a variant's and whose moves are shared.

    In the plain walk (option form) the sanction floors use the compiled
    :func:`~._reach.least_reachable` over the opponents' arcs, concatenated once per DM.
    """

    def __init__(
        self,
        conflict: Conflict,
        method: Method,
        payoffs: Mapping[str, IntArray],
        moves: dict[str, Arcs],
        others: dict[str, tuple[IntArray, IntArray]],
    ) -> None:
        super().__init__(conflict, method)
        self._variant_payoffs = payoffs
        self._others = others
        self.__dict__["moves"] = moves

    @property
    def payoffs(self) -> Mapping[str, IntArray]:
        """The variant's payoffs."""
        return self._variant_payoffs

    def floor(self, dm: str, kind: Literal["gmr", "smr", "seq"]) -> IntArray:
        """As :meth:`Context.floor`; the plain walk runs compiled."""
        if self.general:
            return super().floor(dm, kind)
        key = (dm, kind)
        if key not in self._floors:
            values = self.best_move[dm] if kind == "smr" else self.payoffs[dm]
            if kind == "seq":
                arcs = [self.improvements[d] for d in self.dm_names if d != dm]
                src = np.concatenate([a.src for a in arcs]) if arcs else _EMPTY
                dst = np.concatenate([a.dst for a in arcs]) if arcs else _EMPTY
            else:
                src, dst = self._others[dm]
            self._floors[key] = least_reachable(self.n_states, src, dst, values)
        return self._floors[key]


class VariantEngine:
    """Equilibria of preference variants of one model, computed with shared structure.

    Parameters
    ----------
    conflict
        The model whose variants are evaluated.
    space
        Its variant space (anything with ``payoffs(choice)`` and ``preferences(choice)``).
    extension
        For models with unknown state pairs: the extension ``a``–``d`` of each concept
        (gmcr-spec §6.1).  Models without pairs ignore it: every extension is the plain
        concept.
    route
        ``"auto"`` (the default) takes ``"arcs"`` for option-form models of up to
        :attr:`ARCS_UP_TO` states, ``"cube"`` for larger ones and ``"context"`` for graph
        form.  Any route can be forced, to cross-check and to measure what the reuse saves:
        ``"plain"`` builds and analyses each variant's model from scratch.
    memo
        ``False`` computes every variant in full, even one whose payoffs were seen before
        (to measure the engine's own cost).

    Raises
    ------
    AnalysisError
        For an extension other than a, b, c or d.

    Examples
    --------
    >>> engine = VariantEngine(conflict, variant_space(conflict))  # doctest: +SKIP
    >>> engine.equilibria((0, 1), ("nash", "seq"))["seq"]  # doctest: +SKIP
    array([ True, False, ...])
    """

    #: Memo entries kept per table are capped so that together they hold about this many
    #: states' answers.
    MEMO_STATES = 1 << 24
    #: Up to this many states the moves are listed and walked as arcs; beyond, the cube.
    ARCS_UP_TO = Context.LISTED_UP_TO

    def __init__(
        self,
        conflict: Conflict,
        space: SpaceLike,
        *,
        extension: str = "a",
        route: Route = "auto",
        memo: bool = True,
    ) -> None:
        from accord.core.stability.unknown import check_extension

        self.conflict = conflict
        self.space = space
        self.extension = check_extension(extension)
        self.dm_names = conflict.dm_names
        self.n_states = len(conflict.states)
        self.pairs = unknown_pairs(conflict)
        if route == "auto":
            if conflict.is_graph_form:
                route = "context"
            else:
                route = "arcs" if self.n_states <= self.ARCS_UP_TO else "cube"
        elif route in ("arcs", "cube") and conflict.is_graph_form:
            raise ValueError(f"the {route} route needs an option-form model")
        self.route: Route = route
        limit = max(16, self.MEMO_STATES // max(1, self.n_states)) if memo else 0
        self._levels = _Memo(limit)
        self._own = _Memo(limit)
        self._profiles = _Memo(limit)
        self._base: Cube | None = None
        self._pins: dict[Any, tuple[Any, Any]] = {}
        self._moves: dict[str, Arcs] | None = None
        self._others: dict[str, tuple[IntArray, IntArray]] = {}

    def prepare(self) -> None:
        """Do now what the first variant would: list the moves, load the compiled code."""
        if self.route in ("arcs", "context") or self.pairs:
            self._variant_context(dict(self.conflict.payoffs))
        elif self.route == "cube":
            self._base_cube()
        least_reachable(1, _EMPTY, _EMPTY, np.zeros(1, dtype=np.int64))

    # -- the public question ---------------------------------------------------------------
    def equilibria(self, choice: Sequence[int], concepts: Sequence[str]) -> dict[str, BoolArray]:
        """For one variant: per concept, the states stable for every DM.

        Raises
        ------
        AnalysisError
            For an unknown concept, or ``lh:H`` / ``nm`` on a model without two DMs.
        """
        names = parse_concepts(list(concepts))
        fast = [c for c in names if c in CONCEPTS] if self.route != "plain" else []
        out: dict[str, BoolArray] = {}
        if fast:
            payoffs = {
                dm: np.asarray(p, dtype=np.int64) for dm, p in self.space.payoffs(choice).items()
            }
            out.update(self._fast(payoffs, fast))
        rest = [c for c in names if c not in out]
        if rest:
            out.update(self._plain(choice, rest))
        return {c: out[c] for c in names}

    @property
    def memo_hits(self) -> int:
        """How many answers came from a memo rather than a computation."""
        return self._levels.hits + self._own.hits + self._profiles.hits

    # -- the fast routes ---------------------------------------------------------------------
    def _fast(self, payoffs: dict[str, IntArray], concepts: list[str]) -> dict[str, BoolArray]:
        digests = {dm: _digest(payoffs[dm]) for dm in self.dm_names}
        profile = tuple(digests[dm] for dm in self.dm_names)
        made: list[Callable[[str, str], BoolArray]] = []  # built on first need

        def stable(concept: str, dm: str) -> BoolArray:
            if not made:
                made.append(self._stability(payoffs, digests))
            return made[0](concept, dm)

        out: dict[str, BoolArray] = {}
        for concept in concepts:
            if concept in OWN_PAYOFF_CONCEPTS:
                masks = [
                    self._own.get((concept, dm, digests[dm]), stable, concept, dm)
                    for dm in self.dm_names
                ]
            else:
                masks = self._profiles.get((concept, profile), self._all, stable, concept)
            both = np.ones(self.n_states, dtype=bool)
            for m in masks:
                both &= m
            out[concept] = both
        return out

    def _all(self, stable: Callable[[str, str], BoolArray], concept: str) -> list[BoolArray]:
        return [stable(concept, dm) for dm in self.dm_names]

    def _stability(
        self, payoffs: dict[str, IntArray], digests: dict[str, bytes]
    ) -> Callable[[str, str], BoolArray]:
        """``stable(concept, dm)`` for one variant on this engine's route."""
        ctx = self._variant_context(payoffs) if self.route != "cube" or self.pairs else None
        if self.route == "cube":
            plain = self._variant_cube(payoffs, digests).stable
        else:
            assert ctx is not None
            plain = lambda concept, dm: CONCEPTS[concept](ctx, dm)  # noqa: E731
        if not self.pairs:
            return plain
        from accord.core.stability.unknown import UnknownPreferences

        assert ctx is not None
        uncertain = UnknownPreferences(ctx, self.pairs, self.extension)
        return lambda concept, dm: uncertain.stable(concept, dm, plain(concept, dm))

    def _variant_context(self, payoffs: dict[str, IntArray]) -> Context:
        """A context over the shared moves with this variant's payoffs."""
        method: Method = "auto" if self.conflict.is_graph_form else "plain"
        if self._moves is None:
            self._moves = Context(self.conflict, method=method).moves
            if method == "plain":
                for dm in self.dm_names:
                    arcs = [self._moves[d] for d in self.dm_names if d != dm]
                    self._others[dm] = (
                        np.concatenate([a.src for a in arcs]) if arcs else _EMPTY,
                        np.concatenate([a.dst for a in arcs]) if arcs else _EMPTY,
                    )
        return _VariantContext(self.conflict, method, payoffs, self._moves, self._others)

    def _base_cube(self) -> Cube:
        if self._base is None:
            from accord.core.stability.cube import Cube

            base = Cube(self.conflict, kernels=True)
            base.feasible  # noqa: B018 - computed once, shared by every variant's copy
            self._base = base
        return self._base

    def _variant_cube(self, payoffs: dict[str, IntArray], digests: dict[str, bytes]) -> Cube:
        """The base cube's layout (axes, codes, feasibility) with this variant's payoffs."""
        base = self._base_cube()
        cube = copy.copy(base)
        for key in ("level", "_sorted", "_pin_high", "_pin_low"):
            cube.__dict__.pop(key, None)
        top = max(int(p.max()) for p in payoffs.values()) + 2
        dtype = np.uint8 if top < 255 else np.uint16 if top < 65535 else np.uint32
        cube.conflict = _PayoffView(self.dm_names, payoffs)  # type: ignore[assignment]
        cube.dtype = dtype
        cube.inf = np.iinfo(dtype).max
        if dtype not in self._pins:
            probe = copy.copy(cube)
            self._pins[dtype] = (probe._pin_high, probe._pin_low)
        cube.__dict__["_pin_high"], cube.__dict__["_pin_low"] = self._pins[dtype]
        cube.__dict__["level"] = {
            dm: self._levels.get((dm, digests[dm], dtype), self._level, base, payoffs[dm], dtype)
            for dm in self.dm_names
        }
        return cube

    @staticmethod
    def _level(base: Cube, pay: IntArray, dtype: Any) -> Any:
        full = np.zeros(base.n, dtype=dtype)
        full[base.codes] = pay + 1
        return full.reshape(base.shape)

    # -- the plain route ---------------------------------------------------------------------
    def _plain(self, choice: Sequence[int], concepts: list[str]) -> dict[str, BoolArray]:
        from accord.core.analysis.stability import analyze

        variant = variant_conflict(self.conflict, self.space.preferences(choice))
        result = analyze(variant, concepts, unknown=self.pairs, extension=self.extension)
        return {c: np.asarray(result.results[c].equilibria, dtype=bool) for c in concepts}
