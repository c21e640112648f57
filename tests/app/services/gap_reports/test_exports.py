"""Gap report exports of a stored snapshot (``app.services.gap_reports.exports``): the CSV's
rows and safe cells, the unit advice and scope notes in Indonesian, and the PDF's text; and the
comparison of two snapshots (``snapshots.compare``)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

import pytest

from app.models import GapReportSnapshot
from app.services.gap_reports.exports import _unit_text, export_csv, export_pdf, scope_notes
from app.services.gap_reports.snapshots import compare


def _missing(skill: str, **extra: Any) -> dict[str, Any]:
    item = {
        "skill_id": skill.lower(),
        "skill": skill,
        "status": "missing",
        "group": "database and network design and administration",
        "demand_share": 0.123456,
        "vacancies": 12,
        "coverage": 0.0,
        "suggested_unit": {"action": "add", "name": "Administrasi Infrastruktur Jaringan"},
        "evidence": ["Menguasai konfigurasi MikroTik.", "Paham routing."],
        "partners": [{"employer": "PT Krakatau", "vacancies": 3}],
        "trainings": [{"title": "Kelas MikroTik", "region": "Kota Serang"}],
    }
    item.update(extra)
    return item


def _result(**extra: Any) -> dict[str, Any]:
    result = {
        "vacancies_considered": 40,
        "coverage": 0.61234,
        "message": "",
        "enough_data": True,
        "parameters": {"min_vacancies": 20},
        "curriculum": {
            "programme": "Teknik Jaringan Komputer dan Telekomunikasi",
            "concentration": "TKJ",
            "school": "SMK Negeri 9",
            "version_year": 2025,
        },
        "request": {"region_names": ["Kota Serang"], "months": 12, "as_of": "2025-06-01"},
        "missing": [_missing("MikroTik")],
        "covered": [
            {
                "skill_id": "linux",
                "skill": "Linux",
                "group": "",
                "demand_share": 0.5,
                "vacancies": 20,
                "units": [{"name": "Sistem Operasi"}, {"name": "Server"}],
            }
        ],
        "surplus": [
            {
                "skill_id": "cobol",
                "skill": "COBOL",
                "group": None,
                "demand_share": 0.0,
                "vacancies": 0,
                "units": [{"name": "Pemrograman Dasar"}],
            }
        ],
        "units": [{"code": "TJ1", "name": "Jaringan Dasar", "coverage": 0.4, "skills_taught": 5}],
    }
    result.update(extra)
    return result


def _snapshot(result: dict[str, Any], coverage: float | None = 0.6) -> GapReportSnapshot:
    return GapReportSnapshot(
        result=result, parameters={}, coverage=coverage, created_at=datetime(2025, 6, 2, 8, 30)
    )


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_has_a_header_a_summary_and_a_row_per_listed_skill(app) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(export_csv(_snapshot(_result())))
    assert rows[0] == [
        "list", "skill", "group", "group_label", "demand_share", "vacancies", "coverage",
        "suggested_unit", "units", "evidence", "partners", "trainings",
    ]  # fmt: skip
    assert rows[1] == ["summary", "", "", "", "", "40", "0.6123", "", "", "", "", ""]
    assert rows[2] == [
        "missing",
        "MikroTik",
        "database and network design and administration",  # the stable key
        "Desain dan administrasi basis data dan jaringan",  # its name in the site's language
        "0.12346",
        "12",
        "0.0",
        "tambahkan ke: Administrasi Infrastruktur Jaringan",
        "",
        "Menguasai konfigurasi MikroTik. | Paham routing.",
        "PT Krakatau (3)",
        "Kelas MikroTik (Kota Serang)",
    ]
    assert rows[3] == [
        "covered",
        "Linux",
        "",
        "",
        "0.5",
        "20",
        "1",
        "",
        "Sistem Operasi; Server",
        "",
        "",
        "",
    ]
    assert rows[4] == [
        "surplus", "COBOL", "", "", "0.0", "0", "", "", "Pemrograman Dasar", "", "", "",
    ]  # fmt: skip
    assert len(rows) == 5


def test_a_report_without_data_has_an_empty_coverage_and_its_message(app) -> None:  # type: ignore[no-untyped-def]
    result = _result(coverage=None, message="Data belum cukup", missing=[], covered=[], surplus=[])
    rows = _rows(export_csv(_snapshot(result)))
    assert rows[1] == ["summary", "", "", "", "", "40", "", "", "", "Data belum cukup", "", ""]
    assert len(rows) == 2


def test_cells_that_a_spreadsheet_would_run_are_defused(app) -> None:  # type: ignore[no-untyped-def]
    item = _missing(
        "=HYPERLINK(1)",
        evidence=["+62 812 cmd"],
        partners=[{"employer": "@PT Jahat", "vacancies": 1}],
        trainings=[],
    )
    rows = _rows(export_csv(_snapshot(_result(missing=[item], covered=[], surplus=[]))))
    assert rows[2][1] == "'=HYPERLINK(1)"
    assert rows[2][9] == "'+62 812 cmd"
    assert rows[2][10] == "'@PT Jahat (1)"
    assert rows[2][11] == ""


@pytest.mark.parametrize(
    ("unit", "text"),
    [
        (None, ""),
        ({"action": "new", "name": "—"}, "unit baru atau pilihan (elective)"),
        ({"action": "add", "name": "Basis Data"}, "tambahkan ke: Basis Data"),
        ({"action": "strengthen", "name": "Basis Data"}, "perkuat di: Basis Data"),
    ],
)
def test_unit_advice_in_words(app, unit: dict[str, str] | None, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _unit_text({"suggested_unit": unit}) == text


def test_scope_notes(app) -> None:  # type: ignore[no-untyped-def]
    assert scope_notes({}) == []
    assert scope_notes({"scope": "all"}) == []
    assert scope_notes({"scope": "field", "field": {"name": "TI"}}) == ["lowongan bidang TI"]
    assert scope_notes({"scope": "field"}) == [
        "semua lowongan TI (bidang program ini tidak dikenali)"
    ]
    notes = scope_notes(
        {"fallback": {"region_names": ["Kab. Lebak", "Kab. Pandeglang"], "vacancies": 7}}
    )
    assert notes == [
        "Kab. Lebak, Kab. Pandeglang hanya memiliki 7 lowongan: laporan memakai seluruh Banten"
    ]


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_names_the_programme_the_lists_and_the_numbers(app) -> None:  # type: ignore[no-untyped-def]
    data = export_pdf(_snapshot(_result()))
    assert data.startswith(b"%PDF")
    text = " ".join(_pdf_text(data).split())
    assert "Teknik Jaringan Komputer dan Telekomunikasi" in text
    assert "SMK Negeri 9" in text and "Kota Serang" in text
    assert "61.2%" in text  # coverage
    assert "MikroTik" in text and "12.3%" in text
    assert "Linux" in text and "Sistem Operasi, Server" in text
    assert "COBOL" in text
    assert "TJ1 Jaringan Dasar" in text and "40.0%" in text
    assert "2025-06-02 08:30 UTC" in text


def test_a_pdf_without_enough_data_says_how_many_are_needed(app) -> None:  # type: ignore[no-untyped-def]
    result = _result(enough_data=False, vacancies_considered=7, request={"months": 6})
    text = " ".join(_pdf_text(export_pdf(_snapshot(result))).split())
    assert "Data belum cukup: 7 lowongan" in text and "dibutuhkan sedikitnya 20" in text
    assert "MikroTik" not in text  # no lists without data
    assert "Banten" in text  # no district chosen: the whole province


def test_compare_names_skills_that_moved_between_the_lists(app) -> None:  # type: ignore[no-untyped-def]
    before = _snapshot(
        {
            "missing": [{"skill_id": "a", "skill": "Ansible"}, {"skill_id": "b", "skill": "Bash"}],
            "covered": [{"skill_id": "c", "skill": "CSS"}],
        },
        coverage=0.5,
    )
    after = _snapshot(
        {
            "missing": [{"skill_id": "b", "skill": "Bash"}, {"skill_id": "c", "skill": "CSS"}],
            "covered": [{"skill_id": "a", "skill": "Ansible"}],
        },
        coverage=0.625,
    )
    comparison = compare(before, after)
    assert comparison.now_covered == ["Ansible"]
    assert comparison.now_missing == ["CSS"]
    assert comparison.still_missing == ["Bash"]
    assert comparison.change == pytest.approx(0.125)


def test_a_comparison_without_coverage_has_no_change(app) -> None:  # type: ignore[no-untyped-def]
    empty = _snapshot({}, coverage=None)
    other = _snapshot({"missing": [{"skill_id": "a", "skill": "Ansible"}]}, coverage=0.3)
    comparison = compare(empty, other)
    assert comparison.change is None
    assert (comparison.now_covered, comparison.now_missing, comparison.still_missing) == (
        [],
        [],
        [],
    )
