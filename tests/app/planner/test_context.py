"""BPS context figures: a CSV file loads all or nothing, bad lines are named by number and
field, a second load replaces the same keys; the tables pick the fullest survey round."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import LabourStatistic
from app.services import context_figures, labour_context
from app.services.labour_context import ContextFileError

SHIPPED = Path(__file__).resolve().parents[3] / "profiles" / "banten" / "bps_tpt.csv"
HEADER = "period,area_code,area,breakdown,value_percent,source\n"


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(LabourStatistic)) or 0


def test_the_shipped_file_loads_and_loads_again_idempotently(app) -> None:  # type: ignore[no-untyped-def]
    lines = len(SHIPPED.read_text(encoding="utf-8").splitlines()) - 1
    first = labour_context.load_context_file(SHIPPED)
    assert (first.added, first.replaced) == (lines, 0)
    again = labour_context.load_context_file(SHIPPED)
    assert (again.added, again.replaced) == (0, lines) and count() == lines
    smk = db.session.scalar(
        select(LabourStatistic).where(
            LabourStatistic.period == "2025-08", LabourStatistic.breakdown == "education:smk"
        )
    )
    assert (smk.value, smk.unit, smk.indicator, smk.area_code) == (10.13, "%", "tpt", "36")


def test_a_second_file_replaces_the_same_keys_only(app) -> None:  # type: ignore[no-untyped-def]
    labour_context.load_context(
        (
            HEADER + '2025-08,36,Provinsi Banten,total,6.69,"BPS"\n'
            '2024-08,36,Provinsi Banten,total,6.68,"BPS"\n'
        ).encode()
    )
    result = labour_context.load_context(
        (HEADER + '2025-08,36,Provinsi Banten,total,6.70,"BPS, corrected"\n').encode()
    )
    assert (result.added, result.replaced) == (0, 1) and count() == 2
    values = dict(db.session.execute(select(LabourStatistic.period, LabourStatistic.value)).all())
    assert values == {"2025-08": 6.70, "2024-08": 6.68}


BAD = (
    HEADER
    + '2025-08,36,Provinsi Banten,total,6.69,"BPS"\n'  # line 2: good
    + '2025-13,36,Provinsi Banten,total,6.69,"BPS"\n'  # line 3: month 13
    + '2025-08,3,Provinsi Banten,education:smk,10.1,"BPS"\n'  # line 4: area code
    + '2025-08,3601,Kab. Pandeglang,total,enam,"BPS"\n'  # line 5: value
    + '2025-08,3602,Kab. Lebak,by_age,7.1,"BPS"\n'  # line 6: breakdown
    + "2025-08,3603,Kab. Tangerang,total,7.2,\n"  # line 7: source
    + '2025-08,36,Provinsi Banten,total,6.70,"BPS"\n'  # line 8: the same key as line 2
    + '2025-08,3604,Kab. Serang,total,120,"BPS"\n'  # line 9: not a percentage
)


def test_bad_lines_are_named_and_nothing_is_saved(app) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ContextFileError) as raised:
        labour_context.load_context(BAD.encode())
    found = {(e.line, e.field) for e in raised.value.errors}
    assert found == {
        (3, "period"),
        (4, "area_code"),
        (5, "value_percent"),
        (6, "breakdown"),
        (7, "source"),
        (8, "period"),
        (9, "value_percent"),
    }
    assert count() == 0


@pytest.mark.parametrize(
    "content",
    [b"period,area_code,value_percent\n2025-08,36,6.6\n", b"\xff\xfe", HEADER.encode()],
)
def test_files_without_figures_or_columns_are_refused(app, content: bytes) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ContextFileError):
        labour_context.load_context(content)
    assert count() == 0


def test_cli_load_reports_lines_and_exits_non_zero(app, runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    result = runner.invoke(args=["context", "load", str(bad)])
    assert result.exit_code != 0
    assert "line 5: value_percent: not a number: 'enam'" in result.output
    assert "7 problem(s); nothing was saved." in result.output
    good = runner.invoke(args=["context", "load", str(SHIPPED)])
    assert good.exit_code == 0 and "44 figures added, 0 replaced." in good.output


def test_seed_reference_loads_the_shipped_figures(app, runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("app.services.vocabulary.count_skills", lambda: 1)  # skip the vocabulary
    result = runner.invoke(args=["seed", "reference"])
    assert result.exit_code == 0, result.output
    assert count() == 44


def test_tables_take_the_chosen_round_or_the_fullest(app) -> None:  # type: ignore[no-untyped-def]
    labour_context.load_context(
        (
            HEADER
            + '2022-08,3601,Kab. Pandeglang,total,9.24,"BPS"\n'
            + '2022-08,3602,Kab. Lebak,total,8.55,"BPS"\n'
            + '2022-08,3603,Kab. Tangerang,total,7.88,"BPS"\n'
            + '2023-08,3604,Kab. Serang,total,9.94,"BPS"\n'
            + '2023-08,36,Provinsi Banten,total,7.52,"BPS"\n'
            + '2024-08,36,Provinsi Banten,total,6.68,"BPS"\n'
            + '2024-08,36,Provinsi Banten,education:smk,11.0,"BPS"\n'
            + '2024-08,36,Provinsi Banten,education:sd_or_less,3.0,"BPS"\n'
        ).encode()
    )
    tables = context_figures.context_tables(None, None, None)
    assert [r.key for r in tables["province"].rows] == ["2023-08", "2024-08"]
    assert tables["districts"].period == "2022-08"
    assert [r.key for r in tables["districts"].rows] == [
        "Kab. Pandeglang",
        "Kab. Lebak",
        "Kab. Tangerang",
    ]
    assert [r.key for r in tables["education"].rows] == ["sd_or_less", "smk"]
    narrowed = context_figures.context_tables("2024-01", "2023-12", "2023-08")
    assert narrowed["province"].rows == []
    assert [r.key for r in narrowed["districts"].rows] == ["Kab. Serang"]
    assert narrowed["education"].rows == [] and narrowed["education"].period == "2023-08"
    assert context_figures.context_tables(None, "2023-08", None)["province"].rows[-1].value == 7.52
