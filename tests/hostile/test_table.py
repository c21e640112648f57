"""Issue 18's table of hostile inputs, one regression test per row (files built at test time).

Each crash became the project's own error with a message; each hang or blow-up is refused
within a bound checked here (time with a generous margin for a busy machine, Python memory with
tracemalloc where the blow-up was Python's). ``python -m tests.hostile.measure`` measures every
file in a fresh process (peak RSS and time).
"""

from __future__ import annotations

import io
import json
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Vacancy
from app.services import vacancy_import
from app.services.cv import cv_text
from app.services.errors import ValidationError
from app.services.linking import clip_for_linker
from curricula import CurriculumParseError, parse_document
from tests.conftest import csrf_token, login_as
from tests.factories import EmployerFactory, SchoolUserFactory, UserFactory
from tests.hostile import make_files as files

MB = 1024 * 1024


def refused(data: bytes, filename: str) -> list[str]:
    """The issue codes with which ``parse_document`` refuses a file (fails if it does not)."""
    with pytest.raises(CurriculumParseError) as caught:
        parse_document(data, filename)
    return [issue.code for issue in caught.value.issues]


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def peak_python_memory(call: Callable[[], Any]) -> int:
    """Peak bytes allocated by Python while ``call`` runs (its exception is swallowed)."""
    tracemalloc.start()
    try:
        call()
    except (CurriculumParseError, ValidationError):
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


# Row 1: '## TI' + digits + a letter (cubic backtracking in the unit code pattern).
@pytest.mark.parametrize("filename", ["k.md", "k.txt"])
def test_row_01_unit_code_with_many_digits_parses_quickly(filename: str) -> None:
    result, took = timed(lambda: parse_document(files.unit_code_backtrack(2000), filename))
    assert took < 1.0
    assert result.curriculum.units[0].outcomes[0].text == "Mampu memasang kabel LAN."


def test_row_01_in_docx_and_pdf_too() -> None:
    heading = "TI" + "1" * 2000 + "a"
    body = files.paragraph(heading, "Heading2") + files.paragraph("Mampu memasang kabel LAN.")
    _, took = timed(lambda: parse_document(files.docx(body), "k.docx"))
    assert took < 1.0
    content = f"BT /F1 12 Tf 72 720 Td (## {heading}) Tj ET".encode()
    pdf = files._pdf(files._page_objects(content))
    _, took = timed(lambda: pytest.raises(CurriculumParseError, parse_document, pdf, "k.pdf"))
    assert took < 2.0


# Row 2: 10,000 nested brackets (RecursionError).
def test_row_02_nested_json_curriculum_is_refused() -> None:
    assert refused(files.nested_json(), "k.json") == ["too_deep"]


# Row 3: an integer of 4,301 digits (Python's integer-string limit).
def test_row_03_long_integer_in_curriculum_json_and_csv_is_refused() -> None:
    assert refused(files.curriculum_long_integer_json(), "k.json") == ["number_too_long"]
    with pytest.raises(CurriculumParseError) as caught:
        parse_document(files.curriculum_long_integer_csv(), "k.csv")
    issue = caught.value.issues[0]
    assert issue.code == "bad_integer" and issue.line == 2 and len(issue.message) < 200


# Row 4: a paragraph style named 'Heading ²' (int('²')).
def test_row_04_superscript_heading_style_is_read_as_a_heading() -> None:
    result = parse_document(files.docx_heading_superscript(), "k.docx")
    assert [unit.name for unit in result.curriculum.units] == ["Jaringan Dasar"]


# Row 5: AES with an empty password (pypdf's DependencyError without `cryptography`).
def test_row_05_aes_pdf_is_refused_as_password_protected() -> None:
    assert refused(files.pdf_aes_empty_password(), "k.pdf") == ["encrypted_pdf"]


# Row 6: a compressed-stream bomb (pypdf's LimitReachedError escaped).
def test_row_06_pdf_stream_bomb_is_refused() -> None:
    data = files.pdf_stream_bomb(200 * MB)
    assert refused(data, "k.pdf") == ["unreadable_pdf"]


# Row 7: a ZIP bomb (3.1-3.2 GB of memory before refusal), for curricula and CVs.
def test_row_07_zip_bomb_is_refused_before_unpacking(app) -> None:  # type: ignore[no-untyped-def]
    bomb = files.docx_zip_bomb(200 * MB)
    assert refused(bomb, "k.docx") == ["zip_too_large"]
    assert peak_python_memory(lambda: parse_document(bomb, "k.docx")) < 20 * MB
    with pytest.raises(ValidationError, match="41943040"):
        cv_text(bomb, "cv.docx")
    assert peak_python_memory(lambda: cv_text(bomb, "cv.docx")) < 20 * MB


