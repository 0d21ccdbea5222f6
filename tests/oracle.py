"""A brute-force reference written straight from the GMCR definitions (gmcr-spec §2–4, §7).

Deliberately simple and slow: it shares nothing with the engine but the parsed model
(decision makers, options, conditions' syntax trees, rankings) — its own states, moves,
payoffs and searches.
"""

from __future__ import annotations

import itertools

from accord.core.language import And, Expr, If, Iff, Name, Not, Or


def plain_truth(expr: Expr, taken: dict[str, bool]) -> bool:
    """Reference evaluator written from the definitions, one state at a time."""
    match expr:
        case Name(name):
            return taken[name]
        case Not(operand):
            return not plain_truth(operand, taken)
        case And(items):
            return all(plain_truth(i, taken) for i in items)
        case Or(items):
            return any(plain_truth(i, taken) for i in items)
        case If(consequent, condition):  # material implication
            return (not plain_truth(condition, taken)) or plain_truth(consequent, taken)
        case Iff(left, right):
            return plain_truth(left, taken) is plain_truth(right, taken)
    raise AssertionError(expr)


class Oracle:
    """Stability by exhaustive search, one state at a time, from the definitions.

    States, moves and payoffs are rebuilt here from the model's decision makers, options,
    conditions and rankings; nothing is taken from accord's engine.
    """

    def __init__(self, conflict) -> None:  # type: ignore[no-untyped-def]
        from accord import PayoffVector, Ranking
        from accord.core.language import parse_condition

        self.dms = [dm.name for dm in conflict.decision_makers]
        self.options = [
            (o.name, dm.name, o.reversibility)
            for dm in conflict.decision_makers
            for o in dm.options
        ]
        self.owner = {name: dm for name, dm, _ in self.options}
        if conflict.graph is not None:
            self.ids = [st.id for st in conflict.graph.states]
            self.taken = {
                st.id: (
                    {n: n in st.taken for n, _, _ in self.options} if st.taken is not None else None
                )
                for st in conflict.graph.states
            }
            self.moves = {
                dm: sorted({(a, b) for a, b in conflict.graph.moves.get(dm, ())}) for dm in self.dms
            }
        else:
            rules = [parse_condition(c.condition) for c in conflict.infeasible]
            assignments = []
            for code in range(2 ** len(self.options)):
                taken = {n: bool(code >> t & 1) for t, (n, _, _) in enumerate(self.options)}
                if not any(plain_truth(r, taken) for r in rules):
                    assignments.append(taken)
            self.ids = list(range(1, len(assignments) + 1))
            self.taken = dict(zip(self.ids, assignments, strict=True))
            self.moves = {dm: self._option_moves(dm) for dm in self.dms}
        self.payoff: dict[str, dict[int, int]] = {}
        for dm in self.dms:
            pref = conflict.preferences[dm]
            if isinstance(pref, PayoffVector):
                score = {s: int(v) for s, v in zip(self.ids, pref.values.tolist(), strict=True)}
            elif isinstance(pref, Ranking):
                score = {}
                for g, group in enumerate(pref.groups):
                    for ref in group:
                        for sid in self._resolve(ref):
                            score[sid] = -g
            else:
                exprs = [parse_condition(s.text) for s in pref.items]
                q = len(exprs)
                score = {
                    s: sum(
                        2 ** (q - j)
                        for j, e in enumerate(exprs, 1)
                        if plain_truth(e, self.taken[s])
                    )
                    for s in self.ids
                }
            levels = sorted(set(score.values()))
            self.payoff[dm] = {s: levels.index(v) for s, v in score.items()}
        self._reach: dict[tuple[frozenset[str], int, bool], set[int]] = {}

    def _resolve(self, ref):  # type: ignore[no-untyped-def]
        from accord.core.language import parse_condition

        if isinstance(ref, int):
            return [ref]
        expr = parse_condition(ref)
        hits = [s for s in self.ids if plain_truth(expr, self.taken[s])]
        assert len(hits) == 1, (ref, hits)
        return hits

    def _option_moves(self, dm: str) -> list[tuple[int, int]]:
        """(s, q): q feasible, differs from s only in dm's options, reversibility respected."""
        own = [(name, rev) for name, owner, rev in self.options if owner == dm]
        by_assignment = {tuple(sorted(t.items())): sid for sid, t in self.taken.items()}
        arcs = []
        for s in self.ids:
            for values in itertools.product((False, True), repeat=len(own)):
                q_taken = dict(self.taken[s])
                ok = True
                for (name, rev), value in zip(own, values, strict=True):
                    before = self.taken[s][name]
                    if value != before and (
                        (rev == "take_only" and before) or (rev == "withdraw_only" and not before)
                    ):
                        ok = False
                    q_taken[name] = value
                q = by_assignment.get(tuple(sorted(q_taken.items())))
                if ok and q is not None and q != s:
                    arcs.append((s, q))
        return arcs

    def R(self, dm: str, s: int, improving: bool = False) -> list[int]:
        """R_i(s), or R_i⁺(s) when improving."""
        if not hasattr(self, "_adj"):
            self._adj: dict[str, dict[int, list[int]]] = {d: {} for d in self.dms}
            for d in self.dms:
                for a, q in self.moves[d]:
                    self._adj[d].setdefault(a, []).append(q)
        pay = self.payoff[dm]
        return [q for q in self._adj[dm].get(s, []) if not improving or pay[q] > pay[s]]

    def reach(self, coalition: frozenset[str], s: int, improving: bool = False) -> set[int]:
        """R_H(s) (or R_H⁺): end states of legal sequences, by search over (state, last mover)."""
        key = (coalition, s, improving)
        if key not in self._reach:
            seen: set[tuple[int, str]] = set()
            frontier = [(q, d) for d in coalition for q in self.R(d, s, improving)]
            while frontier:
                node = frontier.pop()
                if node in seen:
                    continue
                seen.add(node)
                x, last = node
                for d in coalition:
                    if d != last:
                        frontier.extend((y, d) for y in self.R(d, x, improving))
            self._reach[key] = {x for x, _ in seen}
        return self._reach[key]

    def is_stable(self, concept: str, dm: str, s: int) -> bool:
        """Whether ``s`` is stable for ``dm`` under nash, gmr, smr or seq (gmcr-spec §4)."""
        pay = self.payoff[dm]
        others = frozenset(d for d in self.dms if d != dm)
        for s1 in self.R(dm, s, improving=True):
            if concept == "nash":
                return False
            if concept == "seq":
                sanctions = [x for x in self.reach(others, s1, True) if pay[x] <= pay[s]]
            else:
                sanctions = [x for x in self.reach(others, s1) if pay[x] <= pay[s]]
                if concept == "smr":
                    sanctions = [
                        x for x in sanctions if all(pay[y] <= pay[s] for y in self.R(dm, x))
                    ]
            if not sanctions:
                return False
        return True

    def stable_ids(self, concept: str, dm: str) -> list[int]:
        return sorted(s for s in self.ids if self.is_stable(concept, dm, s))

    def G(self, h: int, dm: str, s: int, memo: dict | None = None) -> int:  # type: ignore[type-arg]
        """Anticipated outcome G_h(dm, s) for two DMs; ties go to the lowest target id."""
        memo = {} if memo is None else memo
        if h == 0:
            return s
        key = (h, dm, s)
        if key not in memo:
            other = next(d for d in self.dms if d != dm)
            pay = self.payoff[dm]
            best, best_q = None, None
            for q in sorted(self.R(dm, s)):
                out = self.G(h - 1, other, q, memo)
                if pay[out] > pay[s] and (best is None or pay[out] > pay[best]):
                    best, best_q = out, q
            memo[key] = s if best_q is None else best  # type: ignore[assignment]
        return memo[key]  # type: ignore[no-any-return]

    def with_statements(self, statements):  # type: ignore[no-untyped-def]
        """A copy in which these DMs' payoffs come from these statements (DM → condition texts)."""
        import copy

        from accord.core.language import parse_condition

        other = copy.copy(self)
        other.payoff = dict(self.payoff)
        other._reach = {}
        for dm, texts in statements.items():
            exprs = [parse_condition(t) for t in texts]
            q = len(exprs)
            score = {
                s: sum(
                    2 ** (q - j) for j, e in enumerate(exprs, 1) if plain_truth(e, self.taken[s])
                )
                for s in self.ids
            }
            levels = sorted(set(score.values()))
            other.payoff[dm] = {s: levels.index(v) for s, v in score.items()}
        return other

    def rerank(self, dm: str, ranking: list[int] | tuple[int, ...]) -> None:
        """Give ``dm`` the strict ranking ``ranking`` (state ids, best first), in place."""
        m = len(ranking)
        self.payoff[dm] = {sid: m - 1 - p for p, sid in enumerate(ranking)}
        self._reach.clear()

    def is_equilibrium(self, concept: str, s: int) -> bool:
        """Whether ``s`` is stable for every DM under ``concept``."""
        return all(self.is_stable(concept, d, s) for d in self.dms)

    # -- coalitions and status quo paths (gmcr-spec §5, §9) ------------------------------------

    def coalition_improvements(self, coalition: frozenset[str], s: int) -> set[int]:
        """R_H^{++}(s): ends of legal member sequences every member strictly prefers to s."""
        return {
            q
            for q in self.reach(coalition, s)
            if all(self.payoff[k][q] > self.payoff[k][s] for k in coalition)
        }

    def unit_reach(self, units: list[frozenset[str]], s: int, improving: bool = False) -> set[int]:
        """R_{C−H}(s) (or R^{++}): legal sequences of the units' coalitional moves, the same
        unit never twice in a row; a singleton's move is its DM's unilateral move."""

        def step(u: frozenset[str], x: int) -> set[int]:
            if improving:
                return self.coalition_improvements(u, x)
            return self.reach(u, x)

        seen: set[tuple[int, int]] = set()
        frontier = [(q, k) for k, u in enumerate(units) for q in step(u, s)]
        while frontier:
            node = frontier.pop()
            if node in seen:
                continue
            seen.add(node)
            x, last = node
            for k, u in enumerate(units):
                if k != last:
                    frontier.extend((y, k) for y in step(u, x))
        return {x for x, _ in seen}

    def c_stable(
        self, units: list[frozenset[str]], coalition: frozenset[str], concept: str, s: int
    ) -> bool:
        """CNash / CGMR / CSMR / CSEQ of s for a unit of the class (gmcr-spec §5.2)."""

        def better(q: int) -> bool:
            return all(self.payoff[k][q] > self.payoff[k][s] for k in coalition)

        others = [u for u in units if u != coalition]
        for s1 in self.coalition_improvements(coalition, s):
            if concept == "nash":
                return False
            ends = self.unit_reach(others, s1, improving=concept == "seq")
            sanctions = [x for x in ends if not better(x)]
            if concept == "smr":
                sanctions = [
                    x for x in sanctions if not any(better(y) for y in self.reach(coalition, x))
                ]
            if not sanctions:
                return False
        return True

    def path_lengths(
        self, start: int, moves: str, coalitions: list[frozenset[str]] | None = None
    ) -> dict[int, int]:
        """Status quo analysis: the fewest steps from start to every reachable state.

        Steps are a DM's unilateral improvement (``improvements``), any unilateral move
        (``any``), or also, in ``coalitions`` mode, a coalitional improvement of a coalition
        of ≥ 2 DMs; the same actor never acts twice in a row.
        """
        actors: list[frozenset[str]] = [frozenset([d]) for d in self.dms]
        if moves == "coalitions":
            actors += coalitions or []

        def step(a: frozenset[str], x: int) -> set[int]:
            if len(a) == 1:
                (d,) = a
                return set(self.R(d, x, improving=moves != "any"))
            return self.coalition_improvements(a, x)

        best = {start: 0}
        layer = {(start, -1)}
        seen = set(layer)
        depth = 0
        while layer:
            depth += 1
            nxt = set()
            for x, last in layer:
                for k, a in enumerate(actors):
                    if k != last:
                        for y in step(a, x):
                            if (y, k) not in seen:
                                seen.add((y, k))
                                nxt.add((y, k))
                                best.setdefault(y, depth)
            layer = nxt
        return best

    # -- unknown preferences (gmcr-spec §6.1; Li, Hipel, Kilgour & Fang 2004) -------------

    def _unknown_sets(self, unknown) -> dict[str, set[frozenset[int]]]:  # type: ignore[no-untyped-def]
        """DM → set of unordered pairs of state ids (kept for the last mapping seen)."""
        last = self.__dict__.get("_unknown_last")
        if last is None or last[0] is not unknown:
            sets = {dm: {frozenset(p) for p in pairs} for dm, pairs in unknown.items()}
            key = repr(sorted((dm, sorted(map(sorted, p))) for dm, p in sets.items()))
            last = self.__dict__["_unknown_last"] = (unknown, sets, key)
        return last[1]  # type: ignore[no-any-return]

    def R_u(self, dm: str, s: int, unknown, known: bool = False) -> list[int]:  # type: ignore[no-untyped-def]
        """R_i^{+,U}(s): moves to states dm prefers or cannot order against s; with
        ``known``, R_i^+(s): moves to states dm is known to prefer."""
        pay = self.payoff[dm]
        u = self._unknown_sets(unknown).get(dm, set())
        out = []
        for q in self.R(dm, s):
            uncertain = frozenset((q, s)) in u
            if known:
                if pay[q] > pay[s] and not uncertain:
                    out.append(q)
            elif pay[q] > pay[s] or uncertain:
                out.append(q)
        return out

    def reach_u(self, coalition: frozenset[str], s: int, unknown) -> set[int]:  # type: ignore[no-untyped-def]
        """R_H^{+,U}(s): ends of legal sequences in which each member moves to a state it
        prefers, or cannot order, against the state it leaves (its own unknown pairs)."""
        self._unknown_sets(unknown)
        key = (coalition, s, self.__dict__["_unknown_last"][2])
        cache = self.__dict__.setdefault("_reach_u", {})
        if key in cache:
            return cache[key]  # type: ignore[no-any-return]
        seen: set[tuple[int, str]] = set()
        frontier = [(q, d) for d in coalition for q in self.R_u(d, s, unknown)]
        while frontier:
            node = frontier.pop()
            if node in seen:
                continue
            seen.add(node)
            x, last = node
            for d in coalition:
                if d != last:
                    frontier.extend((y, d) for y in self.R_u(d, x, unknown))
        cache[key] = {x for x, _ in seen}
        return cache[key]  # type: ignore[no-any-return]

    def is_stable_u(self, concept: str, ext: str, dm: str, s: int, unknown) -> bool:  # type: ignore[no-untyped-def]
        """Stability of ``s`` for ``dm`` under extension ``ext`` (a, b, c, d) of nash, gmr, smr
        or seq, with ``unknown``: DM → pairs of state ids whose order that DM does not know.

        a: moves of unknown order count as improvements, only known-no-better states
        sanction; b: only known improvements; c: as a, states of unknown order sanction too;
        d: as b, likewise.  SEQ's sanctions are legal sequences of R^{+,U} moves.  SMR: the
        counter-move must pass the same sanction test as the sanction itself.
        """
        pay = self.payoff[dm]
        u = self._unknown_sets(unknown).get(dm, set())
        others = frozenset(d for d in self.dms if d != dm)

        def sanctions(x: int) -> bool:
            uncertain = frozenset((x, s)) in u
            known_no_better = pay[x] <= pay[s] and not uncertain
            return known_no_better or (ext in "cd" and uncertain)

        for s1 in self.R_u(dm, s, unknown, known=ext in "bd"):
            if concept == "nash":
                return False
            ends = self.reach_u(others, s1, unknown) if concept == "seq" else self.reach(others, s1)
            found = [x for x in ends if sanctions(x)]
            if concept == "smr":
                found = [x for x in found if all(sanctions(y) for y in self.R(dm, x))]
            if not found:
                return False
        return True

    def stable_ids_u(self, concept: str, ext: str, dm: str, unknown) -> list[int]:  # type: ignore[no-untyped-def]
        """Ids of the states stable for ``dm`` under extension ``ext`` of ``concept``."""
        return sorted(s for s in self.ids if self.is_stable_u(concept, ext, dm, s, unknown))
