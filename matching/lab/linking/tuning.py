"""Pure tuning helpers: coordinate search of fusion weights, logistic calibration, thresholds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from matching.linking.index import SIGNALS, Weights

GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)


def coordinate_search(
    objective: Callable[[Weights], float],
    start: Weights,
    rounds: int = 3,
    grid: tuple[float, ...] = GRID,
    fixed: tuple[str, ...] = ("sem_label",),
) -> tuple[Weights, float]:
    """Maximise ``objective`` one weight at a time over ``grid`` (a few rounds; ties keep the
    current value)."""
    best, best_score = start, objective(start)
    for _ in range(rounds):
        improved = False
        for name in SIGNALS:
            if name in fixed:
                continue
            for value in grid:
                cand = replace(best, **{name: value})
                score = objective(cand)
                if score > best_score + 1e-9:
                    best, best_score, improved = cand, score, True
        if not improved:
            break
    return best, best_score


def fit_logistic(features: np.ndarray, labels: np.ndarray, iterations: int = 200) -> np.ndarray:
    """Weights (one per feature column, then the intercept) of a logistic regression fitted by
    Newton's method with a light L2 penalty."""
    x = np.c_[np.asarray(features, np.float64).reshape(len(labels), -1), np.ones(len(labels))]
    y = labels.astype(np.float64)
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50)))
        grad = x.T @ (p - y) + 1e-3 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + 1e-3 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w