def test_row_07_zip_that_understates_its_sizes_is_refused() -> None:
    data = files.docx_lying_sizes()
    assert refused(data, "k.docx") == ["unreadable_docx"]
    assert peak_python_memory(lambda: parse_document(data, "k.docx")) < 40 * MB


# Row 8: 100,000 paragraphs (30 s; the CV reader 5 s).
def test_row_08_docx_with_100000_paragraphs_is_refused_quickly(app) -> None:  # type: ignore[no-untyped-def]
    data = files.docx_many_paragraphs()
    codes, took = timed(lambda: refused(data, "k.docx"))
    assert codes == ["too_many_paragraphs"] and took < 5.0
    _, took = timed(lambda: pytest.raises(ValidationError, cv_text, data, "cv.docx"))
    assert took < 5.0


def import_bytes(data: bytes, filename: str, **options: Any) -> vacancy_import.ImportReport:
    return vacancy_import.import_file(data, filename, EmployerFactory(), **options)


def file_error(data: bytes, filename: str) -> str:
    with pytest.raises(ValidationError) as caught:
        vacancy_import.read_rows(data, filename)
    return caught.value.message


# Row 9: a bare carriage return in the header; a field over 131,072 characters (csv.Error).
def test_row_09_broken_csv_is_refused_naming_the_line(app) -> None:  # type: ignore[no-untyped-def]
    header = files.VACANCY_HEADER.replace(",region", ",reg\rion")
    assert "Baris 1" in file_error(files.vacancy_csv([files.vacancy_row()], header), "v.csv")
    long_field = files.vacancy_csv([files.vacancy_row(title='"' + "a" * 200_000 + '"')])
    message = file_error(long_field, "v.csv")
    assert "Baris 2" in message and "131072" in message


# Row 10: 10,000 nested brackets; a 4,301-digit number (vacancy JSON).
def test_row_10_nested_json_and_long_numbers_are_refused(app) -> None:  # type: ignore[no-untyped-def]
    assert "10000" in file_error(files.nested_json(), "v.json")
    data = files.vacancy_json([files.vacancy_item(salary_min=0)])
    assert "4301" in file_error(data.replace(b": 0", b": " + b"1" * 4301), "v.json")


def errors_by_field(report: vacancy_import.ImportReport) -> dict[tuple[int, str], str]:
    return {(e.line, e.field): e.message for e in report.errors}


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Vacancy))


# Row 11: salary 10^20 (OverflowError at commit, the whole import lost).
def test_row_11_huge_salary_is_refused_per_line(app, vocab) -> None:  # type: ignore[no-untyped-def]
    rows = [files.vacancy_row(), files.vacancy_row(salary="1" + "0" * 20)]
    report = import_bytes(files.vacancy_csv(rows), "v.csv")
    assert list(errors_by_field(report)) == [(3, "salary_min")]
    assert len(report.imported) == 1 and count() == 1


# Row 12: a lone surrogate in a JSON title (UnicodeEncodeError in the embedding cache).
def test_row_12_lone_surrogate_is_refused_per_line(app, vocab) -> None:  # type: ignore[no-untyped-def]
    data = files.vacancy_json([files.vacancy_item(title="PLACEHOLDER"), files.vacancy_item()])
    report = import_bytes(data.replace(b"PLACEHOLDER", b"\\ud800"), "v.json")
    assert list(errors_by_field(report)) == [(1, "title")]
    assert len(report.imported) == 1


# Row 13: '4500000.5' stored as 45,000,005; JSON 1e7 stored as 100,000,000.
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("4.500.000", 4_500_000),
        ("Rp 4.500.000", 4_500_000),
        ("Rp4.500.000,00", 4_500_000),
        ("4500000", 4_500_000),
        ("4,5 juta", 4_500_000),
        ("4500 ribu", 4_500_000),
        ("4500000.5", None),
        ("4.5", None),
        ("4,500,000", None),
        ("4,5", None),
        ("empat juta", None),
    ],
)
def test_row_13_amounts_mean_what_a_person_in_indonesia_means(app, cell, expected) -> None:  # type: ignore[no-untyped-def]
    from app.services.vacancy_files import ValueProblemError, read_amount

    if expected is None:
        with pytest.raises(ValueProblemError):
            read_amount(cell, 10**9)
    else:
        assert read_amount(cell, 10**9) == expected


