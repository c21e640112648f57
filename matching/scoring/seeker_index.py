"""Rank many seekers for one vacancy fast: per-skill inverted lists of seekers.

For a vacancy, each required skill ``r`` gets a credit per seeker: its near skills' postings
are written in ascending order of credit, then ``r``'s own postings with 1, so every seeker ends
with the best credit they earn towards ``r``. Coverage is the mean over required skills (likewise
for nice-to-have skills); the text component is one matrix-vector product. Only visible seekers
with at least one skill are ranked. The result equals :func:`score_match`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from matching.scoring.model import (
    NO_FILTERS,
    MatchExplanation,
    MatchFilters,
    RankedItem,
    SeekerSkills,
    VacancyRequirements,
)
from matching.scoring.neighbours import SkillNeighbours
from matching.scoring.params import DEFAULT_SCORING, ScoringParams
from matching.scoring.score import clip_text, combine, score_match
from matching.scoring.table import ItemTable, top_k
from matching.scoring.vacancy_index import row_skills, skill_rows, skill_vocabulary

MAX_EMPLOYMENT_TYPES = 63
ANY_TYPE = (1 << MAX_EMPLOYMENT_TYPES) - 1  # bits of a seeker open to every employment type


class SeekerIndex:
    """Seekers prepared for ranking against one vacancy at a time (the employer's view).

    ``text_vectors`` (optional) holds one L2-normalised profile row per seeker; an all-zero row
    means that seeker has no text vector.
    """

    def __init__(
        self,
        seekers: Sequence[SeekerSkills],
        neighbours: SkillNeighbours,
        text_vectors: np.ndarray | None = None,
        params: ScoringParams = DEFAULT_SCORING,
    ) -> None:
        self.params = params
        self.neighbours = neighbours
        skills = [s.skills for s in seekers]
        self.skill_ids = skill_vocabulary(neighbours, skills)
        self.skill_index = {s: i for i, s in enumerate(self.skill_ids)}
        self.table = ItemTable(
            [s.seeker_id for s in seekers],
            (s.region for s in seekers),
            (s.education for s in seekers),
            text_vectors,
        )
        self.by_seeker = skill_rows(skills, self.skill_index, normalise=False)
        self.by_skill = self.by_seeker.tocsc()  # column j: the seekers holding skill j
        self.by_skill.sort_indices()
        self.has_skills = np.diff(self.by_seeker.indptr) > 0
        self.visible = np.fromiter((s.visible for s in seekers), dtype=bool, count=len(seekers))
        self.employment_types: dict[str, int] = {}
        for s in seekers:
            for kind in sorted(s.employment_types):
                self.employment_types.setdefault(kind, len(self.employment_types))
        if len(self.employment_types) > MAX_EMPLOYMENT_TYPES:
            raise ValueError(f"at most {MAX_EMPLOYMENT_TYPES} employment types are supported")
        self.wanted_types = np.fromiter(
            (self._type_bits(s.employment_types) for s in seekers),
            dtype=np.uint64,
            count=len(seekers),
        )
        self.credit = neighbours.credit_matrix(self.skill_index, params.credit_factor)

    def _type_bits(self, kinds: Collection[str]) -> int:
        if not kinds:  # no preference: open to every type
            return ANY_TYPE
        return sum(1 << self.employment_types[k] for k in kinds if k in self.employment_types)

    def __len__(self) -> int:
        return len(self.table)

    def set_active(self, item_id: str, active: bool) -> None:
        """Include or leave out one item (a seeker who left) without rebuilding the index."""
        self.table.set_active(item_id, active)

    def nbytes(self) -> int:
        """Bytes held by the index arrays (inverted lists, codes, text vectors)."""
        arrays = [self.table.has_text, self.table.active, self.table.regions.codes]
        arrays += [self.table.educations.codes, self.wanted_types, self.visible, self.has_skills]
        for m in (self.by_seeker, self.by_skill, self.credit):
            arrays += [m.data, m.indices, m.indptr]
        if self.table.text is not None:
            arrays.append(self.table.text)
        return sum(a.nbytes for a in arrays)

    def _postings(self, skill: int) -> np.ndarray:
        m = self.by_skill
        return m.indices[m.indptr[skill] : m.indptr[skill + 1]]

    def coverage(self, wanted: Collection[str]) -> np.ndarray:
        """Every seeker's coverage of ``wanted``: mean over its skills of the best credit."""
        total = np.zeros(len(self.table))
        if not wanted:
            return total
        buffer, m = np.empty(len(self.table)), self.credit
        for skill in wanted:
            r = self.skill_index.get(skill)
            if r is None:  # no seeker holds it and it has no neighbours: credit 0
                continue
            buffer[:] = 0.0
            lo, hi = m.indptr[r], m.indptr[r + 1]
            near, credit = m.indices[lo:hi], m.data[lo:hi]
            for j in np.argsort(credit, kind="stable"):
                buffer[self._postings(near[j])] = credit[j]
            buffer[self._postings(r)] = 1.0
            total += buffer
        return total / len(wanted)

    def scores(
        self, vacancy: VacancyRequirements, text_vector: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Score of every seeker for ``vacancy`` and the mask of seekers with a score."""
        text, has_text = self.table.text_scores(text_vector)
        score, total = combine(
            self.coverage(vacancy.required),
            self.coverage(vacancy.preferred),
            clip_text(text),
            bool(vacancy.required),
            bool(vacancy.preferred),
            has_text,
            self.params,
        )
        valid = (np.broadcast_to(total, self.has_skills.shape) > 0) & self.has_skills
        return np.broadcast_to(score, valid.shape), valid

    def filter_mask(self, filters: MatchFilters) -> np.ndarray:
        """Active, visible seekers passing ``filters``; a seeker with no wanted type passes any."""
        mask = self.table.filter_mask(filters) & self.visible
        if filters.employment_types is not None:
            bits = sum(
                1 << self.employment_types[k]
                for k in filters.employment_types
                if k in self.employment_types
            )
            open_to_any = self.wanted_types == np.uint64(ANY_TYPE)
            mask &= ((self.wanted_types & np.uint64(bits)) > 0) | open_to_any
        return mask

    def top_seekers_for(
        self,
        vacancy: VacancyRequirements,
        k: int = 20,
        filters: MatchFilters = NO_FILTERS,
        text_vector: np.ndarray | None = None,
    ) -> list[RankedItem]:
        """The ``k`` best visible seekers for ``vacancy`` after ``filters``, best first."""
        scores, valid = self.scores(vacancy, text_vector)
        valid &= self.filter_mask(filters)
        return self.table.ranked(top_k(scores, valid, k), scores)

    def seeker(self, seeker_id: str) -> SeekerSkills:
        """The indexed seeker ``seeker_id`` rebuilt from the index rows."""
        row = self.table.rows[seeker_id]
        bits = int(self.wanted_types[row])
        kinds = frozenset(k for k, bit in self.employment_types.items() if bits >> bit & 1)
        return SeekerSkills(
            seeker_id,
            row_skills(self.by_seeker, row, self.skill_ids),
            region=self.table.regions.value(row),
            education=self.table.educations.value(row),
            employment_types=frozenset() if bits == ANY_TYPE else kinds,
            visible=bool(self.visible[row]),
        )

    def explain(
        self, vacancy: VacancyRequirements, seeker_id: str, text_vector: np.ndarray | None = None
    ) -> MatchExplanation:
        """The full :func:`score_match` explanation of one indexed seeker for ``vacancy``."""
        text = self.table.text_similarity(self.table.rows[seeker_id], text_vector)
        return score_match(self.seeker(seeker_id), vacancy, self.neighbours, text, self.params)

    def candidates(
        self,
        vacancy: VacancyRequirements,
        k: int = 20,
        filters: MatchFilters = NO_FILTERS,
        text_vector: np.ndarray | None = None,
    ) -> list[MatchExplanation]:
        """Explanations of the ``k`` best visible seekers for ``vacancy``, best first."""
        top = self.top_seekers_for(vacancy, k, filters, text_vector)
        return [self.explain(vacancy, item.item_id, text_vector) for item in top]
