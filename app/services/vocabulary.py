"""The skill vocabulary in the database: loading it from ``matching.vocab`` and looking skills up."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, or_, select, update

from app.extensions import db
from app.models import Occupation, Skill, SkillAlias

if TYPE_CHECKING:
    from matching.vocab import Vocabulary


def load_vocabulary(vocabulary: Vocabulary) -> dict[str, int]:
    """Insert or update every skill, alias and occupation of ``vocabulary``; returns counts."""
    existing = set(db.session.scalars(select(Skill.id)))
    rows = [
        {
            "id": s.id,
            "uri": s.uri,
            "label_en": s.label_en,
            "label_id": s.label_id,
            "type": s.type,
            "group": s.group,
            "description": s.description,
        }
        for s in vocabulary.skills
    ]
    new_rows = [r for r in rows if r["id"] not in existing]
    old_rows = [r for r in rows if r["id"] in existing]
    if new_rows:
        db.session.execute(insert(Skill), new_rows)
    if old_rows:
        db.session.execute(update(Skill), old_rows)
    parents = [{"id": s.id, "parent_id": s.parent} for s in vocabulary.skills if s.parent]
    if parents:
        db.session.execute(update(Skill), parents)
    db.session.execute(delete(SkillAlias))
    aliases = [
        {"skill_id": s.id, "text": a.text[:250], "lang": a.lang, "kind": a.kind}
        for s in vocabulary.skills
        for a in s.aliases
    ]
    if aliases:
        db.session.execute(insert(SkillAlias), aliases)
    _load_occupations(vocabulary)
    db.session.commit()
    from app.services.matching import forget_neighbours  # the near-skill rule reads the vocabulary

    forget_neighbours()
    return {"skills": len(rows), "new": len(new_rows), "aliases": len(aliases)}


def _load_occupations(vocabulary: Vocabulary) -> None:
    known = set(db.session.scalars(select(Occupation.id)))
    rows = [
        {"id": o.id, "uri": o.uri, "code": o.code, "label_en": o.label_en, "label_id": o.label_id}
        for o in vocabulary.occupations
    ]
    if fresh := [r for r in rows if r["id"] not in known]:
        db.session.execute(insert(Occupation), fresh)
    if stale := [r for r in rows if r["id"] in known]:
        db.session.execute(update(Occupation), stale)


def is_current(vocabulary: Vocabulary) -> bool:
    """Whether the database holds exactly this vocabulary's skills (every column the load
    writes) and aliases, so that ``flask seed reference`` loads a changed vocabulary again (a
    pulled update) and leaves an unchanged one alone."""
    from collections import Counter

    shipped = {
        (s.id, s.uri, s.label_en, s.label_id, s.type, s.group, s.description, s.parent)
        for s in vocabulary.skills
    }
    columns = (Skill.id, Skill.uri, Skill.label_en, Skill.label_id, Skill.type, Skill.group,
               Skill.description, Skill.parent_id)  # fmt: skip
    if shipped != set(db.session.execute(select(*columns)).tuples()):
        return False
    aliases = Counter(
        (s.id, a.text[:250], a.lang, a.kind) for s in vocabulary.skills for a in s.aliases
    )
    stored = select(SkillAlias.skill_id, SkillAlias.text, SkillAlias.lang, SkillAlias.kind)
    return aliases == Counter(db.session.execute(stored).tuples())


def count_skills() -> int:
    """How many skills the database holds."""
    return db.session.scalar(select(func.count()).select_from(Skill)) or 0


def resolve_skills(labels: Iterable[str]) -> dict[str, Skill]:
    """Map each label to a skill by preferred label (English or Indonesian) or alias, any case.

    Labels that match nothing are left out; the caller decides whether that is an error.
    """
    wanted = {label.strip().lower(): label for label in labels}
    found: dict[str, Skill] = {}
    if not wanted:
        return found
    keys = list(wanted)
    for skill in db.session.scalars(
        select(Skill).where(
            or_(func.lower(Skill.label_en).in_(keys), func.lower(Skill.label_id).in_(keys))
        )
    ):
        for key in (skill.label_en.lower(), skill.label_id.lower()):
            if key in wanted and wanted[key] not in found:
                found[wanted[key]] = skill
    missing = [k for k, label in wanted.items() if label not in found]
    if missing:
        rows = db.session.execute(
            select(SkillAlias.text, Skill)
            .join(Skill, SkillAlias.skill_id == Skill.id)
            .where(func.lower(SkillAlias.text).in_(missing))
            .order_by(Skill.type.desc())
        )
        for text, skill in rows:
            label = wanted[text.lower()]
            found.setdefault(label, skill)
    return found
