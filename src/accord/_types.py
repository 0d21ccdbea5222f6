"""Shared type aliases for arrays and names."""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

__all__ = ["BoolArray", "CodeArray", "IntArray", "StateRef"]

#: One boolean per state (a state mask).
BoolArray: TypeAlias = NDArray[np.bool_]
#: Integer state codes: bit t set when option t is taken.
CodeArray: TypeAlias = NDArray[np.int64]
#: Integers per state: payoffs, ids, indices.
IntArray: TypeAlias = NDArray[np.int64]
#: A state as the user names it: its id, or a condition that matches exactly one state.
StateRef: TypeAlias = int | str
