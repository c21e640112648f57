"""Supply, Gaps and What-if against the hand-built market of ``gap_scene``: counts of people,
shares, the shortage index (zero supply too), suppression of small cells directly and by
subtraction, programme coverage equal to the school gap report's number, what-if before/after."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Vacancy
from app.services import gap_reports, occupation_groups
from app.services.errors import ValidationError
from app.services.opendata.suppression import suppress_group
from app.services.planner import Filters, gaps, supply, whatif
from app.services.planner import gap_counts as gc
from app.services.planner import supply_counts as counts
from tests.app.services.planner.gap_scene import build
from tests.factories import VacancyFactory


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    return build()


def figure(figures, name):  # type: ignore[no-untyped-def]
    return next(f for f in figures if f.name == name)


def row(fig, label):  # type: ignore[no-untyped-def]
    return next(r for r in fig.rows if r[0] == label)


def test_counts_of_people(scene) -> None:  # type: ignore[no-untyped-def]
    filters = Filters.default()
    assert counts.seekers_by_region(filters) == {scene.a.id: 20, scene.b.id: 3}
    assert counts.seekers_by_education(filters) == {"sma_smk": 18, "s1": 5}
    by_skill = counts.seekers_by_skill(filters)
    s1, _s2, s3, _s4 = (s.id for s in scene.skills)
    assert by_skill[s1] == {"declared": 13, "verified": 2}
    assert by_skill[s3] == {"declared": 3, "verified": 0}
    only_a = Filters(filters.since, filters.until, region_id=scene.a.id)
    assert counts.seekers_by_skill(only_a)[s1] == {"declared": 10, "verified": 2}
    s1_level = Filters(filters.since, filters.until, education="s1")
    assert counts.seekers_by_region(s1_level) == {scene.a.id: 5}


def test_small_cells_are_hidden_directly_and_by_subtraction(scene, app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        figures = supply.figures(Filters.default())
    districts = figure(figures, "seekers_by_district")
    # B has 3 seekers (hidden); with the total 23 shown, A's 20 would give B away: hidden too
    assert row(districts, scene.b.name)[1] is None
    assert row(districts, scene.a.name)[1] is None
    assert "Total: 23 pencari kerja." in districts.note  # the total is published
    education = figure(figures, "seekers_by_education")
    assert [r[1] for r in education.rows] == [18, 0, 0, 0, 5, 0, 0]  # zeros describe nobody
    skills = figure(figures, "seekers_by_skill")
    assert row(skills, "Kemampuan 1")[1:] == [None, None, 15]  # verified 2: declared 13 hidden
    assert row(skills, "Kemampuan 3")[1:] == [None, 0, None]  # 3 people in all


def test_the_suppression_rule_used_is_the_open_data_one() -> None:
    assert suppress_group([20, 3, 0], 23) == [True, True, False]
    assert supply.hidden([20, 3, 0], 23) == [None, None, 0]
    assert supply.hidden([20, 3]) == [20, None]


def test_shares_and_shortage_index(scene, app) -> None:  # type: ignore[no-untyped-def]
    s1, s2, s3, s4 = (s.id for s in scene.skills)
    cells = {(c.region_id, c.skill_id): c for c in gc.shortages(Filters.default())}
    a1 = cells[(scene.a.id, s1)]
    assert (a1.vacancies, a1.vacancies_total, a1.seekers, a1.seekers_total) == (10, 10, 12, 20)
    assert a1.demand_share == 1.0 and a1.supply_share == 0.6
    assert a1.index == pytest.approx(1 / 0.6)
    a2 = cells[(scene.a.id, s2)]
    assert (a2.vacancies, a2.seekers, a2.demand_share) == (6, 0, 0.6)
    assert math.isinf(a2.index)
    assert cells[(scene.a.id, s3)].seekers == 3
    assert (scene.b.id, s2) not in cells  # nobody asks for it there
    ranked = [(c.region_id, c.skill_id) for c in gc.shortages(Filters.default())]
    assert set(ranked[:2]) == {(scene.a.id, s2), (scene.a.id, s4)}  # no supply first
    assert ranked[2:] == [(scene.a.id, s3), (scene.a.id, s1), (scene.b.id, s1)]
    assert gc.shortage_index(0.0, 0.0) is None
    assert gc.shortage_index(0.5, 0.25) == 2.0


def test_occupation_narrows_demand_and_skill_less_vacancies_do_not_count(scene, app) -> None:  # type: ignore[no-untyped-def]
    occupation_groups.load_groups(app.config["OCCUPATION_GROUPS_FILE"])
    s1, s2 = scene.skills[0].id, scene.skills[1].id
    newest = db.session.scalars(
        select(Vacancy).where(Vacancy.region_id == scene.a.id).order_by(Vacancy.posted_at.desc())
    ).all()[:5]  # the four that require s1 alone, and one that requires s1, s2 and s4
    for vacancy in newest:
        vacancy.occupation_code = "3513"
    VacancyFactory(region=scene.a, occupation_code="3513")  # no skill: not in a share
    db.session.commit()
    default = Filters.default()
    technicians = Filters(default.since, default.until, occupation_code="3513")
    by_skill, totals = gc.demand(technicians)
    assert (by_skill[(scene.a.id, s1)], by_skill[(scene.a.id, s2)], totals[scene.a.id]) == (5, 1, 5)
    cells = {(c.region_id, c.skill_id): c for c in gc.shortages(technicians)}
    assert (cells[(scene.a.id, s1)].vacancies, cells[(scene.a.id, s1)].vacancies_total) == (5, 5)
    every = {(c.region_id, c.skill_id): c for c in gc.shortages(Filters.default())}
    assert every[(scene.a.id, s1)].vacancies_total == 10  # the skill-less vacancy left out


def test_gaps_page_hides_what_small_supply_would_give_away(scene, app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        figures = gaps.figures(Filters.default())
    shortage = figure(figures, "shortage")
    s3 = next(r for r in shortage.rows if r[0] == "Kemampuan 3")
    assert s3[2:5] == [5, 10, 50.0]  # vacancies are not people: shown
    assert s3[5] is None and s3[7] is None and s3[8] is None
    s2 = next(r for r in shortage.rows if r[0] == "Kemampuan 2")
    assert s2[5:] == [0, 20, 0.0, "tidak ada pencari kerja"]  # Indonesian first
    link = shortage.links[(shortage.rows.index(s2), 2)]
    assert link.startswith("/planner/vacancies?") and f"skill={scene.skills[1].id}" in link
    missing = figure(figures, "missing_skills")
    assert {r[0] for r in missing.rows[:2]} == {"Kemampuan 2", "Kemampuan 4"}
    first = row(missing, "Kemampuan 2")
    assert first[1] == 6 and first[4:7] == [0, 1, 1]
    assert first[7] == "Kursus S2"


def test_programme_coverage_equals_the_gap_report(scene, app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        found = gc.programme_coverage(Filters.default())
        report = gap_reports.compute_report(
            scene.curriculum, gap_reports.GapRequest("own", months=12), "en"
        )
    assert [c.programme.id for c in found] == [scene.curriculum.id]
    assert found[0].vacancies == report["vacancies_considered"] == 10
    assert found[0].coverage == pytest.approx(report["coverage"])
    assert 0 < found[0].coverage < 1


def test_what_if_before_and_after(scene, app) -> None:  # type: ignore[no-untyped-def]
    s1, s2, s3, s4 = (s.id for s in scene.skills)
    with app.test_request_context():
        nothing = whatif.what_if(scene.curriculum.id, [], Filters.default())
        result = whatif.what_if(scene.curriculum.id, [s2], Filters.default())
        both = whatif.what_if(scene.curriculum.id, [s2, s4], Filters.default())
    assert (nothing.considered, nothing.met_before, nothing.met_after) == (10, 4, 4)
    assert (result.met_before, result.met_after) == (4, 10)  # 2 of 3 required skills: >= 0.5
    assert sorted(v.id for v in result.newly_met) == sorted(v.id for v in scene.vacancies[4:10])
    assert {round(v.before, 3) for v in result.newly_met} == {0.333}
    assert both.met_after == 10 and result.district == scene.a.name
    with pytest.raises(ValidationError) as error:
        whatif.what_if(scene.curriculum.id, ["no-such-skill"], Filters.default())
    assert error.value.field == "skill_query"
    with pytest.raises(ValidationError) as error:
        whatif.what_if(999999, [], Filters.default())
    assert error.value.field == "programme"


def test_graduates_and_taught_skills(scene, app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        figures = supply.figures(Filters.default())
    years = counts.period_years(Filters.default())
    by_programme = figure(figures, "graduates_by_programme")
    expected = {years.stop - 1: 40, years.stop - 2: 30}
    assert by_programme.rows[0][2:] == [expected.get(y) for y in years]
    taught = figure(figures, "taught_skills")
    assert taught.rows == [["Kemampuan 1", sum(expected.get(y, 0) for y in years), 1]]
