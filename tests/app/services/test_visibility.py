"""Which vacancies and seekers reach people (``visibility``), each part of the rule on its own:
one vacancy or seeker that breaks only that part, next to one that passes; and the planners'
headline counts that use the same rule (``headline_counts``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import Vacancy
from app.services.clock import today
from app.services.headline_counts import headline_counts
from app.services.visibility import counted_vacancy_clauses, vacancy_is_public
from tests.factories import (
    CurriculumFactory,
    OrganisationFactory,
    SeekerProfileFactory,
    UserFactory,
    VacancyFactory,
)

BREAKS = {
    "draft": lambda: VacancyFactory(status="draft"),
    "closed": lambda: VacancyFactory(status="closed"),
    "past closing date": lambda: VacancyFactory(closing_date=today() - timedelta(days=1)),
    "held by moderation": lambda: VacancyFactory(moderation_status="held"),
    "removed by moderation": lambda: VacancyFactory(moderation_status="removed"),
    "organisation pending": lambda: VacancyFactory(
        organisation=OrganisationFactory(verification_status="pending")
    ),
    "organisation rejected": lambda: VacancyFactory(
        organisation=OrganisationFactory(verification_status="rejected")
    ),
    "organisation suspended": lambda: VacancyFactory(
        organisation=OrganisationFactory(suspended=True)
    ),
}


def counted() -> set[int]:
    return set(db.session.scalars(select(Vacancy.id).where(*counted_vacancy_clauses())))


@pytest.mark.parametrize("reason", sorted(BREAKS))
def test_a_vacancy_breaking_one_part_of_the_rule_is_not_public(app: Flask, reason: str) -> None:
    public = VacancyFactory()
    hidden = BREAKS[reason]()
    assert vacancy_is_public(public.id)
    assert not vacancy_is_public(hidden.id), reason
    assert headline_counts().open_vacancies == 1


def test_a_vacancy_closing_today_is_still_public(app: Flask) -> None:
    vacancy = VacancyFactory(closing_date=today())
    assert vacancy_is_public(vacancy.id)
    assert vacancy_is_public(VacancyFactory(closing_date=today() + timedelta(days=30)).id)


def test_an_unknown_vacancy_is_not_public(app: Flask) -> None:
    assert not vacancy_is_public(987654)


def test_reports_count_closed_and_past_vacancies_but_not_held_or_untrusted_ones(app: Flask) -> None:
    kept = {
        VacancyFactory().id,
        VacancyFactory(status="closed").id,
        VacancyFactory(closing_date=today() - timedelta(days=90)).id,
    }
    for reason in ("held by moderation", "removed by moderation", "organisation pending"):
        BREAKS[reason]()
    BREAKS["organisation suspended"]()
    assert counted() == kept


def test_visible_seekers_are_those_who_chose_it_with_an_active_account(app: Flask) -> None:
    SeekerProfileFactory(visibility="visible")
    SeekerProfileFactory(visibility="hidden")
    SeekerProfileFactory(visibility="visible", user=UserFactory(active=False))
    SeekerProfileFactory()  # hidden is the default
    assert headline_counts().visible_seekers == 1


def test_verified_employers_are_counted_without_agencies_schools_or_suspended_ones(
    app: Flask,
) -> None:
    OrganisationFactory()
    OrganisationFactory()
    OrganisationFactory(verification_status="pending")
    OrganisationFactory(suspended=True)
    OrganisationFactory(kind="school")
    OrganisationFactory(kind="agency")
    assert headline_counts().verified_employers == 2


def test_schools_count_once_with_a_published_curriculum_when_trusted(app: Flask) -> None:
    school = OrganisationFactory(kind="school")
    CurriculumFactory(organisation=school, status="published")
    CurriculumFactory(organisation=school, status="published", version_year=2024)
    CurriculumFactory(organisation=OrganisationFactory(kind="school"), status="draft")
    CurriculumFactory(
        organisation=OrganisationFactory(kind="school", verification_status="pending"),
        status="published",
    )
    CurriculumFactory(
        organisation=OrganisationFactory(kind="school", suspended=True), status="published"
    )
    assert headline_counts().schools_with_curricula == 1


def test_an_empty_platform_counts_zero(app: Flask) -> None:
    counts = headline_counts()
    assert (
        counts.open_vacancies,
        counts.verified_employers,
        counts.visible_seekers,
        counts.schools_with_curricula,
    ) == (0, 0, 0, 0)
    assert db.session.scalar(select(func.count()).select_from(Vacancy)) == 0
