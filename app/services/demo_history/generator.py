"""The demo history's rows: employers and their members, vacancies over 24 months with their
skills and vectors, seekers with theirs, applications, then the schools (``schools``)."""

from __future__ import annotations

import random
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import (
    Application,
    ApplicationEvent,
    OccupationGroup,
    Organisation,
    Region,
    TextVector,
    User,
    Vacancy,
    VacancySkill,
)
from app.models.base import utcnow
from app.profile import current_profile
from app.services import vectors
from app.services.accounts import hash_password
from app.services.clock import today as local_today
from app.services.demo_history import EMAIL_DOMAIN, HistoryDataError
from app.services.demo_history import plan as p
from app.services.demo_history.outcomes import (
    APPLICATION,
    EVENT,
    Applicant,
    Applications,
    Pool,
    Posting,
)
from app.services.scale_data import bulk
from app.services.scale_data import texts as t
from app.services.scale_data.templates import vacancy_templates
from app.services.scale_data.writers import Writers
from app.services.vocabulary import resolve_skills

ONLINE_INTERVIEWS = 0.3


def slug(name: str) -> str:
    """An email-safe short form of an organisation's name (without PT, CV...)."""
    words = [w for w in name.lower().split() if w not in {"pt", "cv", "rs", "rsu", "lpk"}]
    return re.sub(r"[^a-z0-9]", "", "".join(words))[:40]


