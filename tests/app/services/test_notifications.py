"""notify: the row joins the caller's transaction, the email leaves only after commit, in the
recipient's language, and a failing mail server never undoes the change."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Notification
from app.services import applications, mail, notifications
from app.services.errors import NotFoundError
from tests.conftest import outbox
from tests.factories import ApplicationFactory, EmployerFactory, UserFactory

PARAMS = {"vacancy": "Web Developer", "applicant": "Rina"}


def test_email_leaves_after_commit_and_not_on_rollback(app) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    notifications.notify(user, "application_received", PARAMS, "/employer/")
    assert outbox(app) == []  # not before the commit
    db.session.commit()
    assert [m.to for m in outbox(app)] == [user.email]
    notifications.notify(user, "application_received", PARAMS, "/employer/")
    db.session.rollback()
    db.session.commit()
    assert len(outbox(app)) == 1
    assert db.session.query(Notification).count() == 1


@pytest.mark.parametrize(
    ("locale", "subject", "body"),
    [
        ("id", "Lamaran baru untuk Web Developer", "Rina melamar Web Developer."),
        ("en", "New application for Web Developer", "Rina applied for Web Developer."),
    ],
)
def test_email_is_in_the_recipients_language(app, locale, subject, body) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(locale=locale)
    notifications.notify(user, "application_received", PARAMS, "/employer/vacancies/1")
    db.session.commit()
    (message,) = outbox(app)
    assert message.subject == subject
    assert body in message.body
    assert "http://127.0.0.1:5000/employer/vacancies/1" in message.body


def test_no_email_when_asked_or_for_inactive_accounts(app) -> None:  # type: ignore[no-untyped-def]
    notifications.notify(UserFactory(), "application_received", PARAMS, "/", email=False)
    notifications.notify(UserFactory(active=False), "application_received", PARAMS, "/")
    db.session.commit()
    assert outbox(app) == []
    assert db.session.query(Notification).count() == 2


def test_mail_failure_never_rolls_back_the_move(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    application = ApplicationFactory()
    employer = EmployerFactory(organisation=application.vacancy.organisation)

    def broken(*_args: object) -> None:
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(mail, "send", broken)
    applications.move(application, applications.Move("reviewed"), employer)
    db.session.expire_all()
    assert application.status == "reviewed"
    assert [n.kind for n in db.session.query(Notification)] == ["application_moved"]


def test_unread_count_open_and_mark_all_read(app) -> None:  # type: ignore[no-untyped-def]
    user, other = UserFactory(), UserFactory()
    first = notifications.notify(user, "application_received", PARAMS, "/a")
    notifications.notify(user, "application_received", PARAMS, "/b")
    theirs = notifications.notify(other, "application_received", PARAMS, "/c")
    db.session.commit()
    assert notifications.unread_count(user) == 2
    assert notifications.open_notification(user, first.id).read_at is not None
    assert notifications.unread_count(user) == 1
    with pytest.raises(NotFoundError):
        notifications.open_notification(user, theirs.id)
    notifications.mark_all_read(user)
    assert notifications.unread_count(user) == 0
    assert notifications.unread_count(other) == 1
