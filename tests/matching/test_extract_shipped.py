"""``extract`` on the shipped vocabulary with the default model and its stored calibration."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.linking import SkillIndex


@pytest.fixture(scope="module")
def shipped(e5_model_dir: Path) -> SkillIndex:  # noqa: ARG001 - the model must be built
    from matching.linking.runtime import build_vocabulary_index

    return build_vocabulary_index("e5")


def test_boilerplate_lines_of_a_vacancy_get_no_mention(shipped: SkillIndex) -> None:
    text = (
        "Tentang Kami\n"
        "PT Cahaya Data Banten adalah perusahaan distribusi di kawasan industri Cikande.\n"
        "Benefit: gaji UMK, BPJS Kesehatan dan Ketenagakerjaan, THR.\n"
        "Penempatan di Cilegon, jam kerja Senin-Jumat 08.00-17.00.\n"
        "Kualifikasi:\n"
        "Mampu mengonfigurasi router MikroTik dan membagi jaringan dengan VLAN.\n"
    )
    mentions = shipped.extract(text)
    skill_line = text.index("Mampu")
    assert mentions, "the skill line names skills"
    assert all(m.start >= skill_line for m in mentions), [(m.evidence, m.score) for m in mentions]


def test_a_line_listing_tools_names_each_of_them(shipped: SkillIndex) -> None:
    """Exact tool names are not held to the per-sentence cap of semantic guesses; the product's
    extractor keeps every one."""
    from matching.mentions import extract_with_names

    text = "Menguasai PHP, Laravel, MySQL, Git dan Docker."
    names = {"PHP", "Laravel", "MySQL", "Git", "Docker"}
    kept = [m for m in shipped.extract(text) if m.evidence in names]
    assert len(kept) > shipped.extract_params.max_per_sentence
    assert names <= {m.evidence for m in extract_with_names(shipped, text)}
