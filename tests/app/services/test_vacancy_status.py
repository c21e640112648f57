"""A vacancy's status over time (``vacancies.change_status`` and ``vacancies.expire``): who may
publish, what re-opening and publishing after a take-down do, and which vacancies close on
their own (with the employer told)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from flask import Flask
from flask_babel import force_locale

from app.extensions import db
from app.models import Notification
from app.services import vacancies
from app.services.errors import PermissionDeniedError, ValidationError
from tests.factories import EmployerFactory, OrganisationFactory, VacancyFactory

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def member_of(vacancy):  # type: ignore[no-untyped-def]
    return EmployerFactory(organisation=vacancy.organisation)


# change_status ------------------------------------------------------------------------------


def test_publishing_a_draft_stamps_the_posting_time_once(app: Flask) -> None:
    vacancy = VacancyFactory(status="draft", posted_at=None)
    vacancies.change_status(vacancy, "publish", member_of(vacancy))
    assert vacancy.status == "open" and vacancy.posted_at is not None
    first = vacancy.posted_at
    vacancies.change_status(vacancy, "unpublish", member_of(vacancy))
    vacancies.change_status(vacancy, "publish", member_of(vacancy))
    assert (vacancy.status, vacancy.posted_at) == ("open", first)


def test_reopening_a_closed_vacancy_publishes_it_anew(app: Flask) -> None:
    old = datetime(2026, 1, 1, 8, 0)
    vacancy = VacancyFactory(status="closed", posted_at=old, closed_reason="expired")
    vacancies.change_status(vacancy, "reopen", member_of(vacancy))
    assert vacancy.status == "open"
    assert vacancy.posted_at > old
    assert vacancy.closed_reason == ""


def test_publishing_after_a_take_down_goes_back_to_review(app: Flask) -> None:
    vacancy = VacancyFactory(status="closed", moderation_status="removed")
    vacancies.change_status(vacancy, "publish", member_of(vacancy))
    assert (vacancy.status, vacancy.moderation_status) == ("open", "held")


@pytest.mark.parametrize(
    "organisation",
    [
        lambda: OrganisationFactory(verification_status="pending"),
        lambda: OrganisationFactory(suspended=True),
    ],
    ids=["unverified", "suspended"],
)
def test_an_untrusted_organisation_cannot_publish(app: Flask, organisation) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(status="draft", organisation=organisation())
    with pytest.raises(PermissionDeniedError):
        vacancies.change_status(vacancy, "publish", member_of(vacancy))
    db.session.rollback()
    db.session.refresh(vacancy)
    assert vacancy.status == "draft"


def test_closing_needs_no_verification(app: Flask) -> None:
    vacancy = VacancyFactory(organisation=OrganisationFactory(suspended=True))
    vacancies.change_status(vacancy, "close", member_of(vacancy))
    assert vacancy.status == "closed"


def test_a_past_closing_date_must_be_changed_before_publishing(app: Flask) -> None:
    vacancy = VacancyFactory(status="draft", closing_date=date(2020, 1, 1))
    with pytest.raises(ValidationError) as raised:
        vacancies.change_status(vacancy, "publish", member_of(vacancy))
    assert raised.value.field == "closing_date"
    assert raised.value.message == "The closing date has passed: choose a date from today on."


def test_an_unknown_action_is_refused(app: Flask) -> None:
    vacancy = VacancyFactory()
    with pytest.raises(ValidationError) as raised:
        vacancies.change_status(vacancy, "archive", member_of(vacancy))
    assert (raised.value.field, raised.value.message) == ("action", "archive")
    assert vacancy.status == "open"


def test_counts_by_status(app: Flask) -> None:
    VacancyFactory()
    VacancyFactory()
    VacancyFactory(status="draft")
    assert vacancies.count_by_status() == {"open": 2, "draft": 1}


# expire -------------------------------------------------------------------------------------


def told(vacancy) -> list[dict]:  # type: ignore[no-untyped-def]
    member_ids = [m.id for m in vacancy.organisation.members]
    return [
        n.params
        for n in db.session.query(Notification).filter(Notification.recipient_id.in_(member_ids))
    ]


def test_a_passed_closing_date_closes_the_vacancy_the_day_after(app: Flask) -> None:
    closes_yesterday = VacancyFactory(closing_date=TODAY - timedelta(days=1))
    closes_today = VacancyFactory(closing_date=TODAY)
    draft = VacancyFactory(status="draft", closing_date=TODAY - timedelta(days=30))
    assert vacancies.expire(TODAY, 60) == {"closing_date": 1, "expired": 0}
    assert (closes_yesterday.status, closes_yesterday.closed_reason) == ("closed", "closing_date")
    assert closes_today.status == "open"
    assert draft.status == "draft"


def test_a_vacancy_without_a_date_closes_after_the_longest_open_time(app: Flask) -> None:
    stale = VacancyFactory(posted_at=datetime(2026, 4, 15, 10, 0))  # 61 days before
    fresh = VacancyFactory(posted_at=datetime(2026, 4, 16, 10, 0))  # 60 days before
    dated = VacancyFactory(posted_at=datetime(2026, 1, 1), closing_date=TODAY + timedelta(days=5))
    member_of(stale)  # a member to be told
    assert vacancies.expire(TODAY, 60) == {"closing_date": 0, "expired": 1}
    assert (stale.status, stale.closed_reason) == ("closed", "expired")
    assert fresh.status == "open" and dated.status == "open"
    assert [n["event"] for n in told(stale)] == ["expired"]
    assert told(stale)[0]["reason"] == "Web Developer (Laravel) (60+)"


def test_expiry_runs_twice_without_closing_again(app: Flask) -> None:
    VacancyFactory(closing_date=TODAY - timedelta(days=3))
    VacancyFactory(posted_at=datetime(2025, 1, 1))
    assert vacancies.expire(TODAY, 60) == {"closing_date": 1, "expired": 1}
    assert vacancies.expire(TODAY, 60) == {"closing_date": 0, "expired": 0}


def test_the_longest_open_time_comes_from_the_settings(app: Flask) -> None:
    vacancy = VacancyFactory(posted_at=datetime(2026, 6, 1))
    app.config["VACANCY_MAX_OPEN_DAYS"] = 10
    assert vacancies.expire(TODAY) == {"closing_date": 0, "expired": 1}
    assert vacancy.closed_reason == "expired"
