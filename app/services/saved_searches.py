"""Saved vacancy searches: a seeker keeps a search under a name to hear of new matches."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Region, SavedSearch, User
from app.services.errors import NotFoundError, ValidationError
from app.services.search import SearchQuery

MAX_SAVED_SEARCHES = 20


@dataclass(frozen=True)
class Criteria:
    """The query and filters of a search, as the search page takes them."""

    query: str = ""
    region_id: int | None = None
    employment_type: str | None = None
    education: str | None = None
    salary_min: int | None = None


def save(user: User, name: str, criteria: Criteria) -> SavedSearch:
    """Keep a search under a name (at most MAX_SAVED_SEARCHES a user)."""
    name = name.strip()
    if not name:
        raise ValidationError("name", str(_l("This field is required.")))
    if criteria.region_id is not None and db.session.get(Region, criteria.region_id) is None:
        raise ValidationError("region", str(_l("Unknown region.")))
    count = db.session.scalar(
        select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == user.id)
    )
    if count >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            "name",
            str(_l("You can keep at most %(n)d saved searches.", n=MAX_SAVED_SEARCHES)),
        )
    saved = SavedSearch(
        user_id=user.id,
        name=name,
        query=criteria.query.strip(),
        region_id=criteria.region_id,
        employment_type=criteria.employment_type,
        education=criteria.education,
        salary_min=criteria.salary_min,
    )
    db.session.add(saved)
    db.session.commit()
    return saved


def for_user(user: User) -> list[SavedSearch]:
    """The user's saved searches, newest first."""
    return list(
        db.session.scalars(
            select(SavedSearch)
            .where(SavedSearch.user_id == user.id)
            .options(selectinload(SavedSearch.region))
            .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
        )
    )


def get_own(user: User, saved_id: int) -> SavedSearch:
    """One of the user's saved searches; another user's is not found."""
    saved = db.session.get(SavedSearch, saved_id)
    if saved is None or saved.user_id != user.id:
        raise NotFoundError(saved_id)
    return saved


def delete(user: User, saved_id: int) -> None:
    """Delete one of the user's saved searches."""
    db.session.delete(get_own(user, saved_id))
    db.session.commit()


def set_email(user: User, saved_id: int, on: bool) -> None:
    """Turn the daily email of one saved search on or off."""
    get_own(user, saved_id).email_digest = on
    db.session.commit()


def stop_all_emails(user_id: int) -> int:
    """Turn the daily email off for every saved search of the user; returns how many were on."""
    result = db.session.execute(
        update(SavedSearch)
        .where(SavedSearch.user_id == user_id, SavedSearch.email_digest.is_(True))
        .values(email_digest=False)
    )
    db.session.commit()
    return result.rowcount or 0


def criteria_of(saved: SavedSearch) -> Criteria:
    """The saved query and filters."""
    return Criteria(
        saved.query, saved.region_id, saved.employment_type, saved.education, saved.salary_min
    )


def search_args(saved: SavedSearch) -> dict[str, object]:
    """The search page's URL arguments for a saved search."""
    args = {
        "q": saved.query,
        "region": saved.region_id,
        "employment_type": saved.employment_type,
        "education": saved.education,
        "salary_min": saved.salary_min,
    }
    return {k: v for k, v in args.items() if v not in (None, "")}


def as_query(saved: SavedSearch, **extra: object) -> SearchQuery:
    """The saved search as the search service's query."""
    return SearchQuery(
        text=saved.query,
        region_id=saved.region_id,
        employment_type=saved.employment_type,
        education=saved.education,
        salary_min=saved.salary_min,
        **extra,  # type: ignore[arg-type]
    )
