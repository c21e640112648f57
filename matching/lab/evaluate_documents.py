"""Document-level evaluation: the skills the site suggests for whole vacancies, CVs and curricula.

    python -m matching.lab.evaluate_documents [--kind vacancy|cv|curriculum] [--errors] [--folds K]
                                              [--root FOLDER] [--gold CSV]

Runs the site's suggestion path on every document of ``matching/data/documents/`` (``--root``:
another folder laid out the same way, ``matching/data/documents_heldout/`` for documents the
filter was never fitted on) and scores the suggested skill set against the folder's
``annotations/gold.csv`` (written by ``python -m matching.lab.document_gold``):

- vacancy: the first line is the title, the rest the description; the skills of
  ``title + "\\n" + description`` (``app.services.vacancies.suggestion_text``), each with the level
  the site stores (``matching.importance.importance_of`` of its evidence sentence: ``preferred``
  counts as ``nice``);
- CV: the skills of the whole text (``app.services.seekers.read_cv``: the text of a .txt upload);
- curriculum: the file parsed as an upload (``curricula.parse_document``), the skills of each
  learning outcome (``app.services.curricula.extract_outcome_skills``), united per curriculum; a
  file the parser rejects shows no skills and is listed as ``parse_failed``.

Every text goes through the site's ``suggest_skills_many``: cut to the linker's limits
(``matching.mentions.clip_for_linker``), ``extract_many_with_names`` on the shipped vocabulary's
index (the model is loaded once), evidence = the sentence around each mention.

Scores per kind, micro-averaged over documents: precision = TP / (TP + FP), recall = TP / (TP +
FN), F1; a suggestion that is one pass's skill only (``uncertain``) counts neither way. Vacancies
also get the required/nice accuracy on the true positives. The last line is one JSON object.
``--folds K`` splits the documents of each kind into K folds by a fixed seed and prints every
held-out fold's scores (nothing is tuned here: the split is for the tuning that selects parameters
on K-1 folds and reports the held-out one, ``fold_split``). The shipped document filter's parameters were fitted on all
documents, so these scores are in-sample; ``python -m matching.lab.linking.document_fit`` reports the
held-out ones.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from matching.lab.document_gold import KINDS, DocumentGold, gold_file, kind_of, read_gold

DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"
# curricula no choice was made on (their READMEs): the first set until its misses were read on
# 2026-12-08 (development data since), the second written before that day's changes were scored
HELD_OUT = DOCUMENTS.with_name("documents_heldout")
HELD_OUT_SECOND = DOCUMENTS.with_name("documents_heldout2")
FOLDERS = {"vacancy": "vacancies", "cv": "cvs", "curriculum": "curricula"}
SEED = 13  # the fold split's seed (issue 13)
LEVEL_OF_IMPORTANCE = {"required": "required", "preferred": "nice"}


@dataclass(frozen=True)
class Document:
    """One document of the corpus."""

    doc_id: str
    kind: str
    text: str


@dataclass(frozen=True)
class Suggested:
    """A skill the site suggests for a document: its confidence, evidence and (vacancies) level."""

    skill_id: str
    score: float
    evidence: str
    level: str | None = None


@dataclass
class Counts:
    """True and false positives, false negatives, uncertain hits and level agreement."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    uncertain: int = 0
    level_right: int = 0
    level_total: int = 0

    def add(self, other: Counts) -> None:
        """Add another document's counts to these."""
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class SiteOutput:
    """The suggestions of every document, and the curricula the parser rejected."""

    suggestions: dict[str, dict[str, Suggested]] = field(default_factory=dict)
    parse_failed: list[str] = field(default_factory=list)


def load_documents(kinds: Iterable[str] = FOLDERS, root: Path = DOCUMENTS) -> list[Document]:
    """The documents of the given kinds, in id order."""
    return [
        Document(path.stem, kind, path.read_text(encoding="utf-8"))
        for kind in kinds
        for path in sorted((root / FOLDERS[kind]).glob("*.md"))
    ]


def vacancy_fields(text: str) -> tuple[str, str]:
    """(title, description) as an employer would enter the document: the first non-empty line
    without its Markdown heading marks, and the rest."""
    lines = text.strip().splitlines()
    return lines[0].strip().lstrip("#").strip().strip("*").strip(), "\n".join(lines[1:]).strip()


def curriculum_outcomes(doc: Document) -> list[str] | None:
    """The learning outcomes' texts as the upload parses the file; None if it is rejected."""
    from curricula import CurriculumParseError, parse_document

    try:
        parsed = parse_document(doc.text.encode("utf-8"), f"{doc.doc_id}.md").curriculum
    except CurriculumParseError:
        return None
    return [outcome.text for unit in parsed.units for outcome in unit.outcomes]


def site_texts(doc: Document) -> list[str] | None:
    """The texts the site reads skills from for this document (None: a rejected upload)."""
    if doc.kind == "vacancy":
        title, description = vacancy_fields(doc.text)
        return [f"{title.strip()}\n{description.strip()}"]  # vacancies.suggestion_text
    if doc.kind == "cv":
        return [doc.text]
    return curriculum_outcomes(doc)


