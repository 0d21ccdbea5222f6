// The page's one state object: what is open, the last results, and the running job.
// Modules read and write it; nothing else is kept globally.

export const app = {
  // The stored model and revision the editor's text came from (null for a new model), and
  // the text as it was loaded, to tell whether the editor has unsaved changes.
  modelId: null,
  modelName: null,
  revision: null,
  loadedText: "",
  // The editor's pending check (a timer), the number of the latest check (older answers are
  // dropped) and the number of lines the gutter shows.
  checkTimer: null,
  checkCount: 0,
  gutterLines: 0,
  // The last answer of /api/check and of /api/analyze on the editor's text.
  check: null,
  analysis: null,
  // Option labels and state roles, learnt from the analyses (name -> label, id -> roles).
  labels: new Map(),
  roles: new Map(),
  // The state whose reasons are shown, and the number of the latest request for reasons.
  selected: null,
  reasonsCount: 0,
  // Whether the state graph has been drawn (it is redrawn when the concept changes).
  graphDrawn: false,
  // The robustness job being followed: {id, timer}.
  job: null,
  // The URL of the last report (a blob URL, revoked when replaced).
  reportUrl: null,
};

// The text every analysis works on: the editor's current text and its format.
export function source() {
  return {
    text: document.getElementById("editor").value,
    format: document.getElementById("format").value,
  };
}

// The concept chosen for the reasons, the graph, coalitions and leverage.
export function chosenConcept() {
  return document.getElementById("concept").value;
}
