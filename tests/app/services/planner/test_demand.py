"""The Demand page's figures against hand-built vacancies: posted and open per month, by
district, occupation and education; skills most demanded, rising and new; salary quartiles;
the occupation and education filters; the aggregate follows a change of occupation."""

from __future__ import annotations

from datetime import date

import pytest

from app.extensions import db
from app.services import demand as demand_service
from app.services.planner import Figure, Filters, demand_skills, salaries
from app.services.planner import demand as page
from tests.app.services.planner.scene import DATA, WEB, load_occupations, posted, regions
from tests.factories import OrganisationFactory, SkillFactory

PERIOD = Filters(since=date(2026, 1, 1), until=date(2026, 3, 1))


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    """Four vacancies posted in 2026-01..03, one posted before and open into January, one a
    year earlier, one of an unverified employer; skills A, B, C."""
    load_occupations()
    context = app.test_request_context()  # figures link to the drill-down
    context.push()
    r1, r2 = regions()[:2]
    a, b, c = SkillFactory(), SkillFactory(), SkillFactory()
    posted(date(2026, 1, 10), r1, [(a, "required"), (b, "preferred")], WEB,
           salary_min=4_000_000, salary_max=6_000_000, title="Satu")  # fmt: skip
    posted(date(2026, 2, 5), r1, [(a, "required")], DATA, min_education="s1",
           salary_min=None, salary_max=8_000_000, status="closed",
           closing_date=date(2026, 2, 20), title="Dua")  # fmt: skip
    posted(date(2026, 3, 1), r2, [(b, "preferred"), (c, "required")], None, min_education="d3",
           salary_min=3_000_000, salary_max=None, title="Tiga")  # fmt: skip
    posted(date(2026, 3, 20), r2, [], WEB, salary_min=None, salary_max=None, title="Empat")
    posted(date(2025, 12, 15), r1, [(a, "required")], WEB, closing_date=date(2026, 1, 31),
           title="Lima")  # fmt: skip
    posted(date(2025, 2, 10), r1, [(a, "required")], WEB, status="closed",
           closing_date=date(2025, 3, 31), title="Setahun")  # fmt: skip
    posted(date(2026, 2, 10), r1, [(a, "required")], WEB, title="Belum terverifikasi",
           employer=OrganisationFactory(verification_status="pending"))  # fmt: skip
    yield {"r1": r1, "r2": r2, "a": a, "b": b, "c": c}
    context.pop()


def figure(figures: list[Figure], name: str) -> Figure:
    return next(f for f in figures if f.name == name)


def test_vacancies_posted_and_open_per_month_district_occupation_education(app, scene) -> None:  # type: ignore[no-untyped-def]
    figures = page.demand_figures(PERIOD)
    assert figure(figures, "per_month").rows == [
        ["2026-01", 1, 2],  # Satu; open: Satu and Lima (closing 31 January)
        ["2026-02", 1, 2],  # Dua; open: Satu and Dua (closed 20 February)
        ["2026-03", 2, 3],  # Tiga, Empat (no skill, still counted); open: Satu, Tiga, Empat
    ]
    r1, r2 = scene["r1"].name, scene["r2"].name
    assert sorted(figure(figures, "by_district").rows) == sorted([[r1, 2, 3], [r2, 2, 2]])
    occupations = {row[0][:4]: row[1:] for row in figure(figures, "by_occupation").rows}
    assert occupations == {WEB: [2, 3], DATA: [1, 1], "Belu": [1, 1]}  # Belum diklasifikasi
    assert sorted(figure(figures, "by_education").rows) == [["D3", 1, 1], ["S1 (sarjana)", 1, 1],
                                                            ["SMA/SMK", 2, 3]]  # fmt: skip


def test_occupation_and_education_filters(app, scene) -> None:  # type: ignore[no-untyped-def]
    web = Filters(PERIOD.since, PERIOD.until, occupation_code=WEB)
    figures = page.demand_figures(web)
    assert [row[1] for row in figure(figures, "per_month").rows] == [1, 0, 1]
    assert {row[1] for row in figure(figures, "top_skills").rows} == {1}
    s1 = Filters(PERIOD.since, PERIOD.until, region_id=scene["r1"].id, education="s1")
    assert figure(page.demand_figures(s1), "by_district").rows == [[scene["r1"].name, 1, 1]]


