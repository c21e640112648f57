"""Command line: ``python -m matching.embedding {build,verify}`` (the benchmark is in the lab:
``python -m matching.lab.embedding bench``)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from matching.embedding.paths import default_model_dir, set_offline_env


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m matching.embedding", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("build", "build + verify the e5 folder (no-op if current)"),
        ("verify", "re-run the checks on a built folder"),
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
        else:
            print(verify_folder(folder))
    except (VerificationError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
