"""The inputs of the unit advice of a gap report (``curricula.gap.placement``): vectors of each
unit's name and outcome sentences, label vectors of the skills and of the whole vocabulary (the
reference that centres similarities), the vocabulary's relations between skills, what it says
of each skill beyond its label (``curricula.gap.contexts``: forms, broader skill, group) and the
skills each unit teaches as the unit choice sees them (``placement_units``)."""

from __future__ import annotations

import numpy as np
from sqlalchemy import select

from app.extensions import db
from app.models import Curriculum, Skill
from curricula.gap import SkillContext, SkillRelations, SupplyOutcome, SupplyUnit, unit_text_rows
from curricula.gap.contexts import skill_contexts


def placement_units(curriculum: Curriculum) -> tuple[SupplyUnit, ...]:
    """The units with, per outcome, its stored skills (people's corrections included) and the
    linker's mentions before the document filter (``matching.mentions.extract_many_unfiltered``;
    the filter keeps a document's suggestions precise, the unit choice gains from every skill an
    outcome is about: ``python -m curricula.lab.gap.evaluate_units``); removed skills stay out."""
    from app.services.linking import clip_for_linker, skill_ids_in_database, skill_index
    from matching.mentions import extract_many_unfiltered

    outcomes = [o for unit in curriculum.units for o in unit.outcomes]
    texts = [clip_for_linker(o.text)[0] for o in outcomes]
    readable = [i for i, text in enumerate(texts) if text.strip()]
    mentions: dict[int, list[str]] = {}
    if readable:
        known = skill_ids_in_database()
        found = extract_many_unfiltered(skill_index(), [texts[i] for i in readable])
        for i, found_here in zip(readable, found, strict=True):
            mentions[i] = [m.skill_id for m in found_here if m.skill_id in known]
    units, at = [], 0
    for unit in curriculum.units:
        rows = []
        for outcome in unit.outcomes:
            removed = {s.skill_id for s in outcome.skills if s.rejected}
            kept = [s.skill_id for s in outcome.skills if not s.rejected]
            skills = dict.fromkeys(kept + [s for s in mentions.get(at, []) if s not in removed])
            rows.append(SupplyOutcome(outcome.id, outcome.text, tuple(skills)))
            at += 1
        units.append(SupplyUnit(unit.id, unit.name, unit.code or "", tuple(rows)))
    return tuple(units)


def placement_inputs(
    curriculum: Curriculum, skill_ids: set[str], near: dict[str, dict[str, float]]
) -> tuple[dict, dict, np.ndarray, SkillRelations, dict[str, SkillContext]]:
    """Unit text vectors (one row per text), skill label vectors, the reference vectors, the
    relations (broader skill, group, ``near`` skills, and the near skills of the broader skills)
    and the contexts of the given skills."""
    from app.services.linking import embed, skill_index
    from app.services.matching import neighbours

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
    parents, groups = {}, {}
    for sid, parent, group in db.session.execute(select(Skill.id, Skill.parent_id, Skill.group)):
        if parent:
            parents[sid] = parent
        if group:
            groups[sid] = group
    near = dict(near)
    for parent in {parents[s] for s in skill_ids if s in parents} - near.keys():
        if found := neighbours().near(parent):
            near[parent] = found
    contexts = skill_contexts(index, skill_ids, parents, groups)
    relations = SkillRelations(parents, groups, near)
    return unit_vectors, skill_vectors, index.label_emb, relations, contexts
