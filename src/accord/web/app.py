"""The web app: wiring only — settings, the workspace, routers, error shapes, static files."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from accord import __version__
from accord.web import errors
from accord.web.config import Settings
from accord.web.routes import analyses, jobs, models
from accord.web.sandbox import Jobs, warm_up

__all__ = ["EXAMPLES", "LOOPBACK_NAMES", "create_app"]

STATIC = Path(__file__).parent / "static"
#: Where Swagger UI's files (for /docs) are served from.
SWAGGER = "/static/vendor/swagger-ui"
#: Models put in an empty workspace: (name, file in accord/examples, note).
EXAMPLES = (
    (
        "ukraine-peace-talks-2026",
        "ukraine-peace-talks-2026.yaml",
        "The 2026 Ukraine peace talks, as shipped with accord",
    ),
    ("elmira", "elmira.yaml", "The Elmira groundwater conflict, a published reference case"),
)
#: The page loads only from this server: its own scripts, styles, and reports in a frame.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; frame-src 'self' blob:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'"
)


#: The names of this machine a loopback server answers to.
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]", "::1"]


def _host_name(host: str) -> str:
    """The name in a ``Host`` header, without its port: ``[::1]:8000`` → ``[::1]``."""
    if host.startswith("["):
        end = host.find("]")
        return host[: end + 1] if end >= 0 else host
    return host.split(":", 1)[0] if host.count(":") == 1 else host


class HostCheck:
    """Refuse a request addressed to a host name not in ``allowed`` (400, JSON)."""

    def __init__(self, app: ASGIApp, allowed: list[str]) -> None:
        self.app = app
        self.allowed = {name.lower() for name in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1").lower()
            if _host_name(raw) not in self.allowed:
                response = errors.error_response(
                    400, f"this server answers requests for {', '.join(sorted(self.allowed))} only"
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """Refuse a request whose body is larger than ``limit`` bytes (413), before reading it all."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit and not refused:
                    refused = True
                    await self._refuse(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if not refused:  # once refused, the app's own answer is dropped
                await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not refused:
                raise

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = errors.error_response(
            413, f"the request is larger than this server accepts ({self.limit:,} bytes)"
        )
        await response(scope, receive, send)


def seed(store: Any) -> None:
    """Put the example models in an empty workspace."""
    if not store.is_empty():
        return
    from accord.web.sandbox import run_limited

    for name, filename, note in EXAMPLES:
        text = (resources.files("accord") / "examples" / filename).read_text(encoding="utf-8")
        result = run_limited("check", 120.0, text=text, format="yaml", max_states=None)
        summary = (result.get("summary") or "").removeprefix("ok — ")
        store.create_model(name, text, "yaml", note, author="accord", summary=summary)


def create_app(settings: Settings | None = None, store: Any = None) -> FastAPI:
    """The FastAPI application.

    Parameters
    ----------
    settings
        Limits and the workspace's database URL (defaults: :class:`Settings`).
    store
        An open :class:`accord.store.Store` to use instead of opening ``settings.database_url``.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from accord.store import Store

        app.state.store = store if store is not None else Store(settings.database_url)
        app.state.jobs = Jobs()
        if settings.seed_examples:
            seed(app.state.store)
        threading.Thread(target=warm_up, daemon=True).start()
        try:
            yield
        finally:
            app.state.jobs.close()
            if store is None:
                app.state.store.close()

    app = FastAPI(
        title="accord",
        version=__version__,
        summary="Model and analyse conflicts with the Graph Model for Conflict Resolution.",
        lifespan=lifespan,
        docs_url=None,  # served below from the installed Swagger UI, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    errors.install(app)
    app.include_router(analyses.router)
    app.include_router(jobs.router)
    app.include_router(models.router)

    @app.get("/api/health", tags=["server"])
    def health() -> dict[str, str]:
        """The server answers; its version."""
        return {"status": "ok", "version": __version__}

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="accord — API",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
        )

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": PAGE_POLICY})

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False)
    def plotly() -> FileResponse:
        from accord.web.vendor import plotly_js

        return FileResponse(plotly_js(), media_type="text/javascript")

    from accord.web.vendor import swagger_ui_dir

    app.mount(SWAGGER, StaticFiles(directory=swagger_ui_dir()), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    if settings.allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=settings.allowed_hosts)
    return app
