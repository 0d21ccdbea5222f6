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
    Problem,
    StateReferenceError,
)

__version__ = "0.1.0"

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
    "Option",
    "PayoffVector",
    "Problem",
    "Ranking",
    "Source",
    "StateReferenceError",
    "Statement",
    "Statements",
    "__version__",
]
