"""Supply side of the gap report: how well taught skills cover a skill, and where to put a skill."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from curricula.gap.inputs import GapParameters, SupplyUnit

NearSkills = Mapping[str, Mapping[str, float]] | Callable[[str, str], float] | None
Action = Literal["add", "strengthen"]


@dataclass(frozen=True, slots=True)
class SkillSupply:
    """How a skill is covered: 1.0 when taught, ``partial_credit * similarity`` via a near skill."""

    coverage: float
    near_skill: str | None = None
    similarity: float = 1.0


def _most_similar(pairs: list[tuple[float, str]]) -> tuple[float, str | None]:
    """The highest similarity (ties: the smallest skill id); ``(0.0, None)`` when empty."""
    if not pairs:
        return 0.0, None
    return min(pairs, key=lambda pair: (-pair[0], pair[1]))


def supply_coverage(
    skills: Iterable[str], taught: Collection[str], near: NearSkills, params: GapParameters
) -> dict[str, SkillSupply]:
    """Coverage of each skill by the taught skills; skills with no coverage are left out.

    A taught skill covers itself fully. Otherwise the most similar taught skill with similarity
    at least ``params.near_threshold`` gives ``params.partial_credit * similarity`` (always < 1).
    """
    taught_set = frozenset(taught)
    taught_sorted = sorted(taught_set)
    reverse: dict[str, list[tuple[float, str]]] = {}
    if near is not None and not callable(near):
        for t in taught_sorted:
            for other, sim in near.get(t, {}).items():
                reverse.setdefault(other, []).append((float(sim), t))

    def candidates(skill: str) -> list[tuple[float, str]]:
        if callable(near):
            return [(float(near(skill, t)), t) for t in taught_sorted]
        forward = near.get(skill, {}) if near is not None else {}
        pairs = [(float(sim), other) for other, sim in forward.items() if other in taught_set]
        return reverse.get(skill, []) + pairs

    result: dict[str, SkillSupply] = {}
    for skill in skills:
        if skill in taught_set:
            result[skill] = SkillSupply(1.0)
            continue
        if near is None or not taught_set:
            continue
        sim, other = _most_similar(candidates(skill))
        sim = min(max(sim, 0.0), 1.0)
        if other is not None and sim >= params.near_threshold:
            result[skill] = SkillSupply(params.partial_credit * sim, other, sim)
    return result


@dataclass(frozen=True, slots=True)
class UnitSuggestion:
    """Where a missing skill fits best: 'add' it to a unit, or 'strengthen' it in one."""

    unit_id: str | int
    name: str
    code: str
    action: Action
    similarity: float | None = None


class UnitPlacer:
    """Chooses the unit for a missing skill from precomputed, normalised vectors (cosine = dot)."""

    def __init__(
        self,
        units: tuple[SupplyUnit, ...],
        unit_vectors: Mapping[str | int, np.ndarray] | None,
        skill_vectors: Mapping[str, np.ndarray] | None,
    ) -> None:
        self.units = units
        self.skill_vectors = skill_vectors or {}
        vectors = unit_vectors or {}
        self.with_vectors = [u for u in units if u.id in vectors]
        self.matrix = (
            np.stack([np.asarray(vectors[u.id], dtype=np.float64) for u in self.with_vectors])
            if self.with_vectors
            else None
        )

    def _scores(self, skill: str) -> dict[str | int, float]:
        """Cosine of the skill with every unit that has a vector."""
        vector = self.skill_vectors.get(skill)
        if vector is None or self.matrix is None:
            return {}
        scores = self.matrix @ np.asarray(vector, dtype=np.float64)
        return {u.id: float(s) for u, s in zip(self.with_vectors, scores, strict=True)}

    def place(
        self, skill: str, near_units: tuple[SupplyUnit, ...] | None = None
    ) -> UnitSuggestion | None:
        """'strengthen' in the best of ``near_units`` (where a near skill is taught), else 'add'.

        Among candidates the unit most similar to the skill wins (ties: curriculum order); with no
        vectors a partial skill goes to the first unit teaching its near skill, and an uncovered
        skill gets no suggestion.
        """
        scores = self._scores(skill)
        action: Action = "strengthen" if near_units else "add"
        candidates = list(near_units) if near_units else list(self.units)
        scored = [u for u in candidates if u.id in scores]
        if scored:
            unit = max(scored, key=lambda u: scores[u.id])  # max keeps the first of equals
            return UnitSuggestion(unit.id, unit.name, unit.code, action, scores[unit.id])
        if near_units:
            unit = near_units[0]
            return UnitSuggestion(unit.id, unit.name, unit.code, action, None)
        return None


def field_skills(
    taught: Iterable[str],
    near: Mapping[str, Mapping[str, float]],
    groups: Mapping[str, str],
    threshold: float,
) -> frozenset[str]:
    """A programme's field: the skills it teaches, their near skills (similarity at least
    ``threshold``) and every skill of a group that a taught skill belongs to (``groups`` maps
    skill ids to their group; an empty group joins nothing)."""
    taught = set(taught)
    found = set(taught)
    for skill in taught:
        found.update(s for s, sim in near.get(skill, {}).items() if sim >= threshold)
    wanted = {groups[s] for s in taught if groups.get(s)}
    found.update(s for s, group in groups.items() if group in wanted)
    return frozenset(found)
