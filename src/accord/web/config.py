"""The web app's settings: where the workspace lives and the limits every request obeys."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["Settings"]


class Settings(BaseModel):
    """Settings of one server (``accord serve`` fills them from its options).

    Parameters
    ----------
    database_url
        SQLAlchemy URL of the workspace; ``None`` is ``$ACCORD_DATABASE_URL`` or a SQLite file
        in the user's data directory.
    max_request_bytes
        The largest request body accepted (413 above).
    max_model_bytes
        The largest model text accepted (413 above).
    max_states
        The most feasible states a model analysed here may have.
    time_limit
        Seconds an analysis may take before it is stopped (504).
    check_time_limit
        Seconds a check (validation as you type) may take.
    job_time_limit
        Seconds a robustness run may take.
    max_samples
        The most variants a robustness run here may sample.
    seed_examples
        Put the flagship model in an empty workspace.
    allowed_hosts
        The host names a request may be addressed to (its ``Host`` header, without the
        port); ``None`` accepts any.  A server on a loopback address accepts only loopback
        names, so that a web page elsewhere cannot reach it through a name of its own that
        resolves to this machine (DNS rebinding).
    """

    database_url: str | None = None
    max_request_bytes: int = Field(default=2_000_000, gt=0)
    max_model_bytes: int = Field(default=1_000_000, gt=0)
    max_states: int = Field(default=1 << 18, gt=0)
    time_limit: float = Field(default=60.0, gt=0)
    check_time_limit: float = Field(default=15.0, gt=0)
    job_time_limit: float = Field(default=600.0, gt=0)
    max_samples: int = Field(default=20_000, gt=0)
    seed_examples: bool = True
    allowed_hosts: list[str] | None = None
