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

from matching.scoring.item_index import ItemIndex, sparse_arrays
from matching.scoring.model import (
    MatchExplanation,
    MatchFilters,
    SeekerSkills,
    VacancyRequirements,
)
from matching.scoring.score import clip_text, combine, score_match
from matching.scoring.vacancy_index import row_skills, skill_rows

MAX_EMPLOYMENT_TYPES = 63
ANY_TYPE = (1 << MAX_EMPLOYMENT_TYPES) - 1  # bits of a seeker open to every employment type


class SeekerIndex(ItemIndex[VacancyRequirements, SeekerSkills]):
    """Seekers prepared for ranking against one vacancy at a time (the employer's view):
    ``SeekerIndex(seekers, neighbours, text_vectors=None, params=DEFAULT_SCORING)``, where
    ``text_vectors`` holds one L2-normalised profile row per seeker (``ItemIndex``)."""

    @staticmethod
    def item_id(item: SeekerSkills) -> str:
        """The seeker's id."""
        return item.seeker_id

    @staticmethod
    def skill_sets(items: Sequence[SeekerSkills]) -> list[Collection[str]]:
        """Each seeker's skills."""
        return [s.skills for s in items]

    def prepare(self, items: Sequence[SeekerSkills]) -> None:
        """Inverted lists, visibility, wanted employment types and near-skill credits."""
        seekers, params = items, self.params
        skills = self.skill_sets(seekers)
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
        self.credit = self.neighbours.credit_matrix(self.skill_index, params.credit_factor)

    def _type_bits(self, kinds: Collection[str]) -> int:
        if not kinds:  # no preference: open to every type
            return ANY_TYPE
        return sum(1 << self.employment_types[k] for k in kinds if k in self.employment_types)

    def own_arrays(self) -> list[np.ndarray]:
        """The seeker arrays and inverted lists (see ``ItemIndex.nbytes``)."""
        flags = [self.wanted_types, self.visible, self.has_skills]
        return flags + sparse_arrays(self.by_seeker, self.by_skill, self.credit)

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

    # The k best visible seekers for a vacancy after filters, best first; with their explanations.
    top_seekers_for = ItemIndex.top
    candidates = ItemIndex.explained

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

    def match(
        self, query: VacancyRequirements, item_id: str, text: float | None
    ) -> MatchExplanation:
        """:func:`score_match` of one indexed seeker for the vacancy ``query``."""
        return score_match(self.seeker(item_id), query, self.neighbours, text, self.params)
