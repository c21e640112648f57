"""What a number about programmes drills down to: the programmes teaching a skill (or not), and
one programme's curriculum (units and the skills their outcomes teach). Published curricula of
verified schools are institutional facts, not personal data."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import Region
from app.services import curricula
from app.services.errors import ValidationError
from app.services.planner import supply_counts as counts
from app.services.planner.supply import skill_labels
from app.services.skill_search import search_skills


@dataclass(frozen=True)
class ProgrammeRow:
    """A programme in a list, with its district and latest recorded graduates."""

    programme: counts.Programme
    district: str
    graduates: int | None
    graduates_year: int | None


def _rows(found: list[counts.Programme]) -> list[ProgrammeRow]:
    names = {k: v for k, v in db.session.execute(select(Region.id, Region.name))}
    latest: dict[int, tuple[int, int]] = {}
    for (cid, year), n in counts.graduates([p.id for p in found], range(1900, 3000)).items():
        if cid not in latest or year > latest[cid][0]:
            latest[cid] = (year, n)
    return [
        ProgrammeRow(p, names.get(p.region_id, ""), latest.get(p.id, (None, None))[1],
                     latest.get(p.id, (None, None))[0])
        for p in found
    ]  # fmt: skip


def teaching(
    skill_id: str, covers: bool, region_id: int | None = None, education: str | None = None
) -> tuple[str, list[ProgrammeRow]]:
    """The skill's label and the programmes (of the district, of the education level) whose
    learning outcomes teach it (``covers``) or do not."""
    found = counts.programmes(region_id, education)
    taught = counts.taught_skills([p.id for p in found])
    chosen = [p for p in found if (skill_id in taught.get(p.id, set())) == covers]
    return skill_labels([skill_id])[skill_id], _rows(chosen)


@dataclass(frozen=True)
class UnitSkills:
    """A unit of a curriculum with the skills its outcomes teach."""

    code: str
    name: str
    skills: list[str]


def curriculum_units(curriculum_id: int) -> tuple[ProgrammeRow, list[UnitSkills]] | None:
    """A programme a planner may see (published, trusted school) with its units and their
    skills; ``None`` for any other curriculum."""
    found = [p for p in counts.programmes() if p.id == curriculum_id]
    if not found:
        return None
    curriculum = curricula.with_units(curriculum_id)
    units = [
        (unit, list(dict.fromkeys(
            s.skill_id for o in unit.outcomes for s in o.skills if not s.rejected)))
        for unit in curriculum.units
    ]  # fmt: skip
    labels = skill_labels([s for _, ids in units for s in ids])
    return _rows(found)[0], [
        UnitSkills(unit.code or "", unit.name, [labels[s] for s in ids]) for unit, ids in units
    ]


def resolve_skill(query: str, locale: str) -> str:
    """The skill typed without picking from the list, when one label or alias is exactly it;
    otherwise an error on ``skill_query``."""
    text = query.strip().casefold()
    for hit in search_skills(query, locale, limit=5):
        if text in (hit.label.casefold(), hit.matched.casefold()):
            return hit.id
    raise ValidationError(
        "skill_query",
        str(_l("No skill is called “%(query)s”: choose one from the list.", query=query.strip())),
    )
