"""The gap advice's unit choice on the shipped vocabulary and model (issue 13): rows of the
labelled set (the issue's failures among them) with their terms computed by the app's
``unit_terms`` and advised by the shipped learned model
(``curricula/gap/data/placement_model.json``, as ``UnitPlacer`` does), including skills of
another field that must get "new unit or elective" instead of a forced unit. The model was
fitted on these rows among the others: these are regression checks in sample, not held-out
figures (``python -m curricula.lab.gap.evaluate_ranker`` prints those)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from curricula.gap.model import load_placement_model
from curricula.lab.gap.cases import NONE, Case, demo_units, load_cases, with_precedent
from curricula.lab.gap.evaluate_ranker import predict

ROWS = [  # (curriculum, skill, the right unit)
    ("demo:TJKT", "Cisco IOS", "TKJ-F-02"),  # routing on MikroTik and Cisco routers
    ("demo:TJKT", "perform ICT troubleshooting", "TKJ-F-02"),  # was Projek Kreatif
    ("demo:TJKT", "PHP", NONE),  # web programming in a network programme: no unit is the place
    ("demo:TJKT", "Adobe Photoshop", NONE),
    ("demo:PPLG", "React", "RPL-F-01"),
    # router configuration in a software programme: the weighted score's description term sent
    # it to the mobile unit ("sistem operasi perangkat bergerak"); the fitted model does not
    ("demo:PPLG", "MikroTik RouterOS", NONE),
    ("demo:TJKT", "Zabbix", "TKJ-F-03"),  # monitoring: the server administration unit
    ("demo:DKV", "Blender", NONE),  # 3D: no unit of this DKV curriculum teaches it
]


@pytest.fixture(scope="module")
def cases(e5_model_dir: Path) -> list[Case]:  # noqa: ARG001 - the model must be built
    rows = [{"curriculum": c, "skill": s, "unit": u, "note": ""} for c, s, u in ROWS]
    return load_cases(rows)


def test_units_and_none_with_the_shipped_model(cases: list[Case]) -> None:
    assert predict(cases, load_placement_model()) == [unit for _, _, unit in ROWS]


# The TKJ curriculum of the demo with the Projek Kreatif dan Kewirausahaan unit that SMK
# curricula carry (Kurikulum Merdeka): the unit the old advice (highest raw cosine) chose for
# troubleshooting; PHP went to Administrasi Sistem Jaringan (TKJ-F-03).
PKK = "TKJ-F-07"
PKK_UNIT = (
    PKK,
    "Produk Kreatif dan Kewirausahaan",
    [
        "Pada akhir fase F, peserta didik mampu mengidentifikasi peluang usaha jasa jaringan.",
        "Pada akhir fase F, peserta didik mampu merencanakan dan mengerjakan projek secara "
        "berkelompok, serta menghitung biaya dan harga jual jasa.",
    ],
)
TKJ_ROWS = [  # (skill, the right unit)
    ("perform ICT troubleshooting", "TKJ-F-02"),
    ("PHP", NONE),
    ("Unity (digital game creation systems)", NONE),  # nothing in the curriculum teaches it
]


@pytest.fixture(scope="module")
def tkj_advice(e5_model_dir: Path) -> list[str]:  # noqa: ARG001 - the model must be built
    units = [*demo_units("TJKT"), PKK_UNIT]
    rows = [{"curriculum": "demo:TKJ+PKK", "skill": s, "unit": u, "note": ""} for s, u in TKJ_ROWS]
    found = load_cases(rows, curricula={"demo:TKJ+PKK": units})
    # the precedents leave the demo TJKT's own labels out: this curriculum is that one
    found = [replace(c, features=with_precedent(c, ["demo:TJKT"])) for c in found]
    return predict(found, load_placement_model())


def test_troubleshooting_does_not_go_to_projek_kreatif(tkj_advice: list[str]) -> None:
    assert tkj_advice[0] != PKK
    assert tkj_advice[0] == "TKJ-F-02"


def test_php_does_not_go_to_administrasi_sistem_jaringan(tkj_advice: list[str]) -> None:
    assert tkj_advice[1] != "TKJ-F-03"
    assert tkj_advice[1] == NONE


def test_a_skill_nothing_teaches_is_a_new_unit_or_elective(tkj_advice: list[str]) -> None:
    assert tkj_advice[2] == NONE
