"""Each bench page once, in this process, without concurrency: ``python -m bench.pages
[--profile PAGE]`` (DATABASE_URL names the database). Prints warm milliseconds per page (the
second request; the first builds the indexes), and with ``--profile`` the functions that took
the time (cProfile, cumulative), to find where a slow page spends it."""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import sys
import time

from bench.load import BENCH_PASSWORD, EMAIL_DOMAIN

PAGES = {
    "search keyword": ("seeker", "/vacancies/?q=laravel"),
    "search meaning": ("seeker", "/vacancies/?q=memperbaiki+komputer+kantor+yang+rusak"),
    "search + district": ("seeker", "/vacancies/?q=jaringan&region=5"),
    "recommendations": ("seeker", "/seeker/recommendations"),
    "vacancy page": ("seeker", "/vacancies/{vacancy}"),
    "candidates": ("employer", "/employer/vacancies/{own}/candidates"),
    "gap report": ("school", "/school/curricula/{curriculum}/gap?region=all&months=7"),
}


def _login(client, role: str) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    email = f"{role}1@{EMAIL_DOMAIN}"
    answer = client.post(
        "/auth/login", data={"email": email, "password": BENCH_PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 302, f"cannot sign in as {email}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", choices=sorted(PAGES), action="append", default=[])
    parser.add_argument("--only", choices=sorted(PAGES), action="append", default=[])
    parser.add_argument("--lines", type=int, default=25)
    args = parser.parse_args(argv)
    from app import create_app

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
        timings = []
        for attempt in range(2):
            profiler = cProfile.Profile() if attempt == 1 and name in args.profile else None
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            answer = client.get(url)
            if profiler:
                profiler.disable()
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"{name:<18} {answer.status_code}  first {timings[0]:>8.0f} ms  warm {timings[1]:>7.0f} ms"
            f"  {len(answer.data) / 1024:>6.0f} KB  {url}"
        )
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.lines)
            print(out.getvalue())
    from bench.stats import load_line

    print(load_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
