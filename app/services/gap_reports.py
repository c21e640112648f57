"""Curriculum gap reports: regional demand from vacancies against a curriculum's outcomes.

``curricula.gap`` computes; this module turns ORM rows into its inputs (vacancies as demand,
outcome skills as supply, near skills, unit and skill vectors, trainings, skill groups), stores
each report as a ``GapReportSnapshot`` and compares, exports (CSV, PDF) snapshots.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    Curriculum,
    GapReportSnapshot,
    Organisation,
    Region,
    Skill,
    SkillAlias,
    Training,
    User,
    Vacancy,
    VacancySkill,
)
from app.services.curricula import extract_outcome_skills, get_for_school
from app.services.errors import NotFoundError, ValidationError
from app.services.linking import sentence_around
from curricula.gap import (
    CurriculumSupply,
    DemandSkill,
    DemandVacancy,
    GapParameters,
    SupplyOutcome,
    SupplyUnit,
    build_gap_report,
)
from curricula.gap import Training as GapTraining

REGION_MODES = ("own", "all", "set")
MAX_MISSING = 100
ONLINE = _l("Online")
RELATED_NOTE = _l("only vacancies in this programme's field")


@dataclass(frozen=True)
class GapRequest:
    """What the school chooses: the area, the window in months, the demand date."""

    region: str = "own"
    region_ids: tuple[int, ...] = ()
    months: int = 12
    as_of: date | None = None
    related_only: bool = False


def region_names(curriculum: Curriculum, request: GapRequest) -> list[str] | None:
    """The regions the demand comes from (None: all of Banten)."""
    if request.region not in REGION_MODES:
        raise ValidationError("region", str(_l("Choose an area.")))
    if request.region == "all":
        return None
    if request.region == "own":
        region = curriculum.organisation.region
        return [region.name] if region else None
    rows = db.session.scalars(select(Region).where(Region.id.in_(request.region_ids)))
    names = sorted(r.name for r in rows)
    if not names:
        raise ValidationError("region_ids", str(_l("Choose at least one region.")))
    return names


def request_for_region(
    region: str | None, months: int = 12, related_only: bool = False
) -> GapRequest:
    """A request from a region name or code ('all': all of Banten; None: the school's own)."""
    if region is None:
        return GapRequest("own", (), months, related_only=related_only)
    if region.lower() == "all":
        return GapRequest("all", (), months, related_only=related_only)
    found = db.session.scalar(
        select(Region).where((Region.code == region) | (Region.name.ilike(region)))
    )
    if found is None:
        raise ValidationError("region", str(_l("Unknown region: %(name)s", name=region)))
    return GapRequest("set", (found.id,), months, related_only=related_only)


# --- demand --------------------------------------------------------------------------------
def _needles() -> dict[str, list[str]]:
    """Lower-cased labels and aliases per skill, to find a vacancy sentence for a declared skill."""
    found: dict[str, list[str]] = {}
    for sid, en, id_ in db.session.execute(select(Skill.id, Skill.label_en, Skill.label_id)):
        found[sid] = [t.lower() for t in (en, id_) if t and len(t) >= 2]
    for sid, text in db.session.execute(select(SkillAlias.skill_id, SkillAlias.text)):
        if text and len(text) >= 2:
            found.setdefault(sid, []).append(text.lower())
    return found


def _find_sentence(description: str, needles: list[str]) -> str:
    lowered = description.lower()
    for needle in sorted(needles, key=len, reverse=True):
        match = re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", lowered)
        if match:
            return sentence_around(description, match.start(), match.end())
    return ""


def _closed_on(status: str, closing: date | None, updated: datetime, today: date) -> date | None:
    """When a vacancy stopped taking applications (None: still open)."""
    if status == "closed":
        return min(closing, updated.date()) if closing else updated.date()
    return closing if closing and closing < today else None


def demand_vacancies(as_of: date | None = None) -> list[DemandVacancy]:
    """Published vacancies (open, or closed: the closing date or last change) as demand rows.

    A vacancy past its closing date counts as closed on that date. A skill a person declared
    without a sentence gets the description's sentence naming it, else the vacancy's title.
    Read with column queries (no ORM objects), so a province's vacancies load in seconds.
    """
    today = as_of or date.today()
    published = (Vacancy.status.in_(("open", "closed")), Vacancy.posted_at.is_not(None))
    rows = db.session.execute(
        select(
            Vacancy.id,
            Organisation.name,
            Region.name,
            Vacancy.status,
            Vacancy.posted_at,
            Vacancy.closing_date,
            Vacancy.updated_at,
        )
        .join(Organisation, Vacancy.organisation_id == Organisation.id)
        .join(Region, Vacancy.region_id == Region.id)
        .where(*published)
    ).all()
    skills: dict[int, list[DemandSkill]] = {}
    unexplained: list[tuple[int, int, str]] = []
    links = db.session.execute(
        select(
            VacancySkill.vacancy_id,
            VacancySkill.skill_id,
            VacancySkill.importance,
            VacancySkill.evidence,
        )
        .join(Vacancy, VacancySkill.vacancy_id == Vacancy.id)
        .where(*published, VacancySkill.rejected.is_(False))
    )
    for vacancy_id, skill_id, importance, evidence in links:
        found = skills.setdefault(vacancy_id, [])
        if not evidence:
            unexplained.append((vacancy_id, len(found), skill_id))
        found.append(DemandSkill(skill_id, importance, evidence or ""))
    if unexplained:
        _explain(skills, unexplained)
    return [
        DemandVacancy(
            id=vid,
            employer=employer,
            region=region,
            status="closed" if (closed := _closed_on(status, closing, updated, today)) else "open",
            posted=posted.date(),
            closed=closed,
            skills=tuple(skills.get(vid, ())),
        )
        for vid, employer, region, status, posted, closing, updated in rows
    ]


def _explain(skills: dict[int, list[DemandSkill]], unexplained: list[tuple[int, int, str]]) -> None:
    """Give skills without a sentence the sentence of the description naming them (or the
    vacancy's title)."""
    needles = _needles()
    wanted = sorted({vid for vid, _, _ in unexplained})
    texts: dict[int, tuple[str, str]] = {}
    for chunk in range(0, len(wanted), 900):
        ids = wanted[chunk : chunk + 900]
        for vid, title, description in db.session.execute(
            select(Vacancy.id, Vacancy.title, Vacancy.description).where(Vacancy.id.in_(ids))
        ):
            texts[vid] = (title, description)
    for vid, position, skill_id in unexplained:
        title, description = texts[vid]
        old = skills[vid][position]
        sentence = _find_sentence(description, needles.get(skill_id, [])) or title
        skills[vid][position] = DemandSkill(old.skill_id, old.importance, sentence)


# --- supply and the embeddings -------------------------------------------------------------
def curriculum_supply(curriculum: Curriculum) -> CurriculumSupply:
    """The curriculum's units with the skills their outcomes teach (removed skills left out)."""
    return CurriculumSupply(
        tuple(
            SupplyUnit(
                unit.id,
                unit.name,
                unit.code or "",
                tuple(
                    SupplyOutcome(
                        o.id, o.text, tuple(s.skill_id for s in o.skills if not s.rejected)
                    )
                    for o in unit.outcomes
                ),
            )
            for unit in curriculum.units
        )
    )


def _vectors(curriculum: Curriculum, skill_ids: set[str]) -> tuple[dict, dict]:
    """Unit vectors (name + outcomes) and skill label vectors, normalised."""
    from app.services.linking import embed, skill_index

    index = skill_index()
    texts = [
        unit.name + "\n" + "\n".join(o.text for o in unit.outcomes) for unit in curriculum.units
    ]
    unit_emb = embed(texts, kind="query") if texts else np.zeros((0, 1))
    unit_vectors = {u.id: unit_emb[i] for i, u in enumerate(curriculum.units)}
    skill_vectors = {}
    for sid in skill_ids:
        try:
            skill_vectors[sid] = index.label_emb[index.position(sid)]
        except KeyError:
            continue
    return unit_vectors, skill_vectors


def _near_mapping(skill_ids: set[str]) -> dict[str, dict[str, float]]:
    from app.services.matching import neighbours

    near = neighbours()
    return {sid: found for sid in skill_ids if (found := near.near(sid))}


def _trainings(names: list[str] | None) -> tuple[list[GapTraining], set[int]]:
    """Trainings as the report takes them; online ones (no region) count in every area."""
    rows = db.session.scalars(
        select(Training).options(selectinload(Training.skills), selectinload(Training.region))
    )
    result, online = [], set()
    for t in rows:
        skills = tuple(s.skill_id for s in t.skills if not s.rejected)
        if t.region is None:
            online.add(t.id)
            region = names[0] if names else ""
        else:
            region = t.region.name
        result.append(GapTraining(t.id, t.title, region, skills))
    return result, online


# --- computing and storing ------------------------------------------------------------------
def compute_report(
    curriculum: Curriculum,
    request: GapRequest,
    locale: str = "id",
    demand: list[DemandVacancy] | None = None,
) -> dict[str, Any]:
    """The gap report of a curriculum as a JSON-ready dict (``GapReport.to_dict()`` plus the
    request and skill labels in ``locale``)."""
    if not 1 <= request.months <= 120:
        raise ValidationError("months", str(_l("Choose between 1 and 120 months.")))
    extract_outcome_skills(curriculum, only_unread=True)
    names = region_names(curriculum, request)
    as_of = request.as_of or date.today()
    demand = demand_vacancies(as_of) if demand is None else demand
    supply = curriculum_supply(curriculum)
    if request.related_only:  # a stand-in for occupations: vacancies sharing a taught skill
        taught = set(supply.taught())
        demand = [v for v in demand if any(s.skill_id in taught for s in v.skills)]
    skill_ids = {s.skill_id for v in demand for s in v.skills} | set(supply.taught())
    skills = db.session.scalars(select(Skill).where(Skill.id.in_(skill_ids))) if skill_ids else []
    labels, groups = {}, {}
    for skill in skills:
        labels[skill.id] = skill.label(locale)
        groups[skill.id] = skill.group or str(_l("Other"))
    unit_vectors, skill_vectors = _vectors(curriculum, skill_ids)
    trainings, online = _trainings(names)
    params = GapParameters(
        as_of=as_of,
        regions=frozenset(names) if names else None,
        months=request.months,
        max_missing=MAX_MISSING,
    )
    report = build_gap_report(
        demand,
        supply,
        params,
        labels=labels,
        near=_near_mapping(skill_ids),
        unit_vectors=unit_vectors,
        skill_vectors=skill_vectors,
        trainings=trainings,
        groups=groups,
    ).to_dict()
    for item in report["missing"]:
        for offer in item["trainings"]:
            if offer["id"] in online:
                offer["region"] = str(ONLINE)
    report["request"] = {
        "region": request.region,
        "region_ids": list(request.region_ids),
        "region_names": names,
        "months": request.months,
        "as_of": as_of.isoformat(),
        "related_only": request.related_only,
        "locale": locale,
    }
    report["curriculum"] = {
        "id": curriculum.id,
        "programme": curriculum.programme,
        "concentration": curriculum.concentration,
        "version_year": curriculum.version_year,
        "school": curriculum.organisation.name,
    }
    return report


def create_snapshot(
    curriculum: Curriculum, request: GapRequest, user: User | None, locale: str = "id"
) -> GapReportSnapshot:
    """Compute a report and store it as a snapshot with its parameters."""
    result = compute_report(curriculum, request, locale)
    snapshot = GapReportSnapshot(
        curriculum_id=curriculum.id,
        created_by_id=user.id if user else None,
        parameters={**result["request"], **result["parameters"]},
        result=result,
        coverage=result["coverage"],
        vacancies_considered=result["vacancies_considered"],
    )
    db.session.add(snapshot)
    db.session.commit()
    return snapshot


def list_snapshots(curriculum: Curriculum) -> list[GapReportSnapshot]:
    """Snapshots of this curriculum and of the school's other versions of the programme."""
    return list(
        db.session.scalars(
            select(GapReportSnapshot)
            .join(Curriculum)
            .where(
                Curriculum.organisation_id == curriculum.organisation_id,
                Curriculum.programme == curriculum.programme,
            )
            .order_by(GapReportSnapshot.created_at.desc(), GapReportSnapshot.id.desc())
        )
    )


def latest_snapshot(curriculum: Curriculum) -> GapReportSnapshot | None:
    """The newest snapshot of this curriculum, if any."""
    return db.session.scalar(
        select(GapReportSnapshot)
        .where(GapReportSnapshot.curriculum_id == curriculum.id)
        .order_by(GapReportSnapshot.created_at.desc(), GapReportSnapshot.id.desc())
        .limit(1)
    )


def matching_snapshot(
    curriculum: Curriculum, wanted: GapRequest, explicit: bool
) -> GapReportSnapshot | None:
    """The newest snapshot computed with these parameters (any, when none were chosen)."""
    if not explicit:
        return latest_snapshot(curriculum)
    as_of = (wanted.as_of or date.today()).isoformat()
    for snapshot in db.session.scalars(
        select(GapReportSnapshot)
        .where(GapReportSnapshot.curriculum_id == curriculum.id)
        .order_by(GapReportSnapshot.created_at.desc(), GapReportSnapshot.id.desc())
    ):
        req = snapshot.result.get("request", {})
        if (
            req.get("region"),
            sorted(req.get("region_ids", [])),
            req.get("months"),
            req.get("as_of"),
            bool(req.get("related_only")),
        ) == (wanted.region, sorted(wanted.region_ids), wanted.months, as_of, wanted.related_only):
            return snapshot
    return None


def get_snapshot(snapshot_id: int, user: User) -> GapReportSnapshot:
    """A snapshot of one of the user's curricula (admins see all); raises otherwise."""
    snapshot = db.session.get(GapReportSnapshot, snapshot_id)
    if snapshot is None:
        raise NotFoundError(snapshot_id)
    get_for_school(snapshot.curriculum_id, user)
    return snapshot


@dataclass(frozen=True)
class Comparison:
    """Two snapshots side by side: coverage and the skills that moved between the lists."""

    a: GapReportSnapshot
    b: GapReportSnapshot
    now_covered: list[str]
    now_missing: list[str]
    still_missing: list[str]

    @property
    def change(self) -> float | None:
        """Coverage of b minus coverage of a (None when either lacks data)."""
        if self.a.coverage is None or self.b.coverage is None:
            return None
        return self.b.coverage - self.a.coverage


def _skills(result: dict[str, Any], key: str) -> dict[str, str]:
    return {item["skill_id"]: item["skill"] for item in result.get(key, [])}


def compare(a: GapReportSnapshot, b: GapReportSnapshot) -> Comparison:
    """What changed from snapshot ``a`` to snapshot ``b``."""
    missing_a, missing_b = _skills(a.result, "missing"), _skills(b.result, "missing")
    covered_a, covered_b = _skills(a.result, "covered"), _skills(b.result, "covered")
    return Comparison(
        a,
        b,
        now_covered=sorted(covered_b[s] for s in missing_a.keys() & covered_b.keys()),
        now_missing=sorted(missing_b[s] for s in covered_a.keys() & missing_b.keys()),
        still_missing=sorted(missing_b[s] for s in missing_a.keys() & missing_b.keys()),
    )


def delete_snapshot(snapshot: GapReportSnapshot) -> None:
    """Delete one stored report."""
    db.session.delete(snapshot)
    db.session.commit()


# --- exports -------------------------------------------------------------------------------
def _unit_text(item: dict[str, Any]) -> str:
    unit = item.get("suggested_unit")
    if not unit:
        return ""
    action = _l("add to") if unit["action"] == "add" else _l("strengthen in")
    return f"{action}: {unit['name']}"


def export_csv(snapshot: GapReportSnapshot) -> str:
    """The snapshot as CSV: one row per skill in the missing, covered and surplus lists."""
    result = snapshot.result
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "list",
            "skill",
            "group",
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


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def export_pdf(snapshot: GapReportSnapshot) -> bytes:
    """The snapshot as an A4 PDF (reportlab; standard fonts cover Indonesian text, cp1252)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    result, styles = snapshot.result, getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)

    def p(text: object, style: Any = small) -> Paragraph:
        return Paragraph(escape(str(text)), style)

    def table(header: list[str], rows: list[list[object]], widths: list[float]) -> Table:
        data = [[p(h) for h in header]] + [[p(c) for c in row] for row in rows]
        t = Table(data, colWidths=[w * cm for w in widths], repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    cur, req = result.get("curriculum", {}), result.get("request", {})
    area = ", ".join(req.get("region_names") or []) or str(_l("All of Banten"))
    story: list[Any] = [
        p(
            f"{_l('Gap report')}: {cur.get('programme', '')} {cur.get('concentration', '')}",
            styles["Title"],
        ),
        p(
            f"{cur.get('school', '')} · {cur.get('version_year', '')} · {_l('Area')}: {area} · "
            f"{_l('Window')}: {req.get('months')} {_l('months')}"
            f"{' · ' + str(RELATED_NOTE) if req.get('related_only') else ''}"
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
                f"{_l('Demand coverage')}: {_percent(result['coverage'])} · "
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
                        _percent(i["demand_share"]),
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
                        _percent(i["demand_share"]),
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
                        _percent(u["coverage"]),
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
                    [i["skill"], _percent(i["demand_share"]), i["vacancies"]]
                    for i in result["surplus"]
                ],
                [10.5, 3.5, 3.5],
            ),
        ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=str(_l("Gap report")),
    ).build(story)
    return buffer.getvalue()
