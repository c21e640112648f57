"""Check annotation pass B against the vocabulary and the documents (issue 13).

Checks: every skill_id exists in the vocabulary and its label_en matches, every
evidence string occurs in its document (case-insensitive, whitespace-normalised),
no (doc_id, skill_id) or (doc_id, proposed_label) pair repeats, every document has at least one row, levels fit
the document kind and rows without skill_id carry a proposed_label.
"""

import csv
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
DOCS = DATA / "documents"
PASS = DOCS / "annotations" / "pass_b.csv"
FOLDERS = {"v": "vacancies", "c": "cvs", "k": "curricula"}
LEVELS = {"v": {"required", "nice"}, "c": {"has"}, "k": {"teaches"}}
HEADER = ["doc_id", "skill_id", "label_en", "level", "proposed_label", "evidence"]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def main() -> int:
    vocab = {}
    with open(DATA / "vocabulary.jsonl", encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            vocab[entry["id"]] = entry["label_en"]
    docs = {}
    for folder in FOLDERS.values():
        for path in sorted((DOCS / folder).glob("*.md")):
            docs[path.stem] = norm(path.read_text(encoding="utf-8"))
    problems = []
    seen = set()
    covered = set()
    with open(PASS, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header != HEADER:
            problems.append(f"header {header}")
        for n, row in enumerate(reader, start=2):
            if len(row) != len(HEADER):
                problems.append(f"line {n}: {len(row)} fields")
                continue
            doc, sid, label, level, proposed, evidence = row
            if doc not in docs:
                problems.append(f"line {n}: unknown doc {doc}")
                continue
            covered.add(doc)
            if level not in LEVELS[doc[0]]:
                problems.append(f"line {n}: level {level} for {doc}")
            if sid:
                if sid not in vocab:
                    problems.append(f"line {n}: unknown skill_id {sid}")
                elif vocab[sid] != label:
                    problems.append(f"line {n}: label {label!r} != {vocab[sid]!r}")
                if proposed:
                    problems.append(f"line {n}: skill_id and proposed_label both set")
                if (doc, sid) in seen:
                    problems.append(f"line {n}: repeated pair {doc} {sid}")
                seen.add((doc, sid))
            else:
                if label or not proposed:
                    problems.append(f"line {n}: empty skill_id needs proposed_label only")
                if (doc, proposed) in seen:
                    problems.append(f"line {n}: repeated proposed label {doc} {proposed}")
                seen.add((doc, proposed))
            if proposed != "NONE" and norm(evidence) not in docs[doc]:
                problems.append(f"line {n}: evidence not in {doc}: {evidence!r}")
    missing = sorted(set(docs) - covered)
    for line in problems:
        print(line)
    print(
        f"{len(covered)} documents annotated, {len(missing)} without rows, {len(problems)} problems"
    )
    if "--all" in sys.argv and missing:
        print("missing:", " ".join(missing))
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
