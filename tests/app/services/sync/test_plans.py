"""Sync plans: gap advice becomes actions on a draft version, the draft's coverage beside the
current one, editing actions moves their outcomes, the skills a plan adds, equipment."""

from __future__ import annotations

import pytest

from app.services import sync
from app.services.errors import PermissionDeniedError, ValidationError
from app.services.sync.plans import taught_skills
from app.services.sync.review import NOT_VERIFIED
from tests.app.services.sync.scene import NETWORKING, build_scene


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    return build_scene()


def _accept_all(scene) -> object:  # type: ignore[no-untyped-def]
    ids = [s.id for s in scene["skills"][1:]]
    return sync.accept_advice(scene["school"], scene["snapshot"], ids)


def test_advice_becomes_actions_on_a_new_draft_version(scene) -> None:  # type: ignore[no-untyped-def]
    plan = _accept_all(scene)
    current, draft = scene["curriculum"], plan.draft
    assert draft is not None and draft.id != current.id
    assert (draft.status, draft.version_year, draft.programme) == ("draft", 2026, "TJKT")
    kinds = {a.skill_id: (a.kind, a.unit.name if a.unit else None) for a in plan.actions}
    s2, s3, s4 = (s.id for s in scene["skills"][1:])
    assert kinds[s2] == ("add", "Pemrograman Web")
    assert kinds[s3] == ("strengthen", "Jaringan Dasar")
    assert kinds[s4][0] == "elective"
    # the units are the draft's copies, not the current version's
    assert all(a.unit.curriculum_id == draft.id for a in plan.actions)
    # the draft teaches the accepted skills; the current version is untouched
    assert taught_skills(draft) == {scene["skills"][0].id, s2, s3, s4}
    assert taught_skills(current) == {scene["skills"][0].id}
    assert [u.name for u in current.units] == ["Pemrograman Web", "Jaringan Dasar"]


def test_accepting_again_reuses_the_open_plan_and_skips_planned_skills(scene) -> None:  # type: ignore[no-untyped-def]
    s2 = scene["skills"][1].id
    first = sync.accept_advice(scene["school"], scene["snapshot"], [s2])
    again = sync.accept_advice(scene["school"], scene["snapshot"], [s2, scene["skills"][2].id])
    assert again.id == first.id
    assert [a.skill_id for a in again.actions] == [s2, scene["skills"][2].id]


def test_accepting_nothing_known_is_refused(scene) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        sync.accept_advice(scene["school"], scene["snapshot"], ["not-in-the-report"])
    assert error.value.field == "skill_ids"
    assert sync.open_plan(scene["curriculum"]) is None


def test_another_school_cannot_accept_advice(scene) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDeniedError):
        sync.accept_advice(scene["other_school"], scene["snapshot"], [scene["skills"][1].id])


def test_draft_coverage_adds_the_uncovered_share_of_planned_skills(scene) -> None:  # type: ignore[no-untyped-def]
    plan = sync.accept_advice(
        scene["school"], scene["snapshot"], [scene["skills"][1].id, scene["skills"][2].id]
    )
    result = scene["snapshot"].result
    # 0.5 + 0.2 * (1 - 0) + 0.1 * (1 - 0.3)
    assert sync.draft_coverage(result, plan.draft) == pytest.approx(0.77)
    panel = sync.gap_panel(scene["snapshot"], scene["school"])
    assert (panel.current_coverage, panel.draft_coverage) == (0.5, pytest.approx(0.77))
    assert panel.planned == {scene["skills"][1].id, scene["skills"][2].id}
    assert sync.draft_coverage(result, None) is None


def test_editing_an_action_moves_its_outcome_and_dropping_takes_it_out(scene) -> None:  # type: ignore[no-untyped-def]
    plan = _accept_all(scene)
    action = plan.actions[0]
    net_copy = next(u for u in plan.draft.units if u.name == "Jaringan Dasar")
    sync.update_action(
        plan, action.id, sync.ActionInput("add", net_copy.id, "Bu Sari", 3, "planned")
    )
    assert action.unit.id == net_copy.id and action.outcome.unit_id == net_copy.id
    assert action.skill_id in taught_skills(plan.draft)
    sync.update_action(plan, action.id, sync.ActionInput("pkl", None, "Bu Sari", 5, "planned"))
    assert action.unit.name == "Praktik Kerja Lapangan (PKL)"
    sync.update_action(plan, action.id, sync.ActionInput("pkl", None, "", None, "dropped"))
    assert action.skill_id not in taught_skills(plan.draft)
    assert "Praktik Kerja Lapangan (PKL)" not in [u.name for u in plan.draft.units]
    with pytest.raises(ValidationError) as error:
        sync.update_action(plan, action.id, sync.ActionInput("add", None, "", None, "planned"))
    assert error.value.field == "unit_id"


def test_removing_an_elective_removes_the_unit_it_created(scene) -> None:  # type: ignore[no-untyped-def]
    plan = _accept_all(scene)
    elective = next(a for a in plan.actions if a.kind == "elective")
    assert elective.unit.name == "Mata pelajaran pilihan: rekayasa jaringan"
    sync.remove_action(plan, elective.id)
    draft = plan.draft
    assert [u.name for u in draft.units] == ["Pemrograman Web", "Jaringan Dasar"]
    assert NETWORKING not in taught_skills(draft)


