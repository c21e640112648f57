"""Precision and recall of the feeds' de-duplication rule on the project's labelled pairs
(``app/data/feeds``: realistic Indonesian IT vacancy postings written by the project, CC BY 4.0),
with its thresholds chosen by k-fold cross-validation: for each fold the thresholds that give the
best F1 on the other folds are applied to the held-out fold, and the held-out decisions of every
fold are pooled. Run ``python -m app.lab.feeds.evaluate_dedup``; no database or app needed."""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import product
from pathlib import Path

from app.services.feeds.dedup import DEFAULT_RULE, DedupRule, PostingText, Similarity, compare

DATA = Path(__file__).resolve().parents[2] / "data" / "feeds"
EMPLOYER_GRID = [50.0 + 5 * i for i in range(11)]
TITLE_GRID = [40.0 + 5 * i for i in range(13)]
_NAMES = ("employer", "title", "text")
TEXT_GRID = [round(0.1 + 0.05 * i, 2) for i in range(17)]


@dataclass(frozen=True)
class LabelledPair:
    """Two postings, whether they advertise the same vacancy, and the kind of pair."""

    a: str
    b: str
    duplicate: bool
    kind: str


def load(folder: Path = DATA) -> tuple[dict[str, PostingText], list[LabelledPair]]:
    """The postings (by id) and the labelled pairs."""
    postings = {}
    for item in json.loads((folder / "dedup_postings.json").read_text(encoding="utf-8")):
        postings[item["id"]] = PostingText(
            employer=item["employer"],
            title=item["title"],
            description=item["description"],
            region=item["region"],
            start=date.fromisoformat(item["posted"]),
            end=date.fromisoformat(item["closing"]) if item.get("closing") else None,
        )
    with (folder / "dedup_pairs.csv").open(encoding="utf-8", newline="") as handle:
        pairs = [
            LabelledPair(row["a"], row["b"], row["duplicate"] == "1", row["kind"])
            for row in csv.DictReader(handle)
        ]
    return postings, pairs


def counts(rule: DedupRule, evidence: list[Similarity], labels: list[bool]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of a rule."""
    tp = fp = fn = 0
    for similarity, label in zip(evidence, labels, strict=True):
        said = rule.is_duplicate(similarity)
        tp += said and label
        fp += said and not label
        fn += label and not said
    return tp, fp, fn


def scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def choose(evidence: list[Similarity], labels: list[bool]) -> DedupRule:
    """The thresholds with the best F1 (then precision); among equals, the one nearest the
    centre of the equals (thresholds in the middle of the good region, not at its edge)."""
    best: tuple[float, float] = (-1.0, -1.0)
    tied: list[DedupRule] = []
    for employer, title, text in product(EMPLOYER_GRID, TITLE_GRID, TEXT_GRID):
        rule = DedupRule(employer=employer, title=title, text=text)
        precision, _, f1 = scores(*counts(rule, evidence, labels))
        if (f1, precision) > best:
            best, tied = (f1, precision), [rule]
        elif (f1, precision) == best:
            tied.append(rule)
    spans = [(max(grid) - min(grid)) or 1.0 for grid in (EMPLOYER_GRID, TITLE_GRID, TEXT_GRID)]
    centre = [sum(getattr(r, name) for r in tied) / len(tied) for name in _NAMES]

    def distance(rule: DedupRule) -> float:
        return sum(
            ((getattr(rule, name) - mid) / span) ** 2
            for name, mid, span in zip(_NAMES, centre, spans, strict=True)
        )

    return min(tied, key=distance)


def folds(pairs: list[LabelledPair], k: int, seed: int) -> list[list[int]]:
    """k folds of pair indexes, duplicates and non-duplicates spread evenly (stratified)."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible shuffle, not a secret
    out: list[list[int]] = [[] for _ in range(k)]
    for label in (True, False):
        indexes = [i for i, pair in enumerate(pairs) if pair.duplicate is label]
        rng.shuffle(indexes)
        for n, index in enumerate(indexes):
            out[n % k].append(index)
    return out


def evaluate(k: int = 5, seed: int = 13, folder: Path = DATA) -> dict[str, object]:
    """Held-out figures of the cross-validation, the thresholds chosen on all pairs, and the
    figures of the shipped rule on all pairs."""
    postings, pairs = load(folder)
    evidence = [compare(postings[p.a], postings[p.b]) for p in pairs]
    labels = [p.duplicate for p in pairs]
    tp = fp = fn = 0
    chosen = []
    errors: Counter[str] = Counter()
    for held in folds(pairs, k, seed):
        held_set = set(held)
        train = [i for i in range(len(pairs)) if i not in held_set]
        rule = choose([evidence[i] for i in train], [labels[i] for i in train])
        chosen.append(rule)
        for i in held:
            said = rule.is_duplicate(evidence[i])
            tp += said and labels[i]
            fp += said and not labels[i]
            fn += labels[i] and not said
            if said != labels[i]:
                errors[pairs[i].kind] += 1
    precision, recall, f1 = scores(tp, fp, fn)
    shipped = scores(*counts(DEFAULT_RULE, evidence, labels))
    return {
        "pairs": len(pairs),
        "duplicates": sum(labels),
        "kinds": Counter(p.kind for p in pairs),
        "held_out": {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        },
        "errors_by_kind": errors,
        "fold_rules": chosen,
        "rule_on_all_pairs": choose(evidence, labels),
        "shipped_rule": DEFAULT_RULE,
        "shipped_on_all_pairs": {"precision": shipped[0], "recall": shipped[1], "f1": shipped[2]},
    }


def _rule(rule: DedupRule) -> str:
    return f"employer>={rule.employer:g} title>={rule.title:g} text>={rule.text:g}"


def main(argv: list[str] | None = None) -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    result = evaluate(args.folds, args.seed)
    held = result["held_out"]
    print(f"pairs: {result['pairs']} ({result['duplicates']} duplicates)")  # noqa: T201
    print("kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(result["kinds"].items())))  # noqa: T201
    print(  # noqa: T201
        f"held-out ({args.folds}-fold CV): precision {held['precision']:.3f}, "
        f"recall {held['recall']:.3f}, F1 {held['f1']:.3f} "
        f"(tp {held['tp']}, fp {held['fp']}, fn {held['fn']})"
    )
    print(
        "held-out errors by kind: "
        + (", ".join(f"{k} {n}" for k, n in sorted(result["errors_by_kind"].items())) or "none")
    )  # noqa: T201,E501
    for n, rule in enumerate(result["fold_rules"], start=1):
        print(f"fold {n} thresholds: {_rule(rule)}")  # noqa: T201
    print(f"thresholds chosen on all pairs: {_rule(result['rule_on_all_pairs'])}")  # noqa: T201
    shipped = result["shipped_on_all_pairs"]
    print(  # noqa: T201
        f"shipped rule ({_rule(result['shipped_rule'])}) on all pairs: "
        f"precision {shipped['precision']:.3f}, recall {shipped['recall']:.3f} (not held out)"
    )


if __name__ == "__main__":
    main()
