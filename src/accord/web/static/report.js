// The HTML report of the editor's text, shown in a frame and openable in a new tab.

import { api } from "./api.js";
import { app, source } from "./state.js";
import { $, busy } from "./ui.js";

function focusValue() {
  const text = $("report-focus").value.trim();
  if (!text) return null;
  return /^\d+$/.test(text) ? Number(text) : text;
}

function show(html) {
  if (app.reportUrl) URL.revokeObjectURL(app.reportUrl);
  app.reportUrl = URL.createObjectURL(new Blob([html], { type: "text/html" }));
  const frame = $("report-frame");
  frame.src = app.reportUrl;
  frame.hidden = false;
  const link = $("report-open");
  link.href = app.reportUrl;
  link.hidden = false;
}

async function build(event) {
  event.preventDefault();
  await busy($("run-report"), "build the report", async () => show(await api.report(source(), focusValue())));
}

export function initReport() {
  $("report-form").addEventListener("submit", build);
}
