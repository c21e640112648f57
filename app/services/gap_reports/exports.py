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


def export_csv(snapshot: GapReportSnapshot) -> str:
    """The snapshot as CSV: one row per skill in the missing, covered and surplus lists; a
    skill's group as its stable English key and as its name in the request's language."""
    result = snapshot.result
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    writer.writerow(
        [
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
    )
    writer.writerow(
        [
            "summary",
            "",
            "",
            "",
            "",
            result["vacancies_considered"],
            "" if result["coverage"] is None else round(result["coverage"], 4),
            "",
            "",
            result.get("message") or "",
            "",
            "",
        ]
    )
    for item in result.get("missing", []):
        writer.writerow(
            [
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
        )
    for key in ("covered", "surplus"):
        for item in result.get(key, []):
            writer.writerow(
                [
                    key,
                    item["skill"],
                    item.get("group") or "",
                    group_label(item.get("group")),
                    round(item["demand_share"], 5),
                    item["vacancies"],
                    1 if key == "covered" else "",
                    "",
                    "; ".join(u["name"] for u in item["units"]),
                    "",
                    "",
                    "",
                ]
            )
    return buffer.getvalue()


def export_pdf(snapshot: GapReportSnapshot) -> bytes:
    """The snapshot as an A4 PDF (reportlab; standard fonts cover Indonesian text, cp1252)."""
    from reportlab.platypus import Spacer

    result, doc = snapshot.result, PdfDocument()
    styles, p, table = doc.styles, doc.p, doc.table
    cur, req = result.get("curriculum", {}), result.get("request", {})
    area = ", ".join(req.get("region_names") or []) or str(
        _l("All of %(province)s", province=current_profile().province_name)
    )
    story: list[Any] = [
        p(
            f"{_l('Gap report')}: {cur.get('programme', '')} {cur.get('concentration', '')}",
            styles["Title"],
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
    if not result.get("enough_data"):
        story.append(
            p(
                _l(
                    "Not enough data: %(n)d vacancies in the chosen window and area; at "
                    "least %(min)d are needed.",
                    n=result["vacancies_considered"],
                    min=result["parameters"]["min_vacancies"],
                ),
                styles["Heading3"],
            )
        )
    else:
        story.append(
            p(
                f"{_l('Demand coverage')}: {percent(result['coverage'])} · "
                f"{_l('Vacancies considered')}: {result['vacancies_considered']}",
                styles["Heading3"],
            )
        )
        story += [
            p(_l("Missing skills"), styles["Heading2"]),
            table(
                [
                    str(_l("Skill")),
                    str(_l("Demand")),
                    str(_l("Vacancies")),
                    str(_l("Where")),
                    str(_l("Example from a vacancy")),
                    str(_l("Industry partners")),
                ],
                [
                    [
                        i["skill"] + (f" ({_l('partial')})" if i["status"] == "partial" else ""),
                        percent(i["demand_share"]),
                        i["vacancies"],
                        _unit_text(i),
                        i["evidence"][0] if i["evidence"] else "",
                        ", ".join(x["employer"] for x in i["partners"]),
                    ]
                    for i in result["missing"]
                ],
                [3.2, 1.5, 1.8, 3.3, 4.4, 3.3],
            ),
        ]
        story += [
            p(_l("Covered skills"), styles["Heading2"]),
            table(
                [str(_l("Skill")), str(_l("Demand")), str(_l("Vacancies")), str(_l("Units"))],
                [
                    [
                        i["skill"],
                        percent(i["demand_share"]),
                        i["vacancies"],
                        ", ".join(u["name"] for u in i["units"]),
                    ]
                    for i in result["covered"]
                ],
                [5, 2, 2, 8.5],
            ),
        ]
        story += [
            p(_l("Coverage by unit"), styles["Heading2"]),
            table(
                [str(_l("Unit")), str(_l("Coverage")), str(_l("Skills taught"))],
                [
                    [
                        f"{u['code']} {u['name']}".strip(),
                        percent(u["coverage"]),
                        u["skills_taught"],
                    ]
                    for u in result["units"]
                ],
                [10.5, 3.5, 3.5],
            ),
        ]
        story += [
            p(_l("Taught but rarely demanded (not a verdict)"), styles["Heading2"]),
            table(
                [str(_l("Skill")), str(_l("Demand")), str(_l("Vacancies"))],
                [
                    [i["skill"], percent(i["demand_share"]), i["vacancies"]]
                    for i in result["surplus"]
                ],
                [10.5, 3.5, 3.5],
            ),
        ]
    return doc.render(story, str(_l("Gap report")))
