"""Why a vacancy was found, in a seeker's words (``search_reasons``), and the places read from
a search text."""

from __future__ import annotations

from flask import Flask

from app.extensions import db
from app.models import VacancySkill
from app.services.search_reasons import (
    MEANING_REASON_FLOOR,
    place_notes,
    place_region_ids,
    read_query,
    reasons_for,
)
from app.services.vacancy_rows import region_lookup
from matching.search_query import ParsedQuery
from tests.factories import SkillFactory, VacancyFactory


def vacancy_with(*skills, rejected: tuple = (), **kwargs):  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(**kwargs)
    for skill in skills:
        vacancy.skills.append(
            VacancySkill(
                skill_id=skill.id,
                importance="required",
                origin="declared",
                rejected=skill in rejected,
            )
        )
    db.session.commit()
    return vacancy


def test_named_skills_say_whether_the_seeker_has_them(app: Flask) -> None:
    mikrotik = SkillFactory(id="tool-mikrotik", label_id="MikroTik", label_en="MikroTik RouterOS")
    linux = SkillFactory(id="tool-linux", label_id="Linux", label_en="Linux")
    vacancy = vacancy_with(mikrotik, linux, title="Admin Server", description="Mengelola server.")
    read = ParsedQuery(topic="zzz")
    found = reasons_for(
        vacancy,
        read,
        ["tool-mikrotik", "tool-linux", "tool-mikrotik"],
        frozenset({"tool-linux"}),
        0,
        0,
    )
    assert found == ("Meminta MikroTik", "Meminta Linux, yang Anda miliki")


def test_a_rejected_or_absent_skill_is_not_a_reason(app: Flask) -> None:
    mikrotik = SkillFactory(id="tool-mikrotik", label_id="MikroTik")
    absent = SkillFactory(id="tool-cisco")
    vacancy = vacancy_with(mikrotik, rejected=(mikrotik,), title="Admin", description="Server.")
    assert (
        reasons_for(vacancy, ParsedQuery(topic=""), [mikrotik.id, absent.id], frozenset(), 0, 0)
        == ()
    )


def test_title_words_come_before_text_words(app: Flask) -> None:
    vacancy = vacancy_with(
        title="Teknisi Jaringan", description="Memasang kabel dan router mikrotik."
    )
    read = ParsedQuery(topic="jaringan mikrotik")
    assert reasons_for(vacancy, read, [], frozenset(), 0.5, 0) == ("Judul cocok dengan “jaringan”",)
    read = ParsedQuery(topic="router mikrotik")
    assert reasons_for(vacancy, read, [], frozenset(), 0.5, 0) == ("Menyebut “router mikrotik”",)
    assert reasons_for(vacancy, read, [], frozenset(), 0.0, 0) == ()


def test_words_apart_in_the_title_are_quoted_apart(app: Flask) -> None:
    # showed "Judul cocok dengan “programmer smk”", a phrase the title does not hold
    vacancy = vacancy_with(
        title="Magang Programmer (Siswa SMK RPL)", description="Gudang dan stok barang."
    )
    read = ParsedQuery(topic="lowongan programmer lulusan smk rpl")
    assert reasons_for(vacancy, read, [], frozenset(), 0.5, 0) == (
        "Judul cocok dengan “programmer”, “smk rpl”",
    )
    read = ParsedQuery(topic="admin gudang excel")
    assert reasons_for(vacancy, read, [], frozenset(), 0.5, 0) == ("Menyebut “gudang”",)


def test_meaning_is_a_reason_only_when_nothing_else_is_and_it_is_close_enough(app: Flask) -> None:
    vacancy = vacancy_with(title="Operator Produksi", description="Menjalankan mesin.")
    read = ParsedQuery(topic="pabrik")
    close = "Pekerjaannya mirip dengan yang Anda cari"
    assert reasons_for(vacancy, read, [], frozenset(), 0, MEANING_REASON_FLOOR) == (close,)
    assert reasons_for(vacancy, read, [], frozenset(), 0, MEANING_REASON_FLOOR - 0.01) == ()
    assert reasons_for(vacancy, ParsedQuery(topic=""), [], frozenset(), 0, 0.9) == ()
    titled = ParsedQuery(topic="operator")
    assert reasons_for(vacancy, titled, [], frozenset(), 0, 0.9) == (
        "Judul cocok dengan “operator”",
    )


def test_the_district_is_named_when_the_search_named_one(app: Flask) -> None:
    vacancy = vacancy_with(title="Kasir", description="Melayani pembeli.")
    read = ParsedQuery(topic="kasir", region_codes=("3601",))
    assert reasons_for(vacancy, read, [], frozenset(), 0, 0) == (
        "Judul cocok dengan “kasir”",
        f"Di {vacancy.region.name}",
    )


def test_places_are_read_from_the_search_text(app: Flask) -> None:
    read = read_query("  teknisi jaringan di kota serang  ")
    assert read.region_codes == ("3673",)
    assert "serang" not in read.topic and "teknisi" in read.topic
    assert place_region_ids(read) == {region_lookup()["3673"]}
    assert place_notes(read) == ["Menampilkan lowongan di Kota Serang."]


def test_a_text_without_places_has_no_notes(app: Flask) -> None:
    read = read_query("teknisi jaringan")
    assert read.region_codes == ()
    assert place_region_ids(read) == set()
    assert place_notes(read) == []


def test_an_unknown_code_is_left_out(app: Flask) -> None:
    read = ParsedQuery(topic="x", region_codes=("9999", "3672"))
    assert place_region_ids(read) == {region_lookup()["3672"]}
    assert place_notes(read) == ["Menampilkan lowongan di Kota Cilegon."]
