"""accord: model and analyse multi-party conflicts with the Graph Model for Conflict Resolution.

The public API is listed in ``__all__``; importing accord loads only numpy and the model
types.  File formats, the command line and the web app load on first use.
"""

from __future__ import annotations

from accord.core.model import (
    Conflict,
    DecisionMaker,
    GraphForm,
    GraphState,
    Infeasibility,
    Option,
    PayoffVector,
    Ranking,
    Statement,
    Statements,
)
from accord.core.provenance import Evidence, Metadata, Source
from accord.errors import (
    AccordError,
    AccordWarning,
    AnalysisError,
    ConditionSyntaxError,
    FormatError,
    ModelError,
    NotFoundError,
    Problem,
    StateReferenceError,
    StoreError,
)

__version__ = "0.1.0"

#: Functions loaded on first use, so that ``import accord`` stays light.
_LAZY = {
    "analyze": "accord.core.analysis.stability",
    "analyze_coalitions": "accord.core.analysis.coalitions",
    "diff_models": "accord.core.analysis.diff",
    "explain": "accord.core.analysis.explain",
    "generate_model": "accord.io",
    "inverse": "accord.core.analysis.inverse",
    "leverage": "accord.core.analysis.leverage",
    "parse_model": "accord.io",
    "random_conflict": "accord.core.generate",
    "read_model": "accord.io",
    "run_robustness": "accord.runners",
    "status_quo_paths": "accord.core.analysis.paths",
    "write_model": "accord.io",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'accord' has no attribute {name!r}")


__all__ = [
    "AccordError",
    "AccordWarning",
    "AnalysisError",
    "ConditionSyntaxError",
    "Conflict",
    "DecisionMaker",
    "Evidence",
    "FormatError",
    "GraphForm",
    "GraphState",
    "Infeasibility",
    "Metadata",
    "ModelError",
    "NotFoundError",
    "Option",
    "PayoffVector",
    "Problem",
    "Ranking",
    "Source",
    "StateReferenceError",
    "Statement",
    "Statements",
    "StoreError",
    "__version__",
    "analyze",
    "analyze_coalitions",
    "diff_models",
    "explain",
    "generate_model",
    "inverse",
    "leverage",
    "parse_model",
    "random_conflict",
    "read_model",
    "run_robustness",
    "status_quo_paths",
    "write_model",
]
