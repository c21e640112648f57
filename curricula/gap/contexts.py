"""The vocabulary's view of the skills a gap report places (``curricula.gap.SkillContext``),
built from the linker's index: no text is embedded here, every vector is already in the index
(labels and forms), so building the contexts of a report's skills costs a few matrix slices."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

import numpy as np

from curricula.gap.placement import SkillContext
from curricula.gap.similarity import name_words


class _Entry(Protocol):
    skill_id: str
    label: str


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


def skill_contexts(
    index: _Index,
    skills: Iterable[str],
    parents: Mapping[str, str],
    groups: Mapping[str, str],
) -> dict[str, SkillContext]:
    """The context of each skill the index knows: its forms' vectors and names, its broader
    skill (``parents``) and that skill's label vector, its group's centroid (``groups``)."""
    skills = list(dict.fromkeys(skills))
    owners = np.asarray(index.form_owner)
    centroids = group_centroids(index, groups, skills)
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
        )
    return found
