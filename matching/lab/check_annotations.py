"""Check annotation passes of the document corpus against the vocabulary and the documents.

Usage: python matching/lab/check_annotations.py [PASS.csv ...] [--all]

Without a file, both passes (``annotations/pass_a.csv`` and ``pass_b.csv``) are checked. Checks
(the guide's, ``annotations/GUIDE.md``): the header; every skill_id exists in the vocabulary and
its label_en matches; every evidence string occurs in its document (case-insensitive,
whitespace-normalised); no (doc_id, skill_id) or (doc_id, proposed_label) pair repeats; levels fit
the document kind; a row without skill_id carries a proposed_label and no label_en. ``--all``:
every document has at least one row. Exits 1 when any problem is found.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
DOCS = DATA / "documents"
PASSES = [DOCS / "annotations" / "pass_a.csv", DOCS / "annotations" / "pass_b.csv"]
FOLDERS = {"v": "vacancies", "c": "cvs", "k": "curricula"}
LEVELS = {"v": {"required", "nice"}, "c": {"has"}, "k": {"teaches"}}
HEADER = ["doc_id", "skill_id", "label_en", "level", "proposed_label", "evidence"]


def norm(text: str) -> str:
    """Lower-case and collapse whitespace."""
    return re.sub(r"\s+", " ", text).strip().lower()


def read_vocabulary() -> dict[str, str]:
    """Skill id -> label_en of the shipped vocabulary."""
    with (DATA / "vocabulary.jsonl").open(encoding="utf-8") as fh:
        return {e["id"]: e["label_en"] for e in map(json.loads, fh)}


def read_documents() -> dict[str, str]:
    """Document id -> its normalised text."""
    return {
        path.stem: norm(path.read_text(encoding="utf-8"))
        for folder in FOLDERS.values()
        for path in sorted((DOCS / folder).glob("*.md"))
    }


def row_problems(row: list[str], docs: dict[str, str], vocab: dict[str, str]) -> list[str]:
    """Problems of one data row (without the repeat check)."""
    if len(row) != len(HEADER):
        return [f"{len(row)} fields"]
    doc, sid, label, level, proposed, evidence = row
    if doc not in docs:
        return [f"unknown doc {doc}"]
    out = []
    if level not in LEVELS[doc[0]]:
        out.append(f"level {level} for {doc}")
    if sid:
        if sid not in vocab:
            out.append(f"unknown skill_id {sid}")
        elif vocab[sid] != label:
            out.append(f"label_en {label!r} != {vocab[sid]!r}")
        if proposed:
            out.append("skill_id and proposed_label both set")
    elif label or not proposed:
        out.append("empty skill_id needs a proposed_label and no label_en")
    if proposed != "NONE" and norm(evidence) not in docs[doc]:
        out.append(f"evidence not in {doc}: {evidence!r}")
    return out


def check(path: Path, docs: dict[str, str], vocab: dict[str, str], require_all: bool) -> list[str]:
    """Every problem of one pass file, each prefixed with its line."""
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    covered: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        if header != HEADER:
            problems.append(f"bad header {header}")
        for n, row in enumerate(reader, start=2):
            found = row_problems(row, docs, vocab)
            if len(row) == len(HEADER) and row[0] in docs:
                covered.add(row[0])
                key = (row[0], row[1] or f"proposed:{norm(row[4])}")
                if key in seen:
                    found.append(f"repeated pair {row[0]} {row[1] or row[4]}")
                seen.add(key)
            problems += [f"line {n}: {p}" for p in found]
    if require_all:
        problems += [f"no rows for {d}" for d in sorted(set(docs) - covered)]
    return problems


def main(argv: list[str] | None = None) -> int:
    """Check the given passes (default both); print each problem and a summary per file."""
    args = sys.argv[1:] if argv is None else argv
    require_all = "--all" in args
    paths = [Path(a) for a in args if a != "--all"] or PASSES
    docs, vocab = read_documents(), read_vocabulary()
    failed = False
    for path in paths:
        problems = check(path, docs, vocab, require_all)
        for p in problems:
            print(f"{path.name}: {p}")
        print(f"{path.name}: {len(problems)} problems")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
