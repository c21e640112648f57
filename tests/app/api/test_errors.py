"""The API's error paths: problem+json bodies, field errors flattened from nested messages,
page tokens that are tampered with or belong to another query, bearer headers, scopes, and the
partner list's paging limits."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeSerializer

from app.api.problems import PROBLEM_TYPE, _flatten, problem
from tests.app.api.conftest import make_partner
from tests.factories import OrganisationFactory, VacancyFactory

# problem+json -------------------------------------------------------------------------------


def test_a_problem_has_type_title_status_and_only_the_parts_given(app: Flask) -> None:
    with app.test_request_context():
        bare = problem(404)
        assert bare.mimetype == PROBLEM_TYPE and bare.status_code == 404
        assert json.loads(bare.get_data()) == {
            "type": "about:blank",
            "title": "Not Found",
            "status": 404,
        }
        full = problem(
            422, "Salah.", [{"field": "x", "message": "y"}], {"Retry-After": "3"}, "Judul"
        )
        assert json.loads(full.get_data()) == {
            "type": "about:blank",
            "title": "Judul",
            "status": 422,
            "detail": "Salah.",
            "errors": [{"field": "x", "message": "y"}],
        }
        assert full.headers["Retry-After"] == "3"
        assert json.loads(problem(599).get_data())["title"] == "Error"


@pytest.mark.parametrize(
    ("messages", "flat"),
    [
        ({"query": {"per_page": ["Too big."]}}, [("per_page", "Too big.")]),
        (
            {"json": {"units": {"0": {"name": ["Missing."]}}}},
            [("units.0.name", "Missing.")],
        ),
        ({"json": {"tags": [["A."], ["B."]]}}, [("tags[0]", "A."), ("tags[1]", "B.")]),
        ({"json": {"_schema": ["Bad body."]}}, [("_schema", "Bad body.")]),
        (["Whole request."], [("-", "Whole request.")]),
        ({"query": {"page": 5}}, [("page", "5")]),
        ({"query": {"a": ["One.", "Two."]}}, [("a", "One."), ("a", "Two.")]),
    ],
)
def test_nested_messages_become_one_error_per_field(messages: object, flat: list) -> None:
    assert [(e["field"], e["message"]) for e in _flatten(messages)] == flat


def test_a_field_named_like_a_location_keeps_its_name() -> None:
    assert _flatten({"json": {"query": ["x"]}}) == [{"field": "query", "message": "x"}]
    assert _flatten({"query": {"headers": ["y"]}}) == [{"field": "headers", "message": "y"}]


# page tokens --------------------------------------------------------------------------------


def foreign_token(app: Flask, payload: object) -> str:
    return URLSafeSerializer(app.config["SECRET_KEY"], salt="api-page-token").dumps(payload)


@pytest.mark.parametrize("token", ["garbage", "WzIsImFiYyJd.bad-signature"])
def test_a_made_up_page_token_is_422_naming_it(client: FlaskClient, token: str) -> None:
    answer = client.get(f"/api/v1/vacancies?q=laravel&page_token={token}")
    assert answer.status_code == 422 and answer.mimetype == PROBLEM_TYPE
    assert [e["field"] for e in answer.json["errors"]] == ["page_token"]


@pytest.mark.parametrize("payload", [[1, "x"], [0, "x"], ["2", "x"], {"page": 2}, 2])
def test_a_signed_page_token_of_the_wrong_shape_is_422(
    app: Flask, client: FlaskClient, payload
) -> None:  # type: ignore[no-untyped-def]
    answer = client.get(f"/api/v1/vacancies?page_token={foreign_token(app, payload)}")
    assert answer.status_code == 422
    assert answer.json["errors"][0]["field"] == "page_token"


def test_a_page_token_signed_with_another_key_is_422(app: Flask, client: FlaskClient) -> None:
    token = URLSafeSerializer("another-key", salt="api-page-token").dumps([2, "x"])
    assert client.get(f"/api/v1/vacancies?page_token={token}").status_code == 422


def test_a_page_token_carries_its_filters(client: FlaskClient, vocab) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        VacancyFactory(title=f"Programmer Laravel {n}", employment_type="contract")
    first = client.get("/api/v1/vacancies?employment_type=contract&per_page=2").json
    token = first["next_page_token"]
    assert token
    same = client.get(f"/api/v1/vacancies?employment_type=contract&per_page=2&page_token={token}")
    assert same.status_code == 200 and len(same.json["items"]) == 1
    other_size = client.get(
        f"/api/v1/vacancies?employment_type=contract&per_page=3&page_token={token}"
    )
    assert other_size.status_code == 422
    other_filter = client.get(f"/api/v1/vacancies?per_page=2&page_token={token}")
    assert other_filter.status_code == 422


@pytest.mark.parametrize(
    ("region", "total"),
    [
        ("3601", 1),
        ("Kab. Pandeglang", 1),
        ("kabupaten pandeglang", 1),
        ("KAB. PANDEGLANG", 1),
        ("3673", 0),
    ],
)
def test_regions_are_found_by_code_or_name(client: FlaskClient, region: str, total: int) -> None:
    VacancyFactory()  # in the first region by code, 3601 Kab. Pandeglang
    answer = client.get(f"/api/v1/vacancies?region={region}")
    assert answer.status_code == 200
    assert answer.json["total"] == total


def test_an_unknown_region_is_quoted_in_the_error(client: FlaskClient) -> None:
    answer = client.get("/api/v1/vacancies?region=Atlantis").json
    assert answer["errors"] == [{"field": "region", "message": answer["errors"][0]["message"]}]
    assert "'Atlantis'" in answer["errors"][0]["message"]


# tokens and scopes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer   ", "Basic dXNlcjpwYXNz", "Token {secret}", "{secret}"],
)
def test_anything_but_a_bearer_header_is_401(client: FlaskClient, header: str) -> None:
    partner = make_partner(client, ("vacancies:read",))
    headers = {"Authorization": header.format(secret=partner.secret)} if header else {}
    answer = client.get("/api/v1/partner/vacancies", headers=headers)
    assert answer.status_code == 401 and answer.mimetype == PROBLEM_TYPE
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_the_scheme_is_read_in_any_case(client: FlaskClient) -> None:
    partner = make_partner(client, ("vacancies:read",))
    headers = {"Authorization": f"bearer   {partner.secret}  "}
    assert client.get("/api/v1/partner/vacancies", headers=headers).status_code == 200


def test_reading_needs_the_read_scope(client: FlaskClient) -> None:
    writer = make_partner(client, ("vacancies:write",))
    answer = writer.send("GET", "/api/v1/partner/vacancies")
    assert answer.status_code == 403 and answer.mimetype == PROBLEM_TYPE
    assert "vacancies:read" in answer.json["detail"]
    assert writer.send("GET", "/api/v1/partner/vacancies/JOB-1").status_code == 403


def test_deleting_needs_the_write_scope_and_changes_nothing_without_it(client: FlaskClient) -> None:
    reader = make_partner(client, ("vacancies:read",))
    vacancy = VacancyFactory(organisation=reader.user.organisation, external_id="JOB-1")
    assert reader.send("DELETE", "/api/v1/vacancies/JOB-1").status_code == 403
    from app.extensions import db

    db.session.refresh(vacancy)
    assert vacancy.status == "open"


# the partner's own list ---------------------------------------------------------------------


def test_the_own_list_pages_by_the_last_id_and_skips_vacancies_made_on_the_site(
    client: FlaskClient,
) -> None:
    partner = make_partner(client, ("vacancies:read",))
    organisation = partner.user.organisation
    ids = [VacancyFactory(organisation=organisation, external_id=f"J{n}").id for n in range(3)]
    VacancyFactory(organisation=organisation)  # made on the site: no external id
    VacancyFactory(organisation=OrganisationFactory(), external_id="J9")  # another organisation
    first = partner.send("GET", "/api/v1/partner/vacancies?limit=2").json
    assert [v["id"] for v in first["items"]] == ids[:2]
    assert first["next_after"] == ids[1]
    rest = partner.send("GET", f"/api/v1/partner/vacancies?limit=2&after={ids[1]}").json
    assert [v["external_id"] for v in rest["items"]] == ["J2"]
    assert rest["next_after"] is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("after=-1", "after"),
        ("after=abc", "after"),
    ],
)
def test_bad_list_parameters_are_named(client: FlaskClient, query: str, field: str) -> None:
    partner = make_partner(client, ("vacancies:read",))
    answer = partner.send("GET", f"/api/v1/partner/vacancies?{query}")
    assert answer.status_code == 422 and answer.mimetype == PROBLEM_TYPE
    assert [e["field"] for e in answer.json["errors"]] == [field]


def test_another_organisations_vacancy_is_404_to_read(client: FlaskClient) -> None:
    partner = make_partner(client, ("vacancies:read",))
    VacancyFactory(organisation=OrganisationFactory(), external_id="THEIRS")
    answer = partner.send("GET", "/api/v1/partner/vacancies/THEIRS")
    assert answer.status_code == 404 and answer.mimetype == PROBLEM_TYPE
