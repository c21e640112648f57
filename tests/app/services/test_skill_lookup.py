"""The vocabulary as the API reads it (``skill_lookup``): by id, by ESCO URI, references
resolved in order with the unknown ones named, and matching an empty list."""

from __future__ import annotations

from flask import Flask

from app.services import skill_lookup
from tests.factories import SkillFactory

URI = "http://data.europa.eu/esco/skill/0001"


def test_get_by_id_and_by_uri(app: Flask) -> None:
    skill = SkillFactory(id="tool-linux", uri=URI)
    assert skill_lookup.get("tool-linux") == skill
    assert skill_lookup.get("tool-none") is None
    assert skill_lookup.find_by_uri(URI) == [skill]
    assert skill_lookup.find_by_uri(URI + "x") == []


def test_references_are_resolved_in_order_without_repeats(app: Flask) -> None:
    SkillFactory(id="tool-linux", uri=URI)
    SkillFactory(id="tool-mikrotik")
    ids, unknown = skill_lookup.resolve(
        [" tool-mikrotik ", URI, "tool-linux", "", "  ", "tool-cisco", "http://x/y"]
    )
    assert ids == ["tool-mikrotik", "tool-linux"]
    assert unknown == ["tool-cisco", "http://x/y"]


def test_nothing_to_resolve(app: Flask) -> None:
    assert skill_lookup.resolve([]) == ([], [])
    assert skill_lookup.resolve(["", " "]) == ([], [])


def test_matching_no_skills_ranks_nothing(app: Flask) -> None:
    assert skill_lookup.match([], None, None, 10) == []


def test_find_by_text_keeps_the_search_order(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    found = skill_lookup.find_by_text("mikrotik", limit=3)
    assert found and len(found) <= 3
    assert found[0].id == "tool-mikrotik-routeros"
    assert [s.id for s in skill_lookup.find_by_text("mikrotik", limit=1)] == [found[0].id]
