"""The inputs of the unit advice of a gap report (``curricula.gap.placement``): vectors of each
unit's name and outcome sentences, label vectors of the skills and of the whole vocabulary (the
reference that centres similarities), and the vocabulary's relations between skills."""

from __future__ import annotations

import numpy as np
from sqlalchemy import select

from app.extensions import db
from app.models import Curriculum, Skill
from curricula.gap import SkillRelations, unit_text_rows


def placement_inputs(
    curriculum: Curriculum, skill_ids: set[str], near: dict[str, dict[str, float]]
) -> tuple[dict, dict, np.ndarray, SkillRelations]:
    """Unit text vectors (one row per text), skill label vectors, the reference vectors and the
    relations (broader skill, group, ``near`` skills) of the given skills."""
    from app.services.linking import embed, skill_index

    index = skill_index()
    rows = [unit_text_rows(u.name, [o.text for o in u.outcomes]) for u in curriculum.units]
    flat = [text for texts in rows for text in texts]
    emb = embed(flat, kind="query") if flat else np.zeros((0, 1))
    unit_vectors, start = {}, 0
    for unit, texts in zip(curriculum.units, rows, strict=True):
        if texts:
            unit_vectors[unit.id] = emb[start : start + len(texts)]
        start += len(texts)
    skill_vectors = {}
    for sid in skill_ids:
        try:
            skill_vectors[sid] = index.label_emb[index.position(sid)]
        except KeyError:
            continue
    found = db.session.execute(
        select(Skill.id, Skill.parent_id, Skill.group).where(Skill.id.in_(skill_ids))
    ) if skill_ids else []  # fmt: skip
    parents, groups = {}, {}
    for sid, parent, group in found:
        if parent:
            parents[sid] = parent
        if group:
            groups[sid] = group
    return unit_vectors, skill_vectors, index.label_emb, SkillRelations(parents, groups, near)
