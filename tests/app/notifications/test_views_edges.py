"""Notification pages without a valid form: nothing is marked read; a missing notification is
not found; the read time of an opened notification is kept when it is opened again."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import Notification
from app.services import notifications
from tests.conftest import login_as, post_form
from tests.factories import UserFactory

PARAMS = {"vacancy": "Teknisi Jaringan", "applicant": "Rina"}


def _unread(user) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.recipient_id == user.id, Notification.read_at.is_(None)
        )
    )


def _two_for(user) -> list[Notification]:  # type: ignore[no-untyped-def]
    made = [
        notifications.notify(user, "application_received", PARAMS, "/employer/", email=False)
        for _ in range(2)
    ]
    db.session.commit()
    return made


def test_opening_without_the_csrf_token_marks_nothing_read(client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    first, _second = _two_for(user)
    login_as(client, user)
    assert client.post(f"/notifications/{first.id}").status_code == 400  # CSRFProtect
    assert _unread(user) == 2


def test_mark_all_read_without_the_csrf_token_marks_nothing(client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    _two_for(user)
    login_as(client, user)
    assert client.post("/notifications/read-all").status_code == 400
    assert _unread(user) == 2


def test_mark_all_read_leaves_other_users_alone_and_says_so(client) -> None:  # type: ignore[no-untyped-def]
    user, other = UserFactory(), UserFactory()
    _two_for(user)
    _two_for(other)
    login_as(client, user)
    response = post_form(
        client, "/notifications/", "/notifications/read-all", {}, follow_redirects=True
    )
    assert "Semua notifikasi ditandai sudah dibaca." in response.get_data(as_text=True)
    assert (_unread(user), _unread(other)) == (0, 2)


def test_a_missing_notification_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, UserFactory())
    assert post_form(client, "/notifications/", "/notifications/987654", {}).status_code == 404


def test_opening_twice_keeps_the_first_read_time(client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    first, second = _two_for(user)
    login_as(client, user)
    post_form(client, "/notifications/", f"/notifications/{first.id}", {})
    db.session.expire_all()
    read_at = db.session.get(Notification, first.id).read_at
    assert read_at is not None
    post_form(client, "/notifications/", f"/notifications/{first.id}", {})
    db.session.expire_all()
    assert db.session.get(Notification, first.id).read_at == read_at
    assert db.session.get(Notification, second.id).read_at is None
