"""Applications through the platform in the demo history: who applies to which vacancy, when,
and how far each application got (applied, reviewed, interview, offer, hired or rejected), as
rows for ``applications`` and ``application_events``."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

EDUCATION_RANK = {"sma_smk": 0, "d1": 1, "d3": 2, "d4": 3, "s1": 4, "s2": 5}
# applicants per vacancy by the education asked (more people can apply to SMK-level jobs)
APPLICANTS = {"sma_smk": (4, 16), "d1": (3, 10), "d3": (3, 10), "d4": (2, 8), "s1": (1, 7)}
HIRE_SHARE = 0.6  # closed vacancies that hired through the platform
REJECTIONS = ("skill_mismatch", "experience", "education", "location", "position_filled")
APPLICATION = (
    "id",
    "profile_id",
    "vacancy_id",
    "message",
    "status",
    "rejection_reason",
    "created_at",
    "updated_at",
)
EVENT = (
    "id",
    "application_id",
    "status",
    "note",
    "message",
    "interview_at",
    "interview_place",
    "reopened",
    "actor_id",
    "created_at",
)


@dataclass(frozen=True)
class Posting:
    """What the applications need to know of a generated vacancy."""

    id: int
    author: int
    role: int
    region: int
    education: str
    posted: datetime
    closing: date
    open: bool
    place: str


@dataclass(frozen=True)
class Applicant:
    """What the applications need to know of a generated seeker."""

    profile: int
    user: int
    role: int
    region: int
    education: str
    joined: datetime


@dataclass
class Pool:
    """Seekers indexed by the role they aim at and by the education they can apply with."""

    by_role: dict[int, list[Applicant]] = field(default_factory=dict)
    by_rank: dict[int, list[Applicant]] = field(default_factory=dict)

    @classmethod
    def of(cls, applicants: Sequence[Applicant]) -> Pool:
        pool = cls()
        for a in applicants:
            pool.by_role.setdefault(a.role, []).append(a)
            for rank in range(EDUCATION_RANK[a.education] + 1):
                pool.by_rank.setdefault(rank, []).append(a)
        return pool


class Applications:
    """Generates the rows; ids are given here (``first_app``, ``first_event``)."""

    def __init__(self, rng: random.Random, now: datetime, first_app: int, first_event: int) -> None:
        self.rng, self.now = rng, now
        self.app_id, self.event_id = first_app, first_event
        self.applications: list[tuple] = []
        self.events: list[tuple] = []

    def run(self, postings: Sequence[Posting], pool: Pool) -> None:
        """Applications to every posting."""
        for posting in postings:
            self._posting(posting, pool)

    def _chosen(self, posting: Posting, pool: Pool, wanted: int) -> list[Applicant]:
        same_role = pool.by_role.get(posting.role, [])
        able = pool.by_rank.get(EDUCATION_RANK[posting.education], [])
        chosen: dict[int, Applicant] = {}
        for _ in range(wanted * 4):
            if len(chosen) >= wanted:
                break
            group = same_role if same_role and self.rng.random() < 0.55 else able
            if not group:
                continue
            candidate = self.rng.choice(group)
            if candidate.joined < posting.posted and (
                candidate.region == posting.region or self.rng.random() < 0.4
            ):
                chosen[candidate.profile] = candidate
        return list(chosen.values())

    def _posting(self, posting: Posting, pool: Pool) -> None:
        low, high = APPLICANTS.get(posting.education, (2, 8))
        applicants = self._chosen(posting, pool, self.rng.randint(low, high))
        end = min(self.now, datetime.combine(posting.closing, time(17)))
        moment = posting.posted
        hired = None
        if applicants and not posting.open and self.rng.random() < HIRE_SHARE:
            hired = self.rng.randrange(len(applicants))
        for index, applicant in enumerate(applicants):
            # the first comes within days of posting, the others spread until closing
            moment += timedelta(hours=self.rng.expovariate(1 / (60 if index == 0 else 30)))
            if moment >= end:
                break
            self._application(posting, applicant, moment, index == hired)

    def _application(
        self, posting: Posting, applicant: Applicant, applied: datetime, hired: bool
    ) -> None:
        steps = self._steps(posting, hired)
        at, status, reason = applied, "applied", None
        self._event("applied", applicant.user, at)
        for step in steps[1:]:
            at += timedelta(days=self.rng.uniform(1, 6), hours=self.rng.uniform(0, 8))
            if at >= self.now:
                break
            status = step
            reason = self.rng.choice(REJECTIONS) if step == "rejected" else None
            self._event(step, posting.author, at, posting.place if step == "interview" else "")
        self.applications.append(
            (self.app_id, applicant.profile, posting.id, "", status, reason, applied, at)
        )
        self.app_id += 1

    def _steps(self, posting: Posting, hired: bool) -> list[str]:
        """How far the application goes (cut short later by the present moment)."""
        if hired:
            return ["applied", "reviewed", "interview", "offer", "hired"]
        r = self.rng.random()
        if posting.open:
            if r < 0.35:
                return ["applied"]
            if r < 0.6:
                return ["applied", "reviewed"]
            if r < 0.85:
                return ["applied", "reviewed", "interview"]
            return ["applied", "rejected"]
        if r < 0.2:
            return ["applied"]  # never answered
        if r < 0.6:
            return ["applied", "rejected"]
        if r < 0.75:
            return ["applied", "reviewed", "rejected"]
        if r < 0.95:
            return ["applied", "reviewed", "interview", "rejected"]
        return ["applied", "reviewed", "interview", "offer", "rejected"]

    def _event(self, status: str, actor: int, at: datetime, place: str = "") -> None:
        interview_at = None
        if place:
            day = at.date() + timedelta(days=self.rng.randint(2, 5))
            interview_at = datetime.combine(day, time(self.rng.randint(2, 7)))  # 09-14 WIB
        self.events.append(
            (self.event_id, self.app_id, status, "", "", interview_at, place, False, actor, at)
        )
        self.event_id += 1

    def rows(self) -> tuple[Iterator[tuple], Iterator[tuple]]:
        """The application rows and the event rows."""
        return iter(self.applications), iter(self.events)
