"""The learned unit choice of the gap advice (``curricula.gap.model``), evaluated and fitted.

Two small models over each unit's terms (``curricula.gap.model.TERMS``):

- a ranker: a conditional logit (softmax over a curriculum's units) of the terms centred per
  row and those scaled by the row's spread (``PlacementModel.rank_inputs``), fitted on the rows
  whose answer is a unit, L2 penalty ``lam``;
- a "none" classifier: logistic regression (``C``) over the row's best, second and mean value of
  each term; "new unit or elective" when its probability reaches ``threshold``, unless the
  ranker's unit teaches the skill's broader or narrower skill (the product's ``sure_relation``).

``lam``, ``C`` and ``threshold`` are chosen by leave-one-curriculum-out inside the training
curricula (nested); the printed figure is the outer leave-one-curriculum-out accuracy (not
printed with ``--fit-only``).

    python -m curricula.lab.gap.evaluate_ranker [--json] [--terms a,b,...] [--write [--fit-only]]
                                                [--labels CSV] [--shipped [--model JSON]]

``--write`` chooses ``lam``, ``C`` and ``threshold`` by leave-one-curriculum-out on all the
curricula, fits both models on every row and writes ``curricula/gap/data/placement_model.json``,
the model the site's gap report uses; ``--fit-only`` skips the nested estimate, whose loop
grows with the square of the curricula (with it, 28 minutes on two cores for 1,092 rows over
81 curricula; without it, 85-122 seconds for 1,615 rows). The precedent term of every row leaves
its own curriculum's labels out, and those of every curriculum held out at that level: the
outer one in the nested loop and, while the three values are chosen, the inner one too
(``Rows.leaving_out``). ``--shipped`` fits
nothing: it scores the shipped model (``--model``: another fit's file) on the rows (``--labels``: another labelled file), held out
for rows labelled after its fit, in sample for the rows it was fitted on.
"""

from __future__ import annotations

import argparse
import copy
import json
from collections.abc import Sequence
from itertools import product
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

from curricula.gap.model import (
    MODEL_PATH,
    SURE_RELATION,
    TERMS,
    PlacementModel,
    load_placement_model,
    rank_inputs,
    row_summary,
)
from curricula.lab.gap.cases import LABELS, NONE, Case, load_cases, read_labels, with_precedent

LAMS = (0.1, 0.3, 1.0, 3.0)
CS = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7)


class Rows:
    """The cases as the two models see them (``terms``: the columns, in this order), the
    precedent term of each from the labelled curricula but its own (``leaving_out``: and those
    of the curricula held out)."""

    def __init__(self, cases: Sequence[Case], terms: Sequence[str] = TERMS) -> None:
        self.terms = tuple(terms)
        self.cases = cases
        self.left_out: tuple[str, ...] = ()
        self.raw = [np.stack([c.features[n] for n in self.terms], axis=1) for c in cases]
        self.units = [rank_inputs(x) for x in self.raw]
        self.summary = np.array([row_summary(x) for x in self.raw])
        structural = self.terms.index("structural") if "structural" in self.terms else None
        self.sure = [
            np.zeros(len(x), dtype=bool)
            if structural is None
            else x[:, structural] >= SURE_RELATION
            for x in self.raw
        ]
        self.unit_right = [np.array([code in c.right for code in c.codes]) for c in cases]
        self.none_right = np.array([NONE in c.right for c in cases])
        self.only_none = np.array([c.right == {NONE} for c in cases])

    def leaving_out(self, *curricula: str) -> Rows:
        """The same rows with the labels of ``curricula`` left out of every row's precedent term
        too (a row leaves its own curriculum's out already): what the models may be fitted on
        while those curricula are held out."""
        columns = [self.terms.index(n) for n in ("precedent", "precedent_prior") if n in self.terms]
        if not columns:
            return self
        out = copy.copy(self)
        out.left_out = (*self.left_out, *curricula)
        out.raw, out.units, out.summary = list(self.raw), list(self.units), self.summary.copy()
        for i, case in enumerate(self.cases):
            if case.precedent is None or not set(curricula) - {case.curriculum}:
                continue
            features = with_precedent(case, out.left_out)
            x = self.raw[i].copy()
            for column in columns:
                x[:, column] = features[self.terms[column]]
            out.raw[i], out.units[i], out.summary[i] = x, rank_inputs(x), row_summary(x)
        return out


