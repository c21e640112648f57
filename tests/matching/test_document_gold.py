"""The annotation passes' agreement, the gold rule and the shipped gold file (no model needed)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from matching.lab.document_gold import (
    GAPS,
    GOLD,
    Annotation,
    agreement,
    build_gaps,
    build_gold,
    main,
    norm_label,
    read_gold,
    resolve_level,
    uncertain_reasons,
)
from matching.vocab import load_vocabulary

ROOT = Path(__file__).resolve().parents[2]


def row(doc: str, skill: str, level: str, evidence: str = "x", proposed: str = "") -> Annotation:
    """An annotation row (label_en is not used by the rule)."""
    return Annotation(doc, skill, skill.upper() if skill else "", level, proposed, evidence)


PASS_A = [
    row("v001", "s1", "required", "Menguasai MikroTik"),
    row("v001", "s2", "nice", "Git menjadi nilai tambah"),
    row("v001", "s3", "required", "paham Linux"),
    row("v001", "s4", "required", "SQL dasar"),
    row("v001", "", "required", "VLAN", proposed="VLAN configuration"),
    row("c001", "s1", "has", "MikroTik"),
]
PASS_B = [
    row("v001", "s1", "required", "MikroTik"),
    row("v001", "s2", "required", "Git"),  # same mention read as required: nice wins
    row("v001", "s3", "nice", "sertifikat LPI menjadi nilai tambah"),  # two places: required wins
    row("v001", "s5", "required", "Docker"),
    row("v001", "", "required", "VLAN", proposed="vlan  Configuration"),
    row("c001", "s1", "has", "MikroTik"),
    row("c001", "s9", "has", "Excel"),
    row("c001", "", "has", "Dapodik", proposed="Dapodik"),
]


def test_gold_rule_on_a_hand_case() -> None:
    gold = {(r.doc_id, r.skill_id): r for r in build_gold(PASS_A, PASS_B)}
    assert {k: r.status for k, r in gold.items()} == {
        ("c001", "s1"): "gold",
        ("c001", "s9"): "uncertain",
        ("v001", "s1"): "gold",
        ("v001", "s2"): "gold",
        ("v001", "s3"): "gold",
        ("v001", "s4"): "uncertain",
        ("v001", "s5"): "uncertain",
    }
    assert gold[("v001", "s1")].level == "required"
    assert gold[("v001", "s2")].level == "nice"  # evidence overlaps ("Git" in the other phrase)
    assert gold[("v001", "s3")].level == "required"  # two different mentions, one a requirement
    assert gold[("v001", "s4")].level_b == "" and gold[("v001", "s4")].level == "required"


def test_level_rule_refuses_levels_of_other_kinds() -> None:
    with pytest.raises(ValueError):
        resolve_level(row("v001", "s1", "required"), row("v001", "s1", "has"))


def test_agreement_is_pairwise_f1_per_kind() -> None:
    stats = agreement(PASS_A, PASS_B, ["v001", "c001"])
    vacancy, cv = stats["vacancy"], stats["cv"]
    # v001: A = {s1..s4}, B = {s1, s2, s3, s5}: 2 * 3 / (4 + 4)
    assert (vacancy["skills_a"], vacancy["skills_b"], vacancy["skills_both"]) == (4, 4, 3)
    assert vacancy["f1_micro"] == pytest.approx(0.75)
    assert vacancy["level_same"] == 1 and vacancy["level_agreement"] == pytest.approx(1 / 3)
    assert cv["f1_micro"] == pytest.approx(2 * 1 / 3)
    assert "level_agreement" not in cv
    assert stats["curriculum"]["documents"] == 0


def test_gaps_merge_by_normalised_label_and_count_each_pass() -> None:
    gaps = {norm_label(g["label"]): g for g in build_gaps(PASS_A, PASS_B)}
    assert set(gaps) == {"vlan configuration", "dapodik"}
    vlan = gaps["vlan configuration"]
    assert (vlan["docs_a"], vlan["docs_b"], vlan["docs_both"]) == ("1", "1", "1")
    assert gaps["dapodik"]["docs_a"] == "0" and gaps["dapodik"]["kinds"] == "cv"


def test_shipped_gold_and_gaps_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check"]) == 0, capsys.readouterr().out
    assert GOLD.exists() and GAPS.exists()


def test_every_gold_skill_id_is_in_the_vocabulary() -> None:
    labels = {s.id: s.label_en for s in load_vocabulary().skills}
    with GOLD.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    assert [r["skill_id"] for r in rows if r["skill_id"] not in labels] == []
    assert [r for r in rows if labels[r["skill_id"]] != r["label_en"]] == []
    gold = read_gold()
    assert all(doc.gold or doc.uncertain for doc in gold.values())


def test_both_passes_pass_the_checker() -> None:
    result = subprocess.run(
        [sys.executable, "matching/lab/check_annotations.py", "--all"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert "pass_a.csv: 0 problems" in result.stdout and "pass_b.csv: 0 problems" in result.stdout


def test_uncertain_reasons_name_what_the_other_pass_did() -> None:
    pass_a = [
        row("v001", "s1", "required", "router MikroTik"),
        row("v001", "s2", "required", "VLAN"),
        row("v001", "s3", "required", "Docker"),
    ]
    pass_b = [
        row("v001", "s9", "required", "MikroTik"),  # another entry for the same phrase
        row("v001", "", "required", "VLAN", proposed="VLAN configuration"),
    ]
    reasons = uncertain_reasons(build_gold(pass_a, pass_b), pass_a, pass_b)
    assert reasons == {
        "another vocabulary entry": 2,  # s1 (A) and s9 (B) overlap each other
        "a proposed label": 1,
        "no row on that phrase": 1,
    }


@pytest.mark.parametrize(("folder", "first"), [("HELD_OUT", 101), ("HELD_OUT_SECOND", 109)])
def test_the_held_out_curricula_gold_is_up_to_date(
    capsys: pytest.CaptureFixture[str], folder: str, first: int
) -> None:
    from matching.lab import evaluate_documents
    from matching.lab.document_gold import gold_file
    from matching.lab.evaluate_documents import curriculum_outcomes, load_documents

    root = getattr(evaluate_documents, folder)
    assert main(["--check", "--root", str(root)]) == 0, capsys.readouterr().out
    docs = load_documents(["curriculum"], root)
    assert [d.doc_id for d in docs] == [f"k{n}" for n in range(first, first + 8)]
    assert all(curriculum_outcomes(d) for d in docs)  # the upload parser reads each
    gold = read_gold(gold_file(root))
    assert all(gold[d.doc_id].gold for d in docs)
    assert not {d.doc_id for d in docs} & {d.doc_id for d in load_documents(["curriculum"])}
