"""Matching rules: explained scores, fast rankings equal to them, filters, training plans."""

from __future__ import annotations

import numpy as np
import pytest

from matching.scoring import (
    ELSEWHERE,
    EMPTY_PROFILE,
    NOTHING_TO_SCORE,
    ONLINE,
    SAME_REGION,
    MatchExplanation,
    MatchFilters,
    NeighbourParams,
    ScoringParams,
    SeekerIndex,
    SeekerSkills,
    SkillNeighbours,
    TrainingOffer,
    VacancyIndex,
    VacancyRequirements,
    demand_gaps,
    plan_trainings,
    score_match,
)

NEAR = SkillNeighbours.from_pairs([("django", "python", 0.6), ("postgresql", "sql", 0.8)])


def seeker(skills: set[str], sid: str = "s1", **kw: object) -> SeekerSkills:
    return SeekerSkills(sid, frozenset(skills), **kw)  # type: ignore[arg-type]


def vacancy(
    required: set[str], preferred: set[str] = frozenset(), vid: str = "v1", **kw: object
) -> VacancyRequirements:
    return VacancyRequirements(vid, frozenset(required), frozenset(preferred), **kw)  # type: ignore[arg-type]


# --- score_match ----------------------------------------------------------------------------


def test_x_of_y_required_skills_matched_and_missing_listed() -> None:
    result = score_match(
        seeker({"python", "sql", "git"}),
        vacancy({"python", "sql", "docker"}, {"git", "linux"}),
        NEAR,
    )
    assert (result.required_matched_count, result.required_total) == (2, 3)
    assert result.required_matched == ("python", "sql")
    assert result.required_missing == ("docker",)
    assert result.preferred_matched == ("git",)
    assert result.preferred_missing == ("linux",)
    assert result.components == pytest.approx({"required": 2 / 3, "preferred": 0.5})
    assert result.weights == pytest.approx({"required": 0.75 / 0.9, "preferred": 0.15 / 0.9})
    assert result.percent == round(100 * (0.75 * 2 / 3 + 0.15 * 0.5) / 0.9)


def test_score_is_the_weighted_sum_of_the_components_shown() -> None:
    result = score_match(seeker({"python", "sql"}), vacancy({"django", "sql"}, {"git"}), NEAR, 0.4)
    assert sum(result.weights.values()) == pytest.approx(1.0)
    shown = sum(result.weights[c] * result.components[c] for c in result.components)
    assert result.score == pytest.approx(shown)
    assert set(result.components) == {"required", "preferred", "text"}


NO_NEAR = SkillNeighbours.from_pairs([])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # every part non-zero: required 1/2, preferred 1/2, text 0.4
        (ScoringParams(), 0.75 * 0.5 + 0.15 * 0.5 + 0.10 * 0.4),
        # the same weights scaled by two give the same score
        (ScoringParams(weight_required=1.5, weight_preferred=0.3, weight_text=0.2), 0.49),
        # other weights give another score
        (ScoringParams(weight_required=0.2, weight_preferred=0.3, weight_text=0.5), 0.45),
        (ScoringParams(weight_required=1.0, weight_preferred=0.0, weight_text=0.0), 0.5),
    ],
)
def test_score_in_closed_form(params: ScoringParams, expected: float) -> None:
    result = score_match(
        seeker({"python", "git"}),
        vacancy({"python", "sql"}, {"git", "linux"}),
        NO_NEAR,
        0.4,
        params=params,
    )
    assert result.components == pytest.approx({"required": 0.5, "preferred": 0.5, "text": 0.4})
    assert result.score == pytest.approx(expected)
    assert result.percent == round(100 * expected)


@pytest.mark.parametrize("similarity", [0.01, 0.5, 0.9, 0.989])
@pytest.mark.parametrize("credit_factor", [0.0, 0.3, 0.5, 0.99])
def test_partial_credit_is_never_full_credit(similarity: float, credit_factor: float) -> None:
    near = SkillNeighbours.from_pairs([("django", "python", similarity)])
    params = ScoringParams(credit_factor=credit_factor)
    result = score_match(seeker({"python"}), vacancy({"django"}), near, params=params)
    assert result.required_matched_count == 0
    assert result.components["required"] < 1.0
    if credit_factor > 0:
        (partial,) = result.required_partial
        assert (partial.skill, partial.near_skill) == ("django", "python")
        assert partial.credit == pytest.approx(credit_factor * similarity)
        assert result.required_gaps == ("django",)
    else:
        assert result.required_missing == ("django",)


@pytest.mark.parametrize("bad", [0.0, 1.0, 1.2])
def test_similarity_outside_open_unit_interval_is_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match="similarity"):
        SkillNeighbours.from_pairs([("a", "b", bad)])


