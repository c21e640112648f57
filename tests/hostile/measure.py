"""Peak memory and time of each hostile file through its guarded entry, one fresh process each.

``python -m tests.hostile.measure [--only TEXT]`` builds every file of ``make_files.HOSTILE``
(plus the largest vacancy import a file may hold, and a CV at the size limit), hands it to its
entry (curriculum upload parse, CV reading, vacancy file import, the skill linker) inside the
app with the settings of ``TestingConfig``, and prints the outcome, the time the entry took
(app start-up excluded) and the process's peak resident memory (``ru_maxrss`` of the child:
it includes the interpreter, the app and, for the linker and the import, the loaded models).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.hostile import make_files as files

ROOT = Path(__file__).resolve().parents[2]
EXTRA = (
    files.Hostile(
        "500 valid rows, the row limit (csv)",
        "vacancies",
        "v.csv",
        lambda: files.vacancy_csv(
            [
                files.vacancy_row(f"Teknisi {i}").replace(
                    "router MikroTik", f"router MikroTik {os.getpid()} seri {i}"
                )
                for i in range(500)
            ]
        ),
    ),
    files.Hostile(
        "50 rows of 10 KB descriptions (csv)", "vacancies", "v.csv", files.vacancies_long
    ),
    files.Hostile(
        "descriptions near the sentence limit (csv)",
        "vacancies",
        "v.csv",
        lambda: files.vacancies_long(5, 10_000).replace(
            b"Menguasai", b"Menguasai %d" % os.getpid()
        ),
    ),
    files.Hostile("2 MB CV of text (txt)", "cv", "cv.txt", files.cv_at_limit),
    files.Hostile(
        "DOCX at the limits (38 MB unpacked)", "curriculum", "k.docx", files.docx_at_limits
    ),
    files.Hostile("PDF of 500 pages", "curriculum", "k.pdf", files.pdf_many_pages),
    files.Hostile("10 MB Markdown curriculum", "curriculum", "k.md", files.markdown_at_limit),
    files.Hostile(
        "saving 1,000 outcomes (the limit)", "curriculum_save", "k.md", files.curriculum_at_outcomes
    ),
)


def run_one(entry: str, path: str, filename: str) -> tuple[str, float]:
    """Read the file through its entry in this process: what happened, in one line, and the
    seconds it took (the app's start-up and the import's database set-up left out)."""
    started: list[float] = []
    outcome = _entry(entry, path, filename, started)
    return outcome, time.perf_counter() - started[-1]


def _entry(entry: str, path: str, filename: str, started: list[float]) -> str:
    from app import create_app
    from app.config import TestingConfig
    from app.extensions import db
    from app.services.errors import ValidationError

    data = Path(path).read_bytes()
    if entry in ("cv", "linker", "curriculum_save"):  # text the embedding cache has not seen
        salted = re.sub(rb"(?i)sql|bisa", lambda m: m.group() + b" %d" % os.getpid(), data)
        data = salted[: len(data)] if entry == "cv" else salted  # a CV stays under its limit
    folder = tempfile.mkdtemp()
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/m.sqlite")
    with app.test_request_context():
        started.append(time.perf_counter())
        if entry == "curriculum":
            from app.services.curriculum_import import CurriculumImportError, parse_upload

            try:
                parsed, _ = parse_upload(data, filename)
            except CurriculumImportError as error:
                return "refused: " + error.messages[0][:90]
            return f"parsed: {len(parsed.units)} units"
        from app.services.regions import load_regions
        from app.services.vocabulary import load_vocabulary
        from matching.vocab import load_vocabulary as shipped
        from tests.factories import EmployerFactory

        db.create_all()
        load_regions(app.config["REGIONS_FILE"])
        load_vocabulary(shipped())
        user = EmployerFactory()
        from app.services.linking import suggest_skills

        # Both encoders loaded, as in a worker that has read any new text (a text of this run's
        # own, which the embedding cache cannot answer).
        suggest_skills(f"Menguasai Python dan SQL, warm-up {os.getpid()}.")
        started.append(time.perf_counter())
        if entry == "cv":
            from app.services.cv import cv_text
            from app.services.linking import clip_for_linker, suggest_skills

            try:
                text = cv_text(data, filename)
            except ValidationError as error:
                return "refused: " + error.message[:90]
            kept, cut = clip_for_linker(text)
            return f"read: {len(suggest_skills(kept))} skills" + (", text cut" if cut else "")
        if entry == "linker":
            from app.services.linking import clip_for_linker, suggest_skills

            kept, cut = clip_for_linker(data.decode())
            return f"linked: {len(suggest_skills(kept))} skills, {len(kept)} chars" + (
                " (cut)" if cut else ""
            )
        if entry == "curriculum_save":
            from app.services import curriculum_import
            from tests.factories import SchoolUserFactory

            school = SchoolUserFactory()
            started.append(time.perf_counter())
            parsed, _ = curriculum_import.parse_upload(data, filename)
            given = curriculum_import.ProgrammeInput("TKJ", "", "smk", 2025)
            checked = curriculum_import.check_mapping(
                curriculum_import.with_programme(parsed, given)
            )
            saved = curriculum_import.save_curriculum(school, checked)
            return f"saved: {sum(len(u.outcomes) for u in saved.units)} outcomes read"
        from app.services import vacancy_import

        try:
            report = vacancy_import.import_file(data, filename, user)
        except ValidationError as error:
            return "refused: " + error.message[:90]
        return f"imported {len(report.imported)}, {report.rejected_count} lines rejected"


def measure(item: files.Hostile) -> dict[str, object]:
    """Run one file in a child process; its outcome, wall time and peak RSS."""
    with tempfile.NamedTemporaryFile(suffix=item.filename, delete=False) as handle:
        handle.write(item.build())
    command = [sys.executable, "-m", "tests.hostile.measure", "--child", item.entry, handle.name]
    command.append(item.filename)
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    lines = (child.stdout.read() if child.stdout else "").strip().splitlines()
    answer = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    size = Path(handle.name).stat().st_size
    Path(handle.name).unlink()
    return {
        "file": item.name,
        "entry": item.entry,
        "size_bytes": size,
        "seconds": round(answer.get("seconds", took), 2),
        "process_seconds": round(took, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "exit": os.waitstatus_to_exitcode(status),
        "outcome": answer.get("outcome", ""),
    }


def main() -> None:
    """Measure every hostile file (or those whose name holds --only) and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="", help="measure the files whose name holds this")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        outcome, seconds = run_one(*args.child)
        print(json.dumps({"outcome": outcome, "seconds": seconds}))
        return
    print(f"{'file':38} {'entry':10} {'MB in':>6} {'s':>6} {'peak MB':>8}  outcome")
    for item in (*files.HOSTILE, *EXTRA):
        if args.only.lower() not in item.name.lower():
            continue
        row = measure(item)
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            outcome = row["outcome"] if row["exit"] == 0 else f"CRASHED (exit {row['exit']})"
            print(
                f"{row['file']:38} {row['entry']:10} {row['size_bytes'] / 2**20:6.2f} "
                f"{row['seconds']:6.2f} {row['peak_mb']:8}  {outcome}",
                flush=True,
            )


if __name__ == "__main__":
    main()