def suggest_many(index: object, texts: list[str], known: frozenset[str]) -> list[list[Suggested]]:
    """``app.services.linking.suggest_skills_many`` without the app: each text cut to the
    linker's limits, its mentions (exact names included) with the sentence around each."""
    from matching.mentions import clip_for_linker, extract_many_with_names, sentence_around

    clipped = [clip_for_linker(text)[0] for text in texts]
    readable = [i for i, text in enumerate(clipped) if text.strip()]
    out: list[list[Suggested]] = [[] for _ in texts]
    found = extract_many_with_names(index, [clipped[i] for i in readable])  # type: ignore[arg-type]
    for i, mentions in zip(readable, found, strict=True):
        out[i] = [
            Suggested(
                m.skill_id,
                round(float(m.score), 3),
                sentence_around(clipped[i], m.start, m.end),
            )
            for m in mentions
            if m.skill_id in known
        ]
    return out


def with_level(suggestion: Suggested, kind: str) -> Suggested:
    """The suggestion with the level the site stores for a vacancy skill."""
    if kind != "vacancy":
        return suggestion
    from matching.importance import importance_of

    level = LEVEL_OF_IMPORTANCE[importance_of(suggestion.evidence)]
    return Suggested(suggestion.skill_id, suggestion.score, suggestion.evidence, level)


def run_site(index: object, docs: Sequence[Document], known: frozenset[str]) -> SiteOutput:
    """What the site suggests for each document (all texts scored in one batched pass)."""
    output = SiteOutput()
    owners: list[Document] = []
    texts: list[str] = []
    for doc in docs:
        found = site_texts(doc)
        if found is None:
            output.parse_failed.append(doc.doc_id)
        for text in found or []:
            owners.append(doc)
            texts.append(text)
    for doc in docs:
        output.suggestions[doc.doc_id] = {}
    for doc, suggestions in zip(owners, suggest_many(index, texts, known), strict=True):
        merged = output.suggestions[doc.doc_id]
        for s in suggestions:  # a curriculum: its outcomes' skills united, best score kept
            if s.skill_id not in merged or s.score > merged[s.skill_id].score:
                merged[s.skill_id] = with_level(s, doc.kind)
    return output


def score_document(predicted: dict[str, Suggested], gold: DocumentGold) -> Counts:
    """The counts of one document: uncertain skills count neither way; the level is compared
    on the true positives that have one."""
    counts = Counts()
    for skill_id, s in predicted.items():
        if skill_id in gold.gold:
            counts.tp += 1
            if s.level is not None:
                counts.level_total += 1
                counts.level_right += s.level == gold.gold[skill_id]
        elif skill_id in gold.uncertain:
            counts.uncertain += 1
        else:
            counts.fp += 1
    counts.fn = sum(1 for skill_id in gold.gold if skill_id not in predicted)
    return counts


def metrics(counts: Counts, documents: int) -> dict[str, float]:
    """Precision, recall, F1 (micro), the counts, and the level accuracy when levels were scored."""
    p = counts.tp / (counts.tp + counts.fp) if counts.tp + counts.fp else 0.0
    r = counts.tp / (counts.tp + counts.fn) if counts.tp + counts.fn else 0.0
    out: dict[str, float] = {
        "documents": documents,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "uncertain_suggested": counts.uncertain,
    }
    if counts.level_total:
        out["level_accuracy"] = counts.level_right / counts.level_total
        out["level_scored"] = counts.level_total
    return out


def kind_metrics(
    output: SiteOutput, gold: dict[str, DocumentGold], doc_ids: Iterable[str]
) -> dict[str, dict[str, float]]:
    """Metrics per kind over the given documents."""
    totals: dict[str, Counts] = {}
    docs: dict[str, int] = {}
    for doc_id in doc_ids:
        kind = kind_of(doc_id)
        counts = score_document(output.suggestions[doc_id], gold.get(doc_id, DocumentGold()))
        totals.setdefault(kind, Counts()).add(counts)
        docs[kind] = docs.get(kind, 0) + 1
    return {kind: metrics(totals[kind], docs[kind]) for kind in KINDS.values() if kind in totals}


def fold_split(doc_ids: Iterable[str], k: int, seed: int = SEED) -> list[list[str]]:
    """``k`` disjoint folds covering ``doc_ids``, each kind dealt evenly over the folds after a
    shuffle with ``seed`` (the same ids and seed give the same folds)."""
    if k < 2:
        raise ValueError("--folds needs at least 2 folds")
    folds: list[list[str]] = [[] for _ in range(k)]
    ids = sorted(set(doc_ids))
    offset = 0
    for kind in KINDS.values():
        of_kind = [d for d in ids if kind_of(d) == kind]
        random.Random(f"{seed}:{kind}").shuffle(of_kind)  # noqa: S311 - not for secrets
        for i, doc_id in enumerate(of_kind):
            folds[(i + offset) % k].append(doc_id)
        offset += len(of_kind)  # the next kind starts where this one stopped: sizes stay even
    return [sorted(fold) for fold in folds]


