"""Keeping the supply aggregate (``app.models.supply``) up to date: every commit that changes a
seeker's profile (district, education), skills (added, confirmed, removed, verified) or account
(deactivated, deleted) recomputes the touched cells in the same transaction; ``flask supply
rebuild`` and the daily ``supply.rebuild`` job recompute everything (bulk SQL bypasses the
upkeep until then).

A cell set is every row of one (district, education level, registration month); recomputing it
deletes its rows and inserts them again from the profiles with ``INSERT ... SELECT ... GROUP
BY``, so a refresh is idempotent. SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from itertools import chain
from typing import Any

import sqlalchemy as sa
from sqlalchemy import and_, case, delete, func, insert, or_, select, text
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import SeekerProfile, SeekerSkill, SeekerSupply, User
from app.services.demand.sql import month_of, next_month
from app.services.session_hooks import keep_up_to_date

Cell = tuple[int | None, str | None, date]  # district, education level, registration month
CHUNK = 100
KEY = "supply_changes"
COLUMNS = ["region_id", "education_level", "month", "skill_id", "status", "seekers"]


def _in_cells(cells: list[Cell] | None):  # type: ignore[no-untyped-def]
    """Profiles of the given cell sets (``None``: all)."""
    if cells is None:
        return sa.true()
    return or_(*(
        and_(SeekerProfile.region_id.is_not_distinct_from(region),
             SeekerProfile.education_level.is_not_distinct_from(level),
             User.created_at >= datetime.combine(month, datetime.min.time()),
             User.created_at < datetime.combine(next_month(month), datetime.min.time()))
        for region, level, month in cells
    ))  # fmt: skip


def _insert(cells: list[Cell] | None) -> None:
    """Insert the rows of the given cell sets (people, then people per skill and status)."""
    counted = (User.role == "seeker", User.active.is_(True), _in_cells(cells))
    key = (SeekerProfile.region_id, SeekerProfile.education_level, month_of(User.created_at))
    none = sa.cast(sa.null(), sa.String)
    db.session.execute(insert(SeekerSupply).from_select(
        COLUMNS,
        select(*key, none, none, func.count())
        .select_from(SeekerProfile).join(User, User.id == SeekerProfile.user_id)
        .where(*counted).group_by(*key),
    ))  # fmt: skip
    status = case((SeekerSkill.origin == "verified", "verified"), else_="declared")
    db.session.execute(insert(SeekerSupply).from_select(
        COLUMNS,
        select(*key, SeekerSkill.skill_id, status, func.count())
        .select_from(SeekerProfile).join(User, User.id == SeekerProfile.user_id)
        .join(SeekerSkill, SeekerSkill.profile_id == SeekerProfile.id)
        .where(*counted, SeekerSkill.confirmed.is_(True), SeekerSkill.rejected.is_(False))
        .group_by(*key, SeekerSkill.skill_id, status),
    ))  # fmt: skip


def refresh_cells(cells: Iterable[Cell]) -> int:
    """Recompute the given cell sets (no commit); returns how many."""
    wanted = sorted(set(cells), key=repr)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        db.session.execute(delete(SeekerSupply).where(or_(*(
            and_(SeekerSupply.region_id.is_not_distinct_from(region),
                 SeekerSupply.education_level.is_not_distinct_from(level),
                 SeekerSupply.month == month)
            for region, level, month in chunk
        ))))  # fmt: skip
        _insert(chunk)
    return len(wanted)


def rebuild_supply() -> dict[str, int]:
    """Recompute the whole aggregate from the profiles, commit, and return its size."""
    db.session.execute(delete(SeekerSupply))
    _insert(None)
    db.session.commit()
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("ANALYZE seeker_supply"))
        db.session.commit()
    people = select(func.coalesce(func.sum(SeekerSupply.seekers), 0)).where(
        SeekerSupply.skill_id.is_(None)
    )
    return {
        "cells": db.session.scalar(select(func.count()).select_from(SeekerSupply)) or 0,
        "seekers": db.session.scalar(people) or 0,
    }


def _cells_where(*clauses: Any) -> set[Cell]:
    key = (SeekerProfile.region_id, SeekerProfile.education_level, month_of(User.created_at))
    rows = db.session.execute(
        select(*key).join(User, User.id == SeekerProfile.user_id).where(*clauses).distinct()
    )
    return {(r, e, m if isinstance(m, date) else date.fromisoformat(str(m))) for r, e, m in rows}


def cells_of(profile_ids: Iterable[int] = (), user_ids: Iterable[int] = ()) -> set[Cell]:
    """The cells the given profiles (and the profiles of the given accounts) are in now."""
    profiles, users = list(set(profile_ids)), list(set(user_ids))
    found: set[Cell] = set()
    for start in range(0, max(len(profiles), len(users)), 500):
        if profiles[start : start + 500]:
            found |= _cells_where(SeekerProfile.id.in_(profiles[start : start + 500]))
        if users[start : start + 500]:
            found |= _cells_where(SeekerProfile.user_id.in_(users[start : start + 500]))
    return found


# --- upkeep on save -----------------------------------------------------------------------
def _collect(session: Session, _context: object, _instances: object) -> None:
    """Before a flush: note changed profiles, skills and accounts, and the cells stored
    profiles and accounts are in before the change."""
    changes = session.info.get(KEY)
    for obj in chain(session.new, session.dirty, session.deleted):
        if not isinstance(obj, (SeekerProfile, SeekerSkill, User)):
            continue
        if isinstance(obj, User) and obj.role != "seeker":
            continue
        changes = changes or session.info.setdefault(KEY, {"cells": set(), "objects": []})
        changes["objects"].append(obj)
        if obj not in session.new and obj.id is not None:
            if isinstance(obj, SeekerProfile):
                changes["cells"] |= cells_of(profile_ids=[obj.id])
            elif isinstance(obj, User):
                changes["cells"] |= cells_of(user_ids=[obj.id])


def _refresh(session: Session) -> None:
    """Before a commit: recompute the cells of everything noted since the last commit."""
    session.flush()
    changes = session.info.pop(KEY, None)
    if changes is None:
        return
    profiles, users = set(), set()
    for obj in changes["objects"]:
        if isinstance(obj, SeekerProfile) and obj.id is not None:
            profiles.add(obj.id)
        elif isinstance(obj, SeekerSkill):
            profile_id = obj.profile_id or (obj.profile.id if obj.profile is not None else None)
            if profile_id is not None:
                profiles.add(profile_id)
        elif isinstance(obj, User) and obj.id is not None:
            users.add(obj.id)
    refresh_cells(changes["cells"] | cells_of(profiles, users))
    session.info.pop(KEY, None)


def register(session: Any) -> None:
    """Listen to the app's session (once per process)."""
    keep_up_to_date(session, _collect, _refresh, KEY)
