"""Time the planners' Supply, Gaps and What-if pages in this process, one request at a time,
through the app's own test client (rendering included):
``python -m bench.supply_gaps --database-url URL [--repeat 5]``.

Each page is requested with the default filters (the last 12 months, the province) and with the
district that has most vacancies; the what-if for a programme of that district with the two
skills its district lacks most; the programmes behind a skill. Each URL is requested once to warm
up (the first what-if loads the skill neighbours), then ``--repeat`` times; printed: median and
p95 in milliseconds, status and size, and the load average (a shared machine: noisy numbers).
Signs in as ``planner1@scale.example`` (created with the bench password where ``@scale.example``
accounts exist, i.e. in a ``flask seed scale`` database only)."""

from __future__ import annotations

import argparse
import os
from urllib.parse import urlencode

from bench.planner import ensure_planner, login, time_url
from bench.stats import load_line, percentile


def urls() -> list[tuple[str, str]]:
    """(label, URL) of the pages to time."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Vacancy
    from app.services.planner import Filters
    from app.services.planner import gap_counts as gc
    from app.services.planner import supply_counts as counts

    region = db.session.scalar(
        select(Vacancy.region_id).group_by(Vacancy.region_id).order_by(func.count().desc())
    )
    filters = Filters.default()
    lacking = [c.skill_id for c in gc.area_shortages(Filters(filters.since, filters.until,
                                                              region_id=region))[:2]]  # fmt: skip
    programme = next((p.id for p in counts.programmes(region)), None)
    found = [
        ("supply [default]", "/planner/supply"),
        ("supply [district]", f"/planner/supply?region={region}"),
        ("gaps [default]", "/planner/gaps"),
        ("gaps [district]", f"/planner/gaps?region={region}"),
        ("gaps csv [default]", "/planner/gaps/programme_coverage.csv"),
    ]
    if programme is not None:
        args = urlencode([("programme", programme), *[("skill", s) for s in lacking]])
        found.append(("what-if [+2 skills]", f"/planner/whatif?{args}"))
    if lacking:
        found.append(("programmes [skill]", f"/planner/programmes?skill={lacking[0]}&covers=0"))
    return found


def main() -> None:
    """Parse the arguments, time each URL, print one line per URL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    if options.database_url:
        os.environ["DATABASE_URL"] = options.database_url
    from app import create_app

    app = create_app()
    with app.app_context():
        ensure_planner()
        client = app.test_client()
        login(client)
        print(load_line())
        print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'status':>6} {'bytes':>9}")
        for label, url in urls():
            times, status, size = time_url(client, url, options.repeat)
            print(f"{label:28} {percentile(times, 50):10.0f} {percentile(times, 95):8.0f} "
                  f"{status:6d} {size:9d}")  # fmt: skip
        print(load_line())


if __name__ == "__main__":
    main()
