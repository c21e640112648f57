"""Precedents of the unit advice: where the labelled set puts a skill, and the skills like it, in
other curricula (``data/unit_placement.csv``), as a term of the learned unit choice
(``curricula.gap.model``).

A teacher who has seen Photoshop added to "Dasar Grafis Digital" in one programme and to
"Desain Grafis Percetakan" in another looks, in a new programme, for the unit like those. For a
missing skill ``s`` and a unit ``u`` of the curriculum at hand the term is

    precedent(s, u) = sum_r w(s, r) * (max_{v in right(r)} cos(u, v) - mean_{v in C_r} cos(u, v))
                      / sum_r w(s, r)

over the labelled rows ``r`` whose answer is a unit (``right(r)``, in curriculum ``C_r``), with
``w(s, r) = exp((cos(s, s_r) - 1) / tau)`` the closeness of the two skills' labels (1 for the
same skill; rows below ``MIN_WEIGHT`` are left out) and the last mean over ``C_r``'s units (the
internship left out): how much more ``u`` resembles the unit the row chose than it resembles
that curriculum's units on average. Units are compared by their names through the second embedder
(USE; ``unit_vector``), skills by their label vectors of the first (e5). A skill like no labelled
one gets 0 everywhere. ``prior(s)`` is the same weighted share of rows whose answer is "none".

Both weigh a row by its curriculum's closeness to the one at hand too,
``k(C, C_r) = exp((cos(m_C, m_r) - 1) / CURRICULUM_TAU)``, ``m`` the mean of a curriculum's unit
vectors (``curriculum_mean``): Photoshop is "none" in a network programme and goes to a unit in a
design one, so what a labelled network programme did counts, and a design programme's barely
(their means' cosine is about 0.87-0.94 between the TJKT demo and the labelled network
programmes, 0.1-0.5 across fields).
Without the curriculum's mean (``here``) the weight is 1.

The lab leaves the rows of the curriculum at hand out (``exclude``), so its figures are those of
an unseen curriculum; the site leaves nothing out, so the reports of a labelled curriculum (the
demo's) read its own labels.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from curricula.gap.inputs import SupplyUnit
from curricula.gap.placement import placeable, unit_text_rows

if TYPE_CHECKING:
    from matching.linking.index import SkillIndex

DATA = Path(__file__).resolve().parent / "data"
LABELS = DATA / "unit_placement.csv"
CURRICULA = DATA / "curricula"  # the curricula written for the labelled set (``lab:<file>``)
ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "app" / "data" / "demo" / "demo.json"
EXAMPLES = ROOT / "curricula" / "examples"
NONE = "none"
TAU = 0.03
CURRICULUM_TAU = 0.1
MIN_WEIGHT = 1e-4

Units = list[tuple[str, str, list[str]]]  # (code, name, outcome texts) of one curriculum


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    """The labelled rows; a row without a curriculum, skill or unit is an error naming it."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        for column in ("curriculum", "skill", "unit"):
            if not (row.get(column) or "").strip():
                raise ValueError(f"{path.name}: line {number}: missing {column}")
    return rows


def answers(row: Mapping[str, str]) -> frozenset[str]:
    """A labelled row's answers (unit codes and/or ``none``)."""
    return frozenset(a.strip() for a in row["unit"].split("|") if a.strip())


def demo_units(key: str, path: Path = DEMO) -> Units:
    """The units (code, name, outcomes) of the demo curriculum with programme code ``key``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data["curricula"]:
        programme = item["programme"]
        code = "D3TI" if item["level"] == "d3" else programme.rsplit("(", 1)[-1].rstrip(")")
        if code == key:
            return [(u["code"], u["name"], list(u["outcomes"])) for u in item["units"]]
    raise ValueError(f"no demo curriculum {key}")


def file_units(name: str, folder: Path) -> Units:
    """The units (code, name, outcomes) of the curriculum file ``name`` in ``folder``, read as an
    upload is."""
    from curricula import parse_document

    parsed = parse_document((folder / name).read_bytes(), name).curriculum
    return [(u.code, u.name, [o.text for o in u.outcomes]) for u in parsed.units]


def curriculum_units(key: str) -> Units:
    """The units of a labelled curriculum: ``demo:<code>``, ``example:<file>`` (of
    ``curricula/examples``) or ``lab:<file>`` (of ``data/curricula``)."""
    kind, name = key.split(":", 1)
    if kind == "demo":
        return demo_units(name)
    if kind in ("example", "lab"):
        return file_units(name, EXAMPLES if kind == "example" else CURRICULA)
    raise ValueError(f"unknown curriculum key {key!r}")


def unit_vector(rows: np.ndarray) -> np.ndarray:
    """A unit's vector from its text rows' vectors (``unit_text_rows``: the name first): the
    name's, normalised."""
    first = np.asarray(np.atleast_2d(rows)[0], dtype=np.float64)
    return first / (np.linalg.norm(first) or 1.0)


