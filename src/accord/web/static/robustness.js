// Robustness: a background job over the model's uncertain preferences, followed with a progress
// bar, then each state's share of variants in which it is an equilibrium.

import { api } from "./api.js";
import { conceptName } from "./stability.js";
import { app, source } from "./state.js";
import { $, el, clear, busy, showError, percent, stateButton } from "./ui.js";

const POLL_MS = 500;
const MAX_STATES = 25;

function setProgress(job) {
  const bar = $("robustness-progress");
  bar.hidden = false;
  if (job.total) {
    bar.max = job.total;
    bar.value = job.done;
    $("robustness-status").textContent = `${job.done} of ${job.total} variants done`;
  } else {
    bar.removeAttribute("value");
    $("robustness-status").textContent = "Starting…";
  }
}

function finish(status) {
  if (app.job) clearTimeout(app.job.timer);
  app.job = null;
  $("cancel-robustness").hidden = true;
  $("run-robustness").disabled = false;
  $("run-robustness").removeAttribute("aria-busy");
  $("robustness-status").textContent = status;
}

// ---- the result -----------------------------------------------------------------------

function interval(ci) {
  return ci ? `${percent(ci[0])}–${percent(ci[1])}` : "—";
}

function swungBy(state) {
  const items = (state.sensitivity || []).filter((s) => s.swing > 0).slice(0, 2);
  if (!items.length) return "—";
  return items.map((s) => `${s.item} (swing ${percent(s.swing)}${s.significant ? "" : ", may be noise"})`).join("; ");
}

function stateRow(state) {
  return el("tr", { dataset: { state: state.id } },
    el("th", { scope: "row" }, stateButton(state.id)),
    el("td", { text: state.roles.join(", ") }),
    el("td", { class: "num", text: percent(state.share) }),
    el("td", { class: "num", text: interval(state.interval) }),
    el("td", { text: state.status }),
    el("td", { text: swungBy(state) }));
}

function conceptSection(concept, states, robust) {
  const shown = states.slice(0, MAX_STATES);
  return el("section", { class: "concept-block", dataset: { concept } },
    el("h4", { text: `${conceptName(concept)}: ${states.length} state(s) are equilibria in some variant, ${(robust || []).length} in every variant` }),
    el("table", { class: "data robustness-table" },
      el("thead", {}, el("tr", {}, ["State", "Role", "Share", "95 % CI", "Status", "Swung most by"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, shown.map(stateRow))),
    states.length > shown.length ? el("p", { class: "muted", text: `… and ${states.length - shown.length} more.` }) : null);
}

// The uncertain items ranked by how many states' status they decide.
function sensitiveItems(result) {
  const decides = new Map();
  for (const states of Object.values(result.states)) {
    for (const state of states) {
      const top = (state.sensitivity || [])[0];
      if (top && top.significant) decides.set(top.item, (decides.get(top.item) || 0) + 1);
    }
  }
  return result.items
    .map((item) => ({ ...item, decides: decides.get(item.key) || 0 }))
    .sort((a, b) => b.decides - a.decides);
}

function renderResult(result) {
  const items = sensitiveItems(result);
  clear($("robustness"),
    el("p", { text: `${result.variants} variants ${result.method === "sampled" ? `sampled of ${result.space_size.toLocaleString()}` : "(every one)"}, seed ${result.seed}.` }),
    result.partial ? el("p", { class: "verdict no", text: "The run was stopped early: the shares are of the variants done." }) : null,
    el("h4", { text: "The most sensitive items" }),
    el("table", { class: "data", id: "sensitive-items" },
      el("thead", {}, el("tr", {}, ["Item", "Decision maker", "Kind", "Ways", "States it swings most (significant)"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, items.map((item) => el("tr", {},
        el("th", { scope: "row", text: item.key }), el("td", { text: item.dm }), el("td", { text: item.kind }),
        el("td", { class: "num", text: String((item.ways || []).length) }), el("td", { class: "num", text: String(item.decides) }))))),
    result.concepts.map((c) => conceptSection(c, result.states[c] || [], result.robust && result.robust[c])));
}

// ---- the job --------------------------------------------------------------------------

async function poll() {
  if (!app.job) return;
  const { id } = app.job;
  try {
    const job = await api.job(id);
    if (!app.job || app.job.id !== id) return;
    setProgress(job);
    if (job.status === "running") {
      app.job.timer = setTimeout(poll, POLL_MS);
    } else if (job.status === "done") {
      finish(`Done: ${job.done} variants.`);
      renderResult(job.result);
    } else if (job.status === "cancelled") {
      finish("Cancelled.");
    } else {
      finish("Failed.");
      showError(job.error || new Error("the robustness run failed"), "run the robustness analysis");
    }
  } catch (error) {
    finish("Stopped.");
    showError(error, "follow the robustness run");
  }
}

async function start(event) {
  event.preventDefault();
  if (app.job) return;
  const samples = Number($("robustness-samples").value) || 200;
  const seed = Number($("robustness-seed").value) || 0;
  const job = await busy($("run-robustness"), "start the robustness analysis", () =>
    api.startRobustness(source(), samples, seed, null));
  if (!job) return;
  clear($("robustness"));
  app.job = { id: job.id, timer: null };
  $("run-robustness").disabled = true;
  $("run-robustness").setAttribute("aria-busy", "true");
  $("cancel-robustness").hidden = false;
  setProgress(job);
  app.job.timer = setTimeout(poll, POLL_MS);
}

async function cancel() {
  if (!app.job) return;
  const { id } = app.job;
  try {
    await api.cancelJob(id);
    finish("Cancelled.");
  } catch (error) {
    showError(error, "cancel the robustness run");
  }
}

export function initRobustness() {
  $("robustness-form").addEventListener("submit", start);
  $("cancel-robustness").addEventListener("click", cancel);
}
