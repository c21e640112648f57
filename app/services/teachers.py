"""Teachers of a programme: the school's list of them and their skills (recorded by the school
or declared by the teacher through a one-time link), and which teachers already have the skills
a curriculum plan adds and which need upskilling, with the fewest teacher trainings that close
each teacher's gaps (the seekers' training advice, ``app.services.trainings``, on the trainings
marked for teachers)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Curriculum, GapReportSnapshot, Skill, Teacher, TeacherSkill
from app.models.base import utcnow
from app.services import skill_links, trainings
from app.services.errors import NotFoundError, ValidationError
from app.services.tracer.tokens import expired, expiry, hash_token, new_token
from matching.scoring import TrainingPlan

NAME_MAX, SUBJECTS_MAX = 200, 500


def list_for(curriculum: Curriculum) -> list[Teacher]:
    """The programme's teachers with their skills, by name."""
    return list(
        db.session.scalars(
            select(Teacher)
            .where(Teacher.curriculum_id == curriculum.id)
            .options(selectinload(Teacher.skills).selectinload(TeacherSkill.skill))
            .order_by(Teacher.name, Teacher.id)
        )
    )


def get_teacher(curriculum: Curriculum, teacher_id: int) -> Teacher:
    """A teacher of this programme (NotFoundError for another programme's teacher)."""
    teacher = db.session.get(Teacher, teacher_id)
    if teacher is None or teacher.curriculum_id != curriculum.id:
        raise NotFoundError(teacher_id)
    return teacher


def check(name: str, subjects: str) -> None:
    """Raise ValidationError naming the field whose rule is broken."""
    if not name.strip():
        raise ValidationError("name", str(_l("Enter the teacher's name.")))
    if len(name.strip()) > NAME_MAX:
        raise ValidationError("name", str(_l("At most %(n)d characters.", n=NAME_MAX)))
    if len(subjects.strip()) > SUBJECTS_MAX:
        raise ValidationError("subjects", str(_l("At most %(n)d characters.", n=SUBJECTS_MAX)))


def save_teacher(
    curriculum: Curriculum, name: str, subjects: str, teacher: Teacher | None = None
) -> Teacher:
    """Add a teacher to the programme, or change one; commits (nothing saved when refused)."""
    check(name, subjects)
    if teacher is None:
        teacher = Teacher(curriculum_id=curriculum.id)
        db.session.add(teacher)
    teacher.name, teacher.subjects = name.strip(), subjects.strip()
    db.session.commit()
    return teacher


def delete_teacher(teacher: Teacher) -> None:
    """Forget a teacher and their skills; commits."""
    db.session.delete(teacher)
    db.session.commit()


def add_skill(teacher: Teacher, skill_id: str) -> None:
    """The school (or the teacher) records a skill of the teacher; commits."""
    if db.session.get(Skill, skill_id) is None:
        raise ValidationError("skill_id", str(_l("Choose a skill from the list.")))
    skill_links.declare(teacher.skills, skill_id, TeacherSkill)
    db.session.commit()


def remove_skill(teacher: Teacher, link_id: int) -> None:
    """Remove a recorded skill; commits."""
    link = skill_links.find_link(teacher.skills, link_id)
    teacher.skills.remove(link)
    db.session.commit()


def skill_ids(teacher: Teacher) -> set[str]:
    """The skills the teacher has (not removed)."""
    return {s.skill_id for s in teacher.skills if not s.rejected}


# --- the teacher's own link ---------------------------------------------------------------------
def invite(teacher: Teacher) -> str:
    """A new link token for the teacher to declare their skills (an older link stops working);
    commits. The token is returned once and stored only as its hash."""
    token, digest = new_token()
    teacher.token_hash, teacher.token_expires_at = digest, expiry()
    db.session.commit()
    return token


def teacher_for_token(token: str) -> Teacher:
    """The teacher a live link names (NotFoundError for an unknown, used or expired one)."""
    teacher = db.session.scalar(select(Teacher).where(Teacher.token_hash == hash_token(token)))
    if teacher is None or expired(teacher.token_expires_at):
        raise NotFoundError("teacher link")
    return teacher


def declare_skills(teacher: Teacher, chosen: Iterable[str]) -> None:
    """The teacher's answer through their link: these skills are theirs; the link is used up.
    Commits once."""
    known = set(db.session.scalars(select(Skill.id).where(Skill.id.in_(list(set(chosen))))))
    for skill_id in sorted(known):
        skill_links.declare(teacher.skills, skill_id, TeacherSkill)
    teacher.token_hash, teacher.token_expires_at, teacher.declared_at = None, None, utcnow()
    db.session.commit()


def skill_choices(teacher: Teacher, locale: str) -> list[tuple[str, str]]:
    """The skills a teacher's form offers: those the programme teaches, those its latest gap
    report asks for, and the teacher's own, by label."""
    from app.services.tracer.responses import skill_choices as taught

    wanted = [t.skill_id for t in gap_report_targets(teacher.curriculum)] + sorted(
        skill_ids(teacher)
    )
    rows = dict(taught(teacher.curriculum, locale))
    label = Skill.label_column(locale)
    extra = [s for s in wanted if s not in rows]
    if extra:
        found = db.session.execute(select(Skill.id, label).where(Skill.id.in_(extra)))
        rows.update({skill_id: text for skill_id, text in found})
    return sorted(rows.items(), key=lambda item: item[1].casefold())


