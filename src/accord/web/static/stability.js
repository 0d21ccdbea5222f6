// The stability analysis: a table of every state, filters, pages, and the equilibria per concept.

import { api } from "./api.js";
import { app, source } from "./state.js";
import { $, el, clear, busy, chooseState, stateButton, showNotice, optionLabel } from "./ui.js";

const PAGE_SIZE = 100;
const CONCEPT_NAMES = { nash: "Nash", gmr: "GMR", smr: "SMR", seq: "SEQ" };
const MAX_LISTED = 300;

export const conceptName = (concept) => CONCEPT_NAMES[concept] || concept.toUpperCase();

function checkedConcepts() {
  return [...document.querySelectorAll('#stability-form input[name="concepts"]:checked')].map((box) => box.value);
}

// Learns the option labels of a result's model, for words everywhere on the page.
export function learnLabels(model) {
  if (!model || !model.decision_makers) return;
  for (const dm of model.decision_makers) {
    for (const option of dm.options || []) app.labels.set(option.name, option.label || option.name);
  }
}

export function stateWords(state) {
  const taken = Object.entries(state.options || {}).filter(([, on]) => on).map(([name]) => optionLabel(name));
  return taken.length ? taken.join("; ") : "no option taken";
}

// Sets of ids per concept (equilibria) and per concept and DM (stable states).
function index(result) {
  const equilibria = {};
  const stable = {};
  for (const concept of result.concepts) {
    equilibria[concept] = new Set(result.equilibria[concept] || []);
    stable[concept] = {};
    for (const [dm, ids] of Object.entries(result.stability[concept] || {})) stable[concept][dm] = new Set(ids);
  }
  return { equilibria, stable };
}

function shownConcepts() {
  const wanted = new Set(checkedConcepts());
  return app.analysis.result.concepts.filter((concept) => wanted.has(concept));
}

function filteredStates() {
  const { result, sets } = app.analysis;
  const concepts = shownConcepts();
  if (!$("equilibria-only").checked) return result.states;
  return result.states.filter((state) => concepts.some((c) => sets.equilibria[c].has(state.id)));
}

// ---- the table ------------------------------------------------------------------------

function header(dms, concepts) {
  return el("tr", {},
    el("th", { scope: "col", text: "State" }),
    el("th", { scope: "col", text: "Options taken" }),
    dms.map((dm) => el("th", { scope: "col", class: "num", title: `payoff of ${dm}`, text: dm })),
    concepts.map((c) => el("th", { scope: "col", class: "concept", text: conceptName(c) })));
}

function conceptCell(state, concept, dms) {
  const { sets } = app.analysis;
  if (sets.equilibria[concept].has(state.id)) {
    return el("td", { class: "concept eq", dataset: { concept }, title: `${conceptName(concept)} equilibrium`, text: "✓" });
  }
  const stableFor = dms.filter((dm) => sets.stable[concept][dm] && sets.stable[concept][dm].has(state.id));
  const unstable = dms.filter((dm) => !stableFor.includes(dm));
  return el("td", { class: "concept", dataset: { concept }, text: "·",
    title: `not a ${conceptName(concept)} equilibrium: unstable for ${unstable.join(", ")}` });
}

function row(state, dms, concepts) {
  const roles = app.roles.get(state.id) || [];
  const classes = [roles.includes("status quo") ? "sq" : "", roles.includes("focus") ? "focus" : "",
    app.selected === state.id ? "selected" : ""].filter(Boolean).join(" ");
  const words = stateWords(state);
  const roleNote = roles.filter((r) => r !== "equilibrium");
  return el("tr", { dataset: { state: state.id }, class: classes || null },
    el("th", { scope: "row" }, stateButton(state.id, words),
      roleNote.length ? el("span", { class: "role", text: roleNote.join(", ") }) : null),
    el("td", { class: "words", text: words }),
    dms.map((dm) => el("td", { class: "num", text: String(state.payoffs[dm] ?? "") })),
    concepts.map((c) => conceptCell(state, c, dms)));
}

function pageButton(label, page, current, pages) {
  return el("button", { type: "button", class: "small", text: label,
    disabled: page < 0 || page >= pages || page === current,
    "aria-label": `${label} page`, onclick: () => { app.analysis.page = page; renderTable(); } });
}

