"""Leverage: the smallest change to some DMs' prioritised statements that makes a state stable.

Given a target state, the decision makers whose statements may change, and a budget, find
the fewest *edits* after which the target is an equilibrium under a concept (SEQ by
default).  One edit, on one DM's list of statements (most important first, gmcr-spec §7):

* move one statement one place up or down (swap it with its neighbour);
* add one statement from that DM's candidate list, at any position;
* drop one statement.

The search is breadth-first by number of edits.  Each varied DM's reachable statement lists
are enumerated level by level, duplicates removed (lists compare by the canonical text of
their conditions); the combinations whose edit counts add up to ``k`` are tested for
``k = 0, 1, …, budget`` and the search stops at the first ``k`` with an answer.  Every
answer at that ``k`` is kept (distinct resulting lists), up to a listing cap; the count of
all of them is kept too.

A combination is tested at the target state only: payoffs of each distinct list are computed
once, the moves are those of the model (they do not depend on preferences), and each DM's
improvements from the target are checked for a sanction by a search over (state, last
mover) pairs — the legal sequences of gmcr-spec §3.2.  Under Nash, GMR and SMR a DM's
stability depends only on its own payoffs, so results are cached per DM and list; under SEQ
the others' credible moves depend on their payoffs too.  The answers listed are then built
as real models and explained with :func:`accord.core.analysis.explain.explain`.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from accord._types import StateRef
from accord.core.model import Statement, Statements
from accord.errors import AnalysisError, ConditionSyntaxError, ModelError, Problem

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "CONCEPTS",
    "MAX_STATES",
    "MAX_VARIANTS",
    "Answer",
    "Closest",
    "Edit",
    "Leverage",
    "leverage",
    "parse_candidates",
]

#: Concepts leverage can aim at.
CONCEPTS = ("nash", "gmr", "smr", "seq")
#: Models with more feasible states than this are refused.
MAX_STATES = 1 << 16
#: The most preference variants (combinations of statement lists) one search may test.
MAX_VARIANTS = 200_000

EditKind = Literal["up", "down", "add", "drop"]
_List = tuple[Statement, ...]
_Key = tuple[str, ...]


@dataclass(frozen=True)
class Edit:
    """One edit of one DM's statements.

    Attributes
    ----------
    dm
        Whose statements change.
    kind
        ``up`` / ``down`` (one place), ``add`` (a candidate) or ``drop``.
    statement
        The statement moved, added or dropped.
    index_before, index_after
        Its 0-based position (0 = most important) before and after the edit; ``None``
        before an ``add`` and after a ``drop``.
    above, below
        The statements just above and just below it after the edit (before it, for a
        ``drop``); ``None`` at the top or bottom of the list.
    """

    dm: str
    kind: EditKind
    statement: Statement
    index_before: int | None
    index_after: int | None
    above: Statement | None = None
    below: Statement | None = None


@dataclass(frozen=True)
class Answer:
    """One minimal change: the edits, each varied DM's statements after them, and why.

    ``preferences`` holds every varied DM's list after the edits (changed or not).
    """

    edits: tuple[Edit, ...]
    preferences: Mapping[str, tuple[Statement, ...]]
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class Closest:
    """When no answer fits the budget: a variant leaving the fewest DMs unstable."""

    edits: tuple[Edit, ...]
    unstable: tuple[str, ...]


@dataclass(frozen=True)
class Leverage:
    """The result of a leverage search.

    Attributes
    ----------
    conflict
        The model as given.
    target
        The target state's index (its id is ``conflict.states.ids[target]``).
    concept, vary, budget
        What was asked.
    edits
        The fewest edits that make the target an equilibrium; 0 when it already is;
        ``None`` when no change within the budget does.
    answers
        The minimal answers listed (at most the cap asked for).
    count
        How many minimal answers there are in all (``count - len(answers)`` not listed).
    unstable_before
        The DMs for which the target is not stable in the model as given.
    closest
        When there is no answer: the variant with the fewest unstable DMs (fewest edits
        first), or ``None`` when no variant improves on the model as given.
    searched
        How many preference variants were tested.
    notes
        Remarks a reader needs (unused candidates, why the search could not help).
    """

    conflict: Conflict
    target: int
    concept: str
    vary: tuple[str, ...]
    budget: int
    edits: int | None
    answers: tuple[Answer, ...]
    count: int
    unstable_before: tuple[str, ...]
    closest: Closest | None = None
    searched: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def target_id(self) -> int:
        """The target state's id."""
        return int(self.conflict.states.ids[self.target])

    @property
    def already_stable(self) -> bool:
        """Whether the target is an equilibrium without any edit."""
        return self.edits == 0

    @property
    def more(self) -> int:
        """How many minimal answers are not listed."""
        return self.count - len(self.answers)


