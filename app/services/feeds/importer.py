"""Pull a feed: fetch it (bounded), read its postings, check each with the site's one rule set
for a vacancy, and in one transaction create the new vacancies, update those the same posting
made before, link duplicates of vacancies already on the platform to them, and report the
rejected postings by position. Pulling an unchanged feed again changes nothing. The skills of
new and changed vacancies are read by the usual job (``vacancies.extract``) once committed."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.auth.policy import can_publish_vacancy
from app.extensions import db
from app.models import Feed, FeedPosting, Vacancy
from app.models.base import utcnow
from app.services import moderation, vacancies, vacancy_files, vacancy_rows, vacancy_skills
from app.services.clock import today as local_today
from app.services.errors import ValidationError
from app.services.feeds.canonical import CanonicalIndex
from app.services.feeds.dedup import DEFAULT_RULE, DedupRule, PostingText
from app.services.feeds.fetch import FeedError, fetch
from app.services.feeds.postings import (
    Posting,
    content_hash,
    fallback_key,
    read_jsonld,
    read_table,
)
from app.services.uploads import input_limits
from app.services.vacancies import VacancyInput

logger = logging.getLogger(__name__)


@dataclass
class PullReport:
    """What one pull did: vacancy ids by outcome, and the rejected postings by position."""

    feed: str
    total: int = 0
    new: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: int = 0
    merged: list[int] = field(default_factory=list)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # position, field, why
    error: str = ""  # the feed as a whole could not be read

    @property
    def rejected_positions(self) -> list[int]:
        """Positions of the rejected postings."""
        return sorted({position for position, _, _ in self.rejected})

    def as_dict(self) -> dict[str, Any]:
        """The counts (and the first problems) as JSON, kept on the feed and on the job."""
        if self.error:
            return {"error": self.error}
        return {
            "total": self.total,
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "merged": len(self.merged),
            "rejected": len(self.rejected_positions),
            "problems": [list(problem) for problem in self.rejected[:100]],
        }


def read_postings(feed: Feed, data: bytes, regions: dict[str, int]) -> list[Posting]:
    """The postings of a feed's bytes in its format; raises FeedError when none can be read."""
    limits = replace(input_limits("vacancies"), max_bytes=current_app.config["FEED_MAX_BYTES"])
    if feed.format == "jsonld":
        postings = read_jsonld(data, limits, regions)
    else:
        try:
            rows = vacancy_files.read_rows(
                data, f"feed.{feed.format}", limits, current_app.config["FEED_MAX_POSTINGS"]
            )
        except ValidationError as error:
            raise FeedError(error.message) from error
        postings = read_table(rows)
    if len(postings) > current_app.config["FEED_MAX_POSTINGS"]:
        raise FeedError(
            _l("The feed holds %(n)d postings; at most %(max)d are read.", n=len(postings),
               max=current_app.config["FEED_MAX_POSTINGS"])
        )  # fmt: skip
    return postings


def pull(feed: Feed, rule: DedupRule = DEFAULT_RULE, data: bytes | None = None) -> PullReport:
    """Pull one feed (``data``: its bytes, already fetched) and commit what it brings, once."""
    report = PullReport(feed=feed.name)
    checker = vacancy_rows.row_checker()
    try:
        if data is None:
            config = current_app.config
            data = fetch(
                feed.url,
                config["FEED_MAX_BYTES"],
                config["FEED_TIMEOUT_SECONDS"],
                local_dir=Path(config["FEED_LOCAL_DIR"]),
                allow_private=config["FEED_ALLOW_PRIVATE_HOSTS"],
            )
        postings = read_postings(feed, data, checker.regions)
    except FeedError as error:
        report.error = error.message
        _record(feed, report)
        return report
    report.total = len(postings)
    checked = _check(postings, checker, feed, report)
    try:
        created = _apply(feed, checked, rule, report)
        _record(feed, report)
    except Exception:
        db.session.rollback()
        raise
    extract_later(created, feed.owner_id)
    return report


