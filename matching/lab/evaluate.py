"""Skill-linking evaluation (Decorte et al. 2022 protocol): RP@1/5/10 and MRR over a label space.

    python -m matching.lab.evaluate --labels LABELS.txt --annotations FILE \
        --format decorte|idgold [--json]

Rows are grouped by sentence with the gold labels as a set; rows whose label is
``LABEL NOT PRESENT``
or not in the label file are dropped, and so are sentences left with no gold label. Every label is
ranked for every sentence (ties keep label-file order).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

NOT_PRESENT = "LABEL NOT PRESENT"
KS = (1, 5, 10)
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
ESCO_TABLE = SHARED_DATA / "esco" / "esco_v1.1.1_skill_labels_ojd.csv.gz"


@dataclass(frozen=True)
class Query:
    """One evaluation sentence and the indices of its gold labels in the label space."""

    sentence: str
    gold: tuple[int, ...]


def read_rows(path: str | Path, fmt: str) -> list[tuple[str, str]]:
    """(sentence, label) rows of an annotation file in ``decorte`` or ``idgold`` format."""
    if fmt not in ("decorte", "idgold"):
        raise ValueError(f"unknown format {fmt!r}: expected decorte or idgold")
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"sentence", "label"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        return [(row["sentence"], row["label"].strip()) for row in reader]


def build_queries(rows: list[tuple[str, str]], labels: list[str]) -> list[Query]:
    """Group rows by sentence (first-seen order); gold labels as a set, unknown labels dropped."""
    position = {label: i for i, label in enumerate(labels)}
    gold: dict[str, dict[int, None]] = {}
    for sentence, label in rows:
        if label == NOT_PRESENT or label not in position:
            continue
        gold.setdefault(sentence, {})[position[label]] = None
    return [Query(s, tuple(g)) for s, g in gold.items() if g]


def gold_ranks(scores: np.ndarray, gold: tuple[int, ...]) -> list[int]:
    """1-based ranks of the gold labels in one row of scores (ties broken by label order)."""
    ranks = []
    for g in gold:
        s = scores[g]
        ranks.append(int(np.count_nonzero(scores > s) + np.count_nonzero(scores[:g] == s) + 1))
    return ranks


def protocol_metrics(
    score_rows: np.ndarray | list[np.ndarray], queries: list[Query]
) -> dict[str, float]:
    """n, rp1, rp5, rp10 and mrr of score rows (one per query, one column per label)."""
    totals = dict.fromkeys((f"rp{k}" for k in KS), 0.0)
    mrr = 0.0
    for row, q in zip(score_rows, queries, strict=True):
        ranks = gold_ranks(np.asarray(row), q.gold)
        for k in KS:
            totals[f"rp{k}"] += sum(r <= k for r in ranks) / min(k, len(q.gold))
        mrr += 1.0 / min(ranks)
    n = len(queries)
    out: dict[str, float] = {"n": n}
    out.update({key: (v / n if n else 0.0) for key, v in totals.items()})
    out["mrr"] = mrr / n if n else 0.0
    return out


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m matching.lab.evaluate", description=__doc__.split("\n")[0]
    )
    p.add_argument("--labels", required=True, help="label space, one label a line")
    p.add_argument("--annotations", required=True, help="annotation CSV")
    p.add_argument("--format", required=True, choices=("decorte", "idgold"))
    p.add_argument("--json", action="store_true", help="print one JSON object on the last line")
    p.add_argument(
        "--variant",
        default="fused",
        help="fused (default), fused_phrases, fused_no_prior, or one signal alone: "
        "semantic, semantic_forms, tfidf, fuzzy, alias, lexical",
    )
    p.add_argument(
        "--model", default="e5", help="e5 (default: int8 e5 + USE), e5-solo, e5-float or minilm"
    )
    p.add_argument(
        "--esco-table",
        default=str(ESCO_TABLE),
        help="ESCO label table for alternative labels ('' = none)",
    )
    p.add_argument(
        "--no-vocabulary", action="store_true", help="do not join the shipped vocabulary's aliases"
    )
    p.add_argument(
        "--leak-check",
        action="store_true",
        help="drop vocabulary aliases that occur verbatim in the annotation sentences",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = _parser().parse_args(argv)
    from matching.lab.linking.benchmark import build_benchmark_index, variant_scores

    t0 = time.perf_counter()
    rows = read_rows(args.annotations, args.format)
    index = build_benchmark_index(
        args.labels,
        model=args.model,
        esco_table=args.esco_table or None,
        use_vocabulary=not args.no_vocabulary,
        holdout_texts=[s for s, _ in rows] if args.leak_check else None,
    )
    labels = [e.skill_id for e in index.entries]
    queries = build_queries(rows, labels)
    scores = variant_scores(index, [q.sentence for q in queries], args.variant)
    result = protocol_metrics(scores, queries)
    if not args.json:
        print(
            f"model={index.embedder.model_id} variant={args.variant} labels={len(labels)} "
            f"({time.perf_counter() - t0:.1f}s)",
            file=sys.stderr,
        )
        for key, value in result.items():
            print(f"{key}\t{value if key == 'n' else round(value, 4)}")
    else:
        print(json.dumps({k: (v if k == "n" else round(v, 4)) for k, v in result.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