# -- candidates ------------------------------------------------------------------------------


def _suggest(word: str, choices: Sequence[str]) -> str | None:
    from accord.core.validate import suggest

    return suggest(word, choices)


def _check_condition(text: str, path: tuple[str | int, ...], conflict: Conflict) -> list[Problem]:
    """Problems of one statement: syntax, and option names the model does not have."""
    from accord.core.language import names_in, parse_condition

    try:
        expr = parse_condition(text)
    except ConditionSyntaxError as err:
        return [p.shifted(path) for p in err.problems]
    problems = []
    options = conflict.option_names
    for name in names_in(expr):
        if name not in options:
            column = text.find(name)
            problems.append(
                Problem(
                    f"unknown option {name!r} in a candidate statement",
                    path=path,
                    hint=_suggest(name, options),
                    column=column + 1 if column >= 0 else None,
                    excerpt=text,
                    width=len(name),
                )
            )
    return problems


def parse_candidates(data: Any, conflict: Conflict) -> dict[str, tuple[Statement, ...]]:
    """Candidate statements per DM from plain data (a YAML or JSON file's content).

    The data maps each decision maker's name to a list of statements, each a condition
    written as text or a mapping ``{statement: TEXT, label: TEXT}``.

    Raises
    ------
    ModelError
        Listing every problem, each with its path in the data (``DM[2].statement``):
        unknown decision makers (with a did-you-mean hint), entries of the wrong shape,
        statements that do not parse, unknown option names.
    """
    if not isinstance(data, Mapping):
        raise ModelError(
            [
                Problem(
                    "the candidates must map each decision maker to a list of statements "
                    f"(got {type(data).__name__})",
                    hint="write e.g.  Russia: ['-resume_strikes', {statement: 'ceasefire', label: 'keep the ceasefire'}]",
                )
            ]
        )
    problems: list[Problem] = []
    out: dict[str, tuple[Statement, ...]] = {}
    for dm, entries in data.items():
        if dm not in conflict.dm_names:
            hint = _suggest(str(dm), conflict.dm_names)
            problems.append(
                Problem(
                    f"unknown decision maker {dm!r}; the model has {', '.join(conflict.dm_names)}",
                    path=(str(dm),),
                    hint=hint,
                )
            )
            continue
        if not isinstance(entries, list):
            problems.append(
                Problem(
                    f"the candidates of {dm} must be a list of statements "
                    f"(got {type(entries).__name__})",
                    path=(dm,),
                )
            )
            continue
        found: list[Statement] = []
        for i, entry in enumerate(entries):
            text: Any
            label: Any = ""
            where: tuple[str | int, ...] = (dm, i)
            if isinstance(entry, Mapping):
                extra = sorted(str(k) for k in entry if k not in ("statement", "label"))
                for key in extra:
                    problems.append(
                        Problem(
                            f"unknown key {key!r} in a candidate statement; "
                            "the keys are 'statement' and 'label'",
                            path=(dm, i, key),
                            hint=_suggest(key, ("statement", "label")),
                        )
                    )
                text = entry.get("statement")
                label = entry.get("label", "")
                if "statement" not in entry:
                    if not extra:
                        problems.append(
                            Problem("a candidate needs a 'statement' (a condition)", path=where)
                        )
                    continue
                where = (dm, i, "statement")
                if not isinstance(label, str):
                    problems.append(
                        Problem(
                            f"a label is text (got {label!r})",
                            path=(dm, i, "label"),
                        )
                    )
                    label = ""
            else:
                text = entry
            if not isinstance(text, str):
                problems.append(
                    Problem(
                        f"a candidate statement is a condition written as text (got {text!r})",
                        path=where,
                    )
                )
                continue
            bad = _check_condition(text, where, conflict)
            problems.extend(bad)
            if not bad:
                found.append(Statement(text, label))
        out[dm] = tuple(found)
    if problems:
        raise ModelError(problems)
    return out


