"""Candidate terms for the unit advice, measured by ``evaluate_units --signal NAME`` (issue 13).

Each signal gives, for one skill, one value per unit of a curriculum; the evaluation adds it to
the score with a weight from ``WEIGHTS`` chosen with the other parameters inside the training
curricula (leave one curriculum out; 0, the first, wins ties). Held out, none of them lifted
the weighted score's accuracy beyond a row or two (``docs/gap_report.md``, "Signals tried");
only ``use_description`` is read by the site, as a term of its learned model.

- ``group_share``: how many skills the unit teaches in the skill's vocabulary group (a third per
  skill, at most 1): a unit about that kind of tool rather than one that mentions one of them;
- ``unit_name``: the centred similarity of the skill's label and other forms with the unit's
  name alone (its first text row), not with the outcomes;
- ``breadth``: a prior per unit, the number of skills it teaches (log, standardised within the
  curriculum); a negative weight favours narrow units;
- ``commodity``: the topic O*NET gives a tool, its technology commodity classes ("Zabbix" is
  "Network monitoring software", "JUnit" "Program testing software"): the best centred
  similarity of a class title, in English or in the Indonesian of ``data/onet_commodities_id.csv``
  (written from the class titles), with the unit's texts (0 for a skill O*NET does not list);
- ``usage``: how vacancies use the skill: the centred similarity of the normalised centroid of
  the sentences the site's linker finds the skill in, in the project's vacancy texts (the demo
  vacancies and the annotated vacancy documents; "Mengelola cluster Kubernetes (GKE) dan
  pipeline deployment" says more of where Kubernetes is taught than its label), with the unit's
  texts (0 for a skill no vacancy names);
- ``taught_descriptions``: the skill's description against the descriptions of the skills the
  unit teaches (as the label term compares labels), centred per skill against every
  description: two glossary sentences in the same register ("JUnit is a unit testing framework
  for Java" and Java's) rather than a description against a unit's Indonesian outcomes;
- ``use_label``, ``use_description``, ``use_text``: the second embedder's view (USE
  multilingual, the linker's second embedder): the centred similarity of the skill's label, of
  its description, or the sum of both, with the unit's texts embedded by USE and centred against
  USE's label vectors (a second model's errors differ from e5's); ``use_description`` is a term
  of the site's learned model since 2026-12-07 (``curricula.gap.model``), the others are not;
- ``cotools``: whether O*NET lists the skill for the occupations it lists a taught skill for
  (Zabbix and Linux, both for network and systems administrators): the best cosine of the two
  occupation sets over the unit's taught skills (0 when O*NET lists neither).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from curricula.gap.inputs import SupplyUnit
from curricula.gap.placement import SkillContext
from curricula.gap.similarity import SkillLabels, UnitTexts
from matching.lab.evaluate import SHARED_DATA
from matching.lab.vocab.sources import ONET_TECH

if TYPE_CHECKING:
    from matching.vocab import Skill

SIGNALS = (
    "group_share",
    "unit_name",
    "breadth",
    "commodity",
    "cotools",
    "usage",
    "taught_descriptions",
    "use_label",
    "use_description",
    "use_text",
)
# The signals that read the skill and the units through the second embedder (USE).
SECOND_EMBEDDER = ("use_label", "use_description", "use_text")
WEIGHTS: dict[str, tuple[float, ...]] = {
    "group_share": (0.0, 0.1, 0.2, 0.4),
    "unit_name": (0.0, 0.05, 0.1, 0.2),
    "breadth": (0.0, -0.1, -0.05, 0.05),
    "commodity": (0.0, 0.05, 0.1, 0.2),
    "cotools": (0.0, 0.05, 0.1, 0.2, 0.4),
    "usage": (0.0, 0.05, 0.1, 0.2),
    "taught_descriptions": (0.0, 0.05, 0.1, 0.2),
    "use_label": (0.0, 0.05, 0.1, 0.2),
    "use_description": (0.0, 0.05, 0.1, 0.2, 0.3),
    "use_text": (0.0, 0.05, 0.1, 0.2),
}
# O*NET's technology examples (one row per occupation, example and commodity class), in the lab
# data beside the checkout: the file the vocabulary's tool layer is built from.
ONET_TECHNOLOGY = SHARED_DATA / ONET_TECH
COMMODITIES_ID = Path(__file__).resolve().parent / "data" / "onet_commodities_id.csv"
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


def group_share(skill: str, units: Sequence[SupplyUnit], groups: Mapping[str, str]) -> np.ndarray:
    """Per unit: the number of its taught skills (other than ``skill``) in ``skill``'s group,
    a third each, at most 1 (0 for a skill without a group)."""
    group = groups.get(skill)
    if not group:
        return np.zeros(len(units))
    counts = [sum(groups.get(t) == group for t in u.skills if t != skill) for u in units]
    return np.minimum(1.0, np.asarray(counts, dtype=np.float64) / 3)


def unit_name(
    units: Sequence[SupplyUnit],
    texts: UnitTexts,
    vector: np.ndarray,
    context: SkillContext,
    reference: np.ndarray,
) -> np.ndarray:
    """Per unit: the best cosine of the skill's label and forms with the unit's name (its first
    text row), minus that name's mean cosine with ``reference``, over its standard deviation
    (0 for a unit without texts)."""
    forms = np.atleast_2d(np.asarray(vector, dtype=np.float64))
    if context.forms is not None and len(context.forms):
        forms = np.vstack([forms, context.forms])
    found = []
    for unit in units:
        rows = texts.rows.get(unit.id)
        if rows is None or not unit.name.strip():
            found.append(0.0)
            continue
        name = rows[0]
        centring = np.asarray(reference, dtype=np.float64) @ name
        found.append((float((forms @ name).max()) - centring.mean()) / (centring.std() or 1.0))
    return np.asarray(found)


def breadth(units: Sequence[SupplyUnit]) -> np.ndarray:
    """Per unit: log(1 + number of taught skills), standardised over the curriculum's units."""
    sizes = np.log1p(np.asarray([len(u.skills) for u in units], dtype=np.float64))
    return (sizes - sizes.mean()) / (sizes.std() or 1.0)


