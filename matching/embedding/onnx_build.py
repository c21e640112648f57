"""Build of e5's int8 ONNX graph (set-up only: ``python -m matching.embedding build``).

The verified sentence-transformers folder is exported with ``torch.onnx.export`` and its weights
quantised per channel to int8 of 7 bits (``reduce_range``) with ONNX Runtime's own
``quantize_dynamic``; the result is checked
against the float model (cosine) and the bilingual pair, then written to ``<folder>/onnx/`` with a
marker. The site only loads the result (``onnx_e5.OnnxEmbedder``). Fusing the BERT subgraphs
first (ONNX Runtime's transformer optimiser) was measured and not kept: docs/embeddings.md.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from matching.embedding.embedders import E5_MODEL_ID, E5_PROMPTS
from matching.embedding.onnx_e5 import (
    E5_ONNX_MODEL_ID,
    MIN_AGREEMENT,
    ONNX_DIR,
    ONNX_FILE,
    ONNX_FORMAT,
    ONNX_MARKER,
    PAD_ID,
    OnnxEmbedder,
    onnx_path,
    read_marker,
)
from matching.embedding.paths import swap_into_place


def _source_marker(folder: Path) -> str:
    """The source fingerprint in the float folder's build marker ("" when there is none)."""
    from matching.embedding.build_e5 import read_marker  # build_e5 imports this module

    return str((read_marker(folder) or {}).get("source", ""))


def onnx_current(folder: str | Path) -> bool:
    """True when the folder's int8 graph was exported from the folder's current weights."""
    folder = Path(folder)
    marker = read_marker(folder)
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
                # 7-bit weights: on a CPU without VNNI (AVX2 only, e.g. AMD EPYC Zen 2/3) ONNX
                # Runtime sums pairs of uint8 x int8 products in int16, which saturates with 8-bit
                # weights (255 x 127 x 2 > 32767) and moved the vectors (min cosine with the float
                # model 0.9900, held-out unit advice 67.5 % against 72.2 %); with 7 bits
                # (255 x 64 x 2 = 32640) every CPU computes the same exact sums (docs/embeddings.md)
                reduce_range=True,
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
