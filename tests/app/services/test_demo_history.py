"""``flask seed history``: two years of demo history with the district mix, months, occupations,
applications and graduates the planners' charts need; deterministic, idempotent, and leaving the
demo scene's own accounts as they were."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.models import (
    Application,
    ApplicationEvent,
    Organisation,
    ProgrammeGraduates,
    Region,
    SeekerProfile,
    SeekerSkill,
    SeekerSupply,
    User,
    Vacancy,
    VacancySkill,
)
from app.services import demo_history
from app.services.clock import local_date
from app.services.clock import today as local_today
from app.services.demand import summary
from app.services.demo import read_demo, seed_demo
from app.services.demo_history.plan import month_starts
from app.services.regions import load_regions
from app.services.vocabulary import load_vocabulary
from matching.vocab import load_vocabulary as shipped

pytestmark = pytest.mark.usefixtures("vocab")
BIG_FOUR = ("Kota Tangerang", "Kota Tangerang Selatan", "Kab. Tangerang", "Kota Cilegon")
SMALL = ("Kab. Lebak", "Kab. Pandeglang")


def _count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def _history_vacancies():  # type: ignore[no-untyped-def]
    generated = select(User.organisation_id).where(User.email.like("%@history.example"))
    return select(Vacancy).where(Vacancy.organisation_id.in_(generated))


def fingerprint() -> dict[str, object]:
    """What a run wrote, in numbers that change with the seed."""
    vacancies = _history_vacancies().subquery()
    by_region = db.session.execute(
        select(vacancies.c.region_id, func.count()).group_by(vacancies.c.region_id)
    ).all()
    by_status = db.session.execute(
        select(Application.status, func.count()).group_by(Application.status)
    ).all()
    models = (Vacancy, VacancySkill, SeekerProfile, SeekerSkill, Application, ApplicationEvent)
    return {
        "tables": {m.__tablename__: _count(m) for m in (*models, ProgrammeGraduates)},
        "regions": sorted(by_region),
        "applications": sorted(by_status),
        "pay": db.session.scalar(select(func.sum(vacancies.c.salary_min))),
    }


@pytest.fixture
def history(app: Flask) -> dict[str, int]:
    seed_demo()
    result = demo_history.seed_history()
    assert result.created
    return result.counts


def test_the_history_has_what_the_charts_need(history: dict[str, int]) -> None:
    vacancies = list(db.session.scalars(_history_vacancies()))
    assert 1500 <= len(vacancies) <= 2500
    assert 40 <= _count(Organisation) - len(read_demo()["employers"]) - 5 <= 70
    names = dict(db.session.execute(select(Region.id, Region.name)).all())
    per_district = Counter(names[v.region_id] for v in vacancies)
    assert min(per_district[d] for d in BIG_FOUR) > max(per_district[d] for d in SMALL)
    # every one of the last 24 months has postings, recent months more than old ones
    months = Counter(v.posted_at.strftime("%Y-%m") for v in vacancies)
    today = local_today()  # the generator's (Banten's) date: ahead of UTC's from 17:00 UTC
    wanted = {m.strftime("%Y-%m") for m in month_starts(today)}
    assert set(months) == wanted
    ordered = [months[m] for m in sorted(months)]
    assert sum(ordered[12:23]) > sum(ordered[:11])
    # closed ones have passed their closing date; open ones have not
    assert all(v.closing_date < today for v in vacancies if v.status == "closed")
    assert all(v.closing_date >= today for v in vacancies if v.status == "open")
    # ... and were closed (last changed) after it, so they count as open until then
    closed = [v for v in vacancies if v.status == "closed"]
    assert all(local_date(v.updated_at) > v.closing_date for v in closed)  # both Banten's days
    assert {v.status for v in vacancies} == {"open", "closed"}
    assert all(v.occupation_code and v.occupation_origin == "employer" for v in vacancies)
    assert {v.min_education for v in vacancies} >= {"sma_smk", "d3", "s1"}
    # seekers with declared and unconfirmed skills, applications along the whole pipeline
    assert 400 <= _count(SeekerProfile) - len(read_demo()["seekers"]) <= 800
    assert db.session.scalar(select(func.count()).where(SeekerSkill.confirmed.is_(False))) > 0
    statuses = set(db.session.scalars(select(Application.status).distinct()))
    assert statuses >= {"applied", "interview", "hired", "rejected"}
    assert db.session.scalar(select(func.count()).where(ApplicationEvent.status == "offer")) > 0
    # graduates: four years for every programme (the demo's and the generated schools')
    per_programme = db.session.execute(
        select(ProgrammeGraduates.curriculum_id, func.count()).group_by(
            ProgrammeGraduates.curriculum_id
        )
    ).all()
    assert len(per_programme) >= 10 and {n for _, n in per_programme} == {4}
    # the demand and supply aggregates count them
    assert summary()["vacancies"] >= len(vacancies)
    counted = select(func.sum(SeekerSupply.seekers)).where(SeekerSupply.skill_id.is_(None))
    assert db.session.scalar(counted) >= _count(SeekerProfile) - len(read_demo()["seekers"])


def test_the_demo_employer_keeps_its_own_scene(history: dict[str, int]) -> None:
    employer = db.session.scalar(select(User).where(User.email == "employer@example.com"))
    own = db.session.scalar(
        select(func.count()).where(Vacancy.organisation_id == employer.organisation_id)
    )
    written = [v for v in read_demo()["vacancies"] if v["employer"] == "kode-nusantara"]
    assert own == len(written)


def test_running_it_again_adds_nothing(history: dict[str, int], runner) -> None:  # type: ignore[no-untyped-def]
    before = fingerprint()
    result = runner.invoke(args=["seed", "history"])
    assert result.exit_code == 0, result.output
    assert "already present" in result.output
    assert fingerprint() == before


def _run_elsewhere(path: Path, seed: int) -> dict[str, object]:
    """The history in a fresh SQLite database of its own."""
    other = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}")
    with other.app_context():
        db.create_all()
        load_regions(other.config["REGIONS_FILE"])
        load_vocabulary(shipped())
        demo_history.seed_history(seed=seed, vacancies=300, seekers=80)
        found = fingerprint()
        db.session.remove()
        db.engine.dispose()
    return found


def test_the_same_seed_gives_the_same_history(app: Flask, tmp_path: Path) -> None:
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("compared on SQLite files of their own")
    first = _run_elsewhere(tmp_path / "a.sqlite", 7)
    assert first == _run_elsewhere(tmp_path / "b.sqlite", 7)
    assert first != _run_elsewhere(tmp_path / "c.sqlite", 8)
    assert first["tables"]["vacancies"] > 250


def test_refused_in_production(app: Flask, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(app.config, "ALLOW_DEMO_DATA", False)
    with pytest.raises(demo_history.HistoryDataError):
        demo_history.seed_history()
    assert _count(Vacancy) == 0