# -- search ----------------------------------------------------------------------------------


class _Canon:
    """Canonical text of conditions, so that equal statements compare equal."""

    def __init__(self) -> None:
        self._memo: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if text not in self._memo:
            from accord.core.language import parse_condition, to_text

            self._memo[text] = to_text(parse_condition(text))
        return self._memo[text]

    def key(self, items: _List) -> _Key:
        return tuple(self(s.text) for s in items)


class _DMSearch:
    """One DM's statement lists, level by level (level k = exactly k edits away)."""

    def __init__(self, dm: str, base: _List, candidates: _List, canon: _Canon, limit: int) -> None:
        self.dm = dm
        self.canon = canon
        self.limit = limit
        seen_c: dict[str, Statement] = {}
        for c in candidates:
            seen_c.setdefault(canon(c.text), c)
        self.candidates = tuple(seen_c.items())
        key = canon.key(base)
        self.lists: dict[_Key, _List] = {key: base}
        self.parent: dict[_Key, tuple[_Key, Edit] | None] = {key: None}
        self.levels: list[list[_Key]] = [[key]]

    def level(self, k: int) -> list[_Key]:
        """The lists exactly ``k`` edits away (computed on first use)."""
        while len(self.levels) <= k:
            nxt: list[_Key] = []
            for key in self.levels[-1]:
                for new, edit in self._neighbours(self.lists[key]):
                    nkey = self.canon.key(new)
                    if nkey in self.parent:
                        continue
                    self.parent[nkey] = (key, edit)
                    self.lists[nkey] = new
                    nxt.append(nkey)
                    if len(self.parent) > self.limit:
                        raise AnalysisError(
                            f"the statements of {self.dm} have more than {self.limit:,} "
                            f"variants within {len(self.levels)} edit(s); lower the budget "
                            "or give fewer candidates"
                        )
            self.levels.append(nxt)
        return self.levels[k]

    def edits(self, key: _Key) -> tuple[Edit, ...]:
        """The edits that lead from the DM's statements to this list."""
        out: list[Edit] = []
        link = self.parent[key]
        while link is not None:
            key, edit = link
            out.append(edit)
            link = self.parent[key]
        return tuple(reversed(out))

    def _neighbours(self, items: _List) -> Iterator[tuple[_List, Edit]]:
        dm, n = self.dm, len(items)

        def at(j: int, lst: _List) -> Statement | None:
            return lst[j] if 0 <= j < len(lst) else None

        for j in range(1, n):  # move statement j one place up
            new = (*items[: j - 1], items[j], items[j - 1], *items[j + 1 :])
            yield new, Edit(dm, "up", items[j], j, j - 1, at(j - 2, new), at(j, new))
        for j in range(n - 1):  # move statement j one place down
            new = (*items[:j], items[j + 1], items[j], *items[j + 2 :])
            yield new, Edit(dm, "down", items[j], j, j + 1, at(j, new), at(j + 2, new))
        for j in range(n):
            new = items[:j] + items[j + 1 :]
            yield new, Edit(dm, "drop", items[j], j, None, at(j - 1, items), at(j + 1, items))
        present = set(self.canon.key(items))
        for ckey, stmt in self.candidates:
            if ckey in present:
                continue
            for p in range(n + 1):
                new = (*items[:p], stmt, *items[p:])
                yield new, Edit(dm, "add", stmt, None, p, at(p - 1, new), at(p + 1, new))