function renderPages(total) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = app.analysis.page;
  const nav = $("stability-pages");
  if (pages === 1) return clear(nav);
  return clear(nav,
    pageButton("Previous", current - 1, current, pages),
    el("span", { text: ` page ${current + 1} of ${pages} ` }),
    pageButton("Next", current + 1, current, pages));
}

export function renderTable() {
  if (!app.analysis) return;
  const { result } = app.analysis;
  const dms = result.model.decision_makers.map((dm) => dm.name);
  const concepts = shownConcepts();
  const states = filteredStates();
  const pages = Math.max(1, Math.ceil(states.length / PAGE_SIZE));
  app.analysis.page = Math.min(app.analysis.page, pages - 1);
  const start = app.analysis.page * PAGE_SIZE;
  const shown = states.slice(start, start + PAGE_SIZE);
  const table = $("stability-table");
  clear(table.tHead, header(dms, concepts));
  clear(table.tBodies[0], shown.map((state) => row(state, dms, concepts)));
  const where = $("where").value.trim();
  const of = where ? `${states.length} of the states where ${where}` : `${states.length} of ${result.states.length} states`;
  const range = states.length > PAGE_SIZE ? ` (rows ${start + 1}–${start + shown.length})` : "";
  $("stability-count").textContent = `${of}${range}.`;
  renderPages(states.length);
}

function gotoState() {
  const id = Number($("goto-state").value);
  if (!app.analysis || !id) return;
  const at = filteredStates().findIndex((state) => state.id === id);
  if (at < 0) {
    showNotice(`State ${id} is not in the table (check the filters).`);
    return;
  }
  app.analysis.page = Math.floor(at / PAGE_SIZE);
  renderTable();
  const target = $("stability-table").querySelector(`tr[data-state="${id}"]`);
  target.scrollIntoView({ block: "center" });
  target.querySelector("button").focus();
}

// ---- equilibria per concept -----------------------------------------------------------

function renderEquilibria() {
  const { result } = app.analysis;
  const words = new Map(result.states.map((state) => [state.id, stateWords(state)]));
  const blocks = result.concepts.map((concept) => {
    const ids = result.equilibria[concept] || [];
    const listed = ids.slice(0, MAX_LISTED);
    return el("section", { class: "concept-block", dataset: { concept } },
      el("h3", { text: `${conceptName(concept)}: ${ids.length} equilibri${ids.length === 1 ? "um" : "a"}` }),
      ids.length <= 12
        ? el("ul", { class: "eq-list" }, listed.map((id) => el("li", {}, stateButton(id, words.get(id)), " ", words.get(id) || "")))
        : el("p", { class: "state-list" }, listed.flatMap((id, i) => (i ? [" ", stateButton(id, words.get(id))] : [stateButton(id, words.get(id))]))),
      ids.length > MAX_LISTED ? el("p", { class: "muted", text: `… and ${ids.length - MAX_LISTED} more (use the table's filters).` }) : null);
  });
  clear($("equilibria"), blocks);
}

// ---- running --------------------------------------------------------------------------

async function run(event) {
  event.preventDefault();
  const concepts = checkedConcepts();
  if (!concepts.length) {
    showNotice("Choose at least one concept.");
    return;
  }
  await busy($("run-analysis"), "run the stability analysis", async () => {
    const result = await api.analyze(source(), concepts, $("where").value.trim());
    learnLabels(result.model);
    app.analysis = { result, sets: index(result), page: 0 };
    $("stability-intro").hidden = true;
    $("stability-tools").hidden = false;
    renderTable();
    renderEquilibria();
    document.dispatchEvent(new CustomEvent("accord:analysis"));
  });
}

// Marks the chosen row, and the rows of the status quo and focus once they are known.
export function refreshRows() {
  if (app.analysis) renderTable();
}

export function initStability() {
  $("stability-form").addEventListener("submit", run);
  $("equilibria-only").addEventListener("change", () => { if (app.analysis) { app.analysis.page = 0; renderTable(); } });
  for (const box of document.querySelectorAll('#stability-form input[name="concepts"]')) {
    box.addEventListener("change", refreshRows);
  }
  $("goto-state").addEventListener("change", gotoState);
  $("stability-table").addEventListener("click", (event) => {
    const tr = event.target.closest("tbody tr[data-state]");
    if (tr && !event.target.closest("button")) chooseState(Number(tr.dataset.state));
  });
}
