"""Robustness: how the answers change over the variants of a model's uncertain preferences.

:func:`variant_space` lists what is uncertain; :func:`plan_variants` picks the variants to
analyse (all, or a seeded sample); :class:`VariantEngine` analyses one variant after another,
sharing the work that does not change; :func:`evaluate_batch` runs a batch of them and
:func:`aggregate` turns the results into shares with :func:`wilson_interval` bounds and a
sensitivity ranking of the uncertain items.  Running batches on processes or a cluster is
the job of :mod:`accord.runners`.
"""

from accord.core.analysis.robustness.aggregate import (
    ItemEffect,
    Robustness,
    RunRecord,
    StateShare,
    WayShare,
    aggregate,
    wilson_interval,
)
from accord.core.analysis.robustness.engine import VariantEngine
from accord.core.analysis.robustness.ensemble import (
    BatchResult,
    Plan,
    evaluate_batch,
    plan_variants,
)
from accord.core.analysis.robustness.variants import Item, VariantSpace, variant_space

__all__ = [
    "BatchResult",
    "Item",
    "ItemEffect",
    "Plan",
    "Robustness",
    "RunRecord",
    "StateShare",
    "VariantEngine",
    "VariantSpace",
    "WayShare",
    "aggregate",
    "evaluate_batch",
    "plan_variants",
    "variant_space",
    "wilson_interval",
]
