"""``flask seed scale`` under the Jawa Barat profile: the generated vacancies, profiles and
organisation names carry the profile's province and districts, never Banten's; under the Banten
profile the texts are the written ones."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation, SeekerProfile, Vacancy
from app.services.demo_regional import regional_text
from app.services.scale_data import texts
from tests.profiles.conftest import BANTEN

STRICT = re.compile(BANTEN.pattern + r"|\bserang\b", re.IGNORECASE)


def test_scale_texts_read_the_profile(jabar_app: Flask) -> None:
    written = [*texts.VACANCY_INTROS, *texts.EMPLOYER_WORDS, *texts.SCHOOL_WORDS]
    written.append(texts.profile_summary("Saya lulusan SMK", "Web Developer", ["PHP"]))
    for text in written:
        assert STRICT.search(regional_text(text)) is None, text
    assert "Jawa Barat" in regional_text(texts.VACANCY_INTROS[0])


def test_banten_profile_keeps_the_written_texts(app: Flask) -> None:
    for text in texts.VACANCY_INTROS:
        assert regional_text(text) == text


def test_generated_rows_name_no_banten(jabar_app: Flask) -> None:
    from app.services.vocabulary import load_vocabulary
    from matching.vocab import load_vocabulary as shipped

    load_vocabulary(shipped())
    result = jabar_app.test_cli_runner().invoke(
        args=["seed", "scale", "--vacancies", "40", "--seekers", "10", "--schools", "3"]
    )
    assert result.exit_code == 0, result.output
    rows = [f"{v.title} {v.description}" for v in db.session.scalars(select(Vacancy))]
    rows += [f"{p.headline} {p.summary}" for p in db.session.scalars(select(SeekerProfile))]
    rows += [o.name for o in db.session.scalars(select(Organisation))]
    assert len(rows) == 40 + 10 + 3 + 1
    assert [row for row in rows if STRICT.search(row)] == []
    assert any("Jawa Barat" in row for row in rows)
