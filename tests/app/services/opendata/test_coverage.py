"""Programme coverage's building blocks (``app.services.opendata.coverage``): the twelve-month
window, the districts' top demanded skills with ties, and the catalogue's time interval."""

from __future__ import annotations

from datetime import date

import pytest

from app.extensions import db
from app.models import SkillDemand
from app.services.opendata import coverage
from app.services.opendata.catalogue import _temporal
from tests.factories import SkillFactory, any_region


@pytest.mark.parametrize(
    ("month", "start"),
    [
        (date(2025, 12, 1), date(2025, 1, 1)),
        (date(2025, 6, 1), date(2024, 7, 1)),
        (date(2025, 1, 1), date(2024, 2, 1)),
        (date(2000, 11, 1), date(1999, 12, 1)),
    ],
)
def test_the_window_is_twelve_months_ending_with_the_month(month: date, start: date) -> None:
    assert coverage.window_start(month) == start


@pytest.mark.parametrize(
    ("start", "month", "interval"),
    [
        ("2024-07", date(2025, 6, 1), "2024-07-01/2025-06-30"),
        ("2024-03", date(2024, 2, 1), "2024-03-01/2024-02-29"),  # a leap February
        ("2025-02", date(2025, 2, 1), "2025-02-01/2025-02-28"),
    ],
)
def test_the_catalogue_interval_ends_on_the_months_last_day(
    start: str, month: date, interval: str
) -> None:
    assert _temporal(start, month) == interval


def _demand(skill, region, month: date, vacancies: int, required: bool = True) -> None:  # type: ignore[no-untyped-def]
    db.session.add(
        SkillDemand(
            skill_id=skill.id,
            region_id=region.id,
            month=month,
            closed_month=None,
            occupation_code=None,
            min_education=None,
            required=required,
            vacancies=vacancies,
            open_vacancies=vacancies,
        )
    )


def test_top_skills_sum_the_window_and_count_required_asks_only(app) -> None:  # type: ignore[no-untyped-def]
    region = any_region()
    python, sql, excel = (
        SkillFactory(id="s-python"),
        SkillFactory(id="s-sql"),
        SkillFactory(id="s-excel"),
    )
    june = date(2025, 6, 1)
    _demand(python, region, date(2025, 1, 1), 2)
    _demand(python, region, june, 2)
    _demand(sql, region, june, 3)
    _demand(excel, region, june, 9, required=False)  # nice to have: not counted
    _demand(excel, region, date(2024, 6, 1), 9)  # before the window
    db.session.commit()
    assert coverage.top_skills(june) == {region.id: ["s-python", "s-sql"]}


def test_top_skills_break_ties_by_skill_id_and_keep_twenty(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    region = any_region()
    month = date(2025, 3, 1)
    for n in range(5):
        _demand(SkillFactory(id=f"s-{n}"), region, month, 1)
    _demand(SkillFactory(id="s-z"), region, month, 4)
    db.session.commit()
    assert coverage.top_skills(month)[region.id] == ["s-z", "s-0", "s-1", "s-2", "s-3", "s-4"]
    monkeypatch.setattr(coverage, "TOP_SKILLS", 3)
    assert coverage.top_skills(month)[region.id] == ["s-z", "s-0", "s-1"]


def test_no_demand_no_top_skills(app) -> None:  # type: ignore[no-untyped-def]
    assert coverage.top_skills(date(2025, 3, 1)) == {}
    assert coverage.build_coverage(date(2025, 3, 1)) == []
