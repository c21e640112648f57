"""The fusion-weight searches of ``calibrate``: the benchmark weights on the dev splits (step 1)
and the shipped vocabulary's weights on its own skills (step 2), with the ranking figures they
are judged by.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from matching.lab.evaluate import SHARED_DATA, Query, build_queries, protocol_metrics, read_rows
from matching.lab.linking.tuning import coordinate_search
from matching.linking.index import SkillIndex
from matching.linking.params import Weights

BENCH = SHARED_DATA / "benchmarks"
DEV = (
    ("tech", "tech_validation_annotations.csv", "decorte"),
    ("house", "house_validation_annotations.csv", "decorte"),
    ("id", "id_dev.csv", "idgold"),
)


def dev_queries(labels: list[str]) -> dict[str, list[Query]]:
    """The dev splits as protocol queries over ``labels``."""
    return {name: build_queries(read_rows(BENCH / f, fmt), labels) for name, f, fmt in DEV}


def tune_weights(
    index: SkillIndex, queries: dict[str, list[Query]], phrases: bool = False, log=print
) -> tuple[Weights, dict]:  # noqa: ANN001
    """Coordinate search of fusion weights on precomputed dev signals (``sem_phrase`` fixed at 0
    unless ``phrases``: clause embeddings roughly halve ranking speed)."""
    # Signals as the stored weights will compute them: clause embeddings only when tuned.
    index.weights = replace(index.weights, sem_phrase=1.0 if phrases else 0.0)
    signals = {name: index.signals([q.sentence for q in qs]) for name, qs in queries.items()}
    fixed = ("sem_label",) if phrases else ("sem_label", "sem_phrase")
    start = index.weights if phrases else replace(index.weights, sem_phrase=0.0)

    def metrics(w: Weights) -> dict[str, dict[str, float]]:
        return {n: protocol_metrics(index.fuse(signals[n], w), queries[n]) for n in queries}

    def objective(w: Weights) -> float:
        return float(np.mean([(m["rp5"] + m["mrr"]) / 2 for m in metrics(w).values()]))

    best, score = coordinate_search(objective, start, fixed=fixed)
    log(f"weights {best} objective {score:.4f}")
    return best, metrics(best)


def _vocabulary_queries(
    index: SkillIndex, cases: list[tuple[str, set[str]]], parents: dict[str, str]
) -> list[Query]:
    """Protocol queries over the index's skills: the gold skills and the tools filed under them."""
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    out = []
    for sentence, gold in cases:
        ids = {x for g in gold for x in [g, *children.get(g, [])]}
        out.append(Query(sentence, tuple(sorted(index.position(x) for x in ids))))
    return out


def vocabulary_ranking(
    index: SkillIndex, cases: list[tuple[str, set[str]]], parents: dict[str, str]
) -> dict[str, float]:
    """RP@k and MRR of the index's ranking of its own skills for idgold sentences."""
    queries = _vocabulary_queries(index, cases, parents)
    return protocol_metrics(index.scores([q.sentence for q in queries]), queries)


def tune_vocabulary_weights(
    parts: list[tuple[SkillIndex, list[tuple[str, set[str]]]]],
    start: Weights,
    parents: dict[str, str],
) -> tuple[Weights, float]:
    """Fusion weights for the shipped vocabulary's index: coordinate search from ``start``
    maximising (RP@1 + MRR) / 2 over the cases of ``parts`` (each scored on its index: see
    ``training_forms``). The vocabulary's forms are richer than the benchmark's, so its best
    weights differ."""
    queries: list[Query] = []
    signals: dict[str, list[np.ndarray]] = {}
    start = replace(start, sem_phrase=0.0)
    for index, cases in parts:
        index.weights = start
        qs = _vocabulary_queries(index, cases, parents)
        queries += qs
        for name, values in index.signals([q.sentence for q in qs]).items():
            signals.setdefault(name, []).append(values)
    joined = {name: np.concatenate(v) for name, v in signals.items()}
    fuse = parts[0][0].fuse

    def objective(w: Weights) -> float:
        m = protocol_metrics(fuse(joined, w), queries)
        return (m["rp1"] + m["mrr"]) / 2

    return coordinate_search(objective, start, fixed=("sem_label", "sem_phrase", "prior"))