def test_row_13_json_numbers_are_read_as_numbers(app, vocab) -> None:  # type: ignore[no-untyped-def]
    items = [
        files.vacancy_item(salary_min=1e7, salary_max=2e7),
        files.vacancy_item(salary_min=4500000.5),
    ]
    report = import_bytes(files.vacancy_json(items), "v.json")
    assert list(errors_by_field(report)) == [(2, "salary_min")]
    vacancy = db.session.scalar(select(Vacancy))
    assert (vacancy.salary_min, vacancy.salary_max) == (10_000_000, 20_000_000)


# Row 14: non-text titles and descriptions; a duplicated header; extra cells.
def test_row_14_non_text_values_are_refused_per_line(app, vocab) -> None:  # type: ignore[no-untyped-def]
    items = [
        files.vacancy_item(title={"a": 1}),
        files.vacancy_item(title=True),
        files.vacancy_item(description=12345),
        "not an object",
    ]
    report = import_bytes(files.vacancy_json(items), "v.json")
    found = errors_by_field(report)
    assert set(found) == {(1, "title"), (2, "title"), (3, "description"), (4, "-")}
    assert "objek" in found[(1, "title")] and count() == 0


def test_row_14_duplicated_header_and_extra_cells(app, vocab) -> None:  # type: ignore[no-untyped-def]
    twice = files.VACANCY_HEADER + ",title"
    assert "title" in file_error(files.vacancy_csv([files.vacancy_row()], twice), "v.csv")
    rows = [files.vacancy_row() + ",surplus", files.vacancy_row()]
    report = import_bytes(files.vacancy_csv(rows), "v.csv")
    assert list(errors_by_field(report)) == [(2, "-")] and len(report.imported) == 1


# Row 15: 1,000 valid rows take 19 s; 100,000 rows over 60 s; 60,000 bad rows, 360,000 lines.
def test_row_15_too_many_rows_are_refused_at_once(app) -> None:  # type: ignore[no-untyped-def]
    data = files.vacancy_csv([files.vacancy_row(f"Teknisi {i}") for i in range(2_000)])
    message, took = timed(lambda: file_error(data, "v.csv"))
    assert "2000" in message and "500" in message and took < 5.0
    data = files.vacancy_csv([files.vacancy_row(f"Teknisi {i}") for i in range(100_000)])
    message, took = timed(lambda: file_error(data, "v.csv"))
    assert "5 MB" in message and took < 1.0


def test_row_15_errors_are_capped_at_100_lines_and_counted(app, vocab) -> None:  # type: ignore[no-untyped-def]
    rows = [files.vacancy_row(salary="empat juta") for _ in range(450)]
    report, took = timed(lambda: import_bytes(files.vacancy_csv(rows), "v.csv"))
    assert len(report.rejected_lines) == 100 and report.unreported_count == 350
    assert report.rejected_count == 450 and took < 10.0


def test_row_15_skills_of_many_rows_are_read_in_batches(app, vocab) -> None:  # type: ignore[no-untyped-def]
    rows = [files.vacancy_row(f"Teknisi {i}") for i in range(70)]
    report = import_bytes(files.vacancy_csv(rows), "v.csv", publish=True)
    assert len(report.imported) == 70
    assert all(vacancy.skills for vacancy in db.session.scalars(select(Vacancy)))


# Row 16: 1 MB of text to the linker (MemoryError after 3.2 GB); 200 KB on one line.
def test_row_16_long_text_is_cut_at_a_sentence_end(app) -> None:  # type: ignore[no-untyped-def]
    text = files.HOSTILE[-3].build().decode()
    kept, cut = clip_for_linker(text)
    assert cut and len(kept) <= app.config["LINKER_MAX_CHARS"] and kept.endswith(".")
    line = files.HOSTILE[-2].build().decode()
    kept, cut = clip_for_linker(line)
    assert cut and len(kept) <= app.config["LINKER_MAX_CHARS"]
    assert line.startswith(kept.replace("\n", " "))  # same offsets: spaces became line breaks
    assert max(map(len, kept.split("\n"))) <= app.config["LINKER_MAX_LINE"]


