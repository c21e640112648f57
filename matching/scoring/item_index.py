"""What the two fast indexes share: top-k after filters, explanations, housekeeping.

``VacancyIndex`` (vacancies for a seeker) and ``SeekerIndex`` (seekers for a vacancy) differ in
how they score every item for a query and which filters they add; ranking the scored items,
explaining the best ones with :func:`score_match` and the index's housekeeping are the same.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Generic, TypeVar

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
from matching.scoring.table import ItemTable, top_k

Query = TypeVar("Query", SeekerSkills, VacancyRequirements)
Item = TypeVar("Item", SeekerSkills, VacancyRequirements)


def skill_vocabulary(
    neighbours: SkillNeighbours, skill_sets: Iterable[Collection[str]]
) -> list[str]:
    """Sorted ids of every skill in ``neighbours`` or in any of ``skill_sets``."""
    found = neighbours.skills()
    for skills in skill_sets:
        found.update(skills)
    return sorted(found)


class ItemIndex(Generic[Query, Item]):
    """Base of the fast indexes of items (vacancies or seekers) ranked for a query (a seeker or
    a vacancy). A subclass defines ``item_id``, ``skill_sets`` and ``prepare`` (its own arrays,
    built after the shared ones), ``scores``, ``filter_mask``, ``match`` (one item explained) and
    ``own_arrays``.

    ``text_vectors`` (optional) holds one L2-normalised row per item; an all-zero row means that
    item has no text vector.
    """

    def __init__(
        self,
        items: Sequence[Item],
        neighbours: SkillNeighbours,
        text_vectors: np.ndarray | None = None,
        params: ScoringParams = DEFAULT_SCORING,
    ) -> None:
        self.params = params
        self.neighbours = neighbours
        self.skill_ids = skill_vocabulary(neighbours, self.skill_sets(items))
        self.skill_index = {s: i for i, s in enumerate(self.skill_ids)}
        self.table = ItemTable(
            [self.item_id(x) for x in items],
            (x.region for x in items),
            (x.education for x in items),
            text_vectors,
        )
        self.prepare(items)

    @staticmethod
    def item_id(item: Item) -> str:
        """The id of an item."""
        raise NotImplementedError

    @staticmethod
    def skill_sets(items: Sequence[Item]) -> list[Collection[str]]:
        """Every skill set of the items (the index's skill vocabulary is built from them)."""
        raise NotImplementedError

    def prepare(self, items: Sequence[Item]) -> None:
        """Build the subclass's own arrays (``skill_index`` and ``table`` are set)."""
        raise NotImplementedError

    def scores(
        self, query: Query, text_vector: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Score of every item for ``query`` and the mask of items with a score."""
        raise NotImplementedError

    def filter_mask(self, filters: MatchFilters) -> np.ndarray:
        """Items that may be shown after ``filters``."""
        raise NotImplementedError

    def match(self, query: Query, item_id: str, text: float | None) -> MatchExplanation:
        """:func:`score_match` of ``query`` with one indexed item, given their text cosine."""
        raise NotImplementedError

    def own_arrays(self) -> list[np.ndarray]:
        """The subclass's arrays (sparse matrices as their three arrays) for ``nbytes``."""
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.table)

    def set_active(self, item_id: str, active: bool) -> None:
        """Include or leave out one item (a closed vacancy, a seeker who left) without
        rebuilding the index."""
        self.table.set_active(item_id, active)

    def nbytes(self) -> int:
        """Bytes held by the index arrays (the table's codes and text vectors, the subclass's)."""
        arrays = [self.table.has_text, self.table.active, self.table.regions.codes]
        arrays += [self.table.educations.codes, *self.own_arrays()]
        if self.table.text is not None:
            arrays.append(self.table.text)
        return sum(a.nbytes for a in arrays)

    def top(
        self,
        query: Query,
        k: int = 20,
        filters: MatchFilters = NO_FILTERS,
        text_vector: np.ndarray | None = None,
    ) -> list[RankedItem]:
        """The ``k`` best items for ``query`` after ``filters``, best first."""
        scores, valid = self.scores(query, text_vector)
        valid &= self.filter_mask(filters)
        return self.table.ranked(top_k(scores, valid, k), scores)

    def explain(
        self, query: Query, item_id: str, text_vector: np.ndarray | None = None
    ) -> MatchExplanation:
        """The full :func:`score_match` explanation of one indexed item for ``query``."""
        text = self.table.text_similarity(self.table.rows[item_id], text_vector)
        return self.match(query, item_id, text)

    def explained(
        self,
        query: Query,
        k: int = 20,
        filters: MatchFilters = NO_FILTERS,
        text_vector: np.ndarray | None = None,
    ) -> list[MatchExplanation]:
        """Explanations of the ``k`` best items for ``query`` (``top``), best first."""
        top = self.top(query, k, filters, text_vector)
        return [self.explain(query, item.item_id, text_vector) for item in top]


def sparse_arrays(*matrices) -> list[np.ndarray]:  # noqa: ANN002 - scipy sparse matrices
    """The data, indices and indptr arrays of each sparse matrix."""
    return [a for m in matrices for a in (m.data, m.indices, m.indptr)]