def test_credit_factor_of_one_is_rejected() -> None:
    with pytest.raises(ValueError, match="credit_factor"):
        ScoringParams(credit_factor=1.0)


def test_best_near_skill_wins() -> None:
    near = SkillNeighbours.from_pairs([("django", "python", 0.6), ("django", "flask", 0.7)])
    result = score_match(seeker({"python", "flask"}), vacancy({"django"}), near)
    assert result.required_partial[0].near_skill == "flask"


@pytest.mark.parametrize("text", [None, 0.8])
def test_empty_profile_gets_no_score(text: float | None) -> None:
    result = score_match(seeker(set()), vacancy({"python"}, {"git"}), NEAR, text)
    assert result.score is None and result.percent is None
    assert result.reason == EMPTY_PROFILE
    assert result.required_missing == ("python",)
    assert result.components == {}


def test_vacancy_without_required_skills_scores_on_the_rest() -> None:
    only_preferred = score_match(seeker({"git"}), vacancy(set(), {"git", "linux"}), NEAR)
    assert only_preferred.required_total == 0
    assert only_preferred.weights == {"preferred": 1.0}
    assert only_preferred.score == pytest.approx(0.5)
    text_only = score_match(seeker({"git"}), vacancy(set()), NEAR, 0.3)
    assert text_only.weights == {"text": 1.0} and text_only.score == pytest.approx(0.3)
    nothing = score_match(seeker({"git"}), vacancy(set()), NEAR)
    assert nothing.score is None and nothing.reason == NOTHING_TO_SCORE


def test_negative_text_similarity_counts_as_zero() -> None:
    result = score_match(seeker({"python"}), vacancy({"python"}), NEAR, -0.4)
    assert result.components["text"] == 0.0


def test_location_and_education_are_shown_not_scored() -> None:
    job = vacancy({"python", "sql"}, region="cilegon", education="s1")
    near_home = score_match(seeker({"python"}, region="cilegon", education="smk"), job, NEAR)
    far = score_match(seeker({"python"}, region="lebak", education="s1"), job, NEAR)
    assert near_home.score == far.score
    assert (near_home.same_region, far.same_region) == (True, False)
    assert (far.seeker_education, far.vacancy_education) == ("s1", "s1")


def test_skill_both_required_and_preferred_counts_as_required() -> None:
    job = vacancy({"python"}, {"python", "git"})
    assert job.preferred == frozenset({"git"})


# --- neighbours from embeddings -------------------------------------------------------------


def test_neighbours_from_embeddings_keep_top_k_above_floor_rescaled() -> None:
    angles = np.array([0.0, 0.1, 0.2, 0.3, 1.5])
    vectors = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    ids = ["a", "b", "c", "d", "far"]
    params = NeighbourParams(k=2, cosine_floor=0.9, block_rows=2)
    near = SkillNeighbours.from_embeddings(ids, vectors, params)
    assert set(near.near("a")) == {"b", "c"}
    assert near.near("a")["b"] == pytest.approx((np.cos(0.1) - 0.9) / 0.1, rel=1e-4)
    assert near.near("far") == {}
    assert all(0 < s < 1 for skill in ids for s in near.near(skill).values())


# --- fast indexes ---------------------------------------------------------------------------


def random_world(
    seed: int, n_vacancies: int = 120, n_seekers: int = 150, n_skills: int = 40
) -> tuple[SkillNeighbours, list[VacancyRequirements], list[SeekerSkills], np.ndarray, np.ndarray]:
    """Random neighbours, vacancies and seekers (some empty), text vectors (some missing)."""
    rng = np.random.default_rng(seed)
    skills = [f"k{i}" for i in range(n_skills)]
    pairs = {
        (skills[a], skills[b], float(rng.uniform(0.05, 0.98)))
        for a, b in rng.integers(0, n_skills, size=(60, 2))
        if a != b
    }
    near = SkillNeighbours.from_pairs(pairs, symmetric=False)

    def pick(lo: int, hi: int) -> frozenset[str]:
        return frozenset(rng.choice(skills, size=rng.integers(lo, hi + 1), replace=False))

    vacancies = [
        VacancyRequirements(f"v{i}", pick(0, 6), pick(0, 4), region=f"r{i % 3}")
        for i in range(n_vacancies)
    ]
    extra = {True: frozenset({"unlisted"}), False: frozenset()}  # a skill no vacancy knows
    seekers = [
        SeekerSkills(f"s{i}", pick(0, 8) | extra[i % 17 == 0], region=f"r{i % 4}")
        for i in range(n_seekers)
    ]

    def text(n: int) -> np.ndarray:
        rows = rng.standard_normal((n, 16)).astype(np.float32)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        rows[rng.random(n) < 0.2] = 0.0  # some items have no text vector
        return rows

    return near, vacancies, seekers, text(n_vacancies), text(n_seekers)


