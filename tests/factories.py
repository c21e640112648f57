"""factory_boy factories for the models (they commit through the app's session)."""

from __future__ import annotations

import factory
from sqlalchemy import select

from app.extensions import db
from app.models import (
    Application,
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    Organisation,
    Region,
    SeekerProfile,
    Skill,
    User,
    Vacancy,
)
from app.models.base import utcnow
from app.services.accounts import hash_password

PASSWORD = "rahasia123"  # noqa: S105 - test accounts


class BaseFactory(factory.alchemy.SQLAlchemyModelFactory):
    """Commit every object so the app sees it."""

    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


def any_region() -> Region:
    """The first loaded region."""
    return db.session.scalars(select(Region).order_by(Region.code)).first()


class OrganisationFactory(BaseFactory):
    class Meta:
        model = Organisation

    kind = "employer"
    name = factory.Sequence(lambda n: f"PT Contoh Digital {n}")
    region = factory.LazyFunction(any_region)
    address = "Jl. Raya Serang No. 1"
    registration_number = factory.Sequence(lambda n: f"{9120000000000 + n}")
    verification_status = "verified"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Sequence(lambda n: f"Pengguna {n}")
    role = "seeker"
    password_hash = factory.LazyFunction(lambda: hash_password(PASSWORD))
    email_verified_at = factory.LazyFunction(utcnow)  # factory users count as verified


class EmployerFactory(UserFactory):
    role = "employer"
    organisation = factory.SubFactory(OrganisationFactory, kind="employer")


class SchoolUserFactory(UserFactory):
    role = "school"
    organisation = factory.SubFactory(OrganisationFactory, kind="school", name="SMK Negeri 9")


class PlannerFactory(UserFactory):
    role = "planner"
    organisation = factory.SubFactory(
        OrganisationFactory, kind="agency", name="Bappeda Provinsi Banten", registration_number=""
    )


class SeekerProfileFactory(BaseFactory):
    class Meta:
        model = SeekerProfile

    user = factory.SubFactory(UserFactory, role="seeker")


class SkillFactory(BaseFactory):
    class Meta:
        model = Skill

    id = factory.Sequence(lambda n: f"test-skill-{n}")
    label_en = factory.Sequence(lambda n: f"skill {n}")
    label_id = factory.Sequence(lambda n: f"keterampilan {n}")
    type = "skill"


class VacancyFactory(BaseFactory):
    class Meta:
        model = Vacancy

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Web Developer (Laravel)"
    description = "Membangun aplikasi web dengan Laravel dan MySQL."
    region = factory.LazyFunction(any_region)
    employment_type = "full_time"
    min_education = "sma_smk"
    salary_min = 4_500_000
    salary_max = 6_000_000
    status = "open"


class CurriculumFactory(BaseFactory):
    class Meta:
        model = Curriculum

    organisation = factory.SubFactory(OrganisationFactory, kind="school")
    programme = "Pengembangan Perangkat Lunak dan Gim"
    concentration = "Rekayasa Perangkat Lunak"
    level = "smk"
    version_year = 2025
    units = factory.LazyFunction(
        lambda: [
            CurriculumUnit(
                name="Basis Data",
                phase="F",
                outcomes=[LearningOutcome(text="Peserta didik mampu merancang basis data.")],
            )
        ]
    )


class ApplicationFactory(BaseFactory):
    class Meta:
        model = Application

    profile = factory.SubFactory(SeekerProfileFactory)
    vacancy = factory.SubFactory(VacancyFactory)
    message = "Saya tertarik."
    status = "applied"
