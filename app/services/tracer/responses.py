"""A graduate's answer through their one-time link: where they are a year after graduating and
which skills they use. The link needs no account, works once and expires."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import (
    TRACER_STATUSES,
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    OutcomeSkill,
    Region,
    Skill,
    TracerGraduate,
    TracerResponse,
    TracerResponseSkill,
)
from app.services.errors import NotFoundError, ValidationError
from app.services.tracer.tokens import expired, hash_token

TEXT_MAX = 200
WORKING = ("working", "entrepreneur")


@dataclass(frozen=True)
class Answer:
    """What the graduate fills in."""

    status: str
    employer: str = ""
    region_id: int | None = None
    job_title: str = ""
    in_field: bool | None = None
    skill_ids: tuple[str, ...] = ()


def graduate_for_token(token: str) -> TracerGraduate:
    """The graduate a live link names (NotFoundError for an unknown, used or expired link)."""
    graduate = db.session.scalar(
        select(TracerGraduate).where(TracerGraduate.token_hash == hash_token(token))
    )
    if graduate is None or graduate.response is not None or expired(graduate.token_expires_at):
        raise NotFoundError("tracer link")
    return graduate


def skill_choices(curriculum: Curriculum, locale: str) -> list[tuple[str, str]]:
    """The skills the form offers: those the programme's learning outcomes teach, by label."""
    label = Skill.label_column(locale)
    rows = db.session.execute(
        select(Skill.id, label)
        .join(OutcomeSkill, OutcomeSkill.skill_id == Skill.id)
        .join(LearningOutcome, LearningOutcome.id == OutcomeSkill.outcome_id)
        .join(CurriculumUnit, CurriculumUnit.id == LearningOutcome.unit_id)
        .where(CurriculumUnit.curriculum_id == curriculum.id, OutcomeSkill.rejected.is_(False))
        .distinct()
        .order_by(label)
    )
    return [(skill_id, text) for skill_id, text in rows]


def problems(answer: Answer) -> dict[str, str]:
    """Every broken rule, by field."""
    found: dict[str, str] = {}
    if answer.status not in TRACER_STATUSES:
        found["status"] = str(_l("Choose what you do now."))
    for field in ("employer", "job_title"):
        if len(getattr(answer, field).strip()) > TEXT_MAX:
            found[field] = str(_l("At most %(n)d characters.", n=TEXT_MAX))
    if answer.region_id is not None and db.session.get(Region, answer.region_id) is None:
        found["region_id"] = str(_l("Choose a regency/city from the list."))
    return found


def submit(graduate: TracerGraduate, answer: Answer) -> TracerResponse:
    """Save the answer and use up the link; commits once (nothing saved when refused). A link
    answered meanwhile (two submissions at once: the unique graduate of the response) is
    NotFoundError, as a used link."""
    for field, message in problems(answer).items():
        raise ValidationError(field, message)
    if graduate.response is not None or expired(graduate.token_expires_at):
        raise NotFoundError("tracer link")
    working = answer.status in WORKING
    skills = _known(answer.skill_ids)
    response = TracerResponse(
        graduate=graduate,
        status=answer.status,
        employer=answer.employer.strip() if working else "",
        region_id=answer.region_id if working else None,
        job_title=answer.job_title.strip() if answer.status == "working" else "",
        in_field=answer.in_field if working else None,
    )
    response.skills = [TracerResponseSkill(skill_id=s) for s in skills]
    graduate.token_hash, graduate.token_expires_at = None, None
    db.session.add(response)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise NotFoundError("tracer link") from error
    return response


def _known(skill_ids: Iterable[str]) -> list[str]:
    wanted = list(dict.fromkeys(skill_ids))
    if not wanted:
        return []
    known = set(db.session.scalars(select(Skill.id).where(Skill.id.in_(wanted))))
    return [s for s in wanted if s in known]
