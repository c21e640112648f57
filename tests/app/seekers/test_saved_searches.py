"""Saved searches and the daily digest: one email a day at most with the vacancies posted since
the last one, and an unsubscribe link that works without login and refuses a forged token."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from app.extensions import db
from app.models import SavedSearch
from app.services import digests, saved_searches
from tests.conftest import csrf_token, login_as, outbox, post_form
from tests.factories import SeekerProfileFactory, UserFactory, VacancyFactory

# times are stored in UTC; Banten is UTC+7 (08:00 WIB on 1 December is 01:00 UTC)
SAVED_AT = datetime(2026, 12, 1, 1, 0)


@pytest.fixture
def seeker(app):  # type: ignore[no-untyped-def]
    return SeekerProfileFactory(user=UserFactory(name="Rina")).user


def saved(user, **criteria: object) -> SavedSearch:  # type: ignore[no-untyped-def]
    item = saved_searches.save(user, "Lowongan di kota saya", saved_searches.Criteria(**criteria))  # type: ignore[arg-type]
    item.created_at = SAVED_AT
    db.session.commit()
    return item


def posted(title: str, hour: int, day: int = 1, **fields: object):  # type: ignore[no-untyped-def]
    return VacancyFactory(title=title, posted_at=datetime(2026, 12, day, hour, 0), **fields)


def test_two_runs_in_a_day_send_one_email_then_the_next_day_only_new_vacancies(app, seeker) -> None:  # type: ignore[no-untyped-def]
    saved(seeker, employment_type="full_time")
    posted("Sebelum disimpan", 0)  # before the search was saved
    posted("Magang Web", 2, employment_type="internship")  # does not match the filter
    posted("Web Developer Serang", 2)
    first = digests.send_digests(now=datetime(2026, 12, 1, 3, 0))
    assert (first.emailed, first.vacancies) == (1, 1)
    posted("Teknisi Jaringan", 5)
    again = digests.send_digests(now=datetime(2026, 12, 1, 10, 0))  # 17:00 WIB, same day
    assert (again.emailed, again.already_sent_today) == (0, 1)
    (email,) = outbox(app)
    assert email.to == seeker.email
    assert "Web Developer Serang" in email.body
    assert "(pencarian: Lowongan di kota saya)" in email.body
    assert "Sebelum disimpan" not in email.body and "Magang Web" not in email.body
    next_day = digests.send_digests(now=datetime(2026, 12, 2, 1, 0))
    assert next_day.emailed == 1
    latest = outbox(app)[-1]
    assert "Teknisi Jaringan" in latest.body and "Web Developer Serang" not in latest.body
    assert digests.send_digests(now=datetime(2026, 12, 3, 1, 0)).nothing_new == 1
    assert len(outbox(app)) == 2


def test_the_digest_uses_the_sites_search_and_the_seekers_language(app) -> None:  # type: ignore[no-untyped-def]
    user = SeekerProfileFactory(user=UserFactory(locale="en")).user
    saved(user, query="Laravel")
    posted("Backend Developer", 2, description="Membangun API dengan Laravel dan MySQL.")
    posted("Barista", 2, description="Menyajikan kopi dan melayani pelanggan kafe.")
    digests.send_digests(now=datetime(2026, 12, 1, 3, 0))
    (email,) = outbox(app)
    assert email.subject == "New vacancies for your saved searches (1)"
    assert "Backend Developer" in email.body and "Barista" not in email.body
    assert "(search: Lowongan di kota saya)" in email.body and "Stop these emails" in email.body


def test_the_cli_command_sends_the_digest(runner, seeker) -> None:  # type: ignore[no-untyped-def]
    saved_searches.save(seeker, "Semua", saved_searches.Criteria())
    VacancyFactory(posted_at=datetime(2099, 1, 1))
    result = runner.invoke(args=["notify", "digest"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 digest emails sent (1 vacancies)")
    assert "0 digest emails sent" in runner.invoke(args=["notify", "digest"]).output


def unsubscribe_link(app) -> str:  # type: ignore[no-untyped-def]
    (email,) = outbox(app)
    match = re.search(r"http://127\.0\.0\.1:5000(/notifications/unsubscribe/\S+)", email.body)
    assert match, email.body
    return match.group(1)


def test_unsubscribe_link_works_without_login_and_get_changes_nothing(app, client, seeker) -> None:  # type: ignore[no-untyped-def]
    item = saved(seeker)
    posted("Web Developer", 2)
    digests.send_digests(now=datetime(2026, 12, 1, 3, 0))
    link = unsubscribe_link(app)
    page = client.get(link)
    assert page.status_code == 200 and "Hentikan email harian" in page.get_data(as_text=True)
    db.session.refresh(item)
    assert item.email_digest  # a GET only asks
    done = client.post(link, data={"csrf_token": csrf_token(client, link)})
    assert 'data-testid="unsubscribed"' in done.get_data(as_text=True)
    db.session.refresh(item)
    assert not item.email_digest
    posted("Teknisi", 2, day=2)
    assert digests.send_digests(now=datetime(2026, 12, 3, 1, 0)).emailed == 0


def test_a_tampered_unsubscribe_link_is_refused(app, client, seeker) -> None:  # type: ignore[no-untyped-def]
    item = saved(seeker)
    other = SeekerProfileFactory().user
    forged = digests.unsubscribe_token(other)[:-2] + "xx"
    link = f"/notifications/unsubscribe/{digests.unsubscribe_token(seeker)}"
    token = csrf_token(client, link)
    for bad in (forged, "abc", digests.unsubscribe_token(seeker) + "a"):
        assert client.get(f"/notifications/unsubscribe/{bad}").status_code == 404
        response = client.post(f"/notifications/unsubscribe/{bad}", data={"csrf_token": token})
        assert response.status_code == 404
    db.session.refresh(item)
    assert item.email_digest


def test_save_list_and_delete_only_my_own(client, seeker) -> None:  # type: ignore[no-untyped-def]
    login_as(client, seeker)
    search = "/vacancies/?q=web&employment_type=full_time"
    response = post_form(
        client,
        search,
        "/vacancies/saved/new",
        {"name": "Web di Serang", "q": "web", "employment_type": "full_time"},
    )
    assert response.headers["Location"].endswith("/vacancies/saved")
    (item,) = saved_searches.for_user(seeker)
    assert (item.query, item.employment_type, item.email_digest) == ("web", "full_time", True)
    page = client.get("/vacancies/saved").get_data(as_text=True)
    assert "Web di Serang" in page
    missing_name = post_form(client, search, "/vacancies/saved/new", {"q": "web"})
    flashed = client.get(missing_name.headers["Location"]).get_data(as_text=True)
    assert "Nama pencarian: Kolom ini wajib diisi." in flashed
    post_form(client, "/", "/auth/logout", {})
    intruder = SeekerProfileFactory().user
    login_as(client, intruder)
    for action in ("delete", "email"):
        response = post_form(client, "/vacancies/saved", f"/vacancies/saved/{item.id}/{action}", {})
        assert response.status_code == 404
    assert saved_searches.for_user(seeker) == [item]
    post_form(client, "/", "/auth/logout", {})
    login_as(client, seeker)
    post_form(client, "/vacancies/saved", f"/vacancies/saved/{item.id}/email", {"email": "0"})
    db.session.refresh(item)
    assert not item.email_digest
    post_form(client, "/vacancies/saved", f"/vacancies/saved/{item.id}/delete", {})
    assert saved_searches.for_user(seeker) == []
