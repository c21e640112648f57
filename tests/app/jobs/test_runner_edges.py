"""Edge cases of the job runner (``app.jobs.runner``): unknown kinds record nothing, an eager
job's file is read then dropped, a failed job keeps its error and nothing it wrote, checkpoints
survive a failed attempt, jobs added to a transaction follow it, and job pages are their
owner's (and administrators')."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.jobs import JobContext, enqueue, enqueue_after_commit, get, job, pending, registered
from app.jobs.runner import _execute
from app.models import BackgroundJob, Region
from tests.conftest import login_as
from tests.factories import UserFactory

SEEN: dict[str, object] = {}


@job("test.edges.read_payload")
def read_payload(context: JobContext) -> dict[str, object]:
    data = context.payload()
    SEEN["payload"] = data
    return {"bytes": len(data)}


@job("test.edges.nothing")
def returns_nothing(context: JobContext) -> None:
    context.progress(1, 4)


@job("test.edges.checkpoint_then_fail")
def checkpoint_then_fail(context: JobContext, fail: bool) -> dict[str, object]:
    earlier = context.checkpoints()
    SEEN.setdefault("earlier", []).append(dict(earlier))  # type: ignore[union-attr]
    context.checkpoint(mailed=True)
    context.checkpoint(step=2)
    db.session.add(Region(code="9998", name="Setengah Tersimpan", kind="kota", province="Banten"))
    db.session.flush()
    if fail:
        raise ValueError("SMTP menolak")
    return {"checkpoints": context.checkpoints()}


def _jobs() -> int:
    return db.session.scalar(select(func.count(BackgroundJob.id)))


def _half_saved() -> int:
    return db.session.scalar(select(func.count()).where(Region.name == "Setengah Tersimpan"))


@pytest.fixture(autouse=True)
def _clean() -> None:
    SEEN.clear()


def test_the_project_s_jobs_and_the_test_jobs_are_registered(app) -> None:  # type: ignore[no-untyped-def]
    kinds = registered()
    assert {"trainings.extract", "test.edges.read_payload"} <= set(kinds)
    assert kinds["test.edges.nothing"] is returns_nothing


def test_an_unknown_kind_is_refused_and_nothing_is_recorded(app) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyError, match="no job named 'test.edges.missing'"):
        enqueue("test.edges.missing", subject="x")
    with pytest.raises(KeyError):
        enqueue_after_commit("test.edges.missing")
    db.session.rollback()
    assert _jobs() == 0


def test_an_eager_job_reads_its_file_and_then_drops_it(app) -> None:  # type: ignore[no-untyped-def]
    record = enqueue("test.edges.read_payload", payload=b"a;b;c\n1;2;3\n", subject="upload:1")
    db.session.expire_all()
    done = get(record.id)
    assert SEEN["payload"] == b"a;b;c\n1;2;3\n"
    assert (done.status, done.result, done.attempts) == ("finished", {"bytes": 12}, 1)
    assert done.payload is None
    assert done.finished_at is not None and done.percent == 100
    assert pending("upload:1") is None  # a finished job keeps nothing waiting


def test_a_job_without_a_file_reads_empty_bytes(app) -> None:  # type: ignore[no-untyped-def]
    record = enqueue("test.edges.read_payload")
    db.session.expire_all()
    assert SEEN["payload"] == b""
    assert get(record.id).result == {"bytes": 0}


def test_a_job_that_returns_nothing_has_an_empty_result(app) -> None:  # type: ignore[no-untyped-def]
    record = enqueue("test.edges.nothing", owner_id=None)
    db.session.expire_all()
    done = get(record.id)
    assert (done.status, done.result) == ("finished", {})
    assert (done.done, done.total) == (1, 4)


def test_a_failed_eager_job_keeps_the_error_and_nothing_it_wrote(app) -> None:  # type: ignore[no-untyped-def]
    record = enqueue("test.edges.checkpoint_then_fail", payload=b"file", fail=True)
    db.session.expire_all()
    failed = get(record.id)
    assert failed.status == "failed"
    assert failed.error == "ValueError: SMTP menolak"
    assert failed.payload is None and failed.finished_at is not None
    assert _half_saved() == 0
    # the checkpoints were written in their own transactions and survive the rollback
    assert failed.result == {"mailed": True, "step": 2}


def test_a_retried_attempt_reads_the_checkpoints_of_the_failed_one(app) -> None:  # type: ignore[no-untyped-def]
    record = enqueue("test.edges.checkpoint_then_fail", fail=True)
    with pytest.raises(ValueError, match="SMTP"):
        _execute(record.id, "test.edges.checkpoint_then_fail", {"fail": True}, will_retry=True)
    db.session.expire_all()
    waiting = get(record.id)
    assert (waiting.status, waiting.attempts, waiting.finished_at) == ("queued", 2, None)
    result = _execute(record.id, "test.edges.checkpoint_then_fail", {"fail": False}, False)
    assert SEEN["earlier"] == [{}, {"mailed": True, "step": 2}, {"mailed": True, "step": 2}]
    assert result == {"checkpoints": {"mailed": True, "step": 2}}
    db.session.expire_all()
    assert (get(record.id).status, get(record.id).error, get(record.id).attempts) == (
        "finished",
        "",
        3,
    )
    assert _half_saved() == 1  # only the successful attempt's row


def test_running_an_unrecorded_job_is_a_lookup_error(app) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LookupError, match="job no-such-id is not recorded"):
        _execute("no-such-id", "test.edges.nothing", {}, will_retry=False)


def test_a_job_added_to_a_rolled_back_transaction_never_exists(app) -> None:  # type: ignore[no-untyped-def]
    enqueue_after_commit("test.edges.read_payload", subject="later")
    db.session.rollback()
    assert _jobs() == 0
    db.session.commit()  # a later commit starts nothing left over
    assert _jobs() == 0 and "payload" not in SEEN


def test_a_job_added_to_a_committed_transaction_runs_once(app) -> None:  # type: ignore[no-untyped-def]
    record = enqueue_after_commit("test.edges.read_payload", payload=b"xyz")
    job_id = record.id
    assert "payload" not in SEEN  # not before the commit
    db.session.commit()
    assert SEEN["payload"] == b"xyz"
    SEEN.clear()
    db.session.commit()
    assert "payload" not in SEEN
    db.session.expire_all()
    assert get(job_id).status == "finished"


def _stored_job(owner_id: int | None, status: str = "queued") -> BackgroundJob:
    record = BackgroundJob(
        id="0b7c6f0e-0000-4000-8000-000000000001",
        kind="test.edges.nothing",
        owner_id=owner_id,
        status=status,
        done=3,
        total=12,
    )
    db.session.add(record)
    db.session.commit()
    return record


def test_a_job_page_is_its_owner_s(client) -> None:  # type: ignore[no-untyped-def]
    owner, stranger = UserFactory(), UserFactory()
    record = _stored_job(owner.id)
    login_as(client, stranger)
    assert client.get(f"/jobs/{record.id}").status_code == 404
    assert client.get(f"/jobs/{record.id}/status.json").status_code == 404


def test_the_owner_reads_the_status_and_an_administrator_too(client) -> None:  # type: ignore[no-untyped-def]
    owner = UserFactory()
    record = _stored_job(owner.id)
    login_as(client, owner)
    assert client.get(f"/jobs/{record.id}/status.json").get_json() == {
        "status": "queued",
        "done": 3,
        "total": 12,
        "percent": 25,
        "attempts": 0,
    }
    assert client.get(f"/jobs/{record.id}").status_code == 200


def test_an_administrator_reads_any_job(client) -> None:  # type: ignore[no-untyped-def]
    record = _stored_job(None, status="finished")
    login_as(client, UserFactory(role="admin"))
    assert client.get(f"/jobs/{record.id}/status.json").get_json()["percent"] == 100


def test_an_over_long_or_unknown_job_id_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, UserFactory(role="admin"))
    assert client.get("/jobs/" + "a" * 37).status_code == 404
    assert client.get("/jobs/no-such-job/status.json").status_code == 404


def test_job_pages_need_a_login(client) -> None:  # type: ignore[no-untyped-def]
    record = _stored_job(None)
    response = client.get(f"/jobs/{record.id}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
