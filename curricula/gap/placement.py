"""Where a missing skill fits: the unit whose outcomes already teach related skills and whose
text is about it, chosen with a margin; otherwise a new unit or an elective.

Each unit is scored for a skill ``s`` (with broader skill ``p``) as

    score(s, u) = max(relation(s, u), broader_relation * structural(p, u))
                  + text_weight * z(s, u) + form_weight * zf(s, u) + label_weight * zl(s, u)
                  + parent_text_weight * z(p, u) + group_text_weight * zg(s, u)
                  + description_weight * zd(s, u) + lexical_weight * lexical(s, u)

- ``relation(s, u)``: the strongest relation of ``s`` to a skill ``u``'s outcomes teach: 1 for
  the skill itself, ``parent_relation`` when one is the other's broader skill, ``sibling_relation``
  when both share a broader skill, the near-skill similarity (label embeddings restricted to
  related skills), ``group_relation`` when both are in the same vocabulary group;
- ``z(s, u)``: the text similarity centred per unit: the best cosine of the skill's label with
  the unit's outcome sentences (and name), minus the mean of that figure over a reference set of
  skills (the vocabulary), over its standard deviation. Raw multilingual-e5 cosines all sit near
  0.80, so a raw cosine says more about how long and generic a unit's text is than about the
  skill; the z-score says how unusually close this skill is to this unit;
- ``zl(s, u)``: the label similarity of the skill with the closest skill ``u`` teaches, centred
  per skill against the reference set (``SkillLabels``);
- ``structural(p, u)``: the relation (without the group) of the skill's broader skill to the
  skills ``u`` teaches: Zabbix's broader skill "network management system tools" is near
  "monitor system performance" where Zabbix itself is near nothing;
- ``zf``, ``z(p, u)``, ``zg``: the centred text similarity (as ``z``) of the skill's other forms
  (its Indonesian label and aliases, the best of them), of its broader skill's label, and of the
  centroid of its vocabulary group's other labels (``SkillContext``): a tool's name says little,
  "penetration testing tool" says where Kali Linux belongs;
- ``zd(s, u)``: the centred text similarity of the skill's vocabulary description (ESCO's
  definition, or the project's for the skills and tools ESCO and O*NET leave without one): what
  the skill is for ("JUnit is a unit testing framework for Java ...") where its name says little;
- ``lexical(s, u)``: 1 when a word of the skill's names (not a common one) is in the unit's name
  or outcomes ("Cisco" for Cisco IOS), else 0.

The best unit is advised when its score reaches ``min_score`` (or its relation reaches
``sure_relation``: it teaches the skill's broader or narrower skill) and beats the runner-up by
``margin``; otherwise the advice is ``new``: a new unit or an elective. The parameters are
chosen by cross-validation on a labelled set (``python -m curricula.lab.gap.evaluate_units``).
The site's report advises with the learned model over the same terms (``curricula.gap.model``),
which held out does better on the labelled set; this score remains ``build_gap_report``'s
choice without a model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from curricula.gap.inputs import SupplyUnit
from curricula.gap.similarity import SkillLabels, UnitTexts


@dataclass(frozen=True, slots=True)
class PlacementParams:
    """Weights and thresholds of the weighted unit choice (the site advises with the learned
    model of ``curricula.gap.model``; this score is ``build_gap_report``'s without one). The
    defaults are the grid point ``python -m curricula.lab.gap.evaluate_units`` chose on the
    labelled set of the day (169 rows, 2026-12-07, e5's int8 export format 2: its
    ``chosen_params``, with the units' skills taken from their outcomes' linker mentions before
    the document filter, and the description term);
    ``sure_relation`` is kept at 0.9, a rule rather than a grid choice: a unit teaching the
    skill's broader or narrower skill is a place for it. On that set a margin above 0 did not
    pay: "none" comes from ``min_score``."""

    text_weight: float = 0.05
    form_weight: float = 0.1
    label_weight: float = 0.15
    parent_text_weight: float = 0.1
    group_text_weight: float = 0.1
    lexical_weight: float = 0.0
    description_weight: float = 0.3
    broader_relation: float = 0.5
    group_relation: float = 0.3
    parent_relation: float = 0.9
    sibling_relation: float = 0.75
    min_score: float = 1.5
    sure_relation: float = 0.9
    margin: float = 0.0

    def __post_init__(self) -> None:
        weights = (self.text_weight, self.form_weight, self.label_weight, self.parent_text_weight,
                   self.group_text_weight, self.lexical_weight, self.description_weight,
                   self.broader_relation, self.margin)  # fmt: skip
        if min(weights) < 0:
            raise ValueError("PlacementParams: weights and margin must not be negative")


DEFAULT_PLACEMENT = PlacementParams()

# The internship (Praktik Kerja Lapangan, "PKL", prakerin, magang): students apply in a workplace
# what the other units teach, so it is never the unit to add a missing skill to.
_INTERNSHIP = re.compile(
    r"\b(?:prakt[ie]k\s+kerja\s+(?:lapangan|industri)|PKL|prakerin|magang|internship)\b",
    re.IGNORECASE,
)


def placeable(units: Sequence[SupplyUnit]) -> tuple[SupplyUnit, ...]:
    """The units a missing skill may be advised into: all but the internship units (by name;
    all of them when every unit is one)."""
    kept = tuple(u for u in units if not _INTERNSHIP.search(u.name))
    return kept or tuple(units)


# "Pada akhir fase F, peserta didik mampu", "Mahasiswa mampu", "Students are able to": the
# same opening on every outcome says nothing about the unit.
_OPENING = re.compile(
    r"^\s*(?:pada\s+akhir\s+fase\s+\w+\s*,?\s*)?"
    r"(?:(?:peserta\s+didik|mahasiswa|siswa|peserta|lulusan|students?|learners?)\s+)?"
    r"(?:(?:mampu|dapat|can|are\s+able\s+to|is\s+able\s+to|will\s+be\s+able\s+to)\s*:?\s+)?",
    re.IGNORECASE,
)


def unit_text_rows(name: str, outcomes: list[str]) -> list[str]:
    """The texts a unit's vectors are made of: its name and each outcome without the opening
    every outcome shares."""
    rows = [name.strip()] if name.strip() else []
    for text in outcomes:
        core = _OPENING.sub("", text, count=1).strip()
        if core:
            rows.append(core)
    return rows


@dataclass(frozen=True)
class SkillContext:
    """What the vocabulary says of a skill beyond its label (``curricula.gap.contexts`` builds
    it from the linker's index): the vectors of its other forms (Indonesian label, aliases), its
    broader skill and that skill's label vector, the normalised centroid of the label vectors of
    the other skills of its group, the words of its names and the vector of its description (and
    that description's vector by the second embedder, USE, which the learned choice reads)."""

    forms: np.ndarray | None = None
    parent: str | None = None
    parent_vector: np.ndarray | None = None
    group_vector: np.ndarray | None = None
    words: frozenset[str] = frozenset()
    description_vector: np.ndarray | None = None
    second_description_vector: np.ndarray | None = None


@dataclass(frozen=True)
class SkillRelations:
    """What the vocabulary says of two skills: broader skill, group, near-skill similarity."""

    parents: Mapping[str, str] = field(default_factory=dict)
    groups: Mapping[str, str] = field(default_factory=dict)
    near: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def structural(self, a: str, b: str, params: PlacementParams) -> float:
        """The relation without the group: same skill, broader/narrower, siblings, near."""
        if a == b:
            return 1.0
        pa, pb = self.parents.get(a), self.parents.get(b)
        found = 0.0
        if pa == b or pb == a:
            found = params.parent_relation
        elif pa is not None and pa == pb:
            found = params.sibling_relation
        near = max(self.near.get(a, {}).get(b, 0.0), self.near.get(b, {}).get(a, 0.0))
        return max(found, float(near))

    def same_group(self, a: str, b: str) -> bool:
        """Both skills are in the same (non-empty) vocabulary group."""
        group = self.groups.get(a)
        return bool(group) and group == self.groups.get(b)

    def relation(self, a: str, b: str, params: PlacementParams) -> float:
        """How strongly ``a`` relates to ``b`` in [0, 1] (1: the same skill)."""
        group = params.group_relation if self.same_group(a, b) else 0.0
        return max(self.structural(a, b, params), group)


class TaughtIndex:
    """The skills a curriculum teaches, indexed so the relations of one skill to all of them
    are found by looking up its candidates (its broader skill, skills under it or under the same
    broader skill, near skills, same group) instead of testing every pair."""

    def __init__(self, units: Sequence[SupplyUnit], relations: SkillRelations) -> None:
        self.relations = relations
        self.skills = frozenset(s for u in units for s in u.skills)
        self.under: dict[str, set[str]] = {}
        self.near_to: dict[str, set[str]] = {}
        self.in_group: dict[str, set[str]] = {}
        for taught in self.skills:
            parent = relations.parents.get(taught)
            if parent is not None:
                self.under.setdefault(parent, set()).add(taught)
            for other in relations.near.get(taught, {}):
                self.near_to.setdefault(other, set()).add(taught)
            if group := relations.groups.get(taught):
                self.in_group.setdefault(group, set()).add(taught)

    def structural(self, skill: str, params: PlacementParams) -> dict[str, float]:
        """``SkillRelations.structural`` of ``skill`` with each taught skill it relates to."""
        parent = self.relations.parents.get(skill)
        candidates = {skill, *self.under.get(skill, ()), *self.near_to.get(skill, ())}
        candidates.update(self.relations.near.get(skill, {}))
        if parent is not None:
            candidates.add(parent)
            candidates.update(self.under.get(parent, ()))
        found = {}
        for taught in candidates & self.skills:
            value = self.relations.structural(skill, taught, params)
            if value > 0:
                found[taught] = value
        return found

    def same_group(self, skill: str) -> set[str]:
        """The taught skills in the same (non-empty) vocabulary group as ``skill``."""
        group = self.relations.groups.get(skill)
        return self.in_group.get(group, set()) if group else set()


@dataclass(frozen=True, slots=True)
class UnitScore:
    """One unit's score for a skill, and the taught skill that relates most."""

    unit: SupplyUnit
    score: float
    relation: float
    text: float
    label: float
    related_skill: str | None


def score_units(
    skill: str,
    units: Sequence[SupplyUnit],
    relations: SkillRelations,
    texts: UnitTexts | None,
    skill_vector: np.ndarray | None,
    params: PlacementParams = DEFAULT_PLACEMENT,
    labels: SkillLabels | None = None,
    context: SkillContext | None = None,
    taught: TaughtIndex | None = None,
) -> list[UnitScore]:
    """Every unit's score for ``skill``, best first (ties: curriculum order); ``taught``: the
    units' ``TaughtIndex`` when many skills are scored against the same units."""
    context = context or SkillContext()
    text_terms = _text_terms(texts, units, skill_vector, context, params)
    taught = taught or TaughtIndex(units, relations)
    own = taught.structural(skill, params)
    for other in taught.same_group(skill):
        own[other] = max(own.get(other, 0.0), params.group_relation)
    if params.broader_relation > 0 and context.parent is not None:
        for other, value in taught.structural(context.parent, params).items():
            own[other] = max(own.get(other, 0.0), params.broader_relation * value)
    scored = []
    for i, unit in enumerate(units):
        best, related = 0.0, None
        for other in sorted(unit.skills & own.keys()):
            if own[other] > best:
                best, related = own[other], other
        score = best
        text = 0.0
        if texts is not None and text_terms is not None:
            text = float(text_terms[0][i])
            score += float(text_terms[1][i])
            if context.words & texts.words.get(unit.id, frozenset()):
                score += params.lexical_weight
        label = labels.z(skill, unit.skills) if labels is not None else 0.0
        score += params.label_weight * label
        scored.append(UnitScore(unit, score, best, text, label, related))
    order = sorted(range(len(scored)), key=lambda i: (-scored[i].score, i))
    return [scored[i] for i in order]


def label_and_forms(vector: np.ndarray, context: SkillContext) -> np.ndarray:
    """The skill's label vector and the vectors of its other forms, as rows (the form terms
    take the best of them)."""
    forms = np.atleast_2d(np.asarray(vector, dtype=np.float64))
    if context.forms is not None and len(context.forms):
        forms = np.vstack([forms, context.forms])
    return forms


def _text_terms(
    texts: UnitTexts | None,
    units: Sequence[SupplyUnit],
    vector: np.ndarray | None,
    context: SkillContext,
    params: PlacementParams,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Per unit (in ``units``' order): the label's centred text similarity, and the weighted sum
    of the text terms of the score (label, best form, broader skill, group, description)."""
    if texts is None or vector is None:
        return None
    forms = label_and_forms(vector, context)
    text, form, parent, group, description = texts.per_unit(
        units,
        [vector, forms, context.parent_vector, context.group_vector, context.description_vector],
    )
    total = (params.text_weight * text + params.form_weight * form
             + params.parent_text_weight * parent + params.group_text_weight * group
             + params.description_weight * description)  # fmt: skip
    return text, total


def choose_unit(
    scores: Sequence[UnitScore], params: PlacementParams = DEFAULT_PLACEMENT
) -> tuple[UnitScore | None, float | None]:
    """The best unit when it reaches ``min_score`` (or ``sure_relation``) with ``margin`` over
    the runner-up (else
    ``None``: a new unit or an elective), and that margin (``None`` with a single unit)."""
    if not scores:
        return None, None
    best = scores[0]
    margin = best.score - scores[1].score if len(scores) > 1 else None
    if best.score < params.min_score and best.relation < params.sure_relation:
        return None, margin
    if margin is not None and margin < params.margin:
        return None, margin
    return best, margin
