"""Demo data: a believable Banten scene (written by the project) with one login per role."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import inspect, select

from app.extensions import db
from app.models import OccupationGroup, Region, User
from app.services import demo_people
from app.services.accounts import hash_password
from app.services.demo_builder import ADMIN_EMAIL, DemoBuilder, DemoDataError
from app.services.vocabulary import resolve_skills

DEMO_FILE = Path(__file__).resolve().parent.parent / "data" / "demo" / "demo.json"
DEMO_LOGINS = (
    "admin@example.com",
    "employer@example.com",
    "school@example.com",
    "seeker@example.com",
    "planner@example.com",
)


@dataclass
class SeedResult:
    """What ``seed_demo`` did."""

    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def read_demo(path: Path = DEMO_FILE) -> dict[str, Any]:
    """The demo scene as plain data, on the deployment profile's districts."""
    from app.services.demo_regional import regional

    return regional(json.loads(path.read_text(encoding="utf-8")))


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
        builder = DemoBuilder(regions, skills, password)
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
    builder = DemoBuilder(regions, {}, hash_password(current_app.config["DEMO_PASSWORD"]))
    for entry in data["agencies"]:
        builder.organisation(entry, "agency", "planner")
    db.session.commit()
    return builder.counts
