"""Vacancy search for seekers: keywords and meaning together, filters, sorting, pages."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import SeekerProfile, Vacancy, VacancySkill
from app.models.base import utcnow
from app.services.matching import explain, open_vacancies_query, text_vectors, vacancy_text
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


def _terms(text: str) -> list[str]:
    return [t for t in re.findall(r"\w+", text.lower()) if len(t) > 1]


def keyword_score(terms: list[str], text: str) -> float:
    """Share of the query terms present in the text."""
    if not terms:
        return 0.0
    words = set(re.findall(r"\w+", text.lower()))
    return sum(1 for t in terms if t in words) / len(terms)


def search(query: SearchQuery, profile: SeekerProfile | None = None) -> SearchPage:
    """Open vacancies for the query, filtered, scored and sorted, one page of them."""
    statement = open_vacancies_query().options(
        selectinload(Vacancy.skills).selectinload(VacancySkill.skill),
        selectinload(Vacancy.region),
        selectinload(Vacancy.organisation),
    )
    if query.region_id:
        statement = statement.where(Vacancy.region_id == query.region_id)
    if query.employment_type:
        statement = statement.where(Vacancy.employment_type == query.employment_type)
    if query.education:
        statement = statement.where(Vacancy.min_education == query.education)
    if query.salary_min:
        statement = statement.where(Vacancy.salary_max >= query.salary_min)
    if query.posted_within_days:
        since = utcnow() - timedelta(days=query.posted_within_days)
        statement = statement.where(Vacancy.posted_at >= since)
    if query.posted_after:
        statement = statement.where(Vacancy.posted_at > query.posted_after)
    vacancies = list(db.session.scalars(statement))
    hits = _score(vacancies, query.text)
    if profile is not None and query.sort == "match":
        hits = [
            SearchHit(h.vacancy, h.keyword, h.meaning, h.relevance, explain(profile, h.vacancy))
            for h in hits
        ]
    hits = _sort(hits, query.sort)
    start = (query.page - 1) * query.per_page
    return SearchPage(hits[start : start + query.per_page], len(hits), query.page, query.per_page)


def _score(vacancies: list[Vacancy], text: str) -> list[SearchHit]:
    text = text.strip()
    if not text or not vacancies:
        return [SearchHit(v, 0.0, 0.0, 0.0) for v in vacancies]
    terms = _terms(text)
    vectors = text_vectors([text] + [vacancy_text(v) for v in vacancies], "query")
    meanings = vectors[1:] @ vectors[0]
    hits = []
    for vacancy, meaning in zip(vacancies, meanings.tolist(), strict=True):
        keyword = keyword_score(terms, vacancy_text(vacancy))
        if keyword == 0 and meaning < SEMANTIC_FLOOR:
            continue
        hits.append(SearchHit(vacancy, keyword, meaning, 0.5 * keyword + 0.5 * max(0.0, meaning)))
    return hits


def _sort(hits: list[SearchHit], sort: str) -> list[SearchHit]:
    def posted(hit: SearchHit) -> float:
        return hit.vacancy.posted_at.timestamp() if hit.vacancy.posted_at else 0.0

    if sort == "date":
        return sorted(hits, key=lambda h: (-posted(h), h.vacancy.id))
    if sort == "match":
        return sorted(hits, key=lambda h: (-(h.match.score or -1) if h.match else 1, -posted(h)))
    return sorted(hits, key=lambda h: (-h.relevance, -posted(h), h.vacancy.id))
