"""The open datasets: their metadata, data dictionary and how each is built from the database as
of the end of a month. Rows hold codes and both languages' labels, never a person's data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    EDUCATION_LEVELS,
    OccupationGroup,
    Region,
    SeekerProfile,
    SeekerSkill,
    Skill,
    SkillDemand,
    User,
    Vacancy,
)
from app.profile import ProfileText
from app.services.demand.sql import closed_on, counted_clauses, month_of, next_month
from app.services.opendata.suppression import suppress_rows

Row = dict[str, Any]
TOTAL = "total"


@dataclass(frozen=True)
class Column:
    """One column of the data dictionary."""

    name: str
    meaning: Any
    unit: Any = ""
    codes: Any = ""


@dataclass(frozen=True)
class Dataset:
    """An open dataset: identifier, metadata, columns and its builder (month -> rows)."""

    slug: str
    title: Any
    description: Any
    keywords: tuple[str, ...]
    columns: tuple[Column, ...]
    build: Callable[[date], list[Row]]
    key: tuple[str, ...]  # the columns that identify a row (to compare releases)


def _month(value: date) -> str:
    return value.strftime("%Y-%m")


def _regions() -> dict[int, Region]:
    return {region.id: region for region in db.session.scalars(select(Region))}


def _skills(ids: set[str]) -> dict[str, Any]:
    """Id, URI and labels of the skills ``ids``, by id."""
    statement = select(Skill.id, Skill.uri, Skill.label_id, Skill.label_en)
    return {row.id: row for row in db.session.execute(statement.where(Skill.id.in_(ids)))}


def _skill_cells(skill: Any) -> Row:
    """The skill columns of a row (``SKILL_COLUMNS``)."""
    return {"skill_id": skill.id, "skill_uri": skill.uri or "",
            "skill_label_id": skill.label_id, "skill_label_en": skill.label_en}  # fmt: skip


REGION_COLUMNS = (
    Column("region_code", _l("BPS / Kemendagri code of the kabupaten/kota"), "",
           ProfileText(_l("Permendagri regional codes, e.g. %(example)s"), example="region_example")),
    Column("region_name", _l("Name of the kabupaten/kota")),
)  # fmt: skip
MONTH_COLUMN = Column("month", _l("Calendar month"), _l("YYYY-MM"))


OCCUPATION_COLUMNS = (
    Column("occupation_code", _l("KBJI 2014 unit group (4 digits; equal to ISCO-08) of the "
           "vacancies; empty for vacancies not yet classified"), "",
           _l("KBJI 2014 (BPS), e.g. 3513 = Teknisi Jaringan dan Sistem Komputer")),
    Column("occupation_title_id", _l("Title of the KBJI unit group in Bahasa Indonesia")),
    Column("occupation_title_en", _l("Title of the ISCO-08 unit group in English")),
)  # fmt: skip


def _occupations() -> dict[str, OccupationGroup]:
    return {group.code: group for group in db.session.scalars(select(OccupationGroup))}


def build_vacancies(month: date) -> list[Row]:
    """Counted vacancies per district, KBJI occupation group and month up to ``month``: posted in
    the month, and open at some time in the month (posted by then, not closed before it
    began)."""
    end = datetime.combine(next_month(month), datetime.min.time())
    posted = month_of(Vacancy.posted_at)
    closed = month_of(closed_on())
    occupation = func.coalesce(Vacancy.occupation_code, "")
    groups = db.session.execute(
        select(Vacancy.region_id, occupation, posted, closed, func.count())
        .where(*counted_clauses(), Vacancy.posted_at < end)
        .group_by(Vacancy.region_id, occupation, posted, closed)
    ).all()
    if not groups:
        return []
    first = min(row[2] for row in groups)
    months = []
    current = first
    while current <= month:
        months.append(current)
        current = next_month(current)
    counts: dict[tuple[int, str, date], list[int]] = defaultdict(lambda: [0, 0])
    for region_id, code, start, stop, n in groups:
        for m in months:
            if start == m:
                counts[(region_id, code, m)][0] += n
            if start <= m and (stop is None or stop >= m):
                counts[(region_id, code, m)][1] += n
    regions, groups_by_code = _regions(), _occupations()
    rows = []
    for (r, code, m), (posted_n, open_n) in counts.items():
        group = groups_by_code.get(code)
        rows.append({
            "month": _month(m), "region_code": regions[r].code, "region_name": regions[r].name,
            "occupation_code": code, "occupation_title_id": group.title_id if group else "",
            "occupation_title_en": group.title_en if group else "",
            "vacancies_posted": posted_n, "vacancies_open": open_n,
        })  # fmt: skip
    return sorted(rows, key=lambda row: (row["month"], row["region_code"], row["occupation_code"]))


def build_skill_demand(month: date) -> list[Row]:
    """Counted vacancies posted per district, month and skill up to ``month``, required and nice
    to have apart (from the demand aggregate)."""
    grouped = db.session.execute(
        select(
            SkillDemand.region_id, SkillDemand.month, SkillDemand.skill_id, SkillDemand.required,
            func.sum(SkillDemand.vacancies),
        )
        .where(SkillDemand.month <= month)
        .group_by(SkillDemand.region_id, SkillDemand.month, SkillDemand.skill_id,
                  SkillDemand.required)
    ).all()  # fmt: skip
    regions = _regions()
    skills = _skills({row[2] for row in grouped})
    cells: dict[tuple, Row] = {}
    for region_id, m, skill_id, required, n in grouped:
        key = (_month(m), regions[region_id].code, skill_id)
        row = cells.setdefault(key, {
            "month": key[0], "region_code": key[1], "region_name": regions[region_id].name,
            **_skill_cells(skills[skill_id]),
            "vacancies_required": 0, "vacancies_nice_to_have": 0,
        })  # fmt: skip
        row["vacancies_required" if required else "vacancies_nice_to_have"] += int(n)
    return [cells[key] for key in sorted(cells)]


def build_seekers(month: date) -> list[Row]:
    """Active seeker accounts with a profile and a district, registered by the end of
    ``month``, per district x education level x skill (skills they confirmed, ``declared`` and
    ``verified`` apart), with a total row over education levels; small cells suppressed."""
    end = datetime.combine(next_month(month), datetime.min.time())
    status = func.coalesce(
        func.nullif(SeekerSkill.origin, "extracted"), "declared"
    )  # confirmed CV suggestions count as declared
    education = func.coalesce(SeekerProfile.education_level, "unknown")
    base = (
        select(SeekerProfile.region_id, SeekerSkill.skill_id, status.label("status"))
        .join(SeekerSkill, SeekerSkill.profile_id == SeekerProfile.id)
        .join(User, User.id == SeekerProfile.user_id)
        .where(User.role == "seeker", User.active.is_(True), User.created_at < end,
               SeekerProfile.region_id.is_not(None), SeekerSkill.confirmed.is_(True))
    )  # fmt: skip
    people = func.count(func.distinct(SeekerProfile.id))
    by_level = db.session.execute(
        base.add_columns(education, people).group_by(
            SeekerProfile.region_id, SeekerSkill.skill_id, status, education
        )
    ).all()
    totals = db.session.execute(
        base.add_columns(people).group_by(SeekerProfile.region_id, SeekerSkill.skill_id, status)
    ).all()
    regions = _regions()
    skills = _skills({row[1] for row in totals})
    order = {level: i for i, level in enumerate((*EDUCATION_LEVELS, "unknown", TOTAL))}

    def row(region_id: int, skill_id: str, state: str, level: str, n: int) -> Row:
        return {"month": _month(month), "region_code": regions[region_id].code,
                "region_name": regions[region_id].name, "education_level": level,
                **_skill_cells(skills[skill_id]), "skill_status": state,
                "seekers": int(n)}  # fmt: skip

    rows = [row(r, s, st, level, n) for r, s, st, level, n in by_level]
    rows += [row(r, s, st, TOTAL, n) for r, s, st, n in totals]
    rows.sort(key=lambda x: (x["region_code"], x["skill_id"], x["skill_status"],
                             order[x["education_level"]]))  # fmt: skip
    return suppress_rows(
        rows,
        "seekers",
        group_of=lambda x: (x["region_code"], x["skill_id"], x["skill_status"]),
        is_total=lambda x: x["education_level"] == TOTAL,
    )