def curriculum_mean(vectors: np.ndarray) -> np.ndarray | None:
    """A curriculum's mean unit vector (``unit_vectors`` as rows; a unit without text, all
    zeros, left out), normalised; ``None`` without any."""
    vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
    kept = vectors[np.linalg.norm(vectors, axis=1) > 0] if vectors.size else vectors
    if not len(kept):
        return None
    mean = kept.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None


def unit_vectors(units: Sequence[SupplyUnit], rows: Mapping[str | int, np.ndarray]) -> np.ndarray:
    """The ``unit_vector`` of each of ``units`` from its text rows' vectors (``rows`` by unit
    id; zeros for a unit without any)."""
    width = next((np.atleast_2d(r).shape[1] for r in rows.values() if len(r)), 1)
    return np.vstack([
        unit_vector(rows[u.id]) if u.id in rows and len(rows[u.id]) else np.zeros(width)
        for u in units
    ])  # fmt: skip


@dataclass(frozen=True)
class Precedents:
    """The labelled rows as the term reads them (see the module)."""

    skills: tuple[str, ...]  # per row: the skill id
    curricula: tuple[str, ...]  # per row: the curriculum key
    none: np.ndarray  # per row: whether "none" is an answer and no unit is
    skill_vectors: np.ndarray  # per row: the skill's label vector (first embedder)
    right: np.ndarray  # the right units' vectors, rows in order
    right_row: np.ndarray  # per right vector: its row (ascending)
    means: np.ndarray  # per row: the mean vector of its curriculum's units
    tau: float = TAU
    curriculum_tau: float = CURRICULUM_TAU

    def closeness(self, here: np.ndarray | None) -> np.ndarray:
        """Per labelled row: its curriculum's closeness to the curriculum with mean ``here``
        (``curriculum_mean``; see the module), all 1 without it."""
        if here is None or not len(self.skills):
            return np.ones(len(self.skills))
        here = np.asarray(here, dtype=np.float64)
        here = here / (np.linalg.norm(here) or 1.0)
        norms = np.linalg.norm(self.means, axis=1)
        cosine = (self.means @ here) / np.where(norms > 0, norms, 1.0)
        return np.exp((cosine - 1.0) / self.curriculum_tau)

    def of_units(self, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For a curriculum's units (``unit_vectors`` as rows): the term's values (``values``)
        and the labelled rows' closeness to the curriculum (``closeness`` of its
        ``curriculum_mean``), the same for every skill, so computed once per curriculum."""
        return self.values(units), self.closeness(curriculum_mean(units))

    def values(self, units: np.ndarray) -> np.ndarray:
        """The term's value of each labelled row for each of ``units`` (unit vectors as rows;
        units x rows, 0 for a row without a unit): the same for every skill, so a curriculum's
        are computed once and each skill only weighs them (``term``)."""
        units = np.atleast_2d(np.asarray(units, dtype=np.float64))
        out = np.zeros((len(units), len(self.skills)))
        if len(self.right_row):
            starts = np.flatnonzero(np.r_[True, np.diff(self.right_row) > 0])
            rows = self.right_row[starts]
            best = np.maximum.reduceat(units @ self.right.T, starts, axis=1)
            out[:, rows] = best - units @ self.means[rows].T
        return out

    def _weights(
        self, vector: np.ndarray, closeness: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per labelled row: its weight for a skill with label vector ``vector`` (times the
        row's ``closeness``, when given), and the same where its answer is a unit (else 0)."""
        w = np.exp((self.skill_vectors @ np.asarray(vector, dtype=np.float64) - 1.0) / self.tau)
        w[w < MIN_WEIGHT] = 0.0
        if closeness is not None:
            w = w * closeness
        unit_w = np.zeros(len(self.skills))
        unit_w[self.right_row] = w[self.right_row]
        return w, unit_w

    def parts(
        self, vector: np.ndarray, values: np.ndarray, closeness: np.ndarray | None = None
    ) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per labelled curriculum (in the order of the first list): the weighted sum of the term
        over its unit rows for each unit of ``values`` (``values(units)``), the sum of those
        weights, the weighted count of its "none" rows and the sum of all its rows' weights
        (weights times ``closeness``, when given). The term and the prior are ratios of their
        sums over the curricula kept (``combine``; the lab leaves curricula out so)."""
        keys = list(dict.fromkeys(self.curricula))
        if not keys:
            empty = np.zeros((len(values), 0))
            return keys, empty, np.zeros(0), np.zeros(0), np.zeros(0)
        where = {k: n for n, k in enumerate(keys)}
        member = np.zeros((len(self.skills), len(keys)))
        member[np.arange(len(self.skills)), [where[c] for c in self.curricula]] = 1.0
        w, unit_w = self._weights(vector, closeness)
        return (
            keys,
            (values * unit_w) @ member,
            unit_w @ member,
            np.where(self.none, w, 0.0) @ member,
            w @ member,
        )

    def term(
        self,
        vector: np.ndarray | None,
        values: np.ndarray,
        exclude: Iterable[str] = (),
        closeness: np.ndarray | None = None,
    ) -> tuple[np.ndarray, float]:
        """The term for each unit of ``values`` (``values(units)``) and the prior of "none",
        leaving out the rows of the curricula in ``exclude`` (zeros and 0.5 for a skill like no
        row kept), rows weighted by ``closeness`` (``closeness(here)``) too when given."""
        if vector is None or not len(self.skills):
            return np.zeros(len(values)), 0.5
        w, unit_w = self._weights(vector, closeness)
        left_out = set(exclude)
        if left_out:
            kept = np.array([c not in left_out for c in self.curricula])
            w, unit_w = np.where(kept, w, 0.0), np.where(kept, unit_w, 0.0)
        none = float(w[self.none].sum())
        return combine(values @ unit_w, float(unit_w.sum()), none, float(w.sum()))


def combine(
    value: np.ndarray, weight: float, none: float, total: float
) -> tuple[np.ndarray, float]:
    """The term (``value / weight``, zeros without weight) and the prior (``none / total``, 0.5
    without weight) from summed parts."""
    term = value / weight if weight > 0 else np.zeros_like(value)
    return term, (none / total if total > 0 else 0.5)


def build_precedents(
    rows: Sequence[Mapping[str, str]],
    skill_id: Callable[[str], str | None],
    skill_vector: Callable[[str], np.ndarray | None],
    embed: Callable[[list[list[str]]], list[np.ndarray]],
    units_of: Callable[[str], Units] = curriculum_units,
    tau: float = TAU,
) -> Precedents:
    """The precedents of labelled ``rows``: ``skill_id`` maps a row's skill label to its id,
    ``skill_vector`` an id to its label vector, ``embed`` each unit's text rows to their vectors
    (the second embedder's), ``units_of`` a curriculum key to its units. A row whose skill or
    answer is unknown is left out; an internship unit is never an answer (``placeable``)."""
    vectors: dict[str, dict[str, np.ndarray]] = {}  # per curriculum: its units' vectors
    means: dict[str, np.ndarray] = {}  # per curriculum: their mean
    for key in dict.fromkeys(r["curriculum"] for r in rows):
        raw = units_of(key)
        kept = {u.code for u in placeable(tuple(SupplyUnit(c, n, c, ()) for c, n, _ in raw))}
        units = [(code, unit_text_rows(name, out)) for code, name, out in raw if code in kept]
        matrices = embed([texts for _, texts in units])
        vectors[key] = {str(code): unit_vector(m)
                        for (code, _), m in zip(units, matrices, strict=True) if len(m)}  # fmt: skip
        if vectors[key]:
            means[key] = np.vstack(list(vectors[key].values())).mean(axis=0)
    kept_rows: list[tuple[str, str, bool, np.ndarray]] = []  # skill, curriculum, none, vector
    right: list[np.ndarray] = []
    right_row: list[int] = []
    for row in rows:
        sid = skill_id(row["skill"])
        vector = skill_vector(sid) if sid is not None else None
        units_here = vectors[row["curriculum"]]
        said = answers(row)
        codes = sorted(c for c in said if c in units_here)
        if vector is None or not units_here or not (codes or said == {NONE}):
            continue
        right_row += [len(kept_rows)] * len(codes)
        right += [units_here[c] for c in codes]
        kept_rows.append((sid, row["curriculum"], not codes, np.asarray(vector, dtype=np.float64)))
    width = len(next(iter(means.values()))) if means else 0
    dim = len(kept_rows[0][3]) if kept_rows else 0
    return Precedents(
        tuple(r[0] for r in kept_rows),
        tuple(r[1] for r in kept_rows),
        np.array([r[2] for r in kept_rows], dtype=bool),
        np.vstack([r[3] for r in kept_rows]) if kept_rows else np.zeros((0, dim)),
        np.vstack(right) if right else np.zeros((0, width)),
        np.array(right_row, dtype=int),
        np.vstack([means[r[1]] for r in kept_rows]) if kept_rows else np.zeros((0, width)),
        tau,
    )


@functools.lru_cache(maxsize=1)
def _label_ids() -> Mapping[str, str]:
    """English label (case-folded) -> skill id of the shipped vocabulary."""
    from matching.vocab import load_vocabulary

    return {s.label_en.casefold(): s.id for s in load_vocabulary().skills}


def skill_id_of(label: str) -> str | None:
    """The id of the shipped vocabulary's skill with this English label (``None``: unknown)."""
    return _label_ids().get(label.strip().casefold())


def index_precedents(index: SkillIndex, path: Path = LABELS) -> Precedents | None:
    """The precedents of the labelled rows of ``path`` as a skill index sees them: skills by its
    label vectors, units by its second embedder (``None`` when it has none)."""
    aux = index.aux
    if aux is None:
        return None

    def vector(skill: str) -> np.ndarray | None:
        try:
            return index.label_emb[index.position(skill)]
        except KeyError:
            return None

    def embed(texts: list[list[str]]) -> list[np.ndarray]:
        flat = [t for rows in texts for t in rows]
        matrix = aux.encode(flat, kind="query") if flat else np.zeros((0, 0))
        ends = np.cumsum([len(rows) for rows in texts])
        return [matrix[end - len(rows) : end] for rows, end in zip(texts, ends, strict=True)]

    return build_precedents(read_labels(path), skill_id_of, vector, embed)
