"""Vacancy and profile templates of the scale generator, each with its skills, search terms and
text vector computed once (every row built from a template has exactly the template's text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import Skill
from app.services import vectors
from app.services.demo_regional import regional_text
from app.services.linking import embed, suggest_skills_many
from app.services.scale_data.texts import LEVELS, VACANCY_INTROS, field_for, profile_summary
from app.services.vocabulary import resolve_skills
from matching.keywords import term_string


@dataclass(frozen=True)
class VacancyTemplate:
    """The text and terms of many generated vacancies."""

    title: str
    description: str
    employment_type: str
    min_education: str
    salary_min: int | None
    salary_max: int | None
    occupation: str | None  # KBJI 2014 4-digit group, as the demo vacancy gives it
    required: tuple[str, ...]  # skill ids
    preferred: tuple[str, ...]
    search_terms: str
    text_hash: str
    vector: bytes


@dataclass(frozen=True)
class ProfileTemplate:
    """The text of many generated seeker profiles."""

    headline: str
    field_of_study: str
    summary: str
    education: str
    skills: tuple[str, ...]  # skill ids, in the order stored (the profile text lists them so)
    text_hash: str
    vector: bytes


@dataclass(frozen=True)
class CurriculumTemplate:
    """A demo curriculum with the skills the linker read in each outcome (read once)."""

    entry: dict[str, Any]
    outcome_skills: tuple[tuple[tuple[str, float, str], ...], ...]  # per outcome, in order


def _vectors(texts: list[str]) -> list[bytes]:
    return [vectors.to_bytes(v) for v in embed(texts, kind=vectors.EMBED_KIND)]


def vacancy_templates(
    data: dict[str, Any], limit: int, intros: Sequence[str] | None = None
) -> list[VacancyTemplate]:
    """Up to ``limit`` templates: each demo vacancy opened by each intro (intro-major order, so
    a small limit still covers every role); an empty intro keeps the description as it is. The
    intros default to ``VACANCY_INTROS`` with their places moved onto the profile's."""
    if intros is None:
        intros = [regional_text(intro) for intro in VACANCY_INTROS]
    labels = {s["label"] for v in data["vacancies"] for s in v["skills"]}
    skills = resolve_skills(labels)
    read = iter(suggest_skills_many([i for i in intros if i]) if any(intros) else [])
    intro_skills = [tuple(s.skill_id for s in next(read)[:3]) if i else () for i in intros]
    drafts = []
    for intro, extra in zip(intros, intro_skills, strict=True):
        for entry in data["vacancies"]:
            required = tuple(
                skills[s["label"]].id for s in entry["skills"] if s["importance"] == "required"
            )
            preferred = tuple(
                skills[s["label"]].id for s in entry["skills"] if s["importance"] != "required"
            )
            preferred += tuple(e for e in extra if e not in required and e not in preferred)
            text = f"{intro}\n\n{entry['description']}" if intro else entry["description"]
            drafts.append((entry, text, required, preferred))
    drafts = drafts[:limit]
    texts = [f"{entry['title']}\n{description}" for entry, description, _, _ in drafts]
    vectors_ = _vectors(texts)
    return [
        VacancyTemplate(
            title=entry["title"],
            description=description,
            employment_type=entry["employment_type"],
            min_education=entry["min_education"],
            salary_min=entry.get("salary_min"),
            salary_max=entry.get("salary_max"),
            occupation=entry.get("occupation"),
            required=required,
            preferred=preferred,
            search_terms=term_string(text),
            text_hash=vectors.text_hash(text),
            vector=vector,
        )
        for (entry, description, required, preferred), text, vector in zip(
            drafts, texts, vectors_, strict=True
        )
    ]


def profile_templates(data: dict[str, Any], limit: int) -> list[ProfileTemplate]:
    """Up to ``limit`` templates: the demo seekers, then one per demo vacancy and level."""
    labels = {label for s in data["seekers"] for label in s["skills"]}
    labels |= {s["label"] for v in data["vacancies"] for s in v["skills"]}
    skills = resolve_skills(labels)
    drafts: list[tuple[str, str, str, str, tuple[str, ...]]] = [
        (
            s["headline"],
            s["field_of_study"],
            s["summary"],
            s["education_level"],
            tuple(dict.fromkeys(skills[label].id for label in s["skills"])),
        )
        for s in data["seekers"]
    ]
    for education, head, lead in LEVELS:
        for entry in data["vacancies"]:
            chosen = [s["label"] for s in entry["skills"]][:5]
            drafts.append(
                (
                    f"{head}, {entry['title']}",
                    field_for(education, entry["title"]),
                    regional_text(profile_summary(lead, entry["title"], chosen)),
                    education,
                    tuple(dict.fromkeys(skills[label].id for label in chosen)),
                )
            )
    drafts = drafts[:limit]
    english = dict(
        db.session.execute(
            select(Skill.id, Skill.label_en).where(Skill.id.in_({i for d in drafts for i in d[4]}))
        ).all()
    )
    texts = [
        "\n".join(p for p in (headline, field, summary, ", ".join(english[i] for i in ids)) if p)
        for headline, field, summary, _, ids in drafts
    ]
    vectors_ = _vectors(texts)
    return [
        ProfileTemplate(
            headline=headline,
            field_of_study=field,
            summary=summary,
            education=education,
            skills=ids,
            text_hash=vectors.text_hash(text),
            vector=vector,
        )
        for (headline, field, summary, education, ids), text, vector in zip(
            drafts, texts, vectors_, strict=True
        )
    ]


def curriculum_templates(data: dict[str, Any]) -> list[CurriculumTemplate]:
    """The demo curricula with each outcome's skills read by the linker, once."""
    texts = [o for c in data["curricula"] for u in c["units"] for o in u["outcomes"]]
    found = iter(suggest_skills_many(texts))
    out = []
    for entry in data["curricula"]:
        per_outcome = []
        for unit in entry["units"]:
            for _ in unit["outcomes"]:
                per_outcome.append(
                    tuple((s.skill_id, s.confidence, s.evidence) for s in next(found))
                )
        out.append(CurriculumTemplate(entry=entry, outcome_skills=tuple(per_outcome)))
    return out
