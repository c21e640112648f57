"""The gap advice's unit choice on the shipped vocabulary and model (issue 13): rows of the
labelled set scored as the app scores them, with the default parameters, including skills of
another field that must get "new unit or elective" instead of a forced unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from curricula.gap.placement import DEFAULT_PLACEMENT
from curricula.lab.gap.evaluate_units import NONE, Table, load_cases

ROWS = [  # (curriculum, skill, the right unit)
    ("demo:TJKT", "Cisco IOS", "TKJ-F-02"),  # routing on MikroTik and Cisco routers
    ("demo:TJKT", "perform ICT troubleshooting", "TKJ-F-02"),  # was Projek Kreatif
    ("demo:TJKT", "PHP", NONE),  # web programming in a network programme: no unit is the place
    ("demo:TJKT", "Adobe Photoshop", NONE),
    ("demo:PPLG", "React", "RPL-F-01"),
    ("demo:PPLG", "MikroTik RouterOS", NONE),
    ("demo:DKV", "Blender", NONE),  # 3D: no unit of this DKV curriculum teaches it
]


@pytest.fixture(scope="module")
def table(e5_model_dir: Path) -> Table:  # noqa: ARG001 - the model must be built
    rows = [{"curriculum": c, "skill": s, "unit": u, "note": ""} for c, s, u in ROWS]
    return Table(load_cases(rows))


def test_units_and_none_with_the_default_parameters(table: Table) -> None:
    assert table.predict(DEFAULT_PLACEMENT) == [unit for _, _, unit in ROWS]
