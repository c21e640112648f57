"""The search index changes speed, not answers: the indexed search equals a plain scan of every
vacancy (the search as it was before the index, ranked with the baseline weights) on a small
set, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Vacancy
from app.models.base import utcnow
from app.services import matching, vectors
from app.services.search import SearchQuery, search
from app.services.search_signals import query_vector
from matching.keywords import keyword_score, query_terms
from matching.search_rank import BASELINE
from tests.factories import OrganisationFactory, VacancyFactory
from tests.test_matching_flow import ask, give

TITLES = [
    ("Web Developer (Laravel)", "Membangun aplikasi web dengan PHP, Laravel dan MySQL."),
    ("Teknisi Jaringan", "Instalasi dan konfigurasi jaringan komputer kantor, router MikroTik."),
    ("Data Analyst", "Analyse sales data with SQL and Python; build dashboards in Power BI."),
    ("Desainer Grafis", "Membuat desain media sosial dengan Adobe Photoshop dan Illustrator."),
    ("Staf IT Support", "Merawat komputer, printer dan jaringan; membantu pengguna kantor."),
    ("Backend Engineer", "Build REST APIs in Go and PostgreSQL, deploy with Docker."),
    ("Android Developer", "Mengembangkan aplikasi Android dengan Kotlin."),
    ("Barista", "Menyajikan kopi dan melayani pelanggan kafe."),
]
QUERIES = ["", "laravel", "jaringan komputer", "data python", "desain", "kotlin android", "kopi"]
SORTS = ["relevance", "date"]


def reference(query: SearchQuery) -> tuple[list[int], int]:
    """The old search: every public vacancy as an object, keywords and meaning in Python."""
    statement = matching.open_vacancies_query().options(selectinload(Vacancy.region))
    if query.region_id:
        statement = statement.where(Vacancy.region_id == query.region_id)
    if query.employment_type:
        statement = statement.where(Vacancy.employment_type == query.employment_type)
    if query.education:
        statement = statement.where(Vacancy.min_education == query.education)
    if query.salary_min:
        statement = statement.where(Vacancy.salary_max >= query.salary_min)
    if query.posted_within_days:
        statement = statement.where(
            Vacancy.posted_at >= utcnow() - timedelta(days=query.posted_within_days)
        )
    found = []
    text = query.text.strip()
    terms = query_terms(text)
    for vacancy in db.session.scalars(statement):
        keyword = meaning = 0.0
        if text:
            keyword = keyword_score(terms, vectors.vacancy_text(vacancy))
            meaning = float(matching.vacancy_vector(vacancy) @ query_vector(text))
            if keyword == 0 and meaning < BASELINE.meaning_floor:
                continue
        posted = vacancy.posted_at.timestamp() if vacancy.posted_at else 0.0
        relevance = 0.5 * keyword + 0.5 * max(0.0, meaning)
        found.append((vacancy.id, relevance, posted))
    if query.sort == "date":
        found.sort(key=lambda h: (-h[2], h[0]))
    else:
        found.sort(key=lambda h: (-h[1], -h[2], h[0]))
    return [h[0] for h in found], len(found)


@pytest.fixture
def vacancies(app):  # type: ignore[no-untyped-def]
    rng = random.Random(11)  # noqa: S311 - test data
    orgs = [OrganisationFactory() for _ in range(3)]
    made = []
    for n in range(40):
        title, description = TITLES[n % len(TITLES)]
        made.append(
            VacancyFactory(
                organisation=orgs[n % 3],
                title=f"{title} {n}" if n % 3 else title,
                description=description,
                employment_type=rng.choice(["full_time", "internship", "contract"]),
                min_education=rng.choice(["sma_smk", "d3", "s1"]),
                salary_max=rng.choice([None, 5_000_000, 8_000_000]),
                salary_min=None,
                posted_at=utcnow() - timedelta(days=rng.randint(0, 60), minutes=n),
                status=rng.choice(["open"] * 5 + ["draft", "closed"]),
                moderation_status=rng.choice(["clear"] * 6 + ["held"]),
            )
        )
    db.session.commit()
    vectors.store_many("vacancy", [(v.id, vectors.vacancy_text(v)) for v in made])
    db.session.commit()
    return made


def test_indexed_search_equals_a_scan_of_every_vacancy(app, vacancies) -> None:  # type: ignore[no-untyped-def]
    region = vacancies[0].region_id
    filters = [
        {},
        {"region_id": region},
        {"employment_type": "internship"},
        {"education": "d3", "salary_min": 6_000_000},
        {"posted_within_days": 30},
    ]
    compared = 0
    for text in QUERIES:
        for sort in SORTS:
            for extra in filters:
                query = SearchQuery(text=text, sort=sort, per_page=100, **extra)
                page = search(query, weights=BASELINE)
                expected, total = reference(query)
                assert [h.vacancy.id for h in page.hits] == expected, (text, sort, extra)
                assert page.total == total
                compared += total
    assert compared > 100  # the set is not trivially empty


def test_pages_and_the_index_after_a_change(app, vacancies) -> None:  # type: ignore[no-untyped-def]
    """Paging walks the same order; a closed and an edited vacancy are seen at once."""
    query = SearchQuery(text="jaringan", per_page=3)
    expected, total = reference(SearchQuery(text="jaringan"))
    walked = []
    for n in range(1, search(query, weights=BASELINE).pages + 1):
        page = SearchQuery(text="jaringan", per_page=3, page=n)
        walked += [h.vacancy.id for h in search(page, weights=BASELINE).hits]
    assert walked == expected and len(walked) == total
    first = db.session.get(Vacancy, expected[0])
    first.status = "closed"
    other = next(v for v in vacancies if v.status == "open" and v.id not in expected)
    other.description = "Memelihara jaringan komputer sekolah."
    db.session.commit()
    vectors.refresh("vacancy", [other.id])
    db.session.commit()
    found = search(SearchQuery(text="jaringan", per_page=100), weights=BASELINE)
    ids = [h.vacancy.id for h in found.hits]
    assert first.id not in ids
    if other.moderation_status == "clear":
        assert other.id in ids
    assert ids == reference(SearchQuery(text="jaringan"))[0]


def test_match_sort_follows_the_seekers_score(app, vocab) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import SeekerProfileFactory

    web = VacancyFactory(title="Web Developer PHP", posted_at=utcnow())
    ask(web, ("PHP", "MySQL", "JavaScript"))
    net = VacancyFactory(title="Teknisi Jaringan", posted_at=utcnow() - timedelta(days=1))
    ask(net, ("Linux",))
    seeker = SeekerProfileFactory(visibility="visible")
    give(seeker, "PHP", "MySQL")
    db.session.commit()
    page = search(SearchQuery(sort="match"), profile=seeker)
    assert [h.vacancy.id for h in page.hits][0] == web.id
    assert page.hits[0].match is not None and page.hits[0].match.required_matched_count == 2
