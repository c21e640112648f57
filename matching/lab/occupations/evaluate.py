"""Cross-validated accuracy of the occupation classifier on the project's own title set.

    python -m matching.lab.occupations.evaluate [--folds 5] [--seed 0] [--write] [--errors]

``matching/data/occupation_titles.csv`` (title, skills, kbji) holds vacancy titles written for
this project with their gold KBJI 2014 code; ``skills`` are vocabulary labels or aliases separated
by ``;``; an empty ``kbji`` marks a title no group of the table fits (the classifier should then
assign nothing). In each of ``--folds`` folds the parameters (the names' e5 prompt, the skill
weight, the softmax temperature, the confidence threshold) are chosen on the other folds and the
held-out fold is scored; the figures printed are over the held-out folds only, beside the
title-only baseline (skill weight 0). The "outside the table" class (titles of other
occupations, ``matching/data/occupation_outside.csv``) takes part with a margin chosen with the
threshold (``OUTSIDE_MARGINS``; ``None``: off, which ``--no-outside`` forces); names that are
also titles of the set are left out of it here (``evaluation_outside``), and ``--strict`` also
leaves out, per title, the names that share a word with it. ``--write`` stores the parameters
chosen on the whole set (with those names left out; the site uses every name) in
``matching/data/occupation_params.json``, which the site reads.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from matching.embedding.embedders import KINDS, Embedder
from matching.occupations.classifier import (
    PARAMS_FILE,
    OccupationClassifier,
    OccupationParams,
    VacancyText,
    combine,
    group_similarity,
    outside_titles,
    params_as_dict,
    skill_overlap,
    softmax,
    title_core,
    with_outside,
)
from matching.occupations.groups import DATA_DIR, GroupText, build_profiles, esco_occupations
from matching.vocab import load_vocabulary

TITLES_FILE = DATA_DIR / "occupation_titles.csv"
GROUPS_FILE = DATA_DIR.parents[1] / "app" / "data" / "kbji2014_ict.csv"
SKILL_WEIGHTS = (0.0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1)
SHARPNESS = (50.0, 100.0, 150.0, 1000.0)  # 1000: in effect the nearest name alone
TEMPERATURES = (0.002, 0.003, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.08)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(0, 17))
# "Off" first, then from the most cautious outside class to the strongest (ties: the first).
OUTSIDE_MARGINS = (None, 0.05, 0.03, 0.02, 0.01, 0.0, -0.01, -0.02, -0.03, -0.04, -0.05)


@dataclass(frozen=True)
class Example:
    """A labelled title: the vacancy as the classifier reads it, its gold code ('' = none)."""

    vacancy: VacancyText
    gold: str


@dataclass
class Signals:
    """Both signals of every example against every group, per prompt of the group names."""

    codes: list[str]
    similarity: dict[tuple[str, float], np.ndarray]  # (label kind, sharpness) -> (examples, groups)
    outside: dict[tuple[str, float], np.ndarray]  # the same -> (examples,): the outside class
    overlap: np.ndarray  # (examples, groups)
    gold: np.ndarray  # index of the gold group, -1 for none


def read_groups(path: str | Path = GROUPS_FILE) -> list[GroupText]:
    """The unit groups of a reference CSV (code, title_id, title_en, description_id)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            GroupText(r["code"], r["title_id"], r.get("title_en", ""), r.get("description_id", ""))
            for r in csv.DictReader(handle)
        ]


def skill_names() -> dict[str, str]:
    """Every label and alias of the shipped vocabulary (case-folded) -> skill id."""
    names: dict[str, str] = {}
    for skill in load_vocabulary().skills:
        for text in (skill.label_en, skill.label_id, *(a.text for a in skill.aliases)):
            names.setdefault(text.casefold(), skill.id)
    return names


def read_examples(path: str | Path = TITLES_FILE) -> list[Example]:
    """The labelled titles; an unknown skill name is an error naming its line."""
    names = skill_names()
    out = []
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            skills = []
            for name in filter(None, (s.strip() for s in (row.get("skills") or "").split(";"))):
                if name.casefold() not in names:
                    raise ValueError(f"{path}: line {line}: unknown skill {name!r}")
                skills.append(names[name.casefold()])
            title = row["title"].strip()
            out.append(Example(VacancyText(title, tuple(skills)), (row.get("kbji") or "").strip()))
    return out


def evaluation_outside(titles: Sequence[str]) -> tuple[str, ...]:
    """The outside names the evaluation uses: the shipped ones without those that are a title of
    the set, compared as the classifier compares them (``title_core``: "Marketing Properti" is
    left out for "Staf Marketing Properti"); common titles were written into both independently,
    and a title's own copy would make it look classified."""
    known = {title_core(t).casefold() for t in titles}
    return tuple(o for o in outside_titles() if title_core(o).casefold() not in known)


