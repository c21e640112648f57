"""A planner's scope written twice (``app.services.planner.scope``): summed over the demand
aggregate's cells and counted over the vacancies, the two must give the same number for every
measure and filter; and the scope's query string."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import Vacancy, VacancyDemand
from app.services.demand import cells
from app.services.planner import Filters
from app.services.planner.scope import Scope
from tests.app.services.planner.scene import DATA, WEB, load_occupations, posted, regions
from tests.factories import VacancyFactory

JAN, FEB, MAR, APR, MAY = (date(2025, m, 1) for m in range(1, 6))


def _closed(vacancy: Vacancy, on: datetime) -> None:
    db.session.execute(
        update(Vacancy).where(Vacancy.id == vacancy.id).values(status="closed", updated_at=on)
    )
    db.session.commit()


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    """Six vacancies in two districts from January to May 2025 (one never posted)."""
    load_occupations()
    a, b = regions()[:2]
    made = {
        "jan_closed_feb": posted(date(2025, 1, 10), a),
        "jan_open": posted(date(2025, 1, 20), a, min_education="d3", closing_date=None),
        "mar_b": posted(date(2025, 3, 5), b, occupation=DATA),
        "mar_unclassified": posted(date(2025, 3, 28), a, occupation=None, salary_min=None,
                                   salary_max=None),
        "may_closing_apr": posted(date(2025, 5, 2), b, closing_date=date(2025, 4, 30)),
    }  # fmt: skip
    VacancyFactory(region=a, status="draft", posted_at=None)
    _closed(made["jan_closed_feb"], datetime(2025, 2, 14, 12, 0))
    cells.rebuild_all()
    db.session.commit()
    return {"a": a, "b": b, **made}


def _by_vacancies(scope: Scope) -> set[int]:
    return set(db.session.scalars(select(Vacancy.id).where(*scope.vacancy_clauses())))


def _by_cells(scope: Scope) -> int:
    total = db.session.scalar(
        select(func.sum(VacancyDemand.vacancies)).where(*scope.cell_clauses(VacancyDemand))
    )
    return int(total or 0)


def _ids(scene, *names: str) -> set[int]:  # type: ignore[no-untyped-def]
    return {scene[name].id for name in names}


@pytest.mark.parametrize(
    ("measure", "since", "until", "expected"),
    [
        ("posted", JAN, JAN, ["jan_closed_feb", "jan_open"]),
        ("posted", MAR, APR, ["mar_b", "mar_unclassified"]),
        ("posted", JAN, MAY, ["jan_closed_feb", "jan_open", "mar_b", "mar_unclassified",
                              "may_closing_apr"]),
        ("open", FEB, FEB, ["jan_closed_feb", "jan_open"]),  # closed in February: open in it
        ("open", MAR, MAR, ["jan_open", "mar_b", "mar_unclassified"]),
        ("open", MAY, MAY, ["jan_open", "mar_b", "mar_unclassified"]),
        ("open", JAN, JAN, ["jan_closed_feb", "jan_open"]),
    ],
)  # fmt: skip
def test_the_cells_and_the_vacancies_count_the_same(
    scene, measure: str, since: date, until: date, expected: list[str]
) -> None:  # type: ignore[no-untyped-def]
    scope = Scope(Filters(since=since, until=until), measure=measure)
    assert _by_vacancies(scope) == _ids(scene, *expected)
    assert _by_cells(scope) == len(expected)


def test_a_vacancy_closing_before_it_was_posted_is_never_open(scene) -> None:  # type: ignore[no-untyped-def]
    """Posted on 2 May with a closing date of 30 April: not open in April (not yet posted) nor
    in May (closed before the month began), in the cells and in the vacancies alike."""
    for month in (APR, MAY):
        scope = Scope(Filters(since=month, until=month), measure="open")
        assert scene["may_closing_apr"].id not in _by_vacancies(scope)
        assert _by_cells(scope) == len(_by_vacancies(scope))


def test_filters_narrow_both_ways_alike(scene) -> None:  # type: ignore[no-untyped-def]
    base = Scope(Filters(since=JAN, until=MAY))
    cases = {
        "region": (base.narrowed(region_id=scene["b"].id), ["mar_b", "may_closing_apr"]),
        "occupation": (base.narrowed(occupation_code=DATA), ["mar_b"]),
        "education": (base.narrowed(education="d3"), ["jan_open"]),
        "unclassified": (Scope(base.filters, unclassified=True), ["mar_unclassified"]),
        "unclassified wins over an occupation": (
            Scope(base.filters.__class__(JAN, MAY, occupation_code=WEB), unclassified=True),
            ["mar_unclassified"],
        ),
    }
    for name, (scope, expected) in cases.items():
        assert _by_vacancies(scope) == _ids(scene, *expected), name
        assert _by_cells(scope) == len(expected), name


def test_with_salary_and_without_period(scene) -> None:  # type: ignore[no-untyped-def]
    scope = Scope(Filters(since=MAR, until=MAR), with_salary=True)
    assert _by_vacancies(scope) == _ids(scene, "mar_b")
    everything = set(
        db.session.scalars(select(Vacancy.id).where(*scope.vacancy_clauses(period=False)))
    )
    assert everything == _ids(scene, "jan_closed_feb", "jan_open", "mar_b", "may_closing_apr")


def test_narrowed_changes_only_the_filters_given() -> None:
    scope = Scope(Filters(since=JAN, until=MAR, region_id=4), measure="open", skill_id="python")
    narrower = scope.narrowed(until=JAN, education="smk")
    assert narrower.filters == Filters(since=JAN, until=JAN, region_id=4, education="smk")
    assert (narrower.measure, narrower.skill_id) == ("open", "python")
    assert scope.filters.until == MAR  # the original stays


def test_query_args_carry_every_choice() -> None:
    plain = Scope(Filters(since=JAN, until=MAR))
    assert plain.query_args() == {"since": "2025-01", "until": "2025-03", "measure": "posted"}
    full = Scope(
        Filters(since=JAN, until=MAR, region_id=7, occupation_code="2512", education="d3"),
        measure="open",
        skill_id="esco-python",
        unclassified=True,
        with_salary=True,
    )
    assert full.query_args() == {
        "since": "2025-01",
        "until": "2025-03",
        "region": "7",
        "occupation": "2512",
        "education": "d3",
        "measure": "open",
        "skill": "esco-python",
        "unclassified": "1",
        "salary": "1",
    }
