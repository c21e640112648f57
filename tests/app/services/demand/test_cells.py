"""The SQL helpers and cell lookups of the demand aggregate (``app.services.demand.sql`` and
``cells``): month and day functions on the database, the closing-day rule, and which cells and
skills a set of vacancies touches."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, literal, select

from app.extensions import db
from app.models import SkillDemand, Vacancy, VacancyDemand, VacancySkill
from app.services.demand import cells, sql
from tests.factories import OrganisationFactory, SkillFactory, VacancyFactory


def _scalar(expression):  # type: ignore[no-untyped-def]
    return db.session.scalar(select(expression))


@pytest.mark.parametrize(
    ("moment", "first"),
    [
        (date(2025, 3, 31), date(2025, 3, 1)),
        (datetime(2024, 2, 29, 23, 59), date(2024, 2, 1)),
        (date(2025, 1, 1), date(2025, 1, 1)),
    ],
)
def test_month_start(moment: date, first: date) -> None:
    assert sql.month_start(moment) == first


@pytest.mark.parametrize(
    ("month", "following"),
    [
        (date(2025, 1, 1), date(2025, 2, 1)),
        (date(2025, 11, 1), date(2025, 12, 1)),
        (date(2025, 12, 1), date(2026, 1, 1)),
    ],
)
def test_next_month_crosses_the_year(month: date, following: date) -> None:
    assert sql.next_month(month) == following


def test_month_of_and_day_of_in_the_database(app) -> None:  # type: ignore[no-untyped-def]
    moment = literal(datetime(2025, 12, 31, 23, 30))
    assert _scalar(sql.month_of(moment)) == date(2025, 12, 1)
    assert _scalar(sql.day_of(moment)) == date(2025, 12, 31)


@pytest.mark.parametrize(
    ("later", "earlier", "days"),
    [
        (datetime(2025, 3, 2, 0, 0), datetime(2025, 3, 1, 0, 0), 1),
        (datetime(2025, 3, 2, 11, 59), datetime(2025, 3, 1, 12, 0), 0),  # whole days only
        (datetime(2025, 3, 1), datetime(2025, 2, 1), 28),
        (datetime(2025, 3, 1), datetime(2025, 3, 1), 0),
    ],
)
def test_days_between_rounds_down(app, later: datetime, earlier: datetime, days: int) -> None:  # type: ignore[no-untyped-def]
    assert _scalar(sql.days_between(literal(later), literal(earlier))) == days


def _closed_on(vacancy: Vacancy) -> date | None:
    return db.session.scalar(select(sql.closed_on()).where(Vacancy.id == vacancy.id))


def _updated(vacancy: Vacancy, when: datetime) -> None:
    db.session.execute(
        Vacancy.__table__.update().where(Vacancy.id == vacancy.id).values(updated_at=when)
    )
    db.session.commit()


def test_a_closed_vacancy_closes_on_its_closing_date_when_that_came_first(app) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(status="closed", closing_date=date(2025, 5, 10))
    _updated(vacancy, datetime(2025, 6, 3, 9, 0))
    assert _closed_on(vacancy) == date(2025, 5, 10)


def test_a_closed_vacancy_closes_on_its_last_change_when_that_came_first(app) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(status="closed", closing_date=date(2025, 7, 1))
    _updated(vacancy, datetime(2025, 6, 3, 9, 0))
    assert _closed_on(vacancy) == date(2025, 6, 3)
    undated = VacancyFactory(status="closed", closing_date=None)
    _updated(undated, datetime(2025, 4, 20, 8, 0))
    assert _closed_on(undated) == date(2025, 4, 20)


def test_an_open_vacancy_closes_on_its_closing_date_or_never(app) -> None:  # type: ignore[no-untyped-def]
    dated = VacancyFactory(status="open", closing_date=date(2025, 9, 30))
    undated = VacancyFactory(status="open", closing_date=None)
    assert _closed_on(dated) == date(2025, 9, 30)
    assert _closed_on(undated) is None


def test_cells_of_vacancies_leave_out_unposted_ones(app) -> None:  # type: ignore[no-untyped-def]
    posted = VacancyFactory(posted_at=datetime(2025, 3, 15, 10, 0))
    same_cell = VacancyFactory(posted_at=datetime(2025, 3, 1, 0, 0), region=posted.region)
    draft = VacancyFactory(status="draft", posted_at=None)
    found = cells.cells_of([posted.id, same_cell.id, draft.id, posted.id])
    assert found == {(posted.region_id, date(2025, 3, 1))}
    assert cells.cells_of([]) == set()


def test_cells_of_reads_more_ids_than_one_query_takes(app) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(posted_at=datetime(2024, 12, 31, 23, 0))
    ids = [*range(100_000, 101_500), vacancy.id]  # 1,501 ids: two chunks
    assert cells.cells_of(ids) == {(vacancy.region_id, date(2024, 12, 1))}


def test_skills_of_counts_rejected_links_too(app) -> None:  # type: ignore[no-untyped-def]
    kept, rejected, elsewhere = SkillFactory(), SkillFactory(), SkillFactory()
    vacancy = VacancyFactory(posted_at=datetime(2025, 1, 5))
    other = VacancyFactory(posted_at=datetime(2025, 1, 5))
    db.session.add_all(
        [
            VacancySkill(
                vacancy_id=vacancy.id, skill_id=kept.id, importance="required", origin="declared"
            ),
            VacancySkill(
                vacancy_id=vacancy.id,
                skill_id=rejected.id,
                importance="required",
                origin="declared",
                rejected=True,
            ),
            VacancySkill(
                vacancy_id=other.id,
                skill_id=elsewhere.id,
                importance="preferred",
                origin="declared",
            ),
        ]
    )
    db.session.commit()
    assert cells.skills_of([vacancy.id]) == {kept.id, rejected.id}
    assert cells.skills_of([vacancy.id, other.id]) == {kept.id, rejected.id, elsewhere.id}


def test_cells_of_organisations(app) -> None:  # type: ignore[no-untyped-def]
    org = OrganisationFactory()
    march = VacancyFactory(organisation=org, posted_at=datetime(2025, 3, 3))
    VacancyFactory(organisation=org, posted_at=datetime(2025, 4, 3), region=march.region)
    VacancyFactory(organisation=org, status="draft", posted_at=None)
    VacancyFactory(posted_at=datetime(2025, 5, 3))  # another organisation's
    assert cells.cells_of_organisations([org.id]) == {
        (march.region_id, date(2025, 3, 1)),
        (march.region_id, date(2025, 4, 1)),
    }
    assert cells.cells_of_organisations([]) == set()


def test_refreshing_no_cells_does_nothing(app) -> None:  # type: ignore[no-untyped-def]
    assert cells.refresh_cells([]) == 0


def test_refresh_counts_distinct_cells_and_is_idempotent(app) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory()
    vacancy = VacancyFactory(posted_at=datetime(2025, 2, 10))
    db.session.add(
        VacancySkill(
            vacancy_id=vacancy.id, skill_id=skill.id, importance="required", origin="declared"
        )
    )
    db.session.commit()
    cell = (vacancy.region_id, date(2025, 2, 1))
    assert cells.refresh_cells([cell, cell]) == 1
    db.session.commit()
    once = db.session.scalar(select(func.count(SkillDemand.id)))
    cells.refresh_cells([cell])
    db.session.commit()
    assert db.session.scalar(select(func.count(SkillDemand.id))) == once == 1
    row = db.session.scalar(select(SkillDemand))
    assert (row.skill_id, row.month, row.required, row.vacancies, row.open_vacancies) == (
        skill.id,
        date(2025, 2, 1),
        True,
        1,
        1,
    )
    totals = db.session.execute(
        select(VacancyDemand.with_skills, func.sum(VacancyDemand.vacancies)).group_by(
            VacancyDemand.with_skills
        )
    ).all()
    assert dict(totals) == {True: 1}


def test_a_refresh_of_some_skills_leaves_the_other_skills_rows(app) -> None:  # type: ignore[no-untyped-def]
    first, second = SkillFactory(), SkillFactory()
    vacancy = VacancyFactory(posted_at=datetime(2025, 2, 10))
    db.session.add_all(
        [
            VacancySkill(
                vacancy_id=vacancy.id, skill_id=first.id, importance="required", origin="declared"
            ),
            VacancySkill(
                vacancy_id=vacancy.id, skill_id=second.id, importance="preferred", origin="declared"
            ),
        ]
    )
    db.session.commit()
    cell = (vacancy.region_id, date(2025, 2, 1))
    cells.refresh_cells([cell])
    db.session.commit()
    db.session.execute(
        VacancySkill.__table__.update()
        .where(VacancySkill.skill_id == second.id)
        .values(rejected=True)
    )
    cells.refresh_cells([cell], skills=[first.id])
    db.session.commit()
    # only the first skill's rows were recomputed: the second's stale row stays until its turn
    assert sorted(db.session.scalars(select(SkillDemand.skill_id))) == sorted([first.id, second.id])
    cells.refresh_cells([cell], skills=[second.id])
    db.session.commit()
    assert list(db.session.scalars(select(SkillDemand.skill_id))) == [first.id]
