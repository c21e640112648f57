"""The process's ranking and search indexes over public vacancies and visible seekers.

``parts.py`` builds them from the database with column queries and stored vectors; ``live.py``
keeps them current incrementally across processes. Callers take ``vacancy_parts`` /
``seeker_parts`` and query each part (a main part and a small delta of recent changes).
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import update

from app.extensions import db
from app.models import SeekerProfile, Vacancy
from app.models.base import utcnow
from app.services.indexes.live import LiveIndex
from app.services.indexes.parts import (
    NO_DATE,
    SeekerPart,
    VacancyPart,
    build_seeker_part,
    build_vacancy_part,
    seeker_versions,
    still_open,
    vacancy_versions,
)
from matching.scoring import SkillNeighbours

VACANCIES: LiveIndex[VacancyPart] = LiveIndex(
    Vacancy, build_vacancy_part, "vacancy", vacancy_versions
)
SEEKERS: LiveIndex[SeekerPart] = LiveIndex(
    SeekerProfile, build_seeker_part, "seeker", seeker_versions
)


def vacancy_parts(neighbours: SkillNeighbours, mean: np.ndarray) -> list[VacancyPart]:
    """The public vacancies' index parts, current to within the refresh interval."""
    return VACANCIES.parts(neighbours, mean)


def seeker_parts(neighbours: SkillNeighbours, mean: np.ndarray) -> list[SeekerPart]:
    """The visible seekers' index parts, current to within the refresh interval."""
    return SEEKERS.parts(neighbours, mean)


def indexes_built() -> bool:
    """This process has built its vacancy and seeker indexes (they may be empty)."""
    return VACANCIES.key is not None and SEEKERS.key is not None


def write_snapshot() -> dict[str, int | None]:
    """Build both indexes from the database and write them as the snapshot the other processes
    map (``snapshot.py``), leaving this process's own indexes as they are: the
    ``indexes.snapshot`` job, ``flask match snapshot`` and the end of ``flask match reindex``.
    Rows per index; None for an index not written (another process writing it, a full or
    read-only disk)."""
    from app.services import matching

    neighbours, mean = matching.neighbours(), matching.centring_mean()
    return {live.kind: live.write_snapshot(neighbours, mean) for live in (VACANCIES, SEEKERS)}


def reset() -> None:
    """Forget this process's indexes (tests that recreate the database use it)."""
    VACANCIES.reset()
    SEEKERS.reset()


def touch_profile_of(user_id: int) -> None:
    """Tell the indexes that a seeker's account changed (suspended, re-activated)."""
    db.session.execute(
        update(SeekerProfile).where(SeekerProfile.user_id == user_id).values(updated_at=utcnow())
    )


__all__ = [
    "NO_DATE",
    "SEEKERS",
    "indexes_built",
    "VACANCIES",
    "SeekerPart",
    "VacancyPart",
    "reset",
    "seeker_parts",
    "still_open",
    "touch_profile_of",
    "vacancy_parts",
    "write_snapshot",
]
