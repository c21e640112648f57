"""Demo data: a believable Banten scene (written by the project) with one login per role."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import inspect, select

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    OccupationGroup,
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
from app.services import demo_people
from app.services.accounts import hash_password
from app.services.vocabulary import resolve_skills

DEMO_FILE = Path(__file__).resolve().parent.parent / "data" / "demo" / "demo.json"
ADMIN_EMAIL = "admin@example.com"
DEMO_LOGINS = (
    "admin@example.com",
    "employer@example.com",
    "school@example.com",
    "seeker@example.com",
    "planner@example.com",
)


class DemoDataError(RuntimeError):
    """The demo file is inconsistent with the vocabulary or regions, or demo data is refused."""


@dataclass
class SeedResult:
    """What ``seed_demo`` did."""

    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def read_demo(path: Path = DEMO_FILE) -> dict[str, Any]:
    """The demo scene as plain data."""
    return json.loads(path.read_text(encoding="utf-8"))


def demo_skill_labels(data: dict[str, Any]) -> set[str]:
    """Every skill label the demo file names."""
    labels = {s["label"] for v in data["vacancies"] for s in v["skills"]}
    labels |= {label for t in data["trainings"] for label in t["skills"]}
    labels |= {label for s in data["seekers"] for label in s["skills"]}
    return labels


def demo_emails(data: dict[str, Any] | None = None) -> set[str]:
    """Every login the demo scene creates (the administrator, organisations' members, seekers)."""
    data = read_demo() if data is None else data
    emails = {ADMIN_EMAIL}
    for entry in data["employers"] + data["schools"] + data.get("agencies", []):
        emails |= {member["email"] for member in entry["users"]}
    emails |= {entry["email"] for entry in data["seekers"]}
    return emails


def demo_accounts_present() -> list[str]:
    """The demo logins found in the database, sorted (none when the users table does not exist
    yet, as before ``flask db upgrade``)."""
    if not inspect(db.engine).has_table(User.__tablename__):
        return []
    found = db.session.scalars(select(User.email).where(User.email.in_(demo_emails())))
    return sorted(found)


def seed_demo(path: Path = DEMO_FILE) -> SeedResult:
    """Create the demo scene unless it is there already (idempotent); all or nothing."""
    if not current_app.config.get("ALLOW_DEMO_DATA"):
        raise DemoDataError("demo data and demo passwords are refused in this configuration")
    if db.session.scalar(select(User).where(User.email == ADMIN_EMAIL)) is not None:
        data = read_demo(path)
        counts = _add_new_agencies(data)
        counts.update(demo_people.add_people(data))
        return SeedResult(created=False, counts=counts)
    data = read_demo(path)
    skills = resolve_skills(demo_skill_labels(data))
    unknown = sorted(demo_skill_labels(data) - set(skills))
    if unknown:
        raise DemoDataError(f"skills not in the vocabulary: {', '.join(unknown)}")
    regions = {r.code: r for r in db.session.scalars(select(Region))}
    _ensure_occupation_groups(data)
    password = hash_password(current_app.config["DEMO_PASSWORD"])
    try:
        builder = _Builder(regions, skills, password)
        builder.build(data)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    builder.counts.update(demo_people.add_people(data))
    return SeedResult(created=True, counts=builder.counts)


def _ensure_occupation_groups(data: dict[str, Any]) -> None:
    """The KBJI groups the demo vacancies name exist (loaded from the configured file when
    missing, as ``flask seed reference`` does); a code the file lacks is an error."""
    from app.services.occupation_groups import load_groups

    wanted = {entry["occupation"] for entry in data["vacancies"]}
    known = set(db.session.scalars(select(OccupationGroup.code)))
    if wanted - known:
        load_groups(current_app.config["OCCUPATION_GROUPS_FILE"])
        known = set(db.session.scalars(select(OccupationGroup.code)))
    if wanted - known:
        raise DemoDataError(f"unknown KBJI codes: {', '.join(sorted(wanted - known))}")


def _add_new_agencies(data: dict[str, Any]) -> dict[str, int]:
    """A demo scene seeded before planners existed gets the demo agencies and their planners."""
    emails = {m["email"] for entry in data.get("agencies", []) for m in entry["users"]}
    if not emails or db.session.scalar(select(User.id).where(User.email.in_(emails))):
        return {}
    regions = {r.code: r for r in db.session.scalars(select(Region))}
    builder = _Builder(regions, {}, hash_password(current_app.config["DEMO_PASSWORD"]))
    for entry in data["agencies"]:
        builder._organisation(entry, "agency", "planner")
    db.session.commit()
    return builder.counts


class _Builder:
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
        self._user(ADMIN_EMAIL, "Admin Disnakertrans Banten", "admin")
        for entry in data["employers"]:
            self._organisation(entry, "employer", "employer")
        for entry in data["schools"]:
            self._organisation(entry, entry["kind"], "school")
        for entry in data["vacancies"]:
            self._vacancy(entry)
        for entry in data["curricula"]:
            self._curriculum(entry)
        for entry in data["trainings"]:
            self._training(entry)
        for entry in data["seekers"]:
            self._seeker(entry)
        for entry in data.get("agencies", []):  # planners' offices: verified by an administrator
            self._organisation(entry, "agency", "planner")

    def _organisation(self, entry: dict[str, Any], kind: str, role: str) -> None:
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