def test_row_16_text_of_many_tiny_sentences_is_cut_to_the_sentence_limit(app) -> None:  # type: ignore[no-untyped-def]
    from matching.linking.text import sentences

    kept, cut = clip_for_linker(files.HOSTILE[-1].build().decode())
    assert cut and len(sentences(kept)) == app.config["LINKER_MAX_SENTENCES"]
    assert kept.endswith("Bisa 399.")


def test_row_16_an_import_reads_a_bounded_amount_of_text(app, vocab) -> None:  # type: ignore[no-untyped-def]
    app.config["IMPORT_MAX_SENTENCES"] = 300
    with pytest.raises(ValidationError, match="300"):
        import_bytes(files.vacancies_long(rows=10, chars=10_000), "v.csv")
    assert count() == 0


def test_row_16_a_long_cv_is_read_in_part_and_the_seeker_told(client, vocab) -> None:  # type: ignore[no-untyped-def]
    login_as(client, UserFactory())
    token = csrf_token(client, "/seeker/skills")
    text = ("Saya menguasai Python dan SQL. " * 35_000).encode()  # about 1 MB
    answer, took = timed(
        lambda: client.post(
            "/seeker/cv",
            data={"csrf_token": token, "file": (io.BytesIO(text), "cv.txt")},
            content_type="multipart/form-data",
            follow_redirects=True,
        )
    )
    page = answer.get_data(as_text=True)
    assert "CV Anda panjang" in page and took < 30.0


# Row 17: a UTF-16 or Windows-1252 CV ('could not be read').
@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_row_17_cv_text_in_other_encodings_is_read(app, encoding: str) -> None:  # type: ignore[no-untyped-def]
    text = "Pengalaman: Python, SQL dan Microsoft Excel – café"
    assert cv_text(text.encode(encoding), "cv.txt") == text


# Uploads over MAX_CONTENT_LENGTH come back to their form with the form's limit named.
@pytest.mark.parametrize(
    ("factory", "page", "url", "name", "limit"),
    [
        (UserFactory, "/seeker/skills", "/seeker/cv", "cv.txt", "2 MB"),
        (SchoolUserFactory, "/school/curricula/new", "/school/curricula/new", "k.md", "10 MB"),
        (
            EmployerFactory,
            "/employer/vacancies/import",
            "/employer/vacancies/import",
            "v.csv",
            "5 MB",
        ),
    ],
)
def test_upload_over_the_request_limit_returns_to_its_form(
    client, app, factory, page: str, url: str, name: str, limit: str
) -> None:  # type: ignore[no-untyped-def]
    login_as(client, factory())
    token = csrf_token(client, page)
    body = io.BytesIO(b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1))
    answer = client.post(
        url,
        data={"csrf_token": token, "file": (body, name)},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 303 and answer.location.endswith(page)
    shown = client.get(page).get_data(as_text=True)
    assert f"paling besar {limit}" in shown and 'type="file"' in shown


@pytest.mark.parametrize(
    ("factory", "page", "name", "size", "message"),
    [
        (UserFactory, "/seeker/cv", "cv.txt", 2 * MB + 1, "Berkas lebih besar dari 2 MB."),
        (
            EmployerFactory,
            "/employer/vacancies/import",
            "v.csv",
            5 * MB + 1,
            "Berkas lebih besar dari 5 MB.",
        ),
    ],
)
def test_upload_over_its_form_limit_gets_the_form_with_the_limit(
    client, factory, page: str, name: str, size: int, message: str
) -> None:  # type: ignore[no-untyped-def]
    login_as(client, factory())
    token = csrf_token(client, "/seeker/skills" if "seeker" in page else page)
    answer = client.post(
        page,
        data={"csrf_token": token, "file": (io.BytesIO(b"a" * size), name)},
        content_type="multipart/form-data",
    )
    assert message in answer.get_data(as_text=True)


def test_json_helper_builds_valid_vacancies() -> None:
    assert json.loads(files.vacancy_json([files.vacancy_item()]))[0]["salary_min"] == 4500000


# Found on the way: request values read with str.isdigit() and int() ('²', 5,000 digits).
@pytest.mark.parametrize("page", ["²", "1" * 5000, "-1", "x"])
def test_odd_page_numbers_give_the_first_page(client, page: str) -> None:  # type: ignore[no-untyped-def]
    assert client.get(f"/vacancies/?page={page}").status_code == 200


def test_review_form_with_odd_unit_indexes_is_read(app) -> None:  # type: ignore[no-untyped-def]
    from app.services.curriculum_import import mapping_from_form

    form = {
        "programme": "TKJ",
        "units-²-name": "A",
        f"units-{'1' * 5000}-name": "B",
        "units-0-name": "Jaringan",
        "units-0-outcomes-²": "Mampu memasang kabel.",
    }
    mapping = mapping_from_form(form)
    assert [unit["name"] for unit in mapping["units"]] == ["Jaringan"]
    assert mapping["units"][0]["outcomes"] == ["Mampu memasang kabel."]


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("2027-01-31", "2027-01-31"),
        ("31-01-2027", None),
        ("20270131", None),
        ("2027-W05-1", None),
        ("1999-12-31", None),
        ("2999-01-01", None),
        ("2027-02-30", None),
    ],
)
def test_row_13_dates_are_iso_and_within_a_sane_range(app, cell: str, read: str | None) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from app.services.vacancy_files import ValueProblemError, read_date

    if read is None:
        with pytest.raises(ValueProblemError):
            read_date(cell, date(2000, 1, 1), date(2028, 12, 31))
    else:
        assert read_date(cell, date(2000, 1, 1), date(2028, 12, 31)).isoformat() == read