def fit_ranker(rows: Rows, train: Sequence[int], lam: float) -> np.ndarray:
    """The ranker's weights: penalised log-likelihood that one of a row's right units is first
    (the rows padded to one array, so each step is a few array products)."""
    train = [i for i in train if rows.unit_right[i].any()]
    width = rows.units[0].shape[1]
    if not train:
        return np.zeros(width)
    most = max(len(rows.units[i]) for i in train)
    x = np.zeros((len(train), most, width))
    valid = np.zeros((len(train), most), dtype=bool)
    right = np.zeros((len(train), most), dtype=bool)
    for k, i in enumerate(train):
        n = len(rows.units[i])
        x[k, :n], valid[k, :n], right[k, :n] = rows.units[i], True, rows.unit_right[i]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = np.where(valid, x @ w, -np.inf)
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        p_right = np.where(right, p, 0.0).sum(axis=1)
        q = np.where(right, p / p_right[:, None], 0.0)
        total = lam * float(w @ w) - float(np.log(p_right).sum())
        grad = 2 * lam * w - np.einsum("kuw,ku->w", x, q - p)
        return total, grad

    return minimize(loss, np.zeros(width), jac=True, method="L-BFGS-B").x


def fit_none(
    rows: Rows, train: Sequence[int], c: float
) -> tuple[LogisticRegression, np.ndarray, np.ndarray]:
    """The "none" classifier fitted on ``train``, and the mean and spread that standardise its
    inputs."""
    x = rows.summary[list(train)]
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit((x - mean) / std, rows.only_none[list(train)])
    return model, mean, std


def outcomes(rows: Rows, train: Sequence[int], test: Sequence[int]) -> dict[tuple, np.ndarray]:
    """Per (lam, C, threshold): whether each test row's advice is right, fitted on ``train``."""
    top_right, sure = {}, {}
    for lam in LAMS:
        w = fit_ranker(rows, train, lam)
        tops = [int(np.argmax(rows.units[i] @ w)) for i in test]
        top_right[lam] = np.array([rows.unit_right[i][t] for i, t in zip(test, tops, strict=True)])
        sure[lam] = np.array([rows.sure[i][t] for i, t in zip(test, tops, strict=True)])
    none_prob = {}
    for c in CS:
        model, mean, std = fit_none(rows, train, c)
        none_prob[c] = model.predict_proba((rows.summary[list(test)] - mean) / std)[:, 1]
    return {
        (lam, c, t): np.where(
            (none_prob[c] >= t) & ~sure[lam], rows.none_right[list(test)], top_right[lam]
        )
        for lam, c, t in product(LAMS, CS, THRESHOLDS)
    }


def loco(rows: Rows, folds: list[list[int]]) -> dict[tuple, np.ndarray]:
    """Per (lam, C, threshold): the leave-one-curriculum-out hits over the rows of ``folds``, each
    fold scored by models fitted on rows whose precedent term leaves its labels out."""
    found: dict[tuple, list[np.ndarray]] = {}
    for j, held in enumerate(folds):
        train = [i for jj, f in enumerate(folds) if jj != j for i in f]
        fitted_on = rows.leaving_out(*curricula_of(rows, held))
        for key, right in outcomes(fitted_on, train, held).items():
            found.setdefault(key, []).append(right)
    return {key: np.concatenate(parts) for key, parts in found.items()}


def best_key(found: dict[tuple, np.ndarray]) -> tuple:
    """The (lam, C, threshold) of the highest accuracy (ties: the first)."""
    keys = list(found)
    return keys[int(np.argmax([float(found[k].mean()) for k in keys]))]


def curricula_of(rows: Rows, fold: Sequence[int]) -> list[str]:
    """The curricula of a fold's rows, in order."""
    return list(dict.fromkeys(rows.cases[i].curriculum for i in fold))


def nested(rows: Rows, folds: list[list[int]]) -> tuple[np.ndarray, list[tuple]]:
    """Outer leave-one-curriculum-out hits, and the (lam, C, threshold) each fold chose by
    leave-one-curriculum-out inside its training curricula. The precedent term of every row
    leaves the held-out curriculum's labels out (and its own), and inside the inner held-out
    one's too (``loco``)."""
    hits = np.zeros(len(rows.cases), dtype=bool)
    chosen = []
    for k, fold in enumerate(folds):
        outer = rows.leaving_out(*curricula_of(rows, fold))
        inner_folds = [f for j, f in enumerate(folds) if j != k]
        best = best_key(loco(outer, inner_folds))
        hits[fold] = outcomes(outer, [i for f in inner_folds for i in f], fold)[best]
        chosen.append(best)
    return hits, chosen


def fit_model(rows: Rows, lam: float, c: float, threshold: float) -> PlacementModel:
    """Both models fitted on every row, as a ``PlacementModel``."""
    everything = list(range(len(rows.none_right)))
    weights = fit_ranker(rows, everything, lam)
    classifier, mean, std = fit_none(rows, everything, c)
    return PlacementModel(
        rows.terms,
        weights,
        classifier.coef_[0].astype(np.float64),
        float(classifier.intercept_[0]),
        mean,
        std,
        threshold,
        SURE_RELATION,
    )


