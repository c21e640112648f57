"""Fitting ``extract``'s calibration: the candidate probability, the sentence gate, the cap and
the thresholds, on annotated sentences with gold skills and lines naming no skill.

``calibrate_extract`` is what ``python -m matching.lab.linking.calibrate`` runs; ``Scored`` holds a
set's candidates (computed once: they do not depend on the calibration) and scores a calibration
on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from matching.lab.linking.extract_eval import (
    false_alarms,
    idgold_split,
    is_correct,
    sentence_scores,
)
from matching.lab.linking.tuning import fit_logistic
from matching.linking.candidates import Candidate, candidates
from matching.linking.extract import gate_features, select
from matching.linking.index import SkillIndex
from matching.linking.params import ExtractParams
from matching.linking.types import SkillMention

LAYER_DIR = Path(__file__).resolve().parents[2] / "data" / "id_layer"
TARGET_PRECISION = 0.80  # the bar: under 20% of mentions wrong
MAX_FALSE_ALARM = 0.10  # at most this share of lines naming no skill may get a mention


TRAIN_MISSES = "aliases_*train_misses*.csv"  # written from id_train.csv's misses
BREADTH_MISSES = "aliases_*breadth_misses*.csv"  # written from id_train_breadth.csv's misses


def training_forms(
    layer_dir: Path = LAYER_DIR, pattern: str = TRAIN_MISSES
) -> set[tuple[str, str]]:
    """(skill id, normalised text) of the aliases written from one training set's misses (files
    matching ``pattern``): left out when that set's sentences are scored for calibration or
    evaluation, so that they meet the aliases as unseen text would."""
    from matching.lab.vocab.idlayer import alias_cells, read_glob
    from matching.linking.text import norm_key

    out = set()
    for row in read_glob(layer_dir, pattern):
        out |= {(row["id"], norm_key(text)) for text, _, _ in alias_cells(row)}
    return out


@dataclass(frozen=True)
class ExtractSet:
    """Sentences to calibrate or score extract on: with gold skill ids, and naming no skill."""

    cases: list[tuple[str, set[str]]]
    negatives: list[str] = field(default_factory=list)

    def __add__(self, other: ExtractSet) -> ExtractSet:
        return ExtractSet(self.cases + other.cases, self.negatives + other.negatives)


@dataclass(frozen=True)
class Scored:
    """An ``ExtractSet``'s candidates, computed once (they do not depend on the calibration)."""

    positives: list[list[Candidate]]
    golds: list[set[str]]
    negatives: list[list[Candidate]]

    def __add__(self, other: Scored) -> Scored:
        return Scored(
            self.positives + other.positives,
            self.golds + other.golds,
            self.negatives + other.negatives,
        )

    @classmethod
    def of(cls, index: SkillIndex, data: ExtractSet) -> Scored:
        base = index.extract_params
        return cls(
            [candidates(index, s, base) for s, _ in data.cases],
            [g for _, g in data.cases],
            [candidates(index, s, base) for s in data.negatives],
        )

    def metrics(
        self, index: SkillIndex, params: ExtractParams, parents: dict[str, str], judged: set[str]
    ) -> dict[str, dict[str, float]]:
        """Judged coverage/precision on the positives, false alarms on the negatives."""

        def kept(found: list[Candidate]) -> list[SkillMention]:
            return [
                SkillMention(index.entries[c.skill].skill_id, p, c.start, c.end, "", c.method)
                for p, c in select(found, params)
            ]

        out = {
            "judged": sentence_scores(
                [kept(c) for c in self.positives], self.golds, parents, judged
            )
        }
        if self.negatives:
            out["no_skill"] = false_alarms([kept(c) for c in self.negatives])
        return out


