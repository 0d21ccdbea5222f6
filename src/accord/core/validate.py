"""Check a conflict once, when it is built, and report every problem with its path.

Paths follow the native file's layout (``decision_makers.Ukraine.options.cede_donetsk``,
``preferences.Russia[2]``, ``infeasible[0]``, ``uncertainty.US.unordered[0][1]``), so a
reader of a file can point each problem at its line and column.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeGuard

import numpy as np

from accord.core.language import Expr, names_in, parse_condition
from accord.core.language.parser import RESERVED_WORDS, is_identifier
from accord.core.model import REVERSIBILITIES, PayoffVector, Ranking, Statements
from accord.core.provenance import CLAIM_TYPES
from accord.core.states import MAX_OPTIONS
from accord.core.uncertainty import MAX_GROUP, Alternative, Probable, Uncertainty
from accord.errors import ConditionSyntaxError, ModelError, Path, Problem, StateReferenceError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["element_refs", "suggest", "validate"]


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a misspelt name, or ``None``."""
    pool = list(choices)
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f"did you mean {close[0]!r}?" if close else None


def element_refs(conflict: Conflict) -> list[str]:
    """Every element that evidence can be about, in model order."""
    refs: list[str] = []
    for dm in conflict.decision_makers:
        refs.append(dm.name)
        refs.extend(f"{dm.name}.{o.name}" for o in dm.options)
        pref = conflict.preferences.get(dm.name)
        if isinstance(pref, Statements):
            refs.extend(f"{dm.name}.preferences[{i}]" for i in range(len(pref.items)))
        elif pref is not None:
            refs.append(f"{dm.name}.preferences")
        if dm.name in conflict.uncertainty:
            refs.append(f"{dm.name}.uncertainty")
    refs.extend(f"infeasible[{i}]" for i in range(len(conflict.infeasible)))
    if conflict.status_quo is not None:
        refs.append("status_quo")
    return refs


def _identifier_hint(name: str) -> str:
    import re

    cleaned = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_") or "option"
    if cleaned[0].isdigit():
        cleaned = "o_" + cleaned
    if cleaned.lower() in RESERVED_WORDS:
        cleaned += "_"
    return f"use an identifier such as {cleaned!r}, and put the text in 'label'"


