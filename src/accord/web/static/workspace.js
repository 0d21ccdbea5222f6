// The workspace: stored models, their revisions, saving, importing, exporting, comparing.

import { api } from "./api.js";
import { setText } from "./editor.js";
import { renderDiff } from "./diff.js";
import { app, source } from "./state.js";
import { showTab } from "./tabs.js";
import { $, el, clear, busy, showError, showNotice } from "./ui.js";

const AUTHOR_KEY = "accord.author";
const EXPORT_FORMATS = ["yaml", "json", "gmcr"];

const NEW_MODEL = `# A new model: two decision makers with one option each.  Rename them, add options,
# and list each decision maker's preference statements, most important first.
accord: 1
name: new-model
metadata:
  title: A new conflict
decision_makers:
  Alpha:
    label: The first party
    options:
      agree:
        label: Agree to the proposal
  Beta:
    label: The second party
    options:
      concede:
        label: Make a concession
preferences:
  Alpha:
    - {statement: concede, label: Beta concedes}
    - {statement: -agree, label: keep its freedom}
  Beta:
    - {statement: agree, label: Alpha agrees}
    - {statement: -concede, label: give nothing away}
status_quo: -agree & -concede
`;

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function unsaved() {
  const text = $("editor").value;
  return text.trim() !== "" && text !== app.loadedText;
}

function mayDiscard() {
  return !unsaved() || window.confirm("The editor has changes that are not saved. Discard them?");
}

function showCurrent() {
  let label = `${app.modelName} — revision ${app.revision}`;
  if (app.modelId === null) label = $("editor").value.trim() ? "New model (not saved yet)" : "No model open";
  else if (unsaved()) label += " (unsaved changes)";
  $("current-model").textContent = label;
  $("save-name-label").hidden = app.modelId !== null;
  for (const item of $("model-list").querySelectorAll("button[data-model]")) {
    item.setAttribute("aria-current", String(Number(item.dataset.model) === app.modelId));
  }
}

// ---- the list of models ---------------------------------------------------------------

function modelItem(model) {
  return el("li", {},
    el("button", { type: "button", class: "model-button", dataset: { model: model.id, name: model.name },
      onclick: () => chooseModel(model.id) },
    el("span", { class: "model-name", text: model.name }),
    el("span", { class: "meta", text: `${model.revisions} revision${model.revisions === 1 ? "" : "s"}, ${when(model.updated_at)}` })));
}

export async function loadModels() {
  try {
    const answer = await api.models();
    const items = answer.data.map(modelItem);
    clear($("model-list"), items.length ? items : el("li", { class: "empty", text: "No models yet: import one or start a new one." }));
    showCurrent();
  } catch (error) {
    showError(error, "list the models");
  }
}

// ---- one model and its revisions ------------------------------------------------------

function revisionItem(revision) {
  const who = revision.author ? ` by ${revision.author}` : "";
  return el("li", { dataset: { revision: revision.number } },
    el("div", { class: "revision-head" },
      el("strong", { text: `#${revision.number}` }),
      el("span", { class: "meta", text: `${when(revision.created_at)}${who}` }),
      el("button", { type: "button", class: "small", text: "Open",
        "aria-label": `Open revision ${revision.number}`,
        onclick: () => { if (mayDiscard()) openRevision(app.modelId, revision.number); } })),
    el("p", { class: "note", text: revision.note || "(no note)" }));
}

function fillCompare(revisions) {
  const options = (selected) => revisions.map((r) =>
    el("option", { value: r.number, selected: r.number === selected, text: `#${r.number} ${r.note}`.slice(0, 60) }));
  const newest = revisions.length ? revisions[0].number : null;
  const previous = revisions.length > 1 ? revisions[1].number : newest;
  clear($("diff-old"), options(previous));
  clear($("diff-new"), options(newest));
  $("run-diff").disabled = revisions.length < 2;
}

async function showModel(id) {
  const answer = await api.model(id);
  app.modelId = answer.model.id;
  app.modelName = answer.model.name;
  $("model-name").textContent = answer.model.name;
  clear($("revision-list"), answer.revisions.map(revisionItem));
  fillCompare(answer.revisions);
  $("model-detail").hidden = false;
  return answer;
}

