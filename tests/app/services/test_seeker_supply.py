"""The supply aggregate: kept up to date on every save (incremental equals a full rebuild after
new profiles, skill changes, a move, a deactivation and a deletion), and its command line."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Region, SeekerSkill, SeekerSupply
from app.services import seeker_supply
from tests.factories import SeekerProfileFactory, SkillFactory, UserFactory


def contents() -> list[tuple]:
    columns = [c for c in SeekerSupply.__table__.columns if c.name != "id"]
    return sorted((tuple(r) for r in db.session.execute(select(*columns))), key=repr)


def assert_incremental_equals_rebuild() -> list[tuple]:
    kept = contents()
    seeker_supply.rebuild_supply()
    assert contents() == kept
    return kept


def people(region_id: int | None = None) -> int:
    query = select(SeekerSupply.seekers).where(SeekerSupply.skill_id.is_(None))
    if region_id is not None:
        query = query.where(SeekerSupply.region_id == region_id)
    return sum(db.session.scalars(query))


def test_saves_keep_the_aggregate_equal_to_a_rebuild(app) -> None:  # type: ignore[no-untyped-def]
    a, b = list(db.session.scalars(select(Region).order_by(Region.code)))[:2]
    python, sql = SkillFactory(), SkillFactory()
    profiles = [SeekerProfileFactory(region=a, education_level="sma_smk") for _ in range(3)]
    profiles[0].skills.append(SeekerSkill(skill_id=python.id, origin="declared"))
    profiles[1].skills.append(SeekerSkill(skill_id=python.id, origin="verified"))
    profiles[2].skills.append(SeekerSkill(skill_id=sql.id, origin="extracted", confirmed=False))
    db.session.commit()
    assert people(a.id) == 3
    assert "declared" in {r[4] for r in assert_incremental_equals_rebuild()}
    profiles[2].skills[0].confirmed = True  # a CV suggestion confirmed
    profiles[0].skills[0].rejected = True  # a skill removed
    db.session.commit()
    assert_incremental_equals_rebuild()
    profiles[1].region = b  # moved
    profiles[1].education_level = "s1"
    db.session.commit()
    assert (people(a.id), people(b.id)) == (2, 1)
    assert_incremental_equals_rebuild()
    profiles[2].user.active = False  # deactivated
    db.session.commit()
    assert people(a.id) == 1
    assert_incremental_equals_rebuild()
    db.session.delete(profiles[0].user)  # account deleted (the profile goes with it)
    db.session.commit()
    assert people() == 1
    assert_incremental_equals_rebuild()
    UserFactory(role="employer")  # other roles do not count
    assert people() == 1


def test_rebuild_command(runner, app) -> None:  # type: ignore[no-untyped-def]
    SeekerProfileFactory()
    db.session.execute(SeekerSupply.__table__.delete())
    db.session.commit()
    result = runner.invoke(args=["supply", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "1 job seekers counted" in result.output
    assert people() == 1
