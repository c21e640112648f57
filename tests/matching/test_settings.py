"""matching/'s settings object: the app fills it from its config; entry points from the env."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from matching import settings
from matching.embedding.paths import default_cache_dir, default_model_dir
from matching.linking.store import default_index_cache_dir


@pytest.fixture
def restore_settings() -> Iterator[None]:
    before = settings._configured
    yield
    settings.configure(before)


def test_from_env_reads_the_four_variables_and_keeps_defaults_for_missing_ones() -> None:
    assert settings.from_env({}) == settings.MatchingSettings()
    got = settings.from_env(
        {
            "LINKMATCH_MODEL_DIR": "/m",
            "LINKMATCH_CACHE_DIR": "/c",
            "LINKMATCH_INDEX_CACHE": "/i",
            "LINKMATCH_TORCH_THREADS": "3",
        }
    )
    assert got == settings.MatchingSettings(Path("/m"), Path("/c"), Path("/i"), 3)
    assert settings.MatchingSettings().model_dir == (
        Path(__file__).resolve().parents[2] / "var" / "models" / "multilingual-e5-small"
    )


def test_unconfigured_processes_read_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, restore_settings: None
) -> None:
    settings.configure(None)
    monkeypatch.setenv("LINKMATCH_INDEX_CACHE", str(tmp_path / "idx"))
    monkeypatch.setenv("LINKMATCH_CACHE_DIR", str(tmp_path / "emb"))
    assert default_index_cache_dir() == tmp_path / "idx"
    assert default_cache_dir() == tmp_path / "emb"


def test_the_app_passes_its_config_to_matching(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, restore_settings: None
) -> None:
    from app import create_app
    from app.config import TestingConfig

    monkeypatch.setenv("LINKMATCH_INDEX_CACHE", "/not/this/one")
    create_app(
        TestingConfig,
        MATCHING_MODEL_DIR=str(tmp_path / "model"),
        MATCHING_CACHE_DIR=str(tmp_path / "emb"),
        MATCHING_INDEX_CACHE_DIR=str(tmp_path / "idx"),
        MATCHING_THREADS=2,
    )
    assert default_model_dir() == tmp_path / "model"
    assert default_cache_dir() == tmp_path / "emb"
    assert default_index_cache_dir() == tmp_path / "idx"
    assert settings.current().threads == 2
