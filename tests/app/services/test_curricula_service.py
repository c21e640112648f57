"""A school's curricula (``services.curricula``): ownership, outcomes found through their own
curriculum only, the school's corrections of outcome skills, and reading skills when there is
no vocabulary or only for unread outcomes."""

from __future__ import annotations

import pytest
from flask import Flask

from app.extensions import db
from app.models import CurriculumUnit, LearningOutcome, OutcomeSkill
from app.services import curricula
from app.services.errors import NotFoundError, PermissionDeniedError
from tests.factories import CurriculumFactory, SchoolUserFactory, SkillFactory, UserFactory


def school_with_curriculum(**kwargs):  # type: ignore[no-untyped-def]
    member = SchoolUserFactory()
    curriculum = CurriculumFactory(organisation=member.organisation, **kwargs)
    return member, curriculum


def test_a_school_reads_its_own_curricula_only(app: Flask) -> None:
    member, curriculum = school_with_curriculum()
    _other, theirs = school_with_curriculum()
    assert curricula.get_for_school(curriculum.id, member) == curriculum
    with pytest.raises(PermissionDeniedError):
        curricula.get_for_school(theirs.id, member)
    with pytest.raises(NotFoundError):
        curricula.get_for_school(987654, member)
    assert curricula.get_for_school(theirs.id, UserFactory(role="admin")) == theirs


def test_the_list_is_by_programme_then_newest_version(app: Flask) -> None:
    member, _ = school_with_curriculum(programme="Teknik Otomotif", version_year=2022)
    organisation = member.organisation
    CurriculumFactory(organisation=organisation, programme="Teknik Otomotif", version_year=2025)
    CurriculumFactory(organisation=organisation, programme="Akuntansi", version_year=2024)
    CurriculumFactory(programme="Zzz lain")  # another school
    assert [(c.programme, c.version_year) for c in curricula.list_for_school(member)] == [
        ("Akuntansi", 2024),
        ("Teknik Otomotif", 2025),
        ("Teknik Otomotif", 2022),
    ]


def test_an_outcome_is_found_through_its_own_curriculum_only(app: Flask) -> None:
    _member, curriculum = school_with_curriculum()
    _other, theirs = school_with_curriculum()
    own = curriculum.units[0].outcomes[0]
    assert curricula.get_outcome(curriculum, own.id) == own
    with pytest.raises(NotFoundError):
        curricula.get_outcome(curriculum, theirs.units[0].outcomes[0].id)


def test_the_school_adds_accepts_and_removes_outcome_skills(app: Flask) -> None:
    _member, curriculum = school_with_curriculum()
    SkillFactory(id="tool-sql")
    SkillFactory(id="tool-erd")
    outcome = curriculum.units[0].outcomes[0]
    curricula.add_outcome_skill(curriculum, outcome.id, "tool-sql")
    suggested = OutcomeSkill(skill_id="tool-erd", origin="extracted", confidence=0.7)
    outcome.skills.append(suggested)
    db.session.commit()
    curricula.accept_outcome_skill(curriculum, outcome.id, suggested.id)
    assert {(s.skill_id, s.origin, s.rejected) for s in outcome.skills} == {
        ("tool-sql", "declared", False),
        ("tool-erd", "declared", False),
    }
    declared = next(s for s in outcome.skills if s.skill_id == "tool-sql")
    curricula.remove_outcome_skill(curriculum, outcome.id, declared.id)
    assert (declared.origin, declared.rejected) == ("declared", True)
    with pytest.raises(NotFoundError):
        curricula.add_outcome_skill(curriculum, outcome.id, "tool-none")
    with pytest.raises(NotFoundError):
        curricula.remove_outcome_skill(curriculum, outcome.id, 987654)


def test_without_a_vocabulary_nothing_is_read(app: Flask) -> None:
    _member, curriculum = school_with_curriculum()
    assert curricula.extract_outcome_skills(curriculum) == 0
    assert curriculum.units[0].outcomes[0].skills == []


def test_only_unread_outcomes_are_read_when_asked(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    _member, curriculum = school_with_curriculum()
    curriculum.units.append(
        CurriculumUnit(
            name="Jaringan",
            phase="F",
            outcomes=[LearningOutcome(text="Peserta didik mampu mengonfigurasi router MikroTik.")],
        )
    )
    db.session.commit()
    assert curricula.outcome_count(curriculum) == 2
    read = curricula.extract_outcome_skills(curriculum)
    assert read == 2
    with_skills = [o for u in curriculum.units for o in u.outcomes if o.skills]
    assert with_skills, "the MikroTik outcome has a skill"
    assert curricula.extract_outcome_skills(curriculum, only_unread=True) == 2 - len(with_skills)


def test_progress_sees_every_outcome_read(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    _member, curriculum = school_with_curriculum()
    seen: list[int] = []

    def progress(items):  # type: ignore[no-untyped-def]
        for item in items:
            seen.append(item.id)
            yield item

    curricula.extract_outcome_skills(curriculum, progress=progress)
    assert seen == [curriculum.units[0].outcomes[0].id]


def test_a_curriculum_by_id_for_the_command_line(app: Flask) -> None:
    _member, curriculum = school_with_curriculum()
    assert curricula.get_curriculum(curriculum.id) == curriculum
    with pytest.raises(NotFoundError):
        curricula.get_curriculum(987654)
    assert curricula.skills_subject(curriculum) == f"curriculum:{curriculum.id}"
