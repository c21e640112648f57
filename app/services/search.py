"""Vacancy search for seekers: places, asked skills, titles, keywords and meaning together,
filters, sorting, pages, and the reasons each vacancy was found."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
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
    active_skill_ids,
    explain,
    profile_vector,
    seeker_values,
    text_vectors,
    vacancy_parts,
)
from app.services.search_reasons import place_notes, place_region_ids, read_query, reasons_for
from app.services.skill_search import skills_named_in
from matching.keywords import query_terms, terms
from matching.scoring import MatchExplanation
from matching.search_query import ParsedQuery
from matching.search_rank import RankWeights, relevance

# chosen by cross-validation over the judged queries: python -m bench.search_quality
WEIGHTS = RankWeights()
SEMANTIC_FLOOR = WEIGHTS.meaning_floor  # kept for callers of the earlier module
COMMON_WORD_SHARE = 0.15  # a lower-case word in more vacancies than this does not name a skill
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


@dataclass
class Signals:
    """Per candidate vacancy (public, passing the filters): id, the ranking signals, date, fit."""

    ids: np.ndarray
    skill: np.ndarray
    title: np.ndarray
    words: np.ndarray
    meaning: np.ndarray
    posted: np.ndarray
    fit: np.ndarray
    rare: np.ndarray  # the words' share weighted by rarity (inverse document frequency)


def signals(query: SearchQuery, read: ParsedQuery, asked: list[str], profile=None) -> Signals:  # type: ignore[no-untyped-def]
    """The ranking signals of every candidate, as arrays over the process's vacancy index
    (filters, keywords, titles, asked skills and meaning are array operations per part)."""
    words = query_terms(read.topic)
    vector = query_vector(read.topic) if read.has_topic else None
    seeker = seeker_values(profile) if profile is not None and query.sort == "match" else None
    seeker_vector = profile_vector(profile) if seeker is not None else None
    regions = place_region_ids(read) if query.region_id is None else set()
    columns: dict[str, list[np.ndarray]] = {k: [] for k in Signals.__dataclass_fields__}
    rarity = word_rarity(words)
    for part in vacancy_parts():
        mask = _mask(part, query)
        if regions:
            mask &= part.index.table.regions.isin({str(r) for r in regions})
        rows = np.flatnonzero(mask)
        zeros = np.zeros(rows.size)
        skill, title, found, meaning, rare = zeros, zeros, zeros, zeros, zeros
        if read.has_topic:
            found = part.terms.counts(words)[rows] / max(1, len(words))
            rare = part.terms.weighted(words, rarity)[rows] / max(1e-9, sum(rarity))
            title = part.titles.counts(words)[rows] / max(1, len(words))
            skill = _asks(part, asked)[rows]
            if part.vectors is not None and vector is not None:
                meaning = (part.vectors @ vector)[rows]
        fit = np.ones(rows.size)
        if seeker is not None and seeker.skills:
            scores, valid = part.index.scores(seeker, seeker_vector)
            fit = np.where(valid[rows] & (scores[rows] != 0), -scores[rows], 1.0)
        values = (part.ids[rows], skill, title, found, meaning, part.posted[rows], fit, rare)
        for key, value in zip(columns, values, strict=True):
            columns[key].append(value)
    arrays = {k: np.concatenate(v) if v else np.zeros(0) for k, v in columns.items()}
    arrays["posted"] = np.nan_to_num(arrays["posted"], nan=0.0)
    return Signals(**arrays)


def _asks(part: VacancyPart, skills: list[str]) -> np.ndarray:
    """Per row, the share of ``skills`` the vacancy asks for (required or nice to have): read
    from the sparse rows' column indices, without slicing the matrices by column."""
    index = part.index
    columns = [index.skill_index[s] for s in dict.fromkeys(skills) if s in index.skill_index]
    share = np.zeros(len(part))
    asked = np.zeros(len(index.skill_ids), dtype=bool)  # a lookup table: no sort, as isin does
    asked[columns] = True
    for matrix in (index.required, index.preferred) if columns else ():
        positions = np.flatnonzero(asked[matrix.indices])
        rows = np.searchsorted(matrix.indptr, positions, side="right") - 1
        np.add.at(share, rows, 1.0)
    return np.minimum(share / max(1, len(set(skills))), 1.0)  # a skill is required or nice


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


def _public_rows() -> tuple[int, list[tuple[VacancyPart, np.ndarray]]]:
    """How many rows of the parts are public today, and per part the rows that are not (left
    out since the part was built: closed, changed, past their closing date), so that word counts
    are those of an index built now."""
    today, total, parts = local_today(), 0, []
    for part in vacancy_parts():
        left_out = np.flatnonzero(~(part.index.table.active & still_open(part, today)))
        total += len(part) - left_out.size
        parts.append((part, left_out))
    return total, parts


def word_rarity(words: list[str]) -> list[float]:
    """Inverse document frequency of each query word over the public vacancies."""
    rows, parts = _public_rows()
    held = [sum(p.terms.holding(w, left_out) for p, left_out in parts) for w in words]
    return [float(np.log((rows + 1) / (n + 1)) + 1.0) for n in held]


def asked_skills(read: ParsedQuery) -> list[str]:
    """The skills the search text names ("mikrotik", "Python", "desain grafis")."""
    return [skill_id for skill_id, _ in skills_named_in(terms(read.topic), common_word)]


def common_word(word: str) -> bool:
    """A word in more than ``COMMON_WORD_SHARE`` of the public vacancies' texts ("data")."""
    rows, parts = _public_rows()
    held = sum(p.terms.holding(word, left_out) for p, left_out in parts)
    return rows == 0 or held > COMMON_WORD_SHARE * rows


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
