// The reasons panel: why a state is, or is not, stable for each decision maker under the
// chosen concept — each improvement a DM has, and the sanction that deters it, in words.

import { api } from "./api.js";
import { conceptName, stateWords } from "./stability.js";
import { app, source, chosenConcept } from "./state.js";
import { $, el, clear, moveWords, showError, stateButton } from "./ui.js";

function knownWords(id) {
  const state = app.analysis && app.analysis.result.states.find((s) => s.id === id);
  return state ? stateWords(state) : "";
}

function sanctionWords(steps, dm, outcomePayoff, payoff) {
  const chain = steps.map((step, i) => el("span", {},
    i ? ", then " : "", `${step.mover} moves `, stateButton(step.from), " → ", stateButton(step.to),
    ` (${moveWords(step)})`));
  const end = outcomePayoff === null || outcomePayoff === undefined
    ? "."
    : `, leaving ${dm} with payoff ${outcomePayoff} ≤ ${payoff}.`;
  return el("p", { class: "sanction" }, el("strong", { text: "Deterred: " }), chain, end);
}

function improvementItem(improvement, explanation) {
  const move = improvement.move || {};
  const head = el("p", {}, `${explanation.dm} could move to state `, stateButton(improvement.to, knownWords(improvement.to)),
    ` (${moveWords(move)}), raising its payoff from ${explanation.payoff} to ${improvement.payoff}.`);
  const verdict = improvement.sanctioned
    ? sanctionWords(improvement.sanction || [], explanation.dm, improvement.outcome_payoff, explanation.payoff)
    : el("p", { class: "unsanctioned" }, el("strong", { text: "Not deterred: " }),
      "no other decision maker can answer this move in a way that leaves it worse off.");
  return el("li", { class: improvement.sanctioned ? "sanctioned" : "open" }, head, verdict);
}

function dmBlock(explanation, concept) {
  const improvements = explanation.improvements || [];
  const status = explanation.stable ? "stable" : "unstable";
  const body = improvements.length
    ? el("ul", { class: "improvements" }, improvements.map((imp) => improvementItem(imp, explanation)))
    : el("p", { text: `${explanation.dm} has no move that raises its payoff, so it has no reason to leave.` });
  return el("section", { class: `dm-reason ${status}`, dataset: { dm: explanation.dm } },
    el("h3", {}, el("span", { class: "dm-name", text: explanation.dm }), " ",
      el("span", { class: `badge ${status}`, text: `${status} under ${conceptName(concept)}` }),
      el("span", { class: "muted", text: ` payoff ${explanation.payoff}` })),
    body);
}

function summary(answer) {
  const unstable = answer.explanations.filter((e) => !e.stable).map((e) => e.dm);
  const name = conceptName(answer.concept);
  const words = knownWords(answer.state);
  return el("div", { class: "reasons-summary" },
    el("p", { class: unstable.length ? "verdict no" : "verdict yes",
      text: unstable.length
        ? `State ${answer.state} is not a ${name} equilibrium: it is unstable for ${unstable.join(", ")}.`
        : `State ${answer.state} is a ${name} equilibrium: it is stable for every decision maker.` }),
    words ? el("p", { class: "muted", text: `Options taken: ${words}.` }) : null);
}

// Closes the panel; the keyboard goes back to the state's button in the table, if it is there.
export function closeReasons() {
  const back = document.querySelector(`#stability-table tr[data-state="${app.selected}"] button`);
  $("reasons").hidden = true;
  app.selected = null;
  for (const row of document.querySelectorAll("#stability-table tr.selected")) row.classList.remove("selected");
  if (back) back.focus();
}

// Marks the state's row in the table, and keeps it in view above the panel.
function markRow(id) {
  for (const row of document.querySelectorAll("#stability-table tbody tr")) {
    const chosen = Number(row.dataset.state) === id;
    row.classList.toggle("selected", chosen);
    if (chosen && !$("pane-stability").hidden) row.scrollIntoView({ block: "nearest" });
  }
}

// Opens the panel for a state (an id or a condition) under the chosen concept.
export async function openReasons(state) {
  app.reasonsCount += 1;
  const mine = app.reasonsCount;
  const concept = chosenConcept();
  app.selected = typeof state === "number" ? state : null;
  const panel = $("reasons");
  panel.hidden = false;
  markRow(app.selected);
  $("reasons-title").textContent = `Reasons for state ${state}`;
  clear($("reasons-body"), el("p", { class: "muted", text: "Working…" }));
  panel.setAttribute("aria-busy", "true");
  try {
    const answer = await api.explain(source(), state, concept);
    if (mine !== app.reasonsCount) return;
    app.selected = answer.state;
    $("reasons-title").textContent = `Reasons for state ${answer.state} (${conceptName(answer.concept)})`;
    clear($("reasons-body"), summary(answer), answer.explanations.map((e) => dmBlock(e, answer.concept)));
    markRow(answer.state);  // after the panel has its height
    // Asked for from a state's button: the keyboard follows to the answer.
    if (document.activeElement && document.activeElement.closest(".state-link")) panel.focus({ preventScroll: true });
  } catch (error) {
    if (mine !== app.reasonsCount) return;
    clear($("reasons-body"), el("p", { class: "muted", text: "No reasons: see the message above." }));
    showError(error, `explain state ${state}`);
  } finally {
    if (mine === app.reasonsCount) panel.removeAttribute("aria-busy");
  }
}

export function initReasons(onAround) {
  $("reasons-close").addEventListener("click", closeReasons);
  $("reasons").addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeReasons();
  });
  $("reasons-around").addEventListener("click", () => {
    if (app.selected !== null) onAround(app.selected);
  });
  $("concept").addEventListener("change", () => {
    if (!$("reasons").hidden && app.selected !== null) openReasons(app.selected);
  });
}
