"""Finding the sentence of a vacancy that names a skill, the skills' needles, and when a
vacancy stopped taking applications (``app.services.gap_reports.vacancies``)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.extensions import db
from app.models import SkillAlias
from app.services.gap_reports.vacancies import _closed_on, find_sentence, skill_needles
from tests.factories import SkillFactory

DESCRIPTION = (
    "Kami mencari teknisi. Menguasai Microsoft Excel dan Word. "
    "Bisa mengoperasikan excel-macro lebih disukai. Penempatan Cilegon."
)


def test_the_sentence_naming_the_skill_is_found_in_any_case() -> None:
    assert find_sentence(DESCRIPTION, ["word"]) == "Menguasai Microsoft Excel dan Word"


def test_the_longest_needle_is_tried_first() -> None:
    assert find_sentence(DESCRIPTION, ["excel", "microsoft excel"]) == (
        "Menguasai Microsoft Excel dan Word"
    )


def test_a_needle_must_be_a_whole_word_or_phrase() -> None:
    assert find_sentence("Menguasai JavaScript.", ["java"]) == ""
    assert find_sentence("Menguasai Java.", ["java"]) == "Menguasai Java"


def test_a_needle_inside_another_word_moves_on_to_the_next_needle() -> None:
    text = "Pengalaman JavaScript. Paham SQL dasar."
    assert find_sentence(text, ["java", "sql"]) == "Paham SQL dasar"


def test_regex_characters_in_a_needle_are_literal() -> None:
    assert find_sentence("Menguasai C++ dan C#.", ["c++"]) == "Menguasai C++ dan C#"
    assert find_sentence("Menguasai C dan C#.", ["c.+"]) == ""


def test_no_needle_no_sentence() -> None:
    assert find_sentence(DESCRIPTION, []) == ""
    assert find_sentence("", ["excel"]) == ""


TODAY = date(2025, 6, 15)
UPDATED = datetime(2025, 6, 1, 10, 0)


@pytest.mark.parametrize(
    ("status", "closing", "closed"),
    [
        ("closed", date(2025, 5, 20), date(2025, 5, 20)),  # the closing date came first
        ("closed", date(2025, 7, 1), date(2025, 6, 1)),  # closed early by hand
        ("closed", None, date(2025, 6, 1)),
        ("open", date(2025, 6, 10), date(2025, 6, 10)),  # past its closing date
        ("open", date(2025, 6, 15), None),  # closes today: still open
        ("open", date(2025, 7, 1), None),
        ("open", None, None),
    ],
)
def test_closed_on(status: str, closing: date | None, closed: date | None) -> None:
    assert _closed_on(status, closing, UPDATED, TODAY) == closed


def test_needles_are_lower_case_labels_and_aliases_of_two_letters_or_more(app) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory(label_en="Microsoft Excel", label_id="Microsoft Excel")
    short = SkillFactory(label_en="R", label_id="Bahasa R")
    db.session.add_all(
        [
            SkillAlias(skill_id=skill.id, text="MS Excel", lang="en", kind="alt"),
            SkillAlias(skill_id=skill.id, text="X", lang="en", kind="alt"),
            SkillAlias(skill_id=short.id, text="R language", lang="en", kind="alt"),
        ]
    )
    db.session.commit()
    needles = skill_needles()
    assert needles[skill.id] == ["microsoft excel", "microsoft excel", "ms excel"]
    assert needles[short.id] == ["bahasa r", "r language"]


def test_needles_of_some_skills_only(app) -> None:  # type: ignore[no-untyped-def]
    wanted, other = SkillFactory(), SkillFactory()
    assert set(skill_needles({wanted.id})) == {wanted.id}
    assert skill_needles(set()) == {}
    assert other.id in skill_needles(None)
