"""The API's request schemas read on their own (``app.api.schemas``): defaults, limits, allowed
values and unknown fields, each error naming its field."""

from __future__ import annotations

import marshmallow as ma
import pytest

from app.api.schemas import (
    ExtractRequestSchema,
    MatchRequestSchema,
    SearchQuerySchema,
    SkillQuerySchema,
)


def _errors(schema: ma.Schema, data: dict) -> dict:
    with pytest.raises(ma.ValidationError) as excinfo:
        schema.load(data)
    return excinfo.value.messages  # type: ignore[return-value]


def test_skill_query_defaults_and_limits() -> None:
    assert SkillQuerySchema().load({"q": "excel"}) == {"q": "excel", "limit": 10}
    assert SkillQuerySchema().load({"uri": "http://x", "limit": "50"})["limit"] == 50
    assert set(_errors(SkillQuerySchema(), {"limit": 0})) == {"limit"}
    assert set(_errors(SkillQuerySchema(), {"limit": 51})) == {"limit"}
    assert set(_errors(SkillQuerySchema(), {"q": "x" * 101})) == {"q"}


def test_unknown_fields_are_errors_naming_them() -> None:
    errors = _errors(SkillQuerySchema(), {"q": "excel", "lang": "id", "page": 2})
    assert set(errors) == {"lang", "page"}
    assert _errors(ExtractRequestSchema(), {"text": "a", "model": "x"}) == {
        "model": ["Unknown field."]
    }


def test_search_defaults() -> None:
    assert SearchQuerySchema().load({}) == {"q": "", "sort": "relevance", "per_page": 10}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("employment_type", "freelance-ish"),
        ("education", "phd"),
        ("salary_min", -1),
        ("posted_within_days", 0),
        ("posted_within_days", 367),
        ("sort", "match"),  # the site's own sort needs a profile: not in the API
        ("per_page", 51),
        ("q", "x" * 201),
        ("page_token", "t" * 501),
    ],
)
def test_search_refuses_bad_values_naming_the_field(field: str, value: object) -> None:
    assert set(_errors(SearchQuerySchema(), {field: value})) == {field}


def test_search_accepts_each_sort_but_match() -> None:
    from app.services.search import SORTS

    for sort in SORTS:
        if sort != "match":
            assert SearchQuerySchema().load({"sort": sort})["sort"] == sort


def test_extract_needs_a_text_of_1_to_20000_characters() -> None:
    assert ExtractRequestSchema().load({"text": "Menguasai PHP"}) == {"text": "Menguasai PHP"}
    assert set(_errors(ExtractRequestSchema(), {})) == {"text"}
    assert set(_errors(ExtractRequestSchema(), {"text": ""})) == {"text"}
    assert set(_errors(ExtractRequestSchema(), {"text": "x" * 20_001})) == {"text"}


def test_match_needs_one_to_a_hundred_skills() -> None:
    loaded = MatchRequestSchema().load({"skills": ["s1", "http://esco/s2"]})
    assert loaded == {"skills": ["s1", "http://esco/s2"], "limit": 20}
    assert set(_errors(MatchRequestSchema(), {})) == {"skills"}
    assert set(_errors(MatchRequestSchema(), {"skills": []})) == {"skills"}
    assert set(_errors(MatchRequestSchema(), {"skills": ["s"] * 101})) == {"skills"}


def test_match_names_the_bad_skill_by_its_index() -> None:
    errors = _errors(MatchRequestSchema(), {"skills": ["s1", "", "x" * 201]})
    assert set(errors["skills"]) == {1, 2}


def test_match_limit_and_education() -> None:
    assert set(_errors(MatchRequestSchema(), {"skills": ["s1"], "limit": 51})) == {"limit"}
    assert set(_errors(MatchRequestSchema(), {"skills": ["s1"], "education": "x"})) == {"education"}
