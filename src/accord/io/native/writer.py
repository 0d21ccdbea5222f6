"""Write accord's native model files: canonical YAML, or JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml

from accord.core.model import (
    Conflict,
    DecisionMaker,
    GraphState,
    PayoffVector,
    Preference,
    Statements,
)
from accord.core.payoffs import ranking_from_payoffs
from accord.core.provenance import Evidence, Metadata, Source
from accord.core.uncertainty import Uncertainty
from accord.io._files import atomic_write_text
from accord.io.native.schema import FORMAT_VERSION

__all__ = ["generate_model", "write_model"]


class _Flow(list[Any]):
    """A list written on one line, ``[a, b]``."""


class _FlowMap(dict[str, Any]):
    """A mapping written on one line, ``{a: 1, b: 2}``."""


class _Dumper(yaml.SafeDumper):
    """Safe dumper that indents lists under their key and never writes aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_flow_map(dumper: yaml.SafeDumper, data: _FlowMap) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style: str | None = None
    if any(ch in data for ch in "\r\x85\u2028\u2029"):
        style = '"'  # line breaks YAML would normalise: escape them
    elif "\n" in data:
        style = "|"  # the emitter falls back to quotes where a block is not allowed
    elif data.startswith("-"):
        style = "'"  # '- -a' reads correctly but '- '-a'' reads better
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(_FlowMap, _represent_flow_map)
_Dumper.add_representer(str, _represent_str)


def generate_model(conflict: Conflict, format: Literal["yaml", "json"] = "yaml") -> str:
    """Write a model as the text of a native file.

    The YAML is canonical: ``accord: 1`` first, sections in a fixed order, options as full
    mappings, and default values and empty sections left out.  :func:`~accord.io.native.parse_model` reads it
    back to an equal :class:`Conflict`.

    Parameters
    ----------
    conflict
        The model.
    format
        ``"yaml"`` (default) or ``"json"``.

    Returns
    -------
    str
        The text, ending in a newline.

    Raises
    ------
    TypeError
        When a metadata value cannot be written (only text, numbers, booleans, dates, lists
        and mappings can).
    """
    data = _plain_model(conflict)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_value) + "\n"
    if format != "yaml":
        raise ValueError(f"format must be 'yaml' or 'json' (got {format!r})")
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    return text


def write_model(
    conflict: Conflict,
    path: str | os.PathLike[str],
    *,
    format: Literal["yaml", "json"] | None = None,
) -> None:
    """Write a model to a native file, atomically (readers see the old file or the new).

    Parameters
    ----------
    conflict
        The model.
    path
        The file; a name ending in ``.json`` is written as JSON unless ``format`` says
        otherwise.
    format
        ``"yaml"`` or ``"json"``; by default chosen from the file name.
    """
    chosen = format or ("json" if Path(path).suffix.lower() == ".json" else "yaml")
    atomic_write_text(path, generate_model(conflict, chosen))


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write a value of type {type(value).__name__} in a model file")


def _free(value: Any, where: str) -> Any:
    """A metadata value as plain data (tuples become lists)."""
    if value is None or isinstance(value, str | bool | int | float | dt.date):
        return value
    if isinstance(value, list | tuple):
        return [_free(v, where) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _free(v, where) for k, v in value.items()}
    raise TypeError(
        f"metadata {where!r} holds a value of type {type(value).__name__}; a model file can "
        "hold only text, numbers, booleans, dates, lists and mappings"
    )


def _drop_empty(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v not in ("", None, [], ())}


def _plain_metadata(meta: Metadata) -> dict[str, Any]:
    out = _drop_empty(
        {
            "title": meta.title,
            "date": meta.date,
            "author": meta.author,
            "tags": _Flow(meta.tags),
            "description": meta.description,
            "question": meta.question,
            "focus": meta.focus,
        }
    )
    for key, value in meta.extra.items():
        if key not in out:
            out[key] = _free(value, key)
    return out


def _plain_dm(dm: DecisionMaker) -> dict[str, Any]:
    out = _drop_empty({"label": dm.label, "description": dm.description})
    if dm.options:
        out["options"] = {
            o.name: _drop_empty(
                {
                    "label": o.label,
                    "description": o.description,
                    "reversibility": "" if o.reversibility == "both" else o.reversibility,
                }
            )
            for o in dm.options
        }
    return out


