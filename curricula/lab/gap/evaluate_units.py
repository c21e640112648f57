"""Evaluate the unit a gap report advises for a missing skill against a labelled set.

``curricula/gap/data/unit_placement.csv`` (see the README there): a curriculum of the demo data
or of ``curricula/examples/``, a missing skill (a vocabulary label) and the right unit code(s),
or ``none`` when a new unit or an elective is the right advice. The curricula are read and their
outcomes' skills extracted with the product's linker; then every unit is scored as the app
scores it (``curricula.gap.placement``, with ``curricula.gap.contexts``).

    python -m curricula.lab.gap.evaluate_units [--errors] [--json] [--labels CSV]
                                               [--taught unfiltered|filtered] [--signal NAME]

The parameters (the weights, the group and broader-skill relations, the minimum score, the
margin, and which skills a unit teaches: its outcomes' linker mentions before or after the
document filter, ``--taught`` to fix one) are chosen on a grid by cross-validation grouped by
curriculum: each curriculum's rows are scored with the grid point that is best on the other
curricula' rows (leave one curriculum out), so no curriculum is ever in both the rows that
chose and the rows that were scored. The "held-out" figure is that accuracy; the
per-curriculum figures are the folds. ``--signal``: one more term of the score
(``curricula.lab.gap.signals``), its weight one more dimension of the grid, chosen per fold like
the rest. Needs the embedding model (a few minutes on two cores).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from itertools import product
from pathlib import Path

import numpy as np

from curricula import gap
from curricula.gap.contexts import skill_contexts
from curricula.lab.gap import signals

ROOT = Path(__file__).resolve().parents[3]
LABELS = Path(__file__).resolve().parents[2] / "gap" / "data" / "unit_placement.csv"
DEMO = ROOT / "app" / "data" / "demo" / "demo.json"
EXAMPLES = ROOT / "curricula" / "examples"
NONE = "none"
# Weights and relations (scored one grid point at a time) ...
GRID = {
    "text_weight": (0.0, 0.05),
    "form_weight": (0.0, 0.05, 0.1),
    "label_weight": (0.0, 0.1, 0.15, 0.2),
    "parent_text_weight": (0.0, 0.1, 0.2),
    "group_text_weight": (0.0, 0.05, 0.1),
    "lexical_weight": (0.0, 0.2),
    "broader_relation": (0.0, 0.5, 0.7),
    "group_relation": (0.3, 0.4),
}
# ... and the thresholds of "new unit or elective" (all at once for each of those points).
MIN_SCORES = tuple(round(0.2 + 0.1 * i, 1) for i in range(15))
SURE_RELATIONS = (0.9, 1.1)  # 1.1: off (no relation reaches it)
MARGINS = (0.0, 0.05, 0.1, 0.2)
# What a unit teaches: its outcomes' linker mentions before or after the document filter.
TAUGHT = ("unfiltered", "filtered")
Units = list[tuple[str, str, list[str]]]  # (code, name, outcome texts) of one curriculum


@dataclass(frozen=True)
class Case:
    """One labelled row, with what the scorer needs (units built once per curriculum)."""

    curriculum: str
    skill: str
    skill_id: str
    right: frozenset[str]
    codes: tuple[str, ...]
    features: dict[str, np.ndarray]  # per unit: each term of ``score_units`` (see ``_features``)
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


def demo_units(key: str) -> Units:
    """The units (code, name, outcomes) of the demo curriculum with programme code ``key``."""
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    for item in data["curricula"]:
        programme = item["programme"]
        code = "D3TI" if item["level"] == "d3" else programme.rsplit("(", 1)[-1].rstrip(")")
        if code == key:
            return [(u["code"], u["name"], list(u["outcomes"])) for u in item["units"]]
    raise ValueError(f"no demo curriculum {key}")


def _example_units(name: str) -> Units:
    from curricula import parse_document

    parsed = parse_document((EXAMPLES / name).read_bytes(), name).curriculum
    return [(u.code, u.name, [o.text for o in u.outcomes]) for u in parsed.units]


def load_cases(
    rows: Sequence[dict[str, str]],
    model: str = "e5",
    curricula: Mapping[str, Units] | None = None,
    taught: str = "unfiltered",
    signal: str | None = None,
) -> list[Case]:
    """The labelled rows with their curricula read, outcome skills extracted and vectors made;
    ``curricula``: units given by key instead of read (``demo:``/``example:`` keys are read).
    ``taught``: the skills a unit teaches are its outcomes' linker mentions before the document
    filter (``unfiltered``: what the gap report places with) or after it (``filtered``: the
    suggestions the site stores). ``signal``: one more term of ``curricula.lab.gap.signals`` in
    each case's features."""
    from matching.lab.linking.benchmark import vocabulary_parents
    from matching.linking.runtime import build_vocabulary_index
    from matching.mentions import extract_many_unfiltered, extract_many_with_names
    from matching.vocab import load_vocabulary

    vocabulary = load_vocabulary()
    index = build_vocabulary_index(model)
    by_label = {s.label_en.casefold(): s.id for s in vocabulary.skills}
    texts_of: dict[str, gap.UnitTexts] = {}
    units_of: dict[str, tuple[gap.SupplyUnit, ...]] = {}
    for key in dict.fromkeys(r["curriculum"] for r in rows):
        kind, name = key.split(":", 1)
        if curricula is not None and key in curricula:
            raw = curricula[key]
        else:
            raw = demo_units(name) if kind == "demo" else _example_units(name)
        outcomes = [o for _, _, texts in raw for o in texts]
        extract = extract_many_unfiltered if taught == "unfiltered" else extract_many_with_names
        found = extract(index, outcomes)
        skills = iter([tuple(dict.fromkeys(m.skill_id for m in f)) for f in found])
        units = tuple(
            gap.SupplyUnit(code, name_, code, tuple(gap.SupplyOutcome(i, t, next(skills))
                                                for i, t in enumerate(texts)))
            for code, name_, texts in raw
        )  # fmt: skip
        vectors = {
            u.id: index.embedder.encode(gap.unit_text_rows(u.name, [o.text for o in u.outcomes]))
            for u in units
        }
        units_of[key] = units
        texts_of[key] = gap.UnitTexts(units, vectors, index.label_emb)
    parents = vocabulary_parents(vocabulary)
    groups = {s.id: s.group for s in vocabulary.skills if s.group}
    relations = _relations(vocabulary, index, parents)
    every = {e.skill_id: index.label_emb[i] for i, e in enumerate(index.entries)}
    labels = gap.SkillLabels(every, index.label_emb)
    wanted = []
    for number, row in enumerate(rows, start=2):
        skill_id = by_label.get(row["skill"].strip().casefold())
        if skill_id is None:
            raise ValueError(f"{LABELS.name}: line {number}: unknown skill {row['skill']!r}")
        wanted.append(skill_id)
    contexts = skill_contexts(index, wanted, parents, groups)
    descriptions = {s.id: s.description for s in vocabulary.skills if s.description}
    described: dict[str, np.ndarray] = {}  # description -> vector
    if signal == "description":
        sentences = list(dict.fromkeys(descriptions[s] for s in wanted if s in descriptions))
        described = dict(zip(sentences, index.embedder.encode(sentences), strict=True))
    cases = []
    for row, skill_id in zip(rows, wanted, strict=True):
        units, texts = units_of[row["curriculum"]], texts_of[row["curriculum"]]
        vector = index.label_emb[index.position(skill_id)]
        context = contexts.get(skill_id, gap.SkillContext())
        features = _features(skill_id, units, relations, texts, labels, vector, context)
        if signal == "group_share":
            features[signal] = signals.group_share(skill_id, units, groups)
        elif signal == "unit_name":
            features[signal] = signals.unit_name(units, texts, vector, context, index.label_emb)
        elif signal == "description":
            found = described.get(descriptions.get(skill_id, ""))
            features[signal] = signals.description(units, texts, found)
        elif signal == "breadth":
            features[signal] = signals.breadth(units)
        cases.append(
            Case(
                row["curriculum"], row["skill"], skill_id,
                frozenset(x.strip() for x in row["unit"].split("|")),
                tuple(str(u.code) for u in units), features,
                np.array([float((texts.rows[u.id] @ vector).max()) for u in units]),
            )
        )  # fmt: skip
    return cases


