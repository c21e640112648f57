"""e5 as an int8 ONNX Runtime graph: the product's default encoder (about 3x faster on CPU).

The graph is built at set-up (``python -m matching.embedding build``, ``onnx_build``: export,
BERT fusion, int8 quantisation, verification) into ``<folder>/onnx/``. At run time only
``onnxruntime`` and ``tokenizers`` are needed: no torch import, so a start is faster too.

Why not sentence-transformers' own ``backend="onnx"``: it needs ``optimum-onnx``, which pins
``transformers<4.58`` (this project runs transformers 5).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from matching.embedding.embedders import (
    E5_MODEL_ID,
    E5_PROMPTS,
    Kind,
    LazyEmbedder,
    normalise_rows,
)
from matching.embedding.paths import usable_cores

# bump whenever the export changes (opset, quantisation, pinned versions); 2: weights on 7 bits
# (``onnx_build``: no saturation error on CPUs without VNNI)
ONNX_FORMAT = 2
# Caches, snapshots and calibration are keyed by this id: it changes with the export format.
E5_ONNX_MODEL_ID = E5_MODEL_ID + (
    "+onnx-int8" if ONNX_FORMAT == 1 else f"+onnx-int8-v{ONNX_FORMAT}"
)
ONNX_DIR = "onnx"
ONNX_FILE = "model_qint8.onnx"
ONNX_MARKER = "build_info.json"
MAX_TOKENS = (
    512  # the model's position limit; longer texts are truncated, as sentence-transformers does
)
PAD_ID = 1  # XLM-R's <pad> (only in the exporter's example input)
MIN_AGREEMENT = 0.97  # min cosine of int8 vs float embeddings on the check texts (measured ~0.99)


def onnx_path(folder: str | Path) -> Path:
    """Where the int8 graph of a model folder lives."""
    return Path(folder) / ONNX_DIR / ONNX_FILE


def read_marker(folder: str | Path) -> dict:
    """The folder's int8 build marker (format, source, model id...); empty when it has none."""
    try:
        return json.loads((Path(folder) / ONNX_DIR / ONNX_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class OnnxEmbedder(LazyEmbedder):
    """e5's int8 ONNX graph as an ``Embedder``: tokenizers + ONNX Runtime + mean pooling."""

    def __init__(
        self,
        folder: str | Path,
        model_id: str = E5_ONNX_MODEL_ID,
        prompts: Mapping[str, str] | None = None,
        *,
        graph: str | Path | None = None,
        threads: int | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(folder)
        self.graph = Path(graph) if graph is not None else onnx_path(self.path)
        if not self.graph.is_file():
            raise FileNotFoundError(
                f"int8 ONNX graph {self.graph} is not built: run `python -m matching.embedding build`"
            )
        if graph is None and read_marker(self.path).get("format") != ONNX_FORMAT:
            # an older export under this format's id would store its vectors under that id
            raise FileNotFoundError(
                f"int8 ONNX graph {self.graph} is of an older export format (this code needs "
                f"{ONNX_FORMAT}): run `python -m matching.embedding build` (`make model`)"
            )
        self.model_id = model_id
        self.prompts = dict(E5_PROMPTS if prompts is None else prompts)
        self.threads = threads or usable_cores()
        self.dim = 384
        self._tokenizer: Any = None
        self._model_ids: np.ndarray = np.zeros(0, dtype=np.int64)  # tokenizer id -> model id
        self._pool: ThreadPoolExecutor | None = None

    def _create(self) -> Any:
        """The ONNX Runtime session (the tokenizer and the thread pool are made with it)."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from matching.embedding.latin_vocab import ensure_latin_tokenizer

        latin, self._model_ids = ensure_latin_tokenizer(self.path)
        tokenizer = Tokenizer.from_file(str(latin))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # one core per text; texts run side by side
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # No memory arena: it keeps the largest text's activations (about 40 MB in a web
        # worker after a long text); freed memory goes back instead, and the vectors are the
        # same bit for bit (docs/operations.md, Start-up and memory)
        options.enable_cpu_mem_arena = False
        self._tokenizer = tokenizer
        if self.threads > 1:
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="e5")
        return ort.InferenceSession(str(self.graph), options, providers=["CPUExecutionProvider"])

    def _encode(self, model: Any, texts: Sequence[str], kind: Kind, batch_size: int) -> np.ndarray:
        """Each text runs alone (no padding, no batch): int8 activations are quantised per
        tensor, so a batch would make a text's vector depend on its neighbours. ``threads`` texts
        run at once instead, one core each, which is also faster than batching on CPU (see
        docs/embeddings.md). ``batch_size`` is accepted for the protocol and ignored."""
        prefix = self.prompts.get(kind, "")
        encodings = self._tokenizer.encode_batch([prefix + t for t in texts])
        ids = [self._model_ids[np.array([e.ids], dtype=np.int64)] for e in encodings]
        rows = self._pool.map(self._run, ids) if self._pool else map(self._run, ids)
        return normalise_rows(np.vstack(list(rows)))

    def _run(self, ids: np.ndarray) -> np.ndarray:
        hidden = self._model.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        return hidden[0][0].mean(axis=0)

    def __repr__(self) -> str:
        return f"OnnxEmbedder({self.model_id!r}, graph={str(self.graph)!r}, loaded={self.loaded})"