def _plain_statements(pref: Statements) -> list[Any]:
    return [s.text if not s.label else {"statement": s.text, "label": s.label} for s in pref.items]


def _plain_uncertainty(block: Uncertainty) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if block.unordered:
        out["unordered"] = [_Flow(group) for group in block.unordered]
    if block.probable:
        out["probable"] = [
            _FlowMap(statement=p.statement, probability=p.probability) for p in block.probable
        ]
    if block.alternatives:
        out["alternatives"] = [
            {"weight": a.weight}
            | _drop_empty({"label": a.label})
            | {"statements": _plain_statements(a.statements)}
            for a in block.alternatives
        ]
    if block.unknown:
        out["unknown"] = [_Flow(pair) for pair in block.unknown]
    return out


def _plain_preference(pref: Preference, conflict: Conflict, dm: str) -> Any:
    if isinstance(pref, PayoffVector):  # payoffs given in code are stored as their ranking
        pref = ranking_from_payoffs(conflict.payoffs[dm], conflict.states.ids)
    if isinstance(pref, Statements):
        return _plain_statements(pref)
    items = [group[0] if len(group) == 1 else _Flow(group) for group in pref.groups]
    short = len(items) <= 40 and all(isinstance(i, int | _Flow) for i in items)
    return {"ranking": _Flow(items) if short else items}


def _plain_state(state: GraphState, order: Mapping[str, int]) -> dict[str, Any]:
    def ordered(names: frozenset[str]) -> _Flow:
        return _Flow(sorted(names, key=lambda n: (order.get(n, len(order)), n)))

    out: dict[str, Any] = {"id": state.id}
    if state.label:
        out["label"] = state.label
    if state.taken is not None:
        out["taken"] = ordered(state.taken)
    if state.members:
        out["members"] = [ordered(m) for m in state.members]
    return out


def _plain_source(src: Source) -> dict[str, Any]:
    return {"id": src.id} | _drop_empty(
        {
            "title": src.title,
            "outlet": src.outlet,
            "published": src.published,
            "url": src.url,
            "sha256": src.sha256,
            "note": src.note,
        }
    )


def _plain_evidence(ev: Evidence) -> dict[str, Any]:
    return {"about": ev.about} | _drop_empty(
        {
            "source": ev.source,
            "paragraph": ev.paragraph,
            "span": None if ev.span is None else _Flow(ev.span),
            "quote": ev.quote,
            "note": ev.note,
            "claim": ev.claim,
            "added_by": ev.added_by,
        }
    )


def _plain_model(c: Conflict) -> dict[str, Any]:
    out: dict[str, Any] = {"accord": FORMAT_VERSION, "name": c.name}
    meta = _plain_metadata(c.metadata)
    if meta:
        out["metadata"] = meta
    out["decision_makers"] = {dm.name: _plain_dm(dm) for dm in c.decision_makers}
    if c.graph is not None:
        order = {name: t for t, name in enumerate(c.option_names)}
        out["states"] = [_plain_state(s, order) for s in c.graph.states]
        if c.graph.moves:
            out["moves"] = {dm: [_Flow(arc) for arc in arcs] for dm, arcs in c.graph.moves.items()}
    if c.infeasible:
        out["infeasible"] = [
            i.condition if not i.label else {"condition": i.condition, "label": i.label}
            for i in c.infeasible
        ]
    ordered = [dm for dm in c.dm_names if dm in c.preferences]
    ordered += [dm for dm in c.preferences if dm not in ordered]
    if ordered:
        out["preferences"] = {dm: _plain_preference(c.preferences[dm], c, dm) for dm in ordered}
    if c.uncertainty:
        uncertain = [dm for dm in c.dm_names if dm in c.uncertainty]
        uncertain += [dm for dm in c.uncertainty if dm not in uncertain]
        out["uncertainty"] = {dm: _plain_uncertainty(c.uncertainty[dm]) for dm in uncertain}
    if c.status_quo is not None:
        out["status_quo"] = c.status_quo
    if c.coalitions:
        out["coalitions"] = [_Flow(group) for group in c.coalitions]
    if c.misperceptions:
        out["misperceptions"] = {dm: list(conds) for dm, conds in c.misperceptions.items()}
    if c.sources:
        out["sources"] = [_plain_source(s) for s in c.sources]
    if c.evidence:
        out["evidence"] = [_plain_evidence(e) for e in c.evidence]
    return out