def _features(  # type: ignore[no-untyped-def]
    skill,
    units,
    relations: gap.SkillRelations,
    texts: gap.UnitTexts,
    labels: gap.SkillLabels,
    vector,
    context,
) -> dict[str, np.ndarray]:
    """Per unit, each term ``score_units`` adds (so a grid point is a weighted sum of them)."""
    forms = np.atleast_2d(vector)
    if context.forms is not None and len(context.forms):
        forms = np.vstack([forms, context.forms])
    parent = context.parent

    def broader(unit: gap.SupplyUnit) -> float:
        if parent is None:
            return 0.0
        return max((relations.structural(parent, t, gap.DEFAULT_PLACEMENT) for t in unit.skills),
                   default=0.0)  # fmt: skip

    columns = {
        "structural": [max((relations.structural(skill, t, gap.DEFAULT_PLACEMENT) for t in u.skills),
                           default=0.0) for u in units],
        "group": [any(relations.same_group(skill, t) for t in u.skills) for u in units],
        "broader": [broader(u) for u in units],
        "text": [texts.z(u.id, vector) for u in units],
        "form": [texts.best_z(u.id, forms) for u in units],
        "label": [labels.z(skill, u.skills) for u in units],
        "parent_text": [texts.z(u.id, context.parent_vector) for u in units],
        "group_text": [texts.z(u.id, context.group_vector) for u in units],
        "lexical": [bool(context.words & texts.words.get(u.id, frozenset())) for u in units],
    }  # fmt: skip
    return {name: np.asarray(values, dtype=np.float64) for name, values in columns.items()}


