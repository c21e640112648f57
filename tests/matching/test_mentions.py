"""An exact skill name always counts, on top of the calibrated ``extract``."""

from __future__ import annotations

from dataclasses import dataclass

from matching.linking.types import SkillMention
from matching.mentions import with_exact_names


@dataclass
class Hit:
    skill: int
    start: int
    end: int
    weight: float


@dataclass
class Entry:
    skill_id: str


class Aliases:
    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits

    def find(self, text: str) -> list[Hit]:
        return self.hits


class Index:
    def __init__(self, hits: list[Hit]) -> None:
        self.entries = [Entry("php"), Entry("mysql"), Entry("loose")]
        self.aliases = Aliases(hits)

    def extract(self, text: str) -> list[SkillMention]:
        return []


TEXT = "Menguasai PHP, MySQL dan lainnya."


def test_exact_names_left_out_by_ranking_are_added_with_offsets() -> None:
    found = SkillMention("mysql", 0.9, 15, 20, "MySQL", "alias")
    index = Index([Hit(0, 10, 13, 1.0), Hit(1, 15, 20, 1.0), Hit(2, 25, 32, 0.8)])
    result = with_exact_names(index, TEXT, [found])
    assert [m.skill_id for m in result] == ["php", "mysql"]  # the loose alias (0.8) is not added
    php = result[0]
    assert TEXT[php.start : php.end] == php.evidence == "PHP" and php.method == "alias"
    assert result[1] is found  # what extract found is kept as it was
