"""Browser libraries the page uses, served from the Python packages that ship them."""

from __future__ import annotations

from pathlib import Path

from accord.errors import AccordError

__all__ = ["plotly_js", "swagger_ui_dir"]


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


def swagger_ui_dir() -> Path:
    """The directory of Swagger UI's files, as bundled in the ``swagger-ui-py`` package."""
    import importlib.util

    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or spec.origin is None:
        raise AccordError("the swagger-ui-py package is not installed; install accord again")
    path = Path(spec.origin).parent / "static"
    if not (path / "swagger-ui-bundle.js").is_file():
        raise AccordError(f"Swagger UI is missing from the swagger-ui-py package ({path})")
    return path
