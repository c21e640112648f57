"""The vocabulary build's small parts (``matching.vocab``): the project layer's CSV cells,
merging labels and aliases into drafts, ESCO cells, and records written and read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.lab.vocab.draft import Draft
from matching.lab.vocab.idlayer import (
    alias_cells,
    merge_aliases,
    merge_descriptions,
    merge_labels,
    read_glob,
    read_layer,
    split_multi,
)
from matching.lab.vocab.sources import split_labels, uuid_of
from matching.vocab.model import Alias, Occupation, Programme, Skill
from matching.vocab.serialise import dumps, occupation_from, programme_from, skill_from


def _draft(**fields: object) -> Draft:
    values = {"id": "s1", "uri": None, "label_en": "use spreadsheets software", "type": "skill"}
    values.update(fields)
    return Draft(**values)  # type: ignore[arg-type]


def test_read_layer_skips_comments_and_blank_lines_and_strips_cells(tmp_path: Path) -> None:
    path = tmp_path / "labels_a.csv"
    path.write_text(
        "# a comment\nid,label_en,label_id\n\n  # indented comment\n s1 , Excel ,  Excel \ns2,,\n",
        encoding="utf-8",
    )
    assert read_layer(path) == [
        {"id": "s1", "label_en": "Excel", "label_id": "Excel"},
        {"id": "s2", "label_en": "", "label_id": ""},
    ]
    assert read_layer(tmp_path / "missing.csv") == []


def test_read_glob_reads_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "labels_b.csv").write_text("id,label_id\nb,B\n", encoding="utf-8")
    (tmp_path / "labels_a.csv").write_text("id,label_id\na,A\n", encoding="utf-8")
    (tmp_path / "other.csv").write_text("id,label_id\nz,Z\n", encoding="utf-8")
    assert [row["id"] for row in read_glob(tmp_path, "labels_*.csv")] == ["a", "b"]


@pytest.mark.parametrize(
    ("cell", "parts"),
    [("a | b|c", ["a", "b", "c"]), ("", []), (" | |x", ["x"]), ("one", ["one"])],
)
def test_split_multi(cell: str, parts: list[str]) -> None:
    assert split_multi(cell) == parts


def test_alias_cells_give_language_and_kind_per_column() -> None:
    row = {
        "id": "s1",
        "alias_id": "lembar kerja|spreadsheet",
        "shorthand_id": "exel",
        "abbr": "XLS|id:PBO",
        "alias_en": "spreadsheet software",
        "typo": "excell",
    }
    assert alias_cells(row) == [
        ("lembar kerja", "id", "label_id"),
        ("spreadsheet", "id", "label_id"),
        ("exel", "id", "shorthand"),
        ("XLS", "en", "abbr"),
        ("PBO", "id", "abbr"),  # the id: prefix marks an Indonesian abbreviation
        ("spreadsheet software", "en", "alt"),
        ("excell", "id", "typo"),
    ]
    assert alias_cells({"id": "s1"}) == []


def test_an_alias_equal_to_a_label_or_another_alias_is_not_added_twice() -> None:
    draft = _draft(label_id="menggunakan perangkat lunak lembar kerja")
    draft.add_alias("Use  Spreadsheets   Software", "en", "alt")  # the English label
    draft.add_alias("MENGGUNAKAN perangkat lunak lembar kerja", "id", "label_id")
    draft.add_alias("Excel", "en", "tool")
    draft.add_alias("excel", "en", "alt")
    draft.add_alias("excel", "id", "shorthand")  # another language: kept
    draft.add_alias("   ", "id", "typo")
    assert draft.aliases == [Alias("Excel", "en", "tool"), Alias("excel", "id", "shorthand")]


def test_freeze_sorts_codes_and_keeps_alias_order() -> None:
    draft = _draft(skkni={"J.62", "B.10"}, kbji={"3512", "2512"})
    draft.add_alias("b", "en", "alt")
    draft.add_alias("a", "en", "alt")
    skill = draft.freeze()
    assert (skill.skkni, skill.kbji) == (("B.10", "J.62"), ("2512", "3512"))
    assert [a.text for a in skill.aliases] == ["b", "a"]


def test_merge_labels_and_aliases_from_a_layer_folder(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "labels_core.csv").write_text(
        "id,label_en,label_id\ns1,use spreadsheets software,menggunakan lembar kerja\n"
        "s9,unknown skill,tidak dikenal\ns2,Wrong Label,label baru\n",
        encoding="utf-8",
    )
    (tmp_path / "aliases_core.csv").write_text(
        "id,label_en,alias_id,shorthand_id,abbr,alias_en,typo\ns1,,lembar kerja,,,,\n",
        encoding="utf-8",
    )
    drafts = {"s1": _draft(), "s2": _draft(id="s2", label_en="Python")}
    merge_labels(drafts, tmp_path)
    merge_aliases(drafts, tmp_path)
    assert drafts["s1"].label_id == "menggunakan lembar kerja"
    assert drafts["s1"].aliases == [Alias("lembar kerja", "id", "label_id")]
    assert drafts["s2"].label_id == "label baru"  # merged, with a warning about the label
    warnings = capsys.readouterr().err
    assert "unknown skill id 's9'" in warnings
    assert "s2 is 'Python', layer says 'Wrong Label'" in warnings


def test_merge_descriptions_fills_only_the_missing_ones(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "descriptions.csv").write_text(
        "# a comment\n"
        "id,label_en,description_en,description_id,source\n"
        "s1,use spreadsheets software,ESCO has one.,Ada.,project\n"
        'tool-zabbix,Zabbix,"Zabbix  is a\n monitoring platform.",Platform pemantauan.,project\n'
        "s9,unknown skill,Nobody.,Tidak ada.,project\n"
        "s3,empty,,Hanya bahasa Indonesia.,project\n",
        encoding="utf-8",
    )
    drafts = {
        "s1": _draft(description="The ESCO definition."),
        "tool-zabbix": _draft(id="tool-zabbix", label_en="Zabbix", type="tool"),
        "s3": _draft(id="s3", label_en="empty"),
    }
    merge_descriptions(drafts, tmp_path)
    assert drafts["s1"].description == "The ESCO definition."  # never replaced
    assert drafts["tool-zabbix"].description == "Zabbix is a monitoring platform."  # one line
    assert drafts["s3"].description == ""  # the Indonesian sentence alone is not read
    assert "unknown skill id 's9'" in capsys.readouterr().err


def test_every_shipped_description_row_names_a_skill_without_an_esco_one() -> None:
    from matching.lab.vocab.build import LAYER_DIR
    from matching.vocab import load_vocabulary

    rows = read_layer(LAYER_DIR / "descriptions.csv")
    skills = {s.id: s for s in load_vocabulary().skills}
    assert len(rows) == 619
    assert all(r["description_en"] and r["description_id"] for r in rows)
    assert all(skills[r["id"]].description == " ".join(r["description_en"].split()) for r in rows)
    assert all(s.description for s in skills.values())  # every skill has one now


@pytest.mark.parametrize(
    ("uri", "tail"),
    [
        ("http://data.europa.eu/esco/skill/abc-123", "abc-123"),
        ("http://data.europa.eu/esco/skill/abc-123/", "abc-123"),
        ("abc", "abc"),
    ],
)
def test_uuid_of(uri: str, tail: str) -> None:
    assert uuid_of(uri) == tail


def test_split_labels_reads_newlines_and_pipes_without_repeats() -> None:
    assert split_labels("MS Excel\nExcel | spreadsheet  software\n\nExcel") == [
        "MS Excel",
        "Excel",
        "spreadsheet software",
    ]
    assert split_labels("") == []


def test_a_skill_written_and_read_back_is_the_same() -> None:
    import json

    skill = Skill(
        id="s1",
        uri="http://data.europa.eu/esco/skill/s1",
        label_en="use spreadsheets software",
        label_id="menggunakan lembar kerja",
        type="skill",
        group="digital",
        description="Memakai Excel — “lembar kerja”.",
        aliases=(Alias("Excel", "en", "tool"),),
        parent="p1",
        skkni=("J.62",),
        kbji=("2512",),
    )
    line = dumps(skill)
    assert "\n" not in line and "“lembar kerja”" in line  # UTF-8, not escaped
    assert skill_from(json.loads(line)) == skill


def test_a_minimal_skill_gets_its_defaults() -> None:
    data = {"id": "s2", "label_en": "Python", "label_id": "Python", "type": "tool"}
    skill = skill_from(data)
    assert (skill.uri, skill.group, skill.aliases, skill.parent, skill.kbji) == (
        None,
        "",
        (),
        None,
        (),
    )


def test_occupations_and_programmes_read_back() -> None:
    import json

    occupation = Occupation("o1", None, "2512", "software developers", "pengembang", ("s1",))
    programme = Programme(
        "PPLG", "Pengembangan Perangkat Lunak dan Gim", ("RPL",), ("s1",), ("RPL",)
    )
    assert occupation_from(json.loads(dumps(occupation))) == occupation
    assert programme_from(json.loads(dumps(programme))) == programme
    assert programme_from({"code": "X", "name_id": "Y"}) == Programme("X", "Y")
