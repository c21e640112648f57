"""The vocabulary's view of the skills a gap report places (``curricula.gap.SkillContext``),
built from the linker's index: the label and form vectors are already in the index, so those
cost a few matrix slices; the skills' descriptions are embedded through the index's embedder and
its second one (USE, for the learned unit choice), whose disk caches hold them after the first
time (``flask match warm`` embeds them all)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

import numpy as np

from curricula.gap.placement import SkillContext
from curricula.gap.similarity import name_words


class _Entry(Protocol):
    skill_id: str
    label: str
    description: str


class _Index(Protocol):
    entries: list  # of _Entry with ``.forms`` (each with ``.text``)
    label_emb: np.ndarray
    form_emb: np.ndarray
    form_owner: np.ndarray

    def position(self, skill_id: str) -> int: ...


def group_centroids(
    index: _Index, groups: Mapping[str, str], skills: Iterable[str]
) -> dict[str, np.ndarray]:
    """For each of ``skills`` whose vocabulary group has other members: the normalised mean of
    the label vectors of the group's other skills (``groups``: skill id -> group)."""
    wanted = {s: groups[s] for s in skills if groups.get(s)}
    members: dict[str, list[int]] = {g: [] for g in set(wanted.values())}
    for skill, group in groups.items():
        if group in members:
            try:
                members[group].append(index.position(skill))
            except KeyError:
                continue
    sums = {g: index.label_emb[rows].sum(axis=0, dtype=np.float64) for g, rows in members.items()}
    found = {}
    for skill, group in wanted.items():
        rows = members[group]
        try:
            own = index.position(skill)
        except KeyError:
            own = -1
        count = len(rows) - (own in rows)
        if count < 1:
            continue
        vector = sums[group] - (index.label_emb[own] if own in rows else 0.0)
        norm = float(np.linalg.norm(vector))
        if norm > 0:
            found[skill] = vector / norm
    return found


def description_vectors(
    index: _Index, skills: Iterable[str], second: bool = False
) -> dict[str, np.ndarray]:
    """The vectors of the descriptions of those ``skills`` the index knows and has a description
    for, in one call of the index's embedder (``second``: of its second embedder, USE; none
    without one)."""
    embedder = getattr(index, "aux" if second else "embedder", None)
    if embedder is None:
        return {}
    texts = {}
    for skill in skills:
        try:
            text = getattr(index.entries[index.position(skill)], "description", "")
        except KeyError:
            continue
        if text and text.strip():
            texts[skill] = text.strip()
    if not texts:
        return {}
    unique = list(dict.fromkeys(texts.values()))
    vectors = dict(zip(unique, embedder.encode(unique, kind="query"), strict=True))
    return {skill: vectors[text] for skill, text in texts.items()}


def skill_contexts(
    index: _Index,
    skills: Iterable[str],
    parents: Mapping[str, str],
    groups: Mapping[str, str],
) -> dict[str, SkillContext]:
    """The context of each skill the index knows: its forms' vectors and names, its broader
    skill (``parents``) and that skill's label vector, its group's centroid (``groups``) and its
    description's vector."""
    skills = list(dict.fromkeys(skills))
    owners = np.asarray(index.form_owner)
    centroids = group_centroids(index, groups, skills)
    described = description_vectors(index, skills)
    second = description_vectors(index, skills, second=True)
    found = {}
    for skill in skills:
        try:
            i = index.position(skill)
        except KeyError:
            continue
        entry = index.entries[i]
        rows = np.flatnonzero(owners == i)
        parent = parents.get(skill)
        try:
            parent_vector = index.label_emb[index.position(parent)] if parent else None
        except KeyError:
            parent_vector = None
        names = [entry.label, *(f.text for f in getattr(entry, "forms", ()))]
        found[skill] = SkillContext(
            forms=index.form_emb[rows] if len(rows) else None,
            parent=parent,
            parent_vector=parent_vector,
            group_vector=centroids.get(skill),
            words=name_words(names),
            description_vector=described.get(skill),
            second_description_vector=second.get(skill),
        )
    return found
