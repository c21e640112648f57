"""The Supply, Gaps and What-if pages through the site: planners only (403 for a seeker, an
employer and a school), no seeker's name or email on any page or download, drill-down links
that work, the what-if form with errors naming the field in the user's language."""

from __future__ import annotations

import pytest

from tests.app.services.planner.gap_scene import SEEKER_EMAIL, SEEKER_NAME, build
from tests.factories import EmployerFactory, PlannerFactory, SchoolUserFactory


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    return build()


def english(client) -> None:  # type: ignore[no-untyped-def]
    """Show the site in English (the UI defaults to Indonesian)."""
    with client.session_transaction() as session:
        session["locale"] = "en"


def urls(scene) -> list[str]:  # type: ignore[no-untyped-def]
    """Every page and download of these pages, with and without filters."""
    s2 = scene.skills[1].id
    found = [f"/planner/whatif?programme={scene.curriculum.id}&skill={s2}",
             f"/planner/programmes?skill={s2}&covers=0", f"/planner/programmes?skill={s2}",
             f"/planner/programmes/{scene.curriculum.id}"]  # fmt: skip
    figures = {
        "supply": ["seekers_by_district", "seekers_by_education", "seekers_by_skill",
                   "graduates_by_district", "graduates_by_programme", "taught_skills"],
        "gaps": ["shortage", "shortage_map", "missing_skills", "programme_coverage"],
    }  # fmt: skip
    for query in ("", f"?region={scene.a.id}&education=sma_smk"):
        for page, names in figures.items():
            found.append(f"/planner/{page}{query}")
            found += [f"/planner/{page}/{n}.{fmt}{query}" for n in names for fmt in ("csv", "xlsx")]
    return found


def test_others_get_403(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    seeker = SEEKER_EMAIL
    for email in (seeker, EmployerFactory().email, SchoolUserFactory().email):
        auth.login(email)
        for url in urls(scene)[:8]:
            assert client.get(url).status_code == 403, (email, url)
        auth.logout()


def test_planner_sees_every_page_and_no_personal_data(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    auth.login(PlannerFactory().email)
    for url in urls(scene):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True) if "xlsx" not in url else ""
        if "xlsx" in url:
            import io

            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(response.data))
            body = " ".join(str(c.value) for row in book.active.iter_rows() for c in row)
        assert SEEKER_NAME not in body and SEEKER_EMAIL not in body, url
        assert "wiradharma" not in body.lower(), url


def test_pages_show_their_figures_and_drill_down(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    auth.login(PlannerFactory().email)
    english(client)
    html = client.get("/planner/gaps").get_data(as_text=True)
    assert 'data-testid="figure-shortage"' in html and "no job seekers" in html
    assert f"/planner/programmes?skill={scene.skills[1].id}&amp;covers=0" in html
    assert f'href="/planner/programmes/{scene.curriculum.id}"' in html
    listing = client.get(f"/planner/programmes?skill={scene.skills[1].id}&covers=0")
    assert "SMK Negeri 7 Contoh" in listing.get_data(as_text=True)
    teaching = client.get(f"/planner/programmes?skill={scene.skills[1].id}&covers=1")
    assert "SMK Negeri 7 Contoh" not in teaching.get_data(as_text=True)
    detail = client.get(f"/planner/programmes/{scene.curriculum.id}").get_data(as_text=True)
    assert "Jaringan Dasar" in detail and "Skill 1" in detail
    supply = client.get("/planner/supply").get_data(as_text=True)
    assert 'data-testid="figure-seekers_by_skill"' in supply
    assert "Hidden: fewer than 5 people" in supply
    assert client.get("/planner/programmes/999999").status_code == 404


def test_what_if_form(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    auth.login(PlannerFactory().email)
    english(client)
    s2 = scene.skills[1].id
    html = client.get(f"/planner/whatif?programme={scene.curriculum.id}&skill_id={s2}").get_data(
        as_text=True
    )
    assert 'data-testid="met-before">4<' in html and 'data-testid="met-after">10<' in html
    assert f'name="skill" value="{s2}"' in html  # kept for the next question
    assert scene.vacancies[4].title in html
    dropped = client.get(
        f"/planner/whatif?programme={scene.curriculum.id}&skill={s2}&drop={s2}"
    ).get_data(as_text=True)
    assert 'data-testid="met-after">4<' in dropped
    from app.services import skill_search

    skill_search._FORMS.clear()  # cached per process; each test builds its own vocabulary
    typed = client.get(f"/planner/whatif?programme={scene.curriculum.id}&skill_query=Skill+2")
    assert 'data-testid="met-after">10<' in typed.get_data(as_text=True)


def test_what_if_errors_name_the_field_in_indonesian(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    auth.login(PlannerFactory().email)
    html = client.get(
        f"/planner/whatif?programme={scene.curriculum.id}&skill_query=tidak+ada+sama+sekali"
    ).get_data(as_text=True)
    assert "is-invalid" in html and "Tambah keterampilan" in html
    assert "tidak ada sama sekali" in html and "pilih dari daftar" in html.lower()
    unknown = client.get("/planner/whatif?programme=999999").get_data(as_text=True)
    assert "Pilih program sekolah" in unknown


def test_what_if_takes_a_unit_from_the_gap_report_advice(client, auth, scene) -> None:  # type: ignore[no-untyped-def]
    from app.extensions import db
    from app.models import GapReportSnapshot

    s2 = scene.skills[1].id
    unit = {"unit_id": 1, "name": "Jaringan Dasar", "code": "JD", "action": "strengthen"}
    db.session.add(GapReportSnapshot(
        curriculum_id=scene.curriculum.id, parameters={}, coverage=0.5, vacancies_considered=10,
        result={"missing": [{"skill_id": s2, "skill": "Skill 2", "suggested_unit": unit}]},
    ))  # fmt: skip
    db.session.commit()
    auth.login(PlannerFactory().email)
    english(client)
    form = client.get(f"/planner/whatif?programme={scene.curriculum.id}").get_data(as_text=True)
    assert '<option value="JD Jaringan Dasar">JD Jaringan Dasar: Skill 2</option>' in form
    html = client.get(
        f"/planner/whatif?programme={scene.curriculum.id}&unit=JD+Jaringan+Dasar"
    ).get_data(as_text=True)
    assert 'data-testid="met-after">10<' in html and f'name="skill" value="{s2}"' in html