def _check(
    postings: list[Posting], checker: Any, feed: Feed, report: PullReport
) -> list[tuple[Posting, VacancyInput]]:
    """The postings that pass the rule set (with their input); the others go to the report."""
    publishing = can_publish_vacancy(feed.owner)
    seen: dict[str, int] = {}
    valid = []
    for posting in postings:
        problems = list(posting.errors)
        data = None
        if posting.row:  # every problem of the posting is named, the mapping's and the rules'
            data, errors = checker.check(posting.position, posting.row)
            problems += [(e.field, e.message) for e in errors]
            data = None if problems else data
        if data is not None and publishing:
            try:
                vacancies.check_input(data, publishing=True)
            except ValidationError as error:
                data, problems = None, [(error.field, error.message)]
        posting.source_key = posting.source_key or fallback_key(posting)
        if data is not None and posting.source_key in seen:
            problems.append(("identifier", str(_l("The same key as posting %(n)d.",
                                                  n=seen[posting.source_key]))))  # fmt: skip
            data = None
        if data is None:
            report.rejected += [(posting.position, f, str(m)) for f, m in problems]
            continue
        seen[posting.source_key] = posting.position
        valid.append((posting, data))
    return valid


def _text(posting: Posting, data: VacancyInput) -> PostingText:
    start = posting.date_posted or local_today()
    return PostingText(
        posting.employer_name, data.title, data.description, data.region_id, start,
        data.closing_date,
    )  # fmt: skip


def _apply(
    feed: Feed, checked: list[tuple[Posting, VacancyInput]], rule: DedupRule, report: PullReport
) -> list[Vacancy]:
    """Create, update or link each checked posting; commit once. Returns the vacancies whose
    text is new or changed."""
    links = {
        link.source_key: link
        for link in db.session.scalars(select(FeedPosting).where(FeedPosting.feed_id == feed.id))
    }
    fresh = [(p, d) for p, d in checked if p.source_key not in links]
    earliest = min((_text(p, d).start for p, d in fresh), default=local_today())
    index = CanonicalIndex({d.region_id for _, d in fresh}, earliest, rule)
    medians = moderation.medians()
    now = utcnow()
    reread: list[Vacancy] = []
    for posting, data in checked:
        digest = content_hash(posting)
        link = links.get(posting.source_key)
        if link is not None:
            link.last_seen_at = now
            if link.content_hash == digest:
                report.unchanged += 1
                continue
            link.content_hash, link.employer_name = digest, posting.employer_name
            if link.kind == "created" and vacancies.refill(link.vacancy, data):
                reread.append(link.vacancy)
            report.updated.append(link.vacancy_id)
            continue
        text = _text(posting, data)
        twin = index.find(text)
        if twin is not None:
            db.session.add(_link(feed, posting, twin, "merged", digest, now))
            report.merged.append(twin)
            continue
        vacancy = vacancies.build_vacancy(feed.owner, data, True, [], medians)
        if posting.date_posted and vacancy.posted_at and posting.date_posted <= local_today():
            vacancy.posted_at = datetime.combine(posting.date_posted, datetime.min.time())
        db.session.flush()
        db.session.add(_link(feed, posting, vacancy.id, "created", digest, now))
        index.add(vacancy.id, text)
        report.new.append(vacancy.id)
        reread.append(vacancy)
    db.session.flush()
    return reread


def _link(
    feed: Feed, posting: Posting, vacancy_id: int, kind: str, digest: str, now: datetime
) -> FeedPosting:
    return FeedPosting(
        feed_id=feed.id, source_key=posting.source_key, vacancy_id=vacancy_id, kind=kind,
        employer_name=posting.employer_name, url=posting.url[:2000], content_hash=digest,
        first_seen_at=now, last_seen_at=now,
    )  # fmt: skip


def _record(feed: Feed, report: PullReport) -> None:
    feed.last_pulled_at = utcnow()
    feed.last_report = report.as_dict()
    db.session.commit()


def extract_later(changed: list[Vacancy], owner_id: int | None) -> None:
    """Read the skills (and occupation) of new or changed vacancies with the usual job."""
    for vacancy in changed:
        vacancy_skills.SKILLS_JOB.start(vacancy, owner_id)


def pull_all(names: list[str] | None = None) -> list[PullReport]:
    """Pull the active feeds (or those named), each in its own transaction: a feed that fails
    is rolled back, its error recorded, and the next one pulled."""
    from app.services.feeds.sources import active_feeds, get_feed

    feeds = [get_feed(n) for n in names] if names else active_feeds()
    reports = []
    for feed in feeds:  # one failing feed is rolled back and recorded; the others still run
        name = feed.name
        try:
            reports.append(pull(feed))
        except Exception as error:  # noqa: BLE001 - any failure of one feed, logged and kept
            db.session.rollback()
            logger.exception("feed %s failed", name)
            report = PullReport(
                feed=name, error=str(_l("The pull failed: %(why)s", why=type(error).__name__))
            )
            _record(feed, report)
            reports.append(report)
    return reports