def _key(text: str) -> str:
    """A name compared case-insensitively, a trailing parenthesised qualifier left out
    ("Python (computer programming)" is "python")."""
    return _QUALIFIER.sub("", text).strip().casefold()


def onet_commodities(path: Path = ONET_TECHNOLOGY) -> dict[str, frozenset[str]]:
    """O*NET's technology examples by ``_key`` of their name: the commodity class titles each is
    listed under (an example may have several: Atlassian JIRA is "Content workflow software"
    and "Project management software")."""
    return _by_example(path, "Commodity Title")


def _by_example(path: Path, column: str) -> dict[str, frozenset[str]]:
    """O*NET's technology examples by ``_key`` of their name: the values of ``column`` in their
    rows."""
    found: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            found.setdefault(_key(row["Example"]), set()).add(row[column].strip())
    return {k: frozenset(v) for k, v in found.items() if k}


def commodity_classes(
    skills: Iterable[Skill], examples: Mapping[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """Per skill id: the commodity classes of every O*NET example whose name is the skill's
    English label or one of its aliases (``_key``: exact but for case and a trailing
    qualifier); skills without one are left out."""
    found = {}
    for skill in skills:
        forms = [skill.label_en, *(a.text for a in skill.aliases)]
        classes = frozenset().union(*(examples.get(_key(f), frozenset()) for f in forms))
        if classes:
            found[skill.id] = classes
    return found


def commodity_titles(path: Path = COMMODITIES_ID) -> dict[str, str]:
    """The Indonesian rendering of each O*NET commodity class title."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["commodity"]: row["id"] for row in csv.DictReader(handle)}


def commodity_texts(classes: Iterable[str], indonesian: Mapping[str, str]) -> list[str]:
    """The texts a skill's classes are embedded as: each title, and its Indonesian rendering
    when there is one."""
    texts = []
    for title in sorted(classes):
        texts.append(title)
        if indonesian.get(title):
            texts.append(indonesian[title])
    return texts


def commodity(
    units: Sequence[SupplyUnit], texts: UnitTexts, vectors: np.ndarray | None
) -> np.ndarray:
    """Per unit: the best centred similarity (``UnitTexts.best_z``) of the vectors of the
    skill's class titles (0 for every unit when the skill has none)."""
    if vectors is None or not len(vectors):
        return np.zeros(len(units))
    return np.asarray([texts.best_z(u.id, vectors) for u in units])


def onet_occupations(path: Path = ONET_TECHNOLOGY) -> dict[str, frozenset[str]]:
    """O*NET's technology examples by ``_key`` of their name: the O*NET-SOC occupations that
    list each."""
    return _by_example(path, "O*NET-SOC Code")


def cotools(
    skill: str, units: Sequence[SupplyUnit], occupations: Mapping[str, frozenset[str]]
) -> np.ndarray:
    """Per unit: how much the occupations O*NET lists the skill for (a tool: Zabbix) are those
    it lists a taught tool for (Linux, Cisco IOS), the best cosine of the two occupation sets
    over the unit's taught skills (0 when either has none)."""
    mine = occupations.get(skill)
    out = np.zeros(len(units))
    if not mine:
        return out
    for i, unit in enumerate(units):
        best = 0.0
        for taught in unit.skills:
            theirs = occupations.get(taught)
            if theirs and taught != skill:
                best = max(best, len(mine & theirs) / np.sqrt(len(mine) * len(theirs)))
        out[i] = best
    return out


def usage(units: Sequence[SupplyUnit], texts: UnitTexts, centroid: np.ndarray | None) -> np.ndarray:
    """Per unit: the centred similarity (``UnitTexts.z``) of the skill's usage centroid (0 for
    every unit when no vacancy sentence names the skill)."""
    if centroid is None:
        return np.zeros(len(units))
    return np.asarray([texts.z(u.id, centroid) for u in units])


def taught_descriptions(
    skill: str, units: Sequence[SupplyUnit], described: SkillLabels | None
) -> np.ndarray:
    """Per unit: the centred similarity (``SkillLabels.z`` over description vectors) of the
    skill's description with the closest description of a skill the unit teaches."""
    if described is None:
        return np.zeros(len(units))
    return np.asarray([described.z(skill, u.skills) for u in units])


def second_text(
    signal: str,
    units: Sequence[SupplyUnit],
    texts: UnitTexts | None,
    vectors: np.ndarray | None,
) -> np.ndarray:
    """Per unit, the centred similarity (``UnitTexts.z``) through the second embedder (USE) of
    the skill's label (``use_label``), of its description (``use_description``) or the sum of
    both (``use_text``); ``vectors``: the label's and the description's USE vectors (rows 0, 1).
    0 for every unit without them (and ``use_description`` for a skill without a description)."""
    if texts is None or vectors is None:
        return np.zeros(len(units))
    label = np.asarray([texts.z(u.id, vectors[0]) for u in units])
    if len(vectors) < 2:
        return np.zeros(len(units)) if signal == "use_description" else label
    description = np.asarray([texts.z(u.id, vectors[1]) for u in units])
    return {"use_label": label, "use_description": description}.get(signal, label + description)
