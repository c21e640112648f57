"""Command line: ``python -m matching.lab.vocab build|rekey|stats``."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from matching.vocab.loader import DATA_DIR, load_vocabulary

from .build import DEFAULT_SOURCE, LAYER_DIR, build, stats


def main(argv: list[str] | None = None) -> int:
    """Run the vocabulary command named in ``argv``."""
    parser = argparse.ArgumentParser(prog="python -m matching.lab.vocab")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build matching/data/*.jsonl from the source data")
    p_build.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="source data dir")
    p_build.add_argument("--out", type=Path, default=DATA_DIR, help="output dir")
    p_rekey = sub.add_parser("rekey", help="fill blank ids in the id_layer CSVs from label_en")
    p_rekey.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    sub.add_parser("stats", help="print counts of the shipped vocabulary")
    args = parser.parse_args(argv)

    if args.command == "build":
        started = time.perf_counter()
        vocabulary = build(args.source.resolve(), args.out.resolve())
        print(json.dumps(stats(vocabulary), ensure_ascii=False))
        print(f"wrote {args.out} in {time.perf_counter() - started:.1f} s")
    elif args.command == "rekey":
        from .authoring import rekey

        rekey(args.source.resolve(), LAYER_DIR)
    else:
        print(json.dumps(stats(load_vocabulary()), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
