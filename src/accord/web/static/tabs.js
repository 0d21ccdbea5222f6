// The analyses' tabs: click or arrow keys to switch, as a WAI-ARIA tab list.

import { $ } from "./ui.js";

function tabs() {
  return [...$("tabs").querySelectorAll('[role="tab"]')];
}

// Shows the pane of a tab, by the tab's name (e.g. "graph" for #tab-graph).
export function showTab(name, focus = false) {
  document.querySelector(".panes").scrollTop = 0;
  for (const tab of tabs()) {
    const selected = tab.id === `tab-${name}`;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.getAttribute("aria-controls")).hidden = !selected;
    if (selected && focus) tab.focus();
  }
  document.dispatchEvent(new CustomEvent("accord:tab", { detail: { name } }));
}

function nameOf(tab) {
  return tab.id.replace(/^tab-/, "");
}

export function initTabs() {
  const list = $("tabs");
  list.addEventListener("click", (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab) showTab(nameOf(tab));
  });
  list.addEventListener("keydown", (event) => {
    const all = tabs();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = all[(moves[event.key] + all.length) % all.length];
    showTab(nameOf(next), true);
  });
}
