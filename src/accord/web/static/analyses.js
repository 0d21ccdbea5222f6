// Paths from the status quo, coalitions, leverage and the inverse question, each shown in words.

import { api } from "./api.js";
import { conceptName, learnLabels } from "./stability.js";
import { app, source, chosenConcept } from "./state.js";
import { $, el, clear, busy, moveWords, showNotice, stateButton } from "./ui.js";

const MAX_ROWS = 100;

function table(id, headings, rows) {
  return el("table", { class: "data", id },
    el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, rows));
}

function capNote(total, shown, what) {
  return total > shown ? el("p", { class: "muted", text: `Showing ${shown} of ${total} ${what}.` }) : null;
}

function notes(list) {
  return list && list.length ? el("ul", { class: "notes" }, list.map((n) => el("li", { text: n }))) : null;
}

const concepts = (list) => list.map(conceptName).join(", ");

// ---- paths ----------------------------------------------------------------------------

function stepWords(step) {
  const moves = (step.moves || []).map((m) => `${m.mover} ${moveWords(m)}`).join("; ");
  return el("li", {}, `${step.actor}: `, stateButton(step.from), " → ", stateButton(step.to), moves ? ` (${moves})` : "");
}

function pathRow(target) {
  const path = target.path || [];
  return el("tr", { dataset: { state: target.id } },
    el("th", { scope: "row" }, stateButton(target.id)),
    el("td", { text: concepts(target.equilibrium_of) }),
    el("td", { class: "num", text: String(target.steps) }),
    el("td", {}, path.length ? el("ol", { class: "path" }, path.map(stepWords)) : "it is the starting state",
      target.alternatives && target.alternatives.length
        ? el("p", { class: "muted", text: `${target.alternatives.length} other path(s) of the same length.` }) : null));
}

function renderPaths(answer) {
  learnLabels(answer.model);
  const reachable = answer.targets.filter((t) => t.reachable);
  const unreachable = answer.targets.length - reachable.length;
  const rows = reachable.slice(0, MAX_ROWS).map(pathRow);
  clear($("paths"),
    el("p", { text: `From state ${answer.from} (the status quo), ${Object.keys(answer.reachable || {}).length} state(s) can be reached by unilateral improvements; ${reachable.length} of the ${answer.targets.length} equilibria among them.` }),
    reachable.length ? table("paths-table", ["Equilibrium", "Under", "Steps", "Shortest path"], rows) : null,
    capNote(reachable.length, rows.length, "reachable equilibria"),
    unreachable ? el("p", { class: "muted", text: `${unreachable} equilibria cannot be reached from the status quo this way.` }) : null);
}

async function runPaths(event) {
  event.preventDefault();
  await busy($("run-paths"), "find the paths", async () => renderPaths(await api.paths(source(), null)));
}

// ---- coalitions -----------------------------------------------------------------------

function coalitionRow(entry) {
  const improvements = entry.improvements || [];
  const open = improvements.filter((imp) => !imp.sanctioned_by_class).length;
  const verdict = open ? `${open} not deterred` : "all deterred";
  return el("tr", { dataset: { state: entry.state } },
    el("th", { scope: "row" }, stateButton(entry.state)),
    el("td", { text: entry.coalition }),
    el("td", { class: "num", text: String(improvements.length) }),
    el("td", { class: open ? "bad" : "good", text: verdict }));
}

function renderCoalitions(answer, concept) {
  learnLabels(answer.model);
  const individual = answer.individual_equilibria[concept] || [];
  const coalitional = new Set(answer.equilibria[concept] || []);
  const lost = individual.filter((id) => !coalitional.has(id));
  const scan = (answer.scan || []).filter((s) => (s.equilibrium_of || []).includes(concept));
  const rows = scan.slice(0, MAX_ROWS).map(coalitionRow);
  clear($("coalitions"),
    el("p", { text: `Class of coalitions: ${answer.class.map((c) => (Array.isArray(c) ? c.join("+") : c)).join(", ")}.` }),
    el("p", { text: `${conceptName(concept)}: ${individual.length} equilibria of individuals, ${coalitional.size} coalition equilibria of the class.` }),
    lost.length
      ? el("p", {}, "Equilibria a coalition can upset: ", lost.slice(0, 40).flatMap((id, i) => (i ? [", ", stateButton(id)] : [stateButton(id)])), lost.length > 40 ? " …" : "")
      : el("p", { text: "No coalition of the class upsets these equilibria." }),
    scan.length
      ? table("coalitions-table", ["Equilibrium", "Coalition", "Joint improvements", "Deterred?"], rows)
      : el("p", { text: "No coalition of two or more can improve on any of these equilibria." }),
    capNote(scan.length, rows.length, "coalitions that can improve on an equilibrium"),
    notes(answer.notes));
}

async function runCoalitions(event) {
  event.preventDefault();
  const concept = chosenConcept();
  await busy($("run-coalitions"), "analyse the coalitions", async () =>
    renderCoalitions(await api.coalitions(source(), concept), concept));
}

// ---- leverage and inverse -------------------------------------------------------------

function stateRef() {
  const text = $("leverage-state").value.trim();
  return /^\d+$/.test(text) ? Number(text) : text;
}

