"""Every email the site writes (account emails, each notification kind, organisation decisions,
the saved-search digest), in both languages, under the Jawa Barat profile: subject and body
name the profile's platform and never "Banten"."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask_babel import force_locale

from app.extensions import db
from app.services import account_links, digests, mail, notifications
from app.services.organisations import SUBJECTS
from tests.factories import UserFactory, VacancyFactory
from tests.profiles.conftest import BANTEN

FIELD = re.compile(r"%\((\w+)\)s")
NOTIFICATIONS = [
    ("application_received", {"vacancy": "Web Developer", "applicant": "Siti"}),
    (
        "application_moved",
        {
            "vacancy": "Web Developer",
            "organisation": "PT Contoh",
            "status": "interview",
            "reason": "other",
            "interview_at": "2026-05-04T09:00:00+07:00",
            "interview_place": "Kantor",
            "message": "Sampai jumpa",
        },
    ),
    ("application_reopened", {"vacancy": "Web Developer", "organisation": "PT Contoh"}),
    *[("organisation", {"event": event, "organisation": "PT Contoh"}) for event in SUBJECTS],
    *[
        (
            "curriculum_sync",
            {"event": event, "school": "SMK Contoh", "programme": "RPL", "partner": "PT Contoh"},
        )
        for event in ("invited", "endorsed", "declined")
    ],
]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(subject, body) of every email queued."""
    found: list[tuple[str, str]] = []
    monkeypatch.setattr(mail, "queue", lambda _to, subject, body: found.append((subject, body)))
    return found


@pytest.mark.parametrize("locale", ["id", "en"])
def test_no_email_says_banten(jabar_app: Flask, sent: list[tuple[str, str]], locale: str) -> None:
    with jabar_app.test_request_context():
        for kind, (_subject, body) in account_links.EMAILS.items():
            fields = {name: "X" for name in FIELD.findall(str(body)) if name != "platform"}
            account_links.send_account_email(kind, "a@example.com", locale, **fields)
        user = UserFactory(role="seeker", locale=locale)
        for kind, params in NOTIFICATIONS:
            notifications.notify(user, kind, params, "/notifications/")
        db.session.rollback()
        vacancy = VacancyFactory()
        with force_locale(locale):
            sent.append(digests._email(user, [(vacancy, "Laravel")]))
    expected = len(account_links.EMAILS) + len(NOTIFICATIONS) + 1
    assert len(sent) == expected
    for subject, body in sent:
        assert BANTEN.search(subject + body) is None, (subject, body)
    platform = [body for _s, body in sent if "Link & Match Jawa Barat" in body]
    # every email names the platform of the profile
    assert len(platform) == expected
