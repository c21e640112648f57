"""Agreement of the two annotation passes of the document corpus, and the gold set by rule.

    python -m matching.lab.document_gold [--check] [--root FOLDER]

Reads ``matching/data/documents/annotations/pass_a.csv`` and ``pass_b.csv`` (format:
``annotations/GUIDE.md``), prints the agreement per document kind and writes ``gold.csv`` and
``gaps.csv`` next to them (``--check``: write nothing, exit 1 if either file is out of date;
``--root``: another folder of documents laid out the same way, such as
``matching/data/documents_heldout``).

Agreement (per kind): for each document, the two passes' sets of skill ids are compared;
``f1_micro`` = 2 * sum|A ∩ B| / sum(|A| + |B|) over the kind's documents (pairwise F1, the same as
the Dice coefficient), ``f1_macro`` the mean of the per-document F1. For vacancy skills both
passes gave, ``level_agreement`` is the share with the same required/nice level.

Resolution rule:
- a skill id both passes gave for a document is ``gold``; its level is the agreed one; on a
  vacancy level disagreement ``required`` wins only if the two passes cite different,
  non-overlapping evidence (the document asks for the skill in two places and one of them is
  a requirement); when the evidence is the same or one phrase contains the other, ``nice`` wins
  (one mention read both ways: the guide sends any preference marker to ``nice``);
- a skill id only one pass gave is ``uncertain``: the evaluation neither rewards nor penalises it;
- proposed labels (rows without a skill id: vocabulary gaps) go to ``gaps.csv``, merged across
  documents and passes by normalised label (case, punctuation and spacing ignored), with the
  number of documents each pass proposed it for.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ANNOTATIONS = Path(__file__).resolve().parents[1] / "data" / "documents" / "annotations"
PASS_A, PASS_B = ANNOTATIONS / "pass_a.csv", ANNOTATIONS / "pass_b.csv"
GOLD, GAPS = ANNOTATIONS / "gold.csv", ANNOTATIONS / "gaps.csv"
GAP_SKILLS = ANNOTATIONS / "gap_skills.csv"  # proposed labels the vocabulary has a skill for now
KINDS = {"v": "vacancy", "c": "cv", "k": "curriculum"}
NO_SKILL = "NONE"
GOLD_HEADER = [
    "doc_id",
    "skill_id",
    "label_en",
    "status",
    "level",
    "level_a",
    "level_b",
    "evidence_a",
    "evidence_b",
]
GAPS_HEADER = ["label", "kinds", "docs_a", "docs_b", "docs_both", "doc_ids"]


@dataclass(frozen=True)
class Annotation:
    """One row of an annotation pass."""

    doc_id: str
    skill_id: str
    label_en: str
    level: str
    proposed_label: str
    evidence: str


@dataclass(frozen=True)
class GoldRow:
    """A skill of a document after resolution: ``gold`` (both passes) or ``uncertain`` (one)."""

    doc_id: str
    skill_id: str
    label_en: str
    status: str
    level: str
    level_a: str
    level_b: str
    evidence_a: str
    evidence_b: str


@dataclass
class DocumentGold:
    """What the evaluation scores a document against: gold skill id -> level, and the ids that
    count neither way."""

    gold: dict[str, str] = field(default_factory=dict)
    uncertain: set[str] = field(default_factory=set)
    evidence: dict[str, str] = field(default_factory=dict)


def kind_of(doc_id: str) -> str:
    """``vacancy``, ``cv`` or ``curriculum`` from a document id (v001, c001, k001)."""
    return KINDS[doc_id[0]]


def norm_text(text: str) -> str:
    """Lower-case, whitespace collapsed (how evidence is compared)."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def norm_label(label: str) -> str:
    """A proposed label's merge key: case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w+#]+", " ", label.casefold()).split())


def read_pass(path: str | Path) -> list[Annotation]:
    """The rows of one annotation pass."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [Annotation(**row) for row in csv.DictReader(fh)]


def with_gap_skills(rows: Sequence[Annotation], path: Path = GAP_SKILLS) -> list[Annotation]:
    """``rows`` with each proposed label that ``gap_skills.csv`` maps to a vocabulary skill
    (added to the vocabulary after the annotation) turned into a row of that skill id."""
    if not path.exists():
        return list(rows)
    with open(path, encoding="utf-8", newline="") as fh:
        mapped = {norm_label(r["proposed_label"]): r for r in csv.DictReader(fh)}
    out = []
    for row in rows:
        hit = None if row.skill_id else mapped.get(norm_label(row.proposed_label))
        if hit is not None:
            row = Annotation(  # noqa: PLW2901
                row.doc_id, hit["skill_id"], hit["label_en"], row.level, "", row.evidence
            )
        out.append(row)
    return out


def skill_rows(rows: Iterable[Annotation]) -> dict[tuple[str, str], Annotation]:
    """(doc_id, skill_id) -> row, for the rows with a vocabulary skill id (first row wins)."""
    out: dict[tuple[str, str], Annotation] = {}
    for row in rows:
        if row.skill_id:
            out.setdefault((row.doc_id, row.skill_id), row)
    return out


