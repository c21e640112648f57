"""Partial matches only between interchangeable skills: Java is not a partial Python."""

from __future__ import annotations

import pytest

from matching.scoring.neighbours import SkillFacts, interchangeable, is_named, shared_kind

FACTS = {
    "java": SkillFacts("Java (computer programming)", "computer programming"),
    "python": SkillFacts("Python (computer programming)", "computer programming"),
    "programming": SkillFacts("computer programming", "computer programming"),
    "dbms": SkillFacts("database management systems", "databases"),
    "mysql": SkillFacts("MySQL", "Data base management system software", "dbms"),
    "postgres": SkillFacts("PostgreSQL", "Data base management system software", "dbms"),
    "analysis": SkillFacts("perform data analysis", "data"),
    "mining": SkillFacts("perform data mining", "data"),
    "ict": SkillFacts("ICT network routing", "networks"),
    "ict2": SkillFacts("ICT networking hardware", "networks"),
    "photoshop": SkillFacts("Adobe Photoshop", "design software"),
}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("java", "python", False),  # two languages of one broad group: different tools
        ("java", "programming", True),  # a language and the generic skill of its group
        ("mysql", "postgres", True),  # tools under the same parent skill
        ("mysql", "dbms", True),  # a tool and its parent
        ("analysis", "mining", True),  # generic skills of one group
        ("ict", "ict2", True),  # an acronym is not a product name
        ("photoshop", "java", False),  # different groups
        ("java", "unknown", False),
    ],
)
def test_interchangeable(a: str, b: str, expected: bool) -> None:
    assert interchangeable(a, b, FACTS) is expected
    assert interchangeable(b, a, FACTS) is expected


def test_named_and_the_shared_kind() -> None:
    assert is_named("MikroTik RouterOS") and not is_named("perform data analysis")
    assert not is_named("SQL")
    labels = {"dbms": "sistem manajemen basis data"}
    assert shared_kind("mysql", "postgres", FACTS, labels) == "sistem manajemen basis data"
    assert shared_kind("analysis", "mining", FACTS, labels) == "data"


def test_the_members_of_a_group_a_knowledge_skill_names_earn_credit_towards_it() -> None:
    from matching.scoring.neighbours import SkillNeighbours, group_members

    facts = {
        **FACTS,
        "web": SkillFacts("web programming", "computer programming", None, "knowledge"),
        "php": SkillFacts("PHP", "web programming", None, "knowledge"),
        "js": SkillFacts("JavaScript", "Web Programming", None, "knowledge"),
        "laravel": SkillFacts("Laravel", "web programming", None, "tool"),
        "debug": SkillFacts("debug web pages", "web programming", None, "skill"),
        # ESCO names groups after generic and soft skills too: their members are other tasks
        "critical": SkillFacts("think critically", "thinking", None, "transversal"),
        "sensors": SkillFacts("test sensors", "think critically", None, "skill"),
        "sql": SkillFacts("SQL", "think critically", None, "knowledge"),
    }
    members = group_members(facts, 0.9)
    assert members == {"web": {"php": 0.9, "js": 0.9, "laravel": 0.9}}  # not the task, one way
    near = SkillNeighbours({"web": {"programming": 0.4, "php": 0.95}}).merged(members)
    assert near.near("web") == {"programming": 0.4, "php": 0.95, "js": 0.9, "laravel": 0.9}
    assert shared_kind("web", "php", facts, {"web": "pemrograman web"}) == "pemrograman web"
    assert shared_kind("php", "web", facts, {}) == "web programming"
    assert shared_kind("critical", "sql", facts, {}) == ""  # no member of a soft skill
