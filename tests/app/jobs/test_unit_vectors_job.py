"""A saved curriculum's unit vectors are stored by the job that reads its skills (the upload
form's path), by the command line's import and by ``flask match reindex`` (after a seed); running
either again embeds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import Curriculum, TextVector
from app.services import vectors
from tests.app.jobs.test_skill_jobs import EXAMPLES, save_example
from tests.app.schools.test_gap_advice import taught
from tests.conftest import login_as
from tests.factories import SchoolUserFactory, SkillFactory


def unit_rows() -> dict[int, str]:
    db.session.expire_all()
    found = db.session.execute(
        select(TextVector.object_id, TextVector.text_hash).where(
            TextVector.subject == vectors.UNIT_SUBJECT
        )
    )
    return dict(found.all())


def test_the_skills_job_of_an_uploaded_curriculum_stores_its_unit_vectors(
    app, client, vocab
) -> None:  # type: ignore[no-untyped-def]
    login_as(client, SchoolUserFactory())
    save_example(client)  # the job runs eagerly in tests
    curriculum = db.session.scalar(select(Curriculum))
    stored = unit_rows()
    assert set(stored) == {unit_id for unit_id, _ in vectors.unit_items(curriculum)}
    assert len(stored) == len(curriculum.units)
    for unit_id, texts in vectors.unit_items(curriculum):
        assert stored[unit_id] == vectors.text_hash(texts)
    assert vectors.store_unit_vectors(curriculum) == 0  # nothing left to embed


def test_the_command_line_import_stores_them_too(app, vocab, runner) -> None:  # type: ignore[no-untyped-def]
    school = SchoolUserFactory()
    result = runner.invoke(
        args=["curricula", "import", str(EXAMPLES / "template.json"), "--school", school.email]
    )
    assert result.exit_code == 0, result.output
    curriculum = db.session.scalar(select(Curriculum))
    assert len(unit_rows()) == len(curriculum.units) > 0


def test_reindex_stores_the_unit_vectors_of_seeded_curricula(app, runner) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory(label_id="merakit komputer")
    school = SchoolUserFactory()
    for year in (2024, 2025):  # two versions with the same units
        db.session.add(
            Curriculum(
                organisation_id=school.organisation_id,
                programme="TKJ",
                level="smk",
                version_year=year,
                units=[taught("Perakitan Komputer", skill), taught("Jaringan Dasar", skill)],
            )
        )
    db.session.commit()
    assert unit_rows() == {}
    first = runner.invoke(args=["match", "reindex"])
    assert first.exit_code == 0, first.output
    assert "curriculum units: 4 embedded" in first.output
    assert len(unit_rows()) == 4
    again = runner.invoke(args=["match", "reindex"])
    assert "curriculum units: 0 embedded" in again.output
    assert db.session.scalar(select(func.count()).select_from(TextVector)) == 4
