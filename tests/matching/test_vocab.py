"""Tests of the shipped skill vocabulary (matching/data/) and its build."""

from __future__ import annotations

import ast
import filecmp
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from matching.lab.vocab.build import DEFAULT_SOURCE, LAYER_DIR, build
from matching.vocab import Alias, Skill, Vocabulary, load_vocabulary
from matching.vocab.loader import DATA_DIR

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


def find(vocab: Vocabulary, text: str) -> list[Skill]:
    """Skills whose label or alias equals ``text`` (case-insensitive)."""
    key = text.casefold()
    return [
        s
        for s in vocab
        if key
        in {s.label_en.casefold(), s.label_id.casefold()} | {a.text.casefold() for a in s.aliases}
    ]


def test_loads_without_shared_data(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['flask'] = None\n"
        "from matching.vocab import load_vocabulary\n"
        "v = load_vocabulary(); print(len(v))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO)},
        check=True,
    )
    assert int(result.stdout) > 1500


def test_loader_is_cached(vocab: Vocabulary) -> None:
    assert load_vocabulary() is vocab
    assert load_vocabulary(DATA_DIR / "vocabulary.jsonl") is load_vocabulary(
        DATA_DIR / "vocabulary.jsonl"
    )


def test_esco_subset_size(vocab: Vocabulary) -> None:
    esco = [s for s in vocab if s.uri]
    assert 1600 <= len(esco) <= 1800
    assert all(
        s.uri.startswith("http://data.europa.eu/esco/skill/") and s.uri.endswith(s.id) for s in esco
    )


def test_ids_unique_and_sorted(vocab: Vocabulary) -> None:
    ids = [s.id for s in vocab]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)


def test_types_and_labels(vocab: Vocabulary) -> None:
    assert {s.type for s in vocab} == {"skill", "knowledge", "tool", "transversal"}
    assert all(s.label_en and s.label_id for s in vocab)
    assert all(a.lang in {"en", "id"} for s in vocab for a in s.aliases)
    kinds = {a.kind for s in vocab for a in s.aliases}
    assert kinds <= {"alt", "abbr", "shorthand", "tool", "typo", "label_id"}


def test_indonesian_aliases_cover_400_skills(vocab: Vocabulary) -> None:
    assert sum(1 for s in vocab if any(a.lang == "id" for a in s.aliases)) >= 400


def test_lookup_by_id_and_uri(vocab: Vocabulary) -> None:
    skill = next(s for s in vocab if s.uri)
    assert vocab.get(skill.id) is skill
    assert vocab.by_uri(skill.uri) is skill
    assert vocab.by_uri("http://example.org/none") is None
    with pytest.raises(KeyError):
        vocab.get("no-such-id")


@pytest.mark.parametrize(
    ("text", "label_en"),
    [
        ("basis data", "database"),
        ("jarkom", "network engineering"),
        ("PBO", "use object-oriented programming"),
        ("OOP", "use object-oriented programming"),
        ("K3LH", "apply health and safety standards"),
        ("VLSM", "maintain internet protocol configuration"),
        ("CIDR", "maintain internet protocol configuration"),
        ("desain grafis", "graphic design"),
        ("JS", "JavaScript"),
        ("CI/CD", "DevOps"),
        ("UI/UX", "utilise methodologies for user centered design"),
        ("konfigurasi router", "ICT network routing"),
        ("k8s", "Kubernetes"),
    ],
)
def test_alias_reaches_skill(vocab: Vocabulary, text: str, label_en: str) -> None:
    assert label_en in {s.label_en for s in find(vocab, text)}


@pytest.mark.parametrize(
    ("tool", "parent"),
    [
        ("Laravel", "PHP"),
        ("React", "JavaScript Framework"),
        ("MikroTik", "ICT network routing"),
        ("Figma", "design user interface"),
        ("Docker", "solution deployment"),
    ],
)
def test_tool_parents(vocab: Vocabulary, tool: str, parent: str) -> None:
    (skill,) = find(vocab, tool)
    assert skill.type == "tool" and skill.id.startswith("tool-")
    assert vocab.get(skill.parent).label_en == parent


def test_tool_known_to_esco_is_an_alias(vocab: Vocabulary) -> None:
    (python,) = find(vocab, "Python")
    assert python.label_en == "Python (computer programming)"
    assert "Python" in {a.text for a in python.aliases}
    assert "tool-python" not in python.id and all(s.id != "tool-python" for s in vocab)
    (php,) = [s for s in vocab if s.label_en == "PHP"]
    assert Alias("Hypertext preprocessor PHP", "en", "tool") in php.aliases


def test_tools_have_valid_parents(vocab: Vocabulary) -> None:
    tools = [s for s in vocab if s.type == "tool"]
    assert 200 <= len(tools) <= 600
    assert all(vocab.get(t.parent) for t in tools if t.parent)
    assert sum(1 for t in tools if t.parent) / len(tools) > 0.9


def test_programmes(vocab: Vocabulary) -> None:
    programmes = {p.code: p for p in vocab.programmes}
    assert set(programmes) == {"PPLG", "TJKT", "DKV"}
    assert "RPL" in programmes["PPLG"].aliases
    assert "TKJ" in programmes["TJKT"].aliases
    assert "Multimedia" in programmes["DKV"].aliases
    for programme in programmes.values():
        assert len(programme.skills) >= 20
        assert all(vocab.get(skill_id) for skill_id in programme.skills)


def test_occupations_and_kbji(vocab: Vocabulary) -> None:
    codes = {o.code for o in vocab.occupations}
    assert {"2512", "2513", "3513", "2166"} <= codes
    kbji = {o.id: o for o in vocab.occupations if o.id.startswith("kbji-")}
    assert kbji["kbji-2512"].label_id == "Pengembang Perangkat Lunak"
    assert all(o.label_id for o in vocab.occupations)
    assert all(skill_id in vocab for o in vocab.occupations for skill_id in o.skills)
    assert sum(1 for s in vocab if s.kbji) > 500
    assert all(len(code) == 4 for s in vocab for code in s.kbji)


def test_skkni_links(vocab: Vocabulary) -> None:
    (routing,) = find(vocab, "ICT network routing")
    assert "J.611000.013.02" in routing.skkni
    assert sum(1 for s in vocab if s.skkni) >= 50


def test_files_are_small_and_utf8() -> None:
    total = sum(p.stat().st_size for p in DATA_DIR.glob("*.json*"))
    assert total < 5_000_000
    text = (DATA_DIR / "vocabulary.jsonl").read_text(encoding="utf-8")
    assert "basis data" in text and "\\u" not in text


def test_vocab_package_imports_no_flask() -> None:
    package = REPO / "matching" / "vocab"
    imported: Counter[str] = Counter()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported[node.module.split(".")[0]] += 1
    assert not {"flask", "flask_sqlalchemy", "app"} & set(imported)


@pytest.mark.skipif(
    not (DEFAULT_SOURCE / "esco").is_dir(),
    reason="source data ../shared/data is absent on this machine",
)
def test_build_is_deterministic_and_matches_shipped(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    build(DEFAULT_SOURCE, first, LAYER_DIR)
    build(DEFAULT_SOURCE, second, LAYER_DIR)
    names = ["vocabulary.jsonl", "occupations.jsonl", "programmes.json"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes()
    _, mismatch, errors = filecmp.cmpfiles(first, DATA_DIR, names, shallow=False)
    assert not mismatch and not errors, (
        "shipped files are stale: run python -m matching.lab.vocab build"
    )
