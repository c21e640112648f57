"""The upskilling page and the sync plan's link to it: the plan's actions are the source when
there is a plan (also from the draft's URL), the gap report otherwise; other schools kept out."""

from __future__ import annotations

import pytest

from app.services import sync, teachers, trainings
from tests.app.services.sync.scene import build_scene
from tests.conftest import login_as


@pytest.fixture
def scene(app, client, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(trainings, "neighbours", lambda: None)  # no embedding model
    found = build_scene()
    budi = teachers.save_teacher(found["curriculum"], "Pak Budi", "Pemrograman Web")
    teachers.add_skill(budi, found["skills"][1].id)
    teachers.save_teacher(found["curriculum"], "Bu Sari", "Jaringan Dasar")
    login_as(client, found["school"])
    return found


def _page(client, curriculum_id: int) -> str:  # type: ignore[no-untyped-def]
    answer = client.get(f"/school/curricula/{curriculum_id}/teachers/upskilling")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def test_source_is_the_gap_report_then_the_plan_from_both_versions(client, scene) -> None:  # type: ignore[no-untyped-def]
    s1, s2, s3, s4 = scene["skills"]
    before = _page(client, scene["curriculum"].id)
    assert 'data-source="gap_report"' in before
    assert before.count('data-testid="unit-need"') == 3
    plan = sync.accept_advice(scene["school"], scene["snapshot"], [s3.id])
    plan_page = client.get(f"/school/sync/plans/{plan.id}").get_data(as_text=True)
    link = f'href="/school/curricula/{scene["curriculum"].id}/teachers/upskilling"'
    assert link in plan_page and 'data-testid="plan-teachers"' in plan_page
    for curriculum_id in (scene["curriculum"].id, plan.draft_id):
        page = _page(client, curriculum_id)
        assert 'data-source="plan"' in page
        assert f'href="/school/sync/plans/{plan.id}"' in page
        assert page.count('data-testid="unit-need"') == 1  # only the plan's action
        assert "Jaringan Dasar" in page and "Bu Sari" in page
        assert page.count('data-testid="teacher-advice"') == 1  # Bu Sari teaches the unit
    assert 'data-testid="upskilling-programme"' in _page(client, plan.draft_id)


def test_another_school_is_kept_out(app, client, scene) -> None:  # type: ignore[no-untyped-def]
    plan = sync.accept_advice(scene["school"], scene["snapshot"], [scene["skills"][1].id])
    other = app.test_client()
    login_as(other, scene["other_school"])
    for curriculum_id in (scene["curriculum"].id, plan.draft_id):
        url = f"/school/curricula/{curriculum_id}/teachers/upskilling"
        assert other.get(url).status_code == 403, url
    assert other.get(f"/school/sync/plans/{plan.id}").status_code == 403
    assert other.get("/school/curricula/999999/teachers/upskilling").status_code == 404
