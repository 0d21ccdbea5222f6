"""A conflict report for readers who have not seen the model: data first, then HTML or Markdown.

:func:`build_report` runs the analyses (stability, explanations, status quo paths,
coalitions, leverage on the focus state) and puts every section into words as frozen data
(:class:`Report`); :func:`render_html` and :func:`render_markdown` render it through the
Jinja2 templates in ``templates/``.  Nothing here reads or writes files.

Examples
--------
>>> from accord.io import read_model  # doctest: +SKIP
>>> report = build_report(read_model("examples/elmira.yaml"))  # doctest: +SKIP
>>> html = render_html(report)  # doctest: +SKIP
"""

from accord.reports.document.build import REPORT_CONCEPTS, build_report, rank_equilibria
from accord.reports.document.data import SECTIONS, Report
from accord.reports.document.render import graph_path, render_html, render_markdown

__all__ = [
    "REPORT_CONCEPTS",
    "SECTIONS",
    "Report",
    "build_report",
    "graph_path",
    "rank_equilibria",
    "render_html",
    "render_markdown",
]