def test_skills_added_by_plan_names_skill_unit_and_kind(scene) -> None:  # type: ignore[no-untyped-def]
    plan = _accept_all(scene)
    added = sync.skills_added_by_plan(plan)
    assert [(a.skill_id, a.unit.name if a.unit else None, a.kind) for a in added] == [
        (scene["skills"][1].id, "Pemrograman Web", "add"),
        (scene["skills"][2].id, "Jaringan Dasar", "strengthen"),
        (NETWORKING, "Mata pelajaran pilihan: rekayasa jaringan", "elective"),
    ]
    sync.update_action(
        plan,
        plan.actions[0].id,
        sync.ActionInput("add", plan.actions[0].unit_id, "", None, "dropped"),
    )
    assert [a.skill_id for a in sync.skills_added_by_plan(plan)][0] == scene["skills"][2].id


def test_equipment_is_listed_per_skill_in_both_languages() -> None:
    assert "Router MikroTik (RouterBOARD) untuk praktik" in sync.equipment_for(NETWORKING, "id")
    assert "MikroTik routers (RouterBOARD) for practice" in sync.equipment_for(NETWORKING, "en")
    uri = "http://data.europa.eu/esco/skill/6468e5fb-f3be-4025-87be-4b6556755c61"
    assert any("PLC" in item for item in sync.equipment_for(uri))
    assert sync.equipment_for("no-such-skill") == []


def test_partners_by_employer_by_name_and_from_suggestions(scene) -> None:  # type: ignore[no-untyped-def]
    school = scene["school"]
    employer_id = scene["partner_user"].organisation_id
    partner = sync.add_partner(
        school, sync.PartnerInput("", employer_id, ("pkl", "equipment"), "Router bekas")
    )
    assert (partner.name, partner.contributions) == ("PT Mitra Jaringan", ["pkl", "equipment"])
    with pytest.raises(ValidationError) as error:
        sync.add_partner(school, sync.PartnerInput("pt mitra jaringan"))
    assert error.value.field == "name"
    found, new = sync.add_suggested_partner(school, "PT Mitra Jaringan")
    assert (found.id, new) == (partner.id, False)
    local, new = sync.add_suggested_partner(school, "CV Lokal")
    assert new and local.employer is None
    with pytest.raises(ValidationError) as error:
        sync.add_partner(school, sync.PartnerInput("X", None, ("money",)))
    assert error.value.field == "contributions"
    assert [p.name for p in sync.list_partners(school)] == ["CV Lokal", "PT Mitra Jaringan"]
    assert sync.list_partners(scene["other_school"]) == []
    panel = sync.gap_panel(scene["snapshot"], school)
    assert [(p.name, p.added) for p in panel.partners] == [
        ("PT Mitra Jaringan", True),
        ("CV Lokal", True),
    ]


def test_advice_on_the_drafts_own_report_goes_to_the_same_plan(scene) -> None:  # type: ignore[no-untyped-def]
    from app.extensions import db
    from app.models import GapReportSnapshot

    plan = sync.accept_advice(scene["school"], scene["snapshot"], [scene["skills"][1].id])
    draft = plan.draft
    net_copy = next(u for u in draft.units if u.name == "Jaringan Dasar")
    result = dict(scene["snapshot"].result, coverage=0.7)
    item = dict(result["missing"][1])
    item["suggested_unit"] = dict(item["suggested_unit"], unit_id=net_copy.id)
    result["missing"] = [item]
    own = GapReportSnapshot(curriculum=draft, parameters={}, result=result, coverage=0.7)
    db.session.add(own)
    db.session.commit()
    again = sync.accept_advice(scene["school"], own, [scene["skills"][2].id])
    assert again.id == plan.id and again.snapshot_id == scene["snapshot"].id
    assert again.actions[1].unit.id == net_copy.id
    panel = sync.gap_panel(own, scene["school"])
    assert (panel.current_coverage, panel.draft_coverage) == (0.5, 0.7)


def test_closed_plans_and_partners_off_the_platform_are_refused(scene) -> None:  # type: ignore[no-untyped-def]
    plan = _accept_all(scene)
    local, _ = sync.add_suggested_partner(scene["school"], "CV Lokal")
    mitra, _ = sync.add_suggested_partner(scene["school"], "PT Mitra Jaringan")
    with pytest.raises(ValidationError) as error:
        sync.invite(plan, [mitra.id, local.id], scene["school"])
    assert error.value.field == "partner_ids" and plan.invitations == []
    assert [i.partner.name for i in sync.invite(plan, [mitra.id], scene["school"])] == [
        "PT Mitra Jaringan"
    ]
    sync.close_plan(plan)
    with pytest.raises(ValidationError):
        sync.remove_action(plan, plan.actions[0].id)
    with pytest.raises(ValidationError):
        sync.invite(plan, [local.id], scene["school"])


def test_an_unverified_school_invites_no_one(scene) -> None:  # type: ignore[no-untyped-def]
    plan = _accept_all(scene)
    mitra, _ = sync.add_suggested_partner(scene["school"], "PT Mitra Jaringan")
    scene["school"].organisation.verification_status = "pending"
    with pytest.raises(ValidationError) as error:
        sync.invite(plan, [mitra.id], scene["school"])
    assert error.value.message == str(NOT_VERIFIED) and plan.invitations == []


def test_an_employer_is_invited_once_per_plan(scene) -> None:  # type: ignore[no-untyped-def]
    plan = _accept_all(scene)
    employer_id = scene["partner_user"].organisation_id
    mitra = sync.add_partner(scene["school"], sync.PartnerInput("", employer_id))
    again = sync.add_partner(scene["school"], sync.PartnerInput("Mitra cabang", employer_id))
    with pytest.raises(ValidationError):
        sync.invite(plan, [mitra.id, again.id], scene["school"])
    assert plan.invitations == []
    sync.invite(plan, [mitra.id], scene["school"])
    with pytest.raises(ValidationError) as error:
        sync.invite(plan, [again.id], scene["school"])
    assert "sudah diundang" in error.value.message and len(plan.invitations) == 1
