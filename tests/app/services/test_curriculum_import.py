"""The curriculum import service: uploads refused with translated messages naming where, the
review form read back into a tree, the checks before saving, and saving (skills read once)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.models import Curriculum, CurriculumUnit, LearningOutcome
from app.services import curriculum_import
from app.services.curriculum_import import (
    CurriculumImportError,
    ProgrammeInput,
    check_mapping,
    example_path,
    import_document,
    issue_message,
    mapping_from_form,
    parse_upload,
    save_curriculum,
    with_programme,
)
from curricula import ISSUE_CODES, ParsedCurriculum, ParsedOutcome, ParsedUnit, ParseIssue
from tests.factories import SchoolUserFactory

TEXT = b"Elemen: Basis Data\n- Mampu merancang tabel relasional.\n- Mampu menulis kueri SQL.\n"


@pytest.fixture
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def counts() -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Curriculum, CurriculumUnit, LearningOutcome)
    )


def messages_of(call, *args) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(CurriculumImportError) as raised:
        call(*args)
    assert str(raised.value) == "\n".join(raised.value.messages)
    return raised.value.messages


# messages -----------------------------------------------------------------------------------


def test_every_issue_code_has_a_translated_template() -> None:
    assert set(curriculum_import.ISSUE_TEMPLATES) == set(ISSUE_CODES)


def test_issue_messages_are_in_indonesian_by_default(app: Flask) -> None:
    assert issue_message(ParseIssue("missing_value", 3, "unit_name")) == (
        "Baris 3: unit_name tidak boleh kosong."
    )


def test_issue_messages_follow_the_locale(english) -> None:  # type: ignore[no-untyped-def]
    issue = ParseIssue("bad_integer", 4, "credits", {"value": "tiga", "page": 2})
    assert issue_message(issue) == "Page 2, line 4: credits must be a whole number, got 'tiga'."


def test_a_broken_translation_falls_back_to_the_english_message(app: Flask, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(curriculum_import.ISSUE_TEMPLATES, "missing_value", "{nope} rusak")
    issue = ParseIssue("missing_value", 3, "unit_name", message="Line 3: the English one")
    assert issue_message(issue) == "Line 3: the English one"


def test_a_lone_surrogate_echoed_from_a_file_is_replaced(english) -> None:  # type: ignore[no-untyped-def]
    issue = ParseIssue("bad_csv", 2, None, {"detail": "sel G\ud800"})
    assert issue_message(issue) == "Line 2: The CSV cannot be read: sel G\ufffd."


# uploads ------------------------------------------------------------------------------------


def test_a_text_upload_gives_its_tree(english) -> None:  # type: ignore[no-untyped-def]
    parsed, warnings = parse_upload(TEXT, "kurikulum.txt")
    assert [u.name for u in parsed.units] == ["Basis Data"]
    assert [o.text for o in parsed.units[0].outcomes] == [
        "Mampu merancang tabel relasional.",
        "Mampu menulis kueri SQL.",
    ]
    assert warnings == []


def test_warnings_are_translated(english) -> None:  # type: ignore[no-untyped-def]
    data = b"unit_name,outcome,catatan\nBasis Data,Mampu menulis SQL.,x\n"
    _parsed, warnings = parse_upload(data, "k.csv")
    assert warnings == ["Line 1: Column catatan is not part of the template and was ignored."]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "k.csv", "The document is empty."),
        (b"unit_name,outcome\nA,\n", "k.csv", "No learning outcomes found under any unit."),
        (
            b"\x00\x01\x02garbage",
            "k.docx",
            "'k.docx' cannot be read as a curriculum: the name ends in '.docx' but the content is "
            "binary. Use CSV, JSON, Markdown, plain text, PDF or DOCX.",
        ),
        (
            b"unit_name,semester,outcome\nA,99,x\n",
            "k.csv",
            "Line 2: semester must be between 1 and 14, got 99.",
        ),
    ],
)
def test_unusable_uploads_say_why(english, data: bytes, filename: str, message: str) -> None:  # type: ignore[no-untyped-def]
    assert messages_of(parse_upload, data, filename) == [message]


def test_the_upload_size_comes_from_the_settings(app: Flask, english) -> None:  # type: ignore[no-untyped-def]
    app.config["CURRICULUM_MAX_BYTES"] = 50
    assert messages_of(parse_upload, TEXT, "k.txt") == [
        f"The file is {len(TEXT)} bytes; the limit is 50 bytes."
    ]


def test_the_outcome_limit_comes_from_the_settings(app: Flask, english) -> None:  # type: ignore[no-untyped-def]
    app.config["UPLOAD_MAX_OUTCOMES"] = 1
    assert messages_of(parse_upload, TEXT, "k.txt") == [
        "The curriculum has 2 learning outcomes; at most 1 are accepted."
    ]


# the school's programme and the review form -------------------------------------------------


def test_the_schools_programme_fields_win_over_the_documents() -> None:
    parsed = ParsedCurriculum(programme="Dari Dokumen", concentration="K", level="d3", units=())
    given = ProgrammeInput(programme="Dari Sekolah", level="smk", version_year=2025)
    mapping = with_programme(parsed, given)
    assert (mapping["programme"], mapping["concentration"], mapping["level"]) == (
        "Dari Sekolah",
        "K",
        "smk",
    )
    assert mapping["version_year"] == 2025
    assert with_programme(parsed, ProgrammeInput())["programme"] == "Dari Dokumen"


def test_the_review_form_becomes_a_mapping_in_index_order() -> None:
    form = {
        "programme": " Teknik Otomotif ",
        "concentration": "",
        "level": "smk",
        "version_year": "2025",
        "units-10-name": "Kelistrikan",
        "units-10-outcomes-0": "Mampu mengukur arus.",
        "units-2-name": "Mesin",
        "units-2-code": " TO1 ",
        "units-2-credits": "3",
        "units-2-outcomes-10": "Mampu  menyetel   katup.",
        "units-2-outcomes-2": "Mampu servis ringan.",
        "units-2-outcomes-3": "   ",
    }
    mapping = mapping_from_form(form)
    assert mapping["programme"] == "Teknik Otomotif"
    assert mapping["concentration"] is None
    assert [u["name"] for u in mapping["units"]] == ["Mesin", "Kelistrikan"]
    mesin = mapping["units"][0]
    assert (mesin["code"], mesin["credits"], mesin["phase"]) == ("TO1", "3", None)
    assert mesin["outcomes"] == ["Mampu servis ringan.", "Mampu menyetel katup."]


def test_removed_and_untouched_blank_units_are_dropped() -> None:
    form = {
        "units-0-name": "Mesin",
        "units-0-outcomes-0": "Mampu servis.",
        "units-1-name": "Dibuang",
        "units-1-remove": "1",
        "units-1-outcomes-0": "Tidak dipakai.",
        "units-2-name": "",
        "units-2-outcomes-0": "",
        "units-x-name": "bukan indeks",
        "units-9999999-name": "indeks terlalu panjang",
    }
    assert [u["name"] for u in mapping_from_form(form)["units"]] == ["Mesin"]


def test_a_unit_with_only_outcomes_is_kept_so_the_check_can_name_it(english) -> None:  # type: ignore[no-untyped-def]
    form = {
        "programme": "P",
        "level": "smk",
        "version_year": "2025",
        "units-0-outcomes-0": "Mampu sesuatu.",
    }
    mapping = mapping_from_form(form)
    assert mapping["units"] == [
        {
            "code": "",
            "name": "",
            "phase": None,
            "semester": None,
            "hours": None,
            "credits": None,
            "outcomes": ["Mampu sesuatu."],
        }
    ]
    assert messages_of(check_mapping, mapping) == ["units[0].name must not be empty."]


# checks before saving -----------------------------------------------------------------------


def good_mapping(**changes: object) -> dict:
    mapping = {
        "programme": "Teknik Otomotif",
        "concentration": "",
        "level": "smk",
        "version_year": 2025,
        "units": [{"code": "TO1", "name": "Mesin", "outcomes": ["Mampu servis ringan."]}],
    }
    mapping.update(changes)
    return mapping


def test_a_good_mapping_is_checked_into_a_tree(english) -> None:  # type: ignore[no-untyped-def]
    parsed = check_mapping(good_mapping())
    assert (parsed.programme, parsed.level, parsed.version_year) == ("Teknik Otomotif", "smk", 2025)
    assert parsed.units[0].outcomes == (ParsedOutcome("Mampu servis ringan."),)


def test_programme_level_and_year_are_required(english) -> None:  # type: ignore[no-untyped-def]
    mapping = good_mapping(programme="", level=None, version_year=None)
    assert messages_of(check_mapping, mapping) == [
        "programme must not be empty.",
        "level must not be empty.",
        "version_year must not be empty.",
    ]


def test_values_longer_than_their_columns_are_named(english) -> None:  # type: ignore[no-untyped-def]
    mapping = good_mapping(
        programme="P" * 201,
        units=[
            {"code": "ok", "name": "Mesin", "outcomes": ["x"]},
            {"code": "K" * 41, "name": "N" * 251, "outcomes": ["y"]},
        ],
    )
    assert messages_of(check_mapping, mapping) == [
        "programme must be at most 200 characters, got 201.",
        "units[1].code must be at most 40 characters, got 41.",
        "units[1].name must be at most 250 characters, got 251.",
    ]


def test_the_outcome_limit_holds_for_a_corrected_tree(app: Flask, english) -> None:  # type: ignore[no-untyped-def]
    app.config["UPLOAD_MAX_OUTCOMES"] = 2
    mapping = good_mapping(units=[{"name": "Mesin", "outcomes": ["a", "b", "c"]}])
    assert messages_of(check_mapping, mapping) == [
        "The curriculum has 3 learning outcomes; at most 2 are accepted."
    ]


def test_bad_values_in_a_corrected_tree_name_their_path(english) -> None:  # type: ignore[no-untyped-def]
    mapping = good_mapping(
        level="SMA", units=[{"name": "Mesin", "semester": "dua", "outcomes": ["x"]}]
    )
    assert messages_of(check_mapping, mapping) == [
        "level must be one of smk, d3, d4, s1, training, got 'SMA'.",
        "units[0].semester must be a whole number, got 'dua'.",
    ]


# saving -------------------------------------------------------------------------------------


def tree() -> ParsedCurriculum:
    return ParsedCurriculum(
        programme="Teknik Otomotif",
        level="smk",
        version_year=2025,
        units=(
            ParsedUnit("Mesin", "TO1", "E", None, 72, None, (ParsedOutcome("Mampu servis."),)),
            ParsedUnit("Kelistrikan", outcomes=(ParsedOutcome("Mampu ukur."), ParsedOutcome("b"))),
        ),
    )


def test_saving_keeps_the_order_and_the_numbers(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    school = SchoolUserFactory()
    curriculum = save_curriculum(school, tree())
    db.session.expire_all()
    saved = db.session.get(Curriculum, curriculum.id)
    assert saved.organisation_id == school.organisation_id
    assert (saved.status, saved.concentration) == ("published", "")
    assert [(u.position, u.code, u.name, u.phase, u.hours) for u in saved.units] == [
        (0, "TO1", "Mesin", "E", 72),
        (1, "", "Kelistrikan", None, None),
    ]
    assert [(o.position, o.text) for o in saved.units[1].outcomes] == [(0, "Mampu ukur."), (1, "b")]


def test_a_failure_while_reading_skills_saves_nothing(app: Flask, vocab, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    school = SchoolUserFactory()

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("linker down")

    monkeypatch.setattr(curriculum_import, "extract_outcome_skills", broken)
    before = counts()
    with pytest.raises(RuntimeError, match="linker down"):
        save_curriculum(school, tree(), in_background=False)
    assert counts() == before


def test_import_document_saves_nothing_when_the_check_fails(app: Flask, vocab, english) -> None:  # type: ignore[no-untyped-def]
    school = SchoolUserFactory()
    before = counts()
    messages = messages_of(import_document, school, TEXT, "k.txt", ProgrammeInput())
    assert messages == [
        "programme must not be empty.",
        "level must not be empty.",
        "version_year must not be empty.",
    ]
    assert counts() == before


def test_import_document_saves_with_the_schools_programme(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    school = SchoolUserFactory()
    given = ProgrammeInput(programme="Rekayasa Perangkat Lunak", level="smk", version_year=2024)
    curriculum = import_document(school, TEXT, "k.txt", given)
    assert counts() == (1, 1, 2)
    assert (curriculum.programme, curriculum.version_year) == ("Rekayasa Perangkat Lunak", 2024)


def test_example_templates() -> None:
    assert example_path("csv").name == "template.csv" and example_path("csv").is_file()
    assert example_path("json").name == "template.json" and example_path("json").is_file()
    assert example_path("pdf") is None
