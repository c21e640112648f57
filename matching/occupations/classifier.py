"""Classify a vacancy to KBJI 2014 unit groups from its title and its skills.

Two signals per group: the similarity of the title's embedding with the group's names
(``GroupProfile.labels``: a soft maximum of the cosines, ``log(sum(exp(sharpness * cos)))
/ sharpness``, so a group with several near names beats one with a single one), and the share of the vacancy's skills (required count
fully, preferred by half, each weighted by how few groups share it) that the group's ESCO
occupations list. The score is ``similarity + skill_weight * overlap``; a softmax with
``temperature`` turns scores into confidences, and the best group is assigned only when its
confidence reaches ``threshold``. The weights come from ``OccupationParams`` (chosen by
cross-validation, ``python -m matching.lab.occupations.evaluate``).

The table holds the ICT groups only, so a title of any other work (a warehouse clerk, a nurse)
would otherwise go to the least unlike ICT group. Titles of other occupations
(``OUTSIDE_FILE``) make one more class, "outside the table": its score is the title's best
cosine with them minus ``outside_margin`` (``None``: no such class), both without a leading
word that names no work ("Staf", "Staff", "Karyawan", "Pegawai": e5 finds "Staf IT Support"
nearer "Staf Legal" than any ICT name); it takes part in the softmax, so a title nearer to it
leaves every ICT group with a low confidence and nothing is assigned. It is never returned as a
guess, and a title that names ICT work as "IT", "TI", "TIK" or "ICT" never meets it
(``names_ict``: "Admin IT Toko Online" is near "Admin Toko Online" of the list).
"""

from __future__ import annotations

import csv
import json
import math
import re
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import NamedTuple

import numpy as np

from matching.embedding.embedders import Embedder, Kind
from matching.occupations.groups import DATA_DIR, GroupProfile

PARAMS_FILE = DATA_DIR / "occupation_params.json"
OUTSIDE_FILE = DATA_DIR / "occupation_outside.csv"
PREFERRED_WEIGHT = 0.5  # a nice-to-have skill counts half as much as a required one


@dataclass(frozen=True)
class OccupationParams:
    """The classifier's settings (``PARAMS_FILE`` holds the cross-validated ones)."""

    label_kind: Kind = "query"  # e5 prompt of the group names; a title is always a query
    sharpness: float = 100.0  # of the soft maximum over a group's names (large: the nearest)
    skill_weight: float = 0.0
    temperature: float = 0.02
    threshold: float = 0.0
    # subtracted from the "outside the table" class's score (negative: a bonus; None: no class)
    outside_margin: float | None = None


@dataclass(frozen=True)
class OccupationGuess:
    """One group for one vacancy: its confidence (0-1) and the two signals behind it."""

    code: str
    confidence: float
    title_similarity: float
    skill_overlap: float


@dataclass(frozen=True)
class OccupationDecision:
    """What the system records for one vacancy: the group it assigns (None: none), and
    whether it left the vacancy without one because the title reads as work outside the table."""

    guess: OccupationGuess | None
    outside: bool = False


class _Scored(NamedTuple):
    """One vacancy against every group: the scores, their confidences (the outside class in the
    softmax), the title similarities, the skill overlaps, and whether the outside class scores
    above every group."""

    scores: np.ndarray
    confidence: np.ndarray
    similarity: np.ndarray
    overlap: np.ndarray
    outside_best: bool


@dataclass(frozen=True)
class VacancyText:
    """What the classifier reads of a vacancy."""

    title: str
    required: tuple[str, ...] = ()
    preferred: tuple[str, ...] = ()