class _Checker:
    def __init__(self, conflict: Conflict) -> None:
        self.c = conflict
        self.problems: list[Problem] = []
        self.options = set(conflict.option_names)

    def add(self, message: str, path: Path, hint: str | None = None) -> None:
        self.problems.append(Problem(message, path=path, hint=hint))

    def condition(self, text: str, path: Path, what: str) -> Expr | None:
        """Parse a condition and check its names; return it, or None after reporting."""
        if not isinstance(text, str):
            self.add(f"{what} must be a condition written as text (got {text!r})", path)
            return None
        try:
            expr = parse_condition(text)
        except ConditionSyntaxError as err:
            self.problems.extend(p.shifted(path) for p in err.problems)
            return None
        ok = True
        for name in names_in(expr):
            if name not in self.options:
                column = _find_word(text, name)
                self.problems.append(
                    Problem(
                        f"unknown option {name!r} in {what}",
                        path=path,
                        hint=suggest(name, self.options),
                        column=column,
                        excerpt=text,
                        width=len(name),
                    )
                )
                ok = False
        return expr if ok else None

    # -- the checks ----------------------------------------------------------------------
    def names(self) -> None:
        c = self.c
        if not isinstance(c.name, str) or not c.name.strip():
            self.add("the model needs a non-empty 'name'", ("name",))
        if len(c.decision_makers) < 2:
            self.add(
                f"a conflict needs at least two decision makers (got {len(c.decision_makers)})",
                ("decision_makers",),
            )
        seen: Counter[str] = Counter(dm.name for dm in c.decision_makers)
        for name, count in seen.items():
            if count > 1:
                self.add(
                    f"decision maker {name!r} is defined {count} times", ("decision_makers", name)
                )
        owners: dict[str, list[str]] = {}
        for dm in c.decision_makers:
            path: Path = ("decision_makers", dm.name)
            if not dm.name.strip() or dm.name != dm.name.strip():
                self.add(
                    f"a decision maker's name must be non-empty text without surrounding spaces (got {dm.name!r})",
                    path,
                )
            for bad in ",+":
                if bad in dm.name:
                    self.add(
                        f"a decision maker's name must not contain {bad!r} (got {dm.name!r}); "
                        "',' and '+' separate coalitions",
                        path,
                    )
            if not dm.options and c.graph is None:
                self.add(
                    f"decision maker {dm.name!r} must control at least one option (got none)",
                    path,
                    hint="give it an option, or remove it from the model",
                )
            for opt in dm.options:
                opath = (*path, "options", opt.name)
                owners.setdefault(opt.name, []).append(dm.name)
                if not is_identifier(opt.name):
                    why = (
                        "is a reserved word of the condition language"
                        if opt.name.lower() in RESERVED_WORDS
                        else "is not an identifier (letters, digits and '_', not starting with a digit)"
                    )
                    self.add(f"option name {opt.name!r} {why}", opath, _identifier_hint(opt.name))
                if opt.reversibility not in REVERSIBILITIES:
                    self.add(
                        f"reversibility of {opt.name!r} must be one of "
                        f"{', '.join(REVERSIBILITIES)} (got {opt.reversibility!r})",
                        (*opath, "reversibility"),
                    )
        for name, dms in owners.items():
            if len(dms) > 1:
                if len(set(dms)) == 1:
                    msg = f"option {name!r} is listed {len(dms)} times under {dms[0]!r}"
                else:
                    owners_text = " and ".join(repr(d) for d in dict.fromkeys(dms))
                    msg = (
                        f"option {name!r} is owned by {owners_text}; "
                        "each option belongs to exactly one decision maker"
                    )
                self.add(msg, ("decision_makers", dms[-1], "options", name), "rename one of them")
        if c.graph is None and len(self.options) > MAX_OPTIONS:
            self.add(
                f"an option-form model may have at most {MAX_OPTIONS} options "
                f"(2^{MAX_OPTIONS} states); this one has {len(c.option_names)}",
                ("decision_makers",),
                hint="merge options that always move together, or coalesce states in graph form",
            )

    def infeasible(self) -> list[Expr]:
        exprs: list[Expr] = []
        if self.c.graph is not None and self.c.infeasible:
            self.add(
                "infeasible conditions apply to option-form models; a graph-form model lists "
                "its states explicitly",
                ("infeasible",),
                hint="remove 'infeasible', or remove the states from 'states'",
            )
            return exprs
        for i, inf in enumerate(self.c.infeasible):
            expr = self.condition(inf.condition, ("infeasible", i), "an infeasible condition")
            if expr is not None:
                exprs.append(expr)
        return exprs

    def preferences(self) -> None:
        c = self.c
        names = set(c.dm_names)
        for dm in c.preferences:
            if dm not in names:
                self.add(
                    f"preferences are given for {dm!r}, which is not a decision maker",
                    ("preferences", dm),
                    hint=suggest(dm, names),
                )
        for dm in c.dm_names:
            pref = c.preferences.get(dm)
            if pref is None:
                self.add(
                    f"decision maker {dm!r} needs preferences: statements or a ranking",
                    ("preferences",),
                )
            elif isinstance(pref, Statements):
                for i, st in enumerate(pref.items):
                    self.condition(st.text, ("preferences", dm, i), f"a statement of {dm}")

    def graph(self) -> None:
        c = self.c
        g = c.graph
        if g is None:
            return
        ids: Counter[int] = Counter()
        for i, st in enumerate(g.states):
            path: Path = ("states", i)
            if isinstance(st.id, bool) or not isinstance(st.id, int) or st.id < 1:
                self.add(f"a state id must be a positive integer (got {st.id!r})", (*path, "id"))
            ids[st.id] += 1
            for field, sets in (("taken", [st.taken] if st.taken else []), ("members", st.members)):
                for taken in sets:
                    for name in sorted(taken - self.options):
                        self.add(
                            f"state {st.id}: unknown option {name!r}",
                            (*path, field),
                            hint=suggest(name, self.options),
                        )
        for sid, count in ids.items():
            if count > 1:
                self.add(f"state id {sid} is used {count} times; ids must be unique", ("states",))
        if not g.states:
            self.add("a graph-form model needs at least one state", ("states",))
        known = set(ids)
        names = set(c.dm_names)
        arcs: dict[tuple[int, int], str] = {}
        for dm, moves in g.moves.items():
            if dm not in names:
                self.add(
                    f"moves are given for {dm!r}, which is not a decision maker",
                    ("moves", dm),
                    hint=suggest(dm, names),
                )
                continue
            for k, (a, b) in enumerate(moves):
                path = ("moves", dm, k)
                for end in (a, b):
                    if end not in known:
                        self.add(f"move {a} → {b} of {dm}: there is no state {end}", path)
                if a == b:
                    self.add(f"move {a} → {b} of {dm}: a move must change the state", path)
                other = arcs.get((a, b))
                if other is not None and other != dm:
                    self.add(
                        f"move {a} → {b} is given for both {other} and {dm}; "
                        "every move has exactly one mover",
                        path,
                    )
                arcs[(a, b)] = dm
        uses_patterns = any(isinstance(p, Statements) for p in c.preferences.values())
        uses_patterns = uses_patterns or isinstance(c.status_quo, str)
        uses_patterns = uses_patterns or any(
            _is_condition(ref)
            for block in c.uncertainty.values()
            if isinstance(block, Uncertainty)
            for pair in block.unknown
            for ref in pair
        )
        if uses_patterns:
            for i, st in enumerate(g.states):
                if st.taken is None:
                    self.add(
                        f"state {st.id} needs 'taken' (its options) because statements or "
                        "conditions are evaluated on it",
                        ("states", i),
                    )

    def coalitions(self) -> None:
        names = set(self.c.dm_names)
        seen: dict[str, int] = {}
        for i, coalition in enumerate(self.c.coalitions):
            if not coalition:
                self.add("a coalition must name at least one decision maker", ("coalitions", i))
            for j, dm in enumerate(coalition):
                if dm not in names:
                    self.add(
                        f"coalition member {dm!r} is not a decision maker",
                        ("coalitions", i, j),
                        hint=suggest(dm, names),
                    )
                elif dm in seen:
                    self.add(
                        f"{dm!r} is in coalitions {seen[dm]} and {i}; a class of coalitions "
                        "puts each decision maker in at most one",
                        ("coalitions", i, j),
                    )
                seen[dm] = i
        for dm, conditions in self.c.misperceptions.items():
            if dm not in names:
                self.add(
                    f"misperceptions are given for {dm!r}, which is not a decision maker",
                    ("misperceptions", dm),
                    hint=suggest(dm, names),
                )
            for k, text in enumerate(conditions):
                self.condition(text, ("misperceptions", dm, k), "a misperception")

    def provenance(self) -> None:
        ids: set[str] = set()
        for i, src in enumerate(self.c.sources):
            if not src.id:
                self.add("a source needs an 'id'", ("sources", i))
            elif src.id in ids:
                self.add(f"source id {src.id!r} is used twice", ("sources", i, "id"))
            ids.add(src.id)
        refs = set(element_refs(self.c)) | set(self.c.option_names)
        for i, ev in enumerate(self.c.evidence):
            if ev.claim and ev.claim not in CLAIM_TYPES:
                self.add(
                    f"the claim of an evidence item must be one of {', '.join(CLAIM_TYPES)} "
                    f"(got {ev.claim!r})",
                    ("evidence", i, "claim"),
                    hint=suggest(ev.claim, CLAIM_TYPES),
                )
            if ev.paragraph is not None and ev.paragraph < 1:
                self.add(
                    f"paragraphs are numbered from 1 (got {ev.paragraph})",
                    ("evidence", i, "paragraph"),
                )
            if ev.span is not None and not 0 <= ev.span[0] <= ev.span[1]:
                self.add(
                    f"a span is [start, end] with 0 ≤ start ≤ end (got {list(ev.span)})",
                    ("evidence", i, "span"),
                )
            if ev.about not in refs:
                self.add(
                    f"evidence is about {ev.about!r}, which is not an element of the model",
                    ("evidence", i, "about"),
                    hint=suggest(ev.about, refs)
                    or "name a decision maker, 'DM.option', 'DM.preferences[i]', "
                    "'DM.uncertainty', 'infeasible[i]' or 'status_quo'",
                )
            if ev.source and ev.source not in ids:
                self.add(
                    f"evidence cites source {ev.source!r}, which is not in 'sources'",
                    ("evidence", i, "source"),
                    hint=suggest(ev.source, ids),
                )

    def states(self, infeasible: list[Expr]) -> None:
        """Checks that need the feasible states: emptiness, rankings, status quo."""
        c = self.c
        space = c.states
        if len(space) == 0:
            always = [
                i
                for i, inf in enumerate(c.infeasible)
                if bool(_all_assignments_mask(c, inf.condition).all())
            ]
            hint = (
                f"infeasible[{always[0]}] ({c.infeasible[always[0]].condition!r}) holds in every state"
                if always
                else "the infeasible conditions together remove every state; relax one"
            )
            self.add(
                f"the model has no feasible state: all {2 ** len(c.option_names)} assignments "
                "are infeasible",
                ("infeasible",),
                hint,
            )
            return
        for dm in c.dm_names:
            pref = c.preferences.get(dm)
            if isinstance(pref, Ranking):
                self.ranking(dm, pref)
            elif isinstance(pref, PayoffVector) and pref.values.shape != (len(space),):
                self.add(
                    f"the payoffs of {dm} must give one value per feasible state "
                    f"({len(space):,}); got {pref.values.size:,}",
                    ("preferences", dm),
                )
        if c.status_quo is not None:
            self.state_ref(c.status_quo, ("status_quo",), "the status quo")
        if c.metadata.focus is not None:
            self.state_ref(c.metadata.focus, ("metadata", "focus"), "the focus state")
        for dm, block in c.uncertainty.items():
            self.unknown_pairs(dm, block.unknown)

    def ranking(self, dm: str, ranking: Ranking) -> None:
        space = self.c.states
        seen: dict[int, Path] = {}
        unresolved = 0
        base: Path = ("preferences", dm, "ranking")
        for g, group in enumerate(ranking.groups):
            if not group:
                self.add("a tie group of a ranking must not be empty", (*base, g))
            for k, ref in enumerate(group):
                path = (*base, g, k) if len(group) > 1 else (*base, g)
                if _is_condition(ref) and self.condition(ref, path, "a ranking entry") is None:
                    unresolved += 1
                    continue
                try:
                    index = space.resolve(ref)
                except (StateReferenceError, ConditionSyntaxError) as err:
                    self.problems.extend(p.shifted(path) for p in err.problems)
                    unresolved += 1
                    continue
                if index in seen:
                    self.add(
                        f"state {int(space.ids[index])} is listed twice in the ranking of {dm}",
                        path,
                    )
                seen[index] = path
        missing = [int(space.ids[i]) for i in range(len(space)) if i not in seen]
        if missing and not unresolved:  # an entry that names no state explains a gap
            shown = ", ".join(map(str, missing[:12])) + (", …" if len(missing) > 12 else "")
            self.add(
                f"the ranking of {dm} must list every feasible state exactly once; "
                f"{len(missing)} of {len(space)} missing: {shown}",
                ("preferences", dm),
                hint="add the missing states, or put states that tie in one inner list",
            )

    def state_ref(self, ref: int | str, path: Path, what: str) -> int | None:
        """The index of the one feasible state ``ref`` names, or ``None`` after reporting."""
        c = self.c
        if _is_condition(ref) and self.condition(ref, path, what) is None:
            return None
        try:
            return c.states.resolve(ref)
        except (StateReferenceError, ConditionSyntaxError) as err:
            problems = [p.shifted(path) for p in err.problems]
            if (
                isinstance(ref, str)
                and c.graph is None
                and not isinstance(err, ConditionSyntaxError)
            ):
                problems = [self._infeasible_state(ref, problems[0], path, what)]
            self.problems.extend(problems)
            return None

    def _infeasible_state(self, ref: str, problem: Problem, path: Path, what: str) -> Problem:
        c = self.c
        try:
            everywhere = _all_assignments_mask(c, ref)
        except ConditionSyntaxError:  # pragma: no cover - resolve reported it already
            return problem
        if not everywhere.any() or c.states.mask(ref).any():
            return problem
        code = int(np.flatnonzero(everywhere)[0])
        bits = {n: t for t, n in enumerate(c.option_names)}
        taken = {n: bool(code >> t & 1) for n, t in bits.items()}
        from accord.core.language import truth

        culprits = [
            f"infeasible[{i}] ({inf.condition!r})"
            for i, inf in enumerate(c.infeasible)
            if truth(parse_condition(inf.condition), taken)
        ]
        return Problem(
            f"{what} {ref!r} is infeasible: it is removed by {', '.join(culprits)}",
            path=path,
            hint=f"fix {what} or the infeasible condition",
        )

    # -- uncertainty (the variants of a model; unknown pairs, gmcr-spec §6.1) -------------
    def uncertainty(self) -> None:
        c = self.c
        names = set(c.dm_names)
        for dm, block in c.uncertainty.items():
            base: Path = ("uncertainty", dm)
            if dm not in names:
                self.add(
                    f"uncertainty is given for {dm!r}, which is not a decision maker",
                    base,
                    hint=suggest(dm, names),
                )
                continue
            if not isinstance(block, Uncertainty):
                self.add(
                    f"the uncertainty of {dm} must be an Uncertainty (got {type(block).__name__})",
                    base,
                )
                continue
            pref = c.preferences.get(dm)
            if pref is None:  # reported: every decision maker needs preferences
                continue
            if not isinstance(pref, Statements):
                kind = "a ranking" if isinstance(pref, Ranking) else "a payoff vector"
                for key in ("unordered", "probable", "alternatives"):
                    if getattr(block, key):
                        self.add(
                            f"{key!r} needs prioritised statements, but the preferences of "
                            f"{dm!r} are {kind}; only 'unknown' pairs can be given for it",
                            (*base, key),
                            hint="write its preferences as statements, or keep only 'unknown'",
                        )
                continue
            self.groups(dm, pref, block.unordered)
            self.probable(dm, pref, block.probable)
            self.alternatives(dm, block.alternatives)

    def statement_index(self, ref: object, dm: str, pref: Statements, path: Path) -> bool:
        """Whether ``ref`` is the index of one of ``dm``'s statements; report it if not."""
        if isinstance(ref, bool) or not isinstance(ref, int):
            self.add(
                f"a statement is named by its index in the list of {dm}, a whole number "
                f"from 0 (got {ref!r})",
                path,
            )
            return False
        q = len(pref.items)
        if not 0 <= ref < q:
            have = f"its statements are numbered 0 to {q - 1}" if q else "it has no statements"
            self.add(
                f"{dm} has no statement {ref}: {have}",
                path,
                hint="statements are counted from 0, most important first",
            )
            return False
        return True

    def groups(self, dm: str, pref: Statements, groups: tuple[tuple[int, ...], ...]) -> None:
        seen: dict[int, int] = {}
        for g, group in enumerate(groups):
            path: Path = ("uncertainty", dm, "unordered", g)
            if len(group) < 2:
                self.add(
                    "a group of unordered statements needs at least 2 statements "
                    f"(got {len(group)})",
                    path,
                    hint="one statement has no order to be uncertain about; remove the group",
                )
            elif len(group) > MAX_GROUP:
                self.add(
                    f"a group of unordered statements may hold at most {MAX_GROUP} statements "
                    f"({MAX_GROUP}! orders); this one holds {len(group)}",
                    path,
                    hint="split it into smaller groups, or write the readings as 'alternatives'",
                )
            for k, ref in enumerate(group):
                if not self.statement_index(ref, dm, pref, (*path, k)):
                    continue
                where = seen.get(ref)
                if where is None:
                    seen[ref] = g
                    continue
                named = _statement_words(pref, ref)
                if where == g:
                    self.add(f"{named} is listed twice in one group", (*path, k))
                else:
                    self.add(
                        f"{named} is in two groups of {dm}; groups of unordered statements "
                        "must not overlap",
                        (*path, k),
                        hint="merge the two groups, or remove the statement from one of them",
                    )

    def probable(self, dm: str, pref: Statements, items: tuple[Probable, ...]) -> None:
        seen: set[int] = set()
        for k, item in enumerate(items):
            path: Path = ("uncertainty", dm, "probable", k)
            if not isinstance(item, Probable):
                self.add(f"a probable statement must be a Probable (got {item!r})", path)
                continue
            if self.statement_index(item.statement, dm, pref, (*path, "statement")):
                if item.statement in seen:
                    self.add(
                        f"{_statement_words(pref, item.statement)} is given as probable twice",
                        (*path, "statement"),
                        hint="give each statement one probability",
                    )
                seen.add(item.statement)
            p = item.probability
            if _is_number(p) and 0 < p <= 1:
                continue
            hint = None
            if _is_number(p) and p == 0:
                hint = "a statement that never holds is no preference; remove it from the list"
            elif _is_number(p) and 1 < p <= 100:
                hint = "write a percentage as a fraction: 50% is 0.5"
            self.add(
                f"a probability must be a number greater than 0 and at most 1 (got {p!r})",
                (*path, "probability"),
                hint=hint,
            )

    def alternatives(self, dm: str, alternatives: tuple[Alternative, ...]) -> None:
        total = 0.0
        for k, alt in enumerate(alternatives):
            path: Path = ("uncertainty", dm, "alternatives", k)
            if not isinstance(alt, Alternative):
                self.add(f"an alternative must be an Alternative (got {alt!r})", path)
                continue
            w = alt.weight
            if _is_number(w) and 0 < w <= 1:
                total += w
            else:
                self.add(
                    "the weight of an alternative must be a number greater than 0 and at "
                    f"most 1 (got {w!r})",
                    (*path, "weight"),
                )
            for j, st in enumerate(alt.statements.items):
                self.condition(
                    st.text, (*path, "statements", j), f"a statement of an alternative of {dm}"
                )
        if total > 1 + WEIGHT_TOLERANCE:
            self.add(
                f"the weights of the alternatives of {dm} sum to {total:.10g}; they must sum "
                "to at most 1 (the rest is the weight of the list in 'preferences')",
                ("uncertainty", dm, "alternatives"),
                hint="lower the weights so that they sum to 1 or less",
            )

    def unknown_pairs(self, dm: str, pairs: tuple[tuple[int | str, int | str], ...]) -> None:
        ids = self.c.states.ids
        for k, pair in enumerate(pairs):
            path: Path = ("uncertainty", dm, "unknown", k)
            if len(pair) != 2:
                self.add(f"an unknown pair names two states (got {len(pair)})", path)
                continue
            found = [
                self.state_ref(ref, (*path, j), "a state of an unknown pair")
                for j, ref in enumerate(pair)
            ]
            if found[0] is not None and found[0] == found[1]:
                self.add(
                    "the two states of an unknown pair must differ "
                    f"(both are state {int(ids[found[0]])})",
                    path,
                    hint="name two different states",
                )


