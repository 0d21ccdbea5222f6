"""Long runs as jobs: a robustness run starts, the page polls its progress, and may cancel."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from accord.web.deps import JobsDep, SettingsDep
from accord.web.errors import ApiError
from accord.web.routes.analyses import model_size
from accord.web.schemas import JobPublic, RobustnessRequest

router = APIRouter(prefix="/api", tags=["jobs"])


@router.post("/robustness", status_code=202, response_model=JobPublic)
def robustness(body: RobustnessRequest, settings: SettingsDep, jobs: JobsDep) -> Any:
    """Start `accord robustness` on the model: poll `GET /api/jobs/{id}` for progress."""
    model_size(body.text, settings)
    if body.samples > settings.max_samples:
        raise ApiError(
            422,
            f"this server samples at most {settings.max_samples:,} variants "
            f"(asked for {body.samples:,}); use `accord robustness` for more",
        )
    job = jobs.start(
        "robustness",
        settings.job_time_limit,
        text=body.text,
        format=body.format,
        samples=body.samples,
        seed=body.seed,
        concepts=body.concepts,
        max_states=settings.max_states,
    )
    return job.public()


def _job(jobs: Any, job_id: str) -> Any:
    job = jobs.get(job_id)
    if job is None:
        raise ApiError(404, f"no job {job_id!r} (finished jobs are kept for a while only)")
    return job


@router.get("/jobs/{job_id}", response_model=JobPublic)
def job(job_id: str, jobs: JobsDep) -> Any:
    """A job's progress, then its result or error."""
    return _job(jobs, job_id).public()


@router.delete("/jobs/{job_id}", response_model=JobPublic)
def cancel(job_id: str, jobs: JobsDep) -> Any:
    """Stop a running job."""
    _job(jobs, job_id)
    jobs.cancel(job_id)
    return _job(jobs, job_id).public()
