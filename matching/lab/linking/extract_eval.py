"""Evaluation of ``extract``: sentence coverage/precision on idgold files, span P/R/F1 on SkillSpan.

    python -m matching.lab.linking.extract_eval [--idgold FILE.csv ...] [--skillspan SKILLSPAN.json]
        [--json]

Coverage = share of sentences with at least one correct mention; precision = correct mentions /
all mentions (a mention is correct when its skill is one of the sentence's gold labels, joined to
the vocabulary by ESCO URI or exact label). Sentences annotated ``LABEL NOT PRESENT`` only (lines
naming no skill: headers, benefits, locations) give the false-alarm rate: the share of them with a
mention. By default: the Indonesian dev split (held out from extract's calibration), the
project's own training sentences (``matching/data/id_train.csv``, what extract is calibrated on)
and its breadth set (``id_train_breadth.csv``: less common skills, not used to calibrate).
SkillSpan: predicted evidence spans against the gold skill and knowledge spans, strict (same token
boundaries) and loose (any token overlap); its sentences without gold spans give a false-alarm
rate too (an upper bound: some of them do name tools).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from matching.lab.evaluate import NOT_PRESENT, SHARED_DATA, read_rows
from matching.linking.types import SkillMention

BENCH = SHARED_DATA / "benchmarks"
ID_TRAIN = Path(__file__).resolve().parents[2] / "data" / "id_train.csv"
ID_TRAIN_BREADTH = ID_TRAIN.with_name("id_train_breadth.csv")
Extractor = Callable[[str], list[SkillMention]]


def is_correct(skill_id: str, gold: set[str], parents: dict[str, str] | None = None) -> bool:
    """A mention is correct if its skill is gold, or (with ``parents``) its parent skill is."""
    return skill_id in gold or (parents is not None and parents.get(skill_id) in gold)


def sentence_scores(
    mentions: Sequence[list[SkillMention]],
    golds: Sequence[set[str]],
    parents: dict[str, str] | None = None,
    judged: set[str] | None = None,
) -> dict[str, float]:
    """Coverage, precision and mentions per sentence of extracted mentions against gold skill ids.

    With ``parents`` (skill -> parent skill), a tool mention whose parent is gold counts as correct.
    With ``judged`` (the skills the gold label space can express), other mentions (e.g. a tool the
    label space has no label for, whose parent is not gold) are left out and counted as unjudged.
    """
    n = len(golds)
    unjudged = 0
    if judged is not None:
        kept = []
        for ms, g in zip(mentions, golds, strict=True):
            keep = [m for m in ms if m.skill_id in judged or is_correct(m.skill_id, g, parents)]
            unjudged += len(ms) - len(keep)
            kept.append(keep)
        mentions = kept
    pairs = list(zip(mentions, golds, strict=True))
    covered = sum(any(is_correct(m.skill_id, g, parents) for m in ms) for ms, g in pairs)
    total = sum(len(ms) for ms in mentions)
    correct = sum(sum(is_correct(m.skill_id, g, parents) for m in ms) for ms, g in pairs)
    return {
        "n": n,
        "coverage": covered / n if n else 0.0,
        "precision": correct / total if total else 0.0,
        "mentions_per_sentence": total / n if n else 0.0,
        "unjudged_per_sentence": unjudged / n if n else 0.0,
    }


def idgold_labels(path: str | Path) -> dict[str, set[str]]:
    """Each sentence of an idgold file with its labels (``LABEL NOT PRESENT`` included)."""
    grouped: dict[str, set[str]] = {}
    for sentence, label in read_rows(path, "idgold"):
        grouped.setdefault(sentence, set()).add(label)
    return grouped


def idgold_split(
    path: str | Path, label_to_skill: dict[str, str]
) -> tuple[list[tuple[str, set[str]]], list[str]]:
    """``idgold_cases`` and ``idgold_negatives`` of a file, read once."""
    grouped = idgold_labels(path)
    cases = [
        (s, {label_to_skill[x] for x in ls if x in label_to_skill}) for s, ls in grouped.items()
    ]
    return [(s, g) for s, g in cases if g], [s for s, ls in grouped.items() if ls == {NOT_PRESENT}]


def idgold_cases(path: str | Path, label_to_skill: dict[str, str]) -> list[tuple[str, set[str]]]:
    """(sentence, gold skill ids) of an idgold file; labels outside the vocabulary dropped."""
    return idgold_split(path, label_to_skill)[0]


def idgold_negatives(path: str | Path) -> list[str]:
    """Sentences of an idgold file annotated ``LABEL NOT PRESENT`` and nothing else."""
    return idgold_split(path, {})[1]


def false_alarms(mentions: Sequence[list[SkillMention]]) -> dict[str, float]:
    """Share of sentences naming no skill that got a mention, and mentions per such sentence."""
    n = len(mentions)
    return {
        "n": n,
        "false_alarm_rate": sum(bool(ms) for ms in mentions) / n if n else 0.0,
        "mentions_per_sentence": sum(len(ms) for ms in mentions) / n if n else 0.0,
    }


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int]]:
    """Token spans [start, end) of the B/I runs of a BIO tag list."""
    spans, start = [], None
    for i, tag in enumerate(list(tags) + ["O"]):
        if start is not None and not tag.startswith("I"):
            spans.append((start, i))
            start = None
        if tag.startswith("B") or (tag.startswith("I") and start is None):
            start = i
    return spans


def token_offsets(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens with single spaces; return the text and each token's character span."""
    offsets, pos = [], 0
    for t in tokens:
        offsets.append((pos, pos + len(t)))
        pos += len(t) + 1
    return " ".join(tokens), offsets


