"""Command line: ``python -m matching.lab.embedding bench [-n 1000] [--out FOLDER]``: the model's
load time and phrases per second on this machine (the float sentence-transformers folder);
``python -m matching.lab.embedding onnx [--graph FILE ...] [--reps 3] [--float] [--layouts]
[--batch N]``:
the int8 ONNX graph alone on the rank sentences (``onnx_speed``)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from matching.embedding.paths import default_model_dir, set_offline_env

_VERBS = ("mengelola", "manage", "konfigurasi", "develop", "menguji", "design")
_OBJECTS = (
    "basis data",
    "computer networks",
    "aplikasi web",
    "cloud services",
    "jaringan komputer",
    "unit tests",
    "keamanan siber",
    "REST APIs",
)


def _bench(folder: Path, n: int) -> None:
    from matching.embedding.embedders import SentenceTransformerEmbedder

    combos = [f"{v} {o}" for v in _VERBS for o in _OBJECTS]
    phrases = [combos[i % len(combos)] for i in range(n)]
    paragraph = " ".join(
        f"Peserta didik mampu {v} {o} sesuai standar industri."
        for v in _VERBS
        for o in _OBJECTS[:3]
    )
    texts = [paragraph] * max(1, n // 20)
    emb = SentenceTransformerEmbedder(folder, model_id="bench")
    t0 = time.perf_counter()
    emb.load()
    print(f"load: {time.perf_counter() - t0:.2f} s (loadavg {os.getloadavg()[0]:.1f})")
    emb.encode(["warm up"])
    for label, batch in (
        ("short phrases", phrases),
        (f"~{len(paragraph.split())}-word texts", texts),
    ):
        t0 = time.perf_counter()
        emb.encode(batch, kind="passage")
        dt = time.perf_counter() - t0
        print(f"{len(batch)} {label} in {dt:.2f} s: {len(batch) / dt:.1f}/s")


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m matching.lab.embedding", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("bench", help="measure phrases/s on this machine")
    p.add_argument(
        "--out", type=Path, default=None, help=f"model folder (default {default_model_dir()})"
    )
    p.add_argument("-n", type=int, default=1000, help="number of phrases")
    o = sub.add_parser("onnx", help="sentences/s of the int8 ONNX graph (rank sentences)")
    o.add_argument("--out", type=Path, default=None, help="model folder (tokenizer)")
    o.add_argument("--graph", type=Path, nargs="*", help="graphs to compare, alternated")
    o.add_argument("--reps", type=int, default=3, help="alternated runs (the best is printed)")
    o.add_argument("--float", action="store_true", help="cosines with the float model (torch)")
    o.add_argument("--layouts", action="store_true", help="also other thread layouts")
    o.add_argument("--batch", type=int, default=None, help="also padded batches of this size")
    args = parser.parse_args(argv)
    set_offline_env()
    folder = args.out or default_model_dir()
    try:
        if args.command == "onnx":
            from matching.embedding.onnx_e5 import onnx_path
            from matching.lab.embedding.onnx_speed import run

            graphs = args.graph or [onnx_path(folder)]
            print("\n".join(run(folder, graphs, args.reps, args.layouts, args.batch, args.float)))
            return 0
        _bench(folder, args.n)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
