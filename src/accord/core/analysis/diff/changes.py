"""Changes of the model itself: metadata, decision makers, options, states and provenance."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Literal

from accord._types import IntArray, StateRef
from accord.core.analysis.diff.preferences import canonical, quoted
from accord.core.analysis.diff.records import ModelChange
from accord.core.model import Statements
from accord.errors import AccordError

if TYPE_CHECKING:
    from accord.core.model import Conflict, Option
    from accord.core.provenance import Evidence

__all__ = [
    "metadata_changes",
    "option_changes",
    "other_changes",
    "provenance_changes",
    "state_changes",
    "structure_changes",
]


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _option(o: Option) -> str:
    """``abandon (“Abandon the Elmira plant”)``."""
    return f"{o.name} ({quoted(o.label)})" if o.label else o.name


def _index(conflict: Conflict, ref: StateRef | None) -> int | None:
    if ref is None:
        return None
    try:
        return conflict.states.resolve(ref)
    except AccordError:  # pragma: no cover - status quo and focus are validated
        return None


def _differences(old: Conflict, new: Conflict, i: int, j: int) -> str:
    """What differs between state ``i`` of ``old`` and state ``j`` of ``new``, by option:
    ``now takes “A”; no longer takes “B”`` (empty without option patterns)."""
    if int(old.states.codes[i]) < 0 or int(new.states.codes[j]) < 0:
        return ""
    a, b = old.states.taken(i), new.states.taken(j)
    started = [n for n, on in b.items() if on and not a.get(n, False)]
    stopped = [n for n, on in a.items() if on and not b.get(n, False)]
    parts = []
    if started:
        titles = ", ".join(quoted(new.option(n).title) for n in started)
        parts.append(f"now takes {titles}")
    if stopped:
        titles = ", ".join(quoted(old.option(n).title) for n in stopped)
        parts.append(f"no longer takes {titles}")
    return "; ".join(parts)


def _state_ref(
    kind: Literal["status_quo", "focus"],
    what: str,
    old: Conflict,
    new: Conflict,
    old_to_new: IntArray,
) -> list[ModelChange]:
    """A change of the status quo or the focus state, compared by the state it names."""
    ro = old.status_quo if kind == "status_quo" else old.metadata.focus
    rn = new.status_quo if kind == "status_quo" else new.metadata.focus
    i, j = _index(old, ro), _index(new, rn)
    if i is None and j is None:
        return []
    ido = None if i is None else int(old.states.ids[i])
    idn = None if j is None else int(new.states.ids[j])
    if i is None:
        text = f"{what} is now given: state {idn}."
    elif j is None:
        text = f"{what} (state {ido}) is no longer given."
    elif int(old_to_new[i]) == j:
        if ro == rn:
            return []
        text = f"{what} is written differently but names the same state ({ido} → {idn})."
    else:
        how = _differences(old, new, i, j)
        text = f"{what} changed from state {ido} to state {idn}" + (f": {how}." if how else ".")
    return [ModelChange(kind, text, "", "", ido, idn)]


def metadata_changes(old: Conflict, new: Conflict, old_to_new: IntArray) -> list[ModelChange]:
    """The name, title, question and focus of the model."""
    out: list[ModelChange] = []
    if old.name != new.name:
        out.append(
            ModelChange(
                "name",
                f"The model's name changed from {quoted(old.name)} to {quoted(new.name)}.",
                before=old.name,
                after=new.name,
            )
        )
    mo, mn = old.metadata, new.metadata
    if mo.title != mn.title:
        text = f"The title changed from {quoted(mo.title)} to {quoted(mn.title)}."
        out.append(ModelChange("title", text, before=mo.title, after=mn.title))
    if mo.question != mn.question:
        text = f"The question changed from {quoted(mo.question)} to {quoted(mn.question)}."
        out.append(ModelChange("question", text, before=mo.question, after=mn.question))
    out.extend(_state_ref("focus", "The focus state", old, new, old_to_new))
    return out


def structure_changes(old: Conflict, new: Conflict) -> list[ModelChange]:
    """Decision makers added, removed, relabelled or reordered."""
    out: list[ModelChange] = []
    for dm in new.decision_makers:
        if dm.name not in old.dm_names:
            text = f"Decision maker {dm.name} added, with {_plural(len(dm.options), 'option')}."
            out.append(ModelChange("dm_added", text, dm.name))
    for dm in old.decision_makers:
        if dm.name not in new.dm_names:
            out.append(ModelChange("dm_removed", f"Decision maker {dm.name} removed.", dm.name))
        elif dm.label != (label := new.dm(dm.name).label):
            text = f"{dm.name}: label changed from {quoted(dm.label)} to {quoted(label)}."
            out.append(ModelChange("dm_label", text, dm.name, "", dm.label, label))
    both_old = [d for d in old.dm_names if d in new.dm_names]
    both_new = [d for d in new.dm_names if d in old.dm_names]
    if both_old != both_new:
        text = (
            f"The decision makers are in a different order: {', '.join(both_old)} → "
            f"{', '.join(both_new)} (state ids are renumbered)."
        )
        out.append(
            ModelChange("order", text, before=", ".join(both_old), after=", ".join(both_new))
        )
    return out


def option_changes(old: Conflict, new: Conflict) -> list[ModelChange]:
    """Options added, removed, moved to another decision maker, relabelled, made more or
    less reversible, or reordered within a decision maker."""
    out: list[ModelChange] = []
    for name in new.option_names:
        if name not in old.option_names:
            o, dm = new.option(name), new.owner(name)
            out.append(
                ModelChange("option_added", f"Option {_option(o)} added for {dm}.", dm, name)
            )
    for name in old.option_names:
        o, dm = old.option(name), old.owner(name)
        if name not in new.option_names:
            out.append(
                ModelChange("option_removed", f"Option {_option(o)} of {dm} removed.", dm, name)
            )
            continue
        n, dm_new = new.option(name), new.owner(name)
        if dm != dm_new:
            text = f"Option {_option(n)} moved from {dm} to {dm_new}."
            out.append(ModelChange("option_moved", text, dm_new, name, dm, dm_new))
        if o.label != n.label:
            text = f"Option {name}: label changed from {quoted(o.label)} to {quoted(n.label)}."
            out.append(ModelChange("option_label", text, dm_new, name, o.label, n.label))
        if o.reversibility != n.reversibility:
            text = (
                f"Option {_option(n)}: reversibility changed from {o.reversibility} to "
                f"{n.reversibility}."
            )
            out.append(
                ModelChange(
                    "option_reversibility", text, dm_new, name, o.reversibility, n.reversibility
                )
            )
    for d in new.decision_makers:
        if d.name not in old.dm_names:
            continue
        mine = {o.name for o in d.options} & {o.name for o in old.dm(d.name).options}
        a = [o.name for o in old.dm(d.name).options if o.name in mine]
        b = [o.name for o in d.options if o.name in mine]
        if a != b:
            text = (
                f"{d.name}: options in a different order: {', '.join(a)} → {', '.join(b)} "
                "(state ids are renumbered)."
            )
            out.append(ModelChange("order", text, d.name, "", ", ".join(a), ", ".join(b)))
    return out


def state_changes(old: Conflict, new: Conflict, old_to_new: IntArray) -> list[ModelChange]:
    """Infeasibility conditions, the status quo, graph-form states and moves, and the
    number of feasible states."""
    out: list[ModelChange] = []
    io = {canonical(c.condition): c for c in old.infeasible}
    inn = {canonical(c.condition): c for c in new.infeasible}
    for key, c in inn.items():
        if key not in io:
            label = f" ({c.label})" if c.label else ""
            text = f"Infeasibility condition {quoted(key)}{label} added."
            out.append(ModelChange("infeasible_added", text, "", key))
    for key, c in io.items():
        if key not in inn:
            label = f" ({c.label})" if c.label else ""
            text = f"Infeasibility condition {quoted(key)}{label} removed."
            out.append(ModelChange("infeasible_removed", text, "", key))
        elif c.label != inn[key].label:
            la, lb = c.label, inn[key].label
            text = f"Infeasibility condition {quoted(key)}: label changed from {quoted(la)} to {quoted(lb)}."
            out.append(ModelChange("infeasible_label", text, "", key, la, lb))
    out.extend(_state_ref("status_quo", "The status quo", old, new, old_to_new))
    out.extend(_graph_changes(old, new))
    before, after = len(old.states), len(new.states)
    if before != after:
        text = f"The number of feasible states changed from {before:,} to {after:,}."
        out.append(ModelChange("states", text, before=before, after=after))
    return out


def _graph_changes(old: Conflict, new: Conflict) -> list[ModelChange]:
    """Graph form: states added, removed or relabelled (by id), and moves per decision maker."""
    if old.graph == new.graph or old.graph is None or new.graph is None:
        if (old.graph is None) != (new.graph is None):
            now = "graph form (explicit states and moves)" if new.graph else "option form"
            return [ModelChange("graph", f"The model is now in {now}.")]
        return []
    out: list[ModelChange] = []
    so = {s.id: s for s in old.graph.states}
    sn = {s.id: s for s in new.graph.states}
    added = sorted(set(sn) - set(so))
    removed = sorted(set(so) - set(sn))
    changed = sorted(k for k in set(so) & set(sn) if so[k] != sn[k])

    def ids(xs: list[int]) -> str:
        return f"id{'s' if len(xs) > 1 else ''} {', '.join(map(str, xs))}"

    parts = []
    if added:
        parts.append(f"{_plural(len(added), 'state')} added ({ids(added)})")
    if removed:
        parts.append(f"{_plural(len(removed), 'state')} removed ({ids(removed)})")
    if changed:
        parts.append(
            f"{_plural(len(changed), 'state')} relabelled or given other options ({ids(changed)})"
        )
    if parts:
        out.append(ModelChange("graph", f"Graph states: {'; '.join(parts)}."))
    for dm in new.dm_names:
        mo = set(old.graph.moves.get(dm, ()))
        mn = set(new.graph.moves.get(dm, ()))
        if mo != mn:
            text = f"{dm}: moves changed ({len(mn - mo)} added, {len(mo - mn)} removed)."
            out.append(ModelChange("graph", text, dm, "", len(mo), len(mn)))
    return out


def provenance_changes(old: Conflict, new: Conflict) -> list[ModelChange]:
    """Coalitions, misperceptions, sources and evidence (counts only for the last two)."""
    out: list[ModelChange] = []
    co = {frozenset(c) for c in old.coalitions}
    cn = {frozenset(c) for c in new.coalitions}
    if co != cn:

        def show(cs: tuple[tuple[str, ...], ...]) -> str:
            return ", ".join("+".join(c) for c in cs) or "none"

        a, b = show(old.coalitions), show(new.coalitions)
        out.append(
            ModelChange("coalitions", f"The coalitions changed: {a} → {b}.", before=a, after=b)
        )
    for dm in [*old.dm_names, *(d for d in new.dm_names if d not in old.dm_names)]:
        mo = {canonical(c) for c in old.misperceptions.get(dm, ())}
        mn = {canonical(c) for c in new.misperceptions.get(dm, ())}
        if mo != mn:
            text = (
                f"{dm}: misperceptions changed ({_plural(len(mn - mo), 'condition')} added, "
                f"{len(mo - mn)} removed)."
            )
            out.append(ModelChange("misperceptions", text, dm, "", len(mo), len(mn)))
    src_o = {s.id: s for s in old.sources}
    src_n = {s.id: s for s in new.sources}
    added = len(set(src_n) - set(src_o))
    removed = len(set(src_o) - set(src_n))
    edited = sum(1 for k in set(src_o) & set(src_n) if src_o[k] != src_n[k])
    if added or removed or edited:
        text = f"Sources: {added} added, {removed} removed, {edited} changed."
        out.append(ModelChange("sources", text, before=len(src_o), after=len(src_n)))
    out.extend(_evidence_changes(old, new))
    return out


_BY_POSITION = re.compile(r"^(?:(?P<dm>.+)\.preferences|infeasible)\[(?P<index>\d+)\]$")


def _target(conflict: Conflict, about: str) -> str:
    """What an evidence item is about, with a statement or infeasibility condition named by
    position (``Russia.preferences[2]``, ``infeasible[0]``) replaced by its condition."""
    m = _BY_POSITION.match(about)
    if m is None:
        return about
    k = int(m["index"])
    if m["dm"] is None:
        conditions = [c.condition for c in conflict.infeasible]
        prefix = "infeasible"
    else:
        pref = conflict.preferences.get(m["dm"])
        conditions = list(pref.texts) if isinstance(pref, Statements) else []
        prefix = f"{m['dm']}.preferences"
    return f"{prefix}: {canonical(conditions[k])}" if k < len(conditions) else about


def _evidence_changes(old: Conflict, new: Conflict) -> list[ModelChange]:
    """Evidence items added and removed, by meaning, and items that name a statement or
    condition by position and now point at a different one."""

    def meant(conflict: Conflict) -> Counter[Evidence]:
        return Counter(replace(e, about=_target(conflict, e.about)) for e in conflict.evidence)

    mo, mn = meant(old), meant(new)
    plus, minus = sum((mn - mo).values()), sum((mo - mn).values())
    common = Counter(old.evidence) & Counter(new.evidence)
    moved = sum(k for e, k in common.items() if _target(old, e.about) != _target(new, e.about))
    plus, minus = max(0, plus - moved), max(0, minus - moved)
    if not (plus or minus or moved):
        return []
    parts = []
    if plus or minus:
        parts.append(f"{_plural(plus, 'item')} added, {minus:,} removed")
    if moved:
        parts.append(
            f"{_plural(moved, 'item')} name a statement or condition by its position and now "
            "point at a different one"
        )
    text = f"Evidence: {'; '.join(parts)}"
    return [ModelChange("evidence", text + ".", "", "", len(old.evidence), len(new.evidence))]


def other_changes(old: Conflict, new: Conflict) -> list[ModelChange]:
    """Differences no other change covers: descriptions and the rest of the metadata."""
    what = []
    described = [
        d.name
        for d in new.decision_makers
        if d.name in old.dm_names and old.dm(d.name).description != d.description
    ]
    described += [
        o.name
        for o in new.options
        if o.name in old.option_names and old.option(o.name).description != o.description
    ]
    if described:
        what.append(f"descriptions of {', '.join(described)}")
    skip = {"title", "question", "focus"}
    meta = [
        f.name
        for f in fields(old.metadata)
        if f.name not in skip and getattr(old.metadata, f.name) != getattr(new.metadata, f.name)
    ]
    if meta:
        what.append(f"metadata ({', '.join(meta)})")
    if not what:
        return []
    return [
        ModelChange("other", f"Other details changed: {'; '.join(what)}.", subject="; ".join(what))
    ]
