"""Skills written in free text (``free_skills``): what is kept as written, what is linked to the
vocabulary at once, the length rules, one row per form and owner, and mapping refused for
unknown skills or forms (nothing changed)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.models import FREE_SKILL_MAX, AuditEntry, FreeSkill
from app.services import free_skills
from app.services.errors import NotFoundError, ValidationError
from tests.factories import SeekerProfileFactory, UserFactory, VacancyFactory


@pytest.fixture(autouse=True)
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def rows() -> int:
    return db.session.scalar(select(func.count()).select_from(FreeSkill)) or 0


@pytest.mark.parametrize(
    ("text", "key"),
    [("Merakit  Drone", "merakit drone"), ("\tMERAKIT\nDRONE ", "merakit drone"), ("a", "a")],
)
def test_forms_are_grouped_lower_case_with_single_spaces(text: str, key: str) -> None:
    assert free_skills.normalise(text) == key


def test_a_skill_is_kept_as_written_with_its_spaces_tidied(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    assert free_skills.add_for_profile(profile, "  Merakit   Drone FPV ") is True
    (row,) = free_skills.of_profile(profile)
    assert (row.text, row.key) == ("Merakit Drone FPV", "merakit drone fpv")


def test_the_same_form_twice_is_one_row_per_owner(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    free_skills.add_for_profile(profile, "Merakit Drone")
    free_skills.add_for_profile(profile, "MERAKIT  drone")
    free_skills.add_for_profile(SeekerProfileFactory(), "merakit drone")
    assert rows() == 2
    assert len(free_skills.of_profile(profile)) == 1


def test_a_vocabulary_form_is_linked_at_once_not_kept(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    assert free_skills.add_for_profile(profile, "mikrotik") is False
    assert rows() == 0
    linked = [s for s in profile.skills if s.skill_id == "tool-mikrotik-routeros"]
    assert len(linked) == 1 and linked[0].confirmed and linked[0].origin == "declared"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write the skill (at least 2 characters)."),
        ("  x  ", "Write the skill (at least 2 characters)."),
        ("x" * (FREE_SKILL_MAX + 1), f"At most {FREE_SKILL_MAX} characters for a skill."),
    ],
)
def test_too_short_or_long_is_refused_on_the_skill_field(
    app: Flask, vocab, text: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        free_skills.add_for_profile(SeekerProfileFactory(), text)
    assert (raised.value.field, raised.value.message) == ("skill_query", message)
    assert rows() == 0


def test_a_vacancys_free_skill_keeps_its_importance_or_falls_back_to_required(
    app: Flask, vocab
) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    free_skills.add_for_vacancy(vacancy, "Merakit Drone", "preferred")
    free_skills.add_for_vacancy(vacancy, "Menjahit Layar", "penting sekali")
    assert {r.text: r.importance for r in free_skills.of_vacancy(vacancy)} == {
        "Merakit Drone": "preferred",
        "Menjahit Layar": "required",
    }


def test_a_vacancys_vocabulary_form_takes_the_importance_given(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    assert free_skills.add_for_vacancy(vacancy, "mikrotik", "preferred") is False
    assert [s.importance for s in vacancy.skills if s.skill_id == "tool-mikrotik-routeros"] == [
        "preferred"
    ]


def test_mapping_needs_a_known_skill_and_a_known_form(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    free_skills.add_for_profile(SeekerProfileFactory(), "Merakit Drone")
    admin = UserFactory(role="admin")
    with pytest.raises(ValidationError) as raised:
        free_skills.map_to_skill("merakit drone", "", admin)
    assert raised.value.field == "skill_query"
    with pytest.raises(NotFoundError):
        free_skills.map_to_skill("tidak ada", "tool-mikrotik-routeros", admin)
    assert rows() == 1
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_mapping_reads_the_form_in_any_case(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    free_skills.add_for_profile(profile, "Merakit Drone")
    mapped = free_skills.map_to_skill(
        "  MERAKIT   Drone ", "tool-mikrotik-routeros", UserFactory(role="admin")
    )
    assert mapped == 1 and rows() == 0
    assert any(s.skill_id == "tool-mikrotik-routeros" and s.confirmed for s in profile.skills)
