"""Matching as a service: skills of a text with offsets, vacancies ranked for skills."""

from __future__ import annotations

from app.extensions import db
from app.models import VacancySkill
from tests.factories import VacancyFactory

TEXT = "Kami mencari programmer yang menguasai Python dan SQL untuk membangun aplikasi web."


def test_extract_gives_offsets_into_the_text(client, vocab) -> None:  # type: ignore[no-untyped-def]
    answer = client.post("/api/v1/skills/extract", json={"text": TEXT})
    assert answer.status_code == 200, answer.json
    skills = answer.json["skills"]
    assert skills and answer.json["truncated"] is False
    for found in skills:
        assert 0 <= found["start"] < found["end"] <= len(TEXT)
        assert 0 < found["confidence"] <= 1
    spans = {TEXT[f["start"] : f["end"]].lower() for f in skills}
    assert "sql" in spans


def test_extract_and_match_name_bad_fields(client) -> None:  # type: ignore[no-untyped-def]
    empty = client.post("/api/v1/skills/extract", json={"txt": ""})
    assert empty.status_code == 422
    assert {e["field"] for e in empty.json["errors"]} >= {"text", "txt"}
    bad = client.post("/api/v1/match", json={"skills": [], "limit": 0})
    assert {e["field"] for e in bad.json["errors"]} >= {"skills", "limit"}


def test_match_ranks_vacancies_with_explanation(client, vocab) -> None:  # type: ignore[no-untyped-def]
    python = client.get("/api/v1/skills?q=python").json["skills"][0]
    sql = client.get("/api/v1/skills?q=SQL").json["skills"][0]
    vacancy = VacancyFactory(title="Data Engineer")
    for skill in (python, sql):
        vacancy.skills.append(
            VacancySkill(skill_id=skill["id"], importance="required", origin="declared")
        )
    db.session.commit()
    answer = client.post("/api/v1/match", json={"skills": [python["id"], "nope"]})
    assert answer.status_code == 200, answer.json
    assert answer.json["unknown_skills"] == ["nope"]
    top = answer.json["matches"][0]
    assert top["vacancy_id"] == vacancy.id
    assert top["required_total"] == 2
    assert top["required_matched"] == [python["id"]]
    assert sql["id"] in top["required_missing"] + top["required_near"]
    assert "1" in top["summary"] and "2" in top["summary"]
