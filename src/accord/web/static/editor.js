// The model editor: a textarea with a line-number gutter, checked as the analyst types.

import { api } from "./api.js";
import { app, source } from "./state.js";
import { $, el, clear, clearTopic, showError } from "./ui.js";

const CHECK_DELAY_MS = 400;

function lineHeight(editor) {
  return parseFloat(getComputedStyle(editor).lineHeight) || 20;
}

// One numbered row per line of text; rebuilt only when the number of lines changes.
function renderGutter() {
  const editor = $("editor");
  const lines = editor.value.split("\n").length;
  if (lines !== app.gutterLines) {
    const rows = [];
    for (let n = 1; n <= lines; n += 1) {
      rows.push(el("div", { dataset: { line: n }, text: String(n) }));
    }
    clear($("gutter"), rows, el("div", { class: "gutter-end" }));
    app.gutterLines = lines;
    markGutter(app.check ? app.check.problems : []);
  }
  syncScroll();
}

function syncScroll() {
  $("gutter").scrollTop = $("editor").scrollTop;
}

function markGutter(problems) {
  const gutter = $("gutter");
  for (const row of gutter.querySelectorAll(".error, .warning")) {
    row.classList.remove("error", "warning");
    row.removeAttribute("title");
  }
  // Errors win over warnings on the same line.
  const rank = (problem) => (problem.severity === "error" ? 1 : 0);
  const ordered = [...problems].sort((a, b) => rank(a) - rank(b));
  for (const problem of ordered) {
    if (!problem.line) continue;
    const row = gutter.querySelector(`[data-line="${problem.line}"]`);
    if (!row) continue;
    row.classList.remove("error", "warning");
    row.classList.add(problem.severity === "error" ? "error" : "warning");
    row.title = problem.message;
  }
}

// Moves the caret to the start of a line (and column), and scrolls the line into view.
export function goToLine(line, column = 1) {
  const editor = $("editor");
  const lines = editor.value.split("\n");
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  let offset = 0;
  for (let i = 0; i < index; i += 1) offset += lines[i].length + 1;
  offset += Math.min(Math.max((column || 1) - 1, 0), lines[index].length);
  editor.focus();
  editor.setSelectionRange(offset, offset);
  editor.scrollTop = Math.max(0, index * lineHeight(editor) - editor.clientHeight / 3);
  syncScroll();
}

function problemItem(problem) {
  const where = problem.line
    ? `line ${problem.line}${problem.column ? `, column ${problem.column}` : ""}`
    : "whole model";
  const item = el("li", { class: `problem ${problem.severity}`, tabindex: problem.line ? 0 : null,
    dataset: problem.line ? { line: problem.line } : {} },
  el("span", { class: "severity", text: problem.severity }),
  el("span", { class: "where", text: where }),
  el("span", { class: "text", text: problem.message }),
  problem.hint ? el("span", { class: "hint", text: `hint: ${problem.hint}` }) : null);
  if (problem.line) {
    const go = () => goToLine(problem.line, problem.column);
    item.addEventListener("click", go);
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        go();
      }
    });
    item.title = "Go to this line";
  }
  return item;
}

function summaryText(result) {
  const errors = result.problems.filter((p) => p.severity === "error").length;
  const warnings = result.problems.length - errors;
  if (result.ok) {
    return warnings ? `${result.summary} (${warnings} warning${warnings > 1 ? "s" : ""})` : result.summary;
  }
  const parts = [`${errors} error${errors === 1 ? "" : "s"}`];
  if (warnings) parts.push(`${warnings} warning${warnings > 1 ? "s" : ""}`);
  return `The model has problems: ${parts.join(", ")}.`;
}

export function showCheck(result) {
  app.check = result;
  if (result.ok && result.labels) {  // the option labels every view words states with
    app.labels.clear();
    for (const [name, label] of Object.entries(result.labels)) app.labels.set(name, label);
  }
  const summary = $("check-summary");
  summary.textContent = summaryText(result);
  summary.className = `check-summary ${result.ok ? "ok" : "bad"}`;
  clear($("problems"), result.problems.map(problemItem));
  markGutter(result.problems);
  document.dispatchEvent(new CustomEvent("accord:checked"));
}

export async function checkNow() {
  clearTimeout(app.checkTimer);
  app.checkCount += 1;
  const mine = app.checkCount;
  const current = source();
  if (!current.text.trim()) {
    showCheck({ ok: false, summary: null, problems: [] });
    $("check-summary").textContent = "No model yet: open one from the workspace, import a file, or press New.";
    return;
  }
  $("check-summary").classList.add("checking");
  try {
    const result = await api.check(current);
    if (mine === app.checkCount) {
      showCheck(result);
      clearTopic("check the model");
    }
  } catch (error) {
    if (mine === app.checkCount) showError(error, "check the model");
  } finally {
    if (mine === app.checkCount) $("check-summary").classList.remove("checking");
  }
}

function scheduleCheck() {
  clearTimeout(app.checkTimer);
  app.checkTimer = setTimeout(checkNow, CHECK_DELAY_MS);
}

// Puts a text in the editor (an opened revision, an import, a new model) and checks it.
export function setText(text, format) {
  $("editor").value = text;
  $("format").value = format || "yaml";
  $("editor").scrollTop = 0;
  renderGutter();
  checkNow();
}

export function initEditor() {
  const editor = $("editor");
  editor.addEventListener("input", () => {
    renderGutter();
    scheduleCheck();
  });
  editor.addEventListener("scroll", syncScroll);
  $("format").addEventListener("change", checkNow);
  new ResizeObserver(syncScroll).observe(editor);
  renderGutter();
}
