"""The vacancy import's row rules (``check_row``) field by field, and ``import_rows``: which
rows are saved, what the report says, and nothing half-saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.models import Vacancy
from app.services.clock import today
from app.services.errors import ValidationError
from app.services.vacancy_files import EXTRA_CELLS
from app.services.vacancy_import import ImportReport, example_path, import_rows
from app.services.vacancy_rows import RowError, check_row, region_lookup
from tests.factories import EmployerFactory, OrganisationFactory

GOOD = {
    "title": "Teknisi Jaringan",
    "description": "Instalasi jaringan LAN dan konfigurasi router MikroTik.",
    "region": "Kota Serang",
    "employment_type": "full_time",
    "min_education": "sma_smk",
}


@pytest.fixture(autouse=True)
def in_english(app: Flask):  # type: ignore[no-untyped-def]
    """Messages in English (the msgids), whatever the default language."""
    with force_locale("en"):
        yield


def fields(errors: list[RowError]) -> list[str]:
    return [e.field for e in errors]


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Vacancy))


def test_a_good_row_gives_its_input(app: Flask) -> None:
    data, errors = check_row({**GOOD, "salary_min": "Rp 4.500.000", "salary_max": "5 juta"}, 3)
    assert errors == []
    assert data is not None
    assert (data.title, data.employment_type, data.min_education) == (
        "Teknisi Jaringan",
        "full_time",
        "sma_smk",
    )
    assert (data.salary_min, data.salary_max) == (4_500_000, 5_000_000)
    assert data.region_id == region_lookup()["3673"]
    assert data.closing_date is None


def test_text_values_are_stripped(app: Flask) -> None:
    data, errors = check_row({**GOOD, "title": "  Teknisi  ", "region": " kota serang "})
    assert errors == [] and data is not None
    assert data.title == "Teknisi"
    assert data.region_id == region_lookup()["kota serang"]


@pytest.mark.parametrize(
    "name", ["title", "description", "region", "employment_type", "min_education"]
)
def test_each_required_field_is_named_when_missing(app: Flask, name: str) -> None:
    data, errors = check_row({**GOOD, name: "   "}, 5)
    assert data is None
    assert errors == [RowError(5, name, "This field is required.")]


@pytest.mark.parametrize(
    "name", ["title", "description", "region", "employment_type", "min_education"]
)
def test_a_missing_key_is_the_same_as_blank(app: Flask, name: str) -> None:
    row = {k: v for k, v in GOOD.items() if k != name}
    _data, errors = check_row(row, 2)
    assert fields(errors) == [name]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (5, "a number"),
        (4.5, "a number"),
        (True, "true/false"),
        ({"a": 1}, "an object"),
        (["x"], "a list"),
    ],
)
def test_non_text_values_are_named_with_their_kind_and_not_also_required(
    app: Flask, value: object, kind: str
) -> None:
    _data, errors = check_row({**GOOD, "title": value}, 4)
    assert errors == [RowError(4, "title", f"Must be text, got {kind}.")]


def test_a_lone_surrogate_is_refused_in_its_field(app: Flask) -> None:
    _data, errors = check_row({**GOOD, "description": "Baik \ud800 sekali"}, 9)
    assert errors == [
        RowError(9, "description", "The text holds characters that are not valid Unicode.")
    ]


@pytest.mark.parametrize(
    ("name", "limit"),
    [("title", None), ("region", 200), ("employment_type", 50), ("min_education", 50)],
)
def test_over_long_values_are_refused_naming_the_limit(
    app: Flask, name: str, limit: int | None
) -> None:
    from app.services.vacancy_rows import MAX_CHARS

    limit = limit or MAX_CHARS[name]
    _data, errors = check_row({**GOOD, name: "x" * (limit + 1)}, 2)
    assert RowError(2, name, f"Use at most {limit} characters.") in errors


def test_a_description_at_the_limit_is_accepted_and_one_more_is_not(app: Flask) -> None:
    from app.services.vacancies import DESCRIPTION_MAX

    data, errors = check_row({**GOOD, "description": "a" * DESCRIPTION_MAX})
    assert errors == [] and data is not None
    _data, errors = check_row({**GOOD, "description": "a" * (DESCRIPTION_MAX + 1)})
    assert fields(errors) == ["description"]


@pytest.mark.parametrize("region", ["Kota Serang", "KOTA SERANG", "3673", "kota serang"])
def test_regions_are_found_by_name_or_code_in_any_case(app: Flask, region: str) -> None:
    data, errors = check_row({**GOOD, "region": region})
    assert errors == [] and data is not None
    assert data.region_id == region_lookup()["3673"]


def test_a_regency_is_found_with_kabupaten_written_out(app: Flask) -> None:
    data, errors = check_row({**GOOD, "region": "Kabupaten Serang"})
    assert errors == [] and data is not None
    assert data.region_id == region_lookup()["3604"]
    assert data.region_id != region_lookup()["3673"]


def test_an_unknown_region_is_quoted_and_cut(app: Flask) -> None:
    long_name = "Kota " + "B" * 150
    _data, errors = check_row({**GOOD, "region": long_name}, 6)
    assert errors == [RowError(6, "region", f"Unknown region {long_name[:80]!r}.")]


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Penuh Waktu", "full_time"),
        ("full time", "full_time"),
        ("purnawaktu", "full_time"),
        ("paruh waktu", "part_time"),
        ("Kontrak", "contract"),
        ("magang", "internship"),
        ("lepas", "freelance"),
        ("PART_TIME", "part_time"),
    ],
)
def test_employment_types_in_indonesian_words(app: Flask, written: str, stored: str) -> None:
    data, errors = check_row({**GOOD, "employment_type": written})
    assert errors == [] and data is not None
    assert data.employment_type == stored


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("SMA", "sma_smk"),
        ("smk", "sma_smk"),
        ("SMA/SMK", "sma_smk"),
        ("slta", "sma_smk"),
        ("S1", "s1"),
        ("d3", "d3"),
    ],
)
def test_education_levels_in_common_words(app: Flask, written: str, stored: str) -> None:
    data, errors = check_row({**GOOD, "min_education": written})
    assert errors == [] and data is not None
    assert data.min_education == stored


def test_unknown_choices_list_the_allowed_values(app: Flask) -> None:
    _data, errors = check_row({**GOOD, "employment_type": "borongan", "min_education": "SD"}, 8)
    assert errors == [
        RowError(
            8,
            "employment_type",
            "Unknown value 'borongan'; use one of full_time, part_time, contract, internship, "
            "freelance.",
        ),
        RowError(8, "min_education", "Unknown value 'SD'; use one of sma_smk, d1, d3, d4, s1, s2."),
    ]


def test_salary_problems_are_named_per_column(app: Flask) -> None:
    _data, errors = check_row({**GOOD, "salary_min": "empat juta", "salary_max": "-5"}, 3)
    assert fields(errors) == ["salary_min", "salary_max"]
    assert "empat juta" in errors[0].message


def test_a_salary_above_the_ceiling_is_refused(app: Flask) -> None:
    ceiling = app.config["SALARY_MAX"]
    data, errors = check_row({**GOOD, "salary_max": ceiling})
    assert errors == [] and data is not None and data.salary_max == ceiling
    _data, errors = check_row({**GOOD, "salary_max": ceiling + 1}, 2)
    assert errors == [
        RowError(2, "salary_max", "The amount is above the limit of Rp 1.000.000.000.")
    ]


def test_a_salary_beyond_64_bits_is_a_line_error_not_a_crash(app: Flask) -> None:
    _data, errors = check_row({**GOOD, "salary_min": str(2**64)}, 2)
    assert fields(errors) == ["salary_min"]


def test_a_maximum_below_the_minimum_is_named_on_the_maximum(app: Flask) -> None:
    _data, errors = check_row({**GOOD, "salary_min": "6.000.000", "salary_max": "5.000.000"}, 4)
    assert errors == [
        RowError(4, "salary_max", "The maximum salary must not be below the minimum.")
    ]


def test_equal_salaries_are_a_fixed_salary(app: Flask) -> None:
    data, errors = check_row({**GOOD, "salary_min": "5.000.000", "salary_max": 5_000_000})
    assert errors == [] and data is not None
    assert data.salary_min == data.salary_max == 5_000_000


def test_closing_dates_within_the_window(app: Flask) -> None:
    soon = today() + timedelta(days=30)
    data, errors = check_row({**GOOD, "closing_date": soon.isoformat()})
    assert errors == [] and data is not None and data.closing_date == soon
    _data, errors = check_row({**GOOD, "closing_date": "1999-12-31"}, 3)
    assert fields(errors) == ["closing_date"]
    assert errors[0].message.startswith("The date must be between 2000-01-01 and ")
    far = today().replace(year=today().year + 3)
    _data, errors = check_row({**GOOD, "closing_date": far.isoformat()}, 3)
    assert fields(errors) == ["closing_date"]


@pytest.mark.parametrize("written", ["31-01-2027", "2027/01/31", "31 Januari 2027", "2027-02-30"])
def test_other_date_forms_are_refused_with_an_example(app: Flask, written: str) -> None:
    _data, errors = check_row({**GOOD, "closing_date": written}, 2)
    assert errors == [RowError(2, "closing_date", f"Use a date like 2026-12-31, got {written!r}.")]


def test_every_problem_of_a_row_is_reported_at_once(app: Flask) -> None:
    raw = {
        "title": "",
        "description": "x",
        "region": "Kota Bandung",
        "employment_type": "magangx",
        "min_education": "s1",
        "salary_min": "5 juta",
        "salary_max": "4.000.000",
        "closing_date": "2020-13-01",
    }
    data, errors = check_row(raw, 7)
    assert data is None
    assert fields(errors) == ["title", "region", "employment_type", "salary_max", "closing_date"]
    assert {e.line for e in errors} == {7}


def test_a_json_entry_that_is_not_an_object(app: Flask) -> None:
    _data, errors = check_row({"_": "just text"}, 3)
    assert errors == [RowError(3, "-", "Each entry must be an object with the columns as keys.")]


def test_extra_cells_are_named_with_both_counts(app: Flask) -> None:
    _data, errors = check_row({**GOOD, EXTRA_CELLS: (10, 8)}, 5)
    assert errors == [RowError(5, "-", "The row has 10 cells but the header has 8.")]


def test_report_caps_listed_lines_and_counts_the_rest() -> None:
    report = ImportReport(total=5, max_reported_lines=2)
    report.add([])
    for line in (2, 3, 4):
        report.add([RowError(line, "title", "x"), RowError(line, "region", "y")])
    assert report.rejected_count == 3
    assert report.rejected_lines == [2, 3]
    assert report.unreported_count == 1
    assert len(report.errors) == 4


def test_example_paths(app: Flask) -> None:
    assert example_path("csv").name == "vacancies_example.csv"
    assert example_path("json").name == "vacancies_example.json"
    assert example_path("csv").is_file() and example_path("json").is_file()
    from app.services.errors import NotFoundError

    with pytest.raises(NotFoundError):
        example_path("xlsx")


# import_rows -------------------------------------------------------------------------------


def rows(*raws: dict) -> list[tuple[int, dict]]:
    return [(line, raw) for line, raw in enumerate(raws, 2)]


def test_valid_rows_are_saved_as_the_employers_drafts_unless_published(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    report = import_rows(rows(GOOD, {**GOOD, "region": "Atlantis"}), employer)
    assert report.total == 2 and report.rejected_count == 1
    assert len(report.imported) == 1
    vacancy = db.session.get(Vacancy, report.imported[0])
    assert vacancy.status == "draft"
    assert vacancy.organisation_id == employer.organisation_id
    assert vacancy.created_by_id == employer.id


def test_all_or_nothing_saves_nothing_when_one_row_is_bad(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    before = count()
    report = import_rows(rows(GOOD, GOOD, {**GOOD, "title": ""}), employer, all_or_nothing=True)
    assert report.imported == []
    assert report.rejected_lines == [4]
    assert count() == before


def test_publishing_opens_the_vacancies_of_a_verified_employer(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    report = import_rows(rows(GOOD), employer, publish=True)
    assert db.session.get(Vacancy, report.imported[0]).status == "open"


def test_an_unverified_employer_publishing_gets_drafts(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    organisation = OrganisationFactory(verification_status="pending")
    employer = EmployerFactory(organisation=organisation)
    report = import_rows(rows(GOOD), employer, publish=True)
    assert db.session.get(Vacancy, report.imported[0]).status == "draft"


def test_a_past_closing_date_is_refused_only_when_publishing(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    past = {**GOOD, "closing_date": (today() - timedelta(days=1)).isoformat()}
    report = import_rows(rows(past), employer, publish=True)
    assert report.imported == []
    assert report.errors == [
        RowError(2, "closing_date", "The closing date has passed: choose a date from today on.")
    ]
    drafted = import_rows(rows(past), employer, publish=False)
    assert len(drafted.imported) == 1


def test_too_much_text_refuses_the_file_and_saves_nothing(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    app.config["IMPORT_MAX_SENTENCES"] = 3
    many = {**GOOD, "description": "Satu. Dua. Tiga. Empat. Lima."}
    with pytest.raises(ValidationError) as raised:
        import_rows(rows(many), employer)
    assert raised.value.field == "file"
    assert "at most 3 are read from one file" in raised.value.message
    assert count() == 0


def test_a_failure_while_saving_rolls_everything_back(app: Flask, vocab, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    from app.services import vacancy_import

    def broken(created: list) -> None:
        raise RuntimeError("classifier down")

    monkeypatch.setattr(vacancy_import.occupations, "classify_vacancies", broken)
    with pytest.raises(RuntimeError, match="classifier down"):
        import_rows(rows(GOOD, GOOD), employer)
    assert count() == 0


def test_the_progress_callback_sees_every_saved_row(app: Flask, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    seen: list[int] = []

    def progress(items):  # type: ignore[no-untyped-def]
        items = list(items)
        seen.append(len(items))
        return items

    report = import_rows(rows(GOOD, GOOD, {**GOOD, "title": ""}), employer, progress=progress)
    assert seen == [2]
    assert len(report.imported) == 2