def shared_word_mask(titles: Sequence[str], names: Sequence[str]) -> np.ndarray:
    """``(titles, names)``: True where the name shares no word with the title but the leading
    words ``title_core`` drops (``--strict``: "Sales Motor Dealer" does not count for "Sales
    Motor", nor "Perawat ICU" for "Perawat")."""

    def words(text: str) -> set[str]:
        """The case-folded words of a title without its leading "Staf"."""
        return set(re.findall(r"\w+", title_core(text).casefold()))

    name_words = [words(n) for n in names]
    return np.array([[not (words(t) & w) for w in name_words] for t in titles], dtype=bool)


def compute_signals(
    embedder: Embedder,
    groups: Sequence[GroupText],
    examples: Sequence[Example],
    strict: bool = False,
) -> Signals:
    """Embed every title once and the group names once per prompt; ``strict``: a title's outside
    score leaves out the outside names that share a word with it (``shared_word_mask``)."""
    profiles = build_profiles(groups, esco_occupations())
    titles = [e.vacancy.title for e in examples]
    outside = evaluation_outside(titles)
    similarity, outside_similarity = {}, {}
    classifier = None
    mask = shared_word_mask(titles, outside) if strict else None
    for kind in KINDS:
        params = OccupationParams(label_kind=kind)
        classifier = OccupationClassifier(embedder, profiles, params, outside)
        raw = classifier.label_similarities(titles)
        groups = raw[:, : classifier.n_group_labels]
        _, rival = classifier.similarities(titles, raw, mask)  # the outside class has no sharpness
        for sharpness in SHARPNESS:
            similarity[kind, sharpness] = group_similarity(groups, classifier.starts, sharpness)
            outside_similarity[kind, sharpness] = rival
    assert classifier is not None
    overlap = np.stack(
        [skill_overlap(e.vacancy, classifier.profiles, classifier.idf) for e in examples]
    )
    index = {code: i for i, code in enumerate(classifier.codes)}
    gold = np.array([index.get(e.gold, -1) for e in examples])
    unknown = {e.gold for e in examples if e.gold and e.gold not in index}
    if unknown:
        raise ValueError(f"gold codes missing from the group table: {sorted(unknown)}")
    return Signals(classifier.codes, similarity, outside_similarity, overlap, gold)


def scores_of(signals: Signals, params: OccupationParams, rows: np.ndarray) -> np.ndarray:
    """Combined scores of ``rows`` under ``params``."""
    sim = signals.similarity[params.label_kind, params.sharpness][rows]
    return combine(sim, signals.overlap[rows], params.skill_weight)


