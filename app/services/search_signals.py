"""The ranking signals of a vacancy search, as arrays over the process's vacancy index:
filters, keywords, titles, asked skills, meaning and fit per candidate vacancy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from flask import current_app

from app.models.base import utcnow
from app.services.clock import today as local_today
from app.services.indexes import VacancyPart, still_open
from app.services.matching import profile_vector, seeker_values, text_vectors, vacancy_parts
from app.services.search_reasons import place_region_ids
from app.services.skill_search import skills_named_in
from matching.keywords import query_terms, terms
from matching.search_query import ParsedQuery

if TYPE_CHECKING:
    from app.services.search import SearchQuery

COMMON_WORD_SHARE = 0.15  # a lower-case word in more vacancies than this does not name a skill


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
