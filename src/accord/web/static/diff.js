// The comparison of two revisions: what changed in the model, and which equilibria were
// gained or lost under each concept.

import { $, el, clear } from "./ui.js";

const CONCEPT_NAMES = { nash: "Nash", gmr: "GMR", smr: "SMR", seq: "SEQ" };

function conceptName(concept) {
  return CONCEPT_NAMES[concept] || concept;
}

function changeText(change) {
  return typeof change === "string" ? change : change.text || JSON.stringify(change);
}

function modelChanges(answer) {
  const changes = answer.changes || [];
  if (answer.identical) return el("p", { text: "The two revisions are identical." });
  if (!changes.length) return el("p", { text: "The models are the same; only their layout or comments differ." });
  return el("ul", { class: "changes" }, changes.map((change) =>
    el("li", { dataset: change.kind ? { kind: change.kind } : {}, text: changeText(change) })));
}

// A state gained or lost, named by its id in the revision where it is an equilibrium.
function stateRef(change, side) {
  if (typeof change !== "object" || change === null) return String(change);
  const id = side === "new" ? change.new_id : change.old_id;
  const other = side === "new" ? change.old_id : change.new_id;
  const note = other === null || other === undefined
    ? " (no counterpart in the other revision)"
    : other !== id ? ` (state ${other} in the other revision)` : "";
  return el("span", { class: "state-ref", title: change.description || null, text: `${id}${note}` });
}

function stateList(changes, side) {
  if (!changes || !changes.length) return el("span", { class: "muted", text: "none" });
  return el("span", { class: "state-list" },
    changes.flatMap((change, i) => (i ? [", ", stateRef(change, side)] : [stateRef(change, side)])));
}

function conceptRows(answer) {
  const equilibria = answer.equilibria || [];
  const list = Array.isArray(equilibria)
    ? equilibria
    : Object.entries(equilibria).map(([concept, value]) => ({ concept, ...value }));
  return list.map((entry) => el("tr", { dataset: { concept: entry.concept } },
    el("th", { scope: "row", text: conceptName(entry.concept) }),
    el("td", { class: "num", text: `${entry.before ?? "?"} → ${entry.after ?? "?"}` }),
    el("td", {}, stateList(entry.became, "new")),
    el("td", {}, stateList(entry.stopped, "old"))));
}

export function renderDiff(answer, older, newer) {
  const rows = conceptRows(answer);
  const states = answer.old && answer.new && answer.old.states !== undefined
    ? el("p", { text: `Feasible states: ${answer.old.states} → ${answer.new.states}${answer.matching ? ` (states matched by ${answer.matching})` : ""}.` })
    : null;
  clear($("diff"),
    el("h3", { text: `Revision ${older} → revision ${newer}` }),
    el("h4", { text: "Changes to the model" }),
    modelChanges(answer),
    states,
    el("h4", { text: "Equilibria gained and lost" }),
    rows.length
      ? el("table", { class: "data", id: "diff-table" },
        el("thead", {}, el("tr", {},
          el("th", { scope: "col", text: "Concept" }),
          el("th", { scope: "col", text: "Equilibria" }),
          el("th", { scope: "col", text: "Gained (new ids)" }),
          el("th", { scope: "col", text: "Lost (old ids)" }))),
        el("tbody", {}, rows))
      : el("p", { text: "No equilibria were compared." }));
}
