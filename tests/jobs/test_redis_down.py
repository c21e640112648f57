"""With REDIS_URL set but Redis stopped, the site keeps serving and jobs run in this process
(logged), so nothing waits for a queue that is not there."""

from __future__ import annotations

import logging

from app.jobs import enqueue
from tests.jobs.test_runner import wait_for
from tests.test_database_resilience import closed_port


def test_jobs_run_in_process_when_redis_is_unreachable(app, client, caplog) -> None:  # type: ignore[no-untyped-def]
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{closed_port()}/0"
    app.config["JOBS_EAGER"] = False
    with caplog.at_level(logging.WARNING, logger="app.jobs.runner"):
        record = enqueue("test.count_regions", label="no redis")
    assert "could not be queued" in caplog.text and "running it in this process" in caplog.text
    record = wait_for(record.id)
    assert record.status == "finished" and record.result["label"] == "no redis"
    assert client.get("/").status_code == 200
    assert client.get("/vacancies/").status_code == 200
    assert client.get("/readyz").status_code == 503  # a load balancer is told
