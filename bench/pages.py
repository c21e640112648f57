"""Each bench page alone, in this process, without concurrency: ``python -m bench.pages
[--repeat 5] [--profile PAGE]`` (DATABASE_URL names the database). Prints per page the first
request (it builds the indexes) and, over ``--repeat`` warm requests, the median wall
milliseconds, the median CPU milliseconds of this process (every thread: BLAS too) (what a page costs the web
worker, whatever else the machine runs) and the SQL statements of one request. With
``--profile`` the functions that took the time in one warm request (cProfile, cumulative)."""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import statistics
import sys
import time
from dataclasses import dataclass

from bench.load import BENCH_PASSWORD, EMAIL_DOMAIN

PAGES = {
    "search keyword": ("seeker", "/vacancies/?q=laravel"),
    "search meaning": ("seeker", "/vacancies/?q=memperbaiki+komputer+kantor+yang+rusak"),
    "search + district": ("seeker", "/vacancies/?q=jaringan&region=5"),
    "recommendations": ("seeker", "/seeker/recommendations"),
    "vacancy page": ("seeker", "/vacancies/{vacancy}"),
    "candidates": ("employer", "/employer/vacancies/{own}/candidates"),
    "gap report": ("school", "/school/curricula/{curriculum}/gap?region=all&months=7"),
    "gap report field": (
        "school",
        "/school/curricula/{curriculum}/gap?region=all&months=7&related_only=y",
    ),
}


def _login(client, role: str) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    email = f"{role}1@{EMAIL_DOMAIN}"
    answer = client.post(
        "/auth/login", data={"email": email, "password": BENCH_PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 302, f"cannot sign in as {email}"


@dataclass
class Timed:
    """One request: the answer, wall and process CPU milliseconds, SQL statements sent."""

    answer: object
    wall: float
    cpu: float
    statements: int


def _timed(client, url: str) -> Timed:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    from app.extensions import db

    with client.application.app_context():
        engine = db.engine
    count = [0]

    def seen(*_args) -> None:  # type: ignore[no-untyped-def]
        count[0] += 1

    event.listen(engine, "before_cursor_execute", seen)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        answer = client.get(url)
    finally:
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        event.remove(engine, "before_cursor_execute", seen)
    return Timed(answer, wall * 1000, used * 1000, count[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", choices=sorted(PAGES), action="append", default=[])
    parser.add_argument("--only", choices=sorted(PAGES), action="append", default=[])
    parser.add_argument("--lines", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=5, help="warm requests per page")
    args = parser.parse_args(argv)
    from app import create_app
    from app.runtime import tune_worker

    tune_worker()  # one BLAS thread, as a gunicorn worker (gunicorn.conf.py)
    app = create_app()
    clients = {}
    ids: dict[str, str] = {}
    for name in args.only or list(PAGES):
        role, path = PAGES[name]
        if role not in clients:
            clients[role] = app.test_client()
            _login(clients[role], role)
        client = clients[role]
        if "{vacancy}" in path and "vacancy" not in ids:
            body = client.get("/vacancies/?q=developer").get_data(as_text=True)
            ids["vacancy"] = re.search(r'href="/vacancies/(\d+)"', body).group(1)  # type: ignore[union-attr]
        if "{own}" in path and "own" not in ids:
            body = client.get("/employer/").get_data(as_text=True)
            ids["own"] = re.search(r'href="/employer/vacancies/(\d+)"', body).group(1)  # type: ignore[union-attr]
        if "{curriculum}" in path and "curriculum" not in ids:
            body = client.get("/school/").get_data(as_text=True)
            ids["curriculum"] = re.search(r'href="/school/curricula/(\d+)"', body).group(1)  # type: ignore[union-attr]
        url = path.format(**ids)
        first = _timed(client, url)
        warm = [_timed(client, url) for _ in range(max(1, args.repeat))]
        answer = warm[-1].answer
        print(
            f"{name:<18} {answer.status_code}  first {first.wall:>8.0f} ms"
            f"  warm {statistics.median(w.wall for w in warm):>6.0f} ms"
            f"  cpu {statistics.median(w.cpu for w in warm):>6.1f} ms"
            f"  sql {warm[-1].statements:>3}  {len(answer.data) / 1024:>5.0f} KB  {url}"
        )
        if name in args.profile:
            profiler = cProfile.Profile(time.process_time)  # CPU, not wall: a busy machine
            profiler.enable()
            client.get(url)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(args.lines)
            stats.sort_stats("tottime").print_stats(args.lines)
            print(out.getvalue())
    from bench.stats import load_line

    print(load_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
