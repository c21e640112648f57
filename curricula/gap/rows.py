"""The (vacancy, skill) rows of a ``DemandTable`` built from arrays: checked, then one kept per
vacancy and skill (``curricula.gap.demand``)."""

from __future__ import annotations

import numpy as np


def checked_rows(
    n: int,
    n_skills: int,
    vacancy_columns: dict[str, np.ndarray],
    row_skill: np.ndarray,
    row_vacancy: np.ndarray,
    row_required: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows' skill and vacancy indexes (int64) and required flags, once every column is
    checked to hold one value per vacancy (``n``) or per row and every index to be in range."""
    for name, column in vacancy_columns.items():
        if len(column) != n:
            raise ValueError(f"{name}: {len(column)} values for {n} vacancies")
    m = len(row_skill)
    for name, column in {"row_vacancy": row_vacancy, "row_required": row_required}.items():
        if len(column) != m:
            raise ValueError(f"{name}: {len(column)} values for {m} skill rows")
    row_skill = np.asarray(row_skill, dtype=np.int64)
    row_vacancy = np.asarray(row_vacancy, dtype=np.int64)
    if m and (row_skill.min() < 0 or row_skill.max() >= n_skills):
        raise ValueError("row_skill: skill index out of range")
    if m and (row_vacancy.min() < 0 or row_vacancy.max() >= n):
        raise ValueError("row_vacancy: vacancy index out of range")
    return row_skill, row_vacancy, np.asarray(row_required, dtype=bool)


def first_rows(
    row_skill: np.ndarray, row_vacancy: np.ndarray, required: np.ndarray, n: int
) -> np.ndarray:
    """The indexes of the rows to keep, by skill then vacancy: one per (vacancy, skill), a
    required one when there is one."""
    key = row_skill * max(n, 1) + row_vacancy
    order = np.lexsort((~required, key))  # by skill, vacancy; required first
    first = np.ones(len(row_skill), dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    return order[first]
