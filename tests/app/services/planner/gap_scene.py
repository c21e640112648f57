"""A small hand-built market for the Supply, Gaps and What-if tests, with every count known.

District A (the first region): 10 vacancies. v0-v3 require S1; v4-v9 require S1, S2 and S4,
and v5-v9 would like S3. District B: 5 vacancies requiring S1.
Seekers in A: 20 (S1 declared by 10, verified by 2; S3 declared by 3; nobody has S2 or S4);
seekers in B: 3 (S1 declared by all). Education: 18 SMA/SMK and 5 S1 seekers.
A school in A publishes a programme teaching S1 with 40 graduates this year and 30 last year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    OutcomeSkill,
    ProgrammeGraduates,
    Region,
    SeekerSkill,
    Skill,
    Training,
    TrainingSkill,
    Vacancy,
    VacancySkill,
)
from app.models.base import utcnow
from app.services import demand
from app.services.clock import today
from tests.factories import (
    OrganisationFactory,
    SeekerProfileFactory,
    SkillFactory,
    UserFactory,
    VacancyFactory,
)

SEEKER_NAME = "Wiradharma Kusumapradja"
SEEKER_EMAIL = "wiradharma.k@contoh.example"


@dataclass
class Scene:
    """What the tests look up."""

    a: Region
    b: Region
    skills: list[Skill]
    vacancies: list[Vacancy]
    curriculum: Curriculum


def _vacancy(employer, region, required, preferred=(), days_ago=10):  # type: ignore[no-untyped-def]
    item = VacancyFactory(
        organisation=employer, region=region, posted_at=utcnow() - timedelta(days=days_ago)
    )
    for skill, importance in [(s, "required") for s in required] + [
        (s, "preferred") for s in preferred
    ]:
        item.skills.append(
            VacancySkill(skill_id=skill.id, importance=importance, origin="declared")
        )
    db.session.commit()
    return item


def _seeker(region, level, skills, name=None, email=None):  # type: ignore[no-untyped-def]
    user = UserFactory(**({"name": name, "email": email} if name else {}))
    profile = SeekerProfileFactory(user=user, region=region, education_level=level)
    for skill, origin in skills:
        profile.skills.append(SeekerSkill(skill_id=skill.id, origin=origin, confirmed=True))
    db.session.commit()
    return profile


def build() -> Scene:
    """The market described in the module's docstring (demand aggregate rebuilt)."""
    a, b = list(db.session.scalars(select(Region).order_by(Region.code)))[:2]
    s1, s2, s3, s4 = (SkillFactory(label_en=f"Skill {c}", label_id=f"Kemampuan {c}")
                      for c in "1234")  # fmt: skip
    employer = OrganisationFactory(name="PT Mitra Data", region=a)
    made = [_vacancy(employer, a, [s1], days_ago=5 + n) for n in range(4)]
    made += [_vacancy(employer, a, [s1, s2, s4], [s3] if n else [], 20 + n) for n in range(6)]
    made += [_vacancy(employer, b, [s1], days_ago=30 + n) for n in range(5)]
    for n in range(20):
        skills = []
        if n < 10:
            skills.append((s1, "declared"))
        elif n < 12:
            skills.append((s1, "verified"))
        if 12 <= n < 15:
            skills.append((s3, "declared"))
        named = {"name": SEEKER_NAME, "email": SEEKER_EMAIL} if n == 0 else {}
        _seeker(a, "sma_smk" if n < 15 else "s1", skills, **named)
    for _ in range(3):
        _seeker(b, "sma_smk", [(s1, "declared")])
    school = OrganisationFactory(kind="school", name="SMK Negeri 7 Contoh", region=a)
    curriculum = Curriculum(
        organisation=school, programme="Teknik Komputer dan Jaringan",
        concentration="TKJ", level="smk", version_year=2025, status="published",
        units=[CurriculumUnit(name="Jaringan Dasar", outcomes=[LearningOutcome(
            text="Peserta didik mampu memasang jaringan.",
            skills=[OutcomeSkill(skill_id=s1.id, origin="declared")])])],
    )  # fmt: skip
    db.session.add(curriculum)
    db.session.flush()
    year = today().year
    db.session.add_all([
        ProgrammeGraduates(curriculum_id=curriculum.id, year=year, graduates=40),
        ProgrammeGraduates(curriculum_id=curriculum.id, year=year - 1, graduates=30),
    ])  # fmt: skip
    provider = OrganisationFactory(kind="training_provider", name="LPK Contoh", region=a)
    db.session.add(Training(organisation=provider, title="Kursus S2", mode="offline", region=a,
                            skills=[TrainingSkill(skill_id=s2.id, origin="declared")]))  # fmt: skip
    db.session.commit()
    demand.rebuild_demand()
    return Scene(a, b, [s1, s2, s3, s4], made, curriculum)
