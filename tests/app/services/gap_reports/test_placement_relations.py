"""The gap report's unit advice does not take the members of a group a skill names as near
skills: they count for coverage (a PHP unit covers web programming in part), not for the unit
(with them the held-out unit advice fell from 76.9 % to 72.8 %)."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Skill
from app.services.gap_reports.placement import placement_inputs
from app.services.matching import neighbours


def sid(label: str) -> str:
    return db.session.scalar(select(Skill.id).where(Skill.label_en == label))


def test_group_members_are_near_for_coverage_not_for_placement(app, vocab) -> None:  # type: ignore[no-untyped-def]
    web, php = sid("web programming"), sid("PHP")
    assert php in neighbours().near(web)  # the matcher's and the coverage's near skills
    _vectors, _reference, relations, contexts = placement_inputs({web})
    assert php not in relations.near.get(web, {})
    # the description term's vector: the skill's vocabulary description, embedded as a query
    from app.services.linking import skill_index
    from curricula.gap.contexts import description_vectors

    index = skill_index()
    described = index.entries[index.position(web)].description
    assert described.startswith("The ")  # ESCO's definition of web programming
    expected = index.embedder.encode([described], kind="query")[0]
    assert contexts[web].description_vector.tolist() == expected.tolist()
    assert description_vectors(index, [web])[web].tolist() == expected.tolist()
