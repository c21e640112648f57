"""The labelled cases of ``evaluate_units`` and ``evaluate_ranker``: the labelled rows read,
their curricula read and their outcomes' skills extracted with the product's linker, and each
unit's terms (``curricula.gap.model.unit_terms``, with ``curricula.gap.contexts``: those of the
weighted score and of the learned model) computed once per row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from curricula import gap
from curricula.gap import precedents
from curricula.gap.contexts import description_vectors, skill_contexts
from curricula.gap.model import unit_terms
from curricula.lab.gap import signals

if TYPE_CHECKING:
    from matching.linking.index import SkillIndex
    from matching.vocab import Vocabulary

NONE = precedents.NONE  # the right advice is a new unit or an elective
LABELS = precedents.LABELS
read_labels = precedents.read_labels
demo_units = precedents.demo_units
DEMO = precedents.DEMO
Units = precedents.Units


@dataclass(frozen=True)
class Case:
    """One labelled row, with what the scorer needs (units built once per curriculum).
    ``precedent``: the parts of the precedent term (``Precedents.parts``) for this row's skill
    and units, per labelled curriculum, from which ``with_precedent`` leaves curricula out; the
    features hold it with the row's own curriculum left out."""

    curriculum: str
    skill: str
    skill_id: str
    right: frozenset[str]
    codes: tuple[str, ...]
    features: dict[str, np.ndarray]  # per unit: each term of ``gap.model.unit_terms``
    raw: np.ndarray  # per unit: best raw cosine (the old advice)
    precedent: tuple | None = None


def with_precedent(case: Case, exclude: Iterable[str] = ()) -> dict[str, np.ndarray]:
    """The case's features with the precedent term and prior from the labelled curricula but
    its own and those of ``exclude`` (the features as they are without precedent parts)."""
    if case.precedent is None:
        return case.features
    keys, value, weight, none, total = case.precedent
    left_out = {case.curriculum, *exclude}
    kept = np.array([k not in left_out for k in keys], dtype=float)
    term, prior = precedents.combine(
        value @ kept, float(weight @ kept), float(none @ kept), float(total @ kept)
    )
    return {**case.features, "precedent": term, "precedent_prior": np.full(len(term), prior)}


def load_cases(
    rows: Sequence[dict[str, str]],
    model: str = "e5",
    curricula: Mapping[str, Units] | None = None,
    taught: str = "unfiltered",
    signal: str | None = None,
    group_members: bool = False,
    memory: Path | None = LABELS,
) -> list[Case]:
    """The labelled rows with their curricula read, outcome skills extracted and vectors made;
    ``curricula``: units given by key instead of read (``demo:``, ``example:`` and ``lab:``
    keys are read).
    ``taught``: the skills a unit teaches are its outcomes' linker mentions before the document
    filter (``unfiltered``: what the gap report places with) or after it (``filtered``: the
    suggestions the site stores). ``signal``: one more term of ``curricula.lab.gap.signals`` in
    each case's features. ``memory``: the labelled rows the precedent term reads (the site's,
    by default; ``None``: no precedent term)."""
    from matching.linking.runtime import build_vocabulary_index
    from matching.vocab import load_vocabulary

    vocabulary = load_vocabulary()
    index = build_vocabulary_index(model)
    read = {
        key: _read_curriculum(index, key, curricula, taught)
        for key in dict.fromkeys(r["curriculum"] for r in rows)
    }
    wanted = _skill_ids(rows)
    known = _knowledge(vocabulary, index, wanted, signal, group_members, memory)
    views = {  # per curriculum: the precedent term's values of its units and the rows' closeness
        key: known.precedents.of_units(
            precedents.unit_vectors(gap.placeable(units), second_texts.rows)
        )
        for key, (units, _, second_texts) in read.items()
        if known.precedents is not None and second_texts is not None
    }
    return [
        _case(row, skill_id, *read[row["curriculum"]], known, signal, views.get(row["curriculum"]))
        for row, skill_id in zip(rows, wanted, strict=True)
    ]


def _read_curriculum(
    index: SkillIndex,
    key: str,
    curricula: Mapping[str, Units] | None,
    taught: str,
) -> tuple[tuple[gap.SupplyUnit, ...], gap.UnitTexts, gap.UnitTexts | None]:
    """The units of curriculum ``key`` with their outcomes' skills (see ``load_cases``) and their
    text vectors, by the index's embedder and by its second one (USE, centred against its label
    vectors; ``None`` without one)."""
    from matching.mentions import extract_many_unfiltered, extract_many_with_names

    kind, name = key.split(":", 1)
    if curricula is not None and key in curricula:
        raw = curricula[key]
    else:
        raw = precedents.curriculum_units(key)
    outcomes = [o for _, _, texts in raw for o in texts]
    extract = extract_many_unfiltered if taught == "unfiltered" else extract_many_with_names
    found = extract(index, outcomes)
    skills = iter([tuple(dict.fromkeys(m.skill_id for m in f)) for f in found])
    units = tuple(
        gap.SupplyUnit(code, name_, code, tuple(gap.SupplyOutcome(i, t, next(skills))
                                            for i, t in enumerate(texts)))
        for code, name_, texts in raw
    )  # fmt: skip
    rows = {u.id: gap.unit_text_rows(u.name, [o.text for o in u.outcomes]) for u in units}
    texts = gap.UnitTexts(
        units, {uid: index.embedder.encode(r) for uid, r in rows.items()}, index.label_emb
    )
    second_texts = None
    if index.aux is not None:
        second_texts = gap.UnitTexts(
            units, {uid: index.aux.encode(r) for uid, r in rows.items()}, index.aux_label_emb
        )
    return units, texts, second_texts


