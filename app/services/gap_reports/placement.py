"""The inputs of the unit advice of a gap report (``curricula.gap.placement``): vectors of each
unit's name and outcome sentences (stored when the curriculum was saved, ``services.vectors``),
label vectors of the skills and of the whole vocabulary (the reference that centres
similarities), the vocabulary's relations between skills, what it says of each skill beyond its
label (``curricula.gap.contexts``: forms, broader skill, group) and the skills each unit teaches
as the unit choice sees them (``placement_units``), all as stored when the curriculum was read
(a unit whose vector is missing, when storing it failed, is embedded by ``vectors.unit_vectors``)."""

from __future__ import annotations

import numpy as np
from sqlalchemy import select

from app.extensions import db
from app.models import Curriculum, Skill
from curricula.gap import SkillContext, SkillRelations, SupplyOutcome, SupplyUnit
from curricula.gap.contexts import skill_contexts
from matching.scoring.neighbours import SkillFacts, member_of


def placement_units(curriculum: Curriculum) -> tuple[SupplyUnit, ...]:
    """The units with, per outcome, its stored skills (people's corrections included) and the
    skills the linker mentioned in it before the document filter, stored when the outcome was
    read (``LearningOutcome.mentioned_skills``; the filter keeps a document's suggestions
    precise, the unit choice gains from every skill an outcome is about: ``python -m
    curricula.lab.gap.evaluate_units``); removed skills stay out. An outcome read before the
    mentions were stored counts its stored skills only."""
    units = []
    for unit in curriculum.units:
        rows = []
        for outcome in unit.outcomes:
            removed = {s.skill_id for s in outcome.skills if s.rejected}
            kept = [s.skill_id for s in outcome.skills if not s.rejected]
            mentioned = [s for s in outcome.mentioned_skills or () if s not in removed]
            rows.append(
                SupplyOutcome(outcome.id, outcome.text, tuple(dict.fromkeys(kept + mentioned)))
            )
        units.append(SupplyUnit(unit.id, unit.name, unit.code or "", tuple(rows)))
    return tuple(units)


def placement_inputs(
    skill_ids: set[str], near: dict[str, dict[str, float]]
) -> tuple[dict, np.ndarray, SkillRelations, dict[str, SkillContext]]:
    """Skill label vectors, the reference vectors, the relations (broader skill, group, ``near``
    skills, and the near skills of the broader skills, less the members of a group a skill
    names) and the contexts of the given skills; the units' text vectors come from
    ``vectors.store_unit_vectors_apart``."""
    from app.services.linking import skill_index
    from app.services.matching import neighbours

    index = skill_index()
    skill_vectors = {}
    for sid in skill_ids:
        try:
            skill_vectors[sid] = index.label_emb[index.position(sid)]
        except KeyError:
            continue
    parents, groups, facts = {}, {}, {}
    rows = db.session.execute(select(Skill.id, Skill.label_en, Skill.parent_id, Skill.group))
    for sid, label, parent, group in rows:
        facts[sid] = SkillFacts(label, group or "", parent)
        if parent:
            parents[sid] = parent
        if group:
            groups[sid] = group
    near = dict(near)
    for parent in {parents[s] for s in skill_ids if s in parents} - near.keys():
        if found := neighbours().near(parent):
            near[parent] = found
    # the members of a group a skill names (PHP towards web programming) count for coverage, not
    # for the unit: with them the held-out unit advice fell from 76.9 % to 72.8 %
    near = {
        s: {o: v for o, v in found.items() if not member_of(s, o, facts)}
        for s, found in near.items()
    }
    contexts = skill_contexts(index, skill_ids, parents, groups)
    relations = SkillRelations(parents, groups, near)
    return skill_vectors, index.label_emb, relations, contexts
