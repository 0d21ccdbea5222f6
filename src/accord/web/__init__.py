"""accord in the browser: a FastAPI app over the library, with a static page and a workspace.

``accord serve`` runs it; :func:`create_app` builds it for any ASGI server.  Importing
:mod:`accord` never loads this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.web.config import Settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, store: Any = None) -> Any:
    """The FastAPI application (see :func:`accord.web.app.create_app`)."""
    from accord.web.app import create_app as build

    return build(settings, store)
