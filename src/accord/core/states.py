"""State encoding and the feasible states of a model.

Option form: a state is an integer code whose bit ``t`` is set when option ``t`` is taken,
options counted decision maker by decision maker in model order (bit 0 = first option of the
first decision maker).  The feasible states are numbered 1..F by increasing code — the
GMCR II / GMCR+ numbering (gmcr-spec §2).  Graph form: the states and their ids are given;
a state may carry a representative code used to evaluate conditions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from accord._types import BoolArray, CodeArray, IntArray, StateRef
from accord.core.language import Expr, evaluate, evaluate_on_codes, names_in, parse_condition
from accord.errors import Problem, StateReferenceError, UnknownOptionError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "MAX_OPTIONS",
    "StateSpace",
    "cube_mask",
    "feasible_codes",
    "full_mask",
    "state_space",
]

#: Option-form models enumerate 2**options assignments; past this many options they will
#: not fit in memory on one machine.
MAX_OPTIONS = 30


def cube_mask(expr: Expr, bits: Mapping[str, int], n_options: int) -> BoolArray:
    """Where ``expr`` holds over all 2**n_options assignments, as a broadcastable array.

    The cube has one axis per option (bit ``t`` is axis ``n_options - 1 - t``); each option
    is a length-2 array along its own axis, so the result only spans the options the
    condition mentions — evaluating it costs nothing until it is broadcast.
    """

    def literal(name: str) -> BoolArray:
        shape = [1] * n_options
        shape[n_options - 1 - bits[name]] = 2
        return np.array([False, True]).reshape(shape)

    return evaluate(expr, literal)


def full_mask(mask: BoolArray, n_options: int) -> BoolArray:
    """A broadcastable cube mask as a flat array over all assignments (indexed by code)."""
    out: BoolArray = np.broadcast_to(mask, (2,) * n_options).reshape(-1)
    return out


def feasible_codes(n_options: int, infeasible: list[Expr], bits: Mapping[str, int]) -> CodeArray:
    """Codes of every assignment of ``n_options`` options where no infeasible condition holds,
    ascending."""
    if not infeasible:
        return np.arange(1 << n_options, dtype=np.int64)
    bad = np.zeros((2,) * n_options, dtype=bool)
    for expr in infeasible:
        bad |= cube_mask(expr, bits, n_options)
    return np.flatnonzero(~bad.reshape(-1)).astype(np.int64)


@dataclass(frozen=True, eq=False)
class StateSpace:
    """The feasible states of a model: ids, codes and the option bits behind them.

    Attributes
    ----------
    option_names
        Option identifiers in bit order.
    dm_names
        Decision makers in model order.
    dm_bits
        For each decision maker, the ``[start, stop)`` range of its option bits.
    ids
        The id of the state at each index (1..F in option form).
    codes
        The (representative) code of each state, or ``-1`` for a graph-form state without
        an option pattern.
    graph_form
        Whether the states were given explicitly.
    """

    option_names: tuple[str, ...]
    dm_names: tuple[str, ...]
    dm_bits: Mapping[str, tuple[int, int]]
    ids: IntArray
    codes: CodeArray
    graph_form: bool

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    @cached_property
    def bits(self) -> Mapping[str, int]:
        """Option identifier → bit position."""
        return {name: t for t, name in enumerate(self.option_names)}

    @cached_property
    def has_patterns(self) -> bool:
        """Whether every state has an option pattern, so conditions can be evaluated."""
        return bool((self.codes >= 0).all())

    @cached_property
    def _id_lookup(self) -> Mapping[int, int]:
        return {int(s): i for i, s in enumerate(self.ids.tolist())}

    def index_of_id(self, state_id: int) -> int | None:
        """The index of the state with this id, or ``None``."""
        if not self.graph_form:
            return state_id - 1 if 1 <= state_id <= len(self) else None
        return self._id_lookup.get(state_id)

    def mask(self, condition: str | Expr) -> BoolArray:
        """The states where ``condition`` holds.

        Raises
        ------
        ConditionSyntaxError
            When the condition does not parse.
        UnknownOptionError
            When it names an option the model does not have.
        """
        expr = parse_condition(condition) if isinstance(condition, str) else condition
        for name in names_in(expr):
            if name not in self.bits:
                from accord.core.validate import suggest

                raise UnknownOptionError(name, suggest(name, self.option_names))
        if self.graph_form or len(self) < 4096:
            return evaluate_on_codes(expr, self.codes, self.bits)
        return self.restrict(cube_mask(expr, self.bits, len(self.option_names)))

    def restrict(self, cube: NDArray[Any]) -> NDArray[Any]:
        """Values over the option cube (broadcastable) taken at the feasible states."""
        k = len(self.option_names)
        flat = np.broadcast_to(cube, (2,) * k).reshape(-1)
        return flat if flat.shape[0] == len(self) else flat[self.codes]

    def resolve(self, ref: StateRef) -> int:
        """The index of a state named by id or by a condition that matches exactly one state.

        Raises
        ------
        StateReferenceError
            When the id is unknown or the condition matches no state or several.
        """
        if isinstance(ref, bool) or not isinstance(ref, int | str):
            raise StateReferenceError(f"a state is named by its id or a condition (got {ref!r})")
        if isinstance(ref, int):
            index = self.index_of_id(ref)
            if index is None:
                raise StateReferenceError(
                    [Problem(f"no feasible state has id {ref}", hint=self._id_hint())]
                )
            return index
        text = ref.strip()
        if text.lstrip("-").isdigit():
            return self.resolve(int(text))
        hits = np.flatnonzero(self.mask(text))
        if hits.size == 1:
            return int(hits[0])
        if hits.size == 0:
            raise StateReferenceError(
                [
                    Problem(
                        f"the condition {ref!r} must match exactly one feasible state; it matches none"
                    )
                ]
            )
        shown = ", ".join(str(int(self.ids[i])) for i in hits[:8])
        more = "" if hits.size <= 8 else ", …"
        raise StateReferenceError(
            [
                Problem(
                    f"the condition {ref!r} must match exactly one feasible state; "
                    f"it matches {hits.size} (states {shown}{more})",
                    hint="add options to the condition until one state is left",
                )
            ]
        )

    def _id_hint(self) -> str:
        if self.graph_form:
            return f"state ids here are {', '.join(map(str, self.ids.tolist()[:12]))}"
        return f"state ids run from 1 to {len(self)}"

    def taken(self, index: int) -> dict[str, bool]:
        """Which options are taken at the state with this index (its representative)."""
        code = int(self.codes[index])
        return {name: bool(code >> t & 1) for t, name in enumerate(self.option_names)}

    def pattern(self, index: int) -> str:
        """Y/N per option, decision makers separated by a space, e.g. ``YN N``."""
        code = int(self.codes[index])
        if code < 0:
            return "-"
        groups = []
        for dm in self.dm_names:
            start, stop = self.dm_bits[dm]
            groups.append("".join("Y" if code >> t & 1 else "N" for t in range(start, stop)))
        return " ".join(groups)


def _graph_codes(conflict: Conflict, bits: Mapping[str, int]) -> CodeArray:
    assert conflict.graph is not None
    codes = np.full(len(conflict.graph.states), -1, dtype=np.int64)
    for i, state in enumerate(conflict.graph.states):
        if state.taken is not None:
            codes[i] = sum(1 << bits[name] for name in state.taken)
    return codes


def state_space(conflict: Conflict) -> StateSpace:
    """Enumerate the feasible states of a (validated) conflict."""
    option_names = conflict.option_names
    bits = {name: t for t, name in enumerate(option_names)}
    dm_bits: dict[str, tuple[int, int]] = {}
    start = 0
    for dm in conflict.decision_makers:
        dm_bits[dm.name] = (start, start + len(dm.options))
        start += len(dm.options)
    if conflict.graph is not None:
        ids = np.array([s.id for s in conflict.graph.states], dtype=np.int64)
        codes = _graph_codes(conflict, bits)
        graph_form = True
    else:
        exprs = [parse_condition(c.condition) for c in conflict.infeasible]
        codes = feasible_codes(len(option_names), exprs, bits)
        ids = np.arange(1, codes.shape[0] + 1, dtype=np.int64)
        graph_form = False
    return StateSpace(
        option_names=option_names,
        dm_names=conflict.dm_names,
        dm_bits=dm_bits,
        ids=ids,
        codes=codes,
        graph_form=graph_form,
    )