def char_to_tokens(start: int, end: int, offsets: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The token span covering characters [start, end), or None."""
    inside = [i for i, (s, e) in enumerate(offsets) if s < end and e > start]
    return (inside[0], inside[-1] + 1) if inside else None


def span_prf(
    pred: Sequence[set[tuple[int, int]]], gold: Sequence[set[tuple[int, int]]]
) -> dict[str, float]:
    """Strict and loose (overlap) precision/recall/F1 of predicted against gold token spans."""

    def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
        p = tp_p / n_p if n_p else 0.0
        r = tp_g / n_g if n_g else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    n_p = sum(len(p) for p in pred)
    n_g = sum(len(g) for g in gold)
    strict = sum(len(p & g) for p, g in zip(pred, gold, strict=True))
    overlaps = lambda a, b: a[0] < b[1] and b[0] < a[1]  # noqa: E731
    loose_p = sum(
        sum(any(overlaps(x, y) for y in g) for x in p) for p, g in zip(pred, gold, strict=True)
    )
    loose_g = sum(
        sum(any(overlaps(y, x) for x in p) for y in g) for p, g in zip(pred, gold, strict=True)
    )
    sp, sr, sf = prf(strict, n_p, strict, n_g)
    lp, lr, lf = prf(loose_p, n_p, loose_g, n_g)
    return {
        "n_sentences": len(gold),
        "n_gold": n_g,
        "n_pred": n_p,
        "strict_p": sp,
        "strict_r": sr,
        "strict_f1": sf,
        "loose_p": lp,
        "loose_r": lr,
        "loose_f1": lf,
    }


def skillspan_eval(
    path: str | Path, extractor: Extractor, limit: int | None = None
) -> dict[str, float]:
    """Span-level scores of ``extractor`` on SkillSpan JSON lines (skill + knowledge spans)."""
    preds, golds, empty = [], [], []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for line in lines[:limit] if limit else lines:
        row = json.loads(line)
        text, offsets = token_offsets(row["tokens"])
        golds.append(set(bio_spans(row["tags_skill"])) | set(bio_spans(row["tags_knowledge"])))
        found = extractor(text)
        spans = {char_to_tokens(m.start, m.end, offsets) for m in found}
        preds.append({s for s in spans if s is not None})
        if not golds[-1]:
            empty.append(found)
    return {
        **span_prf(preds, golds),
        "no_span_false_alarm_rate": false_alarms(empty)["false_alarm_rate"],
    }


def idgold_eval(
    path: str | Path,
    extractor: Extractor,
    label_map: dict[str, str],
    parents: dict[str, str],
    prefix: str,
) -> dict[str, dict[str, float]]:
    """Coverage/precision of ``extractor`` on an idgold file (strict, with parent credit, judged)
    and its false-alarm rate on the file's sentences that name no skill."""
    cases, negatives = idgold_split(path, label_map)
    found = [extractor(s) for s, _ in cases]
    golds = [g for _, g in cases]
    out = {
        f"{prefix}_strict": sentence_scores(found, golds),
        f"{prefix}_parent_credit": sentence_scores(found, golds, parents),
        f"{prefix}_judged": sentence_scores(found, golds, parents, set(label_map.values())),
    }
    if negatives:
        out[f"{prefix}_no_skill"] = false_alarms([extractor(s) for s in negatives])
    return out


def rounded(metrics: dict) -> dict:
    """Metrics (nested dicts of numbers) rounded to 4 places for printing and storing."""
    return {k: rounded(v) if isinstance(v, dict) else round(v, 4) for k, v in metrics.items()}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    p = argparse.ArgumentParser(
        prog="python -m matching.lab.linking.extract_eval", description=__doc__.split("\n")[0]
    )
    p.add_argument(
        "--idgold",
        nargs="*",
        default=[str(BENCH / "id_dev.csv"), str(ID_TRAIN), str(ID_TRAIN_BREADTH)],
        help="idgold files (default: the Indonesian dev split and the project's training sets)",
    )
    p.add_argument("--skillspan", default=str(BENCH / "skillspan_dev.json"))
    p.add_argument("--model", default="e5")
    p.add_argument("--limit", type=int, default=None, help="only the first N SkillSpan sentences")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--with-names",
        action="store_true",
        help="evaluate the product's extractor: extract plus every exact skill name "
        "(matching.mentions.extract_with_names)",
    )
    args = p.parse_args(argv)
    from matching.linking.runtime import build_vocabulary_index, load_vocabulary_or_none

    vocabulary = load_vocabulary_or_none()
    index = build_vocabulary_index(args.model, vocabulary)
    extractor = index.extract
    if args.with_names:
        from matching.mentions import extract_with_names

        def extractor(text: str):  # type: ignore[no-redef]  # noqa: ANN202
            return extract_with_names(index, text)

    result: dict[str, dict[str, float]] = {}
    if args.idgold:  # the gold labels joined to the vocabulary once, for every file
        from matching.lab.evaluate import ESCO_TABLE
        from matching.lab.linking.benchmark import (
            read_label_file,
            vocabulary_label_map,
            vocabulary_parents,
        )

        labels = read_label_file(BENCH / "skills_en_label.txt")
        label_map = vocabulary_label_map(vocabulary, labels, ESCO_TABLE)
        parents = vocabulary_parents(vocabulary)
        for path in args.idgold:
            result.update(idgold_eval(path, extractor, label_map, parents, Path(path).stem))
    if args.skillspan:
        result["skillspan"] = skillspan_eval(args.skillspan, extractor, args.limit)
    if args.json:
        print(json.dumps(rounded(result)))
    else:
        for name, d in rounded(result).items():
            print(name, " ".join(f"{k}={v}" for k, v in d.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
