"""A small curriculum-sync scene: a school with a curriculum and a stored gap report (written
by hand, no model needed), a partner employer, another employer and another school."""

from __future__ import annotations

from typing import Any

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    GapReportSnapshot,
    LearningOutcome,
    OutcomeSkill,
)
from tests.factories import EmployerFactory, OrganisationFactory, SchoolUserFactory, SkillFactory

NETWORKING = "02058de6-4b98-449f-8a45-8588b0eb2446"  # ESCO "network engineering"


def _missing(skill, share, coverage, unit=None, action="add", partners=()):  # type: ignore[no-untyped-def]
    return {
        "skill_id": skill.id,
        "skill": skill.label_id,
        "demand_share": share,
        "vacancies": 4,
        "coverage": coverage,
        "status": "partial" if coverage else "missing",
        "near_skill_id": None,
        "near_skill": None,
        "suggested_unit": None
        if unit is None
        else {
            "unit_id": unit.id,
            "name": unit.name,
            "code": unit.code,
            "action": action,
            "similarity": 0.6,
        },
        "evidence": ["Menguasai sesuatu."],
        "partners": [{"employer": name, "vacancies": 2} for name in partners],
        "trainings": [],
        "group": None,
    }


def build_scene() -> dict[str, Any]:
    """Skills s1 (taught) and s2, s3, s4 missing; a report with coverage 0.5 whose advice is:
    s2 add to "Pemrograman Web", s3 (partial, 0.3) strengthen in "Jaringan Dasar", s4 (the
    networking skill, with equipment) with no unit. PT Mitra Jaringan is a verified employer
    the report suggests as partner."""
    s1 = SkillFactory(label_en="Alpha", label_id="Alfa")
    s2 = SkillFactory(label_en="Beta", label_id="Beta")
    s3 = SkillFactory(label_en="Gamma", label_id="Gama")
    s4 = SkillFactory(id=NETWORKING, label_en="network engineering", label_id="rekayasa jaringan")
    school = SchoolUserFactory()
    partner_user = EmployerFactory(
        organisation=OrganisationFactory(kind="employer", name="PT Mitra Jaringan")
    )
    stranger = EmployerFactory()
    other_school = SchoolUserFactory(
        organisation=OrganisationFactory(kind="school", name="SMK Lain")
    )
    web = CurriculumUnit(
        name="Pemrograman Web",
        code="PW",
        position=0,
        outcomes=[
            LearningOutcome(
                text="Mampu Alfa.", skills=[OutcomeSkill(skill_id=s1.id, origin="declared")]
            )
        ],
    )
    net = CurriculumUnit(
        name="Jaringan Dasar",
        code="JD",
        position=1,
        outcomes=[LearningOutcome(text="Mengenal jaringan.")],
    )
    curriculum = Curriculum(
        organisation_id=school.organisation_id,
        programme="TJKT",
        concentration="",
        level="smk",
        version_year=2025,
        status="published",
        units=[web, net],
    )
    db.session.add(curriculum)
    db.session.flush()
    result = {
        "enough_data": True,
        "coverage": 0.5,
        "vacancies_considered": 10,
        "missing": [
            _missing(s2, 0.2, 0.0, web, "add", ["PT Mitra Jaringan"]),
            _missing(s3, 0.1, 0.3, net, "strengthen", ["PT Mitra Jaringan", "CV Lokal"]),
            _missing(s4, 0.05, 0.0),
        ],
        "missing_total": 3,
        "skills_below_minimum": 0,
        "demand_weight": 20.0,
        "reason": None,
        "message": None,
        "covered": [],
        "surplus": [],
        "units": [],
        "groups": [],
        "parameters": {"min_vacancies": 5},
        "request": {"region": "all", "months": 12, "as_of": "2026-12-01", "region_names": None},
        "curriculum": {"id": curriculum.id, "programme": "TJKT", "school": "SMK Negeri 9"},
    }
    snapshot = GapReportSnapshot(
        curriculum=curriculum,
        created_by_id=school.id,
        parameters={},
        result=result,
        coverage=0.5,
        vacancies_considered=10,
    )
    db.session.add(snapshot)
    db.session.commit()
    return {
        "skills": (s1, s2, s3, s4),
        "school": school,
        "partner_user": partner_user,
        "stranger": stranger,
        "other_school": other_school,
        "curriculum": curriculum,
        "snapshot": snapshot,
        "web": web,
        "net": net,
    }
