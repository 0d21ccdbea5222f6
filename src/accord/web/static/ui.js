// Small DOM helpers shared by the modules: building elements from text, messages, busy buttons.

import { app } from "./state.js";

export const $ = (id) => document.getElementById(id);

// An element with attributes and children; strings become text nodes (never parsed as HTML).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

// ---- messages -------------------------------------------------------------------------

function problemLine(problem) {
  const where = problem.line ? `line ${problem.line}${problem.column ? `:${problem.column}` : ""}: ` : "";
  const hint = problem.hint ? ` (${problem.hint})` : "";
  return `${where}${problem.message}${hint}`;
}

// A message replaces an earlier one about the same thing (its topic, e.g. "save the model").
function message(kind, title, lines = [], topic = "") {
  const box = $("messages");
  if (topic) clearTopic(topic);
  const item = el("div", { class: `message ${kind}`, dataset: topic ? { topic } : {} },
    el("p", { class: "message-title", text: title }),
    lines.length ? el("ul", {}, lines.map((line) => el("li", { text: line }))) : null,
    el("button", { type: "button", class: "dismiss", "aria-label": "Dismiss this message",
      text: "×", onclick: () => item.remove() }));
  box.append(item);
  while (box.children.length > 4) box.firstElementChild.remove();
  return item;
}

// Shows an error of the server (or of the page) in plain words, with its problems.
export function showError(error, doing = "") {
  const title = doing ? `Could not ${doing}: ${error.message}` : error.message;
  const problems = (error.problems || []).map(problemLine);
  // The first problem is often the message itself; list only what adds to it.
  const extra = problems.length === 1 && error.message.includes(error.problems[0].message) ? [] : problems;
  message("error", title, extra.slice(0, 12), doing);
}

// Removes the messages about a thing that has now gone well.
export function clearTopic(topic) {
  for (const item of [...$("messages").children]) {
    if (item.dataset.topic === topic) item.remove();
  }
}

export function showNotice(text) {
  const item = message("notice", text);
  setTimeout(() => item.remove(), 6000);
}


// ---- busy buttons ---------------------------------------------------------------------

// Runs `work` with the button marked busy; errors are shown, and the result returned.
export async function busy(button, doing, work) {
  if (button.dataset.busy === "1") return undefined;
  button.dataset.busy = "1";
  button.setAttribute("aria-busy", "true");
  button.disabled = true;
  try {
    const result = await work();
    clearTopic(doing);
    return result;
  } catch (error) {
    showError(error, doing);
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    delete button.dataset.busy;
  }
}

// ---- words for states and moves -------------------------------------------------------

export function optionLabel(name) {
  return app.labels.get(name) || name;
}

export function quoted(names) {
  return names.map((name) => `‘${optionLabel(name)}’`).join(", ");
}

// "takes ‘X’; stops ‘Y’", or "no change of options".
export function moveWords(move) {
  const parts = [];
  if (move.takes && move.takes.length) parts.push(`takes ${quoted(move.takes)}`);
  if (move.withdraws && move.withdraws.length) parts.push(`stops ${quoted(move.withdraws)}`);
  return parts.join("; ") || "changes its options";
}

// Asks for the reasons of a state (app.js listens and opens the reasons panel).
export function chooseState(id) {
  document.dispatchEvent(new CustomEvent("accord:state", { detail: { id } }));
}

// A button naming a state that opens its reasons.
export function stateButton(id, words = "") {
  return el("button", { type: "button", class: "link state-link", dataset: { state: id },
    title: words || null, text: String(id), onclick: () => chooseState(id) });
}

export const percent = (share) => (share === null || share === undefined ? "—" : `${Math.round(share * 100)} %`);
