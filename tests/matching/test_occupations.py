"""The occupation classifier: pure pieces on hand-made values, then clear titles with the real
e5 model (loaded once a session)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from matching.lab.occupations.evaluate import (
    OUTSIDE_MARGINS,
    evaluation_outside,
    folds_of,
    read_examples,
    read_groups,
    shared_word_mask,
)
from matching.occupations import (
    GroupProfile,
    GroupText,
    OccupationClassifier,
    OccupationParams,
    VacancyText,
    build_profiles,
    esco_occupations,
    example_titles,
    load_params,
    outside_titles,
)
from matching.occupations.classifier import (
    group_similarity,
    names_ict,
    skill_idf,
    skill_overlap,
    softmax,
    title_core,
    with_outside,
)


class WordEmbedder:
    """A tiny deterministic embedder: one dimension per known word (plumbing tests)."""

    model_id = "words"

    def __init__(self, words: Sequence[str]) -> None:
        self.words = [w.casefold() for w in words]
        self.dim = len(words)
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str], *, kind: str = "query", batch_size: int = 64):  # type: ignore[no-untyped-def]
        self.calls.append(len(texts))
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.casefold().split():
                if word in self.words:
                    rows[i, self.words.index(word)] = 1.0
        norms = np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
        return rows / norms


PROFILES = [
    GroupProfile("2513", ("web developer", "pengembang web"), frozenset({"php", "html"})),
    GroupProfile("3512", ("it support", "helpdesk"), frozenset({"troubleshoot"})),
    GroupProfile("2166", ("desainer grafis",), frozenset({"photoshop", "html"})),
]
WORDS = ["web", "developer", "pengembang", "it", "support", "helpdesk", "desainer", "grafis"]


def test_example_titles_are_read_from_a_kbji_description() -> None:
    description = (
        "Tugas meliputi:\na) sesuatu;\nContoh jabatan yang diklasifikasikan di sini:\n"
        "- Teknisi jaringan komputer\n- Teknisi pendukung jaringan \n"
        "Beberapa jabatan terkait yang diklasifikasikan di tempat lain:\n- Administrator - 2522"
    )
    assert example_titles(description) == [
        "Teknisi jaringan komputer",
        "Teknisi pendukung jaringan",
    ]
    assert example_titles("no examples here") == []


def test_profiles_gather_names_and_skills_of_the_esco_occupations_of_a_code() -> None:
    groups = [GroupText("3512", "Teknisi Pendukung", "User support technicians", "")]
    (profile,) = build_profiles(groups, esco_occupations())
    assert profile.labels[:2] == ("Teknisi Pendukung", "User support technicians")
    assert "ICT help desk agent" in profile.labels and "petugas helpdesk TI" in profile.labels
    assert len(profile.labels) == len({label.casefold() for label in profile.labels})
    assert profile.skills  # the ESCO occupations of 3512 list skills


def test_soft_maximum_rewards_a_group_with_several_near_names() -> None:
    sims = np.array([[0.9, 0.1, 0.9, 0.9]], dtype=np.float32)  # groups: [0, 1] and [2, 3]
    scores = group_similarity(sims, np.array([0, 2]), sharpness=50.0)
    assert scores[0, 1] > scores[0, 0]
    nearest = group_similarity(sims, np.array([0, 2]), sharpness=10_000.0)
    assert nearest[0] == pytest.approx([0.9, 0.9], abs=1e-3)


def test_skill_overlap_counts_required_fully_preferred_by_half_and_ignores_unknown() -> None:
    idf = skill_idf(PROFILES)
    assert idf["php"] > idf["html"]  # html is listed by two groups
    both = skill_overlap(VacancyText("x", ("php",), ("troubleshoot",)), PROFILES, idf)
    assert both[0] == pytest.approx(idf["php"] / (idf["php"] + 0.5 * idf["troubleshoot"]))
    assert both[0] > both[1] > 0 and both[2] == 0
    assert not skill_overlap(VacancyText("x", ("unknown-skill",)), PROFILES, idf).any()


def test_classifier_ranks_by_title_then_skills_and_embeds_the_names_once() -> None:
    embedder = WordEmbedder(WORDS)
    params = OccupationParams(skill_weight=0.0, temperature=0.05, threshold=0.0)
    classifier = OccupationClassifier(embedder, PROFILES, params)
    guesses = classifier.classify("Web Developer", required=["photoshop"])
    assert guesses[0].code == "2513"
    assert 0 < guesses[0].confidence <= 1 and guesses[0].title_similarity > 0.9
    classifier.classify("IT Support")
    assert embedder.calls.count(sum(len(p.labels) for p in PROFILES)) == 1  # names once
    # a title that says nothing: the skills decide
    weighted = OccupationClassifier(embedder, PROFILES, OccupationParams(skill_weight=1.0))
    assert weighted.classify("Staf", required=["troubleshoot"])[0].code == "3512"


def test_a_guess_below_the_threshold_is_not_assigned() -> None:
    embedder = WordEmbedder(WORDS)
    sure = OccupationClassifier(embedder, PROFILES, OccupationParams(threshold=0.5))
    assert sure.assign(sure.classify("Helpdesk IT Support")).code == "3512"
    assert sure.assign(sure.classify("Kasir")) is None  # no word known: uniform confidence
    (unsure,) = sure.decide_many([VacancyText("Kasir")])
    assert (unsure.guess, unsure.outside) == (None, False)  # not sure, and no outside class


def test_a_title_nearer_the_outside_names_is_not_assigned_and_outside_is_never_a_guess() -> None:
    words = [*WORDS, "kasir", "toko"]
    embedder = WordEmbedder(words)
    params = OccupationParams(temperature=0.05, threshold=0.5, outside_margin=0.0)
    classifier = OccupationClassifier(embedder, PROFILES, params, outside=("kasir toko",))
    guesses = classifier.classify("Kasir Toko Web")  # nearer the outside name than web developer
    assert {g.code for g in guesses} <= {p.code for p in PROFILES}
    assert classifier.assign(guesses) is None
    assert classifier.assign(classifier.classify("Web Developer")).code == "2513"
    decided, kept = classifier.decide_many(
        [VacancyText("Kasir Toko Web"), VacancyText("Web Developer")]
    )
    assert (decided.guess, decided.outside) == (None, True)
    assert kept.guess is not None and kept.guess.code == "2513" and not kept.outside
    # the same title without the outside class goes to the web group
    plain = OccupationClassifier(
        embedder, PROFILES, OccupationParams(temperature=0.05, threshold=0.5)
    )
    assert plain.assign(plain.classify("Kasir Toko Web")).code == "2513"
    # off (margin None) is the same as no outside names
    off = OccupationClassifier(
        embedder, PROFILES, replace(params, outside_margin=None), ("kasir toko",)
    )
    assert off.classify("Kasir Toko Web") == plain.classify("Kasir Toko Web")


def test_a_title_meets_the_outside_names_without_its_leading_staf() -> None:
    assert title_core("Staf Gudang") == "Gudang"
    assert title_core("Staff / Admin Gudang") == "Admin Gudang"
    assert title_core("  karyawan   kasir ") == "kasir"
    assert title_core("Staffing Specialist") == "Staffing Specialist"  # a word, not the head
    assert title_core("Staf") == "Staf"  # nothing left: the title as it is
    words = [*WORDS, "staf", "gudang"]
    embedder = WordEmbedder(words)
    params = OccupationParams(temperature=0.05, threshold=0.5, outside_margin=0.0)
    classifier = OccupationClassifier(embedder, PROFILES, params, outside=("Staf Gudang",))
    _, outside = classifier.similarities(["Staf Gudang Web"])
    # compared as "Gudang Web" with "Gudang": cosine 1 / sqrt(2), not that of the full titles
    assert outside is not None and outside[0] == pytest.approx(2**-0.5, abs=1e-6)
    # a mask (the evaluation's --strict) holds after the core is embedded again
    _, masked = classifier.similarities(["Staf Gudang Web"], mask=np.array([[False]]))
    assert masked is not None and masked[0] == -1.0


def test_the_outside_score_is_a_handicapped_last_column() -> None:
    scores = np.array([[0.8, 0.7]])
    np.testing.assert_allclose(with_outside(scores, np.array([0.9]), 0.05), [[0.8, 0.7, 0.85]])
    assert with_outside(scores, np.array([0.9]), None) is scores
    assert with_outside(scores, None, 0.0) is scores


def test_softmax_rows_sum_to_one() -> None:
    probs = softmax(np.array([[0.9, 0.8, 0.1]]), 0.05)
    assert probs.sum() == pytest.approx(1.0) and probs.argmax() == 0


def test_the_title_set_is_large_its_codes_known_and_folds_disjoint() -> None:
    examples = read_examples()
    codes = {g.code for g in read_groups()}
    assert sum(1 for e in examples if e.gold) >= 150
    assert {e.gold for e in examples if e.gold} <= codes
    folds = folds_of(len(examples), 5, seed=0)
    joined = np.concatenate(folds)
    assert sorted(joined.tolist()) == list(range(len(examples)))


def test_an_unknown_skill_in_the_title_set_names_its_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "titles.csv"
    path.write_text("title,skills,kbji\nWeb Developer,PHP;Nonexistent Skill,2513\n")
    with pytest.raises(ValueError, match="line 2: unknown skill 'Nonexistent Skill'"):
        read_examples(path)


def test_stored_parameters_are_the_cross_validated_ones() -> None:
    params = load_params()
    assert params.label_kind in ("query", "passage") and 0 < params.temperature < 1
    assert params.outside_margin in OUTSIDE_MARGINS


@pytest.fixture(scope="session")
def e5_classifier(e5_embedder) -> OccupationClassifier:  # type: ignore[no-untyped-def]
    """The shipped groups and parameters over the real e5 model (names embedded once)."""
    profiles = build_profiles(read_groups(), esco_occupations())
    return OccupationClassifier(e5_embedder, profiles, load_params(), outside_titles())


@pytest.mark.parametrize(
    ("title", "skills", "code"),
    [
        ("Staf IT Support", (), "3512"),
        ("Teknisi Jaringan", (), "3513"),
        ("Web Developer (Laravel)", ("tool-laravel",), "2513"),
        ("Desainer Grafis", (), "2166"),
        ("Petugas Entri Data", (), "4132"),
        ("Database Administrator", (), "2521"),
        ("Network Engineer", (), "2523"),
        ("Software Tester", (), "2519"),
    ],
)
def test_clear_titles_get_their_group(e5_classifier, title, skills, code) -> None:  # type: ignore[no-untyped-def]
    guesses = e5_classifier.classify(title, required=skills)
    assert guesses[0].code == code, guesses
    assert guesses[0].confidence > guesses[1].confidence
    assert e5_classifier.assign(guesses) is not None


# Titles of other work, none of them a line of occupation_outside.csv or of the title set: the
# walk that found the defect gave them an ICT group ("Staf Gudang Bahan Baku" went to 4132).
@pytest.mark.parametrize(
    "title",
    [
        "Staf Gudang Bahan Baku",
        "Perawat Klinik Perusahaan",
        "Kasir Swalayan",
        "Sopir Forklift Gudang",
    ],
)
def test_titles_of_other_work_get_no_ict_group(e5_classifier, title) -> None:  # type: ignore[no-untyped-def]
    assert load_params().outside_margin is not None
    assert e5_classifier.assign(e5_classifier.classify(title)) is None


# Work next to ICT (the outside list's names of it, 2026-12-07), none of these a line of the list
# or of the title set; and the same kinds of title naming IT, which stay in the table.
@pytest.mark.parametrize(
    ("title", "outside"),
    [
        ("Digital Marketing Officer", True),
        ("Penulis Konten Blog", True),
        ("Admin Shopee dan Tokopedia", True),
        ("Tukang Listrik Gedung", True),
        ("Admin IT Toko Online", False),
        ("Staf IT E-commerce", False),
        ("Teknisi Listrik dan Jaringan Komputer", False),
    ],
)
def test_work_next_to_ict_is_outside_unless_the_title_names_it(
    e5_classifier, title, outside
) -> None:  # type: ignore[no-untyped-def]
    (decided,) = e5_classifier.decide_many([VacancyText(title)])
    assert decided.outside is outside, decided
    assert (decided.guess is None) is outside


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("Admin IT Toko Online", True),
        ("Staf TI Kantor Cabang", True),
        ("Teknisi TIK Sekolah", True),
        ("ICT Officer", True),
        ("IT-Support", True),
        ("Guru TIK", True),
        ("Staff Non IT", False),
        ("Non-IT Admin", False),
        ("Admin TIK TOK", False),  # the app, not ICT work
        ("PT TIKI Jalur Nugraha", False),
        ("Tim Kreatif", False),
        ("Admin Toko Online", False),
        ("Staf it", False),  # lower case: a syllable as often as the acronym
    ],
)
def test_names_ict_reads_the_acronyms_as_written(title: str, named: bool) -> None:
    assert names_ict(title) is named


def test_a_title_naming_ict_never_meets_the_outside_class() -> None:
    words = [*WORDS, "kasir", "toko", "IT"]
    embedder = WordEmbedder(words)
    params = OccupationParams(temperature=0.05, threshold=0.5, outside_margin=0.0)
    classifier = OccupationClassifier(embedder, PROFILES, params, outside=("kasir toko",))
    _, outside = classifier.similarities(["Kasir Toko Web IT", "Kasir Toko Web", "Non IT Kasir"])
    assert outside is not None
    assert outside[0] == -1.0  # below every cosine: the outside class cannot win
    assert outside[1] > 0.5 and outside[2] > 0.0  # "Non IT" names no ICT work: a real cosine
    (named,) = classifier.decide_many([VacancyText("Kasir Toko Web IT")])
    assert not named.outside
    (plain,) = classifier.decide_many([VacancyText("Kasir Toko Web")])
    assert plain.outside and plain.guess is None


def test_the_evaluation_leaves_out_outside_names_that_are_titles_of_its_set() -> None:
    titles = [e.vacancy.title for e in read_examples()]
    outside = [t.casefold() for t in outside_titles()]
    assert len(outside) >= 100 and len(set(outside)) == len(outside)
    used = {title_core(t).casefold() for t in evaluation_outside(titles)}
    assert not used & {title_core(t).casefold() for t in titles}
    assert "marketing properti" not in used  # the core of a title of the set
    assert len(used) >= len(outside) - 10


def test_strict_evaluation_masks_the_outside_names_sharing_a_word() -> None:
    mask = shared_word_mask(
        ["Sales Motor", "Staf IT"], ["Sales Motor Dealer", "Staf Legal", "Perawat"]
    )
    assert mask.tolist() == [[False, True, True], [True, True, True]]  # "staf" is not a word here
