// The page's entry point: wires the panels together.

import { initAnalyses } from "./analyses.js";
import { initEditor } from "./editor.js";
import { drawGraph, initGraph } from "./graph.js";
import { initReasons, openReasons } from "./reasons.js";
import { initReport } from "./report.js";
import { initRobustness } from "./robustness.js";
import { initStability, refreshRows } from "./stability.js";
import { initTabs, showTab } from "./tabs.js";
import { $ } from "./ui.js";
import { initWorkspace } from "./workspace.js";

function showAround(id) {
  $("graph-around").value = String(id);
  showTab("graph");
  drawGraph(id);
}

function init() {
  initTabs();
  initEditor();
  initWorkspace();
  initStability();
  initGraph();
  initAnalyses();
  initRobustness();
  initReport();
  initReasons(showAround);
  document.addEventListener("accord:state", (event) => openReasons(event.detail.id));
  document.addEventListener("accord:roles", refreshRows);
}

init();
