"""Feed sources: add one (a name, a URL or file, a format, the account its vacancies belong
to), list them, find one by name."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import FEED_FORMATS, Feed, FeedPosting, User
from app.services.errors import NotFoundError, ValidationError
from app.services.feeds.fetch import FeedError, check_source

NAME_MAX = 100
URL_MAX = 2000


def add_feed(name: str, url: str, owner_email: str, fmt: str) -> Feed:
    """A new source; its vacancies belong to the organisation of the account ``owner_email``."""
    name, url = name.strip(), url.strip()
    if not name or len(name) > NAME_MAX:
        raise ValidationError("name", str(_l("Use 1 to %(max)d characters.", max=NAME_MAX)))
    if fmt not in FEED_FORMATS:
        raise ValidationError(
            "format",
            str(_l("Unknown format %(value)r; use one of %(allowed)s.", value=fmt,
                   allowed=", ".join(FEED_FORMATS))),
        )  # fmt: skip
    if not url or len(url) > URL_MAX:
        raise ValidationError("url", str(_l("Use 1 to %(max)d characters.", max=URL_MAX)))
    try:
        check_source(url)
    except FeedError as error:
        raise ValidationError("url", error.message) from error
    owner = db.session.scalar(select(User).where(func.lower(User.email) == owner_email.lower()))
    if owner is None or owner.organisation_id is None:
        raise ValidationError(
            "org", str(_l("No account %(email)s with an organisation.", email=owner_email))
        )
    if db.session.scalar(select(Feed.id).where(Feed.name == name)) is not None:
        raise ValidationError("name", str(_l("A feed named %(name)s exists.", name=name)))
    feed = Feed(name=name, url=url, format=fmt, owner_id=owner.id, active=True, last_report={})
    db.session.add(feed)
    db.session.commit()
    return feed


def list_feeds() -> list[tuple[Feed, int]]:
    """Every feed with the number of postings linked to a vacancy, by name."""
    counts = dict(
        db.session.execute(
            select(FeedPosting.feed_id, func.count()).group_by(FeedPosting.feed_id)
        ).all()
    )
    feeds = db.session.scalars(select(Feed).order_by(Feed.name))
    return [(feed, counts.get(feed.id, 0)) for feed in feeds]


def get_feed(name: str) -> Feed:
    """The feed called ``name``."""
    feed = db.session.scalar(select(Feed).where(Feed.name == name))
    if feed is None:
        raise NotFoundError(name)
    return feed


def active_feeds() -> list[Feed]:
    """The feeds pulled on the schedule."""
    return list(db.session.scalars(select(Feed).where(Feed.active.is_(True)).order_by(Feed.id)))
