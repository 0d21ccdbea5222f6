"""Frozen results of analyses, each with the record of how it was made."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from accord._types import BoolArray, IntArray

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["ConceptResult", "Provenance", "StabilityAnalysis", "model_hash"]


def _sorted_ids(ids: IntArray) -> list[int]:
    out: list[int] = np.sort(ids).tolist()
    return out


def model_hash(conflict: Conflict) -> str:
    """A short, stable fingerprint of a model's content (sha256 of its canonical repr)."""
    return hashlib.sha256(repr(conflict).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Provenance:
    """How a result was made: model fingerprint, accord version, parameters."""

    model_hash: str
    accord_version: str
    parameters: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class ConceptResult:
    """Stability of every state for every DM under one solution concept.

    Attributes
    ----------
    concept
        ``nash``, ``gmr``, ``smr``, ``seq``, ``lh:H`` or ``nm``.
    stable
        Per DM, a mask over the states (indexed like ``conflict.states``).
    notes
        Remarks a reader needs, e.g. that non-myopic outcomes cycle.
    """

    concept: str
    stable: Mapping[str, BoolArray]
    notes: tuple[str, ...] = ()

    @cached_property
    def equilibria(self) -> BoolArray:
        """States stable for every DM."""
        masks = list(self.stable.values())
        out = np.ones(masks[0].shape, dtype=bool)
        for m in masks:
            out &= m
        return out


@dataclass(frozen=True, eq=False)
class StabilityAnalysis:
    """Stability tables of one model under several concepts.

    Examples
    --------
    >>> from accord.io import read_model  # doctest: +SKIP
    >>> result = analyze(read_model("examples/elmira.yaml"))  # doctest: +SKIP
    >>> result.equilibrium_ids("nash")  # doctest: +SKIP
    [7, 10, 11, 12]
    """

    conflict: Conflict
    results: Mapping[str, ConceptResult]
    provenance: Provenance

    @property
    def concepts(self) -> tuple[str, ...]:
        """The concepts computed, in the order asked."""
        return tuple(self.results)

    def stable_ids(self, concept: str, dm: str) -> list[int]:
        """Ids of the states stable for ``dm`` under ``concept``, ascending."""
        return _sorted_ids(self.conflict.states.ids[self.results[concept].stable[dm]])

    def equilibrium_ids(self, concept: str) -> list[int]:
        """Ids of the equilibria under ``concept``, ascending."""
        return _sorted_ids(self.conflict.states.ids[self.results[concept].equilibria])
