"""What ranking gains in speed and loses in quality when e5 runs only where the rest is unsure.

    python -m matching.lab.linking.e5_gate [--json] [--folds 5] [--write]

Issue 13 asks rank for 300 sentences per second on this 2-core machine "with the same quality";
e5 alone runs at about 200 sentences per second on its two cores, so every sentence through e5
cannot get there. This measures the one way left: a *cheap* ranking without e5 (the second
embedder, TF-IDF, exact forms and the prior), and e5 with the whole fusion only for the sentences
whose cheap ranking is least decided (the smallest gap between its 1st and 10th score).

Chosen on the project's own training sentences only (``matching/data/id_train.csv``, scored on
the bench index without the aliases written from their misses, ``without_training_forms``):

- the cheap ranking's weights (a grid over the second embedder's label and form weights, the
  TF-IDF and prior weights; objective RP@5 + MRR), with ``--folds``-fold figures of that choice;
- for each share of sentences sent to e5 (0, 10 %, ... 100 %), the gap threshold that sends that
  share of the training sentences.

The chosen share is the smallest whose cross-validated RP@5 and MRR fall short of e5 on every
sentence's by no more than one standard error of the paired per-sentence differences.
``--write`` stores that gate in ``matching/data/calibration.json``; the calibration command
drops it unless it keeps the weights (``--skip-weights``): new weights need a new gate, so run
this again after it.

Reported on the sets the choice never saw here: the Indonesian dev split and the TECH and HOUSE
validation splits (RP@1/5/10, MRR), and the speed of the gated path on the bench's 224
sentences (``matching.lab.bench.rank_sentences``), through ``matching.linking.rank_gate`` (a call
of more than ``CHUNK`` sentences: its cheap pass on both cores, then e5 for the sentences it
sends); sentences per wall-clock second (best of ``REPEATS`` runs) and per CPU-second.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from matching.lab.evaluate import Query, build_queries, gold_ranks, protocol_metrics, read_rows
from matching.linking.params import RankGate
from matching.linking.rank_gate import decided, gated_scores

if TYPE_CHECKING:
    from matching.linking.index import SkillIndex
    from matching.linking.params import Weights

ID_TRAIN = Path(__file__).resolve().parents[2] / "data" / "id_train.csv"
SHARES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.0)
CHUNK = 32  # up to this many sentences, e5 runs on all beside the cheap pass (stored with the gate)
REPEATS = 3
CHEAP_GRID = {
    "aux_label": (0.5, 1.0, 1.5, 2.0),
    "aux_form": (0.25, 0.5, 0.75, 1.0),
    "tfidf_label": (0.25, 0.5),
    "prior": (1.0, 2.0),
}
E5_SIGNALS = ("sem_label", "sem_form", "sem_phrase")


@dataclass(frozen=True)
class Scored:
    """One evaluation set's queries with its whole-fusion and cheap scores."""

    queries: list[Query]
    full: np.ndarray
    signals: dict[str, np.ndarray]


def cheap_weights(weights: Weights, **cheap: float) -> Weights:
    """``weights`` without e5's signals, with the cheap ones given."""
    return replace(weights, sem_label=0.0, sem_form=0.0, sem_phrase=0.0, **cheap)


def threshold_for_share(gap: np.ndarray, share: float) -> float:
    """The gap below which ``share`` of the rows fall (-inf: none, +inf: all)."""
    if share <= 0:
        return float("-inf")
    if share >= 1:
        return float("inf")
    ordered = np.sort(gap)
    count = int(round(share * len(ordered)))
    return float(ordered[count - 1]) + 1e-9 if count else float("-inf")


def gated(full: np.ndarray, cheap: np.ndarray, threshold: float) -> tuple[np.ndarray, float]:
    """Each row's cheap scores, or its whole-fusion ones where the cheap gap is below
    ``threshold``; and the share of rows sent to e5."""
    send = decided(cheap) < threshold
    out = np.where(send[:, None], full, cheap)
    return out, float(send.mean()) if len(send) else 0.0


def _objective(scores: np.ndarray, queries: list[Query]) -> float:
    m = protocol_metrics(scores, queries)
    return m["rp5"] + m["mrr"]


def fit_cheap(index: SkillIndex, scored: Scored) -> Weights:
    """The cheap weights of ``CHEAP_GRID`` best on ``scored`` (RP@5 + MRR; first best wins)."""
    best: tuple[float, Weights] | None = None
    for values in itertools.product(*CHEAP_GRID.values()):
        w = cheap_weights(index.weights, **dict(zip(CHEAP_GRID, values, strict=True)))
        value = _objective(index.fuse(scored.signals, w), scored.queries)
        if best is None or value > best[0]:
            best = (value, w)
    assert best is not None
    return best[1]