def test_skills_most_demanded(app, scene) -> None:  # type: ignore[no-untyped-def]
    rows = figure(page.demand_figures(PERIOD), "top_skills").rows
    a, b, c = (scene[k].label_id for k in "abc")
    assert rows == [[a, 2, 2, 50.0], [b, 2, 0, 50.0], [c, 1, 1, 25.0]]


def test_rising_and_new_skills_need_the_minimum_count(app, scene, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(demand_skills, "MIN_TREND", 2)
    figures = page.demand_figures(PERIOD)
    a, b = scene["a"].label_id, scene["b"].label_id
    rising = figure(figures, "rising")
    assert rising.headers[1:3] == ["2026-01 – 2026-03", "2025-01 – 2025-03"]
    assert rising.rows == [[a, 2, 1, 100.0]]  # from 1 (Setahun) to 2
    assert figure(figures, "new_skills").rows == [[b, 2, 0, None]]  # C: 1 vacancy, too few
    monkeypatch.setattr(demand_skills, "MIN_TREND", 3)
    figures = page.demand_figures(PERIOD)
    assert figure(figures, "rising").rows == [] and figure(figures, "new_skills").rows == []


def test_salary_quartiles_of_the_middle_of_the_range(app, scene) -> None:  # type: ignore[no-untyped-def]
    figures = page.demand_figures(PERIOD)
    by_district = {row[0]: row[1:] for row in figure(figures, "salary_by_district").rows}
    # Satu: middle of 4 and 6 million; Dua: 8 million (maximum only); Tiga: 3 million (minimum)
    assert by_district == {
        scene["r1"].name: [2, 5_750_000, 6_500_000, 7_250_000],
        scene["r2"].name: [1, 3_000_000, 3_000_000, 3_000_000],
    }
    by_occupation = {row[0][:4]: row[1:] for row in figure(figures, "salary_by_occupation").rows}
    assert by_occupation[WEB] == [1, 5_000_000, 5_000_000, 5_000_000]  # Empat gives none


def test_quantile_interpolates_like_percentile_cont() -> None:
    values = [(3.0, 1), (5.0, 1), (8.0, 1)]
    assert [salaries.quantile(values, q) for q in (0.25, 0.5, 0.75)] == [4.0, 5.0, 6.5]
    assert salaries.quantile([(7.0, 1)], 0.25) == 7.0
    # 3, 3, 5, 8, 8, 8: positions 1.25, 2.5 and 3.75
    counted = [(3.0, 2), (5.0, 1), (8.0, 3)]
    assert [salaries.quantile(counted, q) for q in (0.25, 0.5, 0.75, 1.0)] == [3.5, 6.5, 8.0, 8.0]


def test_heat_map_of_district_by_skill(app, scene) -> None:  # type: ignore[no-untyped-def]
    heat = figure(page.demand_figures(PERIOD), "district_skills")
    a, b, c = (scene[k].label_id for k in "abc")
    assert heat.headers == ["Kabupaten/kota", a, b, c]
    assert sorted(heat.rows) == sorted([[scene["r1"].name, 2, 1, 0], [scene["r2"].name, 0, 1, 1]])


def test_a_change_of_occupation_refreshes_its_cells(app, scene) -> None:  # type: ignore[no-untyped-def]
    from app.models import Vacancy

    vacancy = db.session.query(Vacancy).filter_by(title="Satu").one()
    vacancy.occupation_code, vacancy.occupation_origin = DATA, "employer"
    db.session.commit()
    rows = {r[0][:4]: r[1:] for r in figure(page.demand_figures(PERIOD), "by_occupation").rows}
    assert rows[DATA] == [2, 2] and rows[WEB] == [1, 2]
    web = Filters(PERIOD.since, PERIOD.until, occupation_code=WEB)
    assert figure(page.demand_figures(web), "top_skills").rows == []  # Empat has no skill
    kept = page.demand_figures(PERIOD)
    demand_service.rebuild_demand()
    assert [f.rows for f in page.demand_figures(PERIOD)] == [f.rows for f in kept]