def train_test_splits(doc_ids: Iterable[str], k: int, seed: int = SEED):  # noqa: ANN201
    """(train ids, held-out ids) for each of the ``k`` folds of ``fold_split``."""
    folds = fold_split(doc_ids, k, seed)
    return [
        ([d for j, fold in enumerate(folds) if j != i for d in fold], held_out)
        for i, held_out in enumerate(folds)
    ]


def format_metrics(kind: str, m: dict[str, float]) -> str:
    """One line of figures for people."""
    line = (
        f"{kind}\tdocs={int(m['documents'])}\tP={m['precision']:.3f}\tR={m['recall']:.3f}"
        f"\tF1={m['f1']:.3f}\ttp={int(m['tp'])} fp={int(m['fp'])} fn={int(m['fn'])}"
        f" uncertain={int(m['uncertain_suggested'])}"
    )
    if "level_accuracy" in m:
        line += f"\tlevel_acc={m['level_accuracy']:.3f} (n={int(m['level_scored'])})"
    return line


def print_errors(
    output: SiteOutput, gold: dict[str, DocumentGold], docs: Sequence[Document]
) -> None:
    """False positives and negatives of each document with their evidence."""
    labels = skill_labels()
    for doc in docs:
        g = gold.get(doc.doc_id, DocumentGold())
        predicted = output.suggestions[doc.doc_id]
        fps = [s for sid, s in predicted.items() if sid not in g.gold and sid not in g.uncertain]
        fns = [sid for sid in sorted(g.gold) if sid not in predicted]
        wrong_level = [
            s
            for sid, s in predicted.items()
            if s.level and sid in g.gold and g.gold[sid] != s.level
        ]
        if not (fps or fns or wrong_level):
            continue
        print(f"## {doc.doc_id}" + (" (parse failed)" if doc.doc_id in output.parse_failed else ""))
        for s in sorted(fps, key=lambda s: -s.score):
            print(f"  FP  {labels.get(s.skill_id, s.skill_id)} ({s.score:.2f}): {s.evidence!r}")
        for sid in fns:
            print(f"  FN  {labels.get(sid, sid)} [{g.gold[sid]}]: {g.evidence.get(sid, '')!r}")
        for s in wrong_level:
            print(f"  LVL {labels.get(s.skill_id, s.skill_id)} {s.level} != {g.gold[s.skill_id]}")


def skill_labels() -> dict[str, str]:
    """Skill id -> English label of the shipped vocabulary."""
    from matching.vocab import load_vocabulary

    return {s.id: s.label_en for s in load_vocabulary().skills}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m matching.lab.evaluate_documents", description=__doc__.split("\n")[0]
    )
    p.add_argument("--kind", choices=(*FOLDERS, "all"), default="all")
    p.add_argument("--errors", action="store_true", help="list FP/FN per document with evidence")
    p.add_argument("--folds", type=int, default=0, help="K: also print each held-out fold")
    p.add_argument("--seed", type=int, default=SEED, help="seed of the fold split")
    p.add_argument("--model", default="e5", help="embedding model (the app's EMBEDDING_MODEL)")
    p.add_argument("--gold", help="gold file (default: the root's annotations/gold.csv)")
    p.add_argument(
        "--root",
        type=Path,
        default=DOCUMENTS,
        help=f"a documents folder laid out as matching/data/documents (e.g. {HELD_OUT.name})",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = _parser().parse_args(argv)
    from matching.linking.runtime import build_vocabulary_index

    started = time.perf_counter()
    kinds = list(FOLDERS) if args.kind == "all" else [args.kind]
    docs = load_documents(kinds, args.root)
    gold = read_gold(args.gold or gold_file(args.root))
    index = build_vocabulary_index(args.model)  # loaded once, for every document
    known = frozenset(e.skill_id for e in index.entries)
    output = run_site(index, docs, known)
    ids = [d.doc_id for d in docs]
    if args.errors:
        print_errors(output, gold, docs)
    result: dict[str, object] = dict(kind_metrics(output, gold, ids))
    for kind, m in result.items():
        print(format_metrics(kind, m))  # type: ignore[arg-type]
    if "curriculum" in result:
        print(f"curricula the upload parser rejects: {' '.join(output.parse_failed) or 'none'}")
    result["parse_failed"] = output.parse_failed
    if args.folds:
        folds = []
        for i, (_, held_out) in enumerate(train_test_splits(ids, args.folds, args.seed)):
            fold = kind_metrics(output, gold, held_out)
            for kind, m in fold.items():
                print(f"fold {i + 1}/{args.folds} " + format_metrics(kind, m))
            folds.append(fold)
        result["folds"] = folds
    result["model"] = args.model
    result["seconds"] = time.perf_counter() - started
    print(json.dumps(_rounded(result)))
    return 0


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


if __name__ == "__main__":
    sys.exit(main())
