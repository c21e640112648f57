"""Start-up of one web worker: ``python -m bench.startup`` (DATABASE_URL names the database).

In this fresh process, tuned as a gunicorn worker is (``app.runtime``): the app, the embedding
model and skill index, then the vacancy and seeker ranking indexes and one search, as a worker
does before (or at) its first requests, then the freed memory given back as a worker does after
its warm-up. Prints the seconds, the CPU seconds of this process, the resident and proportional
memory (Pss: pages shared with other processes, such as a memory-mapped index snapshot, count
for their share) after each step, and the peak. Each index says whether it came from the
snapshot (``INDEX_SNAPSHOT_DIR``) or from the database.
"""

from __future__ import annotations

import sys
import time

STARTED = time.perf_counter()


def memory() -> tuple[float, float]:
    """Resident and peak resident memory of this process in MB (Linux ``/proc``)."""
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def pss() -> float:
    """Proportional set size of this process in MB (Linux ``smaps_rollup``)."""
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    steps: list[tuple[str, float, float, float, float, float]] = []

    def mark(name: str) -> None:
        rss, peak = memory()
        cpu = time.process_time()
        steps.append((name, time.perf_counter() - STARTED, cpu, rss, pss(), peak))

    from app import create_app
    from app.runtime import freeze_heap, release_memory, tune_worker

    tune_worker()  # as gunicorn.conf.py does
    app = create_app()
    mark("app created")
    with app.app_context():
        from app.services import indexes, matching
        from app.services.linking import skill_index
        from app.services.search import SearchQuery, search

        skill_index()
        mark("model and skill index")
        matching.neighbours()
        mark("skill neighbours")
        vacancy_rows = sum(len(p) for p in matching.vacancy_parts())
        mark(f"vacancy index ({vacancy_rows} rows, {_source(indexes.VACANCIES)})")
        seeker_rows = sum(
            len(p) for p in indexes.seeker_parts(matching.neighbours(), matching._CACHE["mean"])
        )  # type: ignore[arg-type]
        mark(f"seeker index ({seeker_rows} rows, {_source(indexes.SEEKERS)})")
        # a text never searched before: its embedding is computed, not read from the cache
        total = search(SearchQuery(text=f"web developer laravel {time.time_ns()}")).total
        mark(f"first search ({total} found)")
        release_memory()
        freeze_heap()
        mark("memory released (as a worker after warm-up)")
        print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].rsplit('@', 1)[-1]}")
    width = max(len(name) for name, *_ in steps)
    head = ("seconds", "CPU s", "RSS MB", "Pss MB", "peak MB")
    print(f"{'step':<{width}}  " + "  ".join(f"{h:>7}" for h in head))
    for name, seconds, cpu, rss, share, peak in steps:
        print(
            f"{name:<{width}}  {seconds:>7.1f}  {cpu:>7.1f}  {rss:>7.0f}  {share:>7.0f}  "
            f"{peak:>7.0f}"
        )
    from bench.stats import load_line

    print(load_line())
    return 0


def _source(live) -> str:  # type: ignore[no-untyped-def]
    """Where an index's main part came from."""
    if live.loaded:
        return f"snapshot + {len(live.delta_ids)} changed rows"
    return "built from the database"


if __name__ == "__main__":
    sys.exit(main())
