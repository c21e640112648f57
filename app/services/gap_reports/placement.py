"""The inputs of the unit advice of a gap report (``curricula.gap.placement``): vectors of each
unit's name and outcome sentences (stored when the curriculum was saved, ``services.vectors``),
label vectors of the skills and of the whole vocabulary (the reference that centres
similarities), the vocabulary's relations between skills, what it says of each skill beyond its
label (``curricula.gap.contexts``: forms, broader skill, group, and the vector of its
description, read from the embedder's disk cache that the warm-up fills) and the skills each unit teaches
as the unit choice sees them (``placement_units``), all as stored when the curriculum was read
(a unit whose vector is missing, when storing it failed, is embedded by ``vectors.unit_vectors``)."""

from __future__ import annotations

import numpy as np
from sqlalchemy import select

from app.extensions import db
from app.models import Curriculum, Skill
from curricula.gap import SkillContext, SkillRelations, SupplyOutcome, SupplyUnit
from curricula.gap.contexts import skill_contexts
from curricula.gap.supply import SecondView


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
    skill_ids: set[str], taught: set[str] | frozenset[str] = frozenset()
) -> tuple[dict, np.ndarray, SkillRelations, dict[str, SkillContext]]:
    """Skill label vectors, the reference vectors, the relations (broader skill, group, the
    interchangeable near skills of the skills and of their broader skills: not the members of a
    group a skill names) and the contexts of the given skills; ``taught``: the skills the units
    teach as the unit choice sees them (``placement_units``: their outcomes' mentions too), whose
    label vectors and near skills the choice compares with, as the lab's evaluation does. The
    units' text vectors come from ``vectors.store_unit_vectors_apart``."""
    from app.services.linking import skill_index
    from app.services.matching import interchangeable_neighbours

    index = skill_index()
    skill_vectors = {}
    for sid in set(skill_ids) | set(taught):
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
    # the near skills without the group members (PHP towards web programming): those count for
    # the report's coverage, not for the unit
    base = interchangeable_neighbours()
    near = {s: found for s in set(skill_ids) | set(taught) if (found := base.near(s))}
    for parent in {parents[s] for s in skill_ids if s in parents} - near.keys():
        if found := base.near(parent):
            near[parent] = found
    contexts = skill_contexts(index, skill_ids, parents, groups)
    relations = SkillRelations(parents, groups, near)
    return skill_vectors, index.label_emb, relations, contexts


def second_view(curriculum: Curriculum) -> SecondView | None:
    """The units' texts (``curricula.gap.unit_text_rows``) by the linker's second embedder, USE,
    with its label vectors of the vocabulary as the reference: the learned unit choice reads the
    skills' descriptions through it. Embedded here (USE takes milliseconds for a curriculum,
    and its disk cache keeps them), with the precedents of the labelled set
    (``linking.unit_precedents``); ``None`` when the index has no second embedder."""
    from app.services.linking import skill_index, unit_precedents
    from app.services.vectors import embed_many, unit_items

    index = skill_index()
    aux = index.aux
    if aux is None or index.aux_label_emb is None:
        return None
    items = unit_items(curriculum)
    if not items:
        return None
    matrices = embed_many([rows for _, rows in items], lambda t: aux.encode(t, kind="query"))
    return SecondView(
        dict(zip((i for i, _ in items), matrices, strict=True)),
        index.aux_label_emb,
        unit_precedents(),
    )
