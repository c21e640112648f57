"""The demand aggregate: kept up to date on every save (incremental equals a full rebuild after
saves, closing, moderation, verification and skill edits), its job and command line, and the gap
report read from it equal to the report computed from every vacancy at month granularity."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    OutcomeSkill,
    Region,
    SkillDemand,
    SkillDemandEmployer,
    SkillDemandExample,
    VacancyDemand,
    VacancySkill,
)
from app.models.base import utcnow
from app.services import demand, gap_reports, moderation, organisations, vacancies, vacancy_skills
from curricula.gap import month_granular
from tests.factories import (
    OrganisationFactory,
    SchoolUserFactory,
    SkillFactory,
    UserFactory,
    VacancyFactory,
)

TABLES = (SkillDemand, VacancyDemand, SkillDemandExample, SkillDemandEmployer)


def regions() -> list[Region]:
    return list(db.session.scalars(select(Region).order_by(Region.code)))


def contents() -> dict[str, list[tuple]]:
    """Every row of the four tables without its id, sorted."""
    found = {}
    for table in TABLES:
        columns = [c for c in table.__table__.columns if c.name != "id"]
        rows = db.session.execute(select(*columns)).all()
        found[table.__tablename__] = sorted((tuple(r) for r in rows), key=repr)
    return found


def with_skills(rows: list[tuple]) -> int:
    """Vacancies with skills counted in ``vacancy_demand`` rows (as ``contents`` gives them)."""
    names = [c.name for c in VacancyDemand.__table__.columns if c.name != "id"]
    count, flag = names.index("vacancies"), names.index("with_skills")
    return sum(row[count] for row in rows if row[flag])


def assert_incremental_equals_rebuild() -> dict[str, list[tuple]]:
    kept = contents()
    demand.rebuild_demand()
    assert contents() == kept
    return kept


def posted(employer, skills, region=None, days_ago=0, **fields):  # type: ignore[no-untyped-def]
    """A vacancy posted ``days_ago`` asking for ``skills`` [(skill, importance[, evidence])]."""
    item = VacancyFactory(
        organisation=employer,
        region=region or regions()[0],
        posted_at=utcnow() - timedelta(days=days_ago),
        **fields,
    )
    for skill, importance, *evidence in skills:
        item.skills.append(
            VacancySkill(
                skill_id=skill.id,
                importance=importance,
                origin="declared",
                evidence=evidence[0] if evidence else f"Menguasai {skill.label_en} (#{item.id}).",
            )
        )
    db.session.commit()
    return item


@pytest.fixture
def market(app):  # type: ignore[no-untyped-def]
    """Three employers in two regions over fifteen months, open and closed vacancies."""
    skills = [SkillFactory(label_en=f"Skill {c}", label_id=f"Kemampuan {c}") for c in "ABCDEF"]
    a, b, c, d, e, f = skills
    first, second = regions()[0], regions()[1]
    employers = [OrganisationFactory(name=f"PT Mitra {n}") for n in (1, 2, 3)]
    made = []
    for n in range(24):
        employer = employers[n % 3]
        wanted = [(a, "required"), (b, "preferred" if n % 2 else "required")]
        if n % 3 == 0:
            wanted.append((c, "required"))
        if n % 4 == 0:
            wanted.append((d, "preferred"))
        if n % 5 == 0:
            wanted.append((e, "required", ""))  # no sentence: the description's or the title
        fields = {}
        if n % 6 == 1:
            fields = {"status": "closed"}
        made.append(
            posted(employer, wanted, region=first if n % 4 else second, days_ago=n * 19, **fields)
        )
    for item in made:  # closed ones closed 30 days after posting
        if item.status == "closed":
            item.updated_at = item.posted_at + timedelta(days=30)
    made[2].closing_date = date.today() + timedelta(days=20)
    db.session.commit()
    school = SchoolUserFactory()
    curriculum = Curriculum(
        organisation_id=school.organisation_id,
        programme="PPLG",
        concentration="RPL",
        level="smk",
        version_year=2025,
        units=[
            CurriculumUnit(
                name=f"Unit {n}",
                position=n,
                outcomes=[
                    LearningOutcome(
                        text=f"Mampu {skill.label_id}.",
                        skills=[OutcomeSkill(skill_id=skill.id, origin="declared")],
                    )
                ],
            )
            for n, skill in enumerate((a, f))
        ],
    )
    db.session.add(curriculum)
    db.session.commit()
    return {"skills": skills, "employers": employers, "vacancies": made, "curriculum": curriculum}


def test_saves_keep_the_aggregate_equal_to_a_rebuild(market) -> None:
    before = assert_incremental_equals_rebuild()
    counted = with_skills(before["vacancy_demand"])
    assert counted == 24
    admin = UserFactory(role="admin")
    one, two, three = market["vacancies"][:3]
    vacancies.change_status(one, "close")
    assert_incremental_equals_rebuild()
    two.region = regions()[2]  # moved: the old cell is recomputed too
    db.session.commit()
    assert_incremental_equals_rebuild()
    link = next(s for s in three.skills if not s.rejected)
    vacancy_skills.remove_skill(three, link.id)
    vacancy_skills.add_skill(three, market["skills"][5].id, "preferred")
    assert_incremental_equals_rebuild()
    moderation.unpublish(market["vacancies"][4], admin, "Penipuan")
    after = assert_incremental_equals_rebuild()
    assert with_skills(after["vacancy_demand"]) == 23
    moderation.act_on_organisation(market["employers"][1], admin, "suspend", "Penipuan")
    after = assert_incremental_equals_rebuild()
    assert with_skills(after["vacancy_demand"]) == 23 - 7  # its other vacancies
    pending = OrganisationFactory(name="PT Baru", verification_status="pending")
    posted(pending, [(market["skills"][0], "required")])
    assert with_skills(assert_incremental_equals_rebuild()["vacancy_demand"]) == 16
    organisations.decide(pending, admin, True, "")
    assert with_skills(assert_incremental_equals_rebuild()["vacancy_demand"]) == 17


def test_a_bulk_change_is_caught_by_the_rebuild_job_and_refresh(market, runner) -> None:
    from app.jobs import enqueue

    db.session.execute(SkillDemand.__table__.delete())  # as if a bulk UPDATE bypassed it
    db.session.execute(VacancyDemand.__table__.delete())
    db.session.commit()
    assert contents()["vacancy_demand"] == []
    record = enqueue("demand.rebuild")
    assert record.status == "finished" and record.result["vacancies"] == 24
    first = market["vacancies"][0]
    db.session.execute(VacancyDemand.__table__.delete())
    db.session.commit()
    result = runner.invoke(args=["demand", "refresh", "--vacancy", str(first.id)])
    assert result.exit_code == 0 and "1 cell sets recomputed" in result.output
    assert contents()["vacancy_demand"] != []
    result = runner.invoke(args=["demand", "rebuild"])
    assert result.exit_code == 0 and "24 vacancies counted" in result.output
    bad = runner.invoke(args=["demand", "refresh", "--cell", "nonsense"])
    assert bad.exit_code != 0 and "REGION_ID:YYYY-MM" in bad.output


def per_vacancy(curriculum, request):  # type: ignore[no-untyped-def]
    """The report from every vacancy, their dates taken at month granularity."""
    as_of = request.as_of or date.today()
    rows = [month_granular(v) for v in gap_reports.demand_vacancies(as_of)]
    return gap_reports.compute_report(curriculum, request, "en", demand=rows)


def same_figures(left: dict, right: dict, exact_examples: bool) -> None:
    """Equal figures and advice; partners and sentence counts equal when every counted vacancy
    was posted within the window's months (the aggregate keeps examples by posting month),
    otherwise the aggregate's partner counts are at most the per-vacancy ones."""
    assert left["enough_data"] == right["enough_data"]
    assert left["vacancies_considered"] == right["vacancies_considered"]
    assert left["demand_weight"] == pytest.approx(right["demand_weight"])
    assert left["coverage"] == pytest.approx(right["coverage"])
    for key in ("missing", "covered", "surplus"):
        assert [i["skill_id"] for i in left[key]] == [i["skill_id"] for i in right[key]], key
        for mine, theirs in zip(left[key], right[key], strict=True):
            assert mine["demand_share"] == pytest.approx(theirs["demand_share"])
            assert mine["vacancies"] == theirs["vacancies"]
    for mine, theirs in zip(left["missing"], right["missing"], strict=True):
        for key in ("status", "suggested_unit", "near_skill_id", "near_skill", "coverage"):
            assert mine[key] == theirs[key], key
        if exact_examples:
            assert mine["partners"] == theirs["partners"]
            assert len(mine["evidence"]) == len(theirs["evidence"])
        else:
            most = {p["employer"]: p["vacancies"] for p in theirs["partners"]}
            assert all(p["vacancies"] <= most[p["employer"]] for p in mine["partners"])
    assert [u["coverage"] for u in left["units"]] == pytest.approx(
        [u["coverage"] for u in right["units"]]
    )