def calibrate_extract(
    index: SkillIndex,
    data: ExtractSet | Scored,
    parents: dict[str, str],
    judged: set[str],
    log=print,
) -> ExtractParams:  # noqa: ANN001
    """Fit the probability map on the candidates of ``data``'s sentences that name skills (the
    probability that a candidate is right when its sentence names a skill: whether it does is the
    gate's question) and, when ``data`` has sentences naming no skill, the sentence gate on all;
    pick the gate threshold (or no gate), cap and threshold with the best coverage among those
    meeting the precision target and the false-alarm limit (ties: fewer false alarms, then
    better precision)."""
    scored = data if isinstance(data, Scored) else Scored.of(index, data)
    rows, labels = [], []
    for found, gold in zip(scored.positives, scored.golds, strict=True):
        for c in found:
            skill_id = index.entries[c.skill].skill_id
            if skill_id in judged or is_correct(skill_id, gold, parents):
                rows.append(c.features)
                labels.append(is_correct(skill_id, gold, parents))
    w = fit_logistic(np.array(rows), np.array(labels))
    params = replace(
        index.extract_params,
        coef=tuple(round(float(x), 5) for x in w[:-1]),
        intercept=round(float(w[-1]), 5),
        gate_coef=(),  # no gate unless fitted below (the stored one is not reused)
        gate_intercept=0.0,
        gate_threshold=0.5,
    )
    log(f"logistic coef={params.coef} intercept={params.intercept}")
    gated = [params]
    if scored.negatives:  # the sentence gate: does a sentence name a skill at all?
        ranked = [
            sorted(((params.probability(c.features), c) for c in found), key=lambda pc: -pc[0])
            for found in scored.positives + scored.negatives
        ]
        x = [gate_features(r) for r in ranked if r]
        y = [i < len(scored.positives) for i, r in enumerate(ranked) if r]
        g = fit_logistic(np.array(x), np.array(y))
        gate = replace(
            params,
            gate_coef=tuple(round(float(v), 5) for v in g[:-1]),
            gate_intercept=round(float(g[-1]), 5),
        )
        log(f"gate coef={gate.gate_coef} intercept={gate.gate_intercept}")
        gated += [replace(gate, gate_threshold=t) for t in _GRID]
    best, best_key = None, (-1.0, 0.0, 0.0)
    for base in gated:
        for cap in (1, 2, 3):
            for threshold in _GRID:
                cand = replace(base, threshold=threshold, max_per_sentence=cap)
                m = scored.metrics(index, cand, parents, judged)
                alarm = m.get("no_skill", {}).get("false_alarm_rate", 0.0)
                log(
                    f"gate {cand.gate_threshold if cand.gate_coef else '-'} cap {cap} "
                    f"threshold {threshold:.2f} coverage {m['judged']['coverage']:.3f} "
                    f"precision {m['judged']['precision']:.3f} false alarms {alarm:.3f}"
                )
                # best coverage; on a tie, fewer false alarms, then better precision
                key = (m["judged"]["coverage"], -alarm, m["judged"]["precision"])
                if (
                    m["judged"]["precision"] >= TARGET_PRECISION
                    and alarm <= MAX_FALSE_ALARM
                    and key > best_key
                ):
                    best, best_key = cand, key
    return best or replace(params, threshold=0.9, max_per_sentence=1)


_GRID = tuple(round(float(t), 2) for t in np.arange(0.05, 0.96, 0.05))


def cross_validate(
    index: SkillIndex,
    scored: Scored,
    parents: dict[str, str],
    judged: set[str],
    folds: int = 5,
    seed: int = 0,
    fit=calibrate_extract,  # noqa: ANN001
    always: Scored | None = None,
) -> dict[str, dict[str, float]]:
    """Judged coverage/precision and false alarms of ``fit`` (``calibrate_extract``) on
    ``scored`` by k-fold cross-validation: the sentences with skills and the lines naming none are
    each shuffled and split into ``folds`` near-equal folds, and each fold is scored with a
    calibration fitted on the others (plus ``always``, when given: e.g. the training sentences
    when the dev split is cross-validated). The candidates (and the fusion weights behind them)
    are ``scored``'s own: only the extract calibration is refitted per fold."""
    rng = np.random.default_rng(seed)
    pos_folds = np.array_split(rng.permutation(len(scored.positives)), folds)
    neg_folds = np.array_split(rng.permutation(len(scored.negatives)), folds)

    def part(pos: list[int], neg: list[int]) -> Scored:
        return Scored(
            [scored.positives[i] for i in pos],
            [scored.golds[i] for i in pos],
            [scored.negatives[i] for i in neg],
        )

    covered = mentions = correct = alarms = unjudged = 0.0
    for f in range(folds):
        rest_pos = sorted(i for g, fold in enumerate(pos_folds) if g != f for i in fold)
        rest_neg = sorted(i for g, fold in enumerate(neg_folds) if g != f for i in fold)
        data = part(rest_pos, rest_neg) if always is None else always + part(rest_pos, rest_neg)
        params = fit(index, data, parents, judged, log=lambda _m: None)
        held = part(sorted(pos_folds[f]), sorted(neg_folds[f]))
        m = held.metrics(index, params, parents, judged)
        n = len(held.positives)
        covered += m["judged"]["coverage"] * n
        made = m["judged"]["mentions_per_sentence"] * n
        mentions += made
        correct += m["judged"]["precision"] * made
        unjudged += m["judged"]["unjudged_per_sentence"] * n
        if held.negatives:
            alarms += m["no_skill"]["false_alarm_rate"] * len(held.negatives)
    n = len(scored.positives)
    out = {
        "judged": {
            "n": n,
            "coverage": covered / n,
            "precision": correct / mentions if mentions else 0.0,
            "mentions_per_sentence": mentions / n,
            "unjudged_per_sentence": unjudged / n,
        },
        "folds": folds,
    }
    if scored.negatives:
        out["no_skill"] = {
            "n": len(scored.negatives),
            "false_alarm_rate": alarms / len(scored.negatives),
        }
    return out


def read_extract_set(path: str | Path, label_map: dict[str, str]) -> ExtractSet:
    """An idgold file as an ``ExtractSet`` (gold labels joined to the vocabulary)."""
    return ExtractSet(*idgold_split(path, label_map))
