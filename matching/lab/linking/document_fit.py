"""Fit the document filter's parameters on the document corpus, cross-validated.

    python -m matching.lab.linking.document_fit [--folds 5] [--write]

Runs the site's suggestion path once on every document without the fitted part of the filter
(``document_filter.candidate_mentions``: the linguistic rules only), then for each of K folds
(``evaluate_documents.fold_split``) fits ``DocumentParams`` on the other folds and scores the
held-out one. The pooled held-out counts per kind are the figures to report. ``--write`` then
fits on every document and stores ``matching/data/document_filter.json`` (what the site uses;
``python -m matching.lab.evaluate_documents`` on it is in-sample).

Fitted on the training documents only:

- ``dropped``: skills suggested in at least ``MIN_WRONG`` training documents, right in none;
- ``dropped_forms``: (skill, exact form) suggested in at least ``MIN_WRONG_FORM`` training texts
  (``MIN_WRONG`` when the form is the skill's own English label, "React"), right in none ("lead" for "lead others", "testing" for "execute software tests");
- ``duplicates``: pairs (A, B) found on one line where A was right and B wrong in at least
  ``MIN_WRONG`` training documents, more than ``WRONG_RATIO`` times as often as B was right;
- ``min_score``: per method, the minimum score (a grid) that maximises the training F1;
- ``pretick``: the lowest score from which the training CVs' suggestions are right at least
  ``PRETICK_PRECISION`` of the time (the site ticks those in advance; the seeker ticks the rest).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from matching.lab.document_gold import DocumentGold, read_gold
from matching.lab.evaluate_documents import (
    Counts,
    Suggested,
    format_metrics,
    load_documents,
    metrics,
    score_document,
    site_texts,
    train_test_splits,
    with_level,
)
from matching.linking.document_filter import (
    PARAMS_FILE,
    DocumentParams,
    candidate_mentions,
    filter_mentions,
    form_key,
    same_piece,
    skill_parents,
    without_parents,
)
from matching.linking.types import SkillMention

MIN_WRONG = 2
MIN_WRONG_FORM = 1  # a (skill, exact form) pair: wrong once, right never (its own name: MIN_WRONG)
WRONG_RATIO = 2  # a duplicate pair: its looser member wrong more than twice as often as right
PRETICK_PRECISION = 0.9  # CV suggestions ticked in advance must be right this often (training)
GRID = (0.0, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)
METHODS = ("alias", "fuzzy", "semantic")


@dataclass(frozen=True)
class Text:
    """One text the site reads for a document, and its mentions before the fitted rules."""

    doc_id: str
    kind: str
    text: str
    mentions: tuple[SkillMention, ...]


def read_texts(model: str = "e5") -> list[Text]:
    """Every document's texts with the mentions the linguistic rules keep."""
    from matching.linking.runtime import build_vocabulary_index
    from matching.mentions import clip_for_linker, extract_many_unfiltered

    index = build_vocabulary_index(model)
    known = frozenset(e.skill_id for e in index.entries)
    owners, texts = [], []
    for doc in load_documents():
        for text in site_texts(doc) or [""]:  # a rejected upload: one empty text, no skills
            owners.append(doc)
            texts.append(clip_for_linker(text)[0])
    found = extract_many_unfiltered(index, texts)
    return [
        Text(
            doc.doc_id,
            doc.kind,
            text,
            tuple(m for m in candidate_mentions(text, ms) if m.skill_id in known),
        )
        for doc, text, ms in zip(owners, texts, found, strict=True)
    ]


def suggestions(texts: Sequence[Text], params: DocumentParams) -> dict[str, dict[str, Suggested]]:
    """What the site suggests per document with ``params`` (best score per skill)."""
    from matching.mentions import sentence_around

    out: dict[str, dict[str, Suggested]] = {t.doc_id: {} for t in texts}  # empty: no texts
    for t in texts:
        merged = out[t.doc_id]
        for m in filter_mentions(t.text, t.mentions, replace(params, lines=False, ambiguous=False)):
            s = Suggested(m.skill_id, round(m.score, 3), sentence_around(t.text, m.start, m.end))
            if m.skill_id not in merged or s.score > merged[m.skill_id].score:
                merged[m.skill_id] = with_level(s, t.kind)
    return out


