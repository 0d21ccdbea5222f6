"""What changed between two revisions of a model: in the model, and in its equilibria.

:func:`diff_models` compares an old and a new :class:`~accord.core.model.Conflict`.  Model
changes are small records, each with a kind and a sentence (:class:`ModelChange`):
decision makers, options, infeasibility conditions, preference statements (added, removed,
moved from one position to another), rankings, the status quo, coalitions, uncertainty,
misperceptions, metadata, the number of feasible states, and counts of sources and
evidence.  Equilibria changes (:class:`ConceptDiff`) list, per stability concept, the
states that became equilibria and those that stopped being one, each named by its id in
both revisions.  States are matched by meaning, not by id (:mod:`.matching`).

The package is split by idea: :mod:`.records` (the result types), :mod:`.matching` (states
across revisions and the equilibria), :mod:`.preferences` (statements, rankings,
uncertainty) and :mod:`.changes` (everything else in the model).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from accord.core.analysis.diff.changes import (
    metadata_changes,
    option_changes,
    other_changes,
    provenance_changes,
    state_changes,
    structure_changes,
)
from accord.core.analysis.diff.matching import concept_diff, match_states
from accord.core.analysis.diff.preferences import preference_changes, uncertainty_changes
from accord.core.analysis.diff.records import (
    CHANGE_KINDS,
    ChangeKind,
    ConceptDiff,
    ModelChange,
    ModelDiff,
    StateChange,
)

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "CHANGE_KINDS",
    "ChangeKind",
    "ConceptDiff",
    "ModelChange",
    "ModelDiff",
    "StateChange",
    "diff_models",
    "match_states",
]


def diff_models(
    old: Conflict,
    new: Conflict,
    concepts: str | Sequence[str] = ("nash", "gmr", "smr", "seq"),
) -> ModelDiff:
    """What changed between two revisions of a model, and in its equilibria.

    Parameters
    ----------
    old, new
        The earlier and the later revision.
    concepts
        The stability concepts whose equilibria are compared: names such as
        ``("nash", "gmr")`` or ``"nash,gmr,smr,seq"`` (any concept
        :func:`~accord.core.analysis.stability.analyze` accepts).

    Returns
    -------
    ModelDiff
        The model changes, in a fixed order (metadata; decision makers; options;
        infeasibility, status quo and states; preferences, decision maker by decision maker;
        uncertainty; coalitions, misperceptions, sources and evidence; other details), and
        per concept the equilibria that appeared and disappeared.  ``identical`` is true when
        nothing changed.

    Raises
    ------
    AnalysisError
        For an unknown concept, or one the models do not allow (L_h and NM need exactly two
        decision makers).

    Examples
    --------
    >>> from accord.io import read_model  # doctest: +SKIP
    >>> d = diff_models(read_model("v1.yaml"), read_model("v2.yaml"))  # doctest: +SKIP
    >>> [c.text for c in d.changes]  # doctest: +SKIP
    ['Russia: statement “-force” (no Western troops) moved from position 3 to position 5.']
    """
    from accord.core.analysis.stability import analyze
    from accord.core.stability import parse_concepts

    names = parse_concepts(concepts if isinstance(concepts, str) else tuple(concepts))
    old_to_new, matching = match_states(old, new)
    changes: list[ModelChange] = [
        *metadata_changes(old, new, old_to_new),
        *structure_changes(old, new),
        *option_changes(old, new),
        *state_changes(old, new, old_to_new),
        *preference_changes(old, new, old_to_new),
        *uncertainty_changes(old, new, old_to_new),
        *provenance_changes(old, new),
        *other_changes(old, new),
    ]
    if not changes and old != new:
        changes.append(
            ModelChange("other", "The two models are written differently but mean the same.")
        )
    before = analyze(old, names)
    after = before if old is new else analyze(new, names)
    equilibria = tuple(
        concept_diff(
            name,
            old,
            new,
            before.results[name].equilibria,
            after.results[name].equilibria,
            old_to_new,
        )
        for name in names
    )
    return ModelDiff(
        old=old,
        new=new,
        changes=tuple(changes),
        equilibria=equilibria,
        states_before=len(old.states),
        states_after=len(new.states),
        matching=matching,
    )
