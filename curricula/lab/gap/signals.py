"""Candidate terms for the unit advice, measured by ``evaluate_units --signal NAME`` (issue 13).

Each signal gives, for one skill, one value per unit of a curriculum; the evaluation adds it to
the score with a weight from ``WEIGHTS`` chosen with the other parameters inside the training
curricula (leave one curriculum out; 0, the first, wins ties). None of them is used by the site: held out they did not
lift the accuracy beyond a row or two (``docs/gap_report.md``, "Signals tried").

- ``group_share``: how many skills the unit teaches in the skill's vocabulary group (a third per
  skill, at most 1): a unit about that kind of tool rather than one that mentions one of them;
- ``unit_name``: the centred similarity of the skill's label and other forms with the unit's
  name alone (its first text row), not with the outcomes;
- ``description``: the centred similarity of the skill's vocabulary description ("Kali Linux is
  a penetration testing tool ...") with the unit's texts;
- ``breadth``: a prior per unit, the number of skills it teaches (log, standardised within the
  curriculum); a negative weight favours narrow units.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from curricula.gap.inputs import SupplyUnit
from curricula.gap.placement import SkillContext
from curricula.gap.similarity import UnitTexts

SIGNALS = ("group_share", "unit_name", "description", "breadth")
WEIGHTS: dict[str, tuple[float, ...]] = {
    "group_share": (0.0, 0.1, 0.2, 0.4),
    "unit_name": (0.0, 0.05, 0.1, 0.2),
    "description": (0.0, 0.05, 0.1, 0.2),
    "breadth": (0.0, -0.1, -0.05, 0.05),
}


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


def description(
    units: Sequence[SupplyUnit], texts: UnitTexts, vector: np.ndarray | None
) -> np.ndarray:
    """Per unit: the centred similarity (``UnitTexts.z``) of the description's vector."""
    if vector is None:
        return np.zeros(len(units))
    return np.asarray([texts.z(u.id, vector) for u in units])


def breadth(units: Sequence[SupplyUnit]) -> np.ndarray:
    """Per unit: log(1 + number of taught skills), standardised over the curriculum's units."""
    sizes = np.log1p(np.asarray([len(u.skills) for u in units], dtype=np.float64))
    return (sizes - sizes.mean()) / (sizes.std() or 1.0)
