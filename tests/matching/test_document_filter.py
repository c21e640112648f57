"""The document filter (``matching.linking.document_filter``) on hand-made mentions."""

from __future__ import annotations

from matching.linking.document_filter import DocumentParams, filter_mentions, tool_in_context
from matching.linking.types import SkillMention


def mention(text: str, form: str, skill: str, score: float = 0.95, method: str = "alias"):
    """A mention of ``skill`` on the first ``form`` of ``text``."""
    start = text.index(form)
    return SkillMention(skill, score, start, start + len(form), form, method)


def test_staf_in_a_job_title_is_not_the_tool() -> None:
    text = "Staf IT Support\nMenguasai PHP"
    assert filter_mentions(text, [mention(text, "Staf", "staf")]) == []
    tool = "Menguasai STAF (Software Testing Automation Framework)"
    assert tool_in_context(tool, mention(tool, "STAF", "staf"))


def test_common_words_count_as_tools_only_in_context() -> None:
    for text, form in [
        ("Head office kami di Jakarta", "office"),
        ("Go-live sistem ERP bulan depan", "Go"),
        ("Akses ke jasa kurir express", "express"),
        ("access to a learning budget", "access"),
        ("mengikuti aturan K3 (pakai helm, body harness)", "helm"),
        ("Studio foto Lensa Warna (Jl. Merdeka)", "J"),
        ("Cloud SQL / RDS", "SQL"),
        ("Deteksi serangan SQL injection", "SQL"),
    ]:
        assert not tool_in_context(text, mention(text, form, "x")), text
    for text, form in [
        ("Menguasai Microsoft Office", "Office"),
        ("Backend dengan Python, Go dan PostgreSQL", "Go"),
        ("REST API dengan Node.js dan Express", "Express"),
        ("Microsoft Access untuk database kecil", "Access"),
        ("Deploy ke Kubernetes dengan Helm chart", "Helm"),
        ("Menulis query SQL (SELECT, JOIN)", "SQL"),
    ]:
        assert tool_in_context(text, mention(text, form, "x")), text


def test_education_lines_give_no_skills() -> None:
    text = "Minimal lulusan SMK TKJ atau D3 Teknik Komputer\nMenguasai MikroTik"
    found = [
        mention(text, "TKJ", "network engineering"),
        mention(text, "Teknik Komputer", "computer engineering"),
        mention(text, "MikroTik", "mikrotik"),
    ]
    assert [m.skill_id for m in filter_mentions(text, found)] == ["mikrotik"]


def test_evidence_without_a_letter_names_nothing() -> None:
    text = "8. Menguasai PHP"
    assert [m.skill_id for m in filter_mentions(text, [mention(text, "8", "php")])] == []


def test_a_cv_heading_gives_nothing() -> None:
    text = "PENGALAMAN\nTeknisi jaringan, memasang router MikroTik"
    found = [mention(text, "PENGALAMAN", "plan", 0.5, "semantic"), mention(text, "MikroTik", "m")]
    assert [m.skill_id for m in filter_mentions(text, found)] == ["m"]


def test_fitted_parameters_apply() -> None:
    text = "Mampu troubleshooting PC dan jaringan"
    found = [
        mention(text, "troubleshooting", "perform ICT troubleshooting"),
        mention(text, "troubleshooting", "troubleshoot", 0.9),
        mention(text, "Mampu troubleshooting PC", "guess", 0.4, "semantic"),
        mention(text, "jaringan", "never right"),
    ]
    params = DocumentParams(
        min_score={"semantic": 0.6},
        dropped=frozenset({"never right"}),
        duplicates=frozenset({("perform ICT troubleshooting", "troubleshoot")}),
    )
    kept = filter_mentions(text, found, params)
    assert [m.skill_id for m in kept] == ["perform ICT troubleshooting"]


def test_the_shipped_parameters_load() -> None:
    params = DocumentParams.load()
    assert set(params.min_score) == {"alias", "fuzzy", "semantic"}
    assert all(len(pair) == 2 for pair in params.duplicates)
