"""Agreement of the unit-placement labels with their blind second pass.

    python -m curricula.lab.gap.agreement [--json] [--write union|intersection FILE]

``curricula/gap/data/unit_placement.csv`` (the labels ``evaluate_units`` scores against) and
``unit_placement_pass2.csv`` (a second labeller, who saw the rows' skills and the curricula's
units and outcomes only: neither the first labels nor any prediction) are compared row by row:
the same answers, at least one answer in common, none in common, and Cohen's kappa of the first
answer each pass gives (chance agreement from each pass's own answer frequencies).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from curricula.lab.gap.cases import LABELS, read_labels

PASS2 = LABELS.with_name("unit_placement_pass2.csv")


def answers(row: dict[str, str]) -> tuple[str, ...]:
    """A row's answers in the order written (unit codes and/or ``none``)."""
    return tuple(a.strip() for a in row["unit"].split("|") if a.strip())


def agreement(first: list[dict[str, str]], second: list[dict[str, str]]) -> dict[str, float]:
    """Row-by-row agreement of two passes over the same rows (an error names a mismatched row)."""
    if len(first) != len(second):
        raise ValueError(f"{len(first)} rows against {len(second)}")
    same = common = 0
    a_first: list[str] = []
    b_first: list[str] = []
    for number, (a, b) in enumerate(zip(first, second, strict=True), start=2):
        if (a["curriculum"], a["skill"]) != (b["curriculum"], b["skill"]):
            raise ValueError(f"line {number}: {a['skill']!r} against {b['skill']!r}")
        x, y = answers(a), answers(b)
        same += set(x) == set(y)
        common += bool(set(x) & set(y))
        a_first.append(x[0])
        b_first.append(y[0])
    n = len(first)
    observed = sum(x == y for x, y in zip(a_first, b_first, strict=True)) / n
    fa, fb = Counter(a_first), Counter(b_first)
    chance = sum(fa[k] * fb[k] for k in fa) / (n * n)
    return {
        "rows": n,
        "same_answers": same / n,
        "an_answer_in_common": common / n,
        "none_in_common": (n - common) / n,
        "first_answer_agreement": observed,
        "cohen_kappa_first_answer": (observed - chance) / (1 - chance) if chance < 1 else 1.0,
        "none_rows_first": sum("none" in answers(r) for r in first),
        "none_rows_second": sum("none" in answers(r) for r in second),
    }


def combined(
    first: list[dict[str, str]], second: list[dict[str, str]], how: str
) -> list[dict[str, str]]:
    """The first pass's rows with the answers of both passes (``union``) or of both at once
    (``intersection``; a row without one keeps the first pass's answers)."""
    out = []
    for a, b in zip(first, second, strict=True):
        x, y = answers(a), answers(b)
        both = [u for u in x if u in y]
        units = list(dict.fromkeys(x + y)) if how == "union" else (both or list(x))
        out.append({**a, "unit": "|".join(units)})
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m curricula.lab.gap.agreement")
    parser.add_argument("--first", type=Path, default=LABELS)
    parser.add_argument("--second", type=Path, default=PASS2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--write",
        nargs=2,
        metavar=("union|intersection", "FILE"),
        help="also write the labels combined so (for evaluate_units --labels FILE)",
    )
    args = parser.parse_args(argv)
    first, second = read_labels(args.first), read_labels(args.second)
    result = agreement(first, second)
    if args.write:
        how, path = args.write
        if how not in ("union", "intersection"):
            parser.error(f"--write: union or intersection, not {how!r}")
        rows = combined(first, second, how)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["curriculum", "skill", "unit", "note"])
            writer.writeheader()
            writer.writerows({k: r.get(k, "") for k in writer.fieldnames} for r in rows)
    rounded = {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}
    if not args.json:
        for key, value in rounded.items():
            print(f"{key:28} {value}")
    print(json.dumps(rounded))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
