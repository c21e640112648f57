"""Evaluate the unit a gap report advises for a missing skill against a labelled set.

``curricula/gap/data/unit_placement.csv`` (see the README there): a curriculum of the demo data
or of ``curricula/examples/``, a missing skill (a vocabulary label) and the right unit code(s),
or ``none`` when a new unit or an elective is the right advice. The curricula are read and their
outcomes' skills extracted with the product's linker; then every unit is scored as the app
scores it (``curricula.gap.placement``).

    python -m curricula.gap.evaluate_units [--folds 5] [--seed 0] [--errors] [--json]

The parameters (text weight, group relation, minimum score, margin) are chosen on a grid by
cross-validation: "held-out" figures are over rows whose parameters were chosen on the other
folds (rows shuffled, and leave-one-curriculum-out). Needs the embedding model (a minute).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from itertools import product
from pathlib import Path

import numpy as np

from curricula.gap.inputs import SupplyOutcome, SupplyUnit
from curricula.gap.placement import (
    DEFAULT_PLACEMENT,
    PlacementParams,
    SkillLabels,
    SkillRelations,
    UnitTexts,
    unit_text_rows,
)

ROOT = Path(__file__).resolve().parents[2]
LABELS = Path(__file__).resolve().parent / "data" / "unit_placement.csv"
DEMO = ROOT / "app" / "data" / "demo" / "demo.json"
EXAMPLES = ROOT / "curricula" / "examples"
NONE = "none"
GRID = {
    "text_weight": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3),
    "label_weight": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3),
    "group_relation": (0.2, 0.3, 0.4, 0.5, 0.6),
    "min_score": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0),
    "margin": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3),
}


@dataclass(frozen=True)
class Case:
    """One labelled row, with what the scorer needs (units built once per curriculum)."""

    curriculum: str
    skill: str
    skill_id: str
    right: frozenset[str]
    codes: tuple[str, ...]
    taught: tuple[frozenset[str], ...]  # per unit: the skills its outcomes teach
    structural: np.ndarray  # per unit: strongest relation to its skills without the group
    group: np.ndarray  # per unit: teaches a skill of the same group
    text: np.ndarray  # per unit: centred text similarity
    label: np.ndarray  # per unit: centred label similarity with its closest taught skill
    raw: np.ndarray  # per unit: best raw cosine (the old advice)


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    """The labelled rows; a row without a curriculum, skill or unit is an error naming it."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        for column in ("curriculum", "skill", "unit"):
            if not (row.get(column) or "").strip():
                raise ValueError(f"{path.name}: line {number}: missing {column}")
    return rows


def _demo_units(key: str) -> list[tuple[str, str, list[str]]]:
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    for item in data["curricula"]:
        programme = item["programme"]
        code = "D3TI" if item["level"] == "d3" else programme.rsplit("(", 1)[-1].rstrip(")")
        if code == key:
            return [(u["code"], u["name"], list(u["outcomes"])) for u in item["units"]]
    raise ValueError(f"no demo curriculum {key}")


def _example_units(name: str) -> list[tuple[str, str, list[str]]]:
    from curricula import parse_document

    parsed = parse_document((EXAMPLES / name).read_bytes(), name).curriculum
    return [(u.code, u.name, [o.text for o in u.outcomes]) for u in parsed.units]


def load_cases(rows: Sequence[dict[str, str]], model: str = "e5") -> list[Case]:
    """The labelled rows with their curricula read, outcome skills extracted and vectors made."""
    from matching.linking.runtime import build_vocabulary_index, vocabulary_parents
    from matching.mentions import extract_many_with_names
    from matching.vocab import load_vocabulary

    vocabulary = load_vocabulary()
    index = build_vocabulary_index(model)
    by_label = {s.label_en.casefold(): s.id for s in vocabulary.skills}
    texts_of: dict[str, UnitTexts] = {}
    units_of: dict[str, tuple[SupplyUnit, ...]] = {}
    for key in dict.fromkeys(r["curriculum"] for r in rows):
        kind, name = key.split(":", 1)
        raw = _demo_units(name) if kind == "demo" else _example_units(name)
        outcomes = [o for _, _, texts in raw for o in texts]
        found = extract_many_with_names(index, outcomes)
        skills = iter([tuple(dict.fromkeys(m.skill_id for m in f)) for f in found])
        units = tuple(
            SupplyUnit(code, name_, code, tuple(SupplyOutcome(i, t, next(skills))
                                                for i, t in enumerate(texts)))
            for code, name_, texts in raw
        )  # fmt: skip
        vectors = {
            u.id: index.embedder.encode(unit_text_rows(u.name, [o.text for o in u.outcomes]))
            for u in units
        }
        units_of[key] = units
        texts_of[key] = UnitTexts(units, vectors, index.label_emb)
    relations = _relations(vocabulary, index, vocabulary_parents(vocabulary))
    every = {e.skill_id: index.label_emb[i] for i, e in enumerate(index.entries)}
    labels = SkillLabels(every, index.label_emb)
    cases = []
    for number, row in enumerate(rows, start=2):
        skill_id = by_label.get(row["skill"].strip().casefold())
        if skill_id is None:
            raise ValueError(f"{LABELS.name}: line {number}: unknown skill {row['skill']!r}")
        units, texts = units_of[row["curriculum"]], texts_of[row["curriculum"]]
        vector = index.label_emb[index.position(skill_id)]
        cases.append(
            Case(
                row["curriculum"], row["skill"], skill_id,
                frozenset(x.strip() for x in row["unit"].split("|")),
                tuple(str(u.code) for u in units),
                tuple(u.skills for u in units),
                np.array([max((relations.structural(skill_id, t, DEFAULT_PLACEMENT)
                               for t in u.skills), default=0.0) for u in units]),
                np.array([any(relations.same_group(skill_id, t) for t in u.skills)
                          for u in units]),
                np.array([texts.z(u.id, vector) for u in units]),
                np.array([labels.z(skill_id, u.skills) for u in units]),
                np.array([float((texts.rows[u.id] @ vector).max()) for u in units]),
            )
        )  # fmt: skip
    return cases