// One checkbox per decision maker of the checked model (all ticked when the list changes).
function fillVary() {
  const dms = app.check && app.check.ok ? app.check.decision_makers : [];
  const box = $("vary");
  const current = [...box.querySelectorAll("input")].map((input) => input.value);
  if (!dms.length || dms.join("\n") === current.join("\n")) return;
  clear(box, el("legend", { text: "Whose priorities may change" }),
    dms.map((dm) => el("label", {}, el("input", { type: "checkbox", name: "vary", value: dm, checked: true }), ` ${dm}`)));
}

// The ticked decision makers, or null when all are (the server's default).
function vary() {
  const boxes = [...$("vary").querySelectorAll("input")];
  const ticked = boxes.filter((b) => b.checked).map((b) => b.value);
  return ticked.length === boxes.length ? null : ticked;
}

function answerItem(answer, i) {
  return el("li", { class: "answer" },
    el("p", {}, el("strong", { text: `Answer ${i + 1}: ` }), answer.edits.map((e) => e.words).join("; and ")),
    answer.explanation && answer.explanation.length
      ? el("details", {}, el("summary", { text: "Why it then holds" }),
        el("ul", {}, answer.explanation.map((line) => el("li", { text: line }))))
      : null);
}

function renderLeverage(answer) {
  const name = conceptName(answer.concept);
  let body;
  if (answer.already_stable) {
    body = el("p", { class: "verdict yes", text: `State ${answer.target} is already a ${name} equilibrium: no edit is needed.` });
  } else if (answer.answers.length) {
    body = [
      el("p", { class: "verdict yes", text: `State ${answer.target} (now unstable for ${answer.unstable_before.join(", ")}) becomes a ${name} equilibrium with ${answer.edits} edit(s), in ${answer.count} way(s):` }),
      el("ol", { class: "answers" }, answer.answers.map(answerItem)),
      answer.more ? el("p", { class: "muted", text: `… and ${answer.more} more.` }) : null,
    ];
  } else {
    const closest = answer.closest;
    body = [
      el("p", { class: "verdict no", text: `No set of at most ${answer.budget} edit(s) makes state ${answer.target} a ${name} equilibrium.` }),
      closest ? el("p", { text: `Closest: ${closest.edits.map((e) => e.words).join("; ")} — still unstable for ${closest.unstable.join(", ")}.` }) : null,
    ];
  }
  clear($("leverage"), el("h3", { text: `Leverage on state ${answer.target}` }), body,
    el("p", { class: "muted", text: `Decision makers whose priorities may change: ${answer.vary.join(", ")}; ${answer.searched} variants tried.` }),
    notes(answer.notes));
}

// Counts can be far beyond a JavaScript number: long digit strings, and counts the server
// writes in scientific notation ("5.49e12239"), are shown in powers of ten.
function bigCount(value) {
  const digits = String(value);
  const scientific = /^(\d(?:\.\d+)?)e(\d+)$/.exec(digits);
  if (scientific) return `about ${Number(scientific[1]).toFixed(2)} × 10^${scientific[2]}`;
  if (!/^\d+$/.test(digits) || digits.length <= 15) return Number(value).toLocaleString();
  return `about ${digits[0]}.${digits.slice(1, 3)} × 10^${digits.length - 1}`;
}

function renderInverse(answer) {
  const name = conceptName(answer.concept);
  const verdict = answer.feasible === null
    ? el("p", { class: "verdict", text: "Undecided: the time limit ran out before the solver could tell." })
    : answer.feasible
      ? el("p", { class: "verdict yes", text: `Yes: state ${answer.target.id} can be a ${name} equilibrium if ${answer.vary.join(", ")} rank the states differently.` })
      : el("p", { class: "verdict no", text: `No: no rankings of ${answer.vary.join(", ")} make state ${answer.target.id} a ${name} equilibrium.` });
  const counts = answer.count !== undefined || answer.exact
    ? el("p", { text: `Rankings that make it one: ${bigCount(answer.count ?? answer.lower_bound)} of ${bigCount(answer.total)}.` })
    : answer.feasible
      ? el("p", { class: "muted", text: `The possible rankings number ${bigCount(answer.total)}.` })
      : null;
  clear($("leverage"), el("h3", { text: `Inverse analysis of state ${answer.target.id}` }), verdict, counts,
    (answer.blocking || []).map((dm) => el("p", { text: `It is not ${name}-stable for ${dm}, whose preferences are fixed.` })),
    notes(answer.notes));
}

function noneTicked() {
  if ($("vary").querySelector("input:checked") || !$("vary").querySelector("input")) return false;
  showNotice("Tick at least one decision maker whose priorities may change.");
  return true;
}

async function runLeverage(event) {
  event.preventDefault();
  if (noneTicked()) return;
  const budget = Number($("leverage-budget").value) || 2;
  await busy($("run-leverage"), "compute the leverage", async () =>
    renderLeverage(await api.leverage(source(), stateRef(), chosenConcept(), budget, vary())));
}

async function runInverse() {
  if (!$("leverage-state").value.trim()) {
    $("leverage-state").reportValidity();
    return;
  }
  if (noneTicked()) return;
  await busy($("run-inverse"), "run the inverse analysis", async () =>
    renderInverse(await api.inverse(source(), stateRef(), chosenConcept(), vary())));
}

export function initAnalyses() {
  $("paths-form").addEventListener("submit", runPaths);
  $("coalitions-form").addEventListener("submit", runCoalitions);
  $("leverage-form").addEventListener("submit", runLeverage);
  $("run-inverse").addEventListener("click", runInverse);
  document.addEventListener("accord:checked", fillVary);
}
