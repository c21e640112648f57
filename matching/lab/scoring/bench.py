"""Speed of ranking on generated data: index build, top-k vacancies per seeker and vice versa.

    python -m matching.lab.scoring.bench [--vacancies 200000] [--seekers 200000] [--skills 2000]

Generates Zipf-like skill popularity, 4-10 skills per vacancy (about 2/3 required), 3-15 per
seeker, clustered skill-label vectors (so near skills exist), random 384-d text vectors and
Banten regions; builds both indexes (time, array bytes, peak RSS) and times top-k vacancies for
one seeker and top-k seekers for one vacancy over ``--queries`` queries (median and p95, ms),
without and with a region filter. Targets: < 100 ms and < 200 ms.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from matching.scoring.model import MatchFilters, SeekerSkills, VacancyRequirements
from matching.scoring.neighbours import SkillNeighbours
from matching.scoring.seeker_index import SeekerIndex
from matching.scoring.vacancy_index import VacancyIndex

REGIONS = (
    "kab_tangerang",
    "kota_tangerang",
    "tangerang_selatan",
    "kab_serang",
    "kota_serang",
    "cilegon",
    "pandeglang",
    "lebak",
)
EDUCATION = ("smk", "d3", "s1")
EMPLOYMENT = ("full_time", "contract", "internship", "part_time")


def skill_sets(
    rng: np.random.Generator, n: int, n_skills: int, lo: int, hi: int
) -> list[list[int]]:
    """``n`` lists of ``lo..hi`` distinct skills drawn with Zipf-like popularity."""
    weights = 1.0 / np.arange(1, n_skills + 1)
    draws = rng.choice(n_skills, size=(n, 2 * hi), p=weights / weights.sum())
    sizes = rng.integers(lo, hi + 1, size=n)
    return [
        list(dict.fromkeys(row.tolist()))[:size] for row, size in zip(draws, sizes, strict=True)
    ]


def label_vectors(rng: np.random.Generator, n_skills: int, dim: int = 384) -> np.ndarray:
    """Unit rows in clusters of about 10 skills with within-cluster cosine near 0.9."""
    centres = rng.standard_normal((max(1, n_skills // 10), dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    rows = centres[rng.integers(0, len(centres), n_skills)]
    rows = rows + rng.normal(0.0, 0.017, size=rows.shape)
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def text_vectors(rng: np.random.Generator, n: int, dim: int = 384) -> np.ndarray:
    """Random unit float32 rows standing in for profile and vacancy text embeddings."""
    rows = rng.standard_normal((n, dim), dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def timed(fn: Callable[[int], object], n: int) -> tuple[float, float]:
    """Median and p95 wall time in ms of ``fn(i)`` for ``i`` in ``range(n)``."""
    times = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        times.append(1000 * (time.perf_counter() - start))
    return float(np.median(times)), float(np.percentile(times, 95))


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    """Generate data, build both indexes and print a table of timings."""
    args = _parse_args(argv)
    rng = np.random.default_rng(args.seed)
    ids = [f"esco:{i:05d}" for i in range(args.skills)]
    start = time.perf_counter()
    data = _generate(rng, args, ids)
    generate_s = time.perf_counter() - start
    built = _build(rng, ids, data)
    rows = _query_rows(rng, args, data, built)
    _print_report(generate_s, built, rows)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line of ``main``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vacancies", type=int, default=200_000)
    parser.add_argument("--seekers", type=int, default=200_000)
    parser.add_argument("--skills", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


@dataclass(frozen=True)
class _Data:
    """The generated vacancies and seekers with their text vectors."""

    vacancies: list[VacancyRequirements]
    seekers: list[SeekerSkills]
    vacancy_text: np.ndarray
    seeker_text: np.ndarray


def _generate(rng: np.random.Generator, args: argparse.Namespace, ids: list[str]) -> _Data:
    """Vacancies (about 2/3 of their skills required) and seekers over the skills ``ids``, with
    regions, education and employment types in turn, and random text vectors."""
    vacancies = []
    for i, skills in enumerate(skill_sets(rng, args.vacancies, args.skills, 4, 10)):
        cut = max(1, round(len(skills) * 2 / 3))
        vacancies.append(
            VacancyRequirements(
                f"v{i}",
                frozenset(ids[j] for j in skills[:cut]),
                frozenset(ids[j] for j in skills[cut:]),
                region=REGIONS[i % len(REGIONS)],
                education=EDUCATION[i % 3],
                employment_type=EMPLOYMENT[i % 4],
            )
        )
    seekers = [
        SeekerSkills(
            f"s{i}",
            frozenset(ids[j] for j in skills),
            region=REGIONS[(i * 7) % len(REGIONS)],
            education=EDUCATION[i % 3],
            employment_types=frozenset({EMPLOYMENT[i % 4]}),
        )
        for i, skills in enumerate(skill_sets(rng, args.seekers, args.skills, 3, 15))
    ]
    vacancy_text = text_vectors(rng, args.vacancies)
    return _Data(vacancies, seekers, vacancy_text, text_vectors(rng, args.seekers))


@dataclass(frozen=True)
class _Built:
    """The skill neighbours and both indexes, with their build times in seconds."""

    neighbours: SkillNeighbours
    vacancy_index: VacancyIndex
    seeker_index: SeekerIndex
    neighbours_s: float
    vacancy_s: float
    seeker_s: float


def _build(rng: np.random.Generator, ids: list[str], data: _Data) -> _Built:
    """The skill neighbours of clustered label vectors, then the vacancy and seeker indexes."""
    start = time.perf_counter()
    neighbours = SkillNeighbours.from_embeddings(ids, label_vectors(rng, len(ids)))
    neighbours_s = time.perf_counter() - start
    start = time.perf_counter()
    vacancy_index = VacancyIndex(data.vacancies, neighbours, data.vacancy_text)
    vacancy_s = time.perf_counter() - start
    start = time.perf_counter()
    seeker_index = SeekerIndex(data.seekers, neighbours, data.seeker_text)
    seeker_s = time.perf_counter() - start
    return _Built(neighbours, vacancy_index, seeker_index, neighbours_s, vacancy_s, seeker_s)


def _query_rows(
    rng: np.random.Generator, args: argparse.Namespace, data: _Data, built: _Built
) -> list[tuple[str, float, float, int]]:
    """(query, median ms, p95 ms, target ms) of top-k vacancies for a seeker and top-k seekers
    for a vacancy, without and with a region filter, and of ``recommend``."""
    picks_s = rng.choice(args.seekers, args.queries, replace=False)
    picks_v = rng.choice(args.vacancies, args.queries, replace=False)
    seekers, vacancies = data.seekers, data.vacancies
    seeker_text, vacancy_text = data.seeker_text, data.vacancy_text
    region = MatchFilters(regions=frozenset({REGIONS[0], REGIONS[5]}))
    rows = []
    for label, filters in (("no filter", MatchFilters()), ("2 regions", region)):
        med, p95 = timed(
            lambda i, f=filters: built.vacancy_index.top_vacancies_for(
                seekers[picks_s[i]], args.k, f, seeker_text[picks_s[i]]
            ),
            args.queries,
        )
        rows.append((f"top-{args.k} of {args.vacancies:,} vacancies, {label}", med, p95, 100))
        med, p95 = timed(
            lambda i, f=filters: built.seeker_index.top_seekers_for(
                vacancies[picks_v[i]], args.k, f, vacancy_text[picks_v[i]]
            ),
            args.queries,
        )
        rows.append((f"top-{args.k} of {args.seekers:,} seekers, {label}", med, p95, 200))
    med, p95 = timed(
        lambda i: built.vacancy_index.recommend(
            seekers[picks_s[i]], args.k, text_vector=seeker_text[picks_s[i]]
        ),
        args.queries,
    )
    rows.append((f"recommend (top-{args.k} + explanations)", med, p95, 100))
    return rows


def _print_report(
    generate_s: float, built: _Built, rows: list[tuple[str, float, float, int]]
) -> None:
    """The build times and memory, then the table of query timings."""
    vacancy_mb, seeker_mb = (
        built.vacancy_index.nbytes() / 2**20,
        built.seeker_index.nbytes() / 2**20,
    )
    print(f"generate data      {generate_s:8.2f} s")
    print(
        f"skill neighbours   {built.neighbours_s:8.2f} s  ({len(built.neighbours)} skills with near skills)"
    )
    print(f"vacancy index      {built.vacancy_s:8.2f} s  {vacancy_mb:8.1f} MB arrays")
    print(f"seeker index       {built.seeker_s:8.2f} s  {seeker_mb:8.1f} MB arrays")
    print(f"peak RSS           {peak_rss_mb():8.0f} MB")
    print()
    print(f"| {'query':<48} | median ms | p95 ms | target ms |")
    print(f"| {'-' * 48} | --------- | ------ | --------- |")
    for label, med, p95, target in rows:
        print(f"| {label:<48} | {med:9.1f} | {p95:6.1f} | {target:9d} |")


if __name__ == "__main__":
    main()
