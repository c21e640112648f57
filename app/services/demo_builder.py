"""Turning the demo file's plain data into rows: the builder behind ``seed_demo`` (no commit)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    Organisation,
    Region,
    SeekerProfile,
    SeekerSkill,
    Training,
    TrainingSkill,
    User,
    Vacancy,
    VacancySkill,
)
from app.models.base import utcnow
from app.profile import current_profile

ADMIN_EMAIL = "admin@example.com"


class DemoDataError(RuntimeError):
    """The demo file is inconsistent with the vocabulary or regions, or demo data is refused."""


class DemoBuilder:
    """Turns the demo file's plain data into rows (no commit)."""

    def __init__(self, regions: dict[str, Region], skills: dict[str, Any], password: str) -> None:
        self.regions, self.skills, self.password = regions, skills, password
        self.organisations: dict[str, Organisation] = {}
        self.counts: dict[str, int] = {}

    def _region(self, code: str | None) -> Region | None:
        if code is None:
            return None
        if code not in self.regions:
            raise DemoDataError(f"unknown region code {code}")
        return self.regions[code]

    def _count(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1

    def _user(self, email: str, name: str, role: str, org: Organisation | None = None) -> User:
        user = User(
            email=email,
            name=name,
            role=role,
            password_hash=self.password,
            organisation=org,
            email_verified_at=utcnow(),  # demo logins work without a mailbox
        )
        db.session.add(user)
        self._count("users")
        return user

    def build(self, data: dict[str, Any]) -> None:
        """Every row of the demo scene: the administrator, organisations and their members,
        vacancies, curricula, trainings, seekers and the planners' offices."""
        profile = current_profile()
        admin = "Admin Disnakertrans Banten" if profile.demo == "handwritten" else None
        self._user(ADMIN_EMAIL, admin or f"Admin {profile.agencies.disnaker}", "admin")
        for entry in data["employers"]:
            self.organisation(entry, "employer", "employer")
        for entry in data["schools"]:
            self.organisation(entry, entry["kind"], "school")
        for entry in data["vacancies"]:
            self._vacancy(entry)
        for entry in data["curricula"]:
            self._curriculum(entry)
        for entry in data["trainings"]:
            self._training(entry)
        for entry in data["seekers"]:
            self._seeker(entry)
        for entry in data.get("agencies", []):  # planners' offices: verified by an administrator
            self.organisation(entry, "agency", "planner")

    def organisation(self, entry: dict[str, Any], kind: str, role: str) -> None:
        """An organisation of ``kind`` and its members, who log in with ``role``."""
        org = Organisation(
            kind=kind,
            name=entry["name"],
            region=self._region(entry["region"]),
            address=entry.get("address", ""),
            registration_number=entry.get("registration_number", ""),
            verification_status="verified" if entry.get("verified", True) else "pending",
        )
        if org.verification_status == "verified":
            org.verified_at = utcnow()
        else:
            org.verification_requested_at = utcnow()
        db.session.add(org)
        self.organisations[entry["key"]] = org
        self._count("organisations")
        for member in entry["users"]:
            self._user(member["email"], member["name"], role, org)

    def _vacancy(self, entry: dict[str, Any]) -> None:
        now = utcnow()
        vacancy = Vacancy(
            organisation=self.organisations[entry["employer"]],
            title=entry["title"],
            description=entry["description"],
            region=self._region(entry["region"]),
            employment_type=entry["employment_type"],
            min_education=entry["min_education"],
            salary_min=entry.get("salary_min"),
            salary_max=entry.get("salary_max"),
            status=entry["status"],
            posted_at=None
            if entry["status"] == "draft"
            else now - timedelta(days=entry["posted_days_ago"]),
            closing_date=date.today() + timedelta(days=entry["closing_in_days"]),
            occupation_code=entry["occupation"],  # chosen by the employer who posted it
            occupation_origin="employer",
        )
        for item in entry["skills"]:
            vacancy.skills.append(
                VacancySkill(
                    skill=self.skills[item["label"]],
                    importance=item["importance"],
                    origin="declared",
                )
            )
        db.session.add(vacancy)
        self._count("vacancies")

    def _curriculum(self, entry: dict[str, Any]) -> None:
        curriculum = Curriculum(
            organisation=self.organisations[entry["school"]],
            programme=entry["programme"],
            concentration=entry.get("concentration", ""),
            level=entry["level"],
            version_year=entry["version_year"],
            status=entry["status"],
        )
        for position, unit_entry in enumerate(entry["units"]):
            unit = CurriculumUnit(
                position=position,
                code=unit_entry.get("code") or "",
                name=unit_entry["name"],
                phase=unit_entry.get("phase"),
                semester=unit_entry.get("semester"),
                hours=unit_entry.get("hours"),
                credits=unit_entry.get("credits"),
            )
            unit.outcomes = [
                LearningOutcome(position=i, text=text)
                for i, text in enumerate(unit_entry["outcomes"])
            ]
            curriculum.units.append(unit)
        db.session.add(curriculum)
        self._count("curricula")

    def _training(self, entry: dict[str, Any]) -> None:
        training = Training(
            organisation=self.organisations[entry["provider"]],
            title=entry["title"],
            description=entry["description"],
            mode=entry["mode"],
            region=self._region(entry.get("region")),
            duration_hours=entry.get("duration_hours"),
            cost=entry.get("cost", 0),
        )
        training.skills = [
            TrainingSkill(skill=self.skills[label], origin="declared") for label in entry["skills"]
        ]
        db.session.add(training)
        self._count("trainings")

    def _seeker(self, entry: dict[str, Any]) -> None:
        user = self._user(entry["email"], entry["name"], "seeker")
        visible = entry.get("visibility") == "visible"
        profile = SeekerProfile(
            user=user,
            region=self._region(entry.get("region")),
            education_level=entry.get("education_level"),
            field_of_study=entry.get("field_of_study", ""),
            graduation_year=entry.get("graduation_year"),
            headline=entry.get("headline", ""),
            summary=entry.get("summary", ""),
            visibility="visible" if visible else "hidden",
            consent_at=utcnow() if visible else None,
            phone=entry.get("phone", ""),
            whatsapp=entry.get("whatsapp", False),
        )
        profile.skills = [
            SeekerSkill(skill=self.skills[label], origin="declared") for label in entry["skills"]
        ]
        db.session.add(profile)
        self._count("seekers")
