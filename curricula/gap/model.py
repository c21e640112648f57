"""The learned unit choice of the gap advice: a ranker over a curriculum's units and a "none"
classifier, fitted on the labelled set by ``python -m curricula.lab.gap.evaluate_ranker --write``
(``data/placement_model.json``).

Each unit gets the terms of ``unit_terms`` for a missing skill (the relation of the skill, of
its broader skill and of its group to the skills the unit teaches, and the centred similarities
of the skill's label, forms, broader skill, group, e5 description and USE description with the
unit's texts; where the labelled set puts the skill and skills like it in other curricula,
those like this one above all; and whether the unit's name is an introduction's). Then:

- the ranker scores each unit ``w · [c, c / (s + floor)]``, where ``c`` is the unit's terms minus
  their mean over the curriculum's units and ``s`` their standard deviation there: what sets the
  unit apart from the others, in both scales (a conditional logit, softmax over the units);
- the "none" classifier reads the row's best, second best and mean value of each term (a
  logistic regression): the probability that no unit is the place; at ``threshold`` or above
  the advice is a new unit or an elective, unless the ranker's unit teaches a skill related to
  it at ``sure_relation`` (0.9) or more: its broader or narrower skill, a near skill that close,
  or the skill itself as an outcome's mention (a rule of the product, as in the weighted score).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from curricula.gap.inputs import SupplyUnit
from curricula.gap.placement import (
    DEFAULT_PLACEMENT,
    SkillContext,
    SkillRelations,
    TaughtIndex,
    label_and_forms,
)
from curricula.gap.similarity import SkillLabels, UnitTexts

MODEL_PATH = Path(__file__).resolve().parent / "data" / "placement_model.json"
SURE_RELATION = 0.9  # a relation this strong to a taught skill: never "none" (see ``choose``)
SCALE_FLOOR = 0.1  # added to a term's spread over the units before dividing by it
# An introductory unit's name: Kurikulum Merdeka's Fase E elements ("Dasar-dasar TJKT: ..."), a
# college's "Pengantar ..." or "Dasar ..." course. Teachers add a tool to the unit of the
# concentration that uses it rather than to the introduction: in the 1,092 labelled rows it was
# chosen on, 42 of the 724 rows with a unit put the skill in an introductory one, while 113 of
# their curricula's 869 units are introductory. Names with "Dasar" after the noun are missed.
INTRODUCTORY = re.compile(r"^\W*(dasar|pengantar|konsep dasar|introduction|basic)\b", re.IGNORECASE)

# The per-unit terms, in the order of a model's weights.
TERMS = (
    "structural",
    "group",
    "broader",
    "text",
    "form",
    "label",
    "parent_text",
    "group_text",
    "description",
    "lexical",
    "use_description",
    "precedent",
    "precedent_prior",
    "introductory",
)


def unit_terms(
    skill: str,
    units: Sequence[SupplyUnit],
    relations: SkillRelations,
    texts: UnitTexts | None,
    labels: SkillLabels | None,
    vector: np.ndarray | None,
    context: SkillContext | None = None,
    second_texts: UnitTexts | None = None,
    taught: TaughtIndex | None = None,
    precedent: tuple[np.ndarray, float] | None = None,
) -> dict[str, np.ndarray]:
    """Per unit, each term of ``TERMS`` for ``skill`` (0 where an input is missing):
    ``structural`` the strongest relation of the skill to a taught skill (same skill, broader or
    narrower, siblings, near), ``group`` whether a taught skill is in its vocabulary group,
    ``broader`` the strongest relation of its broader skill, ``text``/``form``/``label``/
    ``parent_text``/``group_text``/``description`` as in ``score_units``, ``lexical`` a word of
    its names in the unit's texts, ``use_description`` the centred similarity of its description
    with the unit's texts through the second embedder (``second_texts``), ``precedent`` and
    ``precedent_prior`` the term of ``curricula.gap.precedents`` per unit and its prior of
    "none" (the same for every unit), as given (``precedent``: their values), ``introductory``
    whether the unit's name is an introduction's (``INTRODUCTORY``)."""
    context = context or SkillContext()
    taught = taught or TaughtIndex(units, relations)
    own = taught.structural(skill, DEFAULT_PLACEMENT)
    in_group = taught.same_group(skill)
    broader = (taught.structural(context.parent, DEFAULT_PLACEMENT)
               if context.parent is not None else {})  # fmt: skip
    forms = label_and_forms(vector, context) if vector is not None else None

    text, form, parent_text, group_text, description = _per_unit(
        texts,
        units,
        [vector, forms, context.parent_vector, context.group_vector, context.description_vector],
    )
    (use_description,) = _per_unit(second_texts, units, [context.second_description_vector])
    columns: dict[str, object] = {
        "structural": [max((own.get(t, 0.0) for t in u.skills), default=0.0) for u in units],
        "group": [float(bool(in_group & u.skills)) for u in units],
        "broader": [max((broader.get(t, 0.0) for t in u.skills), default=0.0) for u in units],
        "text": text,
        "form": form,
        "label": [labels.z(skill, u.skills) if labels is not None else 0.0 for u in units],
        "parent_text": parent_text,
        "group_text": group_text,
        "description": description,
        "lexical": [
            float(bool(texts is not None and context.words & texts.words.get(u.id, frozenset())))
            for u in units
        ],
        "use_description": use_description,
        "precedent": precedent[0] if precedent is not None else np.zeros(len(units)),
        "precedent_prior": np.full(len(units), precedent[1] if precedent is not None else 0.5),
        "introductory": [float(bool(INTRODUCTORY.match(u.name))) for u in units],
    }
    return {name: np.asarray(values, dtype=np.float64) for name, values in columns.items()}


def _per_unit(
    texts: UnitTexts | None, units: Sequence[SupplyUnit], vectors: list[np.ndarray | None]
) -> list[np.ndarray]:
    """``UnitTexts.per_unit``, zeros without texts."""
    if texts is None:
        return [np.zeros(len(units)) for _ in vectors]
    return texts.per_unit(units, vectors)


def rank_inputs(x: np.ndarray, floor: float = SCALE_FLOOR) -> np.ndarray:
    """The ranker's inputs of a (units x terms) matrix: the terms centred over the units, then
    the same divided by their spread there plus ``floor``."""
    centred = x - x.mean(axis=0, keepdims=True)
    return np.hstack([centred, centred / (x.std(axis=0, keepdims=True) + floor)])


def row_summary(x: np.ndarray) -> np.ndarray:
    """Per term: the best, second best and mean value over the units (the "none" inputs)."""
    second = np.sort(x, axis=0)[-2] if len(x) > 1 else x.max(axis=0)
    return np.concatenate([x.max(axis=0), second, x.mean(axis=0)])


@dataclass(frozen=True)
class PlacementModel:
    """The fitted ranker and "none" classifier (see the module)."""

    terms: tuple[str, ...]
    rank_weights: np.ndarray  # 2 x len(terms): centred terms, then row-scaled ones
    none_weights: np.ndarray  # 3 x len(terms): best, second, mean (standardised)
    none_intercept: float
    none_mean: np.ndarray
    none_std: np.ndarray
    threshold: float
    sure_relation: float = SURE_RELATION
    scale_floor: float = SCALE_FLOOR

    def matrix(self, terms: Mapping[str, np.ndarray]) -> np.ndarray:
        """The (units x terms) matrix of a row's terms in the model's order."""
        return np.stack([np.asarray(terms[name], dtype=np.float64) for name in self.terms], 1)

    def scores(self, x: np.ndarray) -> np.ndarray:
        """The ranker's score of each unit."""
        return rank_inputs(x, self.scale_floor) @ self.rank_weights

    def none_probability(self, x: np.ndarray) -> float:
        """The probability that no unit is the place for the skill."""
        z = (row_summary(x) - self.none_mean) / self.none_std
        return float(1.0 / (1.0 + np.exp(-(z @ self.none_weights + self.none_intercept))))

    def choose(self, x: np.ndarray) -> tuple[int | None, np.ndarray]:
        """The index of the advised unit (``None``: a new unit or an elective) and the scores."""
        scores = self.scores(x)
        top = int(np.argmax(scores))
        sure = "structural" in self.terms and (
            x[top, self.terms.index("structural")] >= self.sure_relation
        )
        if self.none_probability(x) >= self.threshold and not sure:
            return None, scores
        return top, scores

    def to_dict(self) -> dict[str, object]:
        """The model as JSON-ready values."""
        return {
            "terms": list(self.terms),
            "rank_weights": self.rank_weights.tolist(),
            "none_weights": self.none_weights.tolist(),
            "none_intercept": self.none_intercept,
            "none_mean": self.none_mean.tolist(),
            "none_std": self.none_std.tolist(),
            "threshold": self.threshold,
            "sure_relation": self.sure_relation,
            "scale_floor": self.scale_floor,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> PlacementModel:
        """The model of ``to_dict``'s values; an unknown term or a wrong length is an error."""
        terms = tuple(str(t) for t in data["terms"])  # type: ignore[attr-defined]
        unknown = set(terms) - set(TERMS)
        if unknown:
            raise ValueError(f"placement model: unknown terms {sorted(unknown)}")
        arrays = {k: np.asarray(data[k], dtype=np.float64)
                  for k in ("rank_weights", "none_weights", "none_mean", "none_std")}  # fmt: skip
        sizes = {"rank_weights": 2, "none_weights": 3, "none_mean": 3, "none_std": 3}
        for key, times in sizes.items():
            if arrays[key].shape != (times * len(terms),):
                raise ValueError(f"placement model: {key} needs {times * len(terms)} values")
        return cls(
            terms,
            arrays["rank_weights"],
            arrays["none_weights"],
            float(data["none_intercept"]),  # type: ignore[arg-type]
            arrays["none_mean"],
            arrays["none_std"],
            float(data["threshold"]),  # type: ignore[arg-type]
            float(data.get("sure_relation", SURE_RELATION)),  # type: ignore[attr-defined, arg-type]
            float(data.get("scale_floor", SCALE_FLOOR)),  # type: ignore[attr-defined, arg-type]
        )


@functools.cache
def load_placement_model(path: Path = MODEL_PATH) -> PlacementModel:
    """The shipped model (read once)."""
    return PlacementModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
