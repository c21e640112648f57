"""The project's own skills (``matching.lab.vocab.project``) and the shipped ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.lab.vocab.draft import Draft
from matching.lab.vocab.project import PROJECT_SKILLS, add_project_skills
from matching.vocab import load_vocabulary

HEADER = "id,label_en,label_id,type,parent_id,source,description,aliases_id,aliases_en\n"


def test_a_row_becomes_a_skill_with_its_aliases(tmp_path: Path) -> None:
    (tmp_path / PROJECT_SKILLS).write_text(
        HEADER + "skill-x,configure VLANs,mengonfigurasi VLAN,skill,p,project,d,VLAN dasar,VLAN\n",
        encoding="utf-8",
    )
    drafts = {"p": Draft(id="p", uri=None, label_en="routing", type="knowledge")}
    assert add_project_skills(tmp_path, drafts) == ["skill-x"]
    skill = drafts["skill-x"]
    assert skill.parent == "p"
    assert {(a.text, a.lang) for a in skill.aliases} == {("VLAN dasar", "id"), ("VLAN", "en")}


def test_a_row_needs_a_known_source(tmp_path: Path) -> None:
    (tmp_path / PROJECT_SKILLS).write_text(
        HEADER + "skill-x,x,x,skill,,blog,d,,\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="unknown source"):
        add_project_skills(tmp_path, {})


def test_the_shipped_vocabulary_has_the_local_skills() -> None:
    labels = {s.label_en for s in load_vocabulary().skills}
    assert {"configure VLANs", "manage hotspot and PPPoE users", "Odoo", "Dapodik"} <= labels
