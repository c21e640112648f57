"""e5 as an int8 ONNX Runtime graph: the product's default encoder (about 3x faster on CPU).

At set-up (``python -m matching.embedding build``) the verified sentence-transformers folder is
exported with ``torch.onnx.export`` and its weights quantised to int8 per channel with ONNX
Runtime's own ``quantize_dynamic``; the result is checked against the float model (cosine) and
the bilingual pair, then written to ``<folder>/onnx/`` with a marker. At run time only
``onnxruntime`` and ``tokenizers`` are needed: no torch import, so a start is faster too.

Why not sentence-transformers' own ``backend="onnx"``: it needs ``optimum-onnx``, which pins
``transformers<4.58`` (this project runs transformers 5).
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from matching.embedding.embedders import E5_MODEL_ID, E5_PROMPTS, Kind, check_texts, normalise_rows
from matching.embedding.paths import swap_into_place, usable_cores

ONNX_FORMAT = 1  # bump whenever the export changes (opset, quantisation, pinned versions)
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


def _source_marker(folder: Path) -> str:
    """The source fingerprint in the float folder's build marker ("" when there is none)."""
    from matching.embedding.build_e5 import read_marker  # build_e5 imports this module

    return str((read_marker(folder) or {}).get("source", ""))


def onnx_current(folder: str | Path) -> bool:
    """True when the folder's int8 graph was exported from the folder's current weights."""
    folder = Path(folder)
    try:
        marker = json.loads((folder / ONNX_DIR / ONNX_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        marker.get("format") == ONNX_FORMAT
        and marker.get("source") == _source_marker(folder)
        and onnx_path(folder).is_file()
    )


def _bare_encoder(model: Any) -> Any:
    """The model as (input ids, mask) -> last hidden state, for the exporter."""
    import torch

    class Bare(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    return Bare(model).eval()


@contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """The quantiser logs a pre-processing hint at WARNING on the root logger: hide it."""
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def export_int8(folder: str | Path, *, log: Callable[[str], object] = print) -> Path:
    """Export and quantise the folder's model to ``onnx/model_qint8.onnx``; verify; return it.

    Raises ``VerificationError`` when the int8 graph disagrees with the float model.
    """
    import warnings

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    from matching.embedding.verify import VerificationError

    folder = Path(folder)
    t0 = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="onnx.tmp-", dir=folder))
    try:
        model = _bare_encoder(AutoModel.from_pretrained(str(folder), local_files_only=True))
        ids = torch.tensor([[0, 41, 42, 43, 2], [0, 44, 45, 2, PAD_ID]])
        mask = (ids != PAD_ID).long()
        axes = {0: "batch", 1: "tokens"}
        root = logging.getLogger()
        with warnings.catch_warnings(), _quiet(root):
            warnings.simplefilter("ignore")
            torch.onnx.export(
                model,
                (ids, mask),
                str(tmp / "model.onnx"),
                input_names=["input_ids", "attention_mask"],
                output_names=["last_hidden_state"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
                opset_version=17,
                dynamo=False,
            )
            quantize_dynamic(
                str(tmp / "model.onnx"),
                str(tmp / ONNX_FILE),
                weight_type=QuantType.QInt8,
                per_channel=True,
            )
        (tmp / "model.onnx").unlink()
        seconds = time.perf_counter() - t0
        report = verify_int8(folder, tmp / ONNX_FILE)
        log(
            f"int8 ONNX graph in {seconds:.1f} s; agreement with the float model "
            f"(min cosine) {report['agreement_min_cosine']:.4f}, "
            f"bilingual pair {report['bilingual_pair_cosine']:.4f}"
        )
        if report["agreement_min_cosine"] < MIN_AGREEMENT:
            raise VerificationError(
                f"int8 graph disagrees with the float model: min cosine "
                f"{report['agreement_min_cosine']:.4f} < {MIN_AGREEMENT}"
            )
        marker = {
            "format": ONNX_FORMAT,
            "source": _source_marker(folder),
            "model_id": E5_ONNX_MODEL_ID,
            "export_seconds": round(seconds, 2),
            "verification": report,
        }
        (tmp / ONNX_MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        swap_into_place(tmp, folder / ONNX_DIR)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return onnx_path(folder)


def verify_int8(folder: Path, graph: Path) -> dict[str, float]:
    """Agreement of the int8 graph with the float folder, and the bilingual-pair check."""
    from matching.embedding.embedders import SentenceTransformerEmbedder
    from matching.embedding.verify import (
        AGREEMENT_TEXTS,
        BILINGUAL_PAIR,
        MAX_UNRELATED_COSINE,
        MIN_PAIR_COSINE,
        UNRELATED_PAIR,
        VerificationError,
    )

    exact = SentenceTransformerEmbedder(folder, E5_MODEL_ID, E5_PROMPTS)
    fast = OnnxEmbedder(folder, graph=graph)
    worst = 1.0
    for kind in ("query", "passage"):
        a = exact.encode(list(AGREEMENT_TEXTS), kind=kind)
        b = fast.encode(list(AGREEMENT_TEXTS), kind=kind)
        worst = min(worst, float(np.min(np.sum(a * b, axis=1))))
    emb = fast.encode([*BILINGUAL_PAIR, *UNRELATED_PAIR], kind="query")
    pair, unrelated = float(emb[0] @ emb[1]), float(emb[2] @ emb[3])
    if pair < MIN_PAIR_COSINE or unrelated > MAX_UNRELATED_COSINE or unrelated >= pair:
        raise VerificationError(
            f"int8 graph: bilingual pair {pair:.4f} (>= {MIN_PAIR_COSINE}), "
            f"unrelated pair {unrelated:.4f} (<= {MAX_UNRELATED_COSINE})"
        )
    return {
        "agreement_min_cosine": round(worst, 5),
        "bilingual_pair_cosine": round(pair, 4),
        "unrelated_pair_cosine": round(unrelated, 4),
    }


def ensure_int8(folder: str | Path, *, log: Callable[[str], object] = print) -> Path:
    """Export the int8 graph unless the folder already has a current one."""
    folder = Path(folder)
    if onnx_current(folder):
        log(f"int8 ONNX graph up to date: {onnx_path(folder)}")
        return onnx_path(folder)
    return export_int8(folder, log=log)


class OnnxEmbedder:
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
        self.path = Path(folder)
        self.graph = Path(graph) if graph is not None else onnx_path(self.path)
        if not self.graph.is_file():
            raise FileNotFoundError(
                f"int8 ONNX graph {self.graph} is not built: run `python -m matching.embedding build`"
            )
        self.model_id = model_id
        self.prompts = dict(E5_PROMPTS if prompts is None else prompts)
        self.threads = threads or usable_cores()
        self.dim = 384
        self._session: Any = None
        self._tokenizer: Any = None
        self._model_ids: np.ndarray = np.zeros(0, dtype=np.int64)  # tokenizer id -> model id
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """True once the graph is in memory."""
        return self._session is not None

    def load(self) -> Any:
        """Create (once) the ONNX Runtime session and the tokenizer."""
        if self._session is None:
            with self._lock:
                if self._session is None:
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
                    # No memory arena: it keeps the largest text's activations (about 40 MB in
                    # a web worker after a long text); freed memory goes back instead, and the
                    # vectors are the same bit for bit (docs/operations.md, Start-up and memory)
                    options.enable_cpu_mem_arena = False
                    self._tokenizer = tokenizer
                    if self.threads > 1:
                        self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="e5")
                    self._session = ort.InferenceSession(
                        str(self.graph), options, providers=["CPUExecutionProvider"]
                    )
        return self._session

    def encode(
        self, texts: Sequence[str], *, kind: Kind = "query", batch_size: int = 64
    ) -> np.ndarray:
        """Embed ``texts`` with the prompt for ``kind``; float32, unit rows.

        Each text runs alone (no padding, no batch): int8 activations are quantised per tensor,
        so a batch would make a text's vector depend on its neighbours. ``threads`` texts run at
        once instead, one core each, which is also faster than batching on CPU (measured on 2
        cores: 24 vs 19 vacancies/s). ``batch_size`` is accepted for the protocol and ignored.
        """
        check_texts(texts, kind)
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        self.load()
        prefix = self.prompts.get(kind, "")
        encodings = self._tokenizer.encode_batch([prefix + t for t in texts])
        ids = [self._model_ids[np.array([e.ids], dtype=np.int64)] for e in encodings]
        rows = self._pool.map(self._run, ids) if self._pool else map(self._run, ids)
        return normalise_rows(np.vstack(list(rows)))

    def _run(self, ids: np.ndarray) -> np.ndarray:
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        return hidden[0][0].mean(axis=0)

    def __repr__(self) -> str:
        return f"OnnxEmbedder({self.model_id!r}, graph={str(self.graph)!r}, loaded={self.loaded})"
