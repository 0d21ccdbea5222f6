"""Render a :class:`Report` through the Jinja2 templates beside this module.

HTML is autoescaped (every piece of the model's text is escaped); the drawing is embedded as
inline SVG.  Markdown escapes the characters that would change its meaning, and links the
drawing from a file written beside the report.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from accord.reports.document.data import Report

__all__ = ["graph_path", "md_escape", "render_html", "render_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def md_escape(text: object) -> str:
    """Text for Markdown: markup characters escaped, ``<``, ``>`` and ``&`` as entities."""
    out = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", out)


def _code(text: object) -> str:
    """Text inside a Markdown code span (conditions contain no backticks)."""
    return "`" + str(text).replace("`", "'") + "`"


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else ("yes" if value else "no")


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("accord.reports.document", "templates"),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md_escape
    env.filters["code"] = _code
    env.filters["yesno"] = _yes_no
    return env


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no scripts)."""
    return _environment().get_template("report.html.j2").render(report=report)


def render_markdown(report: Report, *, graph_file: str | None = None) -> str:
    """The report as Markdown.

    Parameters
    ----------
    report
        The report.
    graph_file
        Where the drawing is (relative to the Markdown file), to link it; ``None`` when it
        is not written (the section then says so).
    """
    text = _environment().get_template("report.md.j2").render(report=report, graph_file=graph_file)
    return re.sub(r"\n{3,}", "\n\n", text)


def graph_path(report_name: str) -> str:
    """The drawing's file name beside a Markdown report: ``report.md`` → ``report.graph.svg``."""
    stem = report_name[: -len(".md")] if report_name.lower().endswith(".md") else report_name
    return f"{stem}.graph.svg"
