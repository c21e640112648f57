"""The rule every '<thing>_skills' list shares (``skill_links``): a person's choice (declared,
verified, or a removal kept as a rejected row) wins over the matcher, also when the text is
read again."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask

from app.services import skill_links
from app.services.errors import NotFoundError
from app.services.linking import SkillSuggestion
from tests.factories import SkillFactory


def link(skill_id: str, origin: str = "extracted", rejected: bool = False, **kw: Any) -> Any:
    return SimpleNamespace(
        id=kw.pop("id", None),
        skill_id=skill_id,
        origin=origin,
        rejected=rejected,
        confidence=kw.pop("confidence", 0.5),
        evidence=kw.pop("evidence", "lama"),
    )


def suggestion(skill_id: str, confidence: float = 0.9, evidence: str = "baru") -> SkillSuggestion:
    return SkillSuggestion(skill_id, confidence, evidence, "lexical")


def made(s: SkillSuggestion) -> Any:
    return link(s.skill_id, confidence=s.confidence, evidence=s.evidence)


def state(links: list[Any]) -> dict[str, tuple]:
    return {x.skill_id: (x.origin, x.rejected, x.confidence, x.evidence) for x in links}


def test_new_suggestions_replace_old_ones_and_update_those_still_found() -> None:
    links = [link("a"), link("b")]
    skill_links.apply_suggestions(links, [suggestion("b", 0.8), suggestion("c", 0.7)], made)
    assert state(links) == {
        "b": ("extracted", False, 0.8, "baru"),
        "c": ("extracted", False, 0.7, "baru"),
    }


def test_peoples_choices_survive_a_new_reading() -> None:
    links = [
        link("declared", origin="declared", confidence=None, evidence=""),
        link("verified", origin="verified", confidence=None, evidence=""),
        link("removed", rejected=True),
        link("removed-declared", origin="declared", rejected=True),
    ]
    skill_links.apply_suggestions(
        links, [suggestion("declared"), suggestion("removed"), suggestion("removed-declared")], made
    )
    assert state(links) == {
        "declared": ("declared", False, None, ""),
        "verified": ("verified", False, None, ""),
        "removed": ("extracted", True, 0.5, "lama"),
        "removed-declared": ("declared", True, 0.5, "lama"),
    }


def test_no_suggestions_clear_only_the_matchers_own() -> None:
    links = [link("a"), link("b", origin="declared"), link("c", rejected=True)]
    skill_links.apply_suggestions(links, [], made)
    assert sorted(state(links)) == ["b", "c"]


def test_declaring_adds_a_new_link_as_declared(app: Flask) -> None:
    SkillFactory(id="tool-git")
    links: list[Any] = []
    added = skill_links.declare(links, "tool-git", lambda: link("placeholder"))
    assert links == [added]
    assert (added.skill_id, added.origin, added.rejected) == ("tool-git", "declared", False)


def test_declaring_takes_back_a_removal_and_confirms_a_suggestion(app: Flask) -> None:
    SkillFactory(id="tool-git")
    SkillFactory(id="tool-linux")
    removed, suggested = link("tool-git", rejected=True), link("tool-linux")
    links = [removed, suggested]
    assert skill_links.declare(links, "tool-git", lambda: link("x")) is removed
    assert skill_links.declare(links, "tool-linux", lambda: link("x")) is suggested
    assert state(links)["tool-git"][:2] == ("declared", False)
    assert state(links)["tool-linux"][:2] == ("declared", False)
    assert len(links) == 2


def test_declaring_keeps_a_verified_skill_verified(app: Flask) -> None:
    SkillFactory(id="tool-git")
    verified = link("tool-git", origin="verified", rejected=True)
    skill_links.declare([verified], "tool-git", lambda: link("x"))
    assert (verified.origin, verified.rejected) == ("verified", False)


def test_declaring_an_unknown_skill_is_not_found_and_adds_nothing(app: Flask) -> None:
    links: list[Any] = []
    with pytest.raises(NotFoundError):
        skill_links.declare(links, "tool-none", lambda: link("x"))
    assert links == []


def test_links_are_found_by_id_within_the_list_only() -> None:
    mine = [link("a", id=1), link("b", id=2)]
    assert skill_links.find_link(mine, 2).skill_id == "b"
    with pytest.raises(NotFoundError):
        skill_links.find_link(mine, 3)


def test_a_removal_is_kept_as_a_declared_marker_and_no_longer_counts() -> None:
    links = [link("a"), link("b", origin="declared")]
    skill_links.reject(links[0])
    assert (links[0].origin, links[0].rejected) == ("declared", True)
    assert [x.skill_id for x in skill_links.active(links)] == ["b"]
