"""Rank many vacancies for one seeker fast: sparse skill matrices and a seeker credit vector.

For a seeker, ``credit[j]`` is 1 for each skill they have and, for every other skill ``j``, the
best partial credit a skill of theirs earns towards ``j``. Each vacancy row of ``required``
holds ``1 / |required|`` on its required skills, so ``required @ credit`` is the required
coverage of every vacancy at once (likewise for nice-to-have skills); the text component is one
matrix-vector product over the vacancies' text vectors. The result equals :func:`score_match`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np
from scipy import sparse

from matching.scoring.item_index import ItemIndex, sparse_arrays
from matching.scoring.model import (
    MatchExplanation,
    MatchFilters,
    SeekerSkills,
    VacancyRequirements,
)
from matching.scoring.score import clip_text, combine, score_match
from matching.scoring.table import Codes


def skill_rows(
    skill_sets: Sequence[Collection[str]], skill_index: Mapping[str, int], *, normalise: bool
) -> sparse.csr_matrix:
    """Items x skills CSR matrix: 1 per skill, or ``1 / len(skills)`` when ``normalise``."""
    lengths = np.fromiter((len(s) for s in skill_sets), dtype=np.int64, count=len(skill_sets))
    total = int(lengths.sum())
    indices = np.fromiter(
        (skill_index[k] for s in skill_sets for k in s), dtype=np.int32, count=total
    )
    indptr = np.zeros(len(skill_sets) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    if normalise:
        per_row = np.divide(1.0, lengths, out=np.zeros(len(lengths)), where=lengths > 0)
        data = np.repeat(per_row, lengths)
    else:
        data = np.ones(total)
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(skill_sets), len(skill_index)))
    matrix.sort_indices()
    return matrix


def row_skills(matrix: sparse.csr_matrix, row: int, skill_ids: Sequence[str]) -> frozenset[str]:
    """The skill ids stored in one row of an items x skills matrix (see ``skill_rows``)."""
    return frozenset(
        skill_ids[j] for j in matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]
    )


class VacancyIndex(ItemIndex[SeekerSkills, VacancyRequirements]):
    """Open vacancies prepared for ranking against one seeker at a time:
    ``VacancyIndex(vacancies, neighbours, text_vectors=None, params=DEFAULT_SCORING)``, where
    ``text_vectors`` holds one L2-normalised row per vacancy (``ItemIndex``)."""

    @staticmethod
    def item_id(item: VacancyRequirements) -> str:
        """The vacancy's id."""
        return item.vacancy_id

    @staticmethod
    def skill_sets(items: Sequence[VacancyRequirements]) -> list[Collection[str]]:
        """Each vacancy's required skills, then each vacancy's nice-to-have skills."""
        return [v.required for v in items] + [v.preferred for v in items]

    def prepare(self, items: Sequence[VacancyRequirements]) -> None:
        """Employment codes, skill matrices and near-skill credits."""
        vacancies, params = items, self.params
        required = [v.required for v in vacancies]
        preferred = [v.preferred for v in vacancies]
        self.employment = Codes(v.employment_type for v in vacancies)
        self.required = skill_rows(required, self.skill_index, normalise=True)
        self.preferred = skill_rows(preferred, self.skill_index, normalise=True)
        self.has_required = np.diff(self.required.indptr) > 0
        self.has_preferred = np.diff(self.preferred.indptr) > 0
        # row s: the skills a seeker holding s gets partial credit towards, and that credit
        self.credit_by_held = self.neighbours.credit_matrix(
            self.skill_index, params.credit_factor
        ).T.tocsr()

    def own_arrays(self) -> list[np.ndarray]:
        """The employment codes and sparse matrices (see ``ItemIndex.nbytes``)."""
        matrices = (self.required, self.preferred, self.credit_by_held)
        return [self.employment.codes, *sparse_arrays(*matrices)]

    def credit_vector(self, skills: Collection[str]) -> np.ndarray:
        """Per skill: 1 if held, else the best partial credit from a held near skill, else 0."""
        credit = np.zeros(len(self.skill_ids))
        held = [self.skill_index[s] for s in skills if s in self.skill_index]
        m = self.credit_by_held
        for s in held:
            cols = m.indices[m.indptr[s] : m.indptr[s + 1]]
            credit[cols] = np.maximum(credit[cols], m.data[m.indptr[s] : m.indptr[s + 1]])
        credit[held] = 1.0
        return credit

    def scores(
        self, seeker: SeekerSkills, text_vector: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Score of ``seeker`` for every vacancy and the mask of vacancies with a score."""
        n = len(self.table)
        if not seeker.skills:
            return np.zeros(n), np.zeros(n, dtype=bool)
        credit = self.credit_vector(seeker.skills)
        text, has_text = self.table.text_scores(text_vector)
        score, total = combine(
            self.required @ credit,
            self.preferred @ credit,
            clip_text(text),
            self.has_required,
            self.has_preferred,
            has_text,
            self.params,
        )
        return score, total > 0

    def filter_mask(self, filters: MatchFilters) -> np.ndarray:
        """Active vacancies passing ``filters`` (region, education, employment type, exclusions)."""
        mask = self.table.filter_mask(filters)
        if filters.employment_types is not None:
            mask &= self.employment.isin(filters.employment_types)
        return mask

    # The k best open vacancies for a seeker after filters, best first (none for an empty
    # profile); with their explanations.
    top_vacancies_for = ItemIndex.top
    recommend = ItemIndex.explained

    def vacancy(self, vacancy_id: str) -> VacancyRequirements:
        """The indexed vacancy ``vacancy_id`` rebuilt from the index rows."""
        row = self.table.rows[vacancy_id]
        return VacancyRequirements(
            vacancy_id,
            row_skills(self.required, row, self.skill_ids),
            row_skills(self.preferred, row, self.skill_ids),
            region=self.table.regions.value(row),
            education=self.table.educations.value(row),
            employment_type=self.employment.value(row),
        )

    def match(self, query: SeekerSkills, item_id: str, text: float | None) -> MatchExplanation:
        """:func:`score_match` of the seeker ``query`` for one indexed vacancy."""
        return score_match(query, self.vacancy(item_id), self.neighbours, text, self.params)

    def skill_demand(
        self, regions: Collection[str] | None = None, top: int | None = None
    ) -> list[tuple[str, int]]:
        """Required skills of active vacancies (in ``regions``) by vacancy count, most first."""
        mask = self.filter_mask(MatchFilters(regions=regions))
        rows = self.required[np.flatnonzero(mask)]
        counts = np.bincount(rows.indices, minlength=len(self.skill_ids))
        order = np.lexsort((np.arange(len(counts)), -counts))
        ranked = [(self.skill_ids[j], int(counts[j])) for j in order if counts[j] > 0]
        return ranked if top is None else ranked[:top]
