"""The project's jobs, registered by kind. Each takes a JobContext and JSON parameters."""

from __future__ import annotations

from typing import Any

from flask import current_app

from app.jobs.runner import JobContext, job


@job("vacancies.expire")
def expire_vacancies(context: JobContext) -> dict[str, Any]:
    """Close vacancies past their closing date and old ones without a date (daily)."""
    from app.services.vacancies import expire

    context.progress(0, 1)
    counts = expire(max_open_days=current_app.config["VACANCY_MAX_OPEN_DAYS"])
    context.progress(1, 1)
    return counts
