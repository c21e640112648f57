"""Gap report exports: CSV and PDF of a stored snapshot."""

from __future__ import annotations

import io
from typing import Any

from flask_babel import lazy_gettext as _l

from app.models import (
    GapReportSnapshot,
)
from app.profile import current_profile
from app.services.csv_safe import SafeWriter as _SafeWriter
from app.services.gap_reports.demand import NEW_UNIT, RELATED_NOTE
from app.services.pdf import PdfDocument, percent
from app.services.skill_groups import group_label


def _unit_text(item: dict[str, Any]) -> str:
    """The advice for a missing skill in words: add to / strengthen in a unit, or a new unit."""
    unit = item.get("suggested_unit")
    if not unit:
        return ""
    if unit["action"] == "new":
        return str(NEW_UNIT)
    action = _l("add to") if unit["action"] == "add" else _l("strengthen in")
    return f"{action}: {unit['name']}"


def scope_notes(request: dict[str, Any]) -> list[str]:
    """The notes on which vacancies a report compares with: the programme's field (or all
    vacancies), and the province used because the district had too few."""
    notes = []
    field = request.get("field")
    if request.get("scope") == "field" and field:
        notes.append(str(_l("vacancies of the field %(name)s", name=field["name"])))
    elif request.get("scope") == "field":
        notes.append(str(_l("all IT vacancies (the programme's field is not known)")))
    fallback = request.get("fallback")
    if fallback:
        notes.append(
            str(
                _l(
                    "%(area)s had only %(n)d vacancies: the report uses all of %(province)s",
                    province=current_profile().province_name,
                    area=", ".join(fallback.get("region_names") or []),
                    n=fallback.get("vacancies", 0),
                )
            )
        )
    return notes


_CSV_COLUMNS = [
    "list",
    "skill",
    "group",
    "group_label",
    "demand_share",
    "vacancies",
    "coverage",
    "suggested_unit",
    "units",
    "evidence",
    "partners",
    "trainings",
]


def _csv_summary(result: dict[str, Any]) -> list[object]:
    """The CSV row of the whole report: vacancies considered, coverage, message."""
    coverage = "" if result["coverage"] is None else round(result["coverage"], 4)
    message = result.get("message") or ""
    return [
        "summary",
        "",
        "",
        "",
        "",
        result["vacancies_considered"],
        coverage,
        "",
        "",
        message,
        "",
        "",
    ]


def _csv_missing(item: dict[str, Any]) -> list[object]:
    """The CSV row of a missing skill: its advice, evidence, partners and trainings."""
    return [
        item["status"],
        item["skill"],
        item.get("group") or "",
        group_label(item.get("group")),
        round(item["demand_share"], 5),
        item["vacancies"],
        round(item["coverage"], 4),
        _unit_text(item),
        "",
        " | ".join(item["evidence"]),
        "; ".join(f"{p['employer']} ({p['vacancies']})" for p in item["partners"]),
        "; ".join(f"{t['title']} ({t['region']})" for t in item["trainings"]),
    ]


def _csv_taught(key: str, item: dict[str, Any]) -> list[object]:
    """The CSV row of a covered or surplus skill (``key``): the units that teach it."""
    units = "; ".join(u["name"] for u in item["units"])
    row = [key, item["skill"], item.get("group") or "", group_label(item.get("group"))]
    row += [round(item["demand_share"], 5), item["vacancies"], 1 if key == "covered" else ""]
    return [*row, "", units, "", "", ""]


def export_csv(snapshot: GapReportSnapshot) -> str:
    """The snapshot as CSV: one row per skill in the missing, covered and surplus lists; a
    skill's group as its stable English key and as its name in the request's language."""
    result = snapshot.result
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    writer.writerow(_CSV_COLUMNS)
    writer.writerow(_csv_summary(result))
    for item in result.get("missing", []):
        writer.writerow(_csv_missing(item))
    for key in ("covered", "surplus"):
        for item in result.get(key, []):
            writer.writerow(_csv_taught(key, item))
    return buffer.getvalue()


def _pdf_heading(snapshot: GapReportSnapshot, doc: PdfDocument) -> list[Any]:
    """The title (programme) and the line saying which school, area, window and date."""
    from reportlab.platypus import Spacer

    result, p = snapshot.result, doc.p
    cur, req = result.get("curriculum", {}), result.get("request", {})
    area = ", ".join(req.get("region_names") or []) or str(
        _l("All of %(province)s", province=current_profile().province_name)
    )
    return [
        p(
            f"{_l('Gap report')}: {cur.get('programme', '')} {cur.get('concentration', '')}",
            doc.styles["Title"],
        ),
        p(
            f"{cur.get('school', '')} · {cur.get('version_year', '')} · {_l('Area')}: {area} · "
            f"{_l('Window')}: {req.get('months')} {_l('months')}"
            f"{' · ' + str(RELATED_NOTE) if req.get('related_only') else ''}"
            f"{''.join(' · ' + note for note in scope_notes(req))}"
            f" · {_l('Demand as of')} "
            f"{req.get('as_of')} · {_l('Computed')} {snapshot.created_at:%Y-%m-%d %H:%M} UTC"
        ),
        Spacer(1, 6),
    ]


