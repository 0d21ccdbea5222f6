"""Edits of one DM's statement list, and the breadth-first search over the lists they reach."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from accord.core.model import Statement
from accord.errors import AnalysisError

__all__ = ["Canon", "DMSearch", "Edit", "EditKind", "Items", "Key", "compositions"]

EditKind = Literal["up", "down", "add", "drop"]
#: A statement list, most important first.
Items = tuple[Statement, ...]
#: A statement list by the canonical text of its conditions.
Key = tuple[str, ...]


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


class Canon:
    """Canonical text of conditions, so that equal statements compare equal."""

    def __init__(self) -> None:
        self._memo: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if text not in self._memo:
            from accord.core.language import parse_condition, to_text

            self._memo[text] = to_text(parse_condition(text))
        return self._memo[text]

    def key(self, items: Items) -> Key:
        return tuple(self(s.text) for s in items)


class DMSearch:
    """One DM's statement lists, level by level (level k = exactly k edits away)."""

    def __init__(self, dm: str, base: Items, candidates: Items, canon: Canon, limit: int) -> None:
        self.dm = dm
        self.canon = canon
        self.limit = limit
        seen_c: dict[str, Statement] = {}
        for c in candidates:
            seen_c.setdefault(canon(c.text), c)
        self.candidates = tuple(seen_c.items())
        key = canon.key(base)
        self.lists: dict[Key, Items] = {key: base}
        self.parent: dict[Key, tuple[Key, Edit] | None] = {key: None}
        self.levels: list[list[Key]] = [[key]]

    def level(self, k: int) -> list[Key]:
        """The lists exactly ``k`` edits away (computed on first use)."""
        while len(self.levels) <= k:
            nxt: list[Key] = []
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

    def edits(self, key: Key) -> tuple[Edit, ...]:
        """The edits that lead from the DM's statements to this list."""
        out: list[Edit] = []
        link = self.parent[key]
        while link is not None:
            key, edit = link
            out.append(edit)
            link = self.parent[key]
        return tuple(reversed(out))

    def _neighbours(self, items: Items) -> Iterator[tuple[Items, Edit]]:
        dm, n = self.dm, len(items)

        def at(j: int, lst: Items) -> Statement | None:
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


def compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to write ``total`` as an ordered sum of ``parts`` non-negative integers."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in compositions(total - first, parts - 1):
            yield (first, *rest)
