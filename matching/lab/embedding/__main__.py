"""Command line: ``python -m matching.lab.embedding bench [-n 1000] [--out FOLDER]``: the model's
load time and phrases per second on this machine (the float sentence-transformers folder)."""

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
    args = parser.parse_args(argv)
    set_offline_env()
    try:
        _bench(args.out or default_model_dir(), args.n)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