def test_curricula_hold_a_bounded_number_of_outcomes(app) -> None:  # type: ignore[no-untyped-def]
    from app.services.curriculum_import import CurriculumImportError, check_mapping, parse_upload

    outcomes = "".join(f"- Mampu memasang kabel LAN nomor {i}.\n" for i in range(1001))
    document = f"# Kurikulum\n\n## TI1001 Jaringan\n\n{outcomes}".encode()
    assert refused(document, "k.md") == ["too_many_outcomes"]
    with pytest.raises(CurriculumImportError, match="1001"):
        parse_upload(document, "k.md")
    mapping = {
        "programme": "TKJ",
        "level": "smk",
        "version_year": 2025,
        "units": [{"name": "Jaringan", "outcomes": [f"Mampu {i}." for i in range(1001)]}],
    }
    with pytest.raises(CurriculumImportError, match="1001"):
        check_mapping(mapping)


@pytest.mark.parametrize("amount", ["1" + "0" * 20, "2000000000", "-5"])
def test_the_vacancy_form_holds_the_same_salary_ceiling(client, amount: str) -> None:  # type: ignore[no-untyped-def]
    from tests.app.employers.test_vacancies import create

    login_as(client, EmployerFactory())
    page = create(client, salary_min=amount).get_data(as_text=True)
    assert "Masukkan jumlah dari 0 sampai 1.000.000.000." in page
    assert count() == 0


def test_pdf_pages_are_capped_and_500_pages_are_read(app) -> None:  # type: ignore[no-untyped-def]
    assert refused(files.pdf_many_pages(501), "k.pdf") == ["too_many_pages"]
    from curricula import InputLimits

    pdf = files.pdf_many_pages(500)  # 20,000 outcomes: over the outcome limit, so it is raised
    result, took = timed(lambda: parse_document(pdf, "k.pdf", InputLimits(max_outcomes=10**5)))
    assert len(result.curriculum.units) == 500 and took < 10.0


# Found by the nightly fuzzing run: lone surrogates reached the linker's cache key, and would
# reach a page or PostgreSQL from a curriculum JSON or a PDF's broken font map.
def test_lone_surrogates_are_refused_or_replaced(client, app) -> None:  # type: ignore[no-untyped-def]
    from curricula.binary import pdf_pages
    from matching.linking.text import encodable

    unit = {"name": "Jaringan", "phase": "\ud800", "outcomes": ["Mampu \ud800 memasang kabel."]}
    data = json.dumps({"programme": "TKJ", "\ud800": 1, "units": [unit]}).encode()
    with pytest.raises(CurriculumParseError) as caught:
        parse_document(data, "k.json")
    assert "invalid_text" in [issue.code for issue in caught.value.issues]
    login_as(client, SchoolUserFactory())
    token = csrf_token(client, "/school/curricula/new")
    answer = client.post(
        "/school/curricula/new",
        data={"csrf_token": token, "file": (io.BytesIO(data), "k.json")},
        content_type="multipart/form-data",
    )
    assert "bukan Unicode yang sah" in answer.get_data(as_text=True)
    content = b"BT /F1 12 Tf 72 720 Td <FEFFD800> Tj ET"
    assert "\ud800" not in "".join(pdf_pages(files._pdf(files._page_objects(content))))
    assert encodable("a\ud800b") == "a\ufffdb"
