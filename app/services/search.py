"""Vacancy search for seekers: places, asked skills, titles, keywords and meaning together,
filters, sorting, pages, and the reasons each vacancy was found."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import SeekerProfile, Vacancy, VacancySkill
from app.services.matching import active_skill_ids, explain
from app.services.search_reasons import place_notes, read_query, reasons_for
from app.services.search_signals import Signals, asked_skills, signals
from matching.scoring import MatchExplanation
from matching.search_rank import RankWeights, relevance

# chosen by cross-validation over the judged queries: python -m bench.search_quality
WEIGHTS = RankWeights()
SEMANTIC_FLOOR = WEIGHTS.meaning_floor  # kept for callers of the earlier module
SORTS = ("relevance", "date", "match")


@dataclass(frozen=True)
class SearchQuery:
    """What the seeker asked for."""

    text: str = ""
    region_id: int | None = None
    employment_type: str | None = None
    education: str | None = None
    salary_min: int | None = None
    posted_within_days: int | None = None
    posted_after: datetime | None = None  # strictly after (the saved-search digest's window)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10


@dataclass(frozen=True)
class SearchHit:
    """One vacancy found, with why."""

    vacancy: Vacancy
    keyword: float
    meaning: float
    relevance: float
    match: MatchExplanation | None = None
    reasons: tuple[str, ...] = ()  # why it was found, in the seeker's words


@dataclass
class SearchPage:
    """One page of results."""

    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    notes: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """Number of pages."""
        return max(1, math.ceil(self.total / self.per_page))


def search(
    query: SearchQuery, profile: SeekerProfile | None = None, weights: RankWeights = WEIGHTS
) -> SearchPage:
    """Open vacancies for the query, filtered, scored and sorted, one page of them, each with
    the reasons it was found in words a job seeker reads.

    Places named in the text filter by district ("loker cilegon"); tool and skill names rank
    the vacancies that ask for them first; vacancies found by meaning alone need a clear margin
    (``matching.search_rank``). Everything runs on the process's vacancy index; only the page's
    vacancies are loaded as objects.
    """
    read = read_query(query.text)
    asked = asked_skills(read)
    found = signals(query, read, asked, profile)
    relevance, kept = relevance_of(found, weights)
    if read.has_topic:
        found, relevance = _take(found, kept), relevance[kept]
    if query.sort == "date":
        keys = (found.ids, -found.posted)
    elif query.sort == "match" and profile is not None:
        keys = (-found.posted, found.fit)
    else:
        keys = (found.ids, -found.posted, -relevance)
    shown = page_rows(keys, (query.page - 1) * query.per_page, query.per_page)
    hits = _hits(found, shown, relevance)
    held = active_skill_ids(profile) if profile is not None else frozenset()
    hits = [
        replace(
            h,
            reasons=reasons_for(h.vacancy, read, asked, held, h.keyword, h.meaning),
            match=explain(profile, h.vacancy)
            if profile is not None and query.sort == "match"
            else None,
        )
        for h in hits
    ]
    notes = place_notes(read) if query.region_id is None else []
    return SearchPage(hits, int(found.ids.size), query.page, query.per_page, notes)


def relevance_of(found: Signals, weights: RankWeights) -> tuple[np.ndarray, np.ndarray]:
    """Relevance and kept-mask of the candidates (``matching.search_rank.relevance``)."""
    return relevance(found.skill, found.title, found.words, found.meaning, weights, found.rare)


def _take(found: Signals, rows: np.ndarray) -> Signals:
    return Signals(**{k: getattr(found, k)[rows] for k in Signals.__dataclass_fields__})


def page_rows(keys: tuple[np.ndarray, ...], start: int, count: int) -> np.ndarray:
    """Rows ``start`` to ``start + count`` of ``np.lexsort(keys)`` (last key primary) without
    sorting every row: only the rows whose primary key is within the page's first
    ``start + count`` values (ties included) are sorted, so the answer is the same."""
    primary, end = keys[-1], start + count
    if end <= 0 or primary.size == 0:
        return np.zeros(0, dtype=np.int64)
    if end >= primary.size:
        return np.lexsort(keys)[start:end]
    kth = np.partition(primary, end - 1)[end - 1]
    rows = np.flatnonzero(primary <= kth)
    return rows[np.lexsort(tuple(key[rows] for key in keys))][start:end]


def _hits(found: Signals, shown: np.ndarray, relevance: np.ndarray) -> list[SearchHit]:
    """The page's vacancies as objects, in the page's order."""
    if shown.size == 0:
        return []
    ids = found.ids[shown]
    loaded = {
        v.id: v
        for v in db.session.scalars(
            select(Vacancy)
            .where(Vacancy.id.in_([int(i) for i in ids]))
            .options(
                selectinload(Vacancy.skills).selectinload(VacancySkill.skill),
                selectinload(Vacancy.region),
                selectinload(Vacancy.organisation),
            )
        )
    }
    return [
        SearchHit(
            loaded[int(found.ids[r])],
            float(found.words[r]),
            float(found.meaning[r]),
            float(relevance[r]),
        )
        for r in shown
        if int(found.ids[r]) in loaded
    ]