class _Tester:
    """Stability of one state for each DM under one concept, for varied payoffs."""

    def __init__(self, conflict: Conflict, target: int, concept: str) -> None:
        from accord.core.moves import unilateral_moves

        self.conflict = conflict
        self.space = conflict.states
        self.target = target
        self.concept = concept
        self.dms = conflict.dm_names
        self.adj: dict[str, list[list[int]]] = {}
        for dm in self.dms:
            arcs = unilateral_moves(conflict, dm)
            adj: list[list[int]] = [[] for _ in range(len(self.space))]
            for a, b in zip(arcs.src.tolist(), arcs.dst.tolist(), strict=True):
                adj[a].append(b)
            self.adj[dm] = adj
        self.base = {dm: conflict.payoffs[dm].tolist() for dm in self.dms}
        self._pay: dict[_Key, list[int]] = {}

    def payoff(self, key: _Key, items: _List) -> list[int]:
        if key not in self._pay:
            from accord.core.payoffs import statement_payoff

            self._pay[key] = statement_payoff([s.text for s in items], self.space).tolist()
        return self._pay[key]

    def stable(self, pays: Mapping[str, list[int]], dm: str) -> bool:
        """Whether the target is stable for ``dm`` when the payoffs are ``pays``."""
        pay = pays[dm]
        s = self.target
        level = pay[s]
        improvements = [y for y in self.adj[dm][s] if pay[y] > level]
        if not improvements:
            return True
        if self.concept == "nash":
            return False
        return all(self._sanctioned(pays, dm, s1, level) for s1 in improvements)

    def _sanctioned(self, pays: Mapping[str, list[int]], dm: str, start: int, level: int) -> bool:
        pay = pays[dm]
        adj_dm = self.adj[dm]
        credible = self.concept == "seq"
        smr = self.concept == "smr"
        others = [d for d in self.dms if d != dm]
        seen = {(start, dm)}
        queue = deque([(start, dm)])
        while queue:
            x, last = queue.popleft()
            for mover in others:
                if mover == last:
                    continue
                mpay = pays[mover]
                for y in self.adj[mover][x]:
                    if credible and mpay[y] <= mpay[x]:
                        continue
                    if (y, mover) in seen:
                        continue
                    if pay[y] <= level and (not smr or all(pay[z] <= level for z in adj_dm[y])):
                        return True
                    seen.add((y, mover))
                    queue.append((y, mover))
        return False


def _describe_statement(s: Statement) -> str:
    return repr(s.label) if s.label else repr(s.text)


def edit_phrase(edit: Edit) -> str:
    """An edit in the analyst's words: ``Russia ranked 'avoid sanctions' above 'hold Donetsk'``."""
    what = _describe_statement(edit.statement)
    if edit.kind == "up":
        assert edit.below is not None
        return f"{edit.dm} ranked {what} above {_describe_statement(edit.below)}"
    if edit.kind == "down":
        assert edit.above is not None
        return f"{edit.dm} ranked {what} below {_describe_statement(edit.above)}"
    if edit.kind == "drop":
        return f"{edit.dm} dropped {what}"
    if edit.above is None and edit.below is None:
        return f"{edit.dm} adopted {what} as its only statement"
    if edit.above is None:
        assert edit.below is not None
        return f"{edit.dm} added {what} at the top, above {_describe_statement(edit.below)}"
    if edit.below is None:
        return f"{edit.dm} added {what} at the bottom, below {_describe_statement(edit.above)}"
    return (
        f"{edit.dm} added {what} between {_describe_statement(edit.above)} "
        f"and {_describe_statement(edit.below)}"
    )


_TITLES = {"nash": "Nash", "gmr": "GMR", "smr": "SMR", "seq": "SEQ"}


def _reasons(
    base: Conflict, edited: Conflict, target: int, concept: str, edits: tuple[Edit, ...]
) -> tuple[str, ...]:
    """Why the target is stable in ``edited``: per DM, each (former) improvement's fate."""
    from accord.core.analysis.explain import explain
    from accord.core.analysis.words import changed_options, describe_move, state_name
    from accord.core.moves import improvements as improving_moves
    from accord.core.moves import unilateral_moves

    title = _TITLES[concept]
    name = state_name(base, target)
    if edits:
        phrases = [edit_phrase(e) for e in edits]
        changes = "; ".join(phrases[:-1]) + ("; and " if len(phrases) > 1 else "") + phrases[-1]
        lines = [f"If {changes}, {name} becomes {title}-stable for every decision maker."]
    else:
        lines = [f"{name} is already {title}-stable for every decision maker: no edit is needed."]

    def how(y: int) -> str:
        taken, dropped = changed_options(base, target, y)
        parts = [f"takes {base.option(n).title!r}" for n in taken]
        parts += [f"stops {base.option(n).title!r}" for n in dropped]
        return state_name(base, y) + (f" ({'; '.join(parts)})" if parts else "")

    sid = int(base.states.ids[target])
    for dm in base.dm_names:
        before = improving_moves(unilateral_moves(base, dm), base.payoffs[dm]).targets(target)
        expl = explain(edited, sid, dm, concept)
        if not expl.stable:  # the search and the explanation disagree: a bug
            raise RuntimeError(f"leverage: state {sid} is not {concept}-stable for {dm}")
        now = {d.target for d in expl.improvements}
        for y in before.tolist():
            if y not in now:
                lines.append(f"{dm} no longer prefers to move to {how(y)}.")
        for d in expl.improvements:
            assert d.sanction is not None
            answer = ", then ".join(describe_move(edited, s) for s in d.sanction)
            lines.append(
                f"{dm}'s move to {how(d.target)} is answered by {answer}, leaving {dm} with "
                f"payoff {d.outcome_payoff} ≤ {expl.payoff}."
            )
    return tuple(lines)


