"""The upskilling source: the programme's teachers against the skills its current sync plan adds
(a draft mapped back to the version holding the teachers), else its latest gap report."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import GapReportSnapshot
from app.services import sync, teachers, trainings, upskilling
from tests.app.services.sync.scene import NETWORKING, build_scene


@pytest.fixture(autouse=True)
def no_near_skills(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exact skills only (the near-skill index needs the embedding model)."""
    monkeypatch.setattr(trainings, "neighbours", lambda: None)


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    found = build_scene()
    s1, s2, s3, _s4 = found["skills"]
    budi = teachers.save_teacher(found["curriculum"], "Budi", "Pemrograman Web")
    sari = teachers.save_teacher(found["curriculum"], "Sari", "Jaringan Dasar")
    teachers.add_skill(budi, s2.id)
    found["teachers"] = (budi, sari)
    return found


def test_without_a_plan_the_latest_gap_report_is_the_source(scene) -> None:  # type: ignore[no-untyped-def]
    found = upskilling.for_curriculum(scene["curriculum"])
    assert (found.source, found.plan, found.programme) == ("gap_report", None, scene["curriculum"])
    assert {u.unit for u in found.matching.units} == {"Pemrograman Web", "Jaringan Dasar", None}


def test_the_plan_on_the_draft_is_matched_against_the_programmes_teachers(scene) -> None:  # type: ignore[no-untyped-def]
    s1, s2, s3, s4 = scene["skills"]
    budi, sari = scene["teachers"]
    plan = sync.accept_advice(scene["school"], scene["snapshot"], [s2.id, s4.id])
    for curriculum in (scene["curriculum"], plan.draft):  # the draft maps back to the teachers
        found = upskilling.for_curriculum(curriculum)
        assert (found.source, found.plan, found.programme) == ("plan", plan, scene["curriculum"])
        # only the plan's two actions, not the report's three missing skills
        units = {(u.unit, u.action): u for u in found.matching.units}
        assert set(units) == {
            ("Pemrograman Web", "add"),
            ("Mata pelajaran pilihan: rekayasa jaringan", "elective"),
        }
        web = units[("Pemrograman Web", "add")]
        assert web.have == {s2.id: [budi]} and web.upskill == []
        elective = units[("Mata pelajaran pilihan: rekayasa jaringan", "elective")]
        assert [t.name for t, lacking in elective.upskill] == ["Budi", "Sari"]
        assert {a.teacher.name: a.missing for a in found.matching.advice} == {
            "Budi": (NETWORKING,),
            "Sari": (NETWORKING,),
        }
    assert upskilling.programme_of(plan.draft) == scene["curriculum"]
    assert upskilling.programme_of(scene["curriculum"]) == scene["curriculum"]


def test_dropped_actions_leave_and_a_newer_report_supersedes_a_closed_plan(scene) -> None:  # type: ignore[no-untyped-def]
    s1, s2, s3, s4 = scene["skills"]
    plan = sync.accept_advice(scene["school"], scene["snapshot"], [s2.id, s3.id])
    first = plan.actions[0]
    sync.update_action(plan, first.id, sync.ActionInput("add", first.unit_id, "", None, "dropped"))
    found = upskilling.for_curriculum(scene["curriculum"])
    assert [u.skills for u in found.matching.units] == [[s3.id]]
    plan.status = "closed"
    db.session.commit()
    assert upskilling.for_curriculum(scene["curriculum"]).plan == plan  # filed, still current
    newer = GapReportSnapshot(
        curriculum=scene["curriculum"],
        parameters={},
        result=scene["snapshot"].result,
        created_at=plan.created_at + timedelta(days=300),
    )
    db.session.add(newer)
    db.session.commit()
    assert upskilling.for_curriculum(scene["curriculum"]).source == "gap_report"
