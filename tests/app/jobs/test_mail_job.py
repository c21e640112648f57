"""Emails are sent by the ``mail.send`` job: the request commits its change and enqueues the
mail; a mail server that fails leaves the change saved and the job retried, then failed; a
retried job never sends twice; a change rolled back sends nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.jobs import JobContext
from app.models import BackgroundJob, Notification, User
from app.services import mail, notifications
from tests.app.auth.test_views import register
from tests.app.jobs.test_runner import wait_for
from tests.conftest import outbox
from tests.factories import UserFactory


def mail_jobs() -> list[BackgroundJob]:
    db.session.expire_all()
    return list(db.session.scalars(select(BackgroundJob).where(BackgroundJob.kind == "mail.send")))


@pytest.fixture
def in_thread(app):  # type: ignore[no-untyped-def]
    """Jobs run in a thread of this process (retried like on a worker), not eagerly."""
    app.config["REDIS_URL"] = None
    app.config["JOBS_EAGER"] = False
    return app


@pytest.fixture
def broken_mail_server(app):  # type: ignore[no-untyped-def]
    """Mail goes to an SMTP server on a port where nothing listens."""
    state = app.extensions["mailman"]
    saved = (state.backend, state.server, state.port, state.use_tls, state.timeout)
    state.backend, state.server, state.port, state.use_tls, state.timeout = (
        "smtp",
        "127.0.0.1",
        1,
        False,
        2,
    )
    yield state
    state.backend, state.server, state.port, state.use_tls, state.timeout = saved


def test_registration_is_saved_when_the_mail_server_fails(
    in_thread, client, broken_mail_server
) -> None:  # type: ignore[no-untyped-def]
    response = register(client, "/auth/register")
    assert response.request.path == "/auth/register/check-inbox"  # the page is the same
    assert db.session.scalar(select(User).where(User.email == "rina@example.com")) is not None
    (job,) = mail_jobs()
    record = wait_for(job.id)
    assert record.status == "failed"
    assert record.attempts == in_thread.config["JOBS_MAX_RETRIES"] + 1
    assert "Connection" in record.error or "Errno" in record.error
    assert record.params == {
        "to": "rina@example.com",
        "mail_subject": record.params["mail_subject"],
    }
    db.session.expire_all()
    assert (
        db.session.scalar(select(BackgroundJob.payload).where(BackgroundJob.id == job.id)) is None
    )
    assert outbox(in_thread) == []


def test_a_working_mail_server_sends_once(in_thread, client) -> None:  # type: ignore[no-untyped-def]
    register(client, "/auth/register")
    (job,) = mail_jobs()
    record = wait_for(job.id)
    assert record.status == "finished" and record.result == {"sent": True, "to": "rina@example.com"}
    assert [m.to for m in outbox(in_thread)] == ["rina@example.com"]


def test_a_retry_after_the_send_does_not_send_again(in_thread, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real_checkpoint = JobContext.checkpoint
    lost: list[str] = []

    def checkpoint_then_lose_the_worker(self, **values):  # type: ignore[no-untyped-def]
        real_checkpoint(self, **values)
        if not lost:
            lost.append(self.job_id)
            raise RuntimeError("worker lost after sending")

    monkeypatch.setattr(JobContext, "checkpoint", checkpoint_then_lose_the_worker)
    mail.queue("rina@example.com", "Halo", "Isi pesan")
    db.session.commit()
    (job,) = mail_jobs()
    record = wait_for(job.id)
    assert lost == [job.id]
    assert record.status == "finished" and record.attempts == 2
    assert [m.subject for m in outbox(in_thread)] == ["Halo"]  # sent once, not twice


def test_a_rolled_back_change_sends_nothing(app) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    db.session.commit()
    notifications.notify(user, "organisation", {"event": "verified", "organisation": "X"}, "/")
    db.session.rollback()
    assert mail_jobs() == [] and outbox(app) == []
    assert db.session.scalar(select(Notification)) is None


def test_a_committed_notification_is_mailed_by_a_job(app) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    db.session.commit()
    notifications.notify(user, "organisation", {"event": "verified", "organisation": "X"}, "/")
    db.session.commit()
    (job,) = mail_jobs()
    assert job.status == "finished" and job.params["to"] == user.email
    assert [m.to for m in outbox(app)] == [user.email]
