"""The draft version a sync plan changes (``app.services.sync.drafts``): the copy of the
current version, finding a unit's copy, and the Indonesian outcome texts and unit names."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.extensions import db
from app.models import CurriculumUnit, LearningOutcome, OutcomeSkill, SyncAction
from app.services.sync.drafts import (
    _shared_unit_name,
    copy_curriculum,
    draft_unit_for,
    outcome_text,
)
from tests.factories import CurriculumFactory, SkillFactory


def test_a_draft_copies_units_outcomes_and_kept_skills(app) -> None:  # type: ignore[no-untyped-def]
    kept, removed = SkillFactory(), SkillFactory()
    current = CurriculumFactory(
        version_year=2025,
        units=[
            CurriculumUnit(
                name="Basis Data",
                code="BD",
                position=0,
                phase="F",
                semester=3,
                hours=72,
                credits=None,
                outcomes=[
                    LearningOutcome(
                        position=0,
                        text="Mampu merancang basis data.",
                        skills_read_at=datetime(2026, 1, 5, 8, 0),
                        mentioned_skills=[kept.id, "mentioned-only"],
                        skills=[
                            OutcomeSkill(skill_id=kept.id, origin="extracted", confidence=0.8,
                                         evidence="merancang basis data"),
                            OutcomeSkill(skill_id=removed.id, origin="declared", rejected=True),
                        ],
                    )
                ],
            ),
            CurriculumUnit(name="Jaringan Dasar", code="JD", position=1),
        ],
    )  # fmt: skip
    draft = copy_curriculum(current)
    db.session.commit()
    assert (draft.status, draft.version_year) == ("draft", 2026)
    assert (draft.programme, draft.concentration, draft.level) == (
        current.programme,
        current.concentration,
        current.level,
    )
    assert draft.organisation_id == current.organisation_id and draft.id != current.id
    units = sorted(draft.units, key=lambda u: u.position)
    assert [(u.code, u.name, u.phase, u.semester, u.hours) for u in units] == [
        ("BD", "Basis Data", "F", 3, 72),
        ("JD", "Jaringan Dasar", None, None, None),
    ]
    (outcome,) = units[0].outcomes
    assert outcome.text == "Mampu merancang basis data." and outcome.id != (
        current.units[0].outcomes[0].id
    )
    assert [(s.skill_id, s.origin, s.confidence, s.evidence) for s in outcome.skills] == [
        (kept.id, "extracted", 0.8, "merancang basis data")
    ]
    # read already: the draft's gap report does not read the same text again
    assert outcome.skills_read_at == datetime(2026, 1, 5, 8, 0)
    assert outcome.mentioned_skills == [kept.id, "mentioned-only"]
    # the current version is untouched
    assert len(current.units[0].outcomes[0].skills) == 2


def test_the_copy_of_a_unit_is_found_by_position_code_and_name_then_by_name(app) -> None:  # type: ignore[no-untyped-def]
    current = CurriculumFactory(
        units=[
            CurriculumUnit(name="Basis Data", code="BD", position=0),
            CurriculumUnit(name="Basis Data", code="BD2", position=1),
        ]
    )
    draft = copy_curriculum(current)
    db.session.commit()
    first, second = sorted(current.units, key=lambda u: u.position)
    assert draft_unit_for(draft, second).code == "BD2"
    assert draft_unit_for(draft, first).code == "BD"
    assert draft_unit_for(draft, None) is None
    renumbered = CurriculumUnit(name="Basis Data", code="X", position=9)
    assert draft_unit_for(draft, renumbered).name == "Basis Data"  # by name alone
    assert draft_unit_for(draft, CurriculumUnit(name="Tidak Ada", code="", position=0)) is None


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("pkl", "Peserta didik mempraktikkan MikroTik selama Praktik Kerja Lapangan (PKL)."),
        ("certification", "Peserta didik dipersiapkan mengikuti sertifikasi industri MikroTik."),
        ("add", "Peserta didik mampu menerapkan MikroTik (sinkronisasi kurikulum dengan industri)."),
        ("elective", "Peserta didik mampu menerapkan MikroTik (sinkronisasi kurikulum dengan industri)."),
    ],
)  # fmt: skip
def test_outcome_texts_are_indonesian_whatever_the_reader_s_language(
    app, kind: str, text: str
) -> None:  # type: ignore[no-untyped-def]
    from flask_babel import force_locale

    with force_locale("en"):
        assert outcome_text(SyncAction(kind=kind, skill_id="x"), "MikroTik") == text


def test_shared_unit_names_are_indonesian(app) -> None:  # type: ignore[no-untyped-def]
    from flask_babel import force_locale

    with force_locale("en"):
        assert _shared_unit_name("pkl") == "Praktik Kerja Lapangan (PKL)"
        assert _shared_unit_name("certification") == "Sertifikasi Industri"