def leverage(
    conflict: Conflict,
    target: StateRef,
    vary: Sequence[str],
    *,
    candidates: Mapping[str, Sequence[Statement | str]] | None = None,
    budget: int = 2,
    concept: str = "seq",
    max_answers: int = 20,
    max_variants: int = MAX_VARIANTS,
) -> Leverage:
    """The fewest edits of the varied DMs' statements that make ``target`` an equilibrium.

    Parameters
    ----------
    conflict
        The model; the varied DMs' preferences must be prioritised statements.
    target
        A state id, or a condition matching exactly one state.
    vary
        The decision makers whose statements may change.
    candidates
        Per DM, statements that may be added (see :func:`parse_candidates`).
    budget
        The most edits to try.
    concept
        ``nash``, ``gmr``, ``smr`` or ``seq``.
    max_answers
        How many minimal answers to list (and explain); all are counted.
    max_variants
        The most preference variants to test before refusing.

    Returns
    -------
    Leverage
        The minimal answers, or the closest variant when none fits the budget.

    Raises
    ------
    StateReferenceError
        When ``target`` names no state or several.
    AnalysisError
        For an unknown DM or concept, a DM whose preferences are not statements, a negative
        budget, a model above :data:`MAX_STATES` states, or a search above ``max_variants``.
    """
    concept = concept.strip().lower()
    if concept not in CONCEPTS:
        raise AnalysisError(f"leverage aims at {', '.join(CONCEPTS)} stability (got {concept!r})")
    if budget < 0:
        raise AnalysisError(f"the budget is a number of edits, 0 or more (got {budget})")
    n_states = len(conflict.states)
    if n_states > MAX_STATES:
        raise AnalysisError(
            f"the model has {n_states:,} feasible states; leverage searches models of at most "
            f"{MAX_STATES:,} states"
        )
    index = conflict.states.resolve(target)
    varied: list[str] = []
    for dm in vary:
        if dm not in conflict.dm_names:
            hint = _suggest(dm, conflict.dm_names)
            raise AnalysisError(
                f"unknown decision maker {dm!r}; the model has {', '.join(conflict.dm_names)}"
                + (f" ({hint})" if hint else "")
            )
        if not isinstance(conflict.preferences[dm], Statements):
            raise AnalysisError(
                f"{dm}'s preferences are not prioritised statements; leverage edits statements"
            )
        if dm not in varied:
            varied.append(dm)
    if not varied:
        raise AnalysisError("name at least one decision maker whose statements may change")
    cands = {dm: tuple(_as_statement(s) for s in items) for dm, items in (candidates or {}).items()}
    notes: list[str] = []
    unused = [dm for dm in cands if dm not in varied and cands[dm]]
    if unused:
        notes.append(
            f"candidates for {', '.join(unused)} are not used: only the statements of "
            f"{', '.join(varied)} vary"
        )

    canon = _Canon()
    tester = _Tester(conflict, index, concept)
    searches = []
    for dm in varied:
        pref = conflict.preferences[dm]
        assert isinstance(pref, Statements)
        searches.append(_DMSearch(dm, pref.items, cands.get(dm, ()), canon, max_variants))
    unstable_before = tuple(dm for dm in conflict.dm_names if not tester.stable(tester.base, dm))

    def rebuild(keys: tuple[_Key, ...]) -> tuple[dict[str, list[int]], dict[str, _List]]:
        pays = dict(tester.base)
        lists = {}
        for search, key in zip(searches, keys, strict=True):
            items = search.lists[key]
            lists[search.dm] = items
            pays[search.dm] = tester.payoff(key, items)
        return pays, lists

    independent = concept != "seq"  # stability of a DM depends only on its own payoffs
    if independent:
        stuck = [dm for dm in unstable_before if dm not in varied]
        if stuck:
            notes.append(
                f"{name_list(stuck)} {'is' if len(stuck) == 1 else 'are'} not "
                f"{_TITLES[concept]}-stable at {_state(conflict, index)} and "
                f"{'its' if len(stuck) == 1 else 'their'} statements do not vary; under "
                f"{_TITLES[concept]} a DM's stability depends only on its own preferences, so "
                f"no change to {name_list(varied)}'s statements can help (vary "
                f"{name_list(stuck)} too)"
            )
            return Leverage(
                conflict, index, concept, tuple(varied), budget, None, (), 0, unstable_before,
                None, 0, tuple(notes),
            )  # fmt: skip
    cache: dict[tuple[str, Any], bool] = {}

    def unstable_dms(keys: tuple[_Key, ...], pays: Mapping[str, list[int]]) -> list[str]:
        out = []
        for dm in conflict.dm_names:
            if independent:
                pos = varied.index(dm) if dm in varied else -1
                ck: tuple[str, Any] = (dm, keys[pos] if pos >= 0 else None)
            else:
                ck = (dm, keys)
            if ck not in cache:
                cache[ck] = tester.stable(pays, dm)
            if not cache[ck]:
                out.append(dm)
        return out

    found: list[tuple[_Key, ...]] = []
    best: tuple[int, tuple[_Key, ...]] | None = None
    searched = 0
    k_found: int | None = None
    for k in range(budget + 1):
        parts = list(_compositions(k, len(searches)))
        count = 0
        for part in parts:
            size = 1
            for search, ki in zip(searches, part, strict=True):
                size *= len(search.level(ki))
            count += size
        if searched + count > max_variants:
            raise AnalysisError(
                f"searching {k} edit(s) would test {searched + count:,} preference variants "
                f"in all, above the limit of {max_variants:,}"
                + (f"; no answer has fewer than {k} edit(s)" if k else "")
                + "; lower the budget, vary fewer DMs or give fewer candidates"
            )
        for part in parts:
            pools = [search.level(ki) for search, ki in zip(searches, part, strict=True)]
            for keys in itertools.product(*pools):
                searched += 1
                pays, _ = rebuild(keys)
                bad = unstable_dms(keys, pays)
                if not bad:
                    found.append(keys)
                elif best is None or len(bad) < best[0]:
                    best = (len(bad), keys)
        if found:
            k_found = k
            break

    def edits_of(keys: tuple[_Key, ...]) -> tuple[Edit, ...]:
        return tuple(
            e for search, key in zip(searches, keys, strict=True) for e in search.edits(key)
        )

    if k_found is None:
        closest = None
        if best is not None and best[0] < len(unstable_before):
            pays, _ = rebuild(best[1])
            closest = Closest(edits_of(best[1]), tuple(unstable_dms(best[1], pays)))
        return Leverage(
            conflict, index, concept, tuple(varied), budget, None, (), 0, unstable_before,
            closest, searched, tuple(notes),
        )  # fmt: skip
    answers = []
    for keys in found[: max(0, max_answers)]:
        _, lists = rebuild(keys)
        edits = edits_of(keys)
        prefs = dict(conflict.preferences)
        for dm, items in lists.items():
            prefs[dm] = Statements(items)
        edited = conflict.replace(preferences=prefs)
        answers.append(
            Answer(
                edits,
                MappingProxyType(dict(lists)),
                _reasons(conflict, edited, index, concept, edits),
            )
        )
    return Leverage(
        conflict, index, concept, tuple(varied), budget, k_found, tuple(answers), len(found),
        unstable_before, None, searched, tuple(notes),
    )  # fmt: skip


def _as_statement(s: Statement | str) -> Statement:
    return s if isinstance(s, Statement) else Statement(s)


def _compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to write ``total`` as an ordered sum of ``parts`` non-negative integers."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in _compositions(total - first, parts - 1):
            yield (first, *rest)


def name_list(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _state(conflict: Conflict, index: int) -> str:
    return f"state {int(conflict.states.ids[index])}"