def _skill_ids(rows: Sequence[dict[str, str]]) -> list[str]:
    """The shipped vocabulary's id of each row's skill label; an unknown label is an error naming its line."""
    wanted = []
    for number, row in enumerate(rows, start=2):
        skill_id = precedents.skill_id_of(row["skill"])
        if skill_id is None:
            raise ValueError(f"{LABELS.name}: line {number}: unknown skill {row['skill']!r}")
        wanted.append(skill_id)
    return wanted


@dataclass(frozen=True)
class _Knowledge:
    """What every case's features are computed from, built once for all the rows."""

    index: SkillIndex
    relations: gap.SkillRelations
    labels: gap.SkillLabels
    contexts: Mapping[str, gap.SkillContext]
    groups: dict[str, str]
    commodities: dict[str, np.ndarray]  # skill id -> its class titles' vectors (``commodity`` only)
    occupations: dict[str, frozenset[str]]  # skill id -> O*NET occupations listing it (``cotools``)
    usages: dict[str, np.ndarray]  # skill id -> its vacancy sentences' centroid (``usage`` only)
    taught_descriptions: gap.SkillLabels | None  # descriptions as SkillLabels (that signal only)
    precedents: precedents.Precedents | None  # the labelled rows the precedent term reads


def _knowledge(
    vocabulary: Vocabulary,
    index: SkillIndex,
    wanted: list[str],
    signal: str | None,
    group_members: bool = False,
    memory: Path | None = None,
) -> _Knowledge:
    """The skill relations, labels and contexts the app places with (and a signal's inputs)."""
    from matching.lab.linking.benchmark import vocabulary_parents

    parents = vocabulary_parents(vocabulary)
    groups = {s.id: s.group for s in vocabulary.skills if s.group}
    relations = _relations(vocabulary, index, parents, group_members)
    every = {e.skill_id: index.label_emb[i] for i, e in enumerate(index.entries)}
    labels = gap.SkillLabels(every, index.label_emb)
    contexts = skill_contexts(index, wanted, parents, groups)
    commodities = _commodity_vectors(vocabulary, index, wanted) if signal == "commodity" else {}
    occupations = _tool_occupations(vocabulary) if signal == "cotools" else {}
    usages = _usage_centroids(index, wanted) if signal == "usage" else {}
    taught_descriptions = None
    if signal == "taught_descriptions":
        described = description_vectors(index, [e.skill_id for e in index.entries])
        if described:
            taught_descriptions = gap.SkillLabels(described, np.vstack(list(described.values())))
    return _Knowledge(
        index, relations, labels, contexts, groups, commodities,
        occupations, usages, taught_descriptions,
        precedents.index_precedents(index, memory) if memory is not None else None,
    )  # fmt: skip


def _second_vectors(index: SkillIndex, skill: str, context: gap.SkillContext) -> np.ndarray | None:
    """The skill's label vector by the index's second embedder (USE) and, when it has a
    description, that description's (``skill_contexts`` embedded it): rows 0 and 1."""
    if index.aux_label_emb is None:
        return None
    label = index.aux_label_emb[index.position(skill)]
    if context.second_description_vector is None:
        return np.atleast_2d(label)
    return np.vstack([label, context.second_description_vector])


def _vacancy_texts() -> list[str]:
    """The project's vacancy texts: the demo vacancies and the annotated vacancy documents."""
    from matching.lab.evaluate_documents import load_documents

    data = json.loads(DEMO.read_text(encoding="utf-8"))
    found = [f"{v['title']}\n{v['description']}" for v in data["vacancies"]]
    return found + [doc.text for doc in load_documents(("vacancy",))]


def _usage_centroids(index: SkillIndex, wanted: list[str], most: int = 8) -> dict[str, np.ndarray]:
    """Per wanted skill the site's linker finds in the vacancy texts: the normalised centroid of
    the vectors of (at most ``most``) distinct sentences it is found in."""
    from matching.mentions import extract_many_with_names, sentence_around

    texts = _vacancy_texts()
    wanted_set = set(wanted)
    sentences: dict[str, list[str]] = {}
    for text, found in zip(texts, extract_many_with_names(index, texts), strict=True):
        for m in found:
            if m.skill_id in wanted_set:
                mine = sentences.setdefault(m.skill_id, [])
                sentence = sentence_around(text, m.start, m.end).strip()
                if sentence and sentence not in mine and len(mine) < most:
                    mine.append(sentence)
    unique = list(dict.fromkeys(t for found in sentences.values() for t in found))
    vectors = dict(zip(unique, index.embedder.encode(unique), strict=True)) if unique else {}
    out = {}
    for skill, found in sentences.items():
        centroid = np.mean([vectors[t] for t in found], axis=0)
        out[skill] = centroid / (np.linalg.norm(centroid) or 1.0)
    return out


