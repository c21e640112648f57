"""Rules shared by every '<thing>_skills' list: suggestions, corrections, and who wins.

What a person set (origin ``declared``, or a removal kept as a ``rejected`` row) always wins
over what the matcher suggested, also after a re-extraction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.extensions import db
from app.models import Skill, VacancySkill
from app.services.errors import NotFoundError
from app.services.linking import SkillSuggestion


def apply_suggestions(
    links: list[Any],
    suggestions: Sequence[SkillSuggestion],
    make_link: Callable[[SkillSuggestion], Any],
) -> None:
    """Replace the matcher's earlier suggestions by new ones, leaving people's choices alone."""
    suggested = {s.skill_id: s for s in suggestions}
    for link in list(links):
        if link.origin == "extracted" and not link.rejected and link.skill_id not in suggested:
            links.remove(link)
    present = {link.skill_id: link for link in links}
    for suggestion in suggestions:
        link = present.get(suggestion.skill_id)
        if link is None:
            links.append(make_link(suggestion))
        elif link.origin == "extracted" and not link.rejected:
            link.confidence = suggestion.confidence
            link.evidence = suggestion.evidence


def declare(links: list[Any], skill_id: str, make_link: Callable[[], Any]) -> Any:
    """A person adds a skill (or takes back an earlier removal of it)."""
    if db.session.get(Skill, skill_id) is None:
        raise NotFoundError(skill_id)
    for link in links:
        if link.skill_id == skill_id:
            link.origin = "declared" if link.origin != "verified" else link.origin
            link.rejected = False
            return link
    link = make_link()
    link.skill_id = skill_id
    link.origin = "declared"
    links.append(link)
    return link


def declare_for_vacancy(vacancy: Any, skill_id: str, importance: str) -> Any:
    """An employer asks for a vocabulary skill: linked as declared, required or nice to have
    (in the caller's transaction)."""
    link = declare(vacancy.skills, skill_id, lambda: VacancySkill(importance=importance))
    link.importance = importance
    return link


def find_link(links: list[Any], link_id: int) -> Any:
    """The link with this id in the list (so ownership follows from the parent)."""
    for link in links:
        if link.id == link_id:
            return link
    raise NotFoundError(link_id)


def reject(link: Any) -> None:
    """A person removes a skill; the row stays as a marker so it is never suggested again."""
    link.rejected = True
    link.origin = "declared"


def active(links: Sequence[Any]) -> list[Any]:
    """Links that count (not removed by a person)."""
    return [link for link in links if not link.rejected]
