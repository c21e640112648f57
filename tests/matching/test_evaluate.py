"""Protocol math of ``matching.lab.evaluate`` on tiny hand-made files (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from matching.lab.evaluate import build_queries, gold_ranks, main, protocol_metrics, read_rows

LABELS = ["python", "java", "sql", "teamwork", "css", "html"]


def test_grouping_dedups_gold_and_drops_unknown_labels(tmp_path: Path) -> None:
    path = tmp_path / "ann.csv"
    path.write_text(
        "sentence,span,sub_span,label\n"
        "know python and sql,python,,python\n"
        "know python and sql,python,,python\n"  # annotated twice: counts once
        "know python and sql,sql,,sql\n"
        "know python and sql,x,,LABEL NOT PRESENT\n"
        "only junk here,x,,LABEL NOT PRESENT\n"  # no gold left: sentence dropped
        "not in space,x,,UNDERSPECIFIED\n"
        "team player,team,,teamwork\n",
        encoding="utf-8",
    )
    queries = build_queries(read_rows(path, "decorte"), LABELS)
    assert [(q.sentence, q.gold) for q in queries] == [
        ("know python and sql", (0, 2)),
        ("team player", (3,)),
    ]


def test_idgold_format(tmp_path: Path) -> None:
    path = tmp_path / "id.csv"
    path.write_text(
        "sentence,label,kind\nBisa CSS,css,job_ad\nBisa CSS,html,job_ad\n", encoding="utf-8"
    )
    assert build_queries(read_rows(path, "idgold"), LABELS)[0].gold == (4, 5)


def test_unknown_format_and_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("text,label\nx,python\n", encoding="utf-8")
    with pytest.raises(ValueError, match="format"):
        read_rows(path, "conll")
    with pytest.raises(ValueError, match="sentence"):
        read_rows(path, "idgold")


def test_ranks_break_ties_by_label_order() -> None:
    scores = np.array([0.5, 0.9, 0.5, 0.1])
    assert gold_ranks(scores, (0, 2, 1)) == [2, 3, 1]


@pytest.mark.parametrize(
    ("rows", "golds", "expected"),
    [
        # gold at rank 1 and 3 of 2 golds: RP@1 = 1/1, RP@5 = 2/2, MRR = 1
        ([[9, 1, 8, 7, 0, 0]], [(0, 3)], {"rp1": 1.0, "rp5": 1.0, "rp10": 1.0, "mrr": 1.0}),
        # single gold at rank 6: RP@1 = 0, RP@5 = 0, RP@10 = 1, MRR = 1/6
        ([[6, 5, 4, 3, 2, 1]], [(5,)], {"rp1": 0.0, "rp5": 0.0, "rp10": 1.0, "mrr": 1 / 6}),
        # two queries averaged; second has golds at ranks 2 and 6 -> RP@5 = 1/2, MRR = 1/2
        (
            [[1, 0, 0, 0, 0, 0], [5, 6, 4, 3, 2, 1]],
            [(0,), (0, 5)],
            {"rp1": 0.5, "rp5": 0.75, "rp10": 1.0, "mrr": 0.75},
        ),
    ],
)
def test_protocol_metrics(
    rows: list[list[float]], golds: list[tuple[int, ...]], expected: dict
) -> None:
    from matching.lab.evaluate import Query

    queries = [Query(f"s{i}", g) for i, g in enumerate(golds)]
    result = protocol_metrics(np.array(rows, dtype=float), queries)
    assert result["n"] == len(queries)
    for key, value in expected.items():
        assert result[key] == pytest.approx(value)


def test_cli_json_last_line_has_exactly_the_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels = tmp_path / "labels.txt"
    labels.write_text("\n".join(LABELS) + "\n", encoding="utf-8")
    ann = tmp_path / "ann.csv"
    ann.write_text(
        "sentence,label,kind\nwrite sql queries,sql,job_ad\nteamwork,teamwork,job_ad\n",
        encoding="utf-8",
    )
    code = main(
        [
            "--labels",
            str(labels),
            "--annotations",
            str(ann),
            "--format",
            "idgold",
            "--json",
            "--variant",
            "tfidf",
            "--esco-table",
            "",
            "--no-vocabulary",
            "--model",
            "minilm",
        ]
    )
    assert code == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    result = json.loads(last)
    assert set(result) == {"n", "rp1", "rp5", "rp10", "mrr"}
    assert result["n"] == 2 and result["rp1"] == 1.0


def test_bio_spans_and_span_scores() -> None:
    from matching.lab.linking.extract_eval import bio_spans, char_to_tokens, span_prf, token_offsets

    assert bio_spans(["O", "B", "I", "O", "I", "B"]) == [(1, 3), (4, 5), (5, 6)]
    text, offsets = token_offsets(["Know", "Python", "well"])
    assert text == "Know Python well" and char_to_tokens(5, 11, offsets) == (1, 2)
    result = span_prf([{(1, 2), (3, 4)}], [{(1, 2), (2, 5)}])
    assert result["strict_p"] == 0.5 and result["strict_r"] == 0.5
    assert result["loose_p"] == 1.0 and result["loose_r"] == 1.0


def test_sentence_scores_judged_and_parent_credit() -> None:
    from matching.lab.linking.extract_eval import sentence_scores
    from matching.linking import SkillMention

    def m(skill: str) -> SkillMention:
        return SkillMention(skill, 0.9, 0, 1, "x", "alias")

    found = [[m("a"), m("tool-x")], [m("b")]]
    golds = [{"a"}, {"c"}]
    assert sentence_scores(found, golds)["precision"] == pytest.approx(1 / 3)
    assert sentence_scores(found, golds, {"tool-x": "a"})["precision"] == pytest.approx(2 / 3)
    judged = sentence_scores(found, golds, None, judged={"a", "b", "c"})
    assert judged["precision"] == 0.5 and judged["unjudged_per_sentence"] == 0.5
    assert judged["coverage"] == 0.5


def test_calibration_is_per_model(tmp_path: Path) -> None:
    from matching.linking.calibration import Calibration, load_calibration, save_calibration
    from matching.linking.params import ExtractParams, Weights

    path = tmp_path / "calibration.json"
    save_calibration(
        Calibration("model-a", Weights(alias=1.5), ExtractParams(threshold=0.7), True),
        {"dev_metrics": {}},
        path,
    )
    loaded = load_calibration("model-a", path)
    assert loaded.calibrated and loaded.weights.alias == 1.5 and loaded.extract.threshold == 0.7
    other = load_calibration("model-b", path)
    assert not other.calibrated and other.weights == Weights()


def test_every_shipped_model_configuration_is_calibrated(e5_model_dir) -> None:  # noqa: ANN001
    """The default (e5 int8 + USE), e5 alone and the float e5 have stored calibrations; the
    default uses the second embedder."""
    from matching.linking.calibration import load_calibration
    from matching.linking.params import FEATURES
    from matching.linking.runtime import load_aux, load_embedder
    from matching.linking.store import combined_model_id

    for model in ("e5", "e5-solo", "e5-float"):
        pair = combined_model_id(load_embedder(model), load_aux(model))
        stored = load_calibration(pair)
        assert stored.calibrated, pair
        assert len(stored.extract.coef) == len(FEATURES), f"{pair}: recalibrate extract"
    default = load_calibration(combined_model_id(load_embedder("e5"), load_aux("e5")))
    assert default.weights.aux_label or default.weights.aux_form
    with pytest.raises(ValueError, match="unknown model"):
        load_embedder("e5-int8")


def test_no_skill_lines_give_the_false_alarm_rate(tmp_path: Path) -> None:
    from matching.lab.linking.extract_eval import false_alarms, idgold_cases, idgold_negatives
    from matching.linking import SkillMention

    path = tmp_path / "gold.csv"
    path.write_text(
        "sentence,label,kind\n"
        "Paham OOP,use object-oriented programming,job_ad\n"
        "Gaji UMK,LABEL NOT PRESENT,job_ad\n"
        "Penempatan di Serang,LABEL NOT PRESENT,job_ad\n",
        encoding="utf-8",
    )
    assert idgold_negatives(path) == ["Gaji UMK", "Penempatan di Serang"]
    assert idgold_cases(path, {"use object-oriented programming": "oop"}) == [
        ("Paham OOP", {"oop"})
    ]
    hit = SkillMention("x", 0.9, 0, 4, "Gaji", "semantic")
    assert false_alarms([[hit, hit], []]) == {
        "n": 2,
        "false_alarm_rate": 0.5,
        "mentions_per_sentence": 1.0,
    }


@pytest.mark.parametrize("name", ["id_train.csv", "id_train_breadth.csv"])
def test_project_training_sentences_are_well_formed(name: str) -> None:
    """The project's annotated sentences: sentence,label,kind rows; a no-skill line has no other
    label; with the shared benchmark data present, every gold label joins to a skill of the
    shipped vocabulary."""
    import csv

    from matching.lab.evaluate import ESCO_TABLE, NOT_PRESENT
    from matching.lab.linking.extract_eval import BENCH, ID_TRAIN, idgold_cases, idgold_negatives

    path = ID_TRAIN.with_name(name)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(rows[0]) == {"sentence", "label", "kind"}
    assert {r["kind"] for r in rows} <= {"job_ad", "curriculum", "cv"}
    labels: dict[str, set[str]] = {}
    for r in rows:
        labels.setdefault(r["sentence"], set()).add(r["label"])
    assert all(ls == {NOT_PRESENT} or NOT_PRESENT not in ls for ls in labels.values())
    negatives = idgold_negatives(path)
    assert len(negatives) >= 90 and len(labels) - len(negatives) >= 300
    if not (BENCH / "skills_en_label.txt").exists() or not ESCO_TABLE.exists():
        pytest.skip("the shared benchmark data is not beside the checkout")
    from matching.lab.linking.benchmark import read_label_file, vocabulary_label_map
    from matching.linking.runtime import load_vocabulary_or_none

    label_map = vocabulary_label_map(
        load_vocabulary_or_none(), read_label_file(BENCH / "skills_en_label.txt"), ESCO_TABLE
    )
    missing = {r["label"] for r in rows if r["label"] not in label_map} - {NOT_PRESENT}
    assert not missing
    assert len(idgold_cases(path, label_map)) == len(labels) - len(negatives)


def test_training_data_shares_no_text_with_the_dev_split() -> None:
    """The dev split stays held out: no training sentence shares a five-word run with a dev
    sentence, and no alias written from the training sentences' misses occurs in one."""
    import csv

    from matching.lab.linking.extract_eval import BENCH, ID_TRAIN, ID_TRAIN_BREADTH
    from matching.lab.linking.extract_fit import BREADTH_MISSES, training_forms
    from matching.linking.text import tokens

    if not (BENCH / "id_dev.csv").exists():
        pytest.skip("the shared benchmark data is not beside the checkout")

    def runs(sentence: str, lengths: range) -> set[str]:
        words = [t.norm for t in tokens(sentence)]
        return {" ".join(words[i : i + n]) for n in lengths for i in range(len(words) - n + 1)}

    def sentences(path: Path) -> set[str]:
        with open(path, encoding="utf-8", newline="") as fh:
            return {row["sentence"] for row in csv.DictReader(fh)}

    dev = sentences(BENCH / "id_dev.csv")
    dev_fives = set().union(*(runs(s, range(5, 6)) for s in dev))
    train = sentences(ID_TRAIN) | sentences(ID_TRAIN_BREADTH)
    shared = [s for s in train if runs(s, range(5, 6)) & dev_fives]
    assert not shared
    dev_runs = set().union(*(runs(s, range(1, 7)) for s in dev))
    written = training_forms() | training_forms(pattern=BREADTH_MISSES)
    assert not [text for _, text in written if text in dev_runs]