def _relations(vocabulary, index, parents: dict[str, str]) -> gap.SkillRelations:  # type: ignore[no-untyped-def]
    """Parents, groups and near skills as the app builds them (``app.services.matching``: label
    embeddings restricted to interchangeable skills)."""
    from matching.scoring.neighbours import SkillFacts, SkillNeighbours, interchangeable

    groups = {s.id: s.group for s in vocabulary.skills if s.group}
    facts = {s.id: SkillFacts(s.label_en, s.group or "", parents.get(s.id))
             for s in vocabulary.skills}  # fmt: skip
    ids = [e.skill_id for e in index.entries]
    pairs = SkillNeighbours.from_embeddings(ids, index.label_emb)
    near = pairs.restricted(lambda a, b: interchangeable(a, b, facts))
    return gap.SkillRelations(parents, groups, {s: near.near(s) for s in near.skills()})


class Table:
    """The cases as padded (case x unit) arrays, so a grid point is scored in one pass."""

    def __init__(self, cases: Sequence[Case]) -> None:
        width = max(len(c.codes) for c in cases)
        self.cases = list(cases)
        self.columns: dict[str, np.ndarray] = {}
        for name in cases[0].features:
            out = np.zeros((len(cases), width))
            for i, c in enumerate(cases):
                out[i, : len(c.codes)] = c.features[name]
            self.columns[name] = out
        self.valid = np.zeros((len(cases), width), dtype=bool)
        for i, c in enumerate(cases):
            self.valid[i, : len(c.codes)] = True
        self.none_right = np.array([NONE in c.right for c in cases])
        self.extra: dict[str, float] = {}  # the weight of each signal's column in the score

    def scores(self, params: gap.PlacementParams) -> np.ndarray:
        """Each case's unit scores as ``score_units`` computes them (padding: -inf)."""
        col = self.columns
        score = (self.relation(params) + params.text_weight * col["text"] + params.form_weight * col["form"]
                 + params.label_weight * col["label"] + params.parent_text_weight * col["parent_text"]
                 + params.group_text_weight * col["group_text"]
                 + params.lexical_weight * col["lexical"])  # fmt: skip
        for name, weight in self.extra.items():
            score = score + weight * col[name]
        return np.where(self.valid, score, -np.inf)

    def relation(self, params: gap.PlacementParams) -> np.ndarray:
        """Each case's per-unit relation (the structural, group and broader-skill terms)."""
        col = self.columns
        relation = np.maximum(
            col["structural"], np.where(col["group"] > 0, params.group_relation, 0)
        )
        return np.maximum(relation, params.broader_relation * col["broader"])

    def _top(self, params: gap.PlacementParams) -> tuple[np.ndarray, ...]:
        score = self.scores(params)
        order = np.argsort(-score, axis=1, kind="stable")
        rows = np.arange(len(self.cases))
        related = self.relation(params)[rows, order[:, 0]]
        return order[:, 0], score[rows, order[:, 0]], score[rows, order[:, 1]], related

    def predict(self, params: gap.PlacementParams) -> list[str]:
        """Each case's advised unit code, or ``none`` (``score_units`` then ``choose_unit``)."""
        top, best, second, related = self._top(params)
        low = (best < params.min_score) & (related < params.sure_relation)
        refused = low | (best - second < params.margin)
        return [NONE if refused[i] else c.codes[top[i]] for i, c in enumerate(self.cases)]

    def correct(self, params: gap.PlacementParams) -> np.ndarray:
        """Per case: the advice is one of the right answers."""
        guesses = self.predict(params)
        return np.array([g in c.right for g, c in zip(guesses, self.cases, strict=True)])

    def correct_thresholds(self, params: gap.PlacementParams) -> np.ndarray:
        """``correct`` for every (minimum score, sure relation, margin) of the grid at once (the
        order of ``_grid``), shape (thresholds, cases)."""
        top, best, second, related = self._top(params)
        top_right = np.array([c.codes[t] in c.right for t, c in zip(top, self.cases, strict=True)])
        pairs = np.array(list(product(MIN_SCORES, SURE_RELATIONS, MARGINS)))
        low = (best[None, :] < pairs[:, :1]) & (related[None, :] < pairs[:, 1:2])
        refused = low | ((best - second)[None, :] < pairs[:, 2:])
        return np.where(refused, self.none_right[None, :], top_right[None, :])


