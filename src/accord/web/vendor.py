"""Browser libraries the page uses, served from the Python packages that ship them."""

from __future__ import annotations

from pathlib import Path

from accord.errors import AccordError

__all__ = ["plotly_js"]


def plotly_js() -> Path:
    """The path of plotly.js as bundled in the installed ``plotly`` package."""
    import importlib.util

    spec = importlib.util.find_spec("plotly")
    if spec is None or spec.origin is None:
        raise AccordError("the plotly package is not installed; install accord again")
    path = Path(spec.origin).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise AccordError(f"plotly.js is missing from the plotly package ({path})")
    return path
