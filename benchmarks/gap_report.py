"""Gap report at province scale, through the app and its database (``DATABASE_URL``).

    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_demand \\
        .venv/bin/python -m benchmarks.gap_report [--vacancies 200000] [--runs 5] [--per-vacancy] [--no-rebuild]

Migrates the database, loads the regions and the vocabulary when absent, and inserts synthetic
published vacancies (fixed seed; 13 skills each over a Zipf-like popularity, 12 months of
postings, those older than 60 days closed) with bulk inserts (COPY on PostgreSQL) until there are
``--vacancies``. Then rebuilds the demand aggregate (timed), times recomputing the biggest
(region, month) cell set (what a vacancy save adds), and times a school's gap report with
new parameters (several areas and windows; median of ``--runs``), after one warm-up report that
loads the embedding model. ``--per-vacancy`` also times one report computed from every vacancy
(the path the aggregate replaces). Use a scratch database: the data stays there.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import func, insert, select

SKILLS_PER_VACANCY = 13
MONTHS = 12
EMPLOYERS = 5000
CHUNK = 20000
MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")


def _prepare() -> None:
    """Schema, regions and vocabulary."""
    import flask_migrate
    from flask import current_app

    from app.extensions import db
    from app.models import Skill
    from app.services.regions import load_regions
    from app.services.vocabulary import load_vocabulary
    from matching.vocab import load_vocabulary as shipped

    flask_migrate.upgrade(directory=MIGRATIONS)
    load_regions(current_app.config["REGIONS_FILE"])
    if db.session.scalar(select(func.count()).select_from(Skill)) == 0:
        load_vocabulary(shipped())
    db.session.commit()


def _defaults(table: str, columns: list[str]) -> tuple[list[str], tuple]:
    """Other required columns of the table with their plain default (a column added later
    keeps the bulk insert working)."""
    from app.extensions import db

    names, values = [], []
    for column in db.metadata.tables[table].columns:
        default = column.default
        if column.name in columns or column.nullable or column.primary_key:
            continue
        if column.server_default is None and default is not None and default.is_scalar:
            names.append(column.name)
            values.append(default.arg)
    return names, tuple(values)


def _copy(table: str, columns: list[str], rows: list[tuple]) -> None:
    """Bulk insert: COPY on PostgreSQL, executemany elsewhere."""
    from app.extensions import db

    extra, values = _defaults(table, columns)
    columns, rows = columns + extra, [row + values for row in rows]
    if db.engine.dialect.name == "postgresql":
        raw = db.engine.raw_connection()
        try:
            statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with raw.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
            raw.commit()
        finally:
            raw.close()
        return
    model = db.metadata.tables[table]
    with db.engine.begin() as connection:
        connection.execute(insert(model), [dict(zip(columns, r, strict=True)) for r in rows])


def _employers() -> list[int]:
    from app.extensions import db
    from app.models import Organisation, Region

    found = list(
        db.session.scalars(select(Organisation.id).where(Organisation.name.like("Bench %")))
    )
    if found:
        return found
    regions = list(db.session.scalars(select(Region.id)))
    now = datetime.now()
    rows = [
        ("employer", f"Bench PT {n:04d}", regions[n % len(regions)], "", "", "verified", "",
         False, now)
        for n in range(EMPLOYERS)
    ]  # fmt: skip
    _copy(
        "organisations",
        ["kind", "name", "region_id", "address", "registration_number", "verification_status",
         "verification_note", "suspended", "created_at"],
        rows,
    )  # fmt: skip
    return _employers()


def _insert_vacancies(wanted: int) -> None:
    """Insert synthetic published vacancies with skills until there are ``wanted``."""
    from app.extensions import db
    from app.models import Region, Skill, Vacancy

    have = db.session.scalar(select(func.count()).select_from(Vacancy)) or 0
    if have >= wanted:
        print(f"{have} vacancies present")
        return
    rng = np.random.default_rng(15 + have)
    employers = np.array(_employers())
    regions = np.array(list(db.session.scalars(select(Region.id).order_by(Region.code))))
    region_p = np.linspace(2.0, 1.0, len(regions))
    region_p /= region_p.sum()
    skills = list(db.session.execute(select(Skill.id, Skill.label_id).order_by(Skill.id)))
    order = rng.permutation(len(skills))
    popularity = 1.0 / (np.arange(len(skills)) + 10.0)
    popularity /= popularity.sum()
    now = datetime.now()
    started = time.perf_counter()
    for first in range(have, wanted, CHUNK):
        n = min(CHUNK, wanted - first)
        next_id = (db.session.scalar(select(func.max(Vacancy.id))) or 0) + 1
        days = rng.integers(0, MONTHS * 30, n)
        region = rng.choice(regions, n, p=region_p)
        employer = rng.choice(employers, n)
        vacancies, links = [], []
        for i in range(n):
            posted = now - timedelta(days=int(days[i]), minutes=int(rng.integers(0, 1440)))
            closed = days[i] > 60
            updated = posted + timedelta(days=int(rng.integers(10, 60))) if closed else posted
            vid = next_id + i
            vacancies.append(
                (vid, int(employer[i]), f"Lowongan TI {vid}", "Dibutuhkan tenaga TI.",
                 int(region[i]), "full_time", "sma_smk", "closed" if closed else "open",
                 posted, None, "clear", "[]", "", posted, updated)
            )  # fmt: skip
            picked = dict.fromkeys(order[rng.choice(len(skills), 24, p=popularity)])
            for rank, index in enumerate(list(picked)[:SKILLS_PER_VACANCY]):
                sid, label = skills[index]
                importance = "required" if rank < 8 else "preferred"
                links.append((vid, sid, importance, "extracted", f"Menguasai {label}.", False))
        _copy(
            "vacancies",
            ["id", "organisation_id", "title", "description", "region_id", "employment_type",
             "min_education", "status", "posted_at", "closing_date", "moderation_status",
             "moderation_flags", "closed_reason", "created_at", "updated_at"],
            vacancies,
        )  # fmt: skip
        _copy(
            "vacancy_skills",
            ["vacancy_id", "skill_id", "importance", "origin", "evidence", "rejected"],
            links,
        )
        print(f"  {first + n} vacancies ({time.perf_counter() - started:.0f} s)", flush=True)
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as connection:
            connection.exec_driver_sql("SELECT setval('vacancies_id_seq', max(id)) FROM vacancies")
            connection.commit()
            connection.exec_driver_sql("ANALYZE")


def _curriculum():  # type: ignore[no-untyped-def]
    """A 12-unit curriculum teaching 60 popular skills, of a school in the first region."""
    from app.extensions import db
    from app.models import (
        Curriculum,
        CurriculumUnit,
        LearningOutcome,
        Organisation,
        OutcomeSkill,
        Region,
        SkillDemand,
    )

    found = db.session.scalar(select(Curriculum).where(Curriculum.programme == "Bench PPLG"))
    if found:
        return found
    region = db.session.scalar(select(Region).order_by(Region.code))
    school = Organisation(
        kind="school", name="Bench SMK", region_id=region.id, verification_status="verified"
    )
    popular = list(
        db.session.scalars(
            select(SkillDemand.skill_id)
            .group_by(SkillDemand.skill_id)
            .order_by(func.sum(SkillDemand.vacancies).desc())
            .limit(200)
        )
    )
    taught = [popular[i] for i in range(0, 120, 2)]
    units = [
        CurriculumUnit(
            name=f"Unit {u}",
            position=u,
            outcomes=[
                LearningOutcome(
                    text=f"Peserta didik mampu menerapkan kompetensi {u}.{o}.",
                    position=o,
                    skills=[OutcomeSkill(skill_id=taught[u * 5 + o], origin="declared")],
                )
                for o in range(5)
            ],
        )
        for u in range(12)
    ]
    curriculum = Curriculum(
        organisation=school, programme="Bench PPLG", level="smk", version_year=2025, units=units
    )
    db.session.add(curriculum)
    db.session.commit()
    return curriculum


def _time_reports(curriculum, runs: int) -> None:  # type: ignore[no-untyped-def]
    from app.extensions import db
    from app.models import Region
    from app.services.gap_reports import GapRequest, compute_report

    regions = list(db.session.scalars(select(Region.id).order_by(Region.code)))
    compute_report(curriculum, GapRequest("all", (), 12), "id")  # warm-up: model, skill index
    db.session.rollback()
    cases = [
        ("all of Banten, 12 months", lambda m: GapRequest("all", (), 12 - m % 3)),
        ("the school's district, 12 months", lambda m: GapRequest("own", (), 12 - m % 3)),
        ("two districts, 6 months", lambda m: GapRequest("set", tuple(regions[2:4]), 6 - m % 3)),
    ]
    for name, make in cases:
        times, report = [], {}
        for run in range(runs):
            started = time.perf_counter()
            report = compute_report(curriculum, make(run), "id")
            times.append(time.perf_counter() - started)
            db.session.rollback()
        print(
            f"{name}: median {statistics.median(times) * 1000:.0f} ms, max "
            f"{max(times) * 1000:.0f} ms ({runs} runs; {report['vacancies_considered']} "
            f"vacancies counted, {report['missing_total']} missing skills)"
        )


def _time_refresh(runs: int) -> None:
    """What a save costs with the aggregate kept up to date: a skill of a vacancy in the
    biggest (region, month) cell set marked required / nice to have (the commit recomputes
    that cell for the vacancy's skills); and a whole cell set recomputed (a job's refresh)."""
    from datetime import datetime as moment

    from app.extensions import db
    from app.models import Vacancy, VacancyDemand
    from app.services import demand, vacancy_skills

    region, month, n = db.session.execute(
        select(VacancyDemand.region_id, VacancyDemand.month, func.sum(VacancyDemand.vacancies))
        .group_by(VacancyDemand.region_id, VacancyDemand.month)
        .order_by(func.sum(VacancyDemand.vacancies).desc())
        .limit(1)
    ).one()
    start = moment.combine(month, moment.min.time())
    vacancy = db.session.scalar(
        select(Vacancy).where(Vacancy.region_id == region, Vacancy.posted_at >= start).limit(1)
    )
    link = vacancy.skills[0]
    saves, wholes = [], []
    for run in range(runs):
        started = time.perf_counter()
        vacancy_skills.set_skill_importance(vacancy, link.id, ("preferred", "required")[run % 2])
        saves.append(time.perf_counter() - started)
        started = time.perf_counter()
        demand.refresh_demand(cells=[(region, month)])
        wholes.append(time.perf_counter() - started)
    print(
        f"saving a vacancy's skill in the biggest cell set ({n} vacancies of a region and "
        f"month), aggregate refreshed in the commit: median {statistics.median(saves) * 1000:.0f}"
        f" ms; recomputing that whole cell set: median {statistics.median(wholes) * 1000:.0f} ms"
    )


def main() -> None:
    """Insert, rebuild, time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--per-vacancy", action="store_true")
    parser.add_argument("--no-rebuild", action="store_true", help="keep the aggregate as it is")
    args = parser.parse_args()
    from app import create_app
    from app.extensions import db
    from app.models import VacancySkill
    from app.services import demand

    app = create_app()
    with app.app_context():
        print(f"database: {db.engine.url.render_as_string(hide_password=True)}")
        _prepare()
        _insert_vacancies(args.vacancies)
        links = db.session.scalar(select(func.count()).select_from(VacancySkill))
        print(f"vacancy skills: {links}")
        if not args.no_rebuild:
            started = time.perf_counter()
            sizes = demand.rebuild_demand()
            print(
                f"rebuild: {time.perf_counter() - started:.1f} s ({sizes['cells']} skill cells, "
                f"{sizes['vacancies']} vacancies counted)"
            )
        _time_refresh(args.runs)
        curriculum = _curriculum()
        _time_reports(curriculum, args.runs)
        if args.per_vacancy:
            from app.services.gap_reports import GapRequest, compute_report, demand_vacancies

            started = time.perf_counter()
            rows = demand_vacancies()
            compute_report(curriculum, GapRequest("all", (), 12), "id", demand=rows)
            print(f"per-vacancy report (every vacancy read): {time.perf_counter() - started:.1f} s")
            db.session.rollback()


if __name__ == "__main__":
    main()
