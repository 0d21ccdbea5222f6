// The state graph: states as points coloured by their role, moves as lines, drawn with plotly
// (pan and zoom are plotly's own). Clicking a state opens its reasons.

import { api } from "./api.js";
import { conceptName } from "./stability.js";
import { app, source, chosenConcept } from "./state.js";
import { $, busy, chooseState, showError } from "./ui.js";

const COLOURS = { "status quo": "#0072b2", focus: "#e69f00", equilibrium: "#009e73", other: "#9a9a9a" };
const EDGE_COLOUR = "#8c8c8c";

function kindOf(node) {
  for (const role of ["status quo", "focus", "equilibrium"]) if (node.roles.includes(role)) return role;
  return "other";
}

function nodeTrace(nodes, kind, concept) {
  const name = kind === "equilibrium" ? `${conceptName(concept)} equilibrium` : kind === "other" ? "other state" : kind;
  return {
    type: "scatter",
    mode: "markers+text",
    name,
    x: nodes.map((n) => n.x),
    y: nodes.map((n) => n.y),
    text: nodes.map((n) => n.label),
    customdata: nodes.map((n) => n.id),
    hovertext: nodes.map((n) => `State ${n.id}${n.roles.length ? ` (${n.roles.join(", ")})` : ""}<br>${n.words}`),
    hoverinfo: "text",
    textfont: { color: kind === "other" ? "#111" : "#fff", size: 10 },
    marker: { size: 24, color: COLOURS[kind],
      line: { width: 2, color: kind !== "equilibrium" && nodes.some((n) => n.roles.includes("equilibrium")) ? COLOURS.equilibrium : "#fff" } },
  };
}

// The lines of the moves; one trace for improvements (solid), one for other moves (dotted).
function edgeTrace(edges, where, improvement) {
  const x = [];
  const y = [];
  for (const edge of edges.filter((e) => e.improvement === improvement)) {
    const a = where.get(edge.source);
    const b = where.get(edge.target);
    if (!a || !b) continue;
    x.push(a.x, b.x, null);
    y.push(a.y, b.y, null);
  }
  return { type: "scatter", mode: "lines", x, y, hoverinfo: "skip", showlegend: false,
    line: { color: EDGE_COLOUR, width: improvement ? 1.4 : 1, dash: improvement ? "solid" : "dot" } };
}

// An arrow head at two thirds of each move, carrying the mover's name on hover.
function arrowTrace(edges, where) {
  const shown = edges.filter((e) => where.has(e.source) && where.has(e.target));
  const at = (edge, axis) => {
    const a = where.get(edge.source)[axis];
    return a + (2 / 3) * (where.get(edge.target)[axis] - a);
  };
  return {
    type: "scatter", mode: "markers", showlegend: false,
    x: shown.map((e) => at(e, "x")),
    y: shown.map((e) => at(e, "y")),
    hovertext: shown.map((e) => `${e.dm}: state ${e.source} → state ${e.target}${e.improvement ? " (an improvement)" : ""}`),
    hoverinfo: "text",
    marker: { symbol: "arrow", size: 9, color: EDGE_COLOUR,
      angle: shown.map((e) => {
        const a = where.get(e.source);
        const b = where.get(e.target);
        return (Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI;
      }) },
  };
}

function traces(data, concept) {
  const where = new Map(data.nodes.map((n) => [n.id, n]));
  const groups = { other: [], equilibrium: [], focus: [], "status quo": [] };
  for (const node of data.nodes) groups[kindOf(node)].push(node);
  return [
    edgeTrace(data.edges, where, false),
    edgeTrace(data.edges, where, true),
    arrowTrace(data.edges, where),
    ...Object.entries(groups).filter(([, nodes]) => nodes.length).map(([kind, nodes]) => nodeTrace(nodes, kind, concept)),
  ];
}

const LAYOUT = {
  margin: { l: 10, r: 10, t: 10, b: 10 },
  showlegend: false,
  hovermode: "closest",
  dragmode: "pan",
  xaxis: { visible: false, zeroline: false },
  yaxis: { visible: false, zeroline: false, scaleanchor: "x" },
  paper_bgcolor: "#fff",
  plot_bgcolor: "#fff",
};

const CONFIG = { responsive: true, displaylogo: false, scrollZoom: true,
  modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"] };

function learnRoles(data) {
  app.roles = new Map(data.nodes.map((n) => [n.id, n.roles]));
  document.dispatchEvent(new CustomEvent("accord:roles"));
}

async function plot(data, concept) {
  const div = $("graph");
  if (!window.Plotly) throw new Error("the plotting library did not load");
  await window.Plotly.react(div, traces(data, concept), LAYOUT, CONFIG);
  if (!div.dataset.bound) {
    div.on("plotly_click", (event) => {
      const point = event.points && event.points[0];
      if (point && point.customdata !== undefined) chooseState(point.customdata);
    });
    div.dataset.bound = "1";
  }
  $("graph-note").textContent = data.note || "";
}

// Draws the graph for the editor's text; `around` is a state to show with its neighbours.
export async function drawGraph(around = null) {
  const concept = chosenConcept();
  await busy($("run-graph"), "draw the state graph", async () => {
    const data = await api.graph(source(), concept, around);
    learnRoles(data);
    await plot(data, concept);
    app.graphDrawn = true;
  });
}

function aroundValue() {
  const text = $("graph-around").value.trim();
  if (!text) return null;
  return /^\d+$/.test(text) ? Number(text) : text;
}

export function initGraph() {
  $("graph-form").addEventListener("submit", (event) => {
    event.preventDefault();
    drawGraph(aroundValue());
  });
  $("concept").addEventListener("change", () => {
    if (app.graphDrawn) drawGraph(aroundValue());
  });
  document.addEventListener("accord:tab", (event) => {
    if (event.detail.name === "graph" && app.graphDrawn && window.Plotly) window.Plotly.Plots.resize($("graph"));
  });
  document.addEventListener("accord:analysis", () => {
    drawGraph(aroundValue()).catch((error) => showError(error, "draw the state graph"));
  });
}
