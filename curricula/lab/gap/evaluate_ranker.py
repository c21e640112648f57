"""A learned alternative to the unit advice's weighted score, evaluated like it (issue 13).

Two small models over the per-unit terms of ``evaluate_units`` (relation, group, broader skill,
text, forms, label, broader skill's text, group centroid, description (since 2026-12-07; the
figures in ``docs/gap_report.md`` were measured before it), lexical):

- a ranker: a conditional logit (softmax over a curriculum's units) of the terms centred per
  row, fitted on the rows whose answer is a unit, L2 penalty ``lam``;
- a "none" classifier: logistic regression (``C``) over the row's best, second and mean value of
  each term; "new unit or elective" when its probability reaches ``threshold``.

``lam``, ``C`` and ``threshold`` are chosen by leave-one-curriculum-out inside the training
curricula (nested); the printed figure is the outer leave-one-curriculum-out accuracy.

    python -m curricula.lab.gap.evaluate_ranker [--json]

Not used by the site: on the labelled set it does not beat the weighted score
(``docs/gap_report.md``). About three minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from itertools import product

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

from curricula.lab.gap.cases import NONE, Case, load_cases, read_labels

LAMS = (0.3, 1.0, 3.0)
CS = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


class Rows:
    """The cases as the two models see them."""

    def __init__(self, cases: Sequence[Case]) -> None:
        names = list(cases[0].features)
        self.units = []
        for c in cases:
            x = np.stack([c.features[n] for n in names], axis=1)
            self.units.append(x - x.mean(axis=0, keepdims=True))
        self.summary = np.array([_summary(np.stack([c.features[n] for n in names], 1))
                                 for c in cases])  # fmt: skip
        self.unit_right = [np.array([code in c.right for code in c.codes]) for c in cases]
        self.none_right = np.array([NONE in c.right for c in cases])
        self.only_none = np.array([c.right == {NONE} for c in cases])


def _summary(x: np.ndarray) -> np.ndarray:
    second = np.sort(x, axis=0)[-2] if len(x) > 1 else x.max(axis=0)
    return np.concatenate([x.max(axis=0), second, x.mean(axis=0)])


def fit_ranker(rows: Rows, train: Sequence[int], lam: float) -> np.ndarray:
    """The ranker's weights: penalised log-likelihood that one of a row's right units is first."""
    train = [i for i in train if rows.unit_right[i].any()]
    width = rows.units[0].shape[1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = lam * float(w @ w), 2 * lam * w
        for i in train:
            x, right = rows.units[i], rows.unit_right[i]
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            p_right = p[right].sum()
            total -= float(np.log(p_right))
            grad = grad - x.T @ (np.where(right, p / p_right, 0.0) - p)
        return total, grad

    return minimize(loss, np.zeros(width), jac=True, method="L-BFGS-B").x


def outcomes(rows: Rows, train: Sequence[int], test: Sequence[int]) -> dict[tuple, np.ndarray]:
    """Per (lam, C, threshold): whether each test row's advice is right, fitted on ``train``."""
    top_right = {}
    for lam in LAMS:
        w = fit_ranker(rows, train, lam)
        top_right[lam] = np.array([rows.unit_right[i][int(np.argmax(rows.units[i] @ w))]
                                   for i in test])  # fmt: skip
    x = rows.summary[list(train)]
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    none_prob = {}
    for c in CS:
        model = LogisticRegression(C=c, max_iter=3000)
        model.fit((x - mean) / std, rows.only_none[list(train)])
        none_prob[c] = model.predict_proba((rows.summary[list(test)] - mean) / std)[:, 1]
    return {
        (lam, c, t): np.where(none_prob[c] >= t, rows.none_right[list(test)], top_right[lam])
        for lam, c, t in product(LAMS, CS, THRESHOLDS)
    }


def nested(rows: Rows, folds: list[list[int]]) -> tuple[np.ndarray, list[tuple]]:
    """Outer leave-one-curriculum-out hits, and the (lam, C, threshold) each fold chose by
    leave-one-curriculum-out inside its training curricula."""
    hits = np.zeros(len(rows.none_right), dtype=bool)
    chosen = []
    for k, fold in enumerate(folds):
        inner_folds = [f for j, f in enumerate(folds) if j != k]
        inner: dict[tuple, list[np.ndarray]] = {}
        for j, held in enumerate(inner_folds):
            train = [i for jj, f in enumerate(inner_folds) if jj != j for i in f]
            for key, right in outcomes(rows, train, held).items():
                inner.setdefault(key, []).append(right)
        keys = list(inner)
        accuracy = [float(np.concatenate(inner[key]).mean()) for key in keys]
        best = keys[int(np.argmax(accuracy))]  # ties: the first
        hits[fold] = outcomes(rows, [i for f in inner_folds for i in f], fold)[best]
        chosen.append(best)
    return hits, chosen


def main(argv: Sequence[str] | None = None) -> None:
    """Print the nested leave-one-curriculum-out accuracy of the learned ranker."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    cases = load_cases(read_labels(), taught="unfiltered")  # as the site places
    rows = Rows(cases)
    names = list(dict.fromkeys(c.curriculum for c in cases))
    folds = [[i for i, c in enumerate(cases) if c.curriculum == n] for n in names]
    hits, chosen = nested(rows, folds)
    result = {
        "rows": len(cases),
        "held_out_leave_one_curriculum_out": round(float(hits.mean()), 4),
        "held_out_none_rows": round(float(hits[rows.only_none].mean()), 4),
        "held_out_unit_rows": round(float(hits[~rows.only_none].mean()), 4),
        "held_out_per_curriculum": {n: f"{int(hits[f].sum())}/{len(f)}"
                                    for n, f in zip(names, folds, strict=True)},
        "chosen_lam_C_threshold": {n: list(c) for n, c in zip(names, chosen, strict=True)},
    }  # fmt: skip
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for key, value in result.items():
            print(f"{key:36} {value}")


if __name__ == "__main__":
    main()
