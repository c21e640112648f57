"""Public reads: search with filters and page tokens, one vacancy, the vocabulary, regions,
occupations, datasets; ETag/304, CORS on reads only, problem+json errors, 429."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Region
from tests.app.api.conftest import make_partner
from tests.factories import SkillFactory, VacancyFactory


def test_search_pages_with_tokens_and_filters(client, vocab) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        VacancyFactory(title=f"Programmer Laravel {n}")
    VacancyFactory(title="Draft Laravel", status="draft")
    first = client.get("/api/v1/vacancies?q=laravel&per_page=2")
    assert first.status_code == 200 and first.json["total"] == 3
    assert len(first.json["items"]) == 2 and first.json["next_page_token"]
    token = first.json["next_page_token"]
    second = client.get(f"/api/v1/vacancies?q=laravel&per_page=2&page_token={token}").json
    assert len(second["items"]) == 1 and second["next_page_token"] is None
    seen = {i["id"] for i in first.json["items"]} | {i["id"] for i in second["items"]}
    assert len(seen) == 3
    other = client.get(f"/api/v1/vacancies?q=php&per_page=2&page_token={token}")
    assert other.status_code == 422
    assert other.json["errors"][0]["field"] == "page_token"
    none = client.get("/api/v1/vacancies?q=laravel&employment_type=internship").json
    assert none["total"] == 0


def test_search_errors_name_the_field(client) -> None:  # type: ignore[no-untyped-def]
    answer = client.get("/api/v1/vacancies?per_page=999&sort=nope")
    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"
    fields = {e["field"] for e in answer.json["errors"]}
    assert {"per_page", "sort"} <= fields
    region = client.get("/api/v1/vacancies?region=Atlantis")
    assert region.status_code == 422 and region.json["errors"][0]["field"] == "region"


def test_one_vacancy_with_skills_etag_and_cors(client) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory(label_en="PHP")
    vacancy = VacancyFactory()
    from app.models import VacancySkill

    vacancy.skills.append(VacancySkill(skill_id=skill.id, importance="required", origin="declared"))
    db.session.commit()
    answer = client.get(f"/api/v1/vacancies/{vacancy.id}")
    assert answer.status_code == 200
    assert answer.json["skills"][0]["skill"]["label_en"] == "PHP"
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    etag = answer.headers["ETag"]
    cached = client.get(f"/api/v1/vacancies/{vacancy.id}", headers={"If-None-Match": etag})
    assert cached.status_code == 304
    draft = VacancyFactory(status="draft")
    missing = client.get(f"/api/v1/vacancies/{draft.id}")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert client.get("/api/v1/no-such-thing").mimetype == "application/problem+json"


def test_vocabulary_lookups(client, vocab) -> None:  # type: ignore[no-untyped-def]
    english = client.get("/api/v1/skills?q=python").json["skills"]
    assert english and "python" in english[0]["label_en"].lower()
    indonesian = client.get("/api/v1/skills?q=basis data").json["skills"]
    assert indonesian
    one = indonesian[0]
    assert client.get(f"/api/v1/skills/{one['id']}").json["id"] == one["id"]
    with_uri = next(s for s in english + indonesian if s["uri"])
    by_uri = client.get("/api/v1/skills", query_string={"uri": with_uri["uri"]}).json["skills"]
    assert [s["id"] for s in by_uri] == [with_uri["id"]]
    assert client.get("/api/v1/skills/not-a-skill").status_code == 404


def test_regions_occupations_and_datasets(client) -> None:  # type: ignore[no-untyped-def]
    regions = client.get("/api/v1/regions").json["regions"]
    assert len(regions) == len(db.session.scalars(select(Region)).all())
    assert client.get("/api/v1/occupations").status_code == 200
    datasets = client.get("/api/v1/datasets").json["datasets"]
    assert datasets and all(d["latest_month"] is None for d in datasets)  # nothing published
    assert client.get(f"/api/v1/datasets/{datasets[0]['slug']}").status_code == 404


def test_rate_limit_answers_429_with_retry_after(app, client) -> None:  # type: ignore[no-untyped-def]
    app.config["API_RATE_LIMIT"] = "2 per minute"
    assert client.get("/api/v1/regions").status_code == 200
    assert client.get("/api/v1/regions").status_code == 200
    limited = client.get("/api/v1/regions")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert limited.mimetype == "application/problem+json"
    made_up = client.get("/api/v1/regions", headers={"Authorization": "Bearer lm_made_up"})
    assert made_up.status_code == 429  # a token that does not authenticate: the address's bucket
    real = make_partner(client, ("vacancies:read",))
    assert client.get("/api/v1/regions", headers=real.headers()).status_code == 200  # its own


def test_site_autocomplete_still_works(client, auth, vocab) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    auth.login(UserFactory().email)
    assert client.get("/api/skills?q=python").json["skills"]


def test_wrong_method_is_a_problem_with_allow(client) -> None:  # type: ignore[no-untyped-def]
    answer = client.delete("/api/v1/regions")
    assert answer.status_code == 405 and answer.mimetype == "application/problem+json"
    assert "GET" in answer.headers["Allow"]
