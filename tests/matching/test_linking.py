"""Skill linking on a small slice of the shipped vocabulary, with the real e5 model."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.linking import SkillEntry, SkillForm, SkillIndex, Weights
from matching.linking.extract import extract
from matching.linking.lexical import AliasTable
from matching.linking.params import ExtractParams
from matching.linking.sources import entries_from_vocabulary
from matching.linking.text import clauses, norm_key, sentences

NETWORK = "02058de6-4b98-449f-8a45-8588b0eb2446"  # network engineering / rekayasa jaringan
DATABASE = "43ae58b9-5e56-4524-b45a-b422777a0576"  # database / basis data
OOP = "5b9cde20-f1b9-4adc-bfb3-dbf70b14138d"  # use object-oriented programming
JAVASCRIPT = "3cd569a2-4f88-4c1e-9995-8dce8c5e51a7"
KUBERNETES = "tool-kubernetes"
WANTED = {NETWORK, DATABASE, OOP, JAVASCRIPT, KUBERNETES}


@pytest.fixture(scope="module")
def small_entries() -> list[SkillEntry]:
    """The five skills under test plus 75 other skills of the shipped vocabulary as distractors."""
    from matching.vocab import load_vocabulary

    entries = entries_from_vocabulary(load_vocabulary())
    chosen = [e for e in entries if e.skill_id in WANTED]
    assert len(chosen) == len(WANTED)
    others = [e for e in entries if e.skill_id not in WANTED][::20][:75]
    return chosen + others


@pytest.fixture(scope="module")
def index(small_entries: list[SkillEntry], e5_embedder) -> SkillIndex:  # noqa: ANN001
    """A small index with the real e5 model and default weights."""
    return SkillIndex.build(
        small_entries, e5_embedder, Weights(), ExtractParams(threshold=0.0, max_per_sentence=20)
    )


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("jaringan komputer", NETWORK),
        ("computer networking", NETWORK),
        ("basis data", DATABASE),
        ("database", DATABASE),
        ("k8s", KUBERNETES),
        ("Paham konsep OOP", OOP),
        ("Lulusan SMK TKJ", NETWORK),
        ("javascrip", JAVASCRIPT),
    ],
)
def test_rank_top1(index: SkillIndex, text: str, skill: str) -> None:
    ranked = index.rank(text, k=3)
    assert ranked[0].skill_id == skill, [r.label for r in ranked]
    assert ranked[0].score >= ranked[1].score >= ranked[2].score


def test_bilingual_pairs_land_on_the_same_skill(index: SkillIndex) -> None:
    for id_text, en_text in [
        ("jaringan komputer", "computer networking"),
        ("basis data", "database"),
    ]:
        assert index.rank(id_text, 1)[0].skill_id == index.rank(en_text, 1)[0].skill_id


def test_extract_evidence_offsets_point_at_the_words(index: SkillIndex) -> None:
    text = "Dicari: lulusan TKJ.\nMenguasai javascrip dan basis data MySQL, paham OOP serta k8s."
    mentions = extract(index, text, index.extract_params)
    by_skill = {m.skill_id: m for m in mentions}
    for skill, words, method in [
        (NETWORK, "TKJ", "alias"),
        (JAVASCRIPT, "javascrip", "fuzzy"),
        (DATABASE, "basis data", "alias"),
        (OOP, "OOP", "alias"),
        (KUBERNETES, "k8s", "alias"),
    ]:
        m = by_skill[skill]
        assert (m.evidence, m.method) == (words, method)
        assert text[m.start : m.end] == m.evidence
    for m in mentions:
        assert text[m.start : m.end] == m.evidence
        assert m.method in ("alias", "fuzzy", "semantic")


def test_extract_semantic_span_is_a_clause(
    small_entries: list[SkillEntry],
    e5_embedder,  # noqa: ANN001
) -> None:
    # with the calibrated weights of e5 alone: with the defaults the sentence's best skill was a
    # coin toss between network engineering and "keep up with digital transformation of
    # industrial processes" (fused scores 0.113 and 0.105, the order flipped by the int8 export)
    from matching.linking.calibration import load_calibration

    calibration = load_calibration(e5_embedder.model_id)
    assert calibration.calibrated
    weights = calibration.product_weights
    index = SkillIndex.build(small_entries, e5_embedder, weights, ExtractParams())
    text = "Kami mencari orang yang bisa merancang dan mengelola infrastruktur jaringan kantor."
    mentions = extract(
        index, text, ExtractParams(threshold=0.0, max_per_sentence=20, top_semantic=1)
    )
    semantic = [m for m in mentions if m.method == "semantic"]
    assert semantic and all(text[m.start : m.end] == m.evidence for m in semantic)
    assert semantic[0].skill_id == NETWORK
    assert semantic[0].evidence == "mengelola infrastruktur jaringan kantor"  # a clause, not all


def test_short_abbreviations_respect_case() -> None:
    table = AliasTable([(0, "OOP", "abbr", 1.0), (1, "Go", "tool", 1.0), (2, "golang", "alt", 1.0)])
    assert [h.skill for h in table.find("paham OOP")] == [0]
    assert table.find("paham oop, let's go") == []
    assert [h.skill for h in table.find("Golang or Go")] == [2, 1]
    lower = AliasTable([(0, "git", "alt", 1.0)])
    assert len(lower.find("Git, git dan GIT")) == 3 and lower.find("gIT") == []


def test_segmentation_keeps_offsets() -> None:
    text = "Menguasai HTML, CSS dan JavaScript.\n- Git (GitHub/GitLab)"
    parts = [c for s in sentences(text) for c in clauses(s, text)]
    assert [c.text for c in parts] == [
        "Menguasai HTML",
        "CSS",
        "JavaScript",
        "Git",
        "GitHub/GitLab",
    ]
    assert all(text[c.start : c.end] == c.text for c in parts)
    assert (
        norm_key("CI/CD") == "ci cd"
        and norm_key("Node.js") == "node.js"
        and norm_key("C++") == "c++"
    )


def test_any_vocabulary_works_without_forms(e5_embedder) -> None:  # noqa: ANN001
    entries = [
        SkillEntry("a", "Python (computer programming)"),
        SkillEntry("b", "teamwork"),
        SkillEntry("c", "cook meals", (SkillForm("memasak", "id", "label_id"),)),
    ]
    index = SkillIndex.build(entries, e5_embedder)
    assert index.rank("bisa memasak makanan", 1)[0].skill_id == "c"
    assert [r.skill_id for r in index.rank("python developer", 3)][0] == "a"


def test_snapshot_reload_ranks_the_same(
    small_entries: list[SkillEntry], e5_embedder, tmp_path
) -> None:  # noqa: ANN001
    from matching.linking.store import build_or_load

    first = build_or_load(small_entries, e5_embedder, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("index-*.pkl"))) == 1
    again = build_or_load(small_entries, e5_embedder, cache_dir=tmp_path)
    text = "Menguasai basis data dan jaringan komputer"
    assert [r.skill_id for r in first.rank(text, 5)] == [r.skill_id for r in again.rank(text, 5)]


def test_second_embedder_signals_and_snapshot(
    small_entries: list[SkillEntry], e5_embedder, use, tmp_path
) -> None:  # noqa: ANN001
    """USE as the second embedder: its own label/form cosines, fused when weighted, kept in
    snapshots under the pair's id, and the same mentions whether computed here or in extract."""
    from dataclasses import replace

    from matching.linking.store import build_or_load, combined_model_id

    weights = Weights(aux_label=0.5, aux_form=0.5)
    index = build_or_load(small_entries, e5_embedder, weights, cache_dir=tmp_path, aux=use)
    assert index.aux_label_emb.shape == (len(small_entries), use.dim)
    assert index.aux_form_emb.shape == (len(index.form_text), use.dim)
    text = "Menguasai basis data"
    sig = index.signals([text], weighted_only=True)
    assert {"aux_label", "aux_form"} <= set(sig)
    assert "aux_form" not in replace(index, weights=Weights(aux_label=0.5)).signals(
        [text], weighted_only=True
    )
    assert index.rank(text, 1)[0].skill_id == DATABASE

    def no_build(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("rebuilt instead of loading the snapshot")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(SkillIndex, "build", no_build)
        again = build_or_load(small_entries, e5_embedder, weights, cache_dir=tmp_path, aux=use)
    assert again.aux is use
    assert (again.aux_form_emb == index.aux_form_emb).all()
    alone = build_or_load(small_entries, e5_embedder, weights, cache_dir=tmp_path)
    assert alone.aux is None and alone.aux_label_emb is None  # another snapshot: another id
    assert len(list(tmp_path.glob("index-*.pkl"))) == 2
    assert combined_model_id(e5_embedder, use) == f"{e5_embedder.model_id} + {use.model_id}"
    fused = index.fuse(index.signals([text]))
    assert fused.argmax() == index.position(DATABASE)
    assert {m.skill_id for m in index.extract(text)} >= {DATABASE}


def test_overlapping_extracts_restore_the_blas_threads(index: SkillIndex) -> None:
    """The one-BLAS-thread limit of extract is process-wide: overlapping calls must not leave it
    at 1 after they finish."""
    import threading

    from matching.blas import _blas

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in _blas().info() if i["user_api"] == "blas"]

    before = blas_threads()
    start = threading.Barrier(6)

    def run() -> None:
        start.wait()
        index.extract("Menguasai basis data dan jaringan komputer. Paham konsep OOP.")

    workers = [threading.Thread(target=run) for _ in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert blas_threads() == before


def test_calibration_learns_to_skip_lines_naming_no_skill(index: SkillIndex) -> None:
    """Fitted on sentences with gold skills and on boilerplate lines, the calibration keeps the
    right skills and drops every mention of the boilerplate."""
    from matching.lab.linking.extract_fit import (
        ExtractSet,
        Scored,
        calibrate_extract,
        cross_validate,
    )

    data = ExtractSet(
        cases=[
            ("Menguasai basis data MySQL", {DATABASE}),
            ("Paham konsep OOP", {OOP}),
            ("Mampu merancang jaringan komputer kantor", {NETWORK}),
            ("Terbiasa ngoding javascript", {JAVASCRIPT}),
            ("Pengalaman deploy aplikasi di k8s", {KUBERNETES}),
        ],
        negatives=[
            "Gaji UMK dan BPJS Ketenagakerjaan",
            "Penempatan di Serang",
            "Usia maksimal 30 tahun",
            "Kirim CV ke email HRD paling lambat akhir bulan",
        ],
    )
    judged = {e.skill_id for e in index.entries}
    params = calibrate_extract(index, data, {}, judged, log=lambda _m: None)
    scored = Scored.of(index, data)
    m = scored.metrics(index, params, {}, judged)
    assert m["judged"]["coverage"] >= 0.8 and m["judged"]["precision"] >= 0.8
    assert m["no_skill"]["false_alarm_rate"] == 0.0
    # cross-validated: each fold is scored by a fit that never saw it
    fits: list[tuple[set[int], set[int], ExtractParams]] = []

    def recording_fit(index, data, parents, judged, log):  # noqa: ANN001, ANN202
        params = calibrate_extract(index, data, parents, judged, log=log)
        fits.append(({id(x) for x in data.positives}, {id(x) for x in data.negatives}, params))
        return params

    cv = cross_validate(index, scored, {}, judged, folds=3, fit=recording_fit)
    assert len(fits) == 3
    for group in (scored.positives, scored.negatives):  # each sentence left out of one fit
        seen = [sum(id(x) in f[0] | f[1] for f in fits) for x in group]
        assert seen == [2] * len(group)
    covered = 0
    for pos, neg, params in fits:  # pooled coverage, recomputed fold by fold
        held = [i for i, x in enumerate(scored.positives) if id(x) not in pos]
        assert held and len(neg) < len(scored.negatives)  # no empty fold
        part = Scored([scored.positives[i] for i in held], [scored.golds[i] for i in held], [])
        covered += part.metrics(index, params, {}, judged)["judged"]["coverage"] * len(held)
    assert cv["judged"]["coverage"] == pytest.approx(covered / 5)
    assert cv["judged"]["n"] == 5 and cv["no_skill"]["n"] == 4
    # and on lines it was not fitted on
    assert extract(index, "Jam kerja Senin sampai Jumat, lokasi di Cikande", params) == []
    assert DATABASE in {m.skill_id for m in extract(index, "Mampu mengelola basis data", params)}


def _features(fused: float, cosine: float = 0.0) -> tuple[float, ...]:
    """A candidate's ``FEATURES`` with the fused score and cosine set, the rest 0."""
    from matching.linking.params import FEATURES

    named = {"fused": fused, "cosine": cosine}
    return tuple(float(named.get(name, 0.0)) for name in FEATURES)


def _params(**kw) -> ExtractParams:  # noqa: ANN003
    """Extract parameters whose candidate probability is sigmoid(fused)."""
    from matching.linking.params import FEATURES

    return ExtractParams(coef=(1.0,) + (0.0,) * (len(FEATURES) - 1), intercept=0.0, **kw)


def test_select_caps_guesses_but_not_exact_names() -> None:
    from matching.linking.candidates import Candidate
    from matching.linking.extract import select

    params = _params(threshold=0.5, max_per_sentence=1)

    def cand(skill: int, sentence: int, logit: float, exact: bool = False) -> Candidate:
        return Candidate(skill, sentence, _features(logit), 0, 1, "alias", exact_name=exact)

    found = [
        cand(0, 1, 3.0),  # kept: the best guess of sentence 1
        cand(0, 0, 2.0),  # the same skill again: kept once, and it does not use sentence 0's cap
        cand(1, 0, 1.0),  # kept: sentence 0's one guess
        cand(4, 0, 0.8),  # over the cap of one guess per sentence
        cand(2, 0, 0.5, exact=True),  # an exact name: not held to the cap
        cand(3, 0, -1.0, exact=True),  # below the threshold all the same
    ]
    kept = select(found, params)
    assert sorted((c.skill, c.sentence) for _, c in kept) == [(0, 1), (1, 0), (2, 0)]


def test_gate_keeps_the_best_guess_of_a_line_that_names_a_skill() -> None:
    """A sentence passing the gate keeps its most probable candidate below the threshold; one
    failing it keeps only candidates above the threshold."""
    from matching.linking.candidates import Candidate
    from matching.linking.extract import select

    params = _params(
        threshold=0.9,
        max_per_sentence=2,
        gate_coef=(0.0, 0.0, 10.0, 0.0, 0.0, 0.0),  # the gate reads the top candidate's cosine
        gate_intercept=-8.5,
        gate_threshold=0.5,
    )

    def cand(skill: int, sentence: int, logit: float, cosine: float) -> Candidate:
        return Candidate(skill, sentence, _features(logit, cosine), 0, 1, "semantic")

    found = [
        cand(0, 0, 0.0, 0.90),  # p 0.5 < 0.9, but its sentence passes the gate (cosine .90)
        cand(1, 0, -1.0, 0.88),  # not the best of its sentence: the threshold holds
        cand(2, 1, 0.5, 0.80),  # a line naming no skill (cosine .80): below threshold, dropped
        cand(3, 1, 3.0, 0.80),  # ... but a candidate above the threshold is kept all the same
    ]
    assert sorted(c.skill for _, c in select(found, params)) == [0, 3]


def test_gate_keeps_a_skill_concept_beside_a_named_tool() -> None:
    """When a line's most probable candidate is a named tool ("Mampu membuat wireframe di
    Figma"), its most probable skill concept is kept too, below the threshold; a line whose best
    candidate is a concept keeps that one only."""
    from matching.linking.candidates import Candidate
    from matching.linking.extract import select

    params = _params(
        threshold=0.9,
        max_per_sentence=2,
        gate_coef=(0.0, 0.0, 10.0, 0.0, 0.0, 0.0),
        gate_intercept=-5.0,
        gate_threshold=0.5,
    )

    def cand(skill: int, sentence: int, logit: float, tool: bool = False) -> Candidate:
        features = _features(logit, cosine=0.9)  # every line passes the gate
        return Candidate(skill, sentence, features, 0, 1, "alias", exact_name=tool, tool=tool)

    found = [
        cand(0, 0, 2.0, tool=True),  # Figma: the line's best candidate, a tool
        cand(1, 0, 0.5),  # create website wireframe: its best concept, kept below threshold
        cand(2, 0, 0.2),  # a second concept: the threshold holds
        cand(3, 1, 0.5),  # sentence 1's best candidate is a concept: kept
        cand(4, 1, 0.4),  # not kept
    ]
    assert sorted(c.skill for _, c in select(found, params)) == [0, 1, 3]
    # a tool that is only a guess (no exact name in the line) does not earn a second guess
    guessed = Candidate(5, 2, _features(2.0, cosine=0.9), 0, 1, "semantic", tool=True)
    found = [guessed, cand(6, 2, 0.5)]
    assert [c.skill for _, c in select(found, params)] == [5]


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("Kualifikasi:", True),
        ("Tanggung Jawab:", True),
        ("Requirements:", True),
        ("Job Type: Full-time", False),
        ("Skills: Python, SQL", False),
        ("Menguasai bahasa pemrograman berikut:", False),
        ("Docker", False),
    ],
)
def test_section_headers_name_no_skill(line: str, header: bool) -> None:
    from matching.linking.text import is_header

    assert is_header(line) is header