def pair_f1(a: set[str], b: set[str]) -> float:
    """F1 of one set against the other (symmetric: the Dice coefficient); 1.0 when both empty."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def agreement(
    pass_a: Sequence[Annotation], pass_b: Sequence[Annotation], doc_ids: Iterable[str]
) -> dict[str, dict[str, float]]:
    """Per kind: documents, skill ids of each pass, ids both gave, micro and macro F1, and (for
    vacancies) how many of the shared ids got the same level."""
    rows_a, rows_b = skill_rows(pass_a), skill_rows(pass_b)
    sets: dict[str, dict[str, set[str]]] = {"a": defaultdict(set), "b": defaultdict(set)}
    for name, rows in (("a", rows_a), ("b", rows_b)):
        for doc, sid in rows:
            sets[name][doc].add(sid)
    out: dict[str, dict[str, float]] = {}
    for kind in KINDS.values():
        docs = sorted(d for d in doc_ids if kind_of(d) == kind)
        n_a = sum(len(sets["a"][d]) for d in docs)
        n_b = sum(len(sets["b"][d]) for d in docs)
        both = [(d, s) for d in docs for s in sorted(sets["a"][d] & sets["b"][d])]
        stats: dict[str, float] = {
            "documents": len(docs),
            "skills_a": n_a,
            "skills_b": n_b,
            "skills_both": len(both),
            "f1_micro": 2 * len(both) / (n_a + n_b) if n_a + n_b else 1.0,
            "f1_macro": (
                sum(pair_f1(sets["a"][d], sets["b"][d]) for d in docs) / len(docs) if docs else 0
            ),
        }
        if kind == "vacancy":
            same = sum(rows_a[k].level == rows_b[k].level for k in both)
            stats["level_both"] = len(both)
            stats["level_same"] = same
            stats["level_agreement"] = same / len(both) if both else 1.0
        out[kind] = stats
    return out


def evidence_overlaps(a: str, b: str) -> bool:
    """The two evidence phrases are the same mention: equal, or one contains the other."""
    x, y = norm_text(a), norm_text(b)
    return x in y or y in x


def resolve_level(a: Annotation, b: Annotation) -> str:
    """The gold level of a skill both passes gave (see the module docstring for the rule)."""
    if a.level == b.level:
        return a.level
    if {a.level, b.level} != {"required", "nice"}:
        raise ValueError(f"{a.doc_id} {a.skill_id}: levels {a.level!r} and {b.level!r}")
    return "nice" if evidence_overlaps(a.evidence, b.evidence) else "required"


def build_gold(pass_a: Sequence[Annotation], pass_b: Sequence[Annotation]) -> list[GoldRow]:
    """Every skill id of either pass, ``gold`` when both gave it, else ``uncertain``."""
    rows_a, rows_b = skill_rows(pass_a), skill_rows(pass_b)
    out = []
    for key in sorted(set(rows_a) | set(rows_b)):
        a, b = rows_a.get(key), rows_b.get(key)
        one = a or b
        assert one is not None
        level = resolve_level(a, b) if a and b else one.level
        out.append(
            GoldRow(
                doc_id=key[0],
                skill_id=key[1],
                label_en=one.label_en,
                status="gold" if a and b else "uncertain",
                level=level,
                level_a=a.level if a else "",
                level_b=b.level if b else "",
                evidence_a=a.evidence if a else "",
                evidence_b=b.evidence if b else "",
            )
        )
    return out


def build_gaps(pass_a: Sequence[Annotation], pass_b: Sequence[Annotation]) -> list[dict[str, str]]:
    """Proposed labels merged by normalised label, most proposed first."""
    docs: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"a": set(), "b": set()})
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for name, rows in (("a", pass_a), ("b", pass_b)):
        for row in rows:
            if row.skill_id or not row.proposed_label or row.proposed_label == NO_SKILL:
                continue
            key = norm_label(row.proposed_label)
            docs[key][name].add(row.doc_id)
            forms[key][row.proposed_label.strip()] += 1
    out = []
    for key, by_pass in docs.items():
        every = by_pass["a"] | by_pass["b"]
        out.append(
            {
                "label": forms[key].most_common(1)[0][0],
                "kinds": " ".join(sorted({kind_of(d) for d in every})),
                "docs_a": str(len(by_pass["a"])),
                "docs_b": str(len(by_pass["b"])),
                "docs_both": str(len(by_pass["a"] & by_pass["b"])),
                "doc_ids": " ".join(sorted(every)),
            }
        )
    out.sort(key=lambda r: (-int(r["docs_a"]) - int(r["docs_b"]), norm_label(r["label"])))
    return out


def uncertain_reasons(
    gold: Sequence[GoldRow], pass_a: Sequence[Annotation], pass_b: Sequence[Annotation]
) -> Counter[str]:
    """What the other pass did on the phrase of each uncertain skill: gave another vocabulary
    entry, proposed a label (a gap), or had no row whose evidence overlaps it."""
    phrases: dict[tuple[str, str], list[Annotation]] = defaultdict(list)
    for name, rows in (("a", pass_a), ("b", pass_b)):
        for row in rows:
            phrases[(name, row.doc_id)].append(row)
    out: Counter[str] = Counter()
    for row in gold:
        if row.status != "uncertain":
            continue
        other = "b" if row.level_a else "a"
        evidence = row.evidence_a or row.evidence_b
        hits = [
            r
            for r in phrases[(other, row.doc_id)]
            if r.evidence and evidence_overlaps(r.evidence, evidence)
        ]
        if not hits:
            out["no row on that phrase"] += 1
        elif any(r.skill_id for r in hits):
            out["another vocabulary entry"] += 1
        else:
            out["a proposed label"] += 1
    return out


def csv_text(header: list[str], rows: Iterable[dict[str, str]]) -> str:
    """The CSV text of ``rows`` (``\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def read_gold(path: str | Path = GOLD) -> dict[str, DocumentGold]:
    """Document id -> its gold and uncertain skill ids, from ``gold.csv``."""
    out: dict[str, DocumentGold] = defaultdict(DocumentGold)
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            doc = out[row["doc_id"]]
            if row["status"] == "gold":
                doc.gold[row["skill_id"]] = row["level"]
                doc.evidence[row["skill_id"]] = row["evidence_a"] or row["evidence_b"]
            else:
                doc.uncertain.add(row["skill_id"])
    return dict(out)


def gold_file(root: Path = ANNOTATIONS.parent) -> Path:
    """The gold file of a documents folder laid out as ``matching/data/documents``."""
    return root / ANNOTATIONS.name / GOLD.name


def document_ids(root: Path = ANNOTATIONS.parent) -> list[str]:
    """Ids of every document of the corpus in ``root`` (the file stems)."""
    return sorted(
        p.stem for folder in ("vacancies", "cvs", "curricula") for p in root.glob(f"{folder}/*.md")
    )


def print_agreement(
    stats: dict[str, dict[str, float]],
    gold: list[GoldRow],
    gaps: list,
    passes: tuple[Sequence[Annotation], Sequence[Annotation]],
) -> None:
    """The agreement table and the resolution counts, for people."""
    print("kind\tdocs\tskills_a\tskills_b\tboth\tf1_micro\tf1_macro\tlevel_agreement")
    for kind, s in stats.items():
        level = (
            f"{s['level_same']}/{s['level_both']} = {s['level_agreement']:.3f}"
            if "level_both" in s
            else "-"
        )
        print(
            f"{kind}\t{s['documents']}\t{s['skills_a']}\t{s['skills_b']}\t{s['skills_both']}"
            f"\t{s['f1_micro']:.3f}\t{s['f1_macro']:.3f}\t{level}"
        )
    status = Counter((kind_of(r.doc_id), r.status) for r in gold)
    for kind in KINDS.values():
        print(f"{kind}: gold {status[(kind, 'gold')]}, uncertain {status[(kind, 'uncertain')]}")
    reasons = uncertain_reasons(gold, *passes)
    print(
        "uncertain, by what the other pass gave for that phrase: "
        + ", ".join(f"{name} {count}" for name, count in reasons.most_common())
    )
    resolved = sum(1 for r in gold if r.level_a and r.level_b and r.level_a != r.level_b)
    print(
        f"level disagreements resolved by rule: {resolved}; vocabulary gaps (merged): {len(gaps)}"
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    p = argparse.ArgumentParser(
        prog="python -m matching.lab.document_gold", description=__doc__.split("\n")[0]
    )
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if out of date")
    p.add_argument("--root", type=Path, default=ANNOTATIONS.parent, help="a documents folder")
    args = p.parse_args(argv)
    notes = args.root / ANNOTATIONS.name
    pass_a = with_gap_skills(read_pass(notes / PASS_A.name))
    pass_b = with_gap_skills(read_pass(notes / PASS_B.name))
    stats = agreement(pass_a, pass_b, document_ids(args.root))
    gold = build_gold(pass_a, pass_b)
    gaps = build_gaps(pass_a, pass_b)
    print_agreement(stats, gold, gaps, (pass_a, pass_b))
    texts = {
        gold_file(args.root): csv_text(GOLD_HEADER, (vars(r) for r in gold)),
        notes / GAPS.name: csv_text(GAPS_HEADER, gaps),
    }
    stale = [
        path.name
        for path, text in texts.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    if args.check:
        print(
            "out of date: " + ", ".join(stale) if stale else "gold.csv and gaps.csv are up to date"
        )
    else:
        for path, text in texts.items():
            path.write_text(text, encoding="utf-8")
    rounded = {k: {n: round(v, 4) for n, v in s.items()} for k, s in stats.items()}
    print(json.dumps(rounded))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