def expected(
    s: SeekerSkills, v: VacancyRequirements, sv: np.ndarray, vv: np.ndarray, near: SkillNeighbours
) -> MatchExplanation:
    text = float(sv @ vv) if np.any(sv) and np.any(vv) else None
    return score_match(s, v, near, text)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_vacancy_index_scores_equal_score_match(seed: int) -> None:
    near, vacancies, seekers, vtext, stext = random_world(seed)
    index = VacancyIndex(vacancies, near, vtext)
    for s, sv in list(zip(seekers, stext, strict=True))[:40]:
        scores, valid = index.scores(s, sv)
        for row, v in enumerate(vacancies):
            want = expected(s, v, sv, vtext[row], near)
            assert valid[row] == (want.score is not None)
            if want.score is not None:
                assert scores[row] == pytest.approx(want.score, abs=1e-6)


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_seeker_index_scores_equal_score_match(seed: int) -> None:
    near, vacancies, seekers, vtext, stext = random_world(seed)
    index = SeekerIndex(seekers, near, stext)
    for v, vv in list(zip(vacancies, vtext, strict=True))[:40]:
        scores, valid = index.scores(v, vv)
        for row, s in enumerate(seekers):
            want = expected(s, v, stext[row], vv, near)
            assert valid[row] == (want.score is not None)
            if want.score is not None:
                assert scores[row] == pytest.approx(want.score, abs=1e-6)


def test_top_k_is_the_best_k_in_order_with_explanations() -> None:
    near, vacancies, seekers, vtext, stext = random_world(7)
    index = VacancyIndex(vacancies, near, vtext)
    s = next(x for x in seekers if x.skills)
    sv = stext[seekers.index(s)]
    top = index.top_vacancies_for(s, k=10, text_vector=sv)
    every = sorted(
        (e.score for v, t in zip(vacancies, vtext, strict=True)
         if (e := expected(s, v, sv, t, near)).score is not None),
        reverse=True,
    )  # fmt: skip
    assert [t.score for t in top] == pytest.approx(every[:10], abs=1e-6)
    explained = index.recommend(s, k=10, text_vector=sv)
    assert [e.vacancy_id for e in explained] == [t.item_id for t in top]
    assert [e.score for e in explained] == pytest.approx([t.score for t in top], abs=1e-6)
    assert index.vacancy(top[0].item_id) == vacancies[top[0].row]


def test_empty_profile_is_never_ranked() -> None:
    index = VacancyIndex([vacancy({"python"})], NEAR)
    assert index.top_vacancies_for(seeker(set())) == []
    assert index.recommend(seeker(set())) == []
    people = SeekerIndex([seeker(set(), "empty"), seeker({"python"}, "full")], NEAR)
    assert [r.item_id for r in people.top_seekers_for(vacancy({"python"}))] == ["full"]


def test_vacancy_filters_apply_before_top_k() -> None:
    jobs = [
        vacancy({"python"}, vid="a", region="cilegon", education="s1", employment_type="contract"),
        vacancy({"python"}, vid="b", region="lebak", education="smk", employment_type="full_time"),
        vacancy({"python", "sql"}, vid="c", region="cilegon", education="smk"),
    ]
    index = VacancyIndex(jobs, NEAR)
    me = seeker({"python"})

    def ids(**kw: object) -> list[str]:
        return [r.item_id for r in index.top_vacancies_for(me, 1, MatchFilters(**kw))]  # type: ignore[arg-type]

    assert ids() == ["a"]  # a and b tie at 100%: lower row first
    assert ids(regions={"lebak"}) == ["b"]
    assert ids(education_levels={"smk"}, regions={"cilegon"}) == ["c"]
    assert ids(employment_types={"full_time"}) == ["b"]
    assert ids(exclude={"a"}) == ["b"]
    index.set_active("a", False)
    assert ids() == ["b"]


def test_seeker_filters_and_visibility() -> None:
    people = [
        seeker({"python"}, "hidden", region="cilegon", visible=False),
        seeker({"python"}, "intern", region="cilegon", employment_types={"internship"}),
        seeker({"python"}, "any", region="lebak", education="smk"),
    ]
    index = SeekerIndex(people, NEAR)
    job = vacancy({"python"})

    def ids(**kw: object) -> list[str]:
        return [r.item_id for r in index.top_seekers_for(job, 5, MatchFilters(**kw))]  # type: ignore[arg-type]

    assert ids() == ["intern", "any"]
    assert ids(regions={"cilegon"}) == ["intern"]
    assert ids(employment_types={"full_time"}) == ["any"]
    assert ids(education_levels={"smk"}) == ["any"]
    explained = index.candidates(job, 5)
    assert [e.seeker_id for e in explained] == ["intern", "any"]
    assert explained[0].required_matched == ("python",)
    assert index.seeker("intern") == people[1]


