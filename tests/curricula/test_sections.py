"""Sections of a text curriculum become units (``curricula.sections``)."""

from __future__ import annotations

from curricula.fields import UnitHeader
from curricula.model import ParsedOutcome
from curricula.sections import Section, build_units, outcome_phase
from curricula.titles import SourceLine


def _section(name: str, **kwargs: object) -> Section:
    header_fields = {
        k: kwargs.pop(k) for k in ("code", "phase", "semester", "hours", "credits") if k in kwargs
    }
    return Section(
        header=UnitHeader(name, **header_fields),
        depth=1.0,
        line=kwargs.pop("line", 1),
        page=None,
        **kwargs,
    )  # type: ignore[arg-type]


def test_a_candidate_with_outcomes_becomes_a_unit_with_its_numbers() -> None:
    outcome = ParsedOutcome("Mampu mengonfigurasi router", line=4)
    section = _section("Jaringan Dasar", code="TJ101", semester=2, hours=72, credits=3, line=3)
    section.outcomes.append(outcome)
    (unit,) = build_units([section])
    assert unit.name == "Jaringan Dasar" and unit.code == "TJ101"
    assert (unit.semester, unit.hours, unit.credits) == (2, 72, 3)
    assert unit.outcomes == (outcome,)
    assert unit.line == 3 and unit.page is None


def test_sections_that_are_not_candidates_are_left_out() -> None:
    kept = _section("Basis Data")
    dropped = _section("Daftar Pustaka", candidate=False)
    dropped.outcomes.append(ParsedOutcome("Buku A"))
    assert [u.name for u in build_units([dropped, kept])] == ["Basis Data"]


def test_a_parent_without_outcomes_gives_way_to_its_children() -> None:
    parent = _section("Dasar-Dasar TJKT", phase="E", has_children=True)
    child = _section("Elemen: Jaringan", parent=parent)
    child.outcomes.append(ParsedOutcome("Memasang kabel"))
    units = build_units([parent, child])
    assert [u.name for u in units] == ["Elemen: Jaringan"]
    assert units[0].phase == "E"  # inherited from the parent


def test_a_parent_with_outcomes_of_its_own_is_kept_beside_its_children() -> None:
    parent = _section("Informatika", has_children=True)
    parent.outcomes.append(ParsedOutcome("Mampu berpikir komputasional"))
    child = _section("Algoritma", parent=parent)
    assert [u.name for u in build_units([parent, child])] == ["Informatika", "Algoritma"]


def test_a_childless_section_without_outcomes_is_still_a_unit() -> None:
    (unit,) = build_units([_section("Praktik Kerja Lapangan")])
    assert unit.outcomes == ()


def test_phase_and_semester_come_from_the_nearest_ancestor_that_has_them() -> None:
    top = _section("Fase F", phase="F", semester=5)
    middle = _section("Mapel", semester=3, parent=top, has_children=True)
    leaf = _section("Elemen", parent=middle)
    (unit,) = build_units([top, middle, leaf])[-1:]
    assert (unit.phase, unit.semester) == ("F", 3)


def test_a_section_s_own_phase_wins_over_its_ancestors() -> None:
    top = _section("Fase E", phase="E")
    leaf = _section("Elemen", phase="F", parent=top)
    assert build_units([leaf])[0].phase == "F"


def test_without_any_header_phase_the_outcomes_name_it() -> None:
    leaf = _section("Elemen")
    leaf.outcomes.append(ParsedOutcome("Pada akhir fase f, peserta didik mampu menganalisis"))
    assert build_units([leaf])[0].phase == "F"


def test_outcome_phase_reads_outcomes_source_lines_and_text() -> None:
    assert outcome_phase(["Peserta didik mampu", "Pada akhir Fase E, peserta didik"]) == "E"
    assert outcome_phase([SourceLine("pada akhir fase c ...", 3)]) == "C"
    assert outcome_phase([ParsedOutcome("akhir fase G tidak ada")]) is None
    assert outcome_phase([]) is None
    assert outcome_phase(["fase E tanpa kata akhir"]) is None


def test_the_first_phase_named_wins() -> None:
    outcomes = [ParsedOutcome("Pada akhir fase E ..."), ParsedOutcome("Pada akhir fase F ...")]
    assert outcome_phase(outcomes) == "E"