def load_params(path: str | Path = PARAMS_FILE) -> OccupationParams:
    """The stored parameters (the defaults when the file is missing)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return OccupationParams()
    known = {f.name for f in fields(OccupationParams)}
    return OccupationParams(**{k: v for k, v in data.get("params", {}).items() if k in known})


_HEAD = re.compile(r"^\s*(?:staf|staff|karyawan|pegawai)\b[\s/:-]*", re.IGNORECASE)
# "IT", "TI", "TIK", "ICT" written as such (case matters: "ti" is also a syllable): a title that
# names ICT work is never outside the table ("Admin IT Toko Online", "Staf IT E-commerce", whose
# other words are close to "Admin Toko Online" of the outside list); not after "non" ("Staf Non
# IT"), and not the TIK of "TIK TOK"
_NAMES_ICT = re.compile(r"(?<![\w-])(?<!(?i:non) )(?:IT|TI|ICT|TIK(?![\s-]*TOK))(?!\w)")


def names_ict(title: str) -> bool:
    """Whether the title names ICT work as "IT", "TI", "TIK" or "ICT"."""
    return bool(_NAMES_ICT.search(title))


def title_core(title: str) -> str:
    """The title without a leading word that names no work ("Staf Gudang" -> "Gudang")."""
    return _HEAD.sub("", title, count=1).strip() or title.strip()


def outside_titles(path: str | Path = OUTSIDE_FILE) -> tuple[str, ...]:
    """The titles of occupations outside the ICT table (the "outside" class's names)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(r["title"].strip() for r in csv.DictReader(handle) if r["title"].strip())


def with_outside(
    scores: np.ndarray, outside: np.ndarray | None, margin: float | None
) -> np.ndarray:
    """The groups' scores with the outside class's (``outside - margin``) as a last column, or
    unchanged when the class is off (``margin`` None or no outside names)."""
    if margin is None or outside is None:
        return scores
    return np.concatenate([scores, (outside - margin)[..., None]], axis=-1)


def params_as_dict(params: OccupationParams) -> dict[str, object]:
    """The parameters as JSON-ready values."""
    return asdict(params)


def group_similarity(similarities: np.ndarray, starts: np.ndarray, sharpness: float) -> np.ndarray:
    """Per row, the soft maximum of each group's columns (cosines; groups are contiguous,
    starting at ``starts``): ``log(sum(exp(sharpness * cos))) / sharpness``, computed stably."""
    sizes = np.diff(np.append(starts, similarities.shape[1]))
    peak = np.maximum.reduceat(similarities, starts, axis=1)
    spread = np.exp(sharpness * (similarities - np.repeat(peak, sizes, axis=1)))
    summed = np.add.reduceat(spread, starts, axis=1)
    return (peak + np.log(summed) / sharpness).astype(np.float32)


def skill_idf(profiles: Sequence[GroupProfile]) -> dict[str, float]:
    """Weight of each skill some group lists: log(1 + groups / groups listing it)."""
    counts: dict[str, int] = {}
    for profile in profiles:
        for skill in profile.skills:
            counts[skill] = counts.get(skill, 0) + 1
    n = len(profiles)
    return {skill: math.log(1 + n / count) for skill, count in counts.items()}


def skill_overlap(
    vacancy: VacancyText, profiles: Sequence[GroupProfile], idf: dict[str, float]
) -> np.ndarray:
    """Per group, the weighted share of the vacancy's (known) skills that the group lists."""
    weights: dict[str, float] = {}
    for skill in vacancy.preferred:
        weights[skill] = PREFERRED_WEIGHT
    for skill in vacancy.required:
        weights[skill] = 1.0
    known = {s: w * idf[s] for s, w in weights.items() if s in idf}
    total = sum(known.values())
    out = np.zeros(len(profiles), dtype=np.float32)
    if total <= 0:
        return out
    for i, profile in enumerate(profiles):
        out[i] = sum(w for s, w in known.items() if s in profile.skills) / total
    return out


def combine(similarity: np.ndarray, overlap: np.ndarray, skill_weight: float) -> np.ndarray:
    """The score of each group: title similarity plus the weighted skill overlap."""
    return similarity + skill_weight * overlap


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Row-wise softmax of ``scores / temperature``."""
    z = scores / max(temperature, 1e-6)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


class OccupationClassifier:
    """Ranks groups for vacancies; the group names are embedded once, on first use."""

    def __init__(
        self,
        embedder: Embedder,
        profiles: Sequence[GroupProfile],
        params: OccupationParams | None = None,
        outside: Sequence[str] = (),
    ) -> None:
        self.embedder = embedder
        self.profiles = [p for p in profiles if p.labels]
        self.params = params or load_params()
        self.codes = [p.code for p in self.profiles]
        self.outside = tuple(outside)
        self.labels = [label for p in self.profiles for label in p.labels]
        self.labels += [title_core(title) for title in self.outside]
        sizes = [len(p.labels) for p in self.profiles]
        self.starts = np.cumsum([0, *sizes[:-1]]).astype(np.intp)
        self.n_group_labels = sum(sizes)
        self.idf = skill_idf(self.profiles)
        self._label_vectors: np.ndarray | None = None
        self._lock = threading.Lock()

    def label_vectors(self) -> np.ndarray:
        """The embeddings of every group name, then of every outside name (computed once)."""
        if self._label_vectors is None:
            with self._lock:
                if self._label_vectors is None:
                    self._label_vectors = self.embedder.encode(
                        self.labels, kind=self.params.label_kind
                    )
        return self._label_vectors

    def label_similarities(self, titles: Sequence[str]) -> np.ndarray:
        """``(len(titles), names)``: each title's cosine with every group name, then with every
        outside name."""
        if not titles or not self.labels:
            return np.zeros((len(titles), len(self.labels)), dtype=np.float32)
        vectors = self.embedder.encode(list(titles), kind="query")
        return vectors @ self.label_vectors().T

    def similarities(
        self,
        titles: Sequence[str],
        raw: np.ndarray | None = None,
        mask: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Each title's similarity with each group's names, ``(len(titles), groups)``, and with
        the outside names, ``(len(titles),)`` (None when there are none); ``raw``: the titles'
        ``label_similarities`` when already computed (else the titles are embedded once);
        ``mask``: ``(len(titles), outside names)``, False for a name a title may not use (the
        evaluation's ``--strict``)."""
        if not self.profiles:
            return np.zeros((len(titles), 0), dtype=np.float32), None
        raw = self.label_similarities(titles) if raw is None else raw
        groups = group_similarity(raw[:, : self.n_group_labels], self.starts, self.params.sharpness)
        if not self.outside:
            return groups, None
        outside = raw[:, self.n_group_labels :]
        cores = [title_core(t) for t in titles]
        changed = [i for i, (t, c) in enumerate(zip(titles, cores, strict=True)) if c != t.strip()]
        if changed:
            vectors = self.embedder.encode([cores[i] for i in changed], kind="query")
            outside = outside.copy()
            outside[changed] = vectors @ self.label_vectors()[self.n_group_labels :].T
        if mask is not None:
            outside = np.where(mask, outside, -1.0)
        best = outside.max(axis=1)
        best[[names_ict(t) for t in titles]] = -1.0  # below every cosine: the class never wins
        return groups, best

    def _scored(self, vacancies: Sequence[VacancyText]) -> list[_Scored]:
        """Each vacancy's signals and scores (each distinct title embedded once)."""
        distinct = sorted({v.title.strip() for v in vacancies})
        sims, outside = self.similarities(distinct)
        row = {title: i for i, title in enumerate(distinct)}
        out = []
        for vacancy in vacancies:
            at = row[vacancy.title.strip()]
            sim = sims[at]
            overlap = skill_overlap(vacancy, self.profiles, self.idf)
            scores = combine(sim, overlap, self.params.skill_weight)
            rival = None if outside is None else outside[at]
            both = with_outside(scores, rival, self.params.outside_margin)
            confidence = softmax(both, self.params.temperature)
            beyond = len(both) > len(scores) and bool(both[-1] > scores.max(initial=-np.inf))
            out.append(_Scored(scores, confidence, sim, overlap, beyond))
        return out

    def classify_many(
        self, vacancies: Sequence[VacancyText], top: int = 3
    ) -> list[list[OccupationGuess]]:
        """The ``top`` groups of each vacancy, best first (each distinct title embedded once)."""
        return [self._guesses(row, top) for row in self._scored(vacancies)]

    def decide_many(self, vacancies: Sequence[VacancyText]) -> list[OccupationDecision]:
        """What the system records for each vacancy: the assigned group (``assign``) or none,
        and whether the title reads as work outside the table."""
        out = []
        for row in self._scored(vacancies):
            best = self.assign(self._guesses(row, 1))
            out.append(OccupationDecision(best, row.outside_best and best is None))
        return out

    def _guesses(self, row: _Scored, top: int) -> list[OccupationGuess]:
        """The ``top`` groups of one vacancy by score, best first, as guesses."""
        order = np.argsort(-row.scores, kind="stable")[:top]
        return [
            OccupationGuess(
                self.codes[i],
                round(float(row.confidence[i]), 4),
                round(float(row.similarity[i]), 4),
                round(float(row.overlap[i]), 4),
            )
            for i in order
        ]

    def classify(
        self,
        title: str,
        required: Sequence[str] = (),
        preferred: Sequence[str] = (),
        top: int = 3,
    ) -> list[OccupationGuess]:
        """The ``top`` groups of one vacancy, best first."""
        return self.classify_many([VacancyText(title, tuple(required), tuple(preferred))], top)[0]

    def assign(self, guesses: Sequence[OccupationGuess]) -> OccupationGuess | None:
        """The best guess when it is sure enough (``threshold``), else None."""
        if not guesses or guesses[0].confidence < self.params.threshold:
            return None
        return guesses[0]
