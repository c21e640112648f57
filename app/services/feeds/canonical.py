"""The vacancies a feed's posting may duplicate: the published (or closed) ones of the same
regions whose dates may overlap, read as columns (titles and employers first, the texts only of
the few close enough), and the rule that decides. Vacancies created earlier in the same pull are
added as they come."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from rapidfuzz import fuzz
from sqlalchemy import and_, func, or_, select

from app.extensions import db
from app.models import BkkVacancy, FeedPosting, Organisation, Vacancy
from app.services.feeds.dedup import (
    DEFAULT_RULE,
    DedupRule,
    PostingText,
    compare,
    employer_key,
    title_score,
)

LOOK_BACK_DAYS = 365  # vacancies created longer ago are not compared


@dataclass
class _Candidate:
    vacancy_id: int
    text: PostingText  # description "" until loaded


def employer_name_column():  # type: ignore[no-untyped-def]
    """The employer a vacancy is for: a BKK vacancy's partner, a feed-made vacancy's hiring
    organisation, else the organisation that posted it."""
    return func.coalesce(
        BkkVacancy.partner_name, func.nullif(FeedPosting.employer_name, ""), Organisation.name
    )


class CanonicalIndex:
    """Finds the vacancy a posting duplicates, among the platform's vacancies of its regions."""

    def __init__(self, region_ids: set[int], earliest: date, rule: DedupRule = DEFAULT_RULE):
        self.rule = rule
        self.by_region: dict[int, list[_Candidate]] = {}
        if region_ids:
            self._load(region_ids, earliest)

    def _load(self, region_ids: set[int], earliest: date) -> None:
        since = datetime.combine(earliest, datetime.min.time()) - timedelta(days=LOOK_BACK_DAYS)
        slack = earliest - timedelta(days=self.rule.slack_days)
        rows = db.session.execute(
            select(
                Vacancy.id,
                Vacancy.title,
                Vacancy.region_id,
                Vacancy.posted_at,
                Vacancy.created_at,
                Vacancy.closing_date,
                employer_name_column(),
            )
            .join(Organisation, Organisation.id == Vacancy.organisation_id)
            .outerjoin(BkkVacancy, BkkVacancy.vacancy_id == Vacancy.id)
            .outerjoin(
                FeedPosting,
                and_(FeedPosting.vacancy_id == Vacancy.id, FeedPosting.kind == "created"),
            )
            .where(
                Vacancy.region_id.in_(region_ids),
                Vacancy.status != "draft",  # not public: a feed's posting would vanish in it
                Vacancy.moderation_status != "removed",
                Vacancy.created_at >= since,
                or_(Vacancy.closing_date.is_(None), Vacancy.closing_date >= slack),
            )
        )
        for vid, title, region_id, posted, created, closing, employer in rows:
            start = (posted or created).date()
            text = PostingText(employer or "", title, "", region_id, start, closing)
            self.by_region.setdefault(region_id, []).append(_Candidate(vid, text))

    def add(self, vacancy_id: int, text: PostingText) -> None:
        """A vacancy created in this pull: later postings may duplicate it."""
        self.by_region.setdefault(int(text.region), []).append(_Candidate(vacancy_id, text))

    def find(self, posting: PostingText) -> int | None:
        """The vacancy ``posting`` duplicates (the most alike one), or None."""
        key = employer_key(posting.employer)
        close = [
            candidate
            for candidate in self.by_region.get(int(posting.region), [])
            if fuzz.token_set_ratio(key, employer_key(candidate.text.employer))
            >= self.rule.employer
            and title_score(posting.title, candidate.text.title) >= self.rule.title
        ]
        self._load_descriptions([c for c in close if not c.text.description])
        best, best_score = None, -1.0
        for candidate in close:
            similarity = compare(posting, candidate.text, self.rule.slack_days)
            if self.rule.is_duplicate(similarity):
                score = similarity.text + similarity.title / 100 + similarity.employer / 100
                if score > best_score:
                    best, best_score = candidate.vacancy_id, score
        return best

    def _load_descriptions(self, candidates: list[_Candidate]) -> None:
        if not candidates:
            return
        texts = dict(
            db.session.execute(
                select(Vacancy.id, Vacancy.description).where(
                    Vacancy.id.in_([c.vacancy_id for c in candidates])
                )
            ).all()
        )
        for candidate in candidates:
            candidate.text = replace(
                candidate.text, description=texts.get(candidate.vacancy_id) or " "
            )
