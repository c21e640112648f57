"""Gap report of a network (TKJ) programme: the vacancies of its own field by default (no PHP,
React or Photoshop gaps), widened on request; a thin district falls back to all of Banten with
a note; the unit advice uses the vocabulary's relations and says "new unit or elective"."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from app.extensions import db
from app.models import Curriculum, CurriculumUnit, LearningOutcome, OutcomeSkill
from app.services import gap_reports
from app.services.sync.plans import advice_from_report
from tests.app.schools.test_gap_reports import other_region, vacancy
from tests.app.services.planner.scene import load_occupations
from tests.conftest import login_as
from tests.factories import OrganisationFactory, SchoolUserFactory, SkillFactory, any_region

NETWORK, WEB, DESIGN = "3513", "2513", "2166"  # KBJI: network technicians, web devs, designers


def taught(name: str, *skills) -> CurriculumUnit:  # type: ignore[no-untyped-def]
    outcomes = [
        LearningOutcome(
            text=f"Peserta didik mampu {s.label_id}.",
            skills=[OutcomeSkill(skill_id=s.id, origin="declared")],
        )
        for s in skills
    ]
    return CurriculumUnit(name=name, code=name[:8], outcomes=outcomes)


@pytest.fixture
def tkj(app):  # type: ignore[no-untyped-def]
    """A TKJ curriculum teaching routing (infrastructure unit) and entrepreneurship (Projek
    Kreatif). In its district: network vacancies asking for routing, troubleshooting (a
    narrower skill of the taught "ict troubleshooting") and monitoring (same group as routing);
    web vacancies asking for PHP and React; design vacancies asking for Photoshop."""
    load_occupations()
    s = {
        key: SkillFactory(label_en=key, label_id=key, group=group, parent_id=None)
        for key, group in [
            ("routing", "network"), ("monitoring", "network"), ("troubleshooting", "support"),
            ("entrepreneurship", "business"), ("php", "web"), ("react", "web"),
            ("photoshop", "graphics"),
        ]
    }  # fmt: skip
    s["ict troubleshooting"] = SkillFactory(label_en="ict troubleshooting", group="support")
    s["troubleshooting"].parent_id = s["ict troubleshooting"].id
    db.session.commit()
    employer = OrganisationFactory(name="PT Jaringan Banten")
    for _ in range(5):
        vacancy(employer, [(s[k], "required") for k in ("routing", "troubleshooting")]
                + [(s["monitoring"], "preferred")], occupation_code=NETWORK)  # fmt: skip
    for _ in range(5):
        vacancy(employer, [(s["php"], "required"), (s["react"], "required")], occupation_code=WEB)
    for _ in range(3):
        vacancy(employer, [(s["photoshop"], "required")], occupation_code=DESIGN)
    school = SchoolUserFactory()
    school.organisation.region = any_region()
    curriculum = Curriculum(
        organisation_id=school.organisation_id,
        programme="Teknik Jaringan Komputer dan Telekomunikasi (TJKT)",
        concentration="Teknik Komputer dan Jaringan (TKJ)",
        level="smk",
        version_year=2025,
        units=[
            taught("Administrasi Infrastruktur Jaringan", s["routing"], s["ict troubleshooting"]),
            taught("Produk Kreatif dan Kewirausahaan", s["entrepreneurship"]),
        ],
    )
    db.session.add(curriculum)
    db.session.commit()
    return {"skills": s, "school": school, "curriculum": curriculum, "employer": employer}


def missing(report: dict) -> dict[str, dict]:
    return {m["skill"]: m for m in report["missing"]}


def test_field_default_leaves_out_other_fields_and_can_be_widened(tkj) -> None:
    default = gap_reports.compute_report(
        tkj["curriculum"], gap_reports.GapRequest("own", scope="field"), "en"
    )
    assert default["request"]["field"]["code"] == "TJKT"
    assert default["vacancies_considered"] == 5
    assert set(missing(default)) == {"troubleshooting", "monitoring"}  # no PHP, React, Photoshop
    wide = gap_reports.compute_report(
        tkj["curriculum"], gap_reports.GapRequest("own", scope="all"), "en"
    )
    assert wide["vacancies_considered"] == 13
    assert {"php", "react", "photoshop"} <= set(missing(wide))


def test_advice_follows_what_units_teach_and_says_new_otherwise(tkj) -> None:
    wide = missing(
        gap_reports.compute_report(tkj["curriculum"], gap_reports.GapRequest("own"), "en")
    )
    troubleshooting = wide["troubleshooting"]["suggested_unit"]  # narrower skill of a taught one
    assert troubleshooting["name"] == "Administrasi Infrastruktur Jaringan"
    assert troubleshooting["action"] == "add"
    assert troubleshooting["related_skill_label"] == "ict troubleshooting"
    monitoring = wide["monitoring"]["suggested_unit"]  # same group as routing, nothing closer
    assert (monitoring["action"], monitoring["unit_id"], monitoring["name"]) == ("new", None, "")
    for skill in ("php", "photoshop"):  # relates to nothing taught, no vectors: no guess
        assert wide[skill]["suggested_unit"] is None
    snapshot = gap_reports.create_snapshot(
        tkj["curriculum"], gap_reports.GapRequest("own"), None, "en"
    )
    rows = {row[1]: row for row in csv.reader(io.StringIO(gap_reports.export_csv(snapshot)))}
    assert rows["monitoring"][7] == str(gap_reports.NEW_UNIT)  # in the site's language
    assert rows["troubleshooting"][7].endswith(": Administrasi Infrastruktur Jaringan")
    plan = {a.skill: a for a in advice_from_report(snapshot.result)}  # the sync plan reads it
    assert (plan["monitoring"].kind, plan["troubleshooting"].kind) == ("elective", "add")


def test_thin_district_falls_back_to_the_province_with_a_note(tkj, client) -> None:
    region = other_region()
    for _ in range(2):
        vacancy(tkj["employer"], [(tkj["skills"]["monitoring"], "required")], region=region,
                occupation_code=NETWORK)  # fmt: skip
    request = gap_reports.GapRequest("set", (region.id,), scope="field")
    report = gap_reports.compute_report(tkj["curriculum"], request, "en")
    assert report["request"]["fallback"] == {"region_names": [region.name], "vacancies": 2}
    assert report["request"]["region_names"] is None and report["enough_data"] is True
    assert report["vacancies_considered"] == 7  # the field's vacancies of all of Banten
    login_as(client, tkj["school"])
    page = client.get(
        f"/school/curricula/{tkj['curriculum'].id}/gap?region=set&region_ids={region.id}"
        "&months=12&scope=field"
    ).get_data(as_text=True)
    assert 'data-testid="province-fallback"' in page
    assert region.name in page


def test_the_page_defaults_to_the_field_and_offers_all_vacancies(tkj, client) -> None:
    login_as(client, tkj["school"])
    page = client.get(f"/school/curricula/{tkj['curriculum'].id}/gap").get_data(as_text=True)
    assert 'data-testid="field-note"' in page and 'data-testid="widen-scope"' in page
    assert "php" not in page.split('data-testid="missing-table"')[1].split("</table>")[0]
    wide = client.get(f"/school/curricula/{tkj['curriculum'].id}/gap?region=own&scope=all")
    table = wide.get_data(as_text=True).split('data-testid="missing-table"')[1]
    assert "php" in table.split("</table>")[0]


def test_placement_units_keep_stored_skills_and_leave_removed_ones_out(tkj) -> None:
    from app.services.gap_reports.demand import curriculum_supply
    from app.services.gap_reports.placement import placement_units

    s, curriculum = tkj["skills"], tkj["curriculum"]
    outcome = curriculum.units[0].outcomes[0]
    outcome.skills.append(OutcomeSkill(skill_id=s["php"].id, origin="extracted", rejected=True))
    db.session.commit()
    units = placement_units(curriculum)
    supply = curriculum_supply(curriculum).units
    assert [(u.id, u.name, u.code) for u in units] == [(u.id, u.name, u.code) for u in supply]
    assert {s["routing"].id, s["ict troubleshooting"].id} <= units[0].skills
    assert s["entrepreneurship"].id in units[1].skills
    assert s["php"].id not in units[0].skills  # removed by a person: never back from the linker


def test_placement_units_add_the_mentions_stored_when_the_outcome_was_read(tkj) -> None:
    from app.services.gap_reports.placement import placement_units

    s, curriculum = tkj["skills"], tkj["curriculum"]
    outcome = curriculum.units[0].outcomes[0]
    outcome.skills.append(OutcomeSkill(skill_id=s["php"].id, origin="extracted", rejected=True))
    outcome.mentioned_skills = [s["monitoring"].id, s["php"].id]  # before the document filter
    db.session.commit()
    units = placement_units(curriculum)
    assert (
        s["monitoring"].id in units[0].skills
    )  # mentioned, not suggested: the unit choice sees it
    assert s["php"].id not in units[0].skills  # a person removed it
    assert s["monitoring"].id not in units[1].skills


def test_a_report_names_skills_only_mentioned_in_an_outcome(tkj) -> None:
    """A skill the unit choice sees only through the stored mentions (in no vacancy, not among
    the outcome's skills) gets its label read for the advice."""
    from app.services import gap_reports

    curriculum = tkj["curriculum"]
    only_mentioned = SkillFactory(label_en="cable management", label_id="manajemen kabel")
    curriculum.units[0].outcomes[0].mentioned_skills = [only_mentioned.id]
    db.session.commit()
    report = gap_reports.compute_report(curriculum, gap_reports.GapRequest("own"), "id")
    assert report["missing"]  # the advice was computed with the mentioned skill's label known


def test_a_missing_skill_an_outcome_only_mentions_is_not_said_to_be_taught(tkj, client) -> None:
    """An outcome whose text mentions a skill that is not among its skills (the document filter
    left it out) makes its unit the place, and the page says the outcomes touch it, not that the
    unit teaches the very skill it reports as missing."""
    s, curriculum = tkj["skills"], tkj["curriculum"]
    curriculum.units[0].outcomes[0].mentioned_skills = [s["monitoring"].id]
    db.session.commit()
    report = gap_reports.compute_report(curriculum, gap_reports.GapRequest("own"), "en")
    advice = missing(report)["monitoring"]["suggested_unit"]
    assert advice["name"] == "Administrasi Infrastruktur Jaringan"
    assert advice["related_skill"] == s["monitoring"].id
    login_as(client, tkj["school"])
    page = client.get(f"/school/curricula/{curriculum.id}/gap").get_data(as_text=True)
    row = page.split(">monitoring</strong>")[1].split("</tr>")[0]
    assert "capaian unit ini sudah menyinggungnya" in row  # the page's default language
    assert "mengajarkan monitoring" not in row


def test_the_report_advises_with_the_learned_model_and_the_second_embedder(
    tkj, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from app.services.linking import skill_index, unit_precedents
    from curricula.gap import supply
    from curricula.gap.model import load_placement_model

    seen = []
    real = supply.UnitPlacer.__init__

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        real(self, *args, **kwargs)
        seen.append((self.model, self.second_texts, self.precedents, self.precedent_values))

    monkeypatch.setattr(supply.UnitPlacer, "__init__", spy)
    gap_reports.compute_report(tkj["curriculum"], gap_reports.GapRequest("own"), "en")
    ((model, second, precedents, names),) = seen
    if skill_index().aux is not None:  # the units' texts by USE, and the shipped model
        assert model is load_placement_model()
        assert second is not None and len(second.rows) == len(tkj["curriculum"].units)
        # the labelled set's precedents, built once per process, and the units' names by USE
        assert precedents is unit_precedents() and len(precedents.skills) > 500
        assert names.shape == (len(tkj["curriculum"].units), len(precedents.skills))
        assert np.isfinite(names).all() and np.abs(names).max() <= 2.0  # cosine differences
    else:  # no second embedder: the weighted score, not a model fed zeros
        assert model is None and second is None and precedents is None


def test_without_the_precedents_the_report_advises_with_the_weighted_score(
    tkj, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from app.services import linking
    from curricula.gap import precedents, supply

    def unreadable(index):  # type: ignore[no-untyped-def]
        raise OSError("unit_placement.csv: not found")

    monkeypatch.setattr(precedents, "index_precedents", unreadable)
    monkeypatch.setattr(linking, "_PRECEDENTS", {})
    seen = []
    real = supply.UnitPlacer.__init__

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        real(self, *args, **kwargs)
        seen.append(self.model)

    monkeypatch.setattr(supply.UnitPlacer, "__init__", spy)
    report = gap_reports.compute_report(tkj["curriculum"], gap_reports.GapRequest("own"), "en")
    assert seen == [None]  # not a model fed zeros for its precedent term
    assert report["missing"] and linking.unit_precedents() is None  # built once: no retry
