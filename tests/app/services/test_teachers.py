"""Teacher matching against the skills a plan adds, teacher-training advice (only trainings
for teachers, nearby or online first), and the teacher's one-time link (hashed, once, expiry)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import GapReportSnapshot, Region, Teacher, Training, TrainingSkill
from app.models.base import utcnow
from app.services import teachers, trainings
from app.services.errors import NotFoundError
from app.services.tracer.tokens import hash_token
from tests.factories import CurriculumFactory, OrganisationFactory, SkillFactory


@pytest.fixture(autouse=True)
def no_near_skills(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exact skills only (the near-skill index needs the embedding model)."""
    monkeypatch.setattr(trainings, "neighbours", lambda: None)


def _training(org, title, skills, mode="offline", region=None, audience="teachers"):  # type: ignore[no-untyped-def]
    training = Training(organisation=org, title=title, mode=mode, region=region,
                        audience=audience, cost=0)  # fmt: skip
    training.skills = [TrainingSkill(skill_id=s.id, origin="declared") for s in skills]
    db.session.add(training)
    db.session.commit()
    return training


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    docker, linux, firewall = SkillFactory(), SkillFactory(), SkillFactory()
    curriculum = CurriculumFactory()
    budi = teachers.save_teacher(curriculum, "Budi", "Administrasi Sistem Jaringan, Basis Data")
    sari = teachers.save_teacher(curriculum, "Sari", "Keamanan Jaringan")
    teachers.add_skill(budi, linux.id)
    teachers.add_skill(sari, firewall.id)
    return curriculum, budi, sari, docker, linux, firewall


def test_match_names_who_has_each_skill_and_who_needs_upskilling(scene) -> None:  # type: ignore[no-untyped-def]
    curriculum, budi, sari, docker, linux, firewall = scene
    plan = [(docker.id, "Administrasi Sistem Jaringan", "strengthen"),
            (linux.id, "Administrasi Sistem Jaringan", "strengthen"),
            (firewall.id, None, "add")]  # fmt: skip
    found = teachers.match(curriculum, plan)
    unit = next(u for u in found.units if u.unit == "Administrasi Sistem Jaringan")
    assert unit.action == "strengthen" and unit.skills == [docker.id, linux.id]
    assert unit.have == {docker.id: [], linux.id: [budi]}
    # only Budi's subjects name the unit: he is the one to upskill, in Docker
    assert [(t.name, lacking) for t, lacking in unit.upskill] == [("Budi", [docker.id])]
    # a skill without a unit: every teacher lacking it
    loose = next(u for u in found.units if u.unit is None)
    assert loose.have[firewall.id] == [sari]
    assert [t.name for t, _ in loose.upskill] == ["Budi"]
    assert {a.teacher.name: a.missing for a in found.advice} == {"Budi": (docker.id, firewall.id)}


def test_plain_skill_ids_and_gap_report_targets(scene) -> None:  # type: ignore[no-untyped-def]
    curriculum, _budi, _sari, docker, _linux, _firewall = scene
    assert teachers.targets([docker.id]) == [teachers.SkillTarget(docker.id, None, "add")]
    assert teachers.gap_report_targets(curriculum) == []
    db.session.add(GapReportSnapshot(
        curriculum=curriculum, created_at=utcnow(), parameters={}, coverage=0.5,
        vacancies_considered=3,
        result={"missing": [{"skill_id": docker.id,
                             "suggested_unit": {"name": "Basis Data", "action": "add"}}]},
    ))  # fmt: skip
    db.session.commit()
    assert teachers.gap_report_targets(curriculum) == [
        teachers.SkillTarget(docker.id, "Basis Data", "add")
    ]


def test_advice_takes_teacher_trainings_nearby_or_online_first(scene) -> None:  # type: ignore[no-untyped-def]
    curriculum, _budi, _sari, docker, _linux, firewall = scene
    provider = OrganisationFactory(kind="training_provider")
    home = curriculum.organisation.region
    far = db.session.scalars(select(Region).where(Region.id != home.id)).first()
    _training(provider, "Bootcamp for seekers", [docker, firewall], audience="seekers")
    _training(provider, "Far internship", [docker], region=far)
    near = _training(provider, "Teacher internship nearby", [docker], region=home)
    both = _training(provider, "Vendor academy", [firewall], mode="online", audience="all")
    found = teachers.match(curriculum, [docker.id, firewall.id])
    budi = next(a for a in found.advice if a.teacher.name == "Budi")
    chosen = [step.training.training_id for step in budi.plan.steps]
    assert sorted(chosen) == sorted([str(near.id), str(both.id)])  # never the seekers' bootcamp
    assert budi.plan.uncovered == ()
    # the seekers' advice never offers a training for teachers only
    offers, _ = trainings.catalogue()
    assert {o.title for o in offers} == {"Bootcamp for seekers", "Vendor academy"}


def test_teacher_link_is_hashed_works_once_and_expires(scene) -> None:  # type: ignore[no-untyped-def]
    _curriculum, budi, _sari, docker, linux, _firewall = scene
    token = teachers.invite(budi)
    stored = db.session.get(Teacher, budi.id)
    assert stored.token_hash == hash_token(token) and token not in stored.token_hash
    assert teachers.teacher_for_token(token) == budi
    teachers.declare_skills(budi, [docker.id, "no-such-skill"])
    assert teachers.skill_ids(budi) == {docker.id, linux.id}
    with pytest.raises(NotFoundError):
        teachers.teacher_for_token(token)  # used once
    token = teachers.invite(budi)
    budi.token_expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    with pytest.raises(NotFoundError):
        teachers.teacher_for_token(token)