def predict(cases: Sequence[Case], model: PlacementModel) -> list[str]:
    """Each case's advised unit code, or ``none``, as the site's unit chooser advises with
    ``model``."""
    found = []
    for case in cases:
        top, _ = model.choose(model.matrix(case.features))
        found.append(NONE if top is None else case.codes[top])
    return found


def main(argv: Sequence[str] | None = None) -> None:
    """Print the nested leave-one-curriculum-out accuracy of the learned unit choice (and with
    ``--write``, fit and write the site's model)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--terms", help="comma-separated terms (default: all of TERMS)")
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_PATH.name}")
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help=argparse.SUPPRESS)
    parser.add_argument("--labels", type=Path, default=LABELS, help="another labelled set")
    parser.add_argument("--shipped", action="store_true", help="score the shipped model only")
    parser.add_argument("--model", type=Path, default=MODEL_PATH, help="the model --shipped reads")
    parser.add_argument(
        "--fit-only", action="store_true", help="with --write: skip the nested estimate"
    )
    args = parser.parse_args(argv)
    if args.fit_only and not args.write:
        parser.error("--fit-only needs --write")
    if args.shipped and args.write:
        parser.error("--shipped scores the shipped model; it does not --write one")
    terms = tuple(args.terms.split(",")) if args.terms else TERMS
    unknown = set(terms) - set(TERMS)
    if unknown:
        parser.error(f"unknown terms: {', '.join(sorted(unknown))}")
    cases = load_cases(read_labels(args.labels), taught="unfiltered")  # as the site places
    if args.shipped:
        _print(_shipped(cases, load_placement_model(args.model)), args.json)
        return
    rows = Rows(cases, terms)
    names = list(dict.fromkeys(c.curriculum for c in cases))
    folds = [[i for i, c in enumerate(cases) if c.curriculum == n] for n in names]
    result: dict[str, object] = {"rows": len(cases), "curricula": len(names), "terms": list(terms)}
    if not args.fit_only:
        result |= _nested_figures(rows, names, folds)
    if args.write:
        found = loco(rows, folds)
        lam, c, threshold = best_key(found)
        model = fit_model(rows, lam, c, threshold)
        args.output.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        result["written"] = str(args.output)
        result["written_lam_C_threshold"] = [lam, c, threshold]
        result["written_leave_one_curriculum_out_chosen_on"] = round(
            float(found[(lam, c, threshold)].mean()), 4
        )
    _print(result, args.json)


def _nested_figures(rows: Rows, names: list[str], folds: list[list[int]]) -> dict[str, object]:
    """The nested leave-one-curriculum-out figures: overall, by kind of row and per curriculum,
    with the (lam, C, threshold) each curriculum's fold chose."""
    hits, chosen = nested(rows, folds)
    cases = rows.cases
    lab = np.array([c.curriculum.startswith("lab:") for c in cases])
    return {
        "held_out_leave_one_curriculum_out": round(float(hits.mean()), 4),
        "held_out_right": int(hits.sum()),
        "held_out_none_rows": round(float(hits[rows.only_none].mean()), 4),
        "held_out_unit_rows": round(float(hits[~rows.only_none].mean()), 4),
        "held_out_lab_curricula": round(float(hits[lab].mean()), 4) if lab.any() else None,
        "held_out_other_curricula": round(float(hits[~lab].mean()), 4) if (~lab).any() else None,
        "held_out_per_curriculum": {n: f"{int(hits[f].sum())}/{len(f)}"
                                    for n, f in zip(names, folds, strict=True)},
        "chosen_lam_C_threshold": {n: list(c) for n, c in zip(names, chosen, strict=True)},
    }  # fmt: skip


def _shipped(cases: Sequence[Case], model: PlacementModel) -> dict[str, object]:
    """The shipped model's accuracy on ``cases``, overall, by kind of row and per curriculum."""
    right = np.array([g in c.right for g, c in zip(predict(cases, model), cases, strict=True)])
    only_none = np.array([c.right == {NONE} for c in cases])
    names = list(dict.fromkeys(c.curriculum for c in cases))
    return {
        "rows": len(cases),
        "shipped_model_right": int(right.sum()),
        "shipped_model_accuracy": round(float(right.mean()), 4),
        "none_rows": round(float(right[only_none].mean()), 4) if only_none.any() else None,
        "unit_rows": round(float(right[~only_none].mean()), 4) if (~only_none).any() else None,
        "per_curriculum": {
            n: f"{int(right[[c.curriculum == n for c in cases]].sum())}/"
            f"{sum(c.curriculum == n for c in cases)}"
            for n in names
        },
    }


def _print(result: dict[str, object], as_json: bool) -> None:
    """The figures, as JSON or one per line."""
    if as_json:
        print(json.dumps(result, indent=1))
    else:
        for key, value in result.items():
            print(f"{key:36} {value}")


if __name__ == "__main__":
    main()
