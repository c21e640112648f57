"""Keeping the demand aggregate up to date on save: every commit that changes a vacancy (its
status, region, posting or closing date, moderation), a vacancy's skills, or an organisation's
verification or suspension recomputes the touched cells in the same transaction.

The session remembers, at each flush, which vacancies, skill rows and organisations changed and
the cells a changed vacancy was in before (its old region or posting month). Just before the
commit those cells and the vacancies' current cells are recomputed (``cells.refresh_cells``), so
the aggregate and the vacancies commit together or not at all. Bulk ``UPDATE`` statements
bypass this; the daily full rebuild (``demand.rebuild``) catches anything missed.
"""

from __future__ import annotations

from itertools import chain, product
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.models import Organisation, Vacancy, VacancySkill
from app.services.demand.cells import (
    cells_of,
    cells_of_organisations,
    month_start,
    refresh_cells,
)

KEY = "demand_changes"
ORGANISATION_FIELDS = ("verification_status", "suspended")


def _changes(session: Session) -> dict[str, Any]:
    return session.info.setdefault(KEY, {"cells": set(), "vacancies": [], "organisations": set()})


def _values(obj: object, name: str) -> set[Any]:
    """The attribute's value now and, when it changed in this flush, before."""
    history = inspect(obj).attrs[name].history
    return {v for v in chain(history.added, history.unchanged, history.deleted)}


def _collect(session: Session, _context: object, _instances: object) -> None:
    """Before a flush: note what changed (old cells are only known now)."""
    changes = None
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Vacancy):
            changes = changes or _changes(session)
            changes["vacancies"].append(obj)
            regions = _values(obj, "region_id") - {None}
            posted = _values(obj, "posted_at") - {None}
            changes["cells"].update((r, month_start(p)) for r, p in product(regions, posted))
        elif isinstance(obj, VacancySkill):
            changes = changes or _changes(session)
            changes["vacancies"].append(obj)
        elif isinstance(obj, Organisation) and obj in session.dirty:
            state = inspect(obj)
            if any(state.attrs[f].history.has_changes() for f in ORGANISATION_FIELDS):
                _changes(session)["organisations"].add(obj.id)


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
    cells |= cells_of_organisations(changes["organisations"])
    refresh_cells(cells)
    session.info.pop(KEY, None)  # the refresh itself changes no vacancy


def _forget(session: Session, *_args: object) -> None:
    session.info.pop(KEY, None)


def register(session: Any) -> None:
    """Listen to the app's session (once per process)."""
    if event.contains(session, "before_flush", _collect):
        return
    event.listen(session, "before_flush", _collect)
    event.listen(session, "before_commit", _refresh)
    event.listen(session, "after_rollback", _forget)
