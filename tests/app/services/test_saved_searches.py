"""Saved searches (``saved_searches``): what is refused and kept, one's own only, the search
they stand for; and the digest's unsubscribe token (``digests``)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale
from itsdangerous import URLSafeSerializer
from sqlalchemy import func, select

from app.extensions import db
from app.models import SavedSearch
from app.services import digests, saved_searches
from app.services.errors import NotFoundError, ValidationError
from app.services.saved_searches import MAX_SAVED_SEARCHES, Criteria
from app.services.vacancy_rows import region_lookup
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(SavedSearch)) or 0


def refused(user, name: str, criteria: Criteria) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    before = count()
    with pytest.raises(ValidationError) as raised:
        saved_searches.save(user, name, criteria)
    assert count() == before
    return raised.value.field, raised.value.message


def test_a_search_is_kept_with_its_filters_and_text_stripped(app: Flask) -> None:
    user = UserFactory()
    serang = region_lookup()["3673"]
    saved = saved_searches.save(
        user,
        "  Jaringan di Serang ",
        Criteria("  teknisi jaringan ", serang, "full_time", "sma_smk", 4_000_000),
    )
    assert (saved.name, saved.query) == ("Jaringan di Serang", "teknisi jaringan")
    assert saved_searches.criteria_of(saved) == Criteria(
        "teknisi jaringan", serang, "full_time", "sma_smk", 4_000_000
    )
    assert saved_searches.search_args(saved) == {
        "q": "teknisi jaringan",
        "region": serang,
        "employment_type": "full_time",
        "education": "sma_smk",
        "salary_min": 4_000_000,
    }
    query = saved_searches.as_query(saved, page=2)
    assert (query.text, query.region_id, query.salary_min, query.page) == (
        "teknisi jaringan",
        serang,
        4_000_000,
        2,
    )


def test_empty_filters_are_left_out_of_the_page_arguments(app: Flask) -> None:
    saved = saved_searches.save(UserFactory(), "Semua", Criteria())
    assert saved_searches.search_args(saved) == {}


def test_a_name_is_required_and_the_region_must_exist(app: Flask) -> None:
    user = UserFactory()
    assert refused(user, "   ", Criteria("x")) == ("name", "This field is required.")
    assert refused(user, "Ada", Criteria("x", region_id=999_999)) == ("region", "Unknown region.")


def test_at_most_twenty_per_person(app: Flask) -> None:
    user, other = UserFactory(), UserFactory()
    for n in range(MAX_SAVED_SEARCHES):
        saved_searches.save(user, f"Cari {n}", Criteria())
    assert refused(user, "Satu lagi", Criteria()) == (
        "name",
        "You can keep at most 20 saved searches.",
    )
    assert saved_searches.save(other, "Punya orang lain", Criteria()).user_id == other.id


def test_listed_newest_first_and_only_ones_own(app: Flask) -> None:
    user, other = UserFactory(), UserFactory()
    first = saved_searches.save(user, "Satu", Criteria())
    second = saved_searches.save(user, "Dua", Criteria())
    saved_searches.save(other, "Tiga", Criteria())
    assert [s.id for s in saved_searches.for_user(user)] == [second.id, first.id]


def test_anothers_search_cannot_be_read_changed_or_deleted(app: Flask) -> None:
    user, other = UserFactory(), UserFactory()
    theirs = saved_searches.save(other, "Milik orang lain", Criteria())
    for call in (
        lambda: saved_searches.get_own(user, theirs.id),
        lambda: saved_searches.delete(user, theirs.id),
        lambda: saved_searches.set_email(user, theirs.id, False),
        lambda: saved_searches.get_own(user, 424242),
    ):
        with pytest.raises(NotFoundError):
            call()
    db.session.rollback()
    db.session.refresh(theirs)
    assert theirs.email_digest is True and count() == 1


def test_emails_are_switched_per_search_and_stopped_all_at_once(app: Flask) -> None:
    user, other = UserFactory(), UserFactory()
    one = saved_searches.save(user, "Satu", Criteria())
    two = saved_searches.save(user, "Dua", Criteria())
    saved_searches.save(user, "Tiga", Criteria())
    theirs = saved_searches.save(other, "Lain", Criteria())
    saved_searches.set_email(user, one.id, False)
    assert one.email_digest is False and two.email_digest is True
    assert saved_searches.stop_all_emails(user.id) == 2
    assert saved_searches.stop_all_emails(user.id) == 0
    db.session.refresh(theirs)
    assert theirs.email_digest is True


def test_deleting_removes_only_that_search(app: Flask) -> None:
    user = UserFactory()
    one = saved_searches.save(user, "Satu", Criteria())
    saved_searches.save(user, "Dua", Criteria())
    saved_searches.delete(user, one.id)
    assert [s.name for s in saved_searches.for_user(user)] == ["Dua"]


# the unsubscribe token ----------------------------------------------------------------------


def test_an_unsubscribe_token_names_its_user(app: Flask) -> None:
    user = UserFactory()
    assert digests.user_of_token(digests.unsubscribe_token(user)) == user


@pytest.mark.parametrize("token", ["", "x", "MQ.bad", "MQ"])
def test_a_made_up_token_names_nobody(app: Flask, token: str) -> None:
    UserFactory()
    assert digests.user_of_token(token) is None


def test_a_token_of_another_key_or_shape_names_nobody(app: Flask) -> None:
    user = UserFactory()
    other_key = URLSafeSerializer("another-secret", salt=digests.UNSUBSCRIBE_SALT)
    assert digests.user_of_token(other_key.dumps(user.id)) is None
    own_key = digests._serializer()
    assert digests.user_of_token(own_key.dumps(str(user.id))) is None
    assert digests.user_of_token(own_key.dumps(user.id + 1000)) is None


def test_unsubscribing_stops_every_digest(app: Flask) -> None:
    user = UserFactory()
    saved_searches.save(user, "Satu", Criteria())
    saved_searches.save(user, "Dua", Criteria())
    assert digests.unsubscribe(user) == 2
    assert not any(s.email_digest for s in saved_searches.for_user(user))