#: How far above 1 the weights of alternatives may sum (rounding of decimal fractions).
WEIGHT_TOLERANCE = 1e-9


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _statement_words(pref: Statements, index: int) -> str:
    return f"statement {index} ({pref.items[index].text!r})"


def _is_condition(ref: object) -> TypeGuard[str]:
    """Whether a state reference is a condition (text that is not a number)."""
    return isinstance(ref, str) and not ref.strip().lstrip("-").isdigit()


def _find_word(text: str, word: str) -> int | None:
    import re

    m = re.search(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", text)
    return m.start() + 1 if m else None


def _all_assignments_mask(conflict: Conflict, condition: str) -> np.ndarray:
    from accord.core.language import evaluate_on_codes

    names = conflict.option_names
    if len(names) > 22:
        return np.zeros(1, dtype=bool)
    codes = np.arange(1 << len(names), dtype=np.int64)
    return evaluate_on_codes(parse_condition(condition), codes, {n: t for t, n in enumerate(names)})


def validate(conflict: Conflict) -> None:
    """Check ``conflict``; raise :class:`ModelError` listing every problem found."""
    checker = _Checker(conflict)
    checker.names()
    exprs = checker.infeasible()
    checker.preferences()
    checker.uncertainty()
    checker.graph()
    checker.coalitions()
    checker.provenance()
    if not checker.problems:
        checker.states(exprs)
    if checker.problems:
        raise ModelError(checker.problems)
