"""The task every runner runs: evaluate a batch of variants of a model given as text.

:func:`run_batch` is a top-level function, so that a process pool or a Dask cluster can
pickle it by reference.  Each process keeps the models it has parsed and their prepared
engines, keyed by a hash of the text, so a worker parses a model once however many batches
it evaluates.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import warnings
from collections import OrderedDict
from typing import TYPE_CHECKING

from accord.core.analysis.robustness.ensemble import BatchResult, evaluate_batch

if TYPE_CHECKING:
    from accord.core.analysis.robustness.engine import VariantEngine
    from accord.core.model import Conflict

__all__ = ["prepared", "run_batch", "text_hash", "worker_name"]

#: How many prepared models a process keeps (each with its memos, up to about 100 MB).
KEEP = 2

_ENGINES: OrderedDict[tuple[str, str], VariantEngine] = OrderedDict()


def text_hash(model_text: str, model_format: str) -> str:
    """A fingerprint of a model's text and format (sha256, hex)."""
    return hashlib.sha256(f"{model_format}\0{model_text}".encode()).hexdigest()


def worker_name() -> str:
    """This process as a worker: its Dask worker address, or ``process <pid>``."""
    if "distributed" in sys.modules:  # only a Dask worker has imported it
        from distributed import get_worker

        try:
            return str(get_worker().address)
        except ValueError:  # not inside a worker
            pass
    return f"process {os.getpid()}"


def prepared(
    model_text: str,
    model_format: str,
    extension: str,
    conflict: Conflict | None = None,
) -> tuple[VariantEngine, float]:
    """This process's engine for the model, and the seconds spent preparing it now.

    ``conflict`` (the model already parsed from ``model_text``) saves parsing it again.
    """
    key = (text_hash(model_text, model_format), extension)
    engine = _ENGINES.get(key)
    if engine is not None:
        _ENGINES.move_to_end(key)
        return engine, 0.0
    start = time.perf_counter()
    from accord.core.analysis.robustness.engine import VariantEngine
    from accord.core.analysis.robustness.variants import variant_space

    if conflict is None:
        from accord.io import parse_model

        with warnings.catch_warnings():  # the caller showed them when it read the model
            warnings.simplefilter("ignore")
            conflict = parse_model(model_text, format=model_format)  # type: ignore[arg-type]
    engine = VariantEngine(conflict, variant_space(conflict), extension=extension)
    engine.prepare()
    _ENGINES[key] = engine
    while len(_ENGINES) > KEEP:
        _ENGINES.popitem(last=False)
    return engine, time.perf_counter() - start


def run_batch(
    model_text: str,
    model_format: str,
    choices: list[tuple[int, ...]],
    concepts: tuple[str, ...],
    extension: str,
) -> BatchResult:
    """The equilibria of a batch of variants of the model in ``model_text``.

    Parameters
    ----------
    model_text, model_format
        The model file's text and format (``yaml``, ``json`` or ``gmcr``).
    choices
        The variants, each one value per uncertain item.
    concepts
        Normalised concept names, e.g. ``("nash", "gmr", "smr", "seq")``.
    extension
        The extension for unknown state pairs (``a``–``d``).

    Returns
    -------
    BatchResult
        The packed equilibria, the worker's identity and the time spent.
    """
    engine, setup = prepared(model_text, model_format, extension)
    return evaluate_batch(engine, choices, concepts, worker=worker_name(), setup_seconds=setup)


def _forget() -> None:
    """Drop every prepared model (for tests)."""
    _ENGINES.clear()