@pytest.mark.parametrize(
    ("region", "months", "as_of_days", "exact_examples"),
    [("all", 12, 0, False), ("own", 6, 0, False), ("all", 3, 120, False), ("all", 24, 0, True)],
)
def test_report_from_the_aggregate_equals_the_report_from_every_vacancy(
    market, region, months, as_of_days, exact_examples
) -> None:
    as_of = date.today() - timedelta(days=as_of_days)
    request = gap_reports.GapRequest(region, (), months, as_of=as_of)
    aggregated = gap_reports.compute_report(market["curriculum"], request, "en")
    assert aggregated["enough_data"] is True
    assert aggregated["missing"] and aggregated["covered"]
    same_figures(aggregated, per_vacancy(market["curriculum"], request), exact_examples)


def test_evidence_comes_from_the_counted_vacancies(market) -> None:
    request = gap_reports.GapRequest("all", (), 12)
    report = gap_reports.compute_report(market["curriculum"], request, "en")
    sentences = {
        s.evidence or s.vacancy.title
        for v in market["vacancies"]
        for s in v.skills
        if not s.rejected
    }
    missing = {m["skill"]: m for m in report["missing"]}
    assert missing["Skill B"]["evidence"]
    assert set(missing["Skill B"]["evidence"]) <= sentences
    assert missing["Skill E"]["evidence"] == ["Web Developer (Laravel)"]  # no sentence: title


