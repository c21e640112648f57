"""``flask jobs``: run an RQ worker inside the app, enqueue a job, show a job."""

from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs (RQ on Redis, or in-process).")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Run the queued jobs, then stop.")
def worker(burst: bool) -> None:
    """Work the job queue (needs REDIS_URL); the model and indexes stay loaded between jobs.
    When Redis goes away the worker waits for it and carries on (``app.jobs.worker``)."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("REDIS_URL is not set: jobs run inside the web process.")
    from app.jobs import recover_stranded
    from app.jobs.worker import lower_priority, supervise

    lower_priority(current_app.config["JOBS_WORKER_NICE"])

    def recover() -> None:
        click.echo(f"Stranded jobs: {recover_stranded()}")

    supervise(url, current_app.config["JOBS_QUEUE"], burst=burst, on_start=recover)


@jobs_cli.command("enqueue")
@click.argument("kind")
@click.option("--params", default="{}", help="JSON object of the job's parameters.")
def enqueue_job(kind: str, params: str) -> None:
    """Start a job by kind (e.g. ``vacancies.expire`` from cron) and print its id."""
    from app.jobs import enqueue, registered

    if kind not in registered():
        raise click.BadParameter(
            f"known jobs: {', '.join(sorted(registered()))}", param_hint="KIND"
        )
    try:
        values = json.loads(params)
    except json.JSONDecodeError as error:
        raise click.BadParameter(str(error), param_hint="--params") from error
    click.echo(enqueue(kind, **values).id)


@jobs_cli.command("recover")
def recover() -> None:
    """Start again jobs lost with their process or with Redis (queued or running with no
    change for JOBS_STRANDED_AFTER seconds); mark those without attempts left failed."""
    from app.jobs import recover_stranded

    counts = recover_stranded()
    click.echo(f"{counts['restarted']} restarted, {counts['failed']} marked failed.")


@jobs_cli.command("list")
def list_kinds() -> None:
    """The kinds of job this version knows."""
    from app.jobs import registered

    for kind, function in sorted(registered().items()):
        click.echo(f"{kind}\t{(function.__doc__ or '').strip().partition(chr(10))[0]}")


@jobs_cli.command("show")
@click.argument("job_id")
def show(job_id: str) -> None:
    """Print a job's state as JSON."""
    from app.jobs import get

    record = get(job_id)
    if record is None:
        raise click.ClickException(f"no job {job_id}")
    click.echo(
        json.dumps(
            {
                "id": record.id,
                "kind": record.kind,
                "status": record.status,
                "done": record.done,
                "total": record.total,
                "attempts": record.attempts,
                "result": record.result,
                "error": record.error,
            },
            ensure_ascii=False,
        )
    )
