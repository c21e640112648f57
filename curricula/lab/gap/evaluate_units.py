"""Evaluate the weighted unit choice of the gap advice (``curricula.gap.placement``; the site
advises with the learned model, ``evaluate_ranker``) against a labelled set.

``curricula/gap/data/unit_placement.csv`` (see the README there): a curriculum of the demo data,
of ``curricula/examples/`` or of the lab's ``curricula/gap/data/curricula/``, a missing
skill (a vocabulary label) and the right unit code(s),
or ``none`` when a new unit or an elective is the right advice. The curricula are read and their
outcomes' skills extracted with the product's linker; then every unit is scored as the app
scores it (``curricula.gap.placement``, with ``curricula.gap.contexts``).

    python -m curricula.lab.gap.evaluate_units [--errors] [--json] [--labels CSV]
                                               [--taught unfiltered|filtered] [--signal NAME]
                                               [--group-members]

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
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from itertools import product
from pathlib import Path

import numpy as np

from curricula import gap
from curricula.lab.gap import signals
from curricula.lab.gap.cases import LABELS, NONE, Case, load_cases, read_labels

GRID = {
    "text_weight": (0.0, 0.05),
    "form_weight": (0.0, 0.05, 0.1),
    "label_weight": (0.0, 0.1, 0.15, 0.2),
    "parent_text_weight": (0.0, 0.1, 0.2),
    "group_text_weight": (0.0, 0.05, 0.1),
    "lexical_weight": (0.0, 0.2),
    "description_weight": (0.0, 0.05, 0.1, 0.2, 0.3, 0.4),
    "broader_relation": (0.0, 0.5, 0.7),
    "group_relation": (0.3, 0.4),
}
# ... and the thresholds of "new unit or elective" (all at once for each of those points).
MIN_SCORES = tuple(round(0.2 + 0.1 * i, 1) for i in range(15))
# A unit that teaches the skill's broader or narrower skill is always a place for it (a rule of
# the product, not a grid choice: with 1.1, off, in the grid, the folds switched it off for one
# row more held out, 131 against 130 of 169, and left such skills without a unit)
SURE_RELATIONS = (0.9,)
MARGINS = (0.0, 0.05, 0.1, 0.2)
# What a unit teaches: its outcomes' linker mentions before or after the document filter.
TAUGHT = ("unfiltered", "filtered")


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
                 + params.description_weight * col["description"]
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
    args = _parse_args(argv)
    rows = read_labels(args.labels)
    variants = (args.taught,) if args.taught else TAUGHT
    tables = {
        t: Table(
            load_cases(
                rows, taught=t, signal=args.signal, group_members=args.group_members, memory=None
            )
        )
        for t in variants
    }
    weights = signals.WEIGHTS[args.signal] if args.signal else (0.0,)
    points = _Points(tables, variants, _grid(), weights, args.signal)
    # the taught-skill variant and the signal's weight are more dimensions of the grid, chosen
    # per fold like the rest
    right = np.concatenate([grid_correct(table, args.signal) for table in tables.values()])
    cases = tables[variants[0]].cases
    names = list(dict.fromkeys(c.curriculum for c in cases))
    folds = [[i for i, c in enumerate(cases) if c.curriculum == n] for n in names]
    loco, picked = held_out(right, folds)
    best = int(np.argmax(right.mean(axis=1)))
    chosen = _Chosen(names, folds, picked, loco, best)
    result = _result(points, right, cases, chosen)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for key, value in result.items():
            print(f"{key:36} {value}")
    if args.errors:
        _print_errors(points, cases, picked)


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line of ``main``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the held-out errors")
    parser.add_argument(
        "--group-members",
        action="store_true",
        help="near skills with the members of a group a skill names (the matcher's; not the site's)",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--labels", type=Path, default=LABELS, help="another labelled set")
    parser.add_argument("--taught", choices=TAUGHT, help="only this variant of a unit's skills")
    parser.add_argument(
        "--signal", choices=signals.SIGNALS, help="one more term, its weight chosen"
    )
    return parser.parse_args(argv)


@dataclass(frozen=True)
class _Points:
    """The grid points of the choice, numbered as the rows of ``grid_correct`` over the tables:
    taught-skill variant, then the signal's weight, then the placement parameters."""

    tables: dict[str, Table]
    variants: tuple[str, ...]
    grid: list[gap.PlacementParams]
    weights: tuple[float, ...]
    signal: str | None

    def taught(self, i: int) -> str:
        """The taught-skill variant of point ``i``."""
        return self.variants[i // (len(self.weights) * len(self.grid))]

    def weight(self, i: int) -> float:
        """The signal's weight at point ``i``."""
        return self.weights[i // len(self.grid) % len(self.weights)]

    def at(self, i: int) -> tuple[Table, gap.PlacementParams]:
        """The table (its signal weighted as grid point ``i`` says) and parameters of ``i``."""
        table = self.tables[self.taught(i)]
        table.extra = {self.signal: self.weight(i)} if self.signal else {}
        return table, self.grid[i % len(self.grid)]


@dataclass(frozen=True)
class _Chosen:
    """The folds (one per curriculum), the point each fold's held-out choice picked, its
    accuracy, and the best point in sample."""

    names: list[str]
    folds: list[list[int]]
    picked: list[int]
    loco: float
    best: int


def _result(
    points: _Points, right: np.ndarray, cases: Sequence[Case], chosen: _Chosen
) -> dict[str, object]:
    """The printed figures: held out, in sample, the signal's, the ranking ceiling of the best
    point, the default parameters' and the raw-cosine baseline's accuracy."""
    ceiling = ranking_ceiling(*points.at(chosen.best))
    points.tables[points.variants[0]].extra = {}  # the default parameters, without the signal
    default = points.tables[points.variants[0]].correct(gap.DEFAULT_PLACEMENT).mean()
    return {
        **_held_out_figures(points, right, cases, chosen),
        **_in_sample_figures(points, right, chosen.best),
        **(_signal_figures(points, chosen) if points.signal else {}),
        **ceiling,
        "in_sample_default": round(float(default), 4),
        "raw_cosine_baseline": round(sum(raw_cosine(c) in c.right for c in cases) / len(cases), 4),
        "chosen_params": asdict(points.grid[chosen.best % len(points.grid)]),
    }


def _held_out_figures(
    points: _Points, right: np.ndarray, cases: Sequence[Case], chosen: _Chosen
) -> dict[str, object]:
    """The set's size and the leave-one-curriculum-out accuracy, overall and per fold."""
    names, folds, picked = chosen.names, chosen.folds, chosen.picked
    per_fold = {n: f"{int(right[picked[f[0]], f].sum())}/{len(f)}"
                for n, f in zip(names, folds, strict=True)}  # fmt: skip
    return {
        "rows": len(cases),
        "none_rows": sum(NONE in c.right for c in cases),
        "curricula": len(names),
        "grid_points": len(right),
        "held_out_leave_one_curriculum_out": round(chosen.loco, 4),
        **split_accuracy(right, picked, cases, folds),
        "held_out_per_curriculum": per_fold,
        "held_out_taught_chosen": {
            n: points.taught(picked[f[0]]) for n, f in zip(names, folds, strict=True)
        },
    }


def _in_sample_figures(points: _Points, right: np.ndarray, best: int) -> dict[str, object]:
    """The accuracy of the best point in sample, and of the best point of each variant."""
    block = len(points.weights) * len(points.grid)
    return {
        "in_sample_chosen": round(float(right[best].mean()), 4),
        "in_sample_chosen_taught": points.taught(best),
        **{
            f"in_sample_best_{t}": round(
                float(right[i * block : (i + 1) * block].mean(axis=1).max()), 4
            )
            for i, t in enumerate(points.variants)
        },
    }


def _signal_figures(points: _Points, chosen: _Chosen) -> dict[str, object]:
    """The signal, the rows it gives a value other than 0 for some unit, and its weight chosen
    per fold and in sample."""
    column = points.tables[points.variants[0]].columns[str(points.signal)]
    return {
        "signal": points.signal,
        "signal_rows_not_zero": int((column != 0).any(axis=1).sum()),
        "held_out_signal_weight_chosen": {
            n: points.weight(chosen.picked[f[0]])
            for n, f in zip(chosen.names, chosen.folds, strict=True)
        },
        "in_sample_chosen_signal_weight": points.weight(chosen.best),
    }


def _print_errors(points: _Points, cases: Sequence[Case], picked: list[int]) -> None:
    """The held-out errors: each wrong case with its advice and the right units."""
    for i, case in enumerate(cases):
        table, params = points.at(picked[i])
        guess = table.predict(params)[i]
        if guess not in case.right:
            print(f"  {case.curriculum:32} {case.skill:40} -> {guess:10} "
                  f"right: {'|'.join(sorted(case.right))}")  # fmt: skip


if __name__ == "__main__":
    main()