class History:
    """Writes the rows with their ids (children point at their parents without a round trip)."""

    def __init__(self, rng: random.Random, plan: dict[str, Any]) -> None:
        self.rng, self.plan = rng, plan
        self.now, self.today = utcnow(), local_today()
        self.start = self.now - timedelta(days=p.MONTHS * 31 + 30)  # before the first posting
        # nobody signs in as a generated account: a random password, hashed once, and never a
        # published one (a production start checks only for the demo scene's logins)
        self.password = hash_password(secrets.token_urlsafe(24))
        self.model = vectors.model_id()
        self.out = Writers()
        self.counts: dict[str, int] = {}
        self.roles: list[dict[str, Any]] = plan["roles"]
        self.regions = dict(db.session.execute(select(Region.code, Region.id)).all())
        self.region_names = dict(db.session.execute(select(Region.id, Region.name)).all())

    @staticmethod
    def models() -> tuple[Any, ...]:
        """Every model written (sequences moved past, statistics refreshed)."""
        from app.services.demo_history.schools import MODELS

        return (*Writers.models(), Application, ApplicationEvent, *MODELS)

    def write(self, model: Any, columns: tuple[str, ...], rows: Iterator[tuple]) -> None:
        """Bulk-write rows of a model and count them."""
        n = bulk.write(bulk.table_of(model), columns, rows)
        self.counts[model.__tablename__] = self.counts.get(model.__tablename__, 0) + n

    def name(self) -> str:
        """A person's name."""
        return f"{self.rng.choice(t.FIRST_NAMES)} {self.rng.choice(t.LAST_NAMES)}"

    def _check(self) -> None:
        missing = {c for c in self.plan["districts"] if c not in self.regions}
        if missing:
            raise HistoryDataError("no regions: run `flask seed reference` first")
        labels = {s["label"] for r in self.roles for s in r["skills"]}
        unknown = sorted(labels - set(resolve_skills(labels)))
        if unknown:
            raise HistoryDataError(f"skills not in the vocabulary: {', '.join(unknown)}")
        if not db.session.scalar(select(OccupationGroup.code).limit(1)):
            from app.services.occupation_groups import load_groups

            load_groups(current_app.config["OCCUPATION_GROUPS_FILE"])

    def run(self, vacancies: int, seekers: int) -> dict[str, int]:
        """Everything, in order; the counts per table."""
        from app.services.demo_history.people import write_seekers
        from app.services.demo_history.schools import write_schools

        self._check()
        employers = self.organisations(self.plan["employers"], "employer", "hr")
        postings = self._vacancies(vacancies, employers)
        applicants = write_seekers(self, seekers)
        self._applications(postings, applicants)
        write_schools(self)
        bulk.fix_sequences(bulk.table_of(m) for m in self.models())
        return self.counts

    def organisations(
        self, entries: list[dict[str, Any]], role: str, mailbox: str
    ) -> list[dict[str, Any]]:
        """Verified organisations with one member each; the entries with their ids."""
        first_org = bulk.next_id(bulk.table_of(Organisation))
        first_user = bulk.next_id(bulk.table_of(User))
        made = [
            e
            | {
                "id": first_org + i,
                "member": first_user + i,
                "region_id": self.regions[e["region"]],
            }
            for i, e in enumerate(entries)
        ]
        kind = "employer" if role == "employer" else "school"
        self.write(
            Organisation,
            self.out.ORGANISATION,
            (
                (e["id"], e.get("kind", kind), e["name"], e["region_id"],
                 f"{self.region_names[e['region_id']]}, {current_profile().province_name}",
                 f"{self.rng.randrange(10**12, 10**13)}", "verified", "", self.start, False,
                 self.start)
                for e in made
            ),
        )  # fmt: skip
        self.write(
            User,
            self.out.USER,
            (
                self.out.user(
                    e["member"], f"{mailbox}.{slug(e['name'])}@{EMAIL_DOMAIN}", self.password,
                    self.name(), role, e["id"], self.start,
                )
                for e in made
            ),
        )  # fmt: skip
        return made

    def _vacancies(self, total: int, employers: list[dict[str, Any]]) -> list[Posting]:
        """About ``total`` vacancies over the months with their skills and vectors; what the
        applications need to know of each."""
        templates = vacancy_templates({"vacancies": self.roles}, len(self.roles), intros=("",))
        draw_employer = self._employer_draw(employers)
        occupations = set(db.session.scalars(select(OccupationGroup.code)))
        starts = p.month_starts(self.today)
        first = bulk.next_id(bulk.table_of(Vacancy))
        rows, picks, postings = [], [], []
        for index, (start, count) in enumerate(
            zip(starts, p.monthly_counts(total, starts, self.today), strict=True)
        ):
            moment = index / (len(starts) - 1)
            for _ in range(count):
                code, employer = draw_employer()
                pick = self._role(employer, moment)
                role = self.roles[pick]
                occupation = role["occupation"] if role["occupation"] in occupations else None
                posting = self._posting(first + len(rows), code, employer, pick, start)
                rows.append(self._vacancy_row(posting, code, employer, templates[pick], occupation))
                picks.append(pick)
                postings.append(replace(posting, place=self._interview_place(employer, posting)))
        self._write_vacancies(first, rows, templates, picks)
        return postings

    def _employer_draw(
        self, employers: list[dict[str, Any]]
    ) -> Callable[[], tuple[str, dict[str, Any]]]:
        """A draw of ``(district code, employer)``: the district by its share of vacancies, then
        one of its employers by a size given to each employer now (one, two or three shares)."""
        districts = self.plan["districts"]
        codes = list(districts)
        weights = [districts[c]["vacancies"] for c in codes]
        by_district = {c: [e for e in employers if e["region"] == c] for c in codes}
        sizes = {e["id"]: self.rng.choice((1, 1, 2, 3)) for e in employers}

        def draw() -> tuple[str, dict[str, Any]]:
            code = p.weighted(self.rng, codes, weights)
            home = by_district[code]
            return code, p.weighted(self.rng, home, [sizes[e["id"]] for e in home])

        return draw

    def _role(self, employer: dict[str, Any], moment: float) -> int:
        """The role (its index) an employer posts at ``moment`` (0: the first month, 1: the
        last): one of its sector's, weighted by the role's trend."""
        fits = [i for i, r in enumerate(self.roles) if employer["sector"] in r["sectors"]]
        return p.weighted(self.rng, fits, [self._weight(i, moment) for i in fits])

    def _posting(
        self, vid: int, code: str, employer: dict[str, Any], pick: int, start: date
    ) -> Posting:
        """A vacancy posted in the month beginning ``start``: its dates, education and region
        (the interview place is drawn after its row's pay and expiry, see ``_vacancies``)."""
        posted = p.posted_at(self.rng, start, self.now)
        closing = posted.date() + timedelta(days=self.rng.randint(21, 60))
        education = p.education(self.rng, self.roles[pick])
        return Posting(vid, employer["member"], pick, self.regions[code], education, posted,
                       closing, closing >= self.today, "")  # fmt: skip

    def _vacancy_row(
        self,
        posting: Posting,
        code: str,
        employer: dict[str, Any],
        template: Any,
        occupation: str | None,
    ) -> tuple:
        """The vacancy's row: the role's template at the posting's education, the pay of its
        district (``code``) in its year; one past its closing date closed by the daily expiry."""
        districts = self.plan["districts"]
        reference = next(iter(districts.values()))["umk"]  # the plan's first (busiest) district
        years_ago = (self.now - posting.posted).days / 365
        role = self.roles[posting.role]
        pay = p.pay(self.rng, role, districts[code]["umk"], reference, years_ago)
        return self.out.vacancy(
            posting.id, employer["id"], posting.author,
            replace(template, min_education=posting.education), posting.region, pay,
            posting.posted, posting.closing, "open" if posting.open else "closed",
            "" if posting.open else "closing_date", occupation,
            None if posting.open else self._expired(posting.closing),
        )  # fmt: skip

    def _interview_place(self, employer: dict[str, Any], posting: Posting) -> str:
        """Where the vacancy's interviews are held: online, or at the employer."""
        if self.rng.random() < ONLINE_INTERVIEWS:
            return "Online (Google Meet)"
        return f"{employer['name']}, {self.region_names[posting.region]}"

    def _write_vacancies(
        self, first: int, rows: list[tuple], templates: list[Any], picks: list[int]
    ) -> None:
        """Write the vacancy rows (ids from ``first``), their templates' skills and vectors."""
        self.write(Vacancy, self.out.VACANCY, iter(rows))
        self.write(
            VacancySkill,
            self.out.VACANCY_SKILL,
            self.out.vacancy_skills(
                bulk.next_id(bulk.table_of(VacancySkill)), first, templates, picks
            ),
        )
        self.vectors("vacancy", first, [templates[i] for i in picks])

    def _expired(self, closing: date) -> datetime:
        """When the daily expiry closed a vacancy whose closing date passed (the demand
        aggregate counts a closed vacancy as open until its last change)."""
        moment = datetime.combine(closing + timedelta(days=1), time(self.rng.randint(0, 3)))
        return min(moment, self.now)

    def _weight(self, role: int, moment: float) -> float:
        entry = self.roles[role]
        return p.role_weight(entry["trend"], moment, entry.get("share", 1.0))

    def vectors(self, subject: str, first: int, made: list[Any]) -> None:
        """Text vectors of generated rows, copied from their templates (no embedding)."""
        start = bulk.next_id(bulk.table_of(TextVector))
        rows = (
            (start + i, subject, first + i, self.model, tpl.text_hash, tpl.vector, self.now)
            for i, tpl in enumerate(made)
        )
        self.write(TextVector, self.out.VECTOR, rows)

    def _applications(self, postings: list[Posting], applicants: list[Applicant]) -> None:
        generator = Applications(
            self.rng,
            self.now,
            bulk.next_id(bulk.table_of(Application)),
            bulk.next_id(bulk.table_of(ApplicationEvent)),
        )
        generator.run(postings, Pool.of(applicants))
        applications, events = generator.rows()
        self.write(Application, APPLICATION, applications)
        self.write(ApplicationEvent, EVENT, events)
