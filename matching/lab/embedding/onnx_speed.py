"""Speed of e5's int8 ONNX graph alone, on the 224 sentences ``matching.lab.bench`` ranks.

    python -m matching.lab.embedding onnx [--graph FILE ...] [--reps 3] [--float] [--layouts]
        [--batch 16]

Each rate is sentences per CPU second of the process (all threads) and per wall-clock second,
with the 1-minute load average; the best of ``--reps`` alternated runs is printed (the machine
may be shared). ``--graph``: graphs to compare (default the model folder's), all run through
``OnnxEmbedder`` as the site runs them (texts alone, one per core side by side), alternated.
Then the cosines of each graph's vectors with the first graph's (``--float``: with the float
sentence-transformers model's; torch). ``--layouts``: the same sentences under other thread layouts of ONNX Runtime. ``--batch N``:
length-sorted padded batches of N, and how far their vectors are from the texts run alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from matching.embedding.embedders import normalise_rows
from matching.embedding.onnx_e5 import OnnxEmbedder

Row = tuple[float, float, float]  # per CPU second, per wall-clock second, load average


def _rate(work: Callable[[], object], count: int) -> Row:
    load, wall, cpu = os.getloadavg()[0], time.perf_counter(), time.process_time()
    work()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return count / max(cpu, 1e-9), count / wall, load


def _best(rows: list[Row]) -> str:
    loads = [r[2] for r in rows]
    return (
        f"{max(r[0] for r in rows):7.1f} per CPU-s {max(r[1] for r in rows):7.1f} /s"
        f"  (load {min(loads):.1f}-{max(loads):.1f})"
    )


def _session(graph: Path, intra: int, spinning: bool = True) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = intra, 1
    options.enable_cpu_mem_arena = False
    options.log_severity_level = 3
    if not spinning:
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])


def _alone(session: Any) -> Callable[[np.ndarray], np.ndarray]:
    return lambda ids: session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[
        0
    ][0].mean(axis=0)


def _batched(session: Any, ids: list[np.ndarray], size: int) -> np.ndarray:
    """Mean-pooled unit rows of ``ids`` run in length-sorted padded batches of ``size``."""
    order = np.argsort([x.shape[1] for x in ids], kind="stable")
    out = np.zeros((len(ids), 384), dtype=np.float32)
    for start in range(0, len(order), size):
        rows = order[start : start + size]
        width = max(ids[j].shape[1] for j in rows)
        batch = np.ones((len(rows), width), dtype=np.int64)  # <pad> = 1
        mask = np.zeros_like(batch)
        for r, j in enumerate(rows):
            batch[r, : ids[j].shape[1]], mask[r, : ids[j].shape[1]] = ids[j][0], 1
        hidden = session.run(None, {"input_ids": batch, "attention_mask": mask})[0]
        out[rows] = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
    return normalise_rows(out)


def _agreement(
    folder: Path, graphs: list[Path], vectors: list[np.ndarray], compare_float: bool
) -> list[str]:
    """Cosines of each graph's sentence vectors with the first graph's and the float model's."""
    lines = []
    if compare_float:
        from matching.embedding.embedders import E5_MODEL_ID, E5_PROMPTS
        from matching.embedding.embedders import SentenceTransformerEmbedder as Float
        from matching.lab.bench import rank_sentences

        exact = Float(folder, E5_MODEL_ID, E5_PROMPTS).encode(rank_sentences())
        vectors, graphs = [exact, *vectors], [Path("the float model"), *graphs]
    for g, v in zip(graphs[1:], vectors[1:], strict=True):
        cos = np.sum(vectors[0] * v, axis=1)
        lines.append(f"cosine with {graphs[0]}: min {cos.min():.4f} mean {cos.mean():.4f}  {g}")
    return lines


def run(
    folder: Path,
    graphs: list[Path],
    reps: int,
    layouts: bool,
    batch: int | None,
    compare_float: bool = False,
) -> list[str]:
    """The report's lines."""
    from matching.lab.bench import rank_sentences

    sentences = rank_sentences()
    n = len(sentences)
    embedders = [OnnxEmbedder(folder, graph=g) for g in graphs]
    for e in embedders:
        e.encode(["warm up"])
    lines = [f"{n} sentences, {embedders[0].threads} texts side by side (the site's layout)"]
    rows: dict[str, list[Row]] = {}
    for _ in range(reps):
        for g, e in zip(graphs, embedders, strict=True):
            rows.setdefault(str(g), []).append(_rate(lambda e=e: e.encode(sentences), n))
    lines += [f"{_best(r)}  {g}" for g, r in rows.items()]
    lines += _agreement(folder, graphs, [e.encode(sentences) for e in embedders], compare_float)
    if not (layouts or batch):
        return lines
    first = embedders[0]
    encodings = first._tokenizer.encode_batch(["query: " + s for s in sentences])
    ids = [first._model_ids[np.array([x.ids], dtype=np.int64)] for x in encodings]
    one, two, calm, other = (
        _session(graphs[0], k, s) for k, s in ((1, True), (2, True), (2, False), (1, True))
    )
    pool = ThreadPoolExecutor(2)
    work: dict[str, Callable[[], object]] = {}
    if layouts:
        work = {
            "one session, one thread, one text at a time": lambda: list(map(_alone(one), ids)),
            "one session, 2 intra-op threads, one text at a time": lambda: list(
                map(_alone(two), ids)
            ),
            "the same without spinning threads": lambda: list(map(_alone(calm), ids)),
            "one session, 2 texts side by side (the site's)": lambda: list(
                pool.map(_alone(one), ids)
            ),
            "two sessions, 2 texts side by side": lambda: list(
                pool.map(lambda i: _alone((one, other)[i % 2])(ids[i]), range(n))
            ),
        }
    if batch:
        work[f"one session, one thread, padded batches of {batch}"] = lambda: _batched(
            one, ids, batch
        )
        alone = normalise_rows(np.vstack([_alone(one)(x) for x in ids]))
        cos = np.sum(alone * _batched(one, ids, batch), axis=1)
        lines.append(f"batches of {batch} vs alone: min cosine {cos.min():.6f}")
    layout_rows: dict[str, list[Row]] = {k: [] for k in work}
    for _ in range(reps):
        for k, w in work.items():
            layout_rows[k].append(_rate(w, n))
    lines += [f"{_best(r)}  {k}" for k, r in layout_rows.items()]
    return lines
