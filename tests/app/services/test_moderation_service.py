"""Moderation (``services.moderation``): report refusals, a second report by the same person,
pay medians from enough counted vacancies only, screening that keeps a held vacancy held, and
the queue's order; every moderator action is for administrators only."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.models import VacancyReport
from app.services import moderation
from app.services.errors import PermissionDeniedError, ValidationError
from tests.factories import (
    EmployerFactory,
    OrganisationFactory,
    SeekerProfileFactory,
    UserFactory,
    VacancyFactory,
)


@pytest.fixture(autouse=True)
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def reports() -> int:
    return db.session.scalar(select(func.count()).select_from(VacancyReport)) or 0


@pytest.mark.parametrize(
    ("reason", "details", "field", "message"),
    [
        ("spam", "", "reason", "Choose a reason."),
        ("other", "   ", "details", "Tell us what is wrong."),
        ("fake_company", "x" * 2001, "details", "Use at most 2000 characters."),
    ],
)
def test_bad_reports_are_refused_naming_the_field(
    app: Flask, reason: str, details: str, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        moderation.report(VacancyFactory(), None, reason, details)
    assert (raised.value.field, raised.value.message) == (field, message)
    assert reports() == 0


def test_one_open_report_per_person_and_anonymous_reports_are_not_merged(app: Flask) -> None:
    vacancy = VacancyFactory()
    reporter = SeekerProfileFactory().user
    moderation.report(vacancy, reporter, "asks_money", "")
    with pytest.raises(ValidationError) as raised:
        moderation.report(vacancy, reporter, "fake_company", "")
    assert raised.value.message == "You have already reported this vacancy."
    moderation.report(vacancy, None, "asks_money", "")
    moderation.report(vacancy, None, "asks_money", "")
    assert reports() == 3


def test_only_verified_seekers_reports_count_towards_holding(app: Flask) -> None:
    app.config["REPORTS_TO_HOLD"] = 2
    vacancy = VacancyFactory()
    moderation.report(vacancy, EmployerFactory(), "fake_company", "")
    moderation.report(vacancy, UserFactory(email_verified_at=None), "fake_company", "")
    moderation.report(vacancy, None, "fake_company", "")
    moderation.report(vacancy, SeekerProfileFactory().user, "fake_company", "")
    assert vacancy.moderation_status == "clear"
    moderation.report(vacancy, SeekerProfileFactory().user, "asks_money", "")
    assert vacancy.moderation_status == "held"


def test_a_pay_median_needs_ten_counted_vacancies(app: Flask) -> None:
    for n in range(9):
        VacancyFactory(
            min_education="d3",
            salary_min=None,
            salary_max=4_000_000 + n * 100_000,
            posted_at=datetime(2026, 1, 1) + timedelta(days=n),
        )
    VacancyFactory(min_education="d3", salary_max=99_000_000, moderation_status="held",
                   posted_at=datetime(2026, 1, 1))  # fmt: skip
    VacancyFactory(min_education="d3", salary_max=99_000_000, posted_at=None)
    assert moderation.median_salary("d3") is None
    VacancyFactory(min_education="d3", salary_min=5_000_000, salary_max=None,
                   posted_at=datetime(2026, 2, 1))  # fmt: skip
    assert moderation.median_salary("d3") == 4_450_000.0
    assert moderation.medians()["s1"] is None


def test_screening_holds_a_vacancy_and_an_edit_does_not_release_it(app: Flask) -> None:
    vacancy = VacancyFactory(description="Wajib transfer biaya pendaftaran Rp 250.000.")
    moderation.screen(vacancy, {})
    assert vacancy.moderation_status == "held"
    flags = [(f["code"], f["field"], f["excerpt"]) for f in vacancy.moderation_flags]
    assert flags == [
        ("fee", "description", "Wajib transfer"),
        ("fee", "description", "biaya pendaftaran"),
    ]
    vacancy.description = "Membangun aplikasi web dengan Laravel."
    moderation.screen(vacancy, {})
    assert vacancy.moderation_status == "held"
    honest = VacancyFactory()
    honest.moderation_flags = [{"code": "old"}]
    moderation.screen(honest, {})
    assert (honest.moderation_status, honest.moderation_flags) == ("clear", [])


def test_pay_far_above_the_median_is_a_signal(app: Flask) -> None:
    vacancy = VacancyFactory(min_education="sma_smk", salary_min=9_000_000, salary_max=9_000_000)
    moderation.screen(vacancy, {"sma_smk": 2_000_000.0})
    assert [f["code"] for f in vacancy.moderation_flags] == ["salary_outlier"]
    fair = VacancyFactory(min_education="sma_smk", salary_min=7_000_000, salary_max=7_000_000)
    moderation.screen(fair, {"sma_smk": 2_000_000.0})
    assert fair.moderation_status == "clear"


def test_the_queue_puts_the_most_reported_first(app: Flask) -> None:
    held = VacancyFactory(title="Ditahan", moderation_status="held")
    once = VacancyFactory(title="Sekali")
    twice = VacancyFactory(title="Dua kali")
    VacancyFactory(title="Bersih")
    moderation.report(once, None, "fake_company", "")
    moderation.report(twice, None, "fake_company", "")
    moderation.report(twice, None, "asks_money", "")
    queue = moderation.queue()
    assert [item.vacancy.title for item in queue][:2] == ["Dua kali", "Sekali"]
    assert {item.vacancy.id for item in queue} == {held.id, once.id, twice.id}
    assert moderation.count_waiting() == 3


@pytest.mark.parametrize(
    "act",
    [
        lambda v, u: moderation.approve(v, u),
        lambda v, u: moderation.unpublish(v, u, "x"),
        lambda v, u: moderation.act_on_organisation(v.organisation, u, "suspend", "x"),
    ],
    ids=["approve", "unpublish", "suspend"],
)
def test_moderator_actions_are_for_administrators_only(app: Flask, act) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(moderation_status="held", organisation=OrganisationFactory())
    for who in (EmployerFactory(organisation=vacancy.organisation), UserFactory(role="planner")):
        with pytest.raises(PermissionDeniedError):
            act(vacancy, who)
    assert vacancy.moderation_status == "held" and not vacancy.organisation.suspended


def test_an_unknown_organisation_action_is_refused(app: Flask) -> None:
    vacancy = VacancyFactory()
    with pytest.raises(ValidationError) as raised:
        moderation.act_on_organisation(vacancy.organisation, UserFactory(role="admin"), "ban", "x")
    assert raised.value.field == "action"