function showExportLinks() {
  const links = EXPORT_FORMATS.map((format) => el("a", { href: api.exportUrl(app.modelId, app.revision, format),
    download: `${app.modelName}.${format}`, text: format.toUpperCase() }));
  const report = el("a", { href: api.reportUrl(app.modelId, app.revision), target: "_blank",
    rel: "noopener", text: "its report" });
  clear($("export-links"), "Export revision ", String(app.revision), ": ",
    links.flatMap((a, i) => (i ? [" · ", a] : [a])), "; open ", report);
}

export async function openRevision(id, number) {
  try {
    const revision = await api.revision(id, number);
    app.revision = revision.number;
    app.loadedText = revision.text;
    setText(revision.text, revision.format);
    for (const item of $("revision-list").children) {
      item.classList.toggle("open", Number(item.dataset.revision) === revision.number);
    }
    showExportLinks();
    showCurrent();
  } catch (error) {
    showError(error, `open revision ${number}`);
  }
}

async function chooseModel(id) {
  if (!mayDiscard()) return;
  try {
    const answer = await showModel(id);
    if (answer.revisions.length) await openRevision(id, answer.revisions[0].number);
  } catch (error) {
    showError(error, "open the model");
  }
}

// ---- saving, new, import --------------------------------------------------------------

async function save(event) {
  event.preventDefault();
  const note = $("save-note").value.trim();
  const author = $("save-author").value.trim() || null;
  if (!note) {
    showError(new Error("a revision needs a note saying what changed"), "save");
    $("save-note").focus();
    return;
  }
  if (author) localStorage.setItem(AUTHOR_KEY, author);
  await busy($("save-revision"), "save the model", async () => {
    const current = source();
    if (app.modelId === null) {
      const name = $("save-name").value.trim() || null;
      const created = await api.createModel({ name, filename: null, ...current, note, author });
      await afterSave(created.model.id, created.revision.number, current.text);
    } else {
      const revision = await api.saveRevision(app.modelId, { ...current, note, author, parent: app.revision });
      await afterSave(app.modelId, revision.number, current.text);
    }
    $("save-note").value = "";
  });
}

async function afterSave(id, number, text) {
  await showModel(id);
  app.revision = number;
  app.loadedText = text;
  for (const item of $("revision-list").children) {
    item.classList.toggle("open", Number(item.dataset.revision) === number);
  }
  showExportLinks();
  await loadModels();
  showNotice(`Saved as revision ${number} of ${app.modelName}.`);
}

function newModel() {
  if (!mayDiscard()) return;
  app.modelId = null;
  app.modelName = null;
  app.revision = null;
  $("model-detail").hidden = true;
  app.loadedText = NEW_MODEL;
  setText(NEW_MODEL, "yaml");
  showCurrent();
  $("save-name").focus();
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error(`cannot read ${file.name}`));
    reader.readAsText(file);
  });
}

async function importFile() {
  const input = $("import-file");
  const file = input.files && input.files[0];
  input.value = "";
  if (!file || !mayDiscard()) return;
  try {
    const text = await readFile(file);
    const author = $("save-author").value.trim() || null;
    const created = await api.createModel({ name: null, filename: file.name, text, format: null,
      note: `imported from ${file.name}`, author });
    await loadModels();
    await showModel(created.model.id);
    await openRevision(created.model.id, created.revision.number);
    showNotice(`Imported ${file.name} as ${created.model.name}.`);
  } catch (error) {
    showError(error, `import ${file.name}`);
  }
}

async function compare() {
  const older = $("diff-old").value;
  const newer = $("diff-new").value;
  await busy($("run-diff"), "compare the revisions", async () => {
    const answer = await api.diff(app.modelId, older, newer);
    renderDiff(answer, older, newer);
    showTab("compare");
  });
}

export function initWorkspace() {
  $("save-author").value = localStorage.getItem(AUTHOR_KEY) || "";
  $("save-form").addEventListener("submit", save);
  $("new-model").addEventListener("click", newModel);
  $("import-file").addEventListener("change", importFile);
  $("refresh-models").addEventListener("click", loadModels);
  $("run-diff").addEventListener("click", compare);
  $("editor").addEventListener("input", showCurrent);
  showCurrent();
  loadModels();
}
