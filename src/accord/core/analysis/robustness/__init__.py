"""Robustness: how the answers change over the variants of a model's uncertain preferences."""

from accord.core.analysis.robustness.variants import Item, VariantSpace, variant_space

__all__ = ["Item", "VariantSpace", "variant_space"]
