"""What each kind of notification says (``notifications.render``) with and without its optional
parts, and reading them: newest first, one's own only, marked read once."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale

from app.extensions import db
from app.models import Notification
from app.services import notifications
from app.services.errors import NotFoundError
from app.services.organisations import BODIES, SUBJECTS
from tests.factories import UserFactory


@pytest.fixture
def english(app: Flask):  # type: ignore[no-untyped-def]
    with app.test_request_context(), force_locale("en"):
        yield


def rendered(kind: str, **params: object) -> tuple[str, str]:
    shown = notifications.render(Notification(kind=kind, params=params))
    return shown.title, shown.body


def test_a_move_names_the_organisation_vacancy_and_status(english) -> None:  # type: ignore[no-untyped-def]
    title, body = rendered(
        "application_moved", organisation="PT Maju", vacancy="Teknisi", status="reviewed"
    )
    assert title == "Your application for Teknisi: Reviewed"
    assert body == "PT Maju moved your application for Teknisi to: Reviewed."


def test_a_rejection_gives_its_reason_and_the_employers_message(english) -> None:  # type: ignore[no-untyped-def]
    _title, body = rendered(
        "application_moved",
        organisation="PT Maju",
        vacancy="Teknisi",
        status="rejected",
        reason="position_filled",
        message="Terima kasih.",
    )
    assert body.splitlines() == [
        "PT Maju moved your application for Teknisi to: Rejected.",
        "Reason: Position already filled",
        "Message from the employer: Terima kasih.",
    ]


def test_an_interview_gives_the_time_in_the_platforms_zone_and_the_place(english) -> None:  # type: ignore[no-untyped-def]
    _title, body = rendered(
        "application_moved",
        organisation="PT Maju",
        vacancy="Teknisi",
        status="interview",
        interview_at="2026-03-02T02:30:00",
        interview_place="Jl. Raya Serang 1",
    )
    lines = body.splitlines()
    assert lines[1].startswith("Interview: Monday, 2 March 2026, 09:30")
    assert lines[2] == "Place: Jl. Raya Serang 1"
    assert len(lines) == 3


def test_a_reopened_application_with_and_without_a_message(english) -> None:  # type: ignore[no-untyped-def]
    title, body = rendered("application_reopened", organisation="PT Maju", vacancy="Teknisi")
    assert title == "Your application for Teknisi was reopened"
    assert body == "PT Maju reopened your application for Teknisi; it is being reviewed again."
    _title, body = rendered(
        "application_reopened", organisation="PT Maju", vacancy="Teknisi", message="Maaf."
    )
    assert body.endswith("\nMessage from the employer: Maaf.")


@pytest.mark.parametrize("event", sorted(SUBJECTS))
def test_every_organisation_event_has_a_subject_and_a_filled_body(english, event: str) -> None:  # type: ignore[no-untyped-def]
    title, body = rendered("organisation", event=event, organisation="PT Maju", reason="Alasan X")
    assert title == str(SUBJECTS[event])
    assert "PT Maju" in body and "%(" not in body
    if "%(reason)s" in str(BODIES[event]):
        assert "Alasan X" in body


def test_an_organisation_event_without_a_reason_shows_a_dash(english) -> None:  # type: ignore[no-untyped-def]
    _title, body = rendered("organisation", event="rejected", organisation="PT Maju", reason="")
    assert "Reason: -\n" in body


def test_the_subjects_and_bodies_cover_the_same_events() -> None:
    assert set(SUBJECTS) == set(BODIES)


def test_curriculum_sync_invitation_and_answers(english) -> None:  # type: ignore[no-untyped-def]
    title, body = rendered(
        "curriculum_sync", event="invited", school="SMKN 1 Serang", programme="TKJ"
    )
    assert title == "Curriculum sync invitation from SMKN 1 Serang"
    assert "review its curriculum sync plan for TKJ" in body
    title, body = rendered("curriculum_sync", event="endorsed", partner="PT Maju", programme="TKJ")
    assert title == "PT Maju endorsed the sync plan"
    assert body == "Sync plan for TKJ: PT Maju endorsed the sync plan"
    title, _body = rendered("curriculum_sync", event="declined", partner="PT Maju", programme="TKJ")
    assert title == "PT Maju did not endorse the sync plan"


def test_every_kind_has_a_renderer() -> None:
    from app.models.notification import NOTIFICATION_KINDS

    assert set(notifications.RENDERERS) == set(NOTIFICATION_KINDS)


# reading ------------------------------------------------------------------------------------


def add(user, n: int = 1) -> list[Notification]:  # type: ignore[no-untyped-def]
    made = [
        notifications.notify(
            user, "application_received", {"vacancy": f"V{i}", "applicant": "A"}, "/", email=False
        )
        for i in range(n)
    ]
    db.session.commit()
    return made


def test_the_list_is_newest_first_and_limited(app: Flask) -> None:
    user = UserFactory()
    made = add(user, 5)
    add(UserFactory(), 2)
    listed = notifications.for_user(user, limit=3)
    assert [n.id for n in listed] == [made[4].id, made[3].id, made[2].id]
    assert notifications.unread_count(user) == 5


def test_opening_marks_read_once_and_anothers_is_not_found(app: Flask) -> None:
    user, other = UserFactory(), UserFactory()
    (mine,) = add(user)
    (theirs,) = add(other)
    opened = notifications.open_notification(user, mine.id)
    first_read = opened.read_at
    assert first_read is not None
    assert notifications.open_notification(user, mine.id).read_at == first_read
    with pytest.raises(NotFoundError):
        notifications.open_notification(user, theirs.id)
    with pytest.raises(NotFoundError):
        notifications.open_notification(user, 999999)
    db.session.refresh(theirs)
    assert theirs.read_at is None


def test_mark_all_read_touches_only_ones_own(app: Flask) -> None:
    user, other = UserFactory(), UserFactory()
    add(user, 3)
    add(other, 2)
    notifications.mark_all_read(user)
    assert notifications.unread_count(user) == 0
    assert notifications.unread_count(other) == 2
    assert notifications.badge_count(other) == 2


def test_the_badge_is_zero_when_the_database_cannot_answer(app: Flask, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import OperationalError

    user = UserFactory()
    add(user, 2)

    def broken(_user):  # type: ignore[no-untyped-def]
        raise OperationalError("SELECT", {}, Exception("database down"))

    monkeypatch.setattr(notifications, "unread_count", broken)
    assert notifications.badge_count(user) == 0