def _relations(vocabulary, index, parents: dict[str, str]) -> SkillRelations:  # type: ignore[no-untyped-def]
    """Parents, groups and near skills (label embeddings restricted to related skills), as the
    app builds them."""
    from matching.scoring.neighbours import SkillNeighbours

    groups = {s.id: s.group for s in vocabulary.skills if s.group}

    def related(a: str, b: str) -> bool:
        pa, pb = parents.get(a), parents.get(b)
        return pa == b or pb == a or (pa is not None and pa == pb) or (
            bool(groups.get(a)) and groups.get(a) == groups.get(b))  # fmt: skip

    ids = [e.skill_id for e in index.entries]
    near = SkillNeighbours.from_embeddings(ids, index.label_emb).restricted(related)
    return SkillRelations(parents, groups, {s: near.near(s) for s in near.skills()})


class Table:
    """The cases as padded (case x unit) arrays, so a grid point is scored in one pass."""

    def __init__(self, cases: Sequence[Case]) -> None:
        width = max(len(c.codes) for c in cases)

        def pad(name: str, fill: float) -> np.ndarray:
            out = np.full((len(cases), width), fill)
            for i, c in enumerate(cases):
                out[i, : len(c.codes)] = getattr(c, name)
            return out

        self.cases = list(cases)
        self.structural, self.group = pad("structural", 0.0), pad("group", 0.0) > 0
        self.text, self.label = pad("text", 0.0), pad("label", 0.0)
        self.valid = pad("raw", -np.inf) > -np.inf

    def predict(self, params: PlacementParams) -> list[str]:
        """Each case's advised unit code, or ``none`` (``score_units`` then ``choose_unit``)."""
        relation = np.maximum(self.structural, np.where(self.group, params.group_relation, 0.0))
        score = relation + params.text_weight * self.text + params.label_weight * self.label
        score = np.where(self.valid, score, -np.inf)
        order = np.argsort(-score, axis=1, kind="stable")
        rows = np.arange(len(self.cases))
        best, second = score[rows, order[:, 0]], score[rows, order[:, 1]]
        refused = (best < params.min_score) | (best - second < params.margin)
        return [NONE if refused[i] else c.codes[order[i, 0]] for i, c in enumerate(self.cases)]

    def correct(self, params: PlacementParams) -> np.ndarray:
        """Per case: the advice is one of the right answers."""
        guesses = self.predict(params)
        return np.array([g in c.right for g, c in zip(guesses, self.cases, strict=True)])


def raw_cosine(case: Case) -> str:
    """The old advice: the unit whose text has the highest raw cosine (never none)."""
    return case.codes[int(np.argmax(case.raw))]


def _grid() -> list[PlacementParams]:
    keys = list(GRID)
    return [replace(DEFAULT_PLACEMENT, **dict(zip(keys, v, strict=True)))
            for v in product(*GRID.values())]  # fmt: skip


def held_out(right: np.ndarray, folds: list[list[int]]) -> tuple[float, list[int]]:
    """Accuracy of each fold's cases under the grid point that is best on the other folds
    (``right``: grid point x case), and the grid point chosen for each case."""
    n = right.shape[1]
    chosen = [0] * n
    hits = 0
    for fold in folds:
        train = np.ones(n, dtype=bool)
        train[fold] = False
        best = int(np.argmax(right[:, train].mean(axis=1)))  # ties: the first grid point
        hits += int(right[best, fold].sum())
        for i in fold:
            chosen[i] = best
    return hits / n, chosen


def main(argv: Sequence[str] | None = None) -> None:
    """Print held-out and in-sample accuracy of the unit choice on the labelled set."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--errors", action="store_true", help="list the held-out errors")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    cases = load_cases(read_labels())
    table, grid = Table(cases), _grid()
    right = np.array([table.correct(p) for p in grid])
    order = list(range(len(cases)))
    random.Random(args.seed).shuffle(order)  # noqa: S311 - a reproducible split
    shuffled = [order[k :: args.folds] for k in range(args.folds)]
    names = list(dict.fromkeys(c.curriculum for c in cases))
    by_curriculum = [[i for i, c in enumerate(cases) if c.curriculum == n] for n in names]
    kfold, picked = held_out(right, shuffled)
    loco, _ = held_out(right, by_curriculum)
    best = int(np.argmax(right.mean(axis=1)))
    result = {
        "rows": len(cases),
        "none_rows": sum(NONE in c.right for c in cases),
        "held_out_kfold": round(kfold, 4),
        "held_out_leave_one_curriculum_out": round(loco, 4),
        "in_sample_chosen": round(float(right[best].mean()), 4),
        "in_sample_default": round(float(table.correct(DEFAULT_PLACEMENT).mean()), 4),
        "raw_cosine_baseline": round(sum(raw_cosine(c) in c.right for c in cases) / len(cases), 4),
        "chosen_params": asdict(grid[best]),
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for key, value in result.items():
            print(f"{key:36} {value}")
    if args.errors:
        for i, case in enumerate(cases):
            guess = table.predict(grid[picked[i]])[i]
            if guess not in case.right:
                print(f"  {case.curriculum:32} {case.skill:40} -> {guess:10} "
                      f"right: {'|'.join(sorted(case.right))}")  # fmt: skip


if __name__ == "__main__":
    main()
