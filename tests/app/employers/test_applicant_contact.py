"""What an employer sees of a seeker: for an application, the profile, skills with evidence and
the phone (applying is consent); among candidates, the phone only when the seeker shares it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import SeekerSkill, Skill, VacancySkill
from app.models.base import utcnow
from tests.conftest import login_as
from tests.factories import (
    ApplicationFactory,
    EmployerFactory,
    SeekerProfileFactory,
    UserFactory,
    VacancyFactory,
)

PHONE = "+6281234567890"


def seeker_with_phone(**fields: object):  # type: ignore[no-untyped-def]
    return SeekerProfileFactory(
        user=UserFactory(name="Rina Marlina"),
        phone=PHONE,
        whatsapp=True,
        summary="Lulusan SMK RPL dari Serang.",
        **fields,
    )


def test_an_application_shows_profile_skills_with_evidence_and_contact(client) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    profile = seeker_with_phone()
    skill = Skill(id="test-php", label_en="PHP", label_id="PHP", type="skill")
    db.session.add(skill)
    profile.skills.append(
        SeekerSkill(skill=skill, origin="extracted", evidence="Membuat toko daring dengan PHP.")
    )
    db.session.commit()
    application = ApplicationFactory(
        profile=profile, vacancy=VacancyFactory(organisation=employer.organisation)
    )
    login_as(client, employer)
    page = client.get(f"/employer/vacancies/{application.vacancy_id}/applications").get_data(
        as_text=True
    )
    assert f'href="tel:{PHONE}"' in page and 'href="https://wa.me/6281234567890"' in page
    assert "Lulusan SMK RPL dari Serang." in page
    assert "Membuat toko daring dengan PHP." in page


@pytest.mark.parametrize(("share", "shown"), [(False, False), (True, True)])
def test_candidates_show_the_phone_only_when_the_seeker_shares_it(
    client, vocab, share, shown
) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    vacancy = VacancyFactory(organisation=employer.organisation, title="Web Developer PHP")
    php = db.session.scalar(select(Skill.id).where(Skill.label_en == "PHP"))
    vacancy.skills.append(VacancySkill(skill_id=php, importance="required", origin="declared"))
    profile = seeker_with_phone(visibility="visible", consent_at=utcnow(), share_contact=share)
    profile.skills.append(SeekerSkill(skill_id=php, origin="declared"))
    db.session.commit()
    login_as(client, employer)
    page = client.get(f"/employer/vacancies/{vacancy.id}/candidates").get_data(as_text=True)
    assert "Rina Marlina" in page
    assert (PHONE in page) is shown
