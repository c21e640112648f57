"""The rows of ``flask seed scale``: organisations and their members, vacancies, seekers and
curricula from the templates, with their ids given here so children point at their parents."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    OccupationGroup,
    Organisation,
    OutcomeSkill,
    SeekerProfile,
    SeekerSkill,
    TextVector,
    User,
    Vacancy,
    VacancySkill,
)
from app.models.base import utcnow
from app.services import vectors
from app.services.accounts import hash_password
from app.services.clock import today as local_today
from app.services.demo import read_demo
from app.services.demo_regional import regional_text
from app.services.scale_data import bulk
from app.services.scale_data import texts as t
from app.services.scale_data.templates import (
    curriculum_templates,
    profile_templates,
    vacancy_templates,
)
from app.services.scale_data.writers import Writers
from curricula.gap import unit_text_rows

BENCH_PASSWORD = "bench-scale-2026"  # noqa: S105 - documented bench logins, refused in production
EMAIL_DOMAIN = "scale.example"
VACANCY_TEMPLATES = 280
PROFILE_TEMPLATES = 120
VACANCIES_PER_EMPLOYER = 100
VISIBLE_SHARE = 0.7

Progress = Callable[[str, int], AbstractContextManager[Any]]


@dataclass
class ScaleResult:
    """What ``seed_scale`` wrote, per table."""

    counts: dict[str, int] = field(default_factory=dict)


def email(kind: str, number: int) -> str:
    """The login of the ``number``-th generated account of a kind (1-based): ``seeker1@...``."""
    return f"{kind}{number}@{EMAIL_DOMAIN}"


class Generator:
    """Writes the rows; ids are given here so children point at their parents."""

    def __init__(
        self, rng: random.Random, regions: list[int], open_share: float, progress: Progress
    ) -> None:
        self.rng, self.regions, self.open_share, self.progress = rng, regions, open_share, progress
        self.now = utcnow()
        self.today = local_today()
        self.password = hash_password(BENCH_PASSWORD)  # once, for every account
        self.model = vectors.model_id()
        self.data = read_demo()
        # the name words with the profile's province in place of Banten's (same draws)
        self.employer_words = [regional_text(word) for word in t.EMPLOYER_WORDS]
        self.school_words = [regional_text(word) for word in t.SCHOOL_WORDS]
        self.out = Writers()
        self.result = ScaleResult()
        self.member_of: dict[int, int] = {}  # organisation id -> its generated member
        # the KBJI groups loaded (``flask seed reference``): a template's code outside them is
        # left empty rather than breaking the foreign key
        self.occupations = set(db.session.scalars(select(OccupationGroup.code)))

    def _write(
        self, model: Any, columns: tuple[str, ...], rows: Iterator[tuple], total: int
    ) -> None:
        with self.progress(model.__tablename__, total) as bar:
            n = bulk.write(bulk.table_of(model), columns, rows, bar.update)
        self.result.counts[model.__tablename__] = self.result.counts.get(model.__tablename__, 0) + n

    def _name(self) -> str:
        return f"{self.rng.choice(t.FIRST_NAMES)} {self.rng.choice(t.LAST_NAMES)}"

    def run(self, vacancies: int, seekers: int, schools: int) -> ScaleResult:
        employers = max(1, -(-vacancies // VACANCIES_PER_EMPLOYER)) if vacancies else 0
        employer_orgs = self._organisations("employer", employers)
        school_orgs = self._organisations("school", schools)
        self._members("employer", employer_orgs)
        self._members("school", school_orgs)
        if vacancies:
            self._vacancies(vacancies, employer_orgs)
        if seekers:
            self._seekers(seekers)
        if schools:
            self._curricula(school_orgs)
        bulk.fix_sequences(bulk.table_of(m) for m in self.out.models())
        return self.result

    def _organisations(self, kind: str, count: int) -> list[tuple[int, int]]:
        """``count`` verified organisations of a kind as (id, region id)."""
        first = bulk.next_id(bulk.table_of(Organisation))
        made = [(first + i, self.rng.choice(self.regions)) for i in range(count)]
        names = (
            (
                f"{self.rng.choice(t.EMPLOYER_PREFIXES)} {self.rng.choice(self.employer_words)} "
                f"{self.rng.choice(self.employer_words)} {self.rng.choice(t.EMPLOYER_KINDS)}"
            )
            if kind == "employer"
            else f"{self.rng.choice(t.SCHOOL_KINDS)} {i + 1} {self.rng.choice(self.school_words)}"
            for i in range(count)
        )
        rows = (
            (oid, kind, name, region, "", f"SCALE-{oid}", "verified", "", self.now, False, self.now)
            for (oid, region), name in zip(made, names, strict=True)
        )
        self._write(Organisation, self.out.ORGANISATION, rows, count)
        return made

    def _members(self, role: str, orgs: list[tuple[int, int]]) -> list[int]:
        """One user of ``role`` per organisation (``employer1@...``); their ids."""
        first = bulk.next_id(bulk.table_of(User))
        rows = (
            self.out.user(
                first + i, email(role, i + 1), self.password, self._name(), role, oid, self.now
            )
            for i, (oid, _) in enumerate(orgs)
        )
        self._write(User, self.out.USER, rows, len(orgs))
        self.member_of.update({oid: first + i for i, (oid, _) in enumerate(orgs)})
        return [first + i for i in range(len(orgs))]

    def _dates(self) -> tuple[datetime, date, str, str]:
        """posted_at, closing date, status, closed reason: open ones were posted in the last
        55 days and close in the future; the others were posted 2-12 months ago and closed."""
        if self.rng.random() < self.open_share:
            posted = self.now - timedelta(days=self.rng.uniform(0, 55))
            return posted, self.today + timedelta(days=self.rng.randint(5, 60)), "open", ""
        posted = self.now - timedelta(days=self.rng.uniform(60, 365))
        closing = posted.date() + timedelta(days=self.rng.randint(14, 45))
        return posted, closing, "closed", "closing_date"

    def _vacancies(self, count: int, orgs: list[tuple[int, int]]) -> None:
        templates = vacancy_templates(self.data, min(count, VACANCY_TEMPLATES))
        first = bulk.next_id(bulk.table_of(Vacancy))
        picks = [self.rng.randrange(len(templates)) for _ in range(count)]
        homes = [self.rng.choice(orgs) for _ in range(count)]

        def rows() -> Iterator[tuple]:
            for i in range(count):
                tpl, (org, region) = templates[picks[i]], homes[i]
                if self.rng.random() > 0.6:
                    region = self.rng.choice(self.regions)
                posted, closing, status, reason = self._dates()
                yield self.out.vacancy(
                    first + i,
                    org,
                    self.member_of[org],
                    tpl,
                    region,
                    self._pay(tpl),
                    posted,
                    closing,
                    status,
                    reason,
                    tpl.occupation if tpl.occupation in self.occupations else None,
                )

        self._write(Vacancy, self.out.VACANCY, rows(), count)
        links = sum(len(templates[p].required) + len(templates[p].preferred) for p in picks)
        self._write(
            VacancySkill,
            self.out.VACANCY_SKILL,
            self.out.vacancy_skills(
                bulk.next_id(bulk.table_of(VacancySkill)), first, templates, picks
            ),
            links,
        )
        self._vectors("vacancy", first, [templates[p] for p in picks])

    def _pay(self, tpl: Any) -> tuple[int | None, int | None]:
        if tpl.salary_min is None and tpl.salary_max is None:
            return None, None
        factor = self.rng.uniform(0.85, 1.3)
        low = round((tpl.salary_min or tpl.salary_max) * factor, -5)
        high = round((tpl.salary_max or tpl.salary_min) * factor, -5)
        return int(low), int(max(low, high))

    def _seekers(self, count: int) -> None:
        templates = profile_templates(self.data, PROFILE_TEMPLATES)
        first_user = bulk.next_id(bulk.table_of(User))
        first = bulk.next_id(bulk.table_of(SeekerProfile))
        picks = [self.rng.randrange(len(templates)) for _ in range(count)]
        users = (
            self.out.user(
                first_user + i,
                email("seeker", i + 1),
                self.password,
                self._name(),
                "seeker",
                None,
                self.now,
            )
            for i in range(count)
        )
        self._write(User, self.out.USER, users, count)

        def profiles() -> Iterator[tuple]:
            for i in range(count):
                visible = self.rng.random() < VISIBLE_SHARE
                yield self.out.profile(
                    first + i,
                    first_user + i,
                    self.rng.choice(self.regions),
                    templates[picks[i]],
                    self.rng.randint(2016, 2025),
                    visible,
                    f"+62812{self.rng.randrange(10**8):08d}",
                    # last edited over the past year, not all at one instant: the indexes look
                    # for rows changed around their newest updated_at
                    self.now - timedelta(seconds=self.rng.uniform(0, 365 * 86400)),
                )

        self._write(SeekerProfile, self.out.PROFILE, profiles(), count)
        links = sum(len(templates[p].skills) for p in picks)
        self._write(
            SeekerSkill,
            self.out.SEEKER_SKILL,
            self.out.seeker_skills(
                bulk.next_id(bulk.table_of(SeekerSkill)), first, templates, picks
            ),
            links,
        )
        self._vectors("seeker", first, [templates[p] for p in picks])

    def _vectors(self, subject: str, first: int, made: list[Any]) -> None:
        start = bulk.next_id(bulk.table_of(TextVector))
        rows = (
            (start + i, subject, first + i, self.model, tpl.text_hash, tpl.vector, self.now)
            for i, tpl in enumerate(made)
        )
        self._write(TextVector, self.out.VECTOR, rows, len(made))

    def _curricula(self, orgs: list[tuple[int, int]]) -> None:
        templates = curriculum_templates(self.data)
        plans = [templates[i % len(templates)] for i in range(len(orgs))]
        tables = self.out.curricula(
            [
                bulk.next_id(bulk.table_of(m))
                for m in (Curriculum, CurriculumUnit, LearningOutcome, OutcomeSkill)
            ],
            [oid for oid, _ in orgs],
            plans,
            self.now,
        )
        for model, columns, rows in zip(
            (Curriculum, CurriculumUnit, LearningOutcome, OutcomeSkill),
            self.out.CURRICULUM_TABLES,
            tables,
            strict=True,
        ):
            self._write(model, columns, iter(rows), len(rows))
        self._unit_vectors(tables[1], [u for plan in plans for u in plan.entry["units"]])

    def _unit_vectors(self, units: list[tuple], entries: list[dict[str, Any]]) -> None:
        """The vectors of each unit's texts, as the curriculum's skills job stores them; the
        templates' texts embedded once."""
        texts = [tuple(unit_text_rows(e["name"], list(e["outcomes"]))) for e in entries]
        made = [(row[0], t) for row, t in zip(units, texts, strict=True) if t]
        distinct = list(dict.fromkeys(texts))
        matrices = dict(zip(distinct, vectors.embed_many(distinct), strict=True))
        start = bulk.next_id(bulk.table_of(TextVector))
        rows = (
            (start + i, vectors.UNIT_SUBJECT, unit_id, self.model, vectors.text_hash(t),
             vectors.to_bytes(matrices[t]), self.now)
            for i, (unit_id, t) in enumerate(made)
        )  # fmt: skip
        self._write(TextVector, self.out.VECTOR, rows, len(made))
