"""Time every registered planner page and the drill-down, in this process, one request at a
time: ``python -m bench.planner --database-url URL [--repeat 7]``.

The pages come from the registry (``app.services.planner.registry``), so pages registered by
any module are timed; each with the default filters (the last 12 months, the province), with
one district (the one with most vacancies), with one occupation (the most common) and with
both; then the drill-down behind a month, a district and a skill. Each URL is requested once to
warm up, then ``--repeat`` times; printed: median and p95 in milliseconds, the answer's status
and size, and the load average (the machine may be shared: the numbers are noisy).

The bench signs in as a planner: ``planner1@scale.example`` with the bench password, created
in the bench database when missing (only where ``@scale.example`` accounts exist)."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from urllib.parse import urlencode

from bench.load import BENCH_PASSWORD, EMAIL_DOMAIN
from bench.stats import load_line, percentile

PLANNER = f"planner1@{EMAIL_DOMAIN}"
TARGET_MS = 1000.0


def ensure_planner() -> None:
    """The bench planner (in the bench database only: refused without scale accounts)."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import User
    from app.models.base import utcnow
    from app.services.accounts import hash_password
    from app.services.planners import find_or_add_agency

    if db.session.scalar(select(User).where(User.email == PLANNER)) is not None:
        return
    scale = db.session.scalar(
        select(func.count()).select_from(User).where(User.email.like(f"%@{EMAIL_DOMAIN}"))
    )
    if not scale:
        raise SystemExit(f"no @{EMAIL_DOMAIN} accounts: not a bench database")
    db.session.add(
        User(
            email=PLANNER,
            name="Bench planner",
            role="planner",
            organisation=find_or_add_agency("Bappeda (bench)"),
            password_hash=hash_password(BENCH_PASSWORD),
            email_verified_at=utcnow(),
        )
    )
    db.session.commit()


def login(client) -> None:  # type: ignore[no-untyped-def]
    """Sign in through the real form."""
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    answer = client.post(
        "/auth/login", data={"email": PLANNER, "password": BENCH_PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 302, f"cannot sign in as {PLANNER}"


def busiest() -> tuple[str, str]:
    """The district id with most vacancies and the most common occupation code."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Vacancy

    def top(column):  # type: ignore[no-untyped-def]
        return db.session.scalar(
            select(column)
            .where(column.is_not(None))
            .group_by(column)
            .order_by(func.count().desc())
            .limit(1)
        )

    return str(top(Vacancy.region_id)), str(top(Vacancy.occupation_code) or "")


def page_urls(region: str, occupation: str) -> list[tuple[str, str]]:
    """(label, URL) of every registered page under each filter set."""
    from flask import url_for

    from app.services.planner.registry import load_pages, menu

    load_pages()
    variants = {
        "default": {},
        "district": {"region": region},
        "occupation": {"occupation": occupation},
        "district+occupation": {"region": region, "occupation": occupation},
    }
    urls = []
    for page in menu():
        base = url_for(page.endpoint) if page.endpoint else url_for("planner.page", page=page.name)
        for label, args in variants.items():
            urls.append((f"{page.name} [{label}]", base + ("?" + urlencode(args) if args else "")))
    return urls


def drill_urls(client, region: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Drill-down links taken from the Demand page (a month, a district, a skill)."""
    from html import unescape

    found = []
    body = client.get("/planner/demand").get_data(as_text=True)
    for figure in ("per_month", "by_district", "top_skills"):
        section = re.search(rf'id="figure-{figure}"(.*?)</section>', body, re.S)
        link = section and re.search(r'href="(/planner/vacancies\?[^"]+)"', section.group(1))
        if link:
            found.append((f"drill-down [{figure}]", unescape(link.group(1))))
    found.append(("drill-down [all, page 3]", "/planner/vacancies?page=3"))
    found.append(("drill-down [district]", f"/planner/vacancies?region={region}"))
    return found


def time_url(client, url: str, repeat: int) -> tuple[list[float], int, int]:  # type: ignore[no-untyped-def]
    """Milliseconds of ``repeat`` requests after one warm-up; the last status and size."""
    answer = client.get(url)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        answer = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return timings, answer.status_code, len(answer.data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url (or DATABASE_URL) is required")
    os.environ["DATABASE_URL"] = args.database_url
    from app import create_app

    app = create_app()
    with app.app_context():
        ensure_planner()
        region, occupation = busiest()
        with app.test_request_context():
            urls = page_urls(region, occupation)
    client = app.test_client()
    login(client)
    urls += drill_urls(client, region)
    print(f"{'page [filters]':<42} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'KB':>6}  URL")
    slow = 0
    for label, url in urls:
        timings, status, size = time_url(client, url, args.repeat)
        median, p95 = percentile(timings, 50), percentile(timings, 95)
        slow += p95 > TARGET_MS or status != 200
        print(f"{label:<42} {status:>6} {median:>10.0f} {p95:>8.0f} {size / 1024:>6.0f}  {url}")
    print(
        f"{len(urls)} URLs x {args.repeat} requests; over {TARGET_MS:.0f} ms (p95) or failed: {slow}"
    )
    print(load_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
