"""Curriculum sync pages: a school turns gap advice into a plan, invites a partner employer who
comments and endorses, records the meeting and downloads the minutes (PDF, Indonesian);
ownership everywhere: other schools and other employers get 403 or 404."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.extensions import db
from app.models import IndustryPartner, Notification, SyncPlan
from app.services import sync as sync_service
from tests.app.services.sync.scene import build_scene
from tests.conftest import login_as, outbox, post_form


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    return build_scene()


def _plan_from_report(client, scene) -> SyncPlan:  # type: ignore[no-untyped-def]
    report = f"/school/gap-reports/{scene['snapshot'].id}"
    skills = [s.id for s in scene["skills"][1:]]
    answer = post_form(
        client, report, f"/school/sync/gap-reports/{scene['snapshot'].id}/accept",
        {"skill_ids": skills},
    )  # fmt: skip
    plan = db.session.scalar(select(SyncPlan))
    assert answer.status_code == 302 and answer.location.endswith(f"/school/sync/plans/{plan.id}")
    return plan


def test_gap_report_page_offers_advice_and_shows_current_and_draft_coverage(client, scene) -> None:  # type: ignore[no-untyped-def]
    login_as(client, scene["school"])
    report = f"/school/gap-reports/{scene['snapshot'].id}"
    page = client.get(report).get_data(as_text=True)
    assert 'data-testid="accept-advice"' in page and "PT Mitra Jaringan" in page
    assert 'data-testid="sync-draft"' not in page  # no plan yet
    plan = _plan_from_report(client, scene)
    page = client.get(report).get_data(as_text=True)
    assert '<div class="fs-4" data-testid="sync-current">50.0%</div>' in page
    assert (
        '<div class="fs-4" data-testid="sync-draft">82.0%</div>' in page
    )  # .5 + .2 + .1 * .7 + .05
    plan_page = client.get(f"/school/sync/plans/{plan.id}").get_data(as_text=True)
    assert "Router MikroTik (RouterBOARD) untuk praktik" in plan_page  # equipment of s4
    assert plan_page.count('data-testid="action"') == 3


def test_suggested_partner_is_added_in_one_click(client, scene) -> None:  # type: ignore[no-untyped-def]
    login_as(client, scene["school"])
    report = f"/school/gap-reports/{scene['snapshot'].id}"
    answer = post_form(
        client, report, "/school/sync/partners/suggested",
        {"name": "PT Mitra Jaringan", "snapshot_id": scene["snapshot"].id},
    )  # fmt: skip
    assert answer.location.endswith(report + "#sync")
    partner = db.session.scalar(select(IndustryPartner))
    assert partner.name == "PT Mitra Jaringan"
    assert partner.employer_id == scene["partner_user"].organisation_id


def test_partner_reviews_endorses_and_the_minutes_say_so(app, client, scene) -> None:  # type: ignore[no-untyped-def]
    partner_user = scene["partner_user"]
    login_as(client, scene["school"])
    plan = _plan_from_report(client, scene)
    page = f"/school/sync/plans/{plan.id}"
    post_form(
        client, "/school/sync/partners", "/school/sync/partners",
        {"employer_id": partner_user.organisation_id, "contributions": ["pkl", "equipment"]},
    )  # fmt: skip
    partner = db.session.scalar(select(IndustryPartner))
    post_form(client, page, f"{page}/invite", {"partner_ids": [partner.id]})
    invitation = plan.invitations[0]
    assert invitation.employer_id == partner_user.organisation_id
    assert [m.to for m in outbox(app)] == [partner_user.email]
    assert db.session.scalar(select(Notification.kind)) == "curriculum_sync"

    client.post("/auth/logout", data={})
    partner_client = app.test_client()
    login_as(partner_client, partner_user)
    mine = f"/employer/sync/{invitation.id}"
    assert "SMK Negeri 9" in partner_client.get("/employer/sync/").get_data(as_text=True)
    action = plan.actions[2]
    post_form(
        partner_client,
        mine,
        f"{mine}/comments",
        {"action_id": action.id, "body": "Kami pinjamkan 10 router."},
    )
    answer = post_form(
        partner_client, mine, f"{mine}/answer",
        {"endorse": "yes", "representative": "Budi Santoso", "note": "Siap menerima PKL."},
    )  # fmt: skip
    assert answer.status_code == 302
    db.session.refresh(invitation)
    assert (invitation.status, invitation.representative) == ("endorsed", "Budi Santoso")
    assert "Kami pinjamkan 10 router." in partner_client.get(mine).get_data(as_text=True)

    post_form(
        client, page, f"{page}/meeting",
        {"meeting_date": "2026-12-10", "place": "Aula SMK", "attended_ids": [invitation.id],
         "other_attendees": "Pengawas Dinas Pendidikan", "agreed": "Rencana disetujui bersama."},
    )  # fmt: skip
    minutes = client.get(f"{page}/minutes.pdf")
    assert minutes.mimetype == "application/pdf"
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(minutes.get_data())).pages
    ).replace("\n", " ")
    for expected in (
        "Berita Acara Sinkronisasi Kurikulum",
        "PT Mitra Jaringan",
        "Budi Santoso",
        "Menyetujui",
        "Aula SMK",
        "2026-12-10",
        "Pengawas Dinas Pendidikan",
        "Rencana disetujui bersama.",
        "Kami pinjamkan 10 router.",
        "rekayasa jaringan",
        "Router MikroTik",
        "Tambahkan ke mata pelajaran",
        "Pemrograman Web",
    ):
        assert expected in text, expected


def test_ownership_school_partner_and_strangers(app, client, scene) -> None:  # type: ignore[no-untyped-def]
    login_as(client, scene["school"])
    plan = _plan_from_report(client, scene)
    post_form(
        client, "/school/sync/partners", "/school/sync/partners",
        {"employer_id": scene["partner_user"].organisation_id},
    )  # fmt: skip
    partner = db.session.scalar(select(IndustryPartner))
    post_form(
        client,
        f"/school/sync/plans/{plan.id}",
        f"/school/sync/plans/{plan.id}/invite",
        {"partner_ids": [partner.id]},
    )
    invitation = plan.invitations[0]
    school_urls = [
        f"/school/sync/plans/{plan.id}",
        f"/school/sync/plans/{plan.id}/minutes.pdf",
    ]

    other = app.test_client()
    login_as(other, scene["other_school"])
    for url in school_urls:
        assert other.get(url).status_code == 403, url
    assert "TJKT" not in other.get("/school/sync/").get_data(as_text=True)
    assert other.get(f"/employer/sync/{invitation.id}").status_code == 403
    token_page = "/school/sync/partners"
    answer = post_form(
        other, token_page, f"/school/sync/gap-reports/{scene['snapshot'].id}/accept",
        {"skill_ids": [scene["skills"][1].id]},
    )  # fmt: skip
    assert answer.status_code == 403
    answer = post_form(other, token_page, f"/school/sync/partners/{partner.id}/delete", {})
    assert answer.status_code == 403

    stranger = app.test_client()
    login_as(stranger, scene["stranger"])
    assert stranger.get(f"/employer/sync/{invitation.id}").status_code == 404
    assert "SMK Negeri 9" not in stranger.get("/employer/sync/").get_data(as_text=True)
    for url in school_urls:
        assert stranger.get(url).status_code == 403, url
    answer = post_form(
        stranger, "/employer/sync/", f"/employer/sync/{invitation.id}/answer", {"endorse": "yes"}
    )
    assert answer.status_code == 404
    db.session.refresh(invitation)
    assert invitation.status == "invited"

    partner = app.test_client()
    login_as(partner, scene["partner_user"])
    assert partner.get(f"/employer/sync/{invitation.id}").status_code == 200
    for url in school_urls:
        assert partner.get(url).status_code == 403, url


def test_a_pending_school_is_told_it_cannot_invite(app, client, scene) -> None:  # type: ignore[no-untyped-def]
    login_as(client, scene["school"])
    plan = _plan_from_report(client, scene)
    partner, _ = sync_service.add_suggested_partner(scene["school"], "PT Mitra Jaringan")
    scene["school"].organisation.verification_status = "pending"
    db.session.commit()
    page = f"/school/sync/plans/{plan.id}"
    shown = client.get(page).get_data(as_text=True)
    assert 'data-testid="invite-not-verified"' in shown and 'data-testid="invite-form"' not in shown
    answer = post_form(client, page, f"{page}/invite", {"partner_ids": [partner.id]})
    assert answer.status_code == 302 and plan.invitations == [] and outbox(app) == []
    assert "harus diverifikasi" in client.get(page).get_data(as_text=True)
