"""Regions and occupation groups are read from CSV files by one reader (a bad row names its
line) and inserted or updated by their code (loading again adds nothing, and updates)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import OccupationGroup, Region
from app.services.occupation_groups import load_groups, read_groups
from app.services.regions import load_regions, read_regions

REGIONS = "code,name,kind,province\n9901,Kota Uji,kota,Uji\n"
GROUPS = "code,title_id,title_en,description_id\n 9901 ,Penguji,Tester,\n"


@pytest.mark.parametrize(
    ("read", "text", "message"),
    [
        (read_regions, REGIONS + "9902,,kota,\n", "line 3: missing name, province"),
        (read_groups, GROUPS + "991,Penguji,,\n", "line 3: code must be 4 digits"),
        (read_groups, GROUPS + "9902, ,,\n", "line 3: missing title_id"),
    ],
)
def test_a_bad_row_names_its_line(read, text: str, message: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=f"rows.csv: {message}$"):
        read(path)


def test_loading_again_adds_nothing_and_updates(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    regions, groups = tmp_path / "regions.csv", tmp_path / "groups.csv"
    regions.write_text(REGIONS, encoding="utf-8")
    groups.write_text(GROUPS, encoding="utf-8")
    assert (load_regions(regions), load_groups(groups)) == (1, 1)
    regions.write_text(REGIONS.replace("Kota Uji", "Kota Uji Baru"), encoding="utf-8")
    groups.write_text(GROUPS.replace("Tester", "Test engineer"), encoding="utf-8")
    assert (load_regions(regions), load_groups(groups)) == (0, 0)
    assert db.session.scalar(select(Region.name).where(Region.code == "9901")) == "Kota Uji Baru"
    group = db.session.scalar(select(OccupationGroup).where(OccupationGroup.code == "9901"))
    assert (group.title_id, group.title_en, group.description_id) == (
        "Penguji",
        "Test engineer",
        "",
    )