def _pdf_not_enough(result: dict[str, Any], doc: PdfDocument) -> list[Any]:
    """The line saying how many vacancies there were and how many are needed."""
    text = _l(
        "Not enough data: %(n)d vacancies in the chosen window and area; at "
        "least %(min)d are needed.",
        n=result["vacancies_considered"],
        min=result["parameters"]["min_vacancies"],
    )
    return [doc.p(text, doc.styles["Heading3"])]


def _pdf_section(
    doc: PdfDocument,
    title: object,
    header: list[str],
    rows: list[list[object]],
    widths: list[float],
) -> list[Any]:
    """A heading and its table."""
    return [doc.p(title, doc.styles["Heading2"]), doc.table(header, rows, widths)]


def _pdf_lists(result: dict[str, Any], doc: PdfDocument) -> list[Any]:
    """The coverage line, then the missing, covered, per-unit and surplus tables."""
    coverage_line = (
        f"{_l('Demand coverage')}: {percent(result['coverage'])} · "
        f"{_l('Vacancies considered')}: {result['vacancies_considered']}"
    )
    return [
        doc.p(coverage_line, doc.styles["Heading3"]),
        *_pdf_missing(result, doc),
        *_pdf_taught(result, doc),
    ]


def _skill_columns() -> list[str]:
    """The first columns of a skill table: skill, demand, vacancies."""
    return [str(_l("Skill")), str(_l("Demand")), str(_l("Vacancies"))]


def _pdf_missing(result: dict[str, Any], doc: PdfDocument) -> list[Any]:
    """The table of missing skills with the advice for each."""
    header = [
        *_skill_columns(),
        str(_l("Where")),
        str(_l("Example from a vacancy")),
        str(_l("Industry partners")),
    ]
    rows = [_pdf_missing_row(i) for i in result["missing"]]
    return _pdf_section(doc, _l("Missing skills"), header, rows, [3.2, 1.5, 1.8, 3.3, 4.4, 3.3])


def _pdf_taught(result: dict[str, Any], doc: PdfDocument) -> list[Any]:
    """The tables of what the curriculum teaches: covered skills, coverage by unit, and skills
    taught but rarely demanded."""
    covered = [
        [
            i["skill"],
            percent(i["demand_share"]),
            i["vacancies"],
            ", ".join(u["name"] for u in i["units"]),
        ]
        for i in result["covered"]
    ]
    units = [
        [f"{u['code']} {u['name']}".strip(), percent(u["coverage"]), u["skills_taught"]]
        for u in result["units"]
    ]
    surplus = [[i["skill"], percent(i["demand_share"]), i["vacancies"]] for i in result["surplus"]]
    unit_header = [str(_l("Unit")), str(_l("Coverage")), str(_l("Skills taught"))]
    return [
        *_pdf_section(
            doc,
            _l("Covered skills"),
            [*_skill_columns(), str(_l("Units"))],
            covered,
            [5, 2, 2, 8.5],
        ),
        *_pdf_section(doc, _l("Coverage by unit"), unit_header, units, [10.5, 3.5, 3.5]),
        *_pdf_section(
            doc,
            _l("Taught but rarely demanded (not a verdict)"),
            _skill_columns(),
            surplus,
            [10.5, 3.5, 3.5],
        ),
    ]


def _pdf_missing_row(item: dict[str, Any]) -> list[object]:
    """A missing skill's row: skill (partly covered or not), demand, vacancies, where to teach
    it, an example from a vacancy and the industry partners."""
    partial = f" ({_l('partial')})" if item["status"] == "partial" else ""
    return [
        item["skill"] + partial,
        percent(item["demand_share"]),
        item["vacancies"],
        _unit_text(item),
        item["evidence"][0] if item["evidence"] else "",
        ", ".join(x["employer"] for x in item["partners"]),
    ]


def export_pdf(snapshot: GapReportSnapshot) -> bytes:
    """The snapshot as an A4 PDF (reportlab; standard fonts cover Indonesian text, cp1252)."""
    doc = PdfDocument()
    story = _pdf_heading(snapshot, doc)
    if not snapshot.result.get("enough_data"):
        story += _pdf_not_enough(snapshot.result, doc)
    else:
        story += _pdf_lists(snapshot.result, doc)
    return doc.render(story, str(_l("Gap report")))