# --- matching against a plan --------------------------------------------------------------------
@dataclass(frozen=True)
class SkillTarget:
    """A skill a plan adds, the unit it goes to (None: not placed) and how (add/strengthen)."""

    skill_id: str
    unit: str | None = None
    action: str = "add"


@dataclass
class UnitNeed:
    """A new or strengthened unit: its skills, who has each and who needs upskilling."""

    unit: str | None
    action: str
    skills: list[str] = field(default_factory=list)
    have: dict[str, list[Teacher]] = field(default_factory=dict)
    upskill: list[tuple[Teacher, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class TeacherAdvice:
    """One teacher's missing skills and the fewest teacher trainings that close them."""

    teacher: Teacher
    missing: tuple[str, ...]
    plan: TrainingPlan


Target = SkillTarget | str | tuple[str, object, str]


@dataclass(frozen=True)
class Matching:
    """The programme's teachers against the skills a plan adds."""

    units: list[UnitNeed]
    advice: list[TeacherAdvice]
    trainings: dict[str, object]
    labels: dict[str, str]


def targets(items: Iterable[Target]) -> list[SkillTarget]:
    """Skill ids, targets, or ``(skill id, unit or None, action)`` as a curriculum plan gives them."""
    found: list[SkillTarget] = []
    for item in items:
        if isinstance(item, SkillTarget):
            found.append(item)
        elif isinstance(item, str):
            found.append(SkillTarget(item))
        else:
            skill_id, unit, action = item
            name = unit if unit is None or isinstance(unit, str) else getattr(unit, "name", None)
            found.append(SkillTarget(skill_id, name, action or "add"))
    return found


def gap_report_targets(curriculum: Curriculum) -> list[SkillTarget]:
    """The missing skills of the programme's latest gap report, with their suggested unit."""
    snapshot = db.session.scalar(
        select(GapReportSnapshot)
        .where(GapReportSnapshot.curriculum_id == curriculum.id)
        .order_by(GapReportSnapshot.created_at.desc(), GapReportSnapshot.id.desc())
    )
    if snapshot is None:
        return []
    found = []
    for item in snapshot.result.get("missing", []):
        unit = item.get("suggested_unit") or {}
        found.append(SkillTarget(item["skill_id"], unit.get("name"), unit.get("action", "add")))
    return found


def teaches(teacher: Teacher, unit: str | None) -> bool:
    """The teacher's subjects name the unit (or the unit's name contains a subject)."""
    if unit is None:
        return False
    name = unit.casefold()
    subjects = [s.strip().casefold() for s in teacher.subjects.replace(";", ",").split(",")]
    return any(s and (s in name or name in s) for s in subjects)


def _units(wanted: Sequence[SkillTarget], staff: list[Teacher]) -> list[UnitNeed]:
    units: dict[tuple[str | None, str], UnitNeed] = {}
    for target in wanted:
        need = units.setdefault((target.unit, target.action), UnitNeed(target.unit, target.action))
        if target.skill_id not in need.skills:
            need.skills.append(target.skill_id)
    for need in units.values():
        need.have = {s: [t for t in staff if s in skill_ids(t)] for s in need.skills}
        candidates = [t for t in staff if teaches(t, need.unit)] or staff
        for teacher in candidates:
            lacking = [s for s in need.skills if s not in skill_ids(teacher)]
            if lacking:
                need.upskill.append((teacher, lacking))
    return list(units.values())


def match(curriculum: Curriculum, items: Iterable[Target]) -> Matching:
    """For each unit the plan adds or strengthens: the teachers who have each skill and the
    teachers who need upskilling (those whose subjects name the unit, else every teacher of the
    programme), with each such teacher's fewest teacher trainings, nearby or online first."""
    wanted = targets(items)
    staff = list_for(curriculum)
    units = _units(wanted, staff)
    per_teacher: dict[int, list[str]] = {}
    for need in units:
        for teacher, lacking in need.upskill:
            seen = per_teacher.setdefault(teacher.id, [])
            seen.extend(s for s in lacking if s not in seen)
    region_id = curriculum.organisation.region_id
    advice, found = [], {}
    for teacher in staff:
        if teacher.id in per_teacher:
            missing = tuple(per_teacher[teacher.id])
            plan, by_id = trainings.plan_for(missing, region_id, trainings.TEACHER_AUDIENCES)
            found.update(by_id)
            advice.append(TeacherAdvice(teacher, missing, plan))
    ids = {t.skill_id for t in wanted}
    labels = {s.id: s for s in db.session.scalars(select(Skill).where(Skill.id.in_(ids)))}
    return Matching(units, advice, found, labels)  # type: ignore[arg-type]
