"""The fast subset run with the Jawa Barat profile: every GET page as each role, the planners'
CSV/XLSX exports, a gap report PDF and the open-data catalogue show no "Banten" (except what a
user typed), and regions, codes and names come from the profile."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from flask import Flask, g

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.profile import ProfileError, load_profile
from app.services.regions import list_regions
from tests.conftest import login_as
from tests.profiles.conftest import BANTEN, FACTORY_TEXT, JABAR, readable, without_user_text
from tests.test_get_is_safe import get_urls, scene


def test_profile_loads_jabar_regions(jabar_app: Flask) -> None:
    profile = jabar_app.config["PROFILE"]
    assert (profile.province_code, profile.platform_name) == ("32", "Link & Match Jawa Barat")
    regions = list_regions()
    assert len(regions) == 27
    assert {r.code[:2] for r in regions} == {"32"}
    assert (regions[0].code, regions[-1].name) == ("3201", "Kota Banjar")
    assert profile.context_file is None


def test_other_profile_gets_its_own_sqlite_file() -> None:
    app = create_app(TestingConfig, PROFILE_PATH=str(JABAR))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"  # tests set their own
    from app.config import Config
    from app.profile import apply_profile

    config = {"SQLALCHEMY_DATABASE_URI": Config.SQLALCHEMY_DATABASE_URI}
    apply_profile(config, {"PROFILE_PATH": str(JABAR)})
    assert config["SQLALCHEMY_DATABASE_URI"].endswith("/instance/jabar.sqlite")


def test_a_profile_without_regions_is_refused(tmp_path: Path) -> None:
    (tmp_path / "profile.toml").write_text('platform_name = "X"\n', encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profile(tmp_path)


def test_no_banten_on_any_page_or_export(jabar_app: Flask) -> None:
    data = scene()
    urls = get_urls(jabar_app, data["values"])
    urls += [
        "/planner/context/province.csv",
        "/planner/context/province.xlsx",
        "/data/catalog.json",
    ]
    found: list[tuple[str, str, str]] = []
    for role, user in data["users"].items():
        client = jabar_app.test_client()
        g.pop("csrf_token", None)
        if user is not None:
            assert login_as(client, user).status_code == 302, role
        for url in urls:
            answer = client.get(url)
            db.session.rollback()
            match = BANTEN.search(without_user_text(readable(answer.get_data()), FACTORY_TEXT))
            if match:
                found.append((role, url, match.group(0)))
    assert found == []


def test_home_page_names_the_province(jabar_app: Flask) -> None:
    page = jabar_app.test_client().get("/").get_data(as_text=True)
    assert "Link &amp; Match Jawa Barat" in page or "Link & Match Jawa Barat" in page
    assert "Jawa Barat" in page
    assert "/profile.css" in page
    css = jabar_app.test_client().get("/profile.css").get_data(as_text=True)
    assert "#1b7a3e" in css


def test_demo_scene_and_history_use_the_profile_districts(jabar_app: Flask) -> None:
    from app.services.demo import read_demo
    from app.services.demo_history import read_history

    codes = {r.code for r in list_regions()}
    for data in (read_demo(), read_history()):
        text = json.dumps(data, ensure_ascii=False)
        strict = re.compile(BANTEN.pattern + r"|serang\b", re.IGNORECASE)
        assert strict.search(text) is None, strict.search(text)
        used = set(re.findall(r'"region": "(\d{4})"', text))
        assert used and used <= codes
    history = read_history()
    assert set(history["districts"]) <= codes
    assert "Kota Bandung" in json.dumps(read_demo(), ensure_ascii=False)


def test_privacy_notice_names_the_profile_data_controller(jabar_app: Flask) -> None:
    page = jabar_app.test_client().get("/about/privacy").get_data(as_text=True)
    assert "Pemerintah Provinsi Jawa Barat (Disnakertrans Provinsi Jawa Barat)" in page
    assert "Pengendali data" in page


def test_planner_page_says_the_profile_has_no_context_file(jabar_app: Flask) -> None:
    from tests.factories import PlannerFactory

    client = jabar_app.test_client()
    assert login_as(client, PlannerFactory()).status_code == 302
    page = client.get("/planner/").get_data(as_text=True)
    assert 'data-testid="no-context-file"' in page
    assert "Pengangguran terbuka di Jawa Barat (BPS)" in page


def test_header_serves_the_profile_logo_and_colours(jabar_app: Flask) -> None:
    client = jabar_app.test_client()
    page = client.get("/vacancies/").get_data(as_text=True)
    brand = re.search(r'<a class="navbar-brand[^>]*>(.*?)</a>', page, re.S)
    assert brand is not None
    assert '<img src="/profile/logo"' in brand.group(1)
    assert "Jawa Barat" in brand.group(1)
    logo = client.get("/profile/logo")
    assert logo.status_code == 200 and logo.mimetype == "image/svg+xml"
    assert logo.get_data() == (JABAR / "logo.svg").read_bytes()
    assert '<link rel="stylesheet" href="/profile.css">' in page
    css = client.get("/profile.css").get_data(as_text=True)
    assert ".bg-primary { background-color: #1b7a3e !important; }" in css


def test_banten_header_has_no_logo_and_no_colours(app: Flask) -> None:
    client = app.test_client()
    page = client.get("/vacancies/").get_data(as_text=True)
    assert "/profile/logo" not in page
    assert client.get("/profile/logo").status_code == 404
    assert client.get("/profile.css").get_data(as_text=True) == ""
