"""Skills written in free text: kept as written, listed for administrators with counts, mapped
to the vocabulary (audited), after which they are real skill rows."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, FreeSkill
from tests.conftest import AuthActions, csrf_token, login_as
from tests.factories import SeekerProfileFactory, UserFactory, VacancyFactory


def test_free_text_is_kept_then_mapped(app, client, vocab) -> None:  # type: ignore[no-untyped-def]
    seeker = SeekerProfileFactory()
    vacancy = VacancyFactory()
    login_as(client, seeker.user)
    token = csrf_token(client, "/seeker/skills")
    answer = client.post(
        "/seeker/skills",
        data={"csrf_token": token, "skill_query": "Setting Router  ZTE", "free_text": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Keahlian ditambahkan sesuai tulisan Anda." in answer and "Setting Router ZTE" in answer
    answer = client.post(  # a form the list knows is linked at once
        "/seeker/skills",
        data={"csrf_token": token, "skill_query": "mikrotik", "free_text": "1"},
        follow_redirects=True,
    )
    assert any(s.skill_id == "tool-mikrotik-routeros" for s in seeker.skills)
    too_long = {"csrf_token": token, "skill_query": "x" * 81, "free_text": "1"}
    client.post("/seeker/skills", data=too_long)
    from app.services import free_skills

    free_skills.add_for_vacancy(vacancy, "setting router zte", "preferred")
    assert db.session.scalar(select(db.func.count()).select_from(FreeSkill)) == 2
    assert client.get("/admin/free-skills").status_code == 403

    admin = UserFactory(role="admin")
    AuthActions(client).logout()
    login_as(client, admin)
    page = client.get("/admin/free-skills").get_data(as_text=True)
    assert "Setting Router ZTE" in page and 'data-testid="free-skill-row"' in page
    client.post(
        "/admin/free-skills/map",
        data={
            "csrf_token": csrf_token(client, "/admin/free-skills"),
            "key": "setting router zte",
            "skill_id": "tool-mikrotik-routeros",
        },
    )
    assert db.session.scalar(select(db.func.count()).select_from(FreeSkill)) == 0
    db.session.expire_all()
    assert [s.importance for s in vacancy.skills if s.skill_id == "tool-mikrotik-routeros"] == [
        "preferred"
    ]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "free_skill.mapped"))
    assert entry is not None and entry.details["seekers"] == 1 and entry.details["vacancies"] == 1
