"""Start-up of one web worker: ``python -m bench.startup`` (DATABASE_URL names the database).

In this fresh process, tuned as a gunicorn worker is (``app.runtime``): the app, the embedding
model and skill index, then the vacancy and seeker ranking indexes and one search, as a worker
does before (or at) its first requests, then the freed memory given back as a worker does after
its warm-up. Prints the seconds and the resident memory after each step, and the peak.
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


def main() -> int:
    steps: list[tuple[str, float, float, float]] = []

    def mark(name: str) -> None:
        rss, _ = memory()
        steps.append((name, time.perf_counter() - STARTED, rss, memory()[1]))

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
        mark(f"vacancy index ({vacancy_rows} rows)")
        seeker_rows = sum(
            len(p) for p in indexes.seeker_parts(matching.neighbours(), matching._CACHE["mean"])
        )  # type: ignore[arg-type]
        mark(f"seeker index ({seeker_rows} rows)")
        # a text never searched before: its embedding is computed, not read from the cache
        total = search(SearchQuery(text=f"web developer laravel {time.time_ns()}")).total
        mark(f"first search ({total} found)")
        release_memory()
        freeze_heap()
        mark("memory released (as a worker after warm-up)")
        print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].rsplit('@', 1)[-1]}")
    width = max(len(name) for name, *_ in steps)
    print(f"{'step':<{width}}  {'seconds':>7}  {'RSS MB':>7}  {'peak MB':>7}")
    for name, seconds, rss, peak in steps:
        print(f"{name:<{width}}  {seconds:>7.1f}  {rss:>7.0f}  {peak:>7.0f}")
    from bench.stats import load_line

    print(load_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
