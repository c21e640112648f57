"""The schools of the demo history: programmes in several districts (copies of the demo
curricula and a university's S1 curriculum written for the history) and the yearly graduates
of these and of the demo scene's programmes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    Organisation,
    OutcomeSkill,
    ProgrammeGraduates,
)
from app.services.demo import read_demo
from app.services.scale_data import bulk
from app.services.scale_data.templates import curriculum_templates

if TYPE_CHECKING:
    from app.services.demo_history.generator import History

MODELS = (ProgrammeGraduates,)
GRADUATE_YEARS = 4
GRADUATION_MONTH = 7  # SMK students graduate in May-June; a year counts from July
GRADUATES = ("id", "curriculum_id", "year", "graduates")


def graduation_years(history: History) -> list[int]:
    """The last four years whose graduates are known, oldest first."""
    last = history.today.year - (0 if history.today.month >= GRADUATION_MONTH else 1)
    return list(range(last - GRADUATE_YEARS + 1, last + 1))


def write_schools(history: History) -> None:
    """Schools, one programme each, and the graduates of every programme of the plan."""
    demo = read_demo()
    entries = {c["programme"]: c for c in demo["curricula"]}
    entries |= {c["programme"]: c for c in history.plan["curricula"]}
    wanted = list(dict.fromkeys(s["programme"] for s in history.plan["schools"]))
    found = dict(zip(wanted, curriculum_templates({"curricula": [entries[w] for w in wanted]}),
                     strict=True))  # fmt: skip
    schools = history.organisations(history.plan["schools"], "school", "kurikulum")
    models = (Curriculum, CurriculumUnit, LearningOutcome, OutcomeSkill)
    first = bulk.next_id(bulk.table_of(Curriculum))
    tables = history.out.curricula(
        [bulk.next_id(bulk.table_of(m)) for m in models],
        [s["id"] for s in schools],
        [found[s["programme"]] for s in schools],
        history.start,
    )
    for model, columns, rows in zip(models, history.out.CURRICULUM_TABLES, tables, strict=True):
        history.write(model, columns, iter(rows))
    bases = [(first + i, s["graduates"]) for i, s in enumerate(schools)]
    bases += _demo_programmes(history, demo)
    history.write(ProgrammeGraduates, GRADUATES, _graduates(history, bases))


def _demo_programmes(history: History, demo: dict[str, Any]) -> list[tuple[int, int]]:
    """(curriculum id, graduates a year) of the demo scene's programmes that are there."""
    names = {s["key"]: s["name"] for s in demo["schools"]}
    out = []
    for entry in history.plan["demo_graduates"]:
        found = db.session.scalar(
            select(Curriculum.id)
            .join(Organisation, Curriculum.organisation_id == Organisation.id)
            .where(
                Organisation.name == names[entry["school"]],
                Curriculum.programme == entry["programme"],
            )
            .order_by(Curriculum.id)
            .limit(1)
        )
        if found is not None:
            out.append((found, entry["graduates"]))
    return out


def _graduates(history: History, bases: list[tuple[int, int]]) -> Iterator[tuple]:
    """A row per programme and year (years a school recorded itself are left alone); read
    before writing, since COPY holds the connection while the rows are consumed."""
    recorded = {
        (curriculum_id, year)
        for curriculum_id, year in db.session.execute(
            select(ProgrammeGraduates.curriculum_id, ProgrammeGraduates.year)
        )
    }
    gid = bulk.next_id(bulk.table_of(ProgrammeGraduates))
    rows = []
    for curriculum_id, base in bases:
        for k, year in enumerate(graduation_years(history)):
            if (curriculum_id, year) in recorded:
                continue
            count = round(base * (1.03**k) * history.rng.uniform(0.88, 1.1))
            rows.append((gid, curriculum_id, year, count))
            gid += 1
    return iter(rows)
