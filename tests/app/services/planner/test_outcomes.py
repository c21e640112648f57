"""The Outcomes page against hand-built applications: counts by district and education with
small counts hidden (directly and so that no hidden cell can be recovered from the total), days
to the first application, the share of vacancies open to SMK graduates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.extensions import db
from app.models import Application, ApplicationEvent
from app.services.planner import Figure, Filters
from app.services.planner import outcomes as page
from tests.app.services.planner.scene import load_occupations, posted, regions
from tests.factories import SeekerProfileFactory

PERIOD = Filters(since=date(2026, 1, 1), until=date(2026, 3, 1))


def apply(vacancy, education: str, day: datetime, stages: list[str]) -> None:  # type: ignore[no-untyped-def]
    """An application made on ``day`` that went through ``stages`` (events), status the last."""
    profile = SeekerProfileFactory(education_level=education)
    application = Application(
        profile=profile, vacancy=vacancy, status=(stages or ["applied"])[-1], created_at=day
    )
    for status in ["applied", *stages]:
        application.events.append(ApplicationEvent(status=status, created_at=day))
    db.session.add(application)
    db.session.commit()


@pytest.fixture
def scene(app):  # type: ignore[no-untyped-def]
    """Three vacancies posted on 5 January 2026 with 5, 2 and 6 applications."""
    load_occupations()
    context = app.test_request_context()
    context.push()
    r1, r2, r3 = regions()[:3]
    posted_on = date(2026, 1, 5)
    v1 = posted(posted_on, r1, min_education="s1")
    v2 = posted(posted_on, r2, min_education="d3")
    v3 = posted(posted_on, r3, min_education="sma_smk")
    early, later, mid = datetime(2026, 1, 7, 9), datetime(2026, 2, 10, 9), datetime(2026, 1, 15, 9)
    apply(v1, "s1", early, ["interview"])
    apply(v1, "s1", later, ["interview", "offer", "hired"])
    apply(v1, "s1", later, ["reviewed", "offer"])  # an offer without an interview
    apply(v1, "s1", later, [])
    apply(v1, "s1", later, ["rejected"])
    apply(v2, "d3", later, [])
    apply(v2, "d3", later, [])
    for _ in range(5):
        apply(v3, "sma_smk", mid, ["interview"])
    apply(v3, "sma_smk", mid, [])
    apply(v3, "sma_smk", datetime(2026, 4, 2), ["interview"])  # after the period
    yield {"r1": r1, "r2": r2, "r3": r3}
    context.pop()


def figure(figures: list[Figure], name: str) -> Figure:
    return next(f for f in figures if f.name == name)


def test_small_counts_are_hidden_directly_and_by_subtraction(app, scene) -> None:  # type: ignore[no-untyped-def]
    table = figure(page.outcomes_figures(PERIOD), "pipeline_by_district")
    assert table.headers[1:] == ["Lamaran", "Wawancara", "Tawaran", "Diterima bekerja"]
    assert table.rows == [
        # applications 6, 5, 2: 2 is hidden, and 5 too (else 13 - 6 - 5 = 2 would show it)
        # interviews 5, 2, 0: 2 hidden, and 5 too; offers 2 and hires 1: hidden with their total
        [scene["r3"].name, 6, None, 0, 0],
        [scene["r1"].name, None, None, None, None],
        [scene["r2"].name, None, 0, 0, 0],
        ["Total", 13, 7, None, None],
    ]
    assert "5" in table.note and "—" in table.note
    spec = table.chart_spec()
    assert spec is not None and "Total" not in spec["labels"]  # the total is in the table only


def test_no_hidden_cell_can_be_recovered_from_a_total(app, scene) -> None:  # type: ignore[no-untyped-def]
    for name in ("pipeline_by_district", "pipeline_by_education"):
        rows = figure(page.outcomes_figures(PERIOD), name).rows
        *cells, total = rows
        for column in range(1, 5):
            values = [row[column] for row in cells]
            assert all(v is None or v == 0 or v >= 5 for v in values + [total[column]]), name
            if total[column] is not None:
                assert values.count(None) != 1, (name, column)


def test_counts_by_education_and_filters(app, scene) -> None:  # type: ignore[no-untyped-def]
    table = figure(page.outcomes_figures(PERIOD), "pipeline_by_education")
    assert table.rows[0] == ["SMA/SMK", 6, None, 0, 0]
    only = Filters(PERIOD.since, PERIOD.until, region_id=scene["r3"].id)
    rows = figure(page.outcomes_figures(only), "pipeline_by_district").rows
    assert rows == [[scene["r3"].name, 6, 5, 0, 0], ["Total", 6, 5, 0, 0]]


def test_days_to_the_first_application_and_smk_share(app, scene) -> None:  # type: ignore[no-untyped-def]
    figures = page.outcomes_figures(PERIOD)
    # first applications after 2 (Jan 7), 36 (Feb 10) and 10 days (Jan 15): median 10
    assert figure(figures, "time_to_application").rows == [
        ["2026-01", 3, 3, 10.0],
        ["2026-02", 0, 0, None],
        ["2026-03", 0, 0, None],
    ]
    assert figure(figures, "smk_share").rows[0] == ["2026-01", 3, 1, 33.3]


def test_the_cells_follow_a_change_of_an_application(app, scene) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.services import demand

    only = Filters(PERIOD.since, PERIOD.until, region_id=scene["r3"].id)
    application = db.session.scalars(
        select(Application)
        .join(Application.events)
        .where(
            Application.status == "interview",
            Application.vacancy.has(region_id=scene["r3"].id),
            Application.created_at < datetime(2026, 2, 1),
        )
    ).first()
    application.status = "offer"
    application.events.append(ApplicationEvent(status="offer", created_at=datetime(2026, 1, 20)))
    db.session.commit()
    rows = figure(page.outcomes_figures(only), "pipeline_by_district").rows
    assert rows[-1] == ["Total", 6, 5, None, 0]  # one offer now: hidden
    kept = [f.rows for f in page.outcomes_figures(PERIOD)]
    demand.rebuild_demand()
    assert [f.rows for f in page.outcomes_figures(PERIOD)] == kept