def raw_cosine(case: Case) -> str:
    """The old advice: the unit whose text has the highest raw cosine (never none)."""
    return case.codes[int(np.argmax(case.raw))]


def _grid() -> list[gap.PlacementParams]:
    """Every grid point: the weights outer, the thresholds inner."""
    keys = list(GRID)
    return [replace(gap.DEFAULT_PLACEMENT, **dict(zip(keys, v, strict=True)), min_score=m,
                    sure_relation=r, margin=g)
            for v in product(*GRID.values())
            for m, r, g in product(MIN_SCORES, SURE_RELATIONS, MARGINS)]  # fmt: skip


def grid_correct(table: Table, signal: str | None = None) -> np.ndarray:
    """Per grid point (``_grid`` order; with a ``signal``, each of its ``WEIGHTS`` outer), per
    case: the advice is right."""
    keys = list(GRID)
    blocks = []
    for weight in signals.WEIGHTS[signal] if signal else (None,):
        table.extra = {signal: weight} if signal else {}
        blocks += [table.correct_thresholds(replace(gap.DEFAULT_PLACEMENT, **dict(zip(keys, v, strict=True))))
                   for v in product(*GRID.values())]  # fmt: skip
    return np.concatenate(blocks)


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


def split_accuracy(
    right: np.ndarray, picked: Sequence[int], cases: Sequence[Case], folds: list[list[int]]
) -> dict[str, float | None]:
    """The held-out accuracy on the rows whose only answer is "none", on the rows with a unit
    (a row accepting both counts as a unit row), and the spread of the per-curriculum figures."""
    hits = np.array([right[picked[i], i] for i in range(len(cases))])
    none = np.array([c.right == {NONE} for c in cases])
    per_fold = np.array([hits[f].mean() for f in folds])
    return {
        "held_out_none_rows": round(float(hits[none].mean()), 4) if none.any() else None,
        "held_out_unit_rows": round(float(hits[~none].mean()), 4) if not none.all() else None,
        "held_out_fold_min": round(float(per_fold.min()), 4),
        "held_out_fold_max": round(float(per_fold.max()), 4),
        "held_out_fold_std": round(float(per_fold.std()), 4),
    }