@pytest.mark.parametrize(("region", "months"), [("all", 12), ("own", 6), ("all", 24)])
def test_a_report_of_the_programmes_field_reads_cells_and_equals_every_vacancy(
    market, region, months
) -> None:
    a, b, c, d, e, f = market["skills"]
    a.group, b.group, c.group, d.group, e.group, f.group = "web", "web", "data", "data", "", "art"
    db.session.commit()
    request = gap_reports.GapRequest(region, (), months, related_only=True)
    statements: list[str] = []

    def seen(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        narrow = gap_reports.compute_report(market["curriculum"], request, "en")
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    reads = [s for s in statements if "vacancy_skills" in s]
    assert reads and all("skill_demand_examples" in s for s in reads)  # examples only
    wide = gap_reports.compute_report(
        market["curriculum"], gap_reports.GapRequest(region, (), months), "en"
    )
    listed = {i["skill_id"] for key in ("missing", "covered") for i in narrow[key]}
    assert {c.id, d.id} & {i["skill_id"] for i in wide["missing"]}
    assert listed and not listed & {c.id, d.id, e.id}
    assert narrow["vacancies_considered"] == wide["vacancies_considered"]
    same_figures(narrow, per_vacancy(market["curriculum"], request), exact_examples=False)


def test_a_field_reports_examples_and_partners_come_from_its_occupations(app) -> None:  # type: ignore[no-untyped-def]
    """An RPL report quoted a DKV internship, and a partner's count exceeded the skill's."""
    from app.services.demand.read import skill_examples
    from app.services.occupation_groups import load_groups
    from curricula.gap import GapParameters

    load_groups(app.config["OCCUPATION_GROUPS_FILE"])
    skill = SkillFactory(label_en="Skill W", label_id="Kemampuan W")
    software, design = (
        OrganisationFactory(name="PT Perangkat"),
        OrganisationFactory(name="CV Desain"),
    )
    posted(software, [(skill, "required", "Menguasai W untuk aplikasi.")], occupation_code="2512")
    for _ in range(3):
        posted(design, [(skill, "required", "Menguasai W untuk poster.")], occupation_code="2166")
    demand.rebuild_demand()
    field = GapParameters(as_of=date.today(), occupations=frozenset({"2512"}))
    found = skill_examples(field, None, [skill.id], 3, 5)[skill.id]
    assert [p[0] for p in found.partners] == ["PT Perangkat"]
    assert [p[1] for p in found.partners] == [1]
    shown = [str(e) for e in found.evidence]
    assert shown and any("aplikasi" in e for e in shown)
    assert not any("poster" in e for e in shown)
    every = skill_examples(GapParameters(as_of=date.today()), None, [skill.id], 3, 5)[skill.id]
    assert [p[0] for p in every.partners] == ["CV Desain", "PT Perangkat"]
