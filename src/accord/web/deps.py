"""The dependencies routes ask for, named once (``SettingsDep``, ``StoreDep``, ``JobsDep``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request

from accord.web.config import Settings
from accord.web.sandbox import Jobs

if TYPE_CHECKING:
    from accord.store import Store


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _jobs(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.jobs
    return jobs


SettingsDep = Annotated[Settings, Depends(_settings)]
StoreDep = Annotated[Any, Depends(_store)]
JobsDep = Annotated[Jobs, Depends(_jobs)]
