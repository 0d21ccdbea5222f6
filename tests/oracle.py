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