def test_aliases_written_from_training_misses_are_held_out_of_calibration(
    tmp_path: Path,
) -> None:
    from matching.lab.linking.benchmark import drop_forms
    from matching.lab.linking.extract_fit import training_forms
    from matching.linking import SkillForm

    (tmp_path / "aliases_01.csv").write_text(
        "id,label_en,alias_id,shorthand_id,abbr,alias_en,typo\ns1,a,basis data,,,,\n",
        encoding="utf-8",
    )
    (tmp_path / "aliases_04_train_misses.csv").write_text(
        "id,label_en,alias_id,shorthand_id,abbr,alias_en,typo\n"
        "s1,a,membersihkan  Data|id:merapikan data,bersihin data,,data cleaning,\n",
        encoding="utf-8",
    )
    held = training_forms(tmp_path)
    assert held == {
        ("s1", "membersihkan data"),
        ("s1", "merapikan data"),
        ("s1", "bersihin data"),
        ("s1", "data cleaning"),
    }
    entry = SkillEntry(
        "s1", "a", (SkillForm("basis data", "id", "alias"), SkillForm("Data Cleaning", "en", "alt"))
    )
    assert [f.text for f in drop_forms([entry], held)[0].forms] == ["basis data"]


def test_an_acronym_alternative_label_of_one_skill_weighs_like_an_abbreviation() -> None:
    from matching.linking.lexical import FORM_WEIGHTS, form_weights

    forms = [
        (0, SkillForm("DNS")),  # one skill's acronym: a name
        (1, SkillForm("ICT")),  # two skills share it: not a name of either
        (2, SkillForm("ICT")),
        (3, SkillForm("ML")),  # two letters: too short
        (4, SkillForm("Dns")),  # not written as an acronym
        (5, SkillForm("DNS server", kind="shorthand")),
    ]
    assert form_weights(forms) == [FORM_WEIGHTS["abbr"]] + [FORM_WEIGHTS["alt"]] * 4 + [0.8]