def scores_and_confidences(
    signals: Signals, params: OccupationParams, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The groups' scores of ``rows`` and their confidences, the outside class in the softmax
    (as ``OccupationClassifier`` computes them)."""
    scores = scores_of(signals, params, rows)
    rival = signals.outside[params.label_kind, params.sharpness][rows]
    return scores, softmax(with_outside(scores, rival, params.outside_margin), params.temperature)


def top_k(signals: Signals, params: OccupationParams, rows: np.ndarray, k: int) -> float:
    """Share of the in-scope ``rows`` whose gold group is among the ``k`` best."""
    rows = rows[signals.gold[rows] >= 0]
    if len(rows) == 0:
        return float("nan")
    order = np.argsort(-scores_of(signals, params, rows), axis=1, kind="stable")[:, :k]
    return float(np.mean([g in o for g, o in zip(signals.gold[rows], order, strict=True)]))


def log_loss(signals: Signals, params: OccupationParams, rows: np.ndarray) -> float:
    """Mean negative log confidence of the gold group over the in-scope ``rows``."""
    rows = rows[signals.gold[rows] >= 0]
    conf = softmax(scores_of(signals, params, rows), params.temperature)
    picked = conf[np.arange(len(rows)), signals.gold[rows]]
    return float(-np.mean(np.log(np.maximum(picked, 1e-12))))


def decisions(signals: Signals, params: OccupationParams, rows: np.ndarray) -> tuple[float, float]:
    """(accuracy of the decision, share assigned) over all ``rows``: an in-scope title is right
    when its gold group is assigned, an out-of-scope one when nothing is."""
    scores, conf = scores_and_confidences(signals, params, rows)
    best = np.argmax(scores, axis=1)
    assigned = conf[np.arange(len(rows)), best] >= params.threshold
    gold = signals.gold[rows]
    right = np.where(assigned, best == gold, gold < 0)
    return float(np.mean(right)), float(np.mean(assigned))


def choose(
    signals: Signals,
    rows: np.ndarray,
    skill_weights: Sequence[float],
    margins: Sequence[float | None] = OUTSIDE_MARGINS,
) -> OccupationParams:
    """Parameters fitted on ``rows``: prompt, sharpness and skill weight by top-1 accuracy,
    temperature by log loss, the outside class's margin and the threshold together by decision
    accuracy (ties: the first, i.e. no outside class, then the smaller threshold)."""
    candidates = [
        OccupationParams(kind, sharpness, w)
        for kind in KINDS
        for sharpness in SHARPNESS
        for w in skill_weights
    ]
    best = max(candidates, key=lambda p: top_k(signals, p, rows, 1))
    best = min(
        (replace(best, temperature=t) for t in TEMPERATURES),
        key=lambda p: log_loss(signals, p, rows),
    )
    return max(
        (replace(best, outside_margin=m, threshold=t) for m in margins for t in THRESHOLDS),
        key=lambda p: decisions(signals, p, rows)[0],
    )


def folds_of(n: int, k: int, seed: int) -> list[np.ndarray]:
    """``k`` disjoint folds of ``range(n)``, shuffled with ``seed``."""
    order = np.random.default_rng(seed).permutation(n)
    return [order[i::k] for i in range(k)]


def cross_validate(
    signals: Signals,
    k: int,
    seed: int,
    skill_weights: Sequence[float],
    margins: Sequence[float | None] = OUTSIDE_MARGINS,
) -> dict[str, float]:
    """Held-out figures: each fold scored with parameters chosen on the others."""
    n = len(signals.gold)
    hits = {"top1": [], "top3": [], "decision": [], "assigned": []}
    for fold in folds_of(n, k, seed):
        train = np.setdiff1d(np.arange(n), fold)
        params = choose(signals, train, skill_weights, margins)
        for idx in fold:
            row = np.array([idx])
            if signals.gold[idx] >= 0:
                hits["top1"].append(top_k(signals, params, row, 1))
                hits["top3"].append(top_k(signals, params, row, 3))
            right, assigned = decisions(signals, params, row)
            hits["decision"].append(right)
            hits["assigned"].append(assigned)
    return {key: float(np.mean(values)) for key, values in hits.items()}


def confusions(
    signals: Signals, params: OccupationParams, examples: Sequence[Example]
) -> list[str]:
    """Lines naming the titles decided wrongly (fitted on the whole set): a wrong group
    assigned, the right one not assigned, or a group given to a title outside the table."""
    scores, conf = scores_and_confidences(signals, params, np.arange(len(examples)))
    best = np.argmax(scores, axis=1)
    out = []
    for i, b in enumerate(best):
        assigned = conf[i, b] >= params.threshold
        if (signals.gold[i] == b) if assigned else (signals.gold[i] < 0):
            continue
        got = (
            f"{signals.codes[b]} ({conf[i, b]:.2f})"
            if assigned
            else f"none (best {signals.codes[b]})"
        )
        out.append(f"{examples[i].vacancy.title!r}: gold {examples[i].gold or '-'}, got {got}")
    return out


def main(argv: Sequence[str] | None = None) -> None:
    """Print the cross-validated figures; optionally store the parameters."""
    parser = argparse.ArgumentParser(prog="python -m matching.lab.occupations.evaluate")
    parser.add_argument("--titles", default=str(TITLES_FILE))
    parser.add_argument("--groups", default=str(GROUPS_FILE))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default="e5", help="e5 (default), e5-solo, e5-float, minilm")
    parser.add_argument(
        "--write", action="store_true", help=f"store the parameters in {PARAMS_FILE}"
    )
    parser.add_argument("--errors", action="store_true", help="list the titles fitted wrongly")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--no-outside", action="store_true", help="no 'outside the table' class (its margin off)"
    )
    parser.add_argument(
        "--strict", action="store_true", help="per title, no outside name sharing a word with it"
    )
    args = parser.parse_args(argv)

    from matching.linking.runtime import load_embedder

    examples = read_examples(args.titles)
    signals = compute_signals(
        load_embedder(args.model), read_groups(args.groups), examples, args.strict
    )
    margins = (None,) if args.no_outside else OUTSIDE_MARGINS
    combined = cross_validate(signals, args.folds, args.seed, SKILL_WEIGHTS, margins)
    title_only = cross_validate(signals, args.folds, args.seed, (0.0,), margins)
    fitted = choose(signals, np.arange(len(examples)), SKILL_WEIGHTS, margins)
    report = {
        "titles": len(examples),
        "in_scope": int(np.sum(signals.gold >= 0)),
        "folds": args.folds,
        "seed": args.seed,
        "model": args.model,
        "outside": "off" if args.no_outside else ("strict" if args.strict else "on"),
        "title_and_skills": combined,
        "title_only": title_only,
        "params": params_as_dict(fitted),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    if args.errors:
        print("\n".join(confusions(signals, fitted, examples)))
    if args.write:
        PARAMS_FILE.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"parameters written to {PARAMS_FILE}")


def _pct(value: float) -> str:
    return "  n/a" if math.isnan(value) else f"{100 * value:5.1f}%"


def print_report(report: dict) -> None:
    """The figures as a small table."""
    print(
        f"{report['titles']} titles ({report['in_scope']} with a group), {report['folds']}-fold "
        f"cross-validation (seed {report['seed']}), model {report['model']}, outside class "
        f"{report['outside']}; held-out folds only"
    )
    print(f"{'':22}{'top-1':>8}{'top-3':>8}{'decision':>10}{'assigned':>10}")
    for name, key in (("title only", "title_only"), ("title + skills", "title_and_skills")):
        r = report[key]
        print(
            f"{name:22}{_pct(r['top1']):>8}{_pct(r['top3']):>8}"
            f"{_pct(r['decision']):>10}{_pct(r['assigned']):>10}"
        )
    print(f"parameters fitted on all titles: {report['params']}")


if __name__ == "__main__":
    main()
