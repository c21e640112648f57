"""What bench users do: seekers search and read, employers post and look at candidates, schools
recompute gap reports with new parameters. Each action returns ``(page, Answer, ok)``."""

from __future__ import annotations

import random
import re
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from bench.client import CSRF_RE, Answer, Session

KEYWORDS = (
    "developer",
    "laravel",
    "jaringan",
    "data analyst",
    "android",
    "helpdesk",
    "desain grafis",
    "react",
    "linux",
    "digital marketing",
    "magang",
    "java",
)
MEANINGS = (
    "membuat aplikasi untuk ponsel",
    "memperbaiki komputer kantor yang rusak",
    "menganalisis angka penjualan",
    "merancang tampilan aplikasi yang mudah dipakai",
    "menjaga server tetap hidup",
    "menulis konten untuk media sosial",
    "build websites for small businesses",
    "keep the company network running",
)
VACANCY_LINK = re.compile(r'href="/vacancies/(\d+)"')
OWN_VACANCY_LINK = re.compile(r'href="/employer/vacancies/(\d+)"')
CURRICULUM_LINK = re.compile(r'href="/school/curricula/(\d+)"')
REGION_SELECT = re.compile(r'<select[^>]*name="region_id"[^>]*>(.*?)</select>', re.S)
REGION_OPTION = re.compile(r'<option value="(\d+)"')
SAVED = re.compile(r"/employer/vacancies/(\d+)$")

Step = tuple[str, Answer, bool]


@dataclass
class Shared:
    """What users share: vacancy ids seen, regions, and the vacancies the site said it saved."""

    vacancy_ids: list[int] = field(default_factory=list)
    region_ids: list[int] = field(default_factory=list)
    posted: list[tuple[int, str]] = field(default_factory=list)  # (id, title)
    lock: threading.Lock = field(default_factory=threading.Lock)


class User:
    """One bench user of a role, signed in, with the ids its pages need."""

    def __init__(self, session: Session, role: str, rng: random.Random, shared: Shared) -> None:
        self.session, self.role, self.rng, self.shared = session, role, rng, shared
        self.own: list[int] = []
        self.curricula: list[int] = []
        self.posted = 0

    def prepare(self) -> None:
        """Read the ids this user's pages need (not timed)."""
        if self.role == "employer":
            found = OWN_VACANCY_LINK.findall(self.session.request("/employer/").body)
            for vid in dict.fromkeys(found):
                if len(self.own) >= 5:
                    break
                if self.session.request(f"/employer/vacancies/{vid}/candidates").status == 200:
                    self.own.append(int(vid))
        elif self.role == "school":
            body = self.session.request("/school/").body
            self.curricula = [int(c) for c in dict.fromkeys(CURRICULUM_LINK.findall(body))]
        else:
            body = self.session.request("/vacancies/").body
            with self.shared.lock:
                self.shared.region_ids[:] = sorted({int(r) for r in REGION_OPTION.findall(body)})

    def actions(self) -> list[tuple[Callable[[], Step], int]]:
        """This role's actions with their weights."""
        if self.role == "employer":
            return [(self.candidates, 3), (self.post_vacancy, 1)]
        if self.role == "school":
            return [(self.gap_report, 1)]
        return [
            (self.search_keyword, 3),
            (self.search_meaning, 2),
            (self.search_district, 2),
            (self.recommendations, 2),
            (self.vacancy_page, 3),
        ]

    def step(self) -> Step:
        """One weighted-random action."""
        actions = self.actions()
        chosen = self.rng.choices([a for a, _ in actions], [w for _, w in actions])[0]
        return chosen()

    def _search(self, page: str, params: dict[str, object]) -> Step:
        answer = self.session.request("/vacancies/?" + urllib.parse.urlencode(params))
        found = [int(v) for v in VACANCY_LINK.findall(answer.body)]
        if found:
            with self.shared.lock:
                self.shared.vacancy_ids[:] = (self.shared.vacancy_ids + found)[-500:]
        return page, answer, answer.status == 200

    def search_keyword(self) -> Step:
        return self._search("search keyword", {"q": self.rng.choice(KEYWORDS)})

    def search_meaning(self) -> Step:
        return self._search("search meaning", {"q": self.rng.choice(MEANINGS)})

    def search_district(self) -> Step:
        params: dict[str, object] = {"q": self.rng.choice(KEYWORDS + MEANINGS)}
        if self.shared.region_ids:
            params["region"] = self.rng.choice(self.shared.region_ids)
        return self._search("search + district", params)

    def recommendations(self) -> Step:
        answer = self.session.request("/seeker/recommendations")
        return "recommendations", answer, answer.status == 200

    def vacancy_page(self) -> Step:
        with self.shared.lock:
            ids = list(self.shared.vacancy_ids)
        if not ids:
            return self.search_keyword()
        answer = self.session.request(f"/vacancies/{self.rng.choice(ids)}")
        return "vacancy page", answer, answer.status == 200

    def candidates(self) -> Step:
        if not self.own:
            return self.post_vacancy()
        answer = self.session.request(f"/employer/vacancies/{self.rng.choice(self.own)}/candidates")
        return "candidates", answer, answer.status == 200

    def gap_report(self) -> Step:
        params = {
            "region": self.rng.choice(("own", "all")),
            "months": self.rng.randint(1, 36),
            **({"related_only": "y"} if self.rng.random() < 0.5 else {}),
        }
        curriculum = self.rng.choice(self.curricula) if self.curricula else 0
        answer = self.session.request(
            f"/school/curricula/{curriculum}/gap?" + urllib.parse.urlencode(params)
        )
        return "gap report", answer, answer.status == 200

    def post_vacancy(self) -> Step:
        """Save and publish a vacancy through the form; a saved one is remembered by id."""
        form = self.session.request("/employer/vacancies/new")
        token = CSRF_RE.search(form.body)
        select = REGION_SELECT.search(form.body)  # not the occupation select's codes
        regions = REGION_OPTION.findall(select.group(1)) if select else []
        self.posted += 1
        title = f"Bench Web Developer {threading.get_ident()}-{self.posted}-{self.rng.random():.6f}"
        fields = {
            "csrf_token": token.group(1) if token else "",
            "title": title,
            "description": "Mengembangkan aplikasi web dengan PHP, Laravel dan MySQL; "
            "membuat REST API; bekerja dalam tim dengan Git.",
            "region_id": self.rng.choice(regions) if regions else "",
            "employment_type": "full_time",
            "min_education": "d3",
            "salary_min": 5_000_000,
            "salary_max": 7_000_000,
            "closing_date": (date.today() + timedelta(days=30)).isoformat(),
            "publish": "1",
        }
        answer = self.session.request("/employer/vacancies/new", fields)
        answer.ms += form.ms  # the page and the post: what an employer waits for
        saved = SAVED.search(urllib.parse.urlparse(answer.location).path)
        if answer.status in (302, 303) and saved:
            with self.shared.lock:
                self.shared.posted.append((int(saved.group(1)), title))
        return "post vacancy", answer, bool(answer.status in (302, 303) and saved)