def _tool_occupations(vocabulary: Vocabulary) -> dict[str, frozenset[str]]:
    """Per skill O*NET lists as a technology example (by its English label or an alias, as
    ``signals.commodity_classes`` matches them): the O*NET occupations that list it."""
    examples = signals.onet_occupations()
    found = {}
    for skill in vocabulary.skills:
        forms = [skill.label_en, *(a.text for a in skill.aliases)]
        codes = frozenset().union(*(examples.get(signals._key(f), frozenset()) for f in forms))
        if codes:
            found[skill.id] = codes
    return found


def _commodity_vectors(
    vocabulary: Vocabulary, index: SkillIndex, wanted: list[str]
) -> dict[str, np.ndarray]:
    """Per wanted skill O*NET lists: the vectors of its commodity class titles, in English and
    Indonesian (``signals.commodity_texts``)."""
    wanted_set = set(wanted)
    skills = [s for s in vocabulary.skills if s.id in wanted_set]
    classes = signals.commodity_classes(skills, signals.onet_commodities())
    indonesian = signals.commodity_titles()
    texts = {s: signals.commodity_texts(c, indonesian) for s, c in classes.items()}
    unique = list(dict.fromkeys(t for found in texts.values() for t in found))
    vectors = dict(zip(unique, index.embedder.encode(unique), strict=True)) if unique else {}
    return {s: np.vstack([vectors[t] for t in found]) for s, found in texts.items()}


def _case(
    row: dict[str, str],
    skill_id: str,
    units: tuple[gap.SupplyUnit, ...],
    texts: gap.UnitTexts,
    second_texts: gap.UnitTexts | None,
    known: _Knowledge,
    signal: str | None,
    view: tuple[np.ndarray, np.ndarray] | None = None,
) -> Case:
    """One labelled row as a case: each unit's terms (and ``signal``'s) and best raw cosine, over
    the units the advice may choose (``placeable``: no internship unit), as ``UnitPlacer``;
    ``view``: its curriculum's ``Precedents.of_units`` (no precedent term without it)."""
    units = gap.placeable(units)
    index = known.index
    vector = index.label_emb[index.position(skill_id)]
    context = known.contexts.get(skill_id, gap.SkillContext())
    features = unit_terms(
        skill_id, units, known.relations, texts, known.labels, vector, context, second_texts
    )
    parts = None
    if known.precedents is not None and view is not None:
        parts = known.precedents.parts(vector, *view)
    if signal == "group_share":
        features[signal] = signals.group_share(skill_id, units, known.groups)
    elif signal == "unit_name":
        features[signal] = signals.unit_name(units, texts, vector, context, index.label_emb)
    elif signal == "breadth":
        features[signal] = signals.breadth(units)
    elif signal == "cotools":
        features[signal] = signals.cotools(skill_id, units, known.occupations)
    elif signal == "commodity":
        features[signal] = signals.commodity(units, texts, known.commodities.get(skill_id))
    elif signal == "usage":
        features[signal] = signals.usage(units, texts, known.usages.get(skill_id))
    elif signal == "taught_descriptions":
        features[signal] = signals.taught_descriptions(skill_id, units, known.taught_descriptions)
    elif signal in signals.SECOND_EMBEDDER:
        features[signal] = signals.second_text(
            signal, units, second_texts, _second_vectors(index, skill_id, context)
        )
    case = Case(
        row["curriculum"], row["skill"], skill_id,
        precedents.answers(row),
        tuple(str(u.code) for u in units), features,
        np.array([float((texts.rows[u.id] @ vector).max()) for u in units]),
        parts,
    )  # fmt: skip
    return replace(case, features=with_precedent(case))


def _relations(
    vocabulary, index, parents: dict[str, str], members: bool = False
) -> gap.SkillRelations:  # type: ignore[no-untyped-def]
    """Parents, groups and near skills as the app's unit advice builds them
    (``app.services.matching.interchangeable_neighbours``: label embeddings restricted to
    interchangeable skills); ``members``: with the members of a group a knowledge skill's label
    names too, as the matcher and the coverage read them (``--group-members``)."""
    from matching.scoring.neighbours import (
        SkillFacts,
        SkillNeighbours,
        group_members,
        interchangeable,
    )

    groups = {s.id: s.group for s in vocabulary.skills if s.group}
    facts = {s.id: SkillFacts(s.label_en, s.group or "", parents.get(s.id), s.type)
             for s in vocabulary.skills}  # fmt: skip
    ids = [e.skill_id for e in index.entries]
    pairs = SkillNeighbours.from_embeddings(ids, index.label_emb)
    near = pairs.restricted(lambda a, b: interchangeable(a, b, facts))
    if members:
        near = near.merged(group_members(facts))
    return gap.SkillRelations(parents, groups, {s: near.near(s) for s in near.skills()})