def ranking_ceiling(table: Table, params: gap.PlacementParams) -> dict[str, float | int]:
    """On the rows with a unit, in sample: how often ``params`` puts a right unit first with the
    "none" test off (the ceiling of the unit ranking), and on how many of those rows the test
    then says "none"."""
    unit_rows = np.array([c.right != {NONE} for c in table.cases])
    never = replace(params, min_score=-np.inf, sure_relation=np.inf, margin=0.0)
    first = np.array(table.correct(never))
    refused = np.array([g == NONE for g in table.predict(params)])
    return {
        "in_sample_unit_rows_first_unit_right": round(float(first[unit_rows].mean()), 4),
        "in_sample_unit_rows_right_first_refused": int((refused & unit_rows & first).sum()),
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Print held-out (leave one curriculum out) and in-sample accuracy of the unit choice."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the held-out errors")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--labels", type=Path, default=LABELS, help="another labelled set")
    parser.add_argument("--taught", choices=TAUGHT, help="only this variant of a unit's skills")
    parser.add_argument(
        "--signal", choices=signals.SIGNALS, help="one more term, its weight chosen"
    )
    args = parser.parse_args(argv)
    rows = read_labels(args.labels)
    variants = (args.taught,) if args.taught else TAUGHT
    tables = {t: Table(load_cases(rows, taught=t, signal=args.signal)) for t in variants}
    grid = _grid()
    weights = signals.WEIGHTS[args.signal] if args.signal else (0.0,)
    # the taught-skill variant and the signal's weight are more dimensions of the grid, chosen
    # per fold like the rest
    right = np.concatenate([grid_correct(table, args.signal) for table in tables.values()])
    cases = tables[variants[0]].cases
    names = list(dict.fromkeys(c.curriculum for c in cases))
    folds = [[i for i, c in enumerate(cases) if c.curriculum == n] for n in names]
    loco, picked = held_out(right, folds)
    best = int(np.argmax(right.mean(axis=1)))
    block = len(weights) * len(grid)
    taught_of = [variants[i // block] for i in range(len(right))]

    def at(i: int) -> tuple[Table, gap.PlacementParams]:
        """The table (its signal weighted as grid point ``i`` says) and parameters of ``i``."""
        table = tables[taught_of[i]]
        table.extra = {args.signal: weights[i // len(grid) % len(weights)]} if args.signal else {}
        return table, grid[i % len(grid)]

    ceiling = ranking_ceiling(*at(best))
    tables[variants[0]].extra = {}  # the default parameters, without the signal
    default = tables[variants[0]].correct(gap.DEFAULT_PLACEMENT).mean()
    per_fold = {n: f"{int(right[picked[f[0]], f].sum())}/{len(f)}"
                for n, f in zip(names, folds, strict=True)}  # fmt: skip
    result = {
        "rows": len(cases),
        "none_rows": sum(NONE in c.right for c in cases),
        "curricula": len(names),
        "grid_points": len(right),
        "held_out_leave_one_curriculum_out": round(loco, 4),
        **split_accuracy(right, picked, cases, folds),
        "held_out_per_curriculum": per_fold,
        "held_out_taught_chosen": {
            n: taught_of[picked[f[0]]] for n, f in zip(names, folds, strict=True)
        },
        "in_sample_chosen": round(float(right[best].mean()), 4),
        "in_sample_chosen_taught": taught_of[best],
        **{
            f"in_sample_best_{t}": round(
                float(right[i * block : (i + 1) * block].mean(axis=1).max()), 4
            )
            for i, t in enumerate(variants)
        },
        **(
            {
                "signal": args.signal,
                "held_out_signal_weight_chosen": {
                    n: weights[picked[f[0]] // len(grid) % len(weights)]
                    for n, f in zip(names, folds, strict=True)
                },
                "in_sample_chosen_signal_weight": weights[best // len(grid) % len(weights)],
            }
            if args.signal
            else {}
        ),
        **ceiling,
        "in_sample_default": round(float(default), 4),
        "raw_cosine_baseline": round(sum(raw_cosine(c) in c.right for c in cases) / len(cases), 4),
        "chosen_params": asdict(grid[best % len(grid)]),
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for key, value in result.items():
            print(f"{key:36} {value}")
    if args.errors:
        for i, case in enumerate(cases):
            table, params = at(picked[i])
            guess = table.predict(params)[i]
            if guess not in case.right:
                print(f"  {case.curriculum:32} {case.skill:40} -> {guess:10} "
                      f"right: {'|'.join(sorted(case.right))}")  # fmt: skip


if __name__ == "__main__":
    main()
