"""Supply side of the gap report: how well taught skills cover a skill, and where to put a skill."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from curricula.gap import precedents as unit_precedents
from curricula.gap.inputs import GapParameters, SupplyUnit
from curricula.gap.model import PlacementModel, unit_terms
from curricula.gap.placement import (
    DEFAULT_PLACEMENT,
    PlacementParams,
    SkillContext,
    SkillLabels,
    SkillRelations,
    TaughtIndex,
    UnitScore,
    UnitTexts,
    choose_unit,
    placeable,
    score_units,
)

NearSkills = Mapping[str, Mapping[str, float]] | Callable[[str, str], float] | None
Action = Literal["add", "strengthen", "new"]


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
    """Where a missing skill goes: ``add`` it to a unit, ``strengthen`` it in the unit teaching a
    near skill, or ``new``: no unit fits (a new unit or an elective; ``unit_id`` is ``None``).

    ``similarity`` is the chosen unit's score (for ``new``: the best unit's score, too low or too
    close to the runner-up; with the learned model, the ranker's score, and ``new`` the "none"
    classifier's decision); ``margin`` its lead over the runner-up; ``related_skill`` the taught
    skill of that unit the missing skill relates to most (``None``: the text alone), and
    ``related_skill_label`` its label in the report's language.
    """

    unit_id: str | int | None
    name: str
    code: str
    action: Action
    similarity: float | None = None
    margin: float | None = None
    related_skill: str | None = None
    related_skill_label: str | None = None


@dataclass(frozen=True)
class SecondView:
    """The units' texts by the second embedder (USE): their vectors (as ``unit_vectors``), the
    reference vectors that centre them (USE's label vectors of the vocabulary) and the labelled
    set's precedents in that embedder (``curricula.gap.precedents``; the learned model's
    precedent term reads them with the units' names)."""

    unit_vectors: Mapping[str | int, np.ndarray]
    reference: np.ndarray | None
    precedents: unit_precedents.Precedents | None = None


class UnitPlacer:
    """Chooses the unit for a missing skill: with a ``model`` (``curricula.gap.model``), the
    learned ranker and "none" classifier over each unit's terms; without one, the weighted score
    of ``curricula.gap.placement`` (relation to the skills each unit teaches plus text
    similarity centred per unit, with a minimum and a margin)."""

    def __init__(
        self,
        units: tuple[SupplyUnit, ...],
        unit_vectors: Mapping[str | int, np.ndarray] | None,
        skill_vectors: Mapping[str, np.ndarray] | None,
        relations: SkillRelations | None = None,
        reference: np.ndarray | None = None,
        params: PlacementParams = DEFAULT_PLACEMENT,
        contexts: Mapping[str, SkillContext] | None = None,
        model: PlacementModel | None = None,
        second: SecondView | None = None,
    ) -> None:
        self.units = placeable(units)  # an internship unit teaches, but is not advised
        self.contexts = contexts or {}
        self.taught = TaughtIndex(units, relations or SkillRelations())
        self.skill_vectors = skill_vectors or {}
        self.relations = relations or SkillRelations()
        self.params = params
        self.model = model
        self.texts = UnitTexts(units, unit_vectors or {}, reference) if unit_vectors else None
        self.labels = SkillLabels(self.skill_vectors, reference) if skill_vectors else None
        self.second_texts = (
            UnitTexts(units, second.unit_vectors, second.reference)
            if second is not None and second.unit_vectors
            else None
        )
        self.precedents = second.precedents if second is not None else None
        self.precedent_values: np.ndarray | None = None
        self.closeness: np.ndarray | None = None
        if self.precedents is not None and self.second_texts is not None:
            self.precedent_values, self.closeness = self.precedents.of_units(
                unit_precedents.unit_vectors(self.units, self.second_texts.rows)
            )

    def prepare(self, skills: list[str]) -> None:
        """Compute what placing these skills needs in one go (their label centring)."""
        if self.labels is not None:
            self.labels.prepare(skills)

    def place(self, skill: str, near_skill: str | None = None) -> UnitSuggestion | None:
        """The advice for ``skill`` (``near_skill``: the taught skill that partly covers it).

        ``None`` when nothing is known to choose with (no text vectors and no related skill).
        """
        vector = self.skill_vectors.get(skill)
        texts = self.texts if vector is not None else None
        labels = self.labels if vector is not None else None
        context = self.contexts.get(skill) if vector is not None else None
        learned = self.model is not None
        # with the model, the weighted score gives only each unit's relation and related skill
        scores = score_units(
            skill,
            self.units,
            self.relations,
            None if learned else texts,
            vector,
            self.params,
            None if learned else labels,
            context,
            self.taught,
        )
        if not scores or (texts is None and labels is None and scores[0].relation <= 0):
            return None
        best = scores[0]
        if learned:
            best, chosen, margin = self._learned(skill, scores, vector, texts, labels, context)
        else:
            chosen, margin = choose_unit(scores, self.params)
        if chosen is None:
            return UnitSuggestion(None, "", "", "new", best.score, margin, None)
        unit = chosen.unit
        action: Action = "strengthen" if near_skill and near_skill in unit.skills else "add"
        return UnitSuggestion(
            unit.id, unit.name, unit.code, action, chosen.score, margin, chosen.related_skill
        )

    def _learned(
        self,
        skill: str,
        scores: list[UnitScore],
        vector: np.ndarray | None,
        texts: UnitTexts | None,
        labels: SkillLabels | None,
        context: SkillContext | None,
    ) -> tuple[UnitScore, UnitScore | None, float | None]:
        """The ranker's best unit and the model's unit (``None``: new), each with the ranker's
        score as its score, and the lead of the ranker's best unit over the runner-up."""
        assert self.model is not None
        second = self.second_texts if vector is not None else None
        precedent = None
        if self.precedents is not None and self.precedent_values is not None and vector is not None:
            precedent = self.precedents.term(
                vector, self.precedent_values, closeness=self.closeness
            )
        terms = unit_terms(skill, self.units, self.relations, texts, labels, vector, context,
                           second, self.taught, precedent)  # fmt: skip
        x = self.model.matrix(terms)
        top, ranked = self.model.choose(x)
        order = np.argsort(-ranked, kind="stable")
        margin = float(ranked[order[0]] - ranked[order[1]]) if len(order) > 1 else None
        by_unit = {id(s.unit): s for s in scores}
        first = int(order[0])
        best = replace(by_unit[id(self.units[first])], score=float(ranked[first]))
        if top is None:
            return best, None, margin
        return best, replace(by_unit[id(self.units[top])], score=float(ranked[top])), margin


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
