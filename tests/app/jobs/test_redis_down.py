"""With REDIS_URL set but Redis stopped, the site keeps serving and jobs run in this process
(logged), so nothing waits for a queue that is not there."""

from __future__ import annotations

from app.jobs import enqueue
from tests.app.jobs.logs import heard_warnings
from tests.app.jobs.test_runner import wait_for
from tests.test_database_resilience import closed_port


def test_jobs_run_in_process_when_redis_is_unreachable(app, client) -> None:  # type: ignore[no-untyped-def]
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{closed_port()}/0"
    app.config["JOBS_EAGER"] = False
    with heard_warnings("app.jobs.runner") as heard:
        record = enqueue("test.count_regions", label="no redis")
    text = " ".join(r.getMessage() for r in heard)
    assert "could not be queued" in text and "running it in this process" in text
    record = wait_for(record.id)
    assert record.status == "finished" and record.result["label"] == "no redis"
    assert client.get("/").status_code == 200
    assert client.get("/vacancies/").status_code == 200
    assert client.get("/readyz").status_code == 503  # a load balancer is told


def test_logins_work_when_the_throttling_store_is_unreachable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """REDIS_URL also holds the throttling counters; with Redis down they are counted per
    process and logging in keeps working."""
    from app import create_app
    from app.config import TestingConfig
    from app.extensions import db
    from tests.conftest import AuthActions
    from tests.factories import UserFactory

    url = f"redis://127.0.0.1:{closed_port()}/0"
    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'db.sqlite'}",
        MAIL_FILE_PATH=str(tmp_path / "outbox"),
        REDIS_URL=url,
        RATELIMIT_STORAGE_URI=url,
    )
    with app.app_context():
        db.create_all()
        user = UserFactory()
        db.session.commit()
        client = app.test_client()
        response = AuthActions(client).login(user.email)
        assert response.status_code == 302
        db.session.remove()
        db.engine.dispose()
