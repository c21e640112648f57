"""``flask jobs worker`` outlives a Redis restart: it waits while Redis is away and runs a job
enqueued after Redis is back (a Redis of the test's own on a free port).

The worker runs in this process (``flask jobs worker`` through the CLI runner, on the main
thread, so RQ's signal handlers work). Its first job stops Redis while the worker holds it, so
the worker meets the lost connection when it reports the job done (which ends RQ's own loop);
a thread starts Redis again, enqueues a second job and, once it ran, sends SIGTERM, which must
end the worker (not start it again).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import threading
import time
import uuid

import pytest

from app.extensions import db
from app.jobs import JobContext, enqueue, get, job
from tests.app.jobs.logs import heard_warnings
from tests.test_database_resilience import closed_port

EVENTS: list[str] = []


def start_redis(port: int) -> None:
    """A Redis keeping nothing on disk on ``port``, answering when this returns."""
    from redis import Redis
    from redis.exceptions import ConnectionError

    subprocess.run(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--daemonize", "yes"],
        check=True,
        capture_output=True,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            Redis(port=port).ping()
            return
        except ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def stop_redis(port: int) -> None:
    """Shut the Redis on ``port`` down (nothing saved)."""
    subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], capture_output=True)


@job("test.stop_redis")
def stop_redis_job(context: JobContext, port: int) -> None:
    EVENTS.append("first job")
    stop_redis(port)


@job("test.after_restart")
def after_restart_job(context: JobContext) -> None:
    EVENTS.append("second job")


@pytest.fixture(autouse=True)
def logging_restored():  # type: ignore[no-untyped-def]
    """The worker command configures logging (levels, handlers, propagation) for its process;
    put every logger back afterwards so later tests in this process still capture logs."""
    loggers = [logging.getLogger()] + [
        logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
    ]
    saved = [(lg, lg.level, lg.propagate, lg.disabled, list(lg.handlers)) for lg in loggers]
    yield
    for lg, level, propagate, disabled, handlers in saved:
        lg.setLevel(level)
        lg.propagate, lg.disabled = propagate, disabled
        lg.handlers[:] = handlers
    for name in list(logging.root.manager.loggerDict):  # loggers the worker made: silent again
        made = logging.getLogger(name)
        if all(made is not lg for lg, *_ in saved):
            made.handlers.clear()
            made.propagate = True


@pytest.fixture
def own_redis():  # type: ignore[no-untyped-def]
    if shutil.which("redis-server") is None or shutil.which("redis-cli") is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    port = closed_port()
    start_redis(port)
    yield port
    stop_redis(port)


def test_worker_runs_a_job_enqueued_after_redis_restarts(app, runner, own_redis) -> None:  # type: ignore[no-untyped-def]
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("the worker's Redis handling does not depend on the database")
    app.config.update(
        REDIS_URL=f"redis://127.0.0.1:{own_redis}/0",
        JOBS_EAGER=False,
        JOBS_QUEUE=f"t-{uuid.uuid4().hex[:8]}",
    )
    EVENTS.clear()
    first = enqueue("test.stop_redis", port=own_redis).id
    second: list[str] = []
    ended = threading.Event()

    def restart_redis() -> None:
        while "first job" not in EVENTS:
            time.sleep(0.05)
        time.sleep(1.5)  # the worker has met the lost connection and waits
        EVENTS.append("redis back")
        start_redis(own_redis)
        with app.app_context():
            second.append(enqueue("test.after_restart").id)  # on the new, empty Redis
            db.session.remove()
        deadline = time.monotonic() + 30
        while "second job" not in EVENTS and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the worker waits for the next job
        os.kill(os.getpid(), signal.SIGTERM)  # an idle worker stops at once
        # a busy CI machine: the warm shutdown has taken over 10 s there, and once over 30 s
        # (RQ unsubscribing its pubsub thread after the Redis restart, at load average 8)
        if ended.wait(120):
            return
        EVENTS.append("did not stop")  # end it anyway (Redis gone, a signal while it waits)
        stop_redis(own_redis)
        while not ended.wait(2):
            os.kill(os.getpid(), signal.SIGTERM)

    helper = threading.Thread(target=restart_redis, daemon=True)
    helper.start()
    with heard_warnings("app.jobs.worker") as heard:
        result = runner.invoke(args=["jobs", "worker"])
    ended.set()
    helper.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert EVENTS == ["first job", "redis back", "second job"]
    text = " ".join(record.getMessage() for record in heard)
    assert "starting it again" in text or "does not answer" in text
    db.session.expire_all()
    assert get(first).status == "finished"
    assert get(second[0]).status == "finished"
