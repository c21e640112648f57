"""CV suggestions are ticked in advance only above the fitted confidence (issue 13)."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import SeekerSkill
from app.services import seekers
from matching import mentions
from matching.linking.document_filter import DocumentParams
from tests.conftest import login_as
from tests.factories import SeekerProfileFactory, SkillFactory


def test_the_shipped_score_ticks_only_confident_suggestions() -> None:
    assert mentions.shipped_document_params().pretick >= 0.9


def test_only_confident_suggestions_are_ticked(client, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    floor = 0.9
    monkeypatch.setattr(mentions, "shipped_document_params", lambda: DocumentParams(pretick=floor))
    profile = SeekerProfileFactory()
    sure, unsure = SkillFactory(), SkillFactory()
    for skill, confidence in ((sure, 1.0), (unsure, floor - 0.05)):
        profile.skills.append(
            SeekerSkill(
                skill_id=skill.id, origin="extracted", confirmed=False, confidence=confidence
            )
        )
    db.session.commit()
    pending = seekers.pending_skills(profile)
    ticked = seekers.preticked_ids(pending)
    assert {link.skill_id for link in pending if link.id in ticked} == {sure.id}

    login_as(client, profile.user)
    page = client.get("/seeker/skills").get_data(as_text=True)
    by_skill = {link.skill_id: link.id for link in pending}
    assert f'id="pending-{by_skill[sure.id]}" checked>' in page
    assert f'id="pending-{by_skill[unsure.id]}">' in page