def test_skill_demand_by_region() -> None:
    jobs = [
        vacancy({"python", "sql"}, vid="a", region="cilegon"),
        vacancy({"sql"}, vid="b", region="cilegon"),
        vacancy({"java"}, vid="c", region="lebak"),
    ]
    index = VacancyIndex(jobs, NEAR)
    assert index.skill_demand({"cilegon"}) == [("sql", 2), ("python", 1)]
    assert demand_gaps({"sql"}, index.skill_demand({"cilegon"})) == ("python",)


# --- training plans -------------------------------------------------------------------------


def offer(tid: str, skills: set[str], **kw: object) -> TrainingOffer:
    return TrainingOffer(tid, tid.title(), frozenset(skills), **kw)  # type: ignore[arg-type]


def test_plan_uses_fewest_trainings() -> None:
    catalogue = [
        offer("docker", {"docker"}, region="serang"),
        offer("k8s", {"kubernetes"}, region="serang"),
        offer("devops", {"docker", "kubernetes", "linux"}, region="lebak"),
        offer("linux", {"linux"}, region="serang"),
    ]
    plan = plan_trainings({"docker", "kubernetes", "linux"}, catalogue, home_region="serang")
    assert [s.training.training_id for s in plan.steps] == ["devops"]
    assert plan.steps[0].closes == ("docker", "kubernetes", "linux")
    assert plan.steps[0].distance == ELSEWHERE
    assert plan.uncovered == ()


@pytest.mark.parametrize(
    ("home", "winner", "where"),
    [("serang", "local", SAME_REGION), ("lebak", "web", ONLINE), (None, "web", ONLINE)],
)
def test_plan_prefers_nearby_then_cheaper(home: str | None, winner: str, where: str) -> None:
    catalogue = [
        offer("far", {"sql"}, region="cilegon", cost=0),
        offer("web", {"sql"}, online=True, cost=500_000),
        offer("web-cheap", {"sql"}, online=True, cost=100_000),
        offer("local", {"sql"}, region="serang", cost=900_000),
    ]
    if winner == "web":
        winner = "web-cheap"
    plan = plan_trainings({"sql"}, catalogue, home_region=home)
    assert [(s.training.training_id, s.distance) for s in plan.steps] == [(winner, where)]


def test_plan_drops_redundant_picks_and_reports_uncovered() -> None:
    catalogue = [
        offer("ab", {"a", "b"}),
        offer("cd", {"c", "d"}),
        offer("bc", {"b", "c"}),
    ]
    plan = plan_trainings({"a", "b", "c", "d", "e"}, catalogue)
    assert [s.training.training_id for s in plan.steps] == ["ab", "cd"]
    assert plan.closed == ("a", "b", "c", "d")
    assert plan.uncovered == ("e",)


def test_plan_shows_near_skill_training_as_partial() -> None:
    catalogue = [offer("py", {"python"}, region="serang"), offer("git", {"git"})]
    plan = plan_trainings({"django", "git", "rust"}, catalogue, "serang", neighbours=NEAR)
    by_id = {s.training.training_id: s for s in plan.steps}
    assert by_id["git"].closes == ("git",)
    assert by_id["py"].closes == ()
    (partial,) = by_id["py"].partial
    assert (partial.skill, partial.near_skill, partial.credit) == ("django", "python", 0.3)
    assert plan.partially_covered == ("django",)
    assert plan.uncovered == ("rust",)


def test_plan_for_chosen_vacancy_gaps() -> None:
    result = score_match(seeker({"python"}), vacancy({"django", "docker", "python"}), NEAR)
    plan = plan_trainings(result.required_gaps, [offer("dj", {"django"}), offer("dk", {"docker"})])
    assert plan.closed == ("django", "docker") and plan.uncovered == ()


def test_ties_at_the_cut_go_to_the_lower_rows() -> None:
    jobs = [vacancy({"python"}, vid=f"v{i}") for i in range(50)] + [
        vacancy({"python", "x"}, vid="half")
    ]
    index = VacancyIndex(jobs, NEAR)
    top = index.top_vacancies_for(seeker({"python"}), k=7)
    assert [t.item_id for t in top] == [f"v{i}" for i in range(7)]


def test_restricted_neighbours_keep_only_related_pairs() -> None:
    from matching.scoring import SkillNeighbours

    near = SkillNeighbours({"mysql": {"postgresql": 0.6, "php": 0.7}, "php": {"laravel": 0.8}})
    groups = {"mysql": "db", "postgresql": "db", "php": "lang", "laravel": "lang"}
    kept = near.restricted(lambda a, b: groups[a] == groups[b])
    assert kept.near("mysql") == {"postgresql": 0.6}
    assert kept.near("php") == {"laravel": 0.8}