def _subset(scored: Scored, rows: Sequence[int]) -> Scored:
    pick = np.asarray(rows)
    return Scored(
        [scored.queries[r] for r in rows],
        scored.full[pick],
        {k: v[pick] if v.ndim == 2 and v.shape[0] > 1 else v for k, v in scored.signals.items()},
    )


def cross_validated(
    index: SkillIndex, scored: Scored, folds: int
) -> tuple[dict[str, dict], dict[str, dict[str, np.ndarray]]]:
    """Per share: the training sentences' pooled held-out metrics, the cheap weights and the
    threshold chosen on the other folds each time (rows dealt to folds in turn); and per share
    each sentence's held-out RP@5 and reciprocal rank (``per_query``)."""
    n = len(scored.queries)
    pooled: dict[float, list[np.ndarray]] = {s: [] for s in SHARES}
    order: list[int] = []
    for fold in range(folds):
        test = [r for r in range(n) if r % folds == fold]
        train = [r for r in range(n) if r % folds != fold]
        fit, held = _subset(scored, train), _subset(scored, test)
        w = fit_cheap(index, fit)
        gap = decided(index.fuse(fit.signals, w))
        cheap = index.fuse(held.signals, w)
        for share in SHARES:
            rows, _ = gated(held.full, cheap, threshold_for_share(gap, share))
            pooled[share].append(rows)
        order.extend(test)
    queries = [scored.queries[r] for r in order]
    metrics = {str(s): _rounded(protocol_metrics(np.vstack(pooled[s]), queries)) for s in SHARES}
    return metrics, {str(s): per_query(np.vstack(pooled[s]), queries) for s in SHARES}


def per_query(scores: np.ndarray, queries: list[Query]) -> dict[str, np.ndarray]:
    """Each query's RP@5 and reciprocal rank (``protocol_metrics`` averages these)."""
    rp5, rr = [], []
    for row, q in zip(scores, queries, strict=True):
        ranks = gold_ranks(np.asarray(row), q.gold)
        rp5.append(sum(r <= 5 for r in ranks) / min(5, len(q.gold)))
        rr.append(1.0 / min(ranks))
    return {"rp5": np.array(rp5), "mrr": np.array(rr)}


def deficits(per_share: dict[str, dict[str, np.ndarray]]) -> dict[str, dict[str, list[float]]]:
    """Per share and metric (RP@5, MRR): the mean per-sentence shortfall against e5 on every
    sentence (share 1) and the standard error of that mean (paired differences)."""
    full = per_share[str(1.0)]
    out: dict[str, dict[str, list[float]]] = {}
    for share, values in per_share.items():
        out[share] = {}
        for metric in ("rp5", "mrr"):
            diff = full[metric] - values[metric]
            se = float(diff.std(ddof=1) / np.sqrt(len(diff))) if len(diff) > 1 else 0.0
            out[share][metric] = [round(float(diff.mean()), 4), round(se, 4)]
    return out


def chosen_share(per_share: dict[str, dict[str, np.ndarray]]) -> float:
    """The smallest share whose shortfall against e5 on every sentence (share 1) is at most one
    standard error, in RP@5 and in MRR (``deficits``): the one-standard-error rule on the paired
    per-sentence differences of the cross-validated held-out figures."""
    found = deficits(per_share)
    return min(
        float(share)
        for share, by_metric in found.items()
        if all(mean <= se for mean, se in by_metric.values())
    )


def _rounded(metrics: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in metrics.items()}


def score_set(index: SkillIndex, queries: list[Query]) -> Scored:
    """The whole fusion's scores and every weighted signal of ``queries``' sentences."""
    sig = index.signals([q.sentence for q in queries], weighted_only=True)
    sig = {k: np.ascontiguousarray(v) if k != "prior" else v for k, v in sig.items()}
    return Scored(queries, index.fuse(sig), sig)


def speed(index: SkillIndex, texts: list[str], cheap: Weights, threshold: float) -> dict:
    """Best-of-``REPEATS`` sentences per wall-clock second of the gated path, per CPU-second,
    and the share of ``texts`` it sent to e5."""
    best_wall, cpu_rate, sent = 0.0, 0.0, 0
    for _ in range(REPEATS):
        cpu0, wall0 = _cpu(), time.perf_counter()
        _, sent = gated_scores(index, texts, RankGate(cheap, threshold, CHUNK))
        wall, cpu = time.perf_counter() - wall0, _cpu() - cpu0
        if len(texts) / wall > best_wall:
            best_wall, cpu_rate = len(texts) / wall, len(texts) / cpu
    return {
        "per_s": round(best_wall, 1),
        "per_cpu_s": round(cpu_rate, 1),
        "e5_share": round(sent / len(texts), 3),
    }


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def write_gate(index: SkillIndex, gate: RankGate, notes: dict) -> str:
    """Store ``gate`` in the calibration of ``index``'s models, the rest of the entry kept."""
    from matching.linking.calibration import load_calibration, save_calibration, stored_entry
    from matching.linking.store import combined_model_id

    model_id = combined_model_id(index.embedder, index.aux)
    cal = load_calibration(model_id)
    if not cal.calibrated:
        raise SystemExit(f"no calibration stored for {model_id}: run the calibration first")
    kept = {
        k: v
        for k, v in (stored_entry(model_id) or {}).items()
        if k not in ("weights", "extract", "vocabulary_weights", "rank_gate")
    }
    save_calibration(replace(cal, rank_gate=gate), {**kept, "rank_gate_fit": notes})
    return model_id


