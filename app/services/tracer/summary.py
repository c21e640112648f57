"""What a programme's tracer study says, for its school: per graduation year the graduates
listed, those who answered and the shares working in the programme's field, working outside it,
studying, entrepreneurs and looking for work; the skills graduates use against those the
curriculum teaches; and the hires of the platform's own applications."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Application,
    Curriculum,
    SeekerProfile,
    TracerGraduate,
    TracerResponse,
    TracerResponseSkill,
    User,
)
from app.services.tracer.responses import skill_choices

OUTCOMES = ("in_field", "other_field", "studying", "entrepreneur", "looking")


def outcome(status: str, in_field: bool | None) -> str:
    """The column an answer counts in: working splits by whether the work matches the
    programme (not said counts as outside the field), the other statuses count as themselves."""
    if status == "working":
        return "in_field" if in_field else "other_field"
    return status


@dataclass
class YearSummary:
    """One graduation year of a programme."""

    year: int
    listed: int = 0
    answered: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    hired_on_platform: int = 0

    def share(self, key: str) -> float | None:
        """The share of those who answered (None when nobody answered)."""
        return self.counts[key] / self.answered if self.answered else None


@dataclass(frozen=True)
class SkillUse:
    """A skill graduates say they use or the curriculum teaches."""

    skill_id: str
    label: str
    graduates: int
    taught: bool


def by_year(curriculum: Curriculum) -> list[YearSummary]:
    """The programme's tracer results per graduation year, newest first."""
    years: dict[int, YearSummary] = {}
    listed = db.session.execute(
        select(TracerGraduate.year, func.count())
        .where(TracerGraduate.curriculum_id == curriculum.id)
        .group_by(TracerGraduate.year)
    )
    for year, n in listed:
        years[year] = YearSummary(year, listed=n)
    answers = db.session.execute(
        select(TracerGraduate.year, TracerResponse.status, TracerResponse.in_field, func.count())
        .join(TracerResponse, TracerResponse.graduate_id == TracerGraduate.id)
        .where(TracerGraduate.curriculum_id == curriculum.id)
        .group_by(TracerGraduate.year, TracerResponse.status, TracerResponse.in_field)
    )
    for year, status, in_field, n in answers:
        summary = years[year]
        summary.answered += n
        summary.counts[outcome(status, in_field)] += n
    for year, n in platform_hires(curriculum).items():
        years[year].hired_on_platform = n
    return sorted(years.values(), key=lambda s: -s.year)


def platform_hires(curriculum: Curriculum) -> dict[int, int]:
    """Per year, the listed graduates who consented and whose contact is the email of a job
    seeker's account with a hired application on the platform."""
    rows = db.session.execute(
        select(TracerGraduate.year, func.count(func.distinct(TracerGraduate.id)))
        .join(User, func.lower(User.email) == func.lower(TracerGraduate.contact))
        .join(SeekerProfile, SeekerProfile.user_id == User.id)
        .join(Application, Application.profile_id == SeekerProfile.id)
        .where(
            TracerGraduate.curriculum_id == curriculum.id,
            TracerGraduate.consent.is_(True),
            Application.status == "hired",
        )
        .group_by(TracerGraduate.year)
    )
    return {year: n for year, n in rows}


def skills_used(curriculum: Curriculum, locale: str, year: int | None = None) -> list[SkillUse]:
    """The skills graduates (of one year) say they use, most used first, marked taught or not,
    then the taught skills nobody said they use."""
    query = (
        select(TracerResponseSkill.skill_id, func.count())
        .join(TracerResponse, TracerResponse.id == TracerResponseSkill.response_id)
        .join(TracerGraduate, TracerGraduate.id == TracerResponse.graduate_id)
        .where(TracerGraduate.curriculum_id == curriculum.id)
        .group_by(TracerResponseSkill.skill_id)
    )
    if year is not None:
        query = query.where(TracerGraduate.year == year)
    used = Counter({skill_id: n for skill_id, n in db.session.execute(query)})
    taught = dict(skill_choices(curriculum, locale))
    from app.services.planner.supply import skill_labels

    labels = {**skill_labels(list(used)), **taught}
    ranked = sorted(used, key=lambda s: (-used[s], labels[s]))
    rows = [SkillUse(s, labels[s], used[s], s in taught) for s in ranked]
    rows += [SkillUse(s, label, 0, True) for s, label in taught.items() if s not in used]
    return rows
