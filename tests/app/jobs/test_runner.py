"""Jobs run in a thread without Redis and on a real RQ worker with Redis; a failing job is
retried, then marked failed with nothing half-saved; progress is recorded."""

from __future__ import annotations

import os
import time
import uuid

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.jobs import JobContext, enqueue, get, job
from app.models import Region

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CALLS: list[str] = []


@job("test.count_regions")
def count_regions(context: JobContext, label: str) -> dict[str, object]:
    total = db.session.scalar(select(func.count(Region.id)))
    for done in range(1, 4):
        context.progress(done, 3)
    return {"label": label, "regions": total}


@job("test.fails_after_writing")
def fails_after_writing(context: JobContext) -> None:
    CALLS.append(context.job_id)
    db.session.add(
        Region(code="9999", name="Tidak Boleh Tersimpan", kind="kota", province="Banten")
    )
    db.session.flush()
    raise RuntimeError("disk full")


def wait_for(job_id: str, timeout: float = 20.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.expire_all()
        record = get(job_id)
        if record.status in ("finished", "failed"):
            return record
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not end")


def regions_named(name: str) -> int:
    return db.session.scalar(select(func.count()).where(Region.name == name)) or 0


def test_in_process_job_runs_and_reports_progress(app) -> None:  # type: ignore[no-untyped-def]
    app.config["REDIS_URL"] = None
    app.config["JOBS_EAGER"] = False
    record = wait_for(enqueue("test.count_regions", label="banten").id)
    assert record.status == "finished"
    assert record.result["label"] == "banten" and record.result["regions"] > 0
    assert (record.done, record.total, record.percent) == (3, 3, 100)


def test_in_process_failure_is_retried_then_failed_and_nothing_kept(app) -> None:  # type: ignore[no-untyped-def]
    app.config["REDIS_URL"] = None
    app.config["JOBS_EAGER"] = False
    CALLS.clear()
    record = wait_for(enqueue("test.fails_after_writing").id)
    assert record.status == "failed"
    assert record.attempts == app.config["JOBS_MAX_RETRIES"] + 1 == len(CALLS)
    assert "disk full" in record.error
    assert regions_named("Tidak Boleh Tersimpan") == 0


@pytest.fixture
def redis_queue(app):  # type: ignore[no-untyped-def]
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")
    app.config["REDIS_URL"] = REDIS_URL
    app.config["JOBS_EAGER"] = False
    app.config["JOBS_QUEUE"] = f"test-{uuid.uuid4().hex[:8]}"
    yield connection
    from rq import Queue

    Queue(app.config["JOBS_QUEUE"], connection=connection).delete(delete_jobs=True)


def work(app, connection) -> None:  # type: ignore[no-untyped-def]
    from rq import Queue

    from app.jobs.worker import quick_stop_worker

    queue = Queue(app.config["JOBS_QUEUE"], connection=connection)
    quick_stop_worker([queue], connection).work(burst=True)


def test_rq_worker_runs_the_job(app, redis_queue) -> None:  # type: ignore[no-untyped-def]
    record = enqueue("test.count_regions", label="rq")
    assert get(record.id).status == "queued"
    work(app, redis_queue)
    db.session.expire_all()
    record = get(record.id)
    assert record.status == "finished" and record.result["label"] == "rq"
    assert record.percent == 100


def test_rq_failure_is_retried_then_failed_and_nothing_kept(app, redis_queue) -> None:  # type: ignore[no-untyped-def]
    CALLS.clear()
    record = enqueue("test.fails_after_writing")
    for _ in range(app.config["JOBS_MAX_RETRIES"] + 1):
        work(app, redis_queue)  # a retry is queued again at once (no interval)
    db.session.expire_all()
    record = get(record.id)
    assert record.status == "failed", record.error
    assert record.attempts == app.config["JOBS_MAX_RETRIES"] + 1
    assert regions_named("Tidak Boleh Tersimpan") == 0


def test_cli_enqueues_and_shows(app, runner) -> None:  # type: ignore[no-untyped-def]
    app.config["REDIS_URL"] = None
    app.config["JOBS_EAGER"] = False
    result = runner.invoke(args=["jobs", "enqueue", "vacancies.expire"])
    assert result.exit_code == 0, result.output
    record = wait_for(result.output.strip())
    assert record.status == "finished"
    assert "vacancies.expire" in runner.invoke(args=["jobs", "list"]).output
    shown = runner.invoke(args=["jobs", "show", record.id])
    assert '"status": "finished"' in shown.output
    assert runner.invoke(args=["jobs", "enqueue", "no.such.job"]).exit_code != 0
    assert runner.invoke(args=["jobs", "worker"]).exit_code != 0  # no REDIS_URL: says so


def test_daily_jobs_are_enqueued_once_per_run(app) -> None:  # type: ignore[no-untyped-def]
    from app.jobs.daily import run_daily

    app.config["REDIS_URL"] = None
    app.config["JOBS_EAGER"] = False
    expire_id, digest_id, demand_id, supply_id, opendata_id, feeds_id, index_id = run_daily(app)
    assert wait_for(expire_id).status == "finished" and get(expire_id).kind == "vacancies.expire"
    assert wait_for(digest_id).status == "finished" and get(digest_id).kind == "notify.digest"
    assert wait_for(demand_id).status == "finished" and get(demand_id).kind == "demand.rebuild"
    assert wait_for(supply_id).status == "finished" and get(supply_id).kind == "supply.rebuild"
    assert wait_for(opendata_id).status == "finished"
    assert get(opendata_id).kind == "opendata.publish"
    assert wait_for(feeds_id).status == "finished" and get(feeds_id).kind == "feeds.pull"
    assert wait_for(index_id).status == "finished" and get(index_id).kind == "indexes.snapshot"
    assert run_daily(app) == []  # another worker (or a replaced one) the same day: nothing


def test_the_worker_lowers_its_cpu_priority_before_it_works(app, runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.jobs import worker

    asked: list[int] = []
    monkeypatch.setattr(worker.os, "nice", lambda n: asked.append(n) or n)
    monkeypatch.setattr(worker, "supervise", lambda *args, **kwargs: asked.append(-1))
    app.config.update(REDIS_URL="redis://127.0.0.1:6379/9", JOBS_WORKER_NICE=10)
    assert runner.invoke(args=["jobs", "worker"]).exit_code == 0
    assert asked == [10, -1]  # lowered first, then the queue is worked
    app.config["JOBS_WORKER_NICE"] = -5
    runner.invoke(args=["jobs", "worker"])
    assert asked[-2] == 0  # never raised (that needs root, and would starve the web workers)


def test_the_worker_polls_its_command_channel_often_so_it_stops_at_once(app, redis_queue) -> None:  # type: ignore[no-untyped-def]
    from rq import Queue

    from app.jobs.worker import PUBSUB_POLL_S, quick_stop_worker

    worker = quick_stop_worker(
        [Queue(app.config["JOBS_QUEUE"], connection=redis_queue)], redis_queue
    )
    worker.subscribe()
    try:
        assert worker.pubsub_thread.sleep_time == PUBSUB_POLL_S <= 1.0  # RQ's own: 60 s
    finally:
        worker.unsubscribe()
    assert not worker.pubsub_thread.is_alive()  # stopped within the poll, not a minute later
