"""Command line: ``python -m matching.embedding {build,verify,bench}``."""

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
    parser = argparse.ArgumentParser(prog="python -m matching.embedding", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("build", "build + verify the e5 folder (no-op if current)"),
        ("verify", "re-run the checks on a built folder"),
        ("bench", "measure phrases/s on this machine"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument(
            "--out",
            type=Path,
            default=None,
            help=f"model folder (default {default_model_dir()})",
        )
        if name == "build":
            p.add_argument(
                "--force",
                action="store_true",
                help="rebuild even if the folder is current",
            )
        if name == "bench":
            p.add_argument("-n", type=int, default=1000, help="number of phrases")
    args = parser.parse_args(argv)
    set_offline_env()
    from matching.embedding.build_e5 import ensure_e5_model
    from matching.embedding.verify import VerificationError, verify_folder

    folder = args.out or default_model_dir()
    try:
        if args.command == "build":
            t0 = time.perf_counter()
            ensure_e5_model(folder, force=args.force)
            print(f"done in {time.perf_counter() - t0:.1f} s")
        elif args.command == "verify":
            print(verify_folder(folder))
        else:
            _bench(folder, args.n)
    except (VerificationError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
