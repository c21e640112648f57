"""Metric code, fold split and document reading of ``matching.lab.evaluate_documents`` (no model)."""

from __future__ import annotations

import pytest

from matching.lab.document_gold import DocumentGold, kind_of
from matching.lab.evaluate_documents import (
    Counts,
    Document,
    SiteOutput,
    Suggested,
    fold_split,
    kind_metrics,
    load_documents,
    metrics,
    score_document,
    site_texts,
    train_test_splits,
    vacancy_fields,
)

GOLD = DocumentGold(gold={"a": "required", "b": "nice", "c": "required"}, uncertain={"u"})


def test_score_document_on_a_hand_case() -> None:
    predicted = {
        "a": Suggested("a", 0.9, "Menguasai A", "required"),  # TP, level right
        "b": Suggested("b", 0.8, "B wajib", "required"),  # TP, level wrong
        "u": Suggested("u", 0.7, "U"),  # one pass only: neither way
        "x": Suggested("x", 0.6, "X"),  # FP
        "y": Suggested("y", 0.5, "Y"),  # FP
    }
    counts = score_document(predicted, GOLD)
    assert (counts.tp, counts.fp, counts.fn, counts.uncertain) == (2, 2, 1, 1)
    assert (counts.level_right, counts.level_total) == (1, 2)
    m = metrics(counts, 1)
    assert m["precision"] == pytest.approx(0.5)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert m["level_accuracy"] == pytest.approx(0.5)


def test_metrics_are_micro_averaged_over_documents() -> None:
    output = SiteOutput(
        suggestions={
            "v001": {"a": Suggested("a", 1.0, "A", "required")},
            "v002": {"x": Suggested("x", 1.0, "X", "required")},
            "c001": {},
        }
    )
    gold = {"v001": GOLD, "v002": DocumentGold(gold={"z": "required"})}
    result = kind_metrics(output, gold, ["v001", "v002", "c001"])
    vacancy = result["vacancy"]
    assert (vacancy["tp"], vacancy["fp"], vacancy["fn"]) == (1, 1, 3)
    assert vacancy["precision"] == pytest.approx(0.5) and vacancy["recall"] == pytest.approx(0.25)
    assert result["cv"]["documents"] == 1 and result["cv"]["f1"] == 0.0
    assert "level_accuracy" not in result["cv"]


def test_empty_counts_give_zero_not_an_error() -> None:
    assert metrics(Counts(), 0)["f1"] == 0.0


IDS = [f"v{i:03d}" for i in range(1, 65)] + [f"c{i:03d}" for i in range(1, 21)]
IDS += [f"k{i:03d}" for i in range(1, 16)]


def test_fold_split_is_deterministic_disjoint_and_covering() -> None:
    folds = fold_split(IDS, 5)
    assert folds == fold_split(list(reversed(IDS)), 5)  # order of the input does not matter
    assert sorted(d for f in folds for d in f) == sorted(IDS)
    assert sum(len(f) for f in folds) == len(set(IDS))  # disjoint
    for kind in ("vacancy", "cv", "curriculum"):
        sizes = [sum(kind_of(d) == kind for d in f) for f in folds]
        assert max(sizes) - min(sizes) <= 1  # each kind dealt evenly
    assert fold_split(IDS, 5, seed=14) != folds


def test_train_test_splits_hold_each_fold_out_once() -> None:
    splits = train_test_splits(IDS, 4)
    assert len(splits) == 4
    for train, held_out in splits:
        assert not set(train) & set(held_out)
        assert sorted(train + held_out) == sorted(IDS)
    assert sorted(d for _, held in splits for d in held) == sorted(IDS)


def test_fold_split_needs_two_folds() -> None:
    with pytest.raises(ValueError):
        fold_split(IDS, 1)


def test_vacancy_title_and_description() -> None:
    title, description = vacancy_fields("# Staf IT Support\n\n**PT X** mencari...\n- Bisa Linux\n")
    assert title == "Staf IT Support"
    assert description == "**PT X** mencari...\n- Bisa Linux"


def test_corpus_documents_and_their_site_texts() -> None:
    docs = load_documents()
    kinds = [d.kind for d in docs]
    assert (kinds.count("vacancy"), kinds.count("cv"), kinds.count("curriculum")) == (64, 20, 15)
    vacancy = next(d for d in docs if d.doc_id == "v001")
    assert site_texts(vacancy) == [
        vacancy.text.replace("# ", "", 1).strip().replace("\n\n", "\n", 1)
    ]
    outcomes = site_texts(next(d for d in docs if d.doc_id == "k001"))
    assert outcomes and all("mampu" in o for o in outcomes)


def test_a_curriculum_the_parser_rejects_has_no_texts() -> None:
    assert site_texts(Document("k999", "curriculum", "Hanya satu baris tanpa unit.")) is None
