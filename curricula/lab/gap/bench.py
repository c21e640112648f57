"""Speed of the curriculum gap report on generated data.

    python -m curricula.lab.gap.bench [--vacancies 200000] [--runs 5] [--from-dataclasses]
                                      [--weighted]

Generates a province-sized demand table (vacancies with ~6 skills each over 1,700 skills,
8 kabupaten/kota, 5,000 employers, 3 years of postings) and a 12-unit curriculum, then prints
the one-off table build time and the median report time (all missing skills listed, with
evidence, partners and trainings) for all of Banten and for one kabupaten/kota + occupations.
Every missing skill is placed in a unit with the site's learned model (``curricula.gap.model``,
the units' texts by the second embedder given as synthetic 512-dimension vectors, and synthetic
precedents of the labelled set's size);
``--weighted``: with the weighted score instead.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date

import numpy as np

from curricula import gap
from curricula.gap.demand import NEVER
from curricula.gap.model import load_placement_model
from curricula.gap.precedents import NONE, Precedents, answers, read_labels
from curricula.gap.supply import SecondView

REGIONS = (
    "Kabupaten Pandeglang", "Kabupaten Lebak", "Kabupaten Tangerang", "Kabupaten Serang",
    "Kota Tangerang", "Kota Cilegon", "Kota Serang", "Kota Tangerang Selatan",
)  # fmt: skip
AS_OF = date(2025, 6, 30)
N_SKILLS, N_EMPLOYERS, N_OCCUPATIONS, DIM = 1700, 5000, 40, 384
SECOND_DIM = 512  # USE's vectors


def synthetic_table(n: int, seed: int = 0) -> gap.DemandTable:
    """A demand table of ``n`` vacancies with Zipf-like skill popularity."""
    rng = np.random.default_rng(seed)
    per_vacancy = np.clip(rng.poisson(6, n), 1, 15)
    m = int(per_vacancy.sum())
    popularity = 1.0 / np.arange(1, N_SKILLS + 1) ** 0.9
    row_skill = rng.choice(N_SKILLS, size=m, p=popularity / popularity.sum())
    closed_mask = rng.random(n) < 0.4
    posted = AS_OF.toordinal() - rng.integers(0, 3 * 365, n)
    closed = np.where(closed_mask, posted + rng.integers(7, 120, n), NEVER)
    templates = ("Menguasai {}.", "Berpengalaman dengan {} minimal 1 tahun.", "Nilai plus: {}.")
    pool = np.array([t.format(f"skill {s}") for s in range(N_SKILLS) for t in templates], object)
    return gap.DemandTable.from_arrays(
        skill_ids=[f"s{i}" for i in range(N_SKILLS)],
        regions=REGIONS,
        employers=[f"PT Contoh {i}" for i in range(N_EMPLOYERS)],
        occupations=[f"occ{i}" for i in range(N_OCCUPATIONS)],
        region=rng.integers(0, len(REGIONS), n),
        employer=rng.integers(0, N_EMPLOYERS, n),
        occupation=rng.integers(0, N_OCCUPATIONS, n),
        is_open=~closed_mask,
        posted=posted,
        closed=closed,
        row_skill=row_skill,
        row_vacancy=np.repeat(np.arange(n), per_vacancy),
        row_required=rng.random(m) < 0.7,
        evidence=pool[row_skill * 3 + rng.integers(0, 3, m)],
    )


def table_as_vacancies(table: gap.DemandTable) -> list[gap.DemandVacancy]:
    """The same demand as dataclasses (the app's path), to time ``from_vacancies``."""
    order = np.argsort(table.row_vacancy, kind="stable")
    bounds = np.searchsorted(table.row_vacancy[order], np.arange(table.n_vacancies + 1))
    rows = [order[bounds[i] : bounds[i + 1]] for i in range(table.n_vacancies)]
    return [
        gap.DemandVacancy(
            id=i,
            employer=table.employers[table.employer[i]],
            region=table.regions[table.region[i]],
            status="open" if table.is_open[i] else "closed",
            posted=date.fromordinal(int(table.posted[i])),
            closed=None if table.is_open[i] else date.fromordinal(int(table.closed[i])),
            occupation=table.occupations[table.occupation[i]],
            skills=tuple(
                gap.DemandSkill(
                    table.skill_ids[table.row_skill[r]],
                    "required" if table.row_required[r] else "preferred",
                    table.evidence[r],
                )
                for r in rows[i]
            ),
        )
        for i in range(table.n_vacancies)
    ]


def synthetic_supply(seed: int = 1) -> dict:
    """A 12-unit curriculum, near-skill mapping, vectors, trainings, groups and each skill's
    context (two forms, a broader skill, a group centroid, name words)."""
    rng = np.random.default_rng(seed)
    taught = rng.choice(300, size=60, replace=False)
    units = tuple(
        gap.SupplyUnit(
            f"u{u}",
            f"Unit {u}",
            f"U{u:02d}",
            tuple(
                gap.SupplyOutcome(f"u{u}o{k}", f"Outcome {k}", (f"s{s}",))
                for k, s in enumerate(part)
            ),
        )
        for u, part in enumerate(np.array_split(taught, 12))
    )
    near = {
        f"s{s}": {f"s{t}": float(rng.uniform(0.4, 0.95)) for t in rng.choice(N_SKILLS, 5)}
        for s in range(N_SKILLS)
    }

    def unit_vector(size: int, dim: int = DIM) -> np.ndarray:
        v = rng.normal(size=(size, dim))
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    unit_vectors = dict(zip((u.id for u in units), unit_vector(len(units)), strict=True))
    skill_ids = [f"s{i}" for i in range(N_SKILLS)]
    skill_vectors = dict(zip(skill_ids, unit_vector(N_SKILLS), strict=True))
    contexts = {
        sid: gap.SkillContext(unit_vector(2), f"s{(i + 7) % N_SKILLS}", *unit_vector(2),
                          frozenset({f"word{i}", "unit"}), unit_vector(1)[0],
                          unit_vector(1, SECOND_DIM)[0])
        for i, sid in enumerate(skill_ids)
    }  # fmt: skip
    # precedents of the labelled set's size: its rows, its curricula, its rows with a unit
    labelled = read_labels()
    rows, with_unit = len(labelled), sum(answers(r) != {NONE} for r in labelled)
    curricula = len({r["curriculum"] for r in labelled})
    right_row = np.sort(rng.choice(rows, with_unit, replace=False))
    precedents = Precedents(
        tuple(f"s{i}" for i in rng.choice(N_SKILLS, rows)),
        tuple(f"c{i % curricula}" for i in range(rows)),
        np.isin(np.arange(rows), right_row, invert=True),
        unit_vector(rows),
        unit_vector(len(right_row), SECOND_DIM),
        right_row,
        unit_vector(rows, SECOND_DIM),
    )
    second = SecondView(
        dict(zip((u.id for u in units), unit_vector(len(units), SECOND_DIM), strict=True)),
        unit_vector(N_SKILLS, SECOND_DIM),
        precedents,
    )
    trainings = [
        gap.Training(f"t{i}", f"Pelatihan {i}", REGIONS[i % len(REGIONS)],
                 tuple(f"s{s}" for s in rng.choice(400, 3)))
        for i in range(300)
    ]  # fmt: skip
    return {
        "supply": gap.CurriculumSupply(units),
        "labels": {f"s{i}": f"Skill {i}" for i in range(N_SKILLS)},
        "near": near,
        "unit_vectors": unit_vectors,
        "skill_vectors": skill_vectors,
        "trainings": trainings,
        "groups": {f"s{i}": f"group {i % 20}" for i in range(N_SKILLS)},
        "contexts": contexts,
        "second": second,
    }


def median_seconds(fn, runs: int) -> tuple[float, object]:
    """Median wall time of ``runs`` calls and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--from-dataclasses", action="store_true")
    parser.add_argument("--weighted", action="store_true", help="the weighted unit choice")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    table = synthetic_table(args.vacancies)
    build = time.perf_counter() - start
    print(
        f"table: {table.n_vacancies:,} vacancies, {len(table.row_skill):,} skill rows, "
        f"{len(table.skill_ids):,} skills; generated + built from arrays in {build:.2f} s"
    )
    if args.from_dataclasses:
        vacancies = table_as_vacancies(table)
        start = time.perf_counter()
        gap.DemandTable.from_vacancies(vacancies)
        print(f"DemandTable.from_vacancies: {time.perf_counter() - start:.2f} s (one-off)")
    extras = synthetic_supply()
    if args.weighted:
        del extras["second"]
    else:
        extras["placement_model"] = load_placement_model()
    cases = {
        "all of Banten, 12 months": gap.GapParameters(as_of=AS_OF),
        "Kota Serang + 10 occupations": gap.GapParameters(
            as_of=AS_OF,
            regions=frozenset({"Kota Serang"}),
            occupations=frozenset(f"occ{i}" for i in range(10)),
        ),
    }
    for name, params in cases.items():
        seconds, report = median_seconds(
            lambda p=params: gap.build_gap_report(table, params=p, **extras), args.runs
        )
        size = len(json.dumps(report.to_dict()))
        print(
            f"report ({name}): median {seconds * 1000:.0f} ms over {args.runs} runs; "
            f"{report.vacancies_considered:,} vacancies, coverage {report.coverage:.3f}, "
            f"{len(report.missing)} missing, {len(report.covered)} covered, "
            f"{len(report.surplus)} surplus, JSON {size / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
