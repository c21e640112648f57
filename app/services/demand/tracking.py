"""Keeping the demand aggregate up to date on save: every commit that changes a vacancy (its
status, region, posting or closing date, occupation, moderation) or a vacancy's skills
recomputes the touched cells in the same transaction; a change of an application (or its
events) recomputes the application outcome cells of its vacancy. (An organisation's verification or suspension touches
all its vacancies: ``refresh_organisation_later`` recomputes them in a job.)

The session remembers, at each flush, which vacancies, skill rows and organisations changed and
the cells and skills a changed vacancy had before (its old region, posting month, skills). Just
before the commit those cells and the vacancies' current cells are recomputed for those skills
(``cells.refresh_cells``; an organisation's change recomputes its cells whole), so
the aggregate and the vacancies commit together or not at all. Bulk ``UPDATE`` statements
bypass this; the daily full rebuild (``demand.rebuild``) catches anything missed.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy.orm import Session

from app.models import Application, ApplicationEvent, Vacancy, VacancySkill
from app.services.demand.cells import (
    cells_of,
    refresh_cells,
    refresh_outcomes,
    skills_of,
)
from app.services.session_hooks import keep_up_to_date

KEY = "demand_changes"


def _changes(session: Session) -> dict[str, Any]:
    return session.info.setdefault(
        KEY, {"cells": set(), "skills": set(), "vacancies": [], "applications": []}
    )


def _collect(session: Session, _context: object, _instances: object) -> None:
    """Before a flush: note what changed, and the cells changed vacancies are in before it
    (read from the database, however the change was made)."""
    changes = None
    stored = []
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, (Vacancy, VacancySkill)):
            changes = changes or _changes(session)
            changes["vacancies"].append(obj)
            if isinstance(obj, Vacancy) and obj not in session.new:
                stored.append(obj.id)
            if isinstance(obj, VacancySkill) and obj.skill_id is not None:
                changes["skills"].add(obj.skill_id)
        elif isinstance(obj, (Application, ApplicationEvent)):
            changes = changes or _changes(session)
            changes["applications"].append(obj)
    if stored:
        changes["cells"] |= cells_of(stored)
        changes["skills"] |= skills_of(stored)


def _refresh(session: Session) -> None:
    """Before a commit: recompute the cells of everything noted since the last commit."""
    session.flush()  # the last changes are noted by their flush
    if KEY not in session.info:
        return
    changes = session.info.pop(KEY)
    vacancy_ids = set()
    for obj in changes["vacancies"]:
        vacancy_id = obj.id if isinstance(obj, Vacancy) else obj.vacancy_id
        if vacancy_id is None and isinstance(obj, VacancySkill) and obj.vacancy is not None:
            vacancy_id = obj.vacancy.id
        if vacancy_id is not None:
            vacancy_ids.add(vacancy_id)
    cells = changes["cells"] | cells_of(vacancy_ids)
    refresh_cells(cells, changes["skills"] | skills_of(vacancy_ids))
    refresh_outcomes(cells_of(_applied_to(changes["applications"])) - cells)
    session.info.pop(KEY, None)  # the refresh itself changes no vacancy


def _applied_to(objects: list[Any]) -> set[int]:
    """The vacancies of changed applications and application events."""
    found = set()
    for obj in objects:
        application = obj if isinstance(obj, Application) else obj.application
        vacancy_id = None
        if application is not None:
            vacancy_id = application.vacancy_id or (
                application.vacancy.id if application.vacancy is not None else None
            )
        if vacancy_id is not None:
            found.add(vacancy_id)
    return found


def register(session: Any) -> None:
    """Listen to the app's session (once per process)."""
    keep_up_to_date(session, _collect, _refresh, KEY)
