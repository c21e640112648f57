"""Partner writes: create, update by external_id (no duplicate), close, the import's checks as
problem+json naming every field, tokens acting for their organisation only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ApiToken, Vacancy
from app.models.base import utcnow
from tests.app.api.conftest import VACANCY, make_partner
from tests.factories import VacancyFactory


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Vacancy))


def test_create_then_same_external_id_updates(partner, vocab) -> None:  # type: ignore[no-untyped-def]
    first = partner.send("POST", "/api/v1/vacancies", VACANCY)
    assert first.status_code == 201, first.json
    body = first.json
    assert body["external_id"] == "JOB-1" and body["status"] == "open"
    labels = {s["skill"]["label_en"].lower() for s in body["skills"]}
    assert any("php" in label or "laravel" in label for label in labels), labels
    again = partner.send("POST", "/api/v1/vacancies", {**VACANCY, "title": "Backend Developer"})
    assert again.status_code == 200 and again.json["id"] == body["id"]
    assert again.json["title"] == "Backend Developer"
    put = partner.send("PUT", "/api/v1/vacancies/JOB-1", {**VACANCY, "external_id": None})
    assert put.status_code == 200 and put.json["id"] == body["id"]
    assert count() == 1
    vacancy = db.session.get(Vacancy, body["id"])
    assert vacancy.organisation_id == partner.user.organisation_id


def test_put_creates_and_delete_closes_idempotently(partner, vocab) -> None:  # type: ignore[no-untyped-def]
    created = partner.send("PUT", "/api/v1/vacancies/42", {**VACANCY, "external_id": None})
    assert created.status_code == 201 and created.json["external_id"] == "42"
    for _ in range(2):
        closed = partner.send("DELETE", "/api/v1/vacancies/42")
        assert closed.status_code == 200 and closed.json["status"] == "closed"
    assert partner.send("DELETE", "/api/v1/vacancies/nope").status_code == 404
    assert partner.send("GET", "/api/v1/partner/vacancies/42").json["status"] == "closed"
    listed = partner.send("GET", "/api/v1/partner/vacancies").json
    assert [v["external_id"] for v in listed["items"]] == ["42"]


def test_bad_fields_are_all_named_and_nothing_saved(partner, vocab) -> None:  # type: ignore[no-untyped-def]
    bad = {
        **VACANCY,
        "region": "Kota Bandung",
        "salary_min": "empat juta",
        "employment_type": 7,
        "external_id": "",
    }
    del bad["title"]
    answer = partner.send("POST", "/api/v1/vacancies", bad)
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    fields = {e["field"] for e in answer.json["errors"]}
    assert {"title", "region", "salary_min", "employment_type", "external_id"} <= fields
    assert count() == 0
    not_object = partner.send("POST", "/api/v1/vacancies", ["x"])
    assert not_object.status_code == 422 and count() == 0


def test_tokens_act_for_their_organisation_only(client, partner, vocab) -> None:  # type: ignore[no-untyped-def]
    theirs = VacancyFactory(external_id="JOB-1", title="Punya orang lain")
    other = make_partner(client)
    mine = other.send("POST", "/api/v1/vacancies", VACANCY)  # the same external id, other org
    assert mine.status_code == 201 and mine.json["id"] != theirs.id
    assert partner.send("DELETE", f"/api/v1/vacancies/{theirs.id}").status_code == 404
    db.session.refresh(theirs)
    assert theirs.status == "open" and theirs.title == "Punya orang lain"


def test_unverified_organisation_cannot_publish(client, vocab) -> None:  # type: ignore[no-untyped-def]
    partner = make_partner(client, organisation__verification_status="pending")
    refused = partner.send("POST", "/api/v1/vacancies", VACANCY)
    assert refused.status_code == 403 and "publish" in refused.json["detail"]
    draft = partner.send("POST", "/api/v1/vacancies", {**VACANCY, "publish": False})
    assert draft.status_code == 201 and draft.json["status"] == "draft"


def test_scam_signals_hold_the_vacancy_as_on_the_site(partner, vocab) -> None:  # type: ignore[no-untyped-def]
    scam = {**VACANCY, "description": "Wajib transfer biaya pendaftaran Rp 500.000 ke rekening."}
    answer = partner.send("POST", "/api/v1/vacancies", scam)
    assert answer.status_code == 201 and answer.json["moderation_status"] == "held"


def test_missing_revoked_expired_and_wrong_scope_tokens(client, partner, auth) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/api/v1/vacancies", json=VACANCY).status_code == 401
    assert partner.send("POST", "/api/v1/vacancies", VACANCY, secret="lm_wrong").status_code == 401
    token = db.session.scalar(select(ApiToken))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    expired = partner.send("POST", "/api/v1/vacancies", VACANCY)
    assert expired.status_code == 401 and "WWW-Authenticate" in expired.headers
    token.expires_at, token.revoked_at = None, utcnow()
    db.session.commit()
    assert partner.send("POST", "/api/v1/vacancies", VACANCY).status_code == 401
    reader = make_partner(client, ("vacancies:read",))
    assert reader.send("POST", "/api/v1/vacancies", VACANCY).status_code == 403
    auth.login(partner.user.email)  # a session cookie is never a write credential
    assert client.post("/api/v1/vacancies", json=VACANCY).status_code == 401
    assert count() == 0


def test_non_json_body_is_415(partner) -> None:  # type: ignore[no-untyped-def]
    answer = partner.client.post(
        "/api/v1/vacancies", data="title=x", headers=partner.headers(), content_type="text/plain"
    )
    assert answer.status_code == 415 and answer.mimetype == "application/problem+json"


def test_put_refuses_a_different_external_id_in_the_body(partner) -> None:  # type: ignore[no-untyped-def]
    answer = partner.send("PUT", "/api/v1/vacancies/A-1", {**VACANCY, "external_id": "B-2"})
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json["errors"]] == ["external_id"]
    assert count() == 0


def test_errors_follow_accept_language(partner) -> None:  # type: ignore[no-untyped-def]
    body = {**VACANCY, "title": ""}
    english = partner.client.post(
        "/api/v1/vacancies",
        json=body,
        headers={**partner.headers(), "Accept-Language": "en"},
    )
    assert english.json["errors"][0]["message"] == "This field is required."
    default = partner.send("POST", "/api/v1/vacancies", body)
    assert default.json["errors"][0]["message"] != "This field is required."


def test_get_reads_the_external_id_as_storing_does(partner) -> None:  # type: ignore[no-untyped-def]
    from app.services import api_vacancies
    from app.services.errors import NotFoundError

    long_id = "A" * 100
    VacancyFactory(organisation=partner.user.organisation, external_id=long_id)
    VacancyFactory(organisation=partner.user.organisation, external_id="JOB-7")
    assert api_vacancies.get(partner.user, long_id).external_id == long_id
    assert api_vacancies.get(partner.user, " JOB-7 ").external_id == "JOB-7"
    with pytest.raises(NotFoundError):
        api_vacancies.get(partner.user, long_id + "B")  # 101 characters: not the first 100
    assert partner.send("GET", f"/api/v1/partner/vacancies/{long_id}B").status_code == 404