def counts_by_kind(
    texts: Sequence[Text], params: DocumentParams, gold: dict[str, DocumentGold]
) -> dict[str, Counts]:
    """Counts per kind of the documents of ``texts``."""
    kinds = {t.doc_id: t.kind for t in texts}
    out: dict[str, Counts] = {}
    for doc_id, predicted in suggestions(texts, params).items():
        out.setdefault(kinds[doc_id], Counts()).add(
            score_document(predicted, gold.get(doc_id, DocumentGold()))
        )
    return out


def _f1(counts: dict[str, Counts]) -> float:
    total = Counts()
    for c in counts.values():
        total.add(c)
    return metrics(total, 1)["f1"]


@functools.cache
def own_names() -> dict[str, str]:
    """Skill id -> its English label, case-folded (a tool's own name: "react", "ios")."""
    from matching.vocab import load_vocabulary

    return {s.id: s.label_en.casefold() for s in load_vocabulary().skills}


def fit(texts: Sequence[Text], gold: dict[str, DocumentGold]) -> DocumentParams:
    """``DocumentParams`` fitted on ``texts`` (the training documents)."""
    wrong: Counter[str] = Counter()
    right: Counter[str] = Counter()
    form_wrong: Counter[tuple[str, str]] = Counter()
    form_right: Counter[tuple[str, str]] = Counter()
    pair_wrong: Counter[tuple[str, str]] = Counter()
    pair_right: Counter[tuple[str, str]] = Counter()
    unfiltered = suggestions(texts, DocumentParams())  # before any fitted rule
    for doc_id, predicted in unfiltered.items():
        g = gold.get(doc_id, DocumentGold())
        for skill_id in predicted:
            if skill_id in g.gold:
                right[skill_id] += 1
            elif skill_id not in g.uncertain:
                wrong[skill_id] += 1
    for t in texts:
        g = gold.get(t.doc_id, DocumentGold())
        # counted as the filter shows them: a broader skill on its narrower one's words is not
        # shown beside it, so it is neither a wrong form nor the looser of a pair there
        shown = without_parents(t.mentions)
        for m in {(m.skill_id, form_key(m)) for m in shown if form_key(m)}:
            if m[0] in g.gold:
                form_right[m] += 1
            elif m[0] not in g.uncertain:
                form_wrong[m] += 1
        pairs = {
            (a.skill_id, b.skill_id)
            for a in shown
            for b in shown
            if a.skill_id != b.skill_id and same_piece(t.text, a, b) and a.skill_id in g.gold
        }
        for a, b in pairs:
            if b in g.gold:
                pair_right[(a, b)] += 1
            elif b not in g.uncertain:
                pair_wrong[(a, b)] += 1
    dropped = frozenset(s for s, n in wrong.items() if n >= MIN_WRONG and not right[s])
    params = DocumentParams(
        dropped=dropped,
        promoted=promotions(unfiltered, gold, dropped),
        dropped_forms=frozenset(
            f
            for f, n in form_wrong.items()
            if n >= (MIN_WRONG if f[1] == own_names().get(f[0]) else MIN_WRONG_FORM)
            and not form_right[f]
        ),
        duplicates=frozenset(
            p for p, n in pair_wrong.items() if n >= MIN_WRONG and n > WRONG_RATIO * pair_right[p]
        ),
    )
    scores = dict.fromkeys(METHODS, 0.0)
    for _ in range(2):  # coordinate ascent over the methods' minimum scores
        for method in METHODS:
            best = max(
                GRID,
                key=lambda v: (
                    _f1(
                        counts_by_kind(
                            texts, replace(params, min_score={**scores, method: v}), gold
                        )
                    ),
                    -v,
                ),
            )
            scores[method] = best
    params = replace(params, min_score=scores)
    # the forms dropped for being wrong once in training make the training CVs look more precise
    # than held-out ones: the confidence floor is fitted without them
    unforgiving = replace(params, dropped_forms=frozenset())
    return replace(params, pretick=fit_pretick(texts, unforgiving, gold))


