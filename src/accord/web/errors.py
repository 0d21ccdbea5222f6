"""Every failure of a request as one JSON shape: ``{"error": {status, message, problems}}``.

The messages are the command line's: a model's problems carry their line and column, a
time limit says what to do instead, and a bug says it is one without a traceback.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from accord.errors import AccordError
from accord.web.sandbox import Failure, TimeLimit

__all__ = ["ApiError", "error_response", "install"]

BUG = "internal error: this is a bug in accord, not a problem with your input"


class ApiError(Exception):
    """A request that fails with this status and message."""

    def __init__(self, status: int, message: str, problems: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.problems = problems or []


def error_response(
    status: int, message: str, problems: list[dict[str, Any]] | None = None
) -> JSONResponse:
    """The JSON error body with this status."""
    body = {"error": {"status": status, "message": message, "problems": problems or []}}
    return JSONResponse(body, status_code=status)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "the request"


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, exc.problems)


async def _failure(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Failure)
    if exc.kind == "input":
        return error_response(422, exc.message, exc.problems)
    return error_response(500, f"{BUG} ({exc.message})")


async def _time_limit(request: Request, exc: Exception) -> JSONResponse:
    return error_response(504, str(exc))


async def _accord(request: Request, exc: Exception) -> JSONResponse:
    from accord.errors import Problem

    assert isinstance(exc, AccordError)
    from accord.store import NotFoundError

    if isinstance(exc, NotFoundError):
        return error_response(404, str(exc))
    problems: list[Problem] = list(getattr(exc, "problems", None) or [])
    if problems:
        from accord.web.modeltext import error_json

        message, found = error_json(exc)
        return error_response(422, message, found)
    return error_response(422, str(exc))


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems: list[dict[str, Any]] = []
    for e in exc.errors():
        loc = tuple(e.get("loc", ()))
        where = _field(loc)
        text = f"{where}: {e.get('msg', 'invalid')}"
        if loc == ("body",) and e.get("type") in ("model_attributes_type", "dict_type"):
            text = "the request's body must be a JSON object, sent as application/json"
        problems.append(
            {
                "severity": "error",
                "message": text,
                "line": None,
                "column": None,
                "hint": None,
                "path": where,
                "text": text,
            }
        )
    message = str(problems[0]["message"]) if problems else "the request is not valid"
    return error_response(422, message, problems)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    words = {404: "no such page or resource", 405: "this method is not allowed here"}
    message = words.get(exc.status_code) or str(exc.detail)
    return error_response(exc.status_code, message)


async def _bug(request: Request, exc: Exception) -> JSONResponse:
    return error_response(500, f"{BUG} ({type(exc).__name__})")


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the JSON error shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(Failure, _failure)
    app.add_exception_handler(TimeLimit, _time_limit)
    app.add_exception_handler(AccordError, _accord)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _bug)
