"""The variants of a model that its uncertain preferences define, and their payoffs.

Each decision maker's :class:`~accord.core.uncertainty.Uncertainty` contributes *items*,
each an uncertain choice with a few values and their probabilities:

* one item per ``unordered`` group: the order of its statements over the positions the
  group occupies, every permutation equally likely (value 0 is the order as written);
* one item per ``probable`` statement: ``kept`` with its probability, else ``dropped``;
* one item for the ``alternatives``, when there are any: ``base`` with the weight the
  alternatives leave, or alternative ``k`` with its weight.

A *variant* fixes one value of every item; its probability is the product of the values'
probabilities, the items being independent.  Group orders and probable statements apply
to the base list only: when a variant draws an alternative, the decision maker's other items
do not change its statements.  ``unknown`` pairs are not items (they are analysed by the
unknown-preference extensions of gmcr-spec §6.1).

Payoffs of a variant are computed as :mod:`accord.core.payoffs` computes them — the dense
ranks of the lexicographic order of the statements' truth vectors (gmcr-spec §7) — from
truth masks over the feasible states computed once per distinct statement, so that each
variant costs a few vector operations per statement and no parsing.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from accord._types import BoolArray, IntArray
from accord.core.model import Conflict, Statement, Statements
from accord.core.payoffs import dense_rank_rows

__all__ = ["Item", "VariantSpace", "variant_space"]


@dataclass(frozen=True)
class Item:
    """One uncertain item: a group's order, a probable statement, or a choice of list.

    Attributes
    ----------
    key
        Where the item comes from: ``"US.unordered[0]"``, ``"US.probable[1]"`` or
        ``"US.alternatives"`` (indices as in the model's ``uncertainty``).
    dm
        The decision maker.
    kind
        ``"unordered"``, ``"probable"`` or ``"alternatives"``.
    ways
        A readable label of each value: for a group, its statements in that order (labels,
        or texts when unlabelled) joined by ``" > "``; for a probable statement
        ``("kept", "dropped")``; for alternatives ``"base"`` then each alternative's label
        (``"alternatives[k]"`` when it has none).
    weights
        The probability of each value; they sum to 1.
    """

    key: str
    dm: str
    kind: str
    ways: tuple[str, ...]
    weights: tuple[float, ...]


@dataclass(frozen=True)
class _Group:
    column: int
    positions: tuple[int, ...]  # the places the group occupies in the base list, ascending
    orders: tuple[tuple[int, ...], ...]  # each value: the statements put at those places


@dataclass(frozen=True)
class _Plan:
    """How one decision maker's statements follow from a variant's values."""

    dm: str
    lists: tuple[tuple[Statement, ...], ...]  # the base list, then each alternative
    masks: tuple[tuple[BoolArray, ...], ...]  # the truth mask of each of their statements
    groups: tuple[_Group, ...]
    probable: tuple[tuple[int, int], ...]  # (column, statement index)
    choice_column: int | None  # the alternatives item, if any

    def select(self, choice: Sequence[int]) -> tuple[int, list[int]]:
        """Which list applies (0 = base) and its statements' indices, most important first."""
        if self.choice_column is not None and choice[self.choice_column] > 0:
            which = int(choice[self.choice_column])
            return which, list(range(len(self.lists[which])))
        order = list(range(len(self.lists[0])))
        for group in self.groups:
            for place, statement in zip(
                group.positions, group.orders[choice[group.column]], strict=True
            ):
                order[place] = statement
        dropped = {statement for column, statement in self.probable if choice[column] == 1}
        return 0, [i for i in order if i not in dropped]


class VariantSpace:
    """The variants of a model: the product of its uncertain items' values.

    Built by :func:`variant_space`.  A *choice* gives one value (an index into
    :attr:`Item.ways`) per item, in the order of :attr:`items`.

    Attributes
    ----------
    items
        The uncertain items, decision makers in model order and, for each, its groups, its
        probable statements, then its alternatives.
    size
        The number of variants: the product of the items' numbers of values (a Python
        ``int``, possibly huge).
    """

    def __init__(self, conflict: Conflict, items: tuple[Item, ...], plans: tuple[_Plan, ...]):
        self.items = items
        self.size: int = math.prod(len(item.ways) for item in items)
        self._conflict = conflict
        self._plans = plans
        self._n_states = len(conflict.states)

    def __repr__(self) -> str:
        return f"VariantSpace({len(self.items)} items, {self.size:,} variants)"

    @property
    def varied(self) -> tuple[str, ...]:
        """The decision makers whose statements differ between variants, in model order."""
        return tuple(plan.dm for plan in self._plans)

    def enumerate(self) -> Iterator[tuple[tuple[int, ...], float]]:
        """Every variant with its probability, the last item varying fastest.

        Call it only when :attr:`size` is small: it yields :attr:`size` pairs.  The
        probabilities sum to 1; a value of weight 0 gives variants of probability 0.
        """
        weights = [item.weights for item in self.items]
        for choice in itertools.product(*(range(len(item.ways)) for item in self.items)):
            yield choice, math.prod(w[c] for w, c in zip(weights, choice, strict=True))

    def sample(self, n: int, seed: int) -> IntArray:
        """``n`` variants drawn independently by the items' weights.

        Parameters
        ----------
        n
            How many variants.
        seed
            Seed of :func:`numpy.random.default_rng`: the same seed gives the same draws.

        Returns
        -------
        IntArray
            Shape ``(n, len(items))``; row ``r`` is the choice of variant ``r``.
        """
        if n < 0:
            raise ValueError(f"the number of variants must be 0 or more (got {n})")
        rng = np.random.default_rng(seed)
        out = np.zeros((n, len(self.items)), dtype=np.int64)
        for column, item in enumerate(self.items):
            # Inverse of the cumulative weights: a value of weight 0 is never drawn.
            cumulative = np.cumsum(np.asarray(item.weights, dtype=np.float64))
            drawn = np.searchsorted(cumulative, rng.random(n) * cumulative[-1], side="right")
            out[:, column] = np.minimum(drawn, len(item.ways) - 1)
        return out

    def preferences(self, choice: Sequence[int]) -> dict[str, Statements]:
        """The statement lists of the varied decision makers in the variant ``choice``.

        The other decision makers keep their preferences.  A model with these lists and
        no uncertainty, ``conflict.replace(preferences={**conflict.preferences,
        **space.preferences(choice)}, evidence=(), uncertainty={})``, is the variant.
        """
        self._check(choice)
        out: dict[str, Statements] = {}
        for plan in self._plans:
            which, order = plan.select(choice)
            statements = plan.lists[which]
            out[plan.dm] = Statements(tuple(statements[i] for i in order))
        return out

    def payoffs(self, choice: Sequence[int]) -> dict[str, IntArray]:
        """Every decision maker's payoffs in the variant ``choice`` (dense ranks, 0 = worst).

        Equal to the payoffs of the variant's model (see :meth:`preferences`), computed from
        truth masks prepared once.
        """
        self._check(choice)
        out = dict(self._conflict.payoffs)
        for plan in self._plans:
            which, order = plan.select(choice)
            masks = plan.masks[which]
            out[plan.dm] = dense_rank_rows([masks[i] for i in order], self._n_states)
        return out

    def _check(self, choice: Sequence[int]) -> None:
        if len(choice) != len(self.items):
            raise ValueError(
                f"a choice gives one value per item ({len(self.items)}); got {len(choice)}"
            )
        for item, value in zip(self.items, choice, strict=True):
            if not 0 <= value < len(item.ways):
                raise ValueError(
                    f"item {item.key} has values 0 to {len(item.ways) - 1} (got {value})"
                )


def variant_space(conflict: Conflict) -> VariantSpace:
    """The variants that the uncertain preferences of ``conflict`` define.

    Parameters
    ----------
    conflict
        A model; decision makers without ``uncertainty``, or with ``unknown`` pairs only,
        contribute no items.

    Returns
    -------
    VariantSpace
        Its items, their weights, and each variant's preferences and payoffs.

    Examples
    --------
    >>> from accord.core.model import Conflict, DecisionMaker, Option, Statements
    >>> from accord.core.uncertainty import Probable, Uncertainty
    >>> c = Conflict(
    ...     "toy",
    ...     (DecisionMaker("A", (Option("a"),)), DecisionMaker("B", (Option("b"),))),
    ...     {"A": Statements(("a", "b")), "B": Statements(("b",))},
    ...     uncertainty={"A": Uncertainty(unordered=[(0, 1)], probable=[Probable(1, 0.25)])},
    ... )
    >>> space = variant_space(c)
    >>> [item.key for item in space.items], space.size
    (['A.unordered[0]', 'A.probable[0]'], 4)
    >>> space.items[0].ways
    ('a > b', 'b > a')
    >>> space.preferences((1, 0))["A"].texts
    ('b', 'a')
    """
    space = conflict.states
    masks: dict[str, BoolArray] = {}

    def masks_of(statements: tuple[Statement, ...]) -> tuple[BoolArray, ...]:
        for s in statements:
            if s.text not in masks:
                masks[s.text] = space.mask(s.text)
        return tuple(masks[s.text] for s in statements)

    items: list[Item] = []
    plans: list[_Plan] = []
    for dm in conflict.dm_names:
        block = conflict.uncertainty.get(dm)
        pref = conflict.preferences[dm]
        if block is None or not block.varies or not isinstance(pref, Statements):
            continue
        base = pref.items
        groups = []
        for g, group in enumerate(block.unordered):
            positions = tuple(sorted(group))
            orders = tuple(itertools.permutations(positions))  # the first keeps the order
            groups.append(_Group(len(items), positions, orders))
            items.append(
                Item(
                    key=f"{dm}.unordered[{g}]",
                    dm=dm,
                    kind="unordered",
                    ways=tuple(" > ".join(_title(base[i]) for i in order) for order in orders),
                    weights=(1 / len(orders),) * len(orders),
                )
            )
        probable = []
        for k, item in enumerate(block.probable):
            probable.append((len(items), item.statement))
            p = float(item.probability)
            items.append(
                Item(f"{dm}.probable[{k}]", dm, "probable", ("kept", "dropped"), (p, 1 - p))
            )
        choice_column = None
        if block.alternatives:
            choice_column = len(items)
            items.append(
                Item(
                    key=f"{dm}.alternatives",
                    dm=dm,
                    kind="alternatives",
                    ways=(
                        "base",
                        *(
                            a.label or f"alternatives[{k}]"
                            for k, a in enumerate(block.alternatives)
                        ),
                    ),
                    weights=(block.base_weight, *(float(a.weight) for a in block.alternatives)),
                )
            )
        lists = (base, *(a.statements.items for a in block.alternatives))
        plans.append(
            _Plan(
                dm=dm,
                lists=lists,
                masks=tuple(masks_of(statements) for statements in lists),
                groups=tuple(groups),
                probable=tuple(probable),
                choice_column=choice_column,
            )
        )
    return VariantSpace(conflict, tuple(items), tuple(plans))


def _title(statement: Statement) -> str:
    return statement.label or statement.text
