"""Vacancy search for seekers: keywords and meaning together, filters, sorting, pages."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

import numpy as np
from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import SeekerProfile, Vacancy, VacancySkill
from app.models.base import utcnow
from app.services.clock import today as local_today
from app.services.indexes import VacancyPart, still_open
from app.services.matching import (
    explain,
    profile_vector,
    seeker_values,
    text_vectors,
    vacancy_parts,
)
from matching.keywords import query_terms
from matching.scoring import MatchExplanation

SEMANTIC_FLOOR = (
    0.22  # centred cosine below which a text is not "about" the query (e5, set by hand)
)
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


@lru_cache(maxsize=512)
def _query_vector(text: str, model: str) -> np.ndarray:
    return text_vectors([text], "query")[0]


def query_vector(text: str) -> np.ndarray:
    """The centred vector of a search text (recent ones remembered by this process)."""
    return _query_vector(text, str(current_app.config["EMBEDDING_MODEL"]))


def _mask(part: VacancyPart, query: SearchQuery) -> np.ndarray:
    """Rows of ``part`` that are public today and pass the query's filters."""
    index = part.index
    mask = index.table.active & still_open(part, local_today())
    if query.region_id:
        mask &= index.table.regions.isin({str(query.region_id)})
    if query.employment_type:
        mask &= index.employment.isin({query.employment_type})
    if query.education:
        mask &= index.table.educations.isin({query.education})
    if query.salary_min:
        mask &= np.nan_to_num(part.salary_max, nan=-np.inf) >= query.salary_min
    if query.posted_within_days:
        since = (utcnow() - timedelta(days=query.posted_within_days)).timestamp()
        mask &= np.nan_to_num(part.posted, nan=-np.inf) >= since
    if query.posted_after:
        mask &= np.nan_to_num(part.posted, nan=-np.inf) > query.posted_after.timestamp()
    return mask


def search(query: SearchQuery, profile: SeekerProfile | None = None) -> SearchPage:
    """Open vacancies for the query, filtered, scored and sorted, one page of them.

    Everything runs on the process's vacancy index (``services.indexes``): filters, keywords
    (an inverted index of the stored terms) and meaning (stored vectors) as array operations;
    only the page's vacancies are loaded as objects.
    """
    text = query.text.strip()
    terms = query_terms(text)
    vector = query_vector(text) if text else None
    seeker = seeker_values(profile) if profile is not None and query.sort == "match" else None
    seeker_vector = profile_vector(profile) if seeker is not None else None
    columns: dict[str, list[np.ndarray]] = {k: [] for k in ("id", "kw", "mn", "posted", "fit")}
    for part in vacancy_parts():
        rows = np.flatnonzero(_mask(part, query))
        ids = part.ids[rows]
        keyword = meaning = np.zeros(rows.size)
        if text:
            keyword = part.terms.counts(terms)[rows] / max(1, len(terms))
            meaning = (part.vectors @ vector)[rows] if part.vectors is not None else meaning
            keep = (keyword > 0) | (meaning >= SEMANTIC_FLOOR)
            rows, ids, keyword, meaning = rows[keep], ids[keep], keyword[keep], meaning[keep]
        fit = np.ones(rows.size)
        if seeker is not None and seeker.skills:
            scores, valid = part.index.scores(seeker, seeker_vector)
            fit = np.where(valid[rows] & (scores[rows] != 0), -scores[rows], 1.0)
        for key, value in zip(
            columns, (ids, keyword, meaning, part.posted[rows], fit), strict=True
        ):
            columns[key].append(value)
    ids, keyword, meaning, posted, fit = (
        np.concatenate(columns[k]) if columns[k] else np.zeros(0) for k in columns
    )
    posted = np.nan_to_num(posted, nan=0.0)
    relevance = 0.5 * keyword + 0.5 * np.maximum(0.0, meaning)
    if query.sort == "date":
        keys = (ids, -posted)
    elif query.sort == "match" and seeker is not None:
        keys = (-posted, fit)
    else:
        keys = (ids, -posted, -relevance)
    shown = page_rows(keys, (query.page - 1) * query.per_page, query.per_page)
    hits = _hits(ids[shown], keyword[shown], meaning[shown], relevance[shown])
    if profile is not None and query.sort == "match":
        hits = [
            SearchHit(h.vacancy, h.keyword, h.meaning, h.relevance, explain(profile, h.vacancy))
            for h in hits
        ]
    return SearchPage(hits, int(ids.size), query.page, query.per_page)


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


def _hits(ids, keyword, meaning, relevance) -> list[SearchHit]:  # type: ignore[no-untyped-def]
    """The page's vacancies as objects, in the page's order."""
    if ids.size == 0:
        return []
    found = {
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
        SearchHit(found[int(i)], float(k), float(m), float(r))
        for i, k, m, r in zip(ids, keyword, meaning, relevance, strict=True)
        if int(i) in found
    ]