def without_training_forms(index: SkillIndex, labels: list[str]) -> tuple[SkillIndex, int]:
    """``index`` (the bench's) without the aliases written from id_train's misses
    (``extract_fit.training_forms``), which id_train's sentences must meet as unseen text would;
    and how many forms that left out."""
    from matching.lab.evaluate import ESCO_TABLE
    from matching.lab.linking.benchmark import drop_forms, vocabulary_label_map
    from matching.lab.linking.extract_fit import training_forms
    from matching.linking.runtime import load_vocabulary_or_none
    from matching.linking.store import build_or_load

    labels_of: dict[str, list[str]] = {}
    for label, skill in vocabulary_label_map(load_vocabulary_or_none(), labels, ESCO_TABLE).items():
        labels_of.setdefault(skill, []).append(label)
    held = {(label, text) for skill, text in training_forms() for label in labels_of.get(skill, ())}
    entries = drop_forms(index.entries, held)
    left_out = sum(len(e.forms) for e in index.entries) - sum(len(e.forms) for e in entries)
    built = build_or_load(
        entries, index.embedder, index.weights, index.extract_params, aux=index.aux
    )
    return built, left_out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    p = argparse.ArgumentParser(prog="python -m matching.lab.linking.e5_gate")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--json", action="store_true", help="one JSON object on the last line")
    p.add_argument(
        "--write",
        action="store_true",
        help="store the chosen gate in matching/data/calibration.json",
    )
    args = p.parse_args(argv)
    from matching.lab import bench
    from matching.lab.linking.benchmark import read_label_file

    _, _, index = bench._warm_start(bench._parse_args(["--cold", "none"]), time.perf_counter(), {})
    labels = read_label_file(bench.LABELS)
    train_index, left_out = without_training_forms(index, labels)  # cached embedders: quick
    index = bench.with_encoders(index)  # the speed includes encoding
    sets = {
        "id_train": (ID_TRAIN, "idgold"),
        "id_dev": (bench.BENCH / "id_dev.csv", "idgold"),
        "tech": (bench.BENCH / "tech_validation_annotations.csv", "decorte"),
        "house": (bench.BENCH / "house_validation_annotations.csv", "decorte"),
    }
    scored = {
        name: score_set(
            train_index if name == "id_train" else index,
            build_queries(read_rows(path, fmt), labels),
        )
        for name, (path, fmt) in sets.items()
    }
    train = scored.pop("id_train")
    cheap = fit_cheap(index, train)
    gap = decided(index.fuse(train.signals, cheap))
    cv, per_share = cross_validated(index, train, args.folds)
    share = chosen_share(per_share)
    gate = RankGate(cheap, threshold_for_share(gap, share), CHUNK)
    out: dict = {
        "id_train_forms_left_out": left_out,
        "cheap_weights": {k: getattr(cheap, k) for k in CHEAP_GRID},
        "id_train_cross_validated": cv,
        "id_train_shortfall_mean_and_se": deficits(per_share),
        "chosen_share": share,
        "chosen_threshold": gate.threshold,
        "shares": {},
    }
    texts = bench.rank_sentences()
    gated_scores(index, texts[: 2 * CHUNK], RankGate(cheap, 0.0, CHUNK))  # warm up the threads
    for each in SHARES:
        threshold = threshold_for_share(gap, each)
        row: dict = {"speed": speed(index, texts, cheap, threshold)}
        for name, s in scored.items():
            rows, sent = gated(s.full, index.fuse(s.signals, cheap), threshold)
            row[name] = {**_rounded(protocol_metrics(rows, s.queries)), "e5_share": round(sent, 3)}
        out["shares"][str(each)] = row
        if not args.json:
            print(each, json.dumps(row), flush=True)
    if args.write:
        notes = {
            "id_train_share": share,
            "folds": args.folds,
            "chosen_row": out["shares"][str(share)],
        }
        out["written_for"] = write_gate(index, gate, notes)
    print(json.dumps(out) if args.json else json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
