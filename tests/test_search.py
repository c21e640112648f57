"""Vacancy search: keywords and meaning together, filters, sorting, pages."""

from __future__ import annotations

from tests.conftest import login_as
from tests.factories import SeekerProfileFactory, VacancyFactory


def titles(page: str) -> list[str]:
    return [
        chunk.split("</a>")[0].split(">")[-1]
        for chunk in page.split('data-testid="search-hit"')[1:]
    ]


def test_indonesian_query_finds_an_english_vacancy(client) -> None:  # type: ignore[no-untyped-def]
    VacancyFactory(
        title="Network Engineer",
        description="Configure routers and switches, maintain the office computer network and VPN.",
    )
    VacancyFactory(title="Barista", description="Menyajikan kopi dan melayani pelanggan kafe.")
    page = client.get("/vacancies/?q=jaringan+komputer").get_data(as_text=True)
    assert titles(page) == ["Network Engineer"]


def test_keywords_filters_and_pages(client) -> None:  # type: ignore[no-untyped-def]
    for n in range(12):
        VacancyFactory(
            title=f"Web Developer {n}", employment_type="full_time" if n % 2 else "internship"
        )
    VacancyFactory(title="Draft job", status="draft")
    page = client.get("/vacancies/").get_data(as_text=True)
    assert "12 lowongan ditemukan" in page and "Draft job" not in page
    assert len(titles(page)) == 10
    assert len(titles(client.get("/vacancies/?page=2").get_data(as_text=True))) == 2
    page = client.get("/vacancies/?employment_type=internship").get_data(as_text=True)
    assert "6 lowongan ditemukan" in page
    page = client.get("/vacancies/?salary_min=abc").get_data(as_text=True)
    assert "invalid-feedback" in page


def test_match_sort_is_only_for_seekers(client) -> None:  # type: ignore[no-untyped-def]
    VacancyFactory(title="Web Developer")
    assert 'value="match"' not in client.get("/vacancies/").get_data(as_text=True)
    login_as(client, SeekerProfileFactory().user)
    assert 'value="match"' in client.get("/vacancies/").get_data(as_text=True)
    assert client.get("/vacancies/?sort=match").status_code == 200


def test_page_links_stay_few_with_many_pages(client) -> None:  # type: ignore[no-untyped-def]
    from app.services.paging import page_window

    assert page_window(1, 1) == [1]
    assert page_window(1, 5) == [1, 2, 3, 4, 5]
    assert page_window(50, 9984) == [1, None, 48, 49, 50, 51, 52, None, 9984]
    for n in range(25):
        VacancyFactory(title=f"Web Developer {n}")
    page = client.get("/vacancies/?page=2").get_data(as_text=True)
    assert 'page=3"' in page and "page=1" in page
