"""Deliberate bugs, one at a time: each must make at least one of its tests fail.

    python -m bench.mutations [--only NAME] [--list]

Each mutant replaces text in the source (the bugs issue 17 named: visibility filters, the
candidate ranking's SQL filters, CSV formula escaping, the score's weighting, a stale index
after a seeker hides), then runs the tests that guard it in a throw-away git worktree of HEAD
(with this checkout's ``.venv`` and ``var`` linked in), so the working tree is never touched.
A mutant is *caught* when those tests fail. Prints one line per mutant and a JSON last line.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    name: str
    edits: tuple[tuple[str, str, str], ...]  # (file, text, replacement)
    tests: tuple[str, ...]


_SEEKER_PART = ("app/services/indexes/parts.py",
                '.where(SeekerProfile.visibility == "visible", User.active.is_(True))',
                ".where(User.active.is_(True))")  # fmt: skip
_CANDIDATE_RECHECK = ("app/services/matching.py",
                      'SeekerProfile.visibility == "visible",  # never trust an index for privacy',
                      "")  # fmt: skip
_VISIBLE_SKILLS = ("app/services/indexes/parts.py",
                   'SeekerProfile.visibility == "visible"\n        )',
                   "SeekerProfile.id.is_not(None)\n        )")  # fmt: skip

MUTANTS = (
    Mutant(
        "every visibility filter removed",
        (
            _SEEKER_PART,
            _CANDIDATE_RECHECK,
            _VISIBLE_SKILLS,
            (
                "app/services/visibility.py",
                'return (SeekerProfile.visibility == "visible", User.active.is_(True))',
                "return (User.active.is_(True),)",
            ),
            ("app/auth/policy.py", 'and profile.visibility == "visible"', "and True"),
        ),  # fmt: skip
        ("tests/test_review_security.py::test_hidden_seekers_never_reach_employers",),
    ),
    Mutant(
        "candidate ranking's SQL visibility filters removed",
        (_SEEKER_PART, _CANDIDATE_RECHECK, _VISIBLE_SKILLS),
        ("tests/test_review_security.py", "tests/app/services/test_index_refresh.py"),
    ),
    Mutant(
        "CSV escapes only = and +",
        (
            (
                "app/services/csv_safe.py",
                'FORMULA_START = ("=", "+", "-", "@", "\\t", "\\r")',
                'FORMULA_START = ("=", "+")',
            ),
        ),  # fmt: skip
        ("tests/app/services/test_csv_safe.py",),
    ),
    Mutant(
        "score weights of required and nice-to-have swapped",
        (
            (
                "matching/scoring/score.py",
                "wr = params.weight_required * np.asarray(has_required, dtype=np.float64)\n"
                "    wp = params.weight_preferred * np.asarray(has_preferred, dtype=np.float64)",
                "wr = params.weight_preferred * np.asarray(has_required, dtype=np.float64)\n"
                "    wp = params.weight_required * np.asarray(has_preferred, dtype=np.float64)",
            ),
        ),  # fmt: skip
        ("tests/matching/test_scoring.py",),
    ),
    Mutant(
        "hiding a profile does not touch it (the indexes never learn)",
        (
            (
                "app/services/seekers.py",
                "    profile.share_contact = visible and share_contact\n    profile.updated_at = utcnow()\n",
                "    profile.share_contact = visible and share_contact\n",
            ),
        ),  # fmt: skip
        ("tests/test_review_security.py", "tests/app/services/test_index_refresh.py"),
    ),
)


def _git(*args: str, cwd: Path = ROOT) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def run(mutant: Mutant, tree: Path) -> dict[str, object]:
    """Apply one mutant in ``tree``, run its tests, put the files back."""
    for file, text, replacement in mutant.edits:
        path = tree / file
        source = path.read_text(encoding="utf-8")
        if source.count(text) != 1:
            raise SystemExit(f"{mutant.name}: {file} no longer holds the text to change")
        path.write_text(source.replace(text, replacement), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(
        [str(tree / ".venv/bin/python"), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
         *mutant.tests],
        cwd=tree, capture_output=True, text=True,
    )  # fmt: skip
    _git("checkout", "--", ".", cwd=tree)
    last = (done.stdout.strip().splitlines() or [""])[-1]
    return {"mutant": mutant.name, "caught": done.returncode == 1, "exit": done.returncode,
            "tests": last, "seconds": round(time.perf_counter() - started, 1)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="run the mutants whose name holds this text")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if not args.only or args.only in m.name]
    if args.list:
        for m in chosen:
            print(f"{m.name}: {' '.join(m.tests)}")
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        tree = Path(tmp) / "tree"
        _git("worktree", "add", "--detach", str(tree), "HEAD")
        try:
            for name in (".venv", "var"):
                if (ROOT / name).exists():
                    (tree / name).symlink_to(ROOT / name)
            for mutant in chosen:
                result = run(mutant, tree)
                results.append(result)
                verdict = "caught" if result["caught"] else "MISSED"
                print(f"{verdict:7} {mutant.name}: {result['tests']} ({result['seconds']} s)")
        finally:
            _git("worktree", "remove", "--force", str(tree))
    print(json.dumps({"mutants": len(results), "caught": sum(r["caught"] for r in results)}))
    return 0 if all(r["caught"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
