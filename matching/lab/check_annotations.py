"""Check an annotation pass of the document corpus (issue 13).

Usage: python matching/lab/check_annotations.py matching/data/documents/annotations/pass_a.csv

Checks that every skill_id exists in the vocabulary, label_en matches it, every evidence string
occurs in its document (case-insensitive, whitespace-normalised), no (doc_id, skill_id) pair
repeats, levels fit the document kind, and every document has at least one row.
"""

import csv
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
DOCS = DATA / "documents"
FOLDERS = {"v": ("vacancies", {"required", "nice"}), "c": ("cvs", {"has"}), "k": ("curricula", {"teaches"})}


def norm(text: str) -> str:
    """Lower-case and collapse whitespace."""
    return re.sub(r"\s+", " ", text).strip().lower()


def main() -> int:
    """Run the checks and print each problem; return 1 when any is found."""
    vocab = {}
    with (DATA / "vocabulary.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            entry = json.loads(line)
            vocab[entry["id"]] = entry["label_en"]
    texts = {p.stem: norm(p.read_text(encoding="utf-8")) for p in DOCS.glob("*/*.md") if p.stem != "README"}
    problems = []
    seen = set()
    done = set()
    with open(sys.argv[1], encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ["doc_id", "skill_id", "label_en", "level", "proposed_label", "evidence"]:
            problems.append(f"bad header {reader.fieldnames}")
        for n, row in enumerate(reader, start=2):
            doc, sid = row["doc_id"], row["skill_id"]
            done.add(doc)
            if doc not in texts:
                problems.append(f"line {n}: unknown doc {doc}")
                continue
            if row["level"] not in FOLDERS[doc[0]][1]:
                problems.append(f"line {n}: level {row['level']} for {doc}")
            if sid:
                if sid not in vocab:
                    problems.append(f"line {n}: unknown skill_id {sid}")
                elif vocab[sid] != row["label_en"]:
                    problems.append(f"line {n}: label_en {row['label_en']!r} != {vocab[sid]!r}")
                if row["proposed_label"]:
                    problems.append(f"line {n}: proposed_label with a skill_id")
                if (doc, sid) in seen:
                    problems.append(f"line {n}: repeated pair {doc} {sid}")
                seen.add((doc, sid))
            elif not row["proposed_label"] or row["label_en"]:
                problems.append(f"line {n}: empty skill_id needs proposed_label and no label_en")
            if row["proposed_label"] != "NONE" and norm(row["evidence"]) not in texts[doc]:
                problems.append(f"line {n}: evidence not in {doc}: {row['evidence']!r}")
    if len(sys.argv) > 2 and sys.argv[2] == "--all":
        problems += [f"no rows for {d}" for d in sorted(set(texts) - done)]
    for p in problems:
        print(p)
    print(f"{len(problems)} problems, {len(done)} documents")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
