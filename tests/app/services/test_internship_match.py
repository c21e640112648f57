"""The internship vacancy of issue 13: "Konfigurasi dasar router MikroTik" gave no MikroTik skill,
so a TKJ graduate who had declared MikroTik matched it at 6 %. Posted through the employer's
form and read by the site's extractor (the real model), it now asks for MikroTik."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Vacancy
from app.services import matching
from tests.app.jobs.test_vacancy_skills_job import vacancy_form
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory, SeekerProfileFactory
from tests.test_matching_flow import give

DESCRIPTION = (
    "Kami menerima siswa PKL / magang lulusan SMK TKJ.\n"
    "Tugas:\n"
    "- Konfigurasi dasar router MikroTik\n"
    "- Membantu pemasangan kabel jaringan LAN di kantor pelanggan\n"
)


def test_a_tkj_graduate_with_mikrotik_matches_the_mikrotik_internship(app, client, vocab) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    login_as(client, employer)
    data = vacancy_form(employer, "Magang Teknisi Jaringan", DESCRIPTION, "internship")
    post_form(client, "/employer/vacancies/new", "/employer/vacancies/new", data)
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "Magang Teknisi Jaringan"))
    asked = {link.skill.label_en: link.importance for link in vacancy.skills}
    assert asked.get("MikroTik RouterOS") == "required", asked
    graduate = SeekerProfileFactory()
    give(graduate, "MikroTik RouterOS")
    newcomer = SeekerProfileFactory()
    give(newcomer, "Adobe Photoshop")
    with_mikrotik = matching.explain(graduate, vacancy)
    assert matching.explain(newcomer, vacancy).score < with_mikrotik.score
    # MikroTik is one of the three required skills the ad names (with LAN installation and
    # cabling): about a third, where it was 6 % when the ad gave no MikroTik skill
    assert with_mikrotik.score >= 0.3, (with_mikrotik.score, asked)
