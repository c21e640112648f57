"""Jobs lost with their process or with Redis (queued or running, no change for
``JOBS_STRANDED_AFTER``) no longer block their subject and are started again, or marked failed
when no attempts are left."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import update

from app.extensions import db
from app.jobs import pending, recover_stranded
from app.jobs.daily import recover
from app.models import BackgroundJob
from app.models.base import utcnow
from tests.app.jobs.test_runner import count_regions  # noqa: F401 - registers test.count_regions


def stranded(status: str = "queued", attempts: int = 0, minutes: int = 70) -> str:
    """A job record of ``test.count_regions`` last changed ``minutes`` ago."""
    job_id = str(uuid.uuid4())
    db.session.add(BackgroundJob(id=job_id, kind="test.count_regions", status=status,
                                 subject="regions", attempts=attempts,
                                 params={"label": "lost"}))  # fmt: skip
    db.session.commit()
    db.session.execute(
        update(BackgroundJob)
        .where(BackgroundJob.id == job_id)
        .values(updated_at=utcnow() - timedelta(minutes=minutes))
    )
    db.session.commit()
    return job_id


def test_a_stranded_job_does_not_block_its_subject(app) -> None:  # type: ignore[no-untyped-def]
    fresh = stranded(minutes=5)
    assert pending("regions").id == fresh
    db.session.get(BackgroundJob, fresh).status = "finished"
    db.session.commit()
    stranded(minutes=70)
    assert pending("regions") is None


def test_stranded_jobs_are_started_again_or_failed(app) -> None:  # type: ignore[no-untyped-def]
    lost_queued = stranded("queued", attempts=0)
    lost_running = stranded("running", attempts=1)
    exhausted = stranded("running", attempts=app.config["JOBS_MAX_RETRIES"] + 1)
    recent = stranded("queued", minutes=10)
    assert recover_stranded() == {"restarted": 2, "failed": 1}
    db.session.expire_all()
    for job_id in (lost_queued, lost_running):
        record = db.session.get(BackgroundJob, job_id)
        assert record.status == "finished" and record.result["label"] == "lost"
    gone = db.session.get(BackgroundJob, exhausted)
    assert gone.status == "failed" and "Lost" in gone.error and gone.finished_at is not None
    assert db.session.get(BackgroundJob, recent).status == "queued"  # may still be waiting
    assert recover_stranded() == {"restarted": 0, "failed": 0}


def test_the_sweep_and_the_command_recover(app) -> None:  # type: ignore[no-untyped-def]
    first = stranded()
    assert recover(app) == {"restarted": 1, "failed": 0}
    second = stranded()
    result = app.test_cli_runner().invoke(args=["jobs", "recover"])
    assert "1 restarted, 0 marked failed." in result.output
    db.session.expire_all()
    assert {db.session.get(BackgroundJob, j).status for j in (first, second)} == {"finished"}
