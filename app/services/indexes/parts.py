"""Index parts built from the database with column queries: the public vacancies and the
visible seekers (or a chosen few of them), as the scoring library's indexes plus the columns
search filters on. Text vectors are read as stored (``services.vectors``), never embedded here.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from flask import current_app
from sqlalchemy import Select, select

from app.extensions import db
from app.models import Organisation, SeekerProfile, SeekerSkill, User, Vacancy, VacancySkill
from app.services import vectors
from app.services.visibility import public_vacancy_clauses
from matching.keywords import TermIndex, term_string
from matching.scoring import (
    SeekerIndex,
    SeekerSkills,
    SkillNeighbours,
    VacancyIndex,
    VacancyRequirements,
)
from matching.search_query import row_terms
from matching.textsim import centre_in_place

log = logging.getLogger(__name__)
NO_DATE = np.iinfo(np.int32).max  # no closing date: open until closed


@dataclass
class VacancyPart:
    """Public vacancies as one ranking index, with the columns search filters on (row order)."""

    ids: np.ndarray  # int64 vacancy ids
    index: VacancyIndex
    salary_max: np.ndarray  # float64, NaN where not given
    posted: np.ndarray  # float64 POSIX seconds, NaN where not posted
    closing: np.ndarray  # int32 proleptic ordinal of the closing date, NO_DATE where none
    terms: TermIndex  # which rows hold which keyword terms (title and description)
    titles: TermIndex  # which rows hold which terms in their title
    updated: np.ndarray | None = None  # float64 ``updated_at`` of each row as the build read it

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def vectors(self) -> np.ndarray | None:
        """Centred text vectors, one row per vacancy (shared with the ranking index)."""
        return self.index.table.text

    def set_active(self, vacancy_id: int, active: bool) -> None:
        """Include or leave out one vacancy without rebuilding."""
        key = str(vacancy_id)
        if key in self.index.table.rows:
            self.index.set_active(key, active)


@dataclass
class SeekerPart:
    """Visible seekers with skills as one ranking index."""

    ids: np.ndarray
    index: SeekerIndex
    updated: np.ndarray | None = None  # float64 ``updated_at`` of each row as the build read it

    def __len__(self) -> int:
        return len(self.ids)

    def set_active(self, profile_id: int, active: bool) -> None:
        """Include or leave out one seeker without rebuilding."""
        key = str(profile_id)
        if key in self.index.table.rows:
            self.index.table.set_active(key, active)


def _chunks(ids: list[int], size: int = 5000):  # type: ignore[no-untyped-def]
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _vectors(subject: str, ids: list[int], mean: np.ndarray) -> np.ndarray:
    """Stored vectors of ``ids``, centred. Rows saved a moment ago (their job has not stored a
    vector yet) are embedded here, in memory only, up to ``INDEX_EMBED_MISSING`` of them; more
    missing vectors mean an unfinished re-index (``flask match reindex``): those rows rank
    without the text component meanwhile."""
    matrix = vectors.load(subject, ids, mean.shape[0])
    missing = np.flatnonzero(~matrix.any(axis=1))
    if missing.size:
        if missing.size <= current_app.config["INDEX_EMBED_MISSING"]:
            matrix[missing] = vectors.embed_current(
                subject, [ids[i] for i in missing], mean.shape[0]
            )
        else:
            log.warning(
                "%d %s rows have no stored vector: run flask match reindex", missing.size, subject
            )
    return centre_in_place(matrix, mean)


def build_vacancy_part(
    neighbours: SkillNeighbours, mean: np.ndarray, only: Collection[int] | None = None
) -> VacancyPart | None:
    """The public vacancies (of ``only`` when given) as a part; None when there are none."""
    rows = _vacancy_rows(only)
    if not rows:
        return None
    ids = [r.id for r in rows]
    required, preferred = _vacancy_skills(ids if only is not None else None)
    values = [
        VacancyRequirements(
            vacancy_id=str(r.id),
            required=frozenset(required.get(r.id, ())),
            preferred=frozenset(preferred.get(r.id, ())),
            region=str(r.region_id),
            education=r.min_education,
            employment_type=r.employment_type,
        )
        for r in rows
    ]
    index = VacancyIndex(values, neighbours, _vectors("vacancy", ids, mean))
    return VacancyPart(
        ids=np.asarray(ids, dtype=np.int64),
        index=index,
        salary_max=np.asarray(
            [np.nan if r.salary_max is None else r.salary_max for r in rows], dtype=np.float64
        ),
        posted=np.asarray(
            [np.nan if r.posted_at is None else r.posted_at.timestamp() for r in rows],
            dtype=np.float64,
        ),
        closing=np.asarray(
            [NO_DATE if r.closing_date is None else r.closing_date.toordinal() for r in rows],
            dtype=np.int32,
        ),
        terms=TermIndex([row_terms(r.search_terms, r.employer) for r in rows]),
        titles=TermIndex([term_string(r.title or "") for r in rows]),
        updated=_stamps(r.updated_at for r in rows),
    )


def _vacancy_rows(only: Collection[int] | None) -> list[Any]:
    """The columns a vacancy part holds, of the public vacancies (of ``only``), by id."""
    columns = select(
        Vacancy.id,
        Vacancy.region_id,
        Vacancy.employment_type,
        Vacancy.min_education,
        Vacancy.salary_max,
        Vacancy.posted_at,
        Vacancy.closing_date,
        Vacancy.search_terms,
        Vacancy.title,
        Vacancy.updated_at,
        Organisation.name.label("employer"),
    )
    columns = columns.outerjoin(Organisation, Organisation.id == Vacancy.organisation_id).where(
        *public_vacancy_clauses()
    )
    if only is not None:
        rows = []
        for chunk in _chunks(sorted(only)):
            rows += db.session.execute(columns.where(Vacancy.id.in_(chunk))).all()
    else:
        rows = db.session.execute(columns).all()
    rows.sort(key=lambda r: r.id)
    return rows


def _vacancy_skills(ids: list[int] | None) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Required and nice-to-have skills per vacancy id, of ``ids`` (None: every public one)."""
    required: dict[int, set[str]] = defaultdict(set)
    preferred: dict[int, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    links = select(VacancySkill.vacancy_id, VacancySkill.skill_id, VacancySkill.importance).where(
        VacancySkill.rejected.is_(False)
    )
    chunks = _chunks(ids) if ids is not None else [None]
    for chunk in chunks:
        statement = (
            links.where(VacancySkill.vacancy_id.in_(chunk))
            if chunk is not None
            else links.join(Vacancy, Vacancy.id == VacancySkill.vacancy_id).where(
                *public_vacancy_clauses()
            )
        )
        for vacancy_id, skill_id, importance in db.session.execute(statement):
            skill_id = names.setdefault(skill_id, skill_id)  # one string per skill, not per row
            (required if importance == "required" else preferred)[vacancy_id].add(skill_id)
    return required, preferred


def _stamps(times) -> np.ndarray:  # type: ignore[no-untyped-def]
    """``updated_at`` values as float64 POSIX seconds (NaN where none)."""
    return np.asarray([np.nan if t is None else t.timestamp() for t in times], dtype=np.float64)


def vacancy_versions() -> dict[int, float]:
    """Id -> ``updated_at`` of the vacancies a vacancy part built now would hold (public)."""
    return _versions(select(Vacancy.id, Vacancy.updated_at).where(*public_vacancy_clauses()))


def seeker_versions() -> dict[int, float]:
    """Id -> ``updated_at`` of the profiles a seeker part built now would hold (visible, active,
    with skills)."""
    held = (
        select(SeekerSkill.id)
        .where(
            SeekerSkill.profile_id == SeekerProfile.id,
            SeekerSkill.confirmed.is_(True),
            SeekerSkill.rejected.is_(False),
        )
        .exists()
    )
    return _versions(
        select(SeekerProfile.id, SeekerProfile.updated_at)
        .join(User, User.id == SeekerProfile.user_id)
        .where(SeekerProfile.visibility == "visible", User.active.is_(True), held)
    )


def _versions(statement: Select[Any]) -> dict[int, float]:
    """Id -> ``updated_at`` as float64 POSIX seconds, of the rows of (id, updated_at)."""
    rows = db.session.execute(statement).all()
    return dict(
        zip([r.id for r in rows], _stamps(r.updated_at for r in rows).tolist(), strict=True)
    )


def still_open(part: VacancyPart, today: date) -> np.ndarray:
    """Rows whose closing date has not passed (the day moves on while a part lives)."""
    return part.closing >= today.toordinal()


def build_seeker_part(
    neighbours: SkillNeighbours, mean: np.ndarray, only: Collection[int] | None = None
) -> SeekerPart | None:
    """Visible seekers of active accounts with skills (of ``only``); None when there are none."""
    columns = (
        select(
            SeekerProfile.id,
            SeekerProfile.region_id,
            SeekerProfile.education_level,
            SeekerProfile.updated_at,
        )
        .join(User, User.id == SeekerProfile.user_id)
        .where(SeekerProfile.visibility == "visible", User.active.is_(True))
    )
    skills = select(SeekerSkill.profile_id, SeekerSkill.skill_id).where(
        SeekerSkill.confirmed.is_(True), SeekerSkill.rejected.is_(False)
    )
    held: dict[int, set[str]] = defaultdict(set)
    if only is not None:
        rows = []
        for chunk in _chunks(sorted(only)):
            rows += db.session.execute(columns.where(SeekerProfile.id.in_(chunk))).all()
            for profile_id, skill_id in db.session.execute(
                skills.where(SeekerSkill.profile_id.in_(chunk))
            ):
                held[profile_id].add(skill_id)
    else:
        rows = db.session.execute(columns).all()
        visible = skills.join(SeekerProfile, SeekerProfile.id == SeekerSkill.profile_id).where(
            SeekerProfile.visibility == "visible"
        )
        for profile_id, skill_id in db.session.execute(visible):
            held[profile_id].add(skill_id)
    rows = sorted((r for r in rows if held.get(r.id)), key=lambda r: r.id)
    if not rows:
        return None
    ids = [r.id for r in rows]
    values = [
        SeekerSkills(
            seeker_id=str(r.id),
            skills=frozenset(held[r.id]),
            region=str(r.region_id) if r.region_id else None,
            education=r.education_level,
        )
        for r in rows
    ]
    index = SeekerIndex(values, neighbours, _vectors("seeker", ids, mean))
    return SeekerPart(
        ids=np.asarray(ids, dtype=np.int64),
        index=index,
        updated=_stamps(r.updated_at for r in rows),
    )
