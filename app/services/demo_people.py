"""Demo teachers, teacher trainings and last year's tracer-study answers of the demo TKJ
programme (``teacher_trainings``, ``teachers`` and ``tracer`` in the demo file). Added once: on
a fresh scene, or to a scene seeded before they existed (``flask seed demo`` again)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import (
    Curriculum,
    Organisation,
    Region,
    Teacher,
    TeacherSkill,
    TracerGraduate,
    TracerResponse,
    TracerResponseSkill,
    Training,
    TrainingSkill,
)
from app.models.base import utcnow
from app.services.clock import today
from app.services.vocabulary import resolve_skills


def labels(data: dict[str, Any]) -> set[str]:
    """Every skill label these parts of the demo file name."""
    found = {label for t in data.get("teacher_trainings", []) for label in t["skills"]}
    found |= {label for t in data.get("teachers", []) for label in t["skills"]}
    for programme in data.get("tracer", []):
        for graduate in programme["graduates"]:
            found |= set((graduate.get("response") or {}).get("skills", []))
    return found


def _curriculum(data: dict[str, Any], entry: dict[str, Any]) -> Curriculum:
    school = next(s["name"] for s in data["schools"] if s["key"] == entry["school"])
    found = db.session.scalar(
        select(Curriculum)
        .join(Organisation)
        .where(Organisation.name == school, Curriculum.concentration == entry["concentration"])
    )
    if found is None:
        raise LookupError(f"demo programme not found: {school}, {entry['concentration']}")
    return found


def _organisation(data: dict[str, Any], key: str) -> Organisation:
    entries = data["schools"] + data["employers"]
    name = next(e["name"] for e in entries if e["key"] == key)
    return db.session.scalar(select(Organisation).where(Organisation.name == name))


def add_people(data: dict[str, Any]) -> dict[str, int]:
    """Add the demo teachers, teacher trainings and tracer answers unless teachers or tracer
    graduates exist already; commits. Returns what was added, by kind."""
    if db.session.scalar(select(Teacher.id)) or db.session.scalar(select(TracerGraduate.id)):
        return {}
    skills = resolve_skills(labels(data))
    unknown = sorted(labels(data) - set(skills))
    if unknown:
        raise LookupError(f"skills not in the vocabulary: {', '.join(unknown)}")
    regions = {r.code: r for r in db.session.scalars(select(Region))}
    counts = {"teacher trainings": 0, "teachers": 0, "tracer graduates": 0}
    present = set(db.session.scalars(select(Training.title).where(Training.audience == "teachers")))
    for entry in data.get("teacher_trainings", []):
        if entry["title"] in present:
            continue
        training = Training(
            organisation=_organisation(data, entry["provider"]), title=entry["title"],
            description=entry["description"], mode=entry["mode"], audience="teachers",
            region=regions.get(entry.get("region") or ""), duration_hours=entry["duration_hours"],
            cost=entry["cost"],
        )  # fmt: skip
        training.skills = [
            TrainingSkill(skill=skills[s], origin="declared") for s in entry["skills"]
        ]
        db.session.add(training)
        counts["teacher trainings"] += 1
    for entry in data.get("teachers", []):
        teacher = Teacher(curriculum=_curriculum(data, entry), name=entry["name"],
                          subjects=entry["subjects"])  # fmt: skip
        teacher.skills = [TeacherSkill(skill=skills[s], origin="declared") for s in entry["skills"]]
        db.session.add(teacher)
        counts["teachers"] += 1
    for programme in data.get("tracer", []):
        curriculum = _curriculum(data, programme)
        year = today().year - programme["years_ago"]
        for entry in programme["graduates"]:
            graduate = TracerGraduate(curriculum=curriculum, year=year, name=entry["name"],
                                      contact=entry["contact"], consent=entry["consent"],
                                      invited_at=utcnow() - timedelta(days=30))  # fmt: skip
            answer = entry.get("response")
            if answer:
                graduate.response = TracerResponse(
                    status=answer["status"], employer=answer.get("employer", ""),
                    region=regions.get(answer.get("region") or ""),
                    job_title=answer.get("job_title", ""), in_field=answer.get("in_field"),
                    responded_at=utcnow() - timedelta(days=20),
                )  # fmt: skip
                graduate.response.skills = [
                    TracerResponseSkill(skill_id=skills[s].id) for s in answer["skills"]
                ]
            db.session.add(graduate)
            counts["tracer graduates"] += 1
    db.session.commit()
    return counts