def promotions(
    unfiltered: dict[str, dict[str, Suggested]],
    gold: dict[str, DocumentGold],
    dropped: frozenset[str],
) -> frozenset[tuple[str, str]]:
    """(dropped, broader) pairs: a dropped skill whose broader skill (``skill_parents``) is gold
    in at least ``MIN_WRONG`` of the training documents that suggest it before any fitted rule
    (``unfiltered``: ``suggestions`` with default parameters), and in more than half of them
    (the VPN software entry, suggested where the gold is "implement a virtual private network";
    not Facebook, whose broader entry is content management software)."""
    parents = skill_parents()
    candidates = {s: parents[s] for s in dropped if s in parents and parents[s] not in dropped}
    suggested: Counter[str] = Counter()
    broader_gold: Counter[str] = Counter()
    for doc_id, predicted in unfiltered.items():
        g = gold.get(doc_id, DocumentGold())
        for skill_id in predicted.keys() & candidates.keys():
            suggested[skill_id] += 1
            broader_gold[skill_id] += candidates[skill_id] in g.gold
    return frozenset(
        (s, candidates[s])
        for s, n in broader_gold.items()
        if n >= MIN_WRONG and 2 * n > suggested[s]
    )


def _precision_above(
    texts: Sequence[Text], params: DocumentParams, gold: dict[str, DocumentGold], floor: float
) -> tuple[int, int]:
    """(right, wrong) CV suggestions scored at least ``floor`` (uncertain ones left out)."""
    right = wrong = 0
    cvs = [t for t in texts if t.kind == "cv"]
    for doc_id, predicted in suggestions(cvs, params).items():
        g = gold.get(doc_id, DocumentGold())
        for skill_id, s in predicted.items():
            if s.score >= floor and skill_id not in g.uncertain:
                right += skill_id in g.gold
                wrong += skill_id not in g.gold
    return right, wrong


def fit_pretick(
    texts: Sequence[Text], params: DocumentParams, gold: dict[str, DocumentGold]
) -> float:
    """The lowest grid score from which CV suggestions are right ``PRETICK_PRECISION`` of the
    time on ``texts`` (1.01, none ticked, when no score is)."""
    for floor in GRID:
        right, wrong = _precision_above(texts, params, gold, floor)
        if right + wrong and right / (right + wrong) >= PRETICK_PRECISION:
            return floor
    return 1.01


def cross_validate(
    texts: Sequence[Text], gold: dict[str, DocumentGold], folds: int
) -> dict[str, Counts]:
    """Pooled held-out counts per kind, each fold scored by parameters fitted on the others."""
    pooled: dict[str, Counts] = {}
    ids = sorted({t.doc_id for t in texts})
    ticked = [0, 0]
    for train, held_out in train_test_splits(ids, folds):
        train_set, test_set = set(train), set(held_out)
        params = fit([t for t in texts if t.doc_id in train_set], gold)
        test = [t for t in texts if t.doc_id in test_set]
        for kind, c in counts_by_kind(test, params, gold).items():
            pooled.setdefault(kind, Counts()).add(c)
        right, wrong = _precision_above(test, params, gold, params.pretick)
        ticked[0] += right
        ticked[1] += wrong
    pooled["cv_preticked"] = Counts(tp=ticked[0], fp=ticked[1])
    return pooled


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m matching.lab.linking.document_fit")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="fit on all and store the params")
    parser.add_argument("--model", default="e5")
    args = parser.parse_args(argv)
    gold = read_gold()
    texts = read_texts(args.model)
    docs = Counter(t.kind for t in {(t.doc_id, t.kind): t for t in texts}.values())
    result: dict[str, object] = {}
    for kind, c in cross_validate(texts, gold, args.folds).items():
        if kind == "cv_preticked":
            share = c.tp / (c.tp + c.fp) if c.tp + c.fp else 0.0
            print(
                f"held-out CV suggestions ticked in advance: {c.tp} right, {c.fp} wrong "
                f"(precision {share:.3f})"
            )
            result[kind] = {"right": c.tp, "wrong": c.fp, "precision": round(share, 4)}
            continue
        m = metrics(c, docs[kind])
        print(f"held-out ({args.folds}-fold) " + format_metrics(kind, m))
        result[kind] = {k: round(v, 4) for k, v in m.items()}
    if args.write:
        params = fit(texts, gold)
        PARAMS_FILE.write_text(
            json.dumps(
                {
                    "fitted_by": "python -m matching.lab.linking.document_fit --write",
                    "min_score": params.min_score,
                    "dropped": sorted(params.dropped),
                    "dropped_forms": sorted(params.dropped_forms),
                    "duplicates": sorted(params.duplicates),
                    "promoted": sorted(params.promoted),
                    "pretick": params.pretick,
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        print(
            f"wrote {PARAMS_FILE}: {params.min_score}, {len(params.dropped)} dropped, "
            f"{len(params.duplicates)} duplicate pairs"
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
