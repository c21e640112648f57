"""The site under its enforced Content-Security-Policy in a real browser: each demo role opens
its main pages, the interactive parts still work (skill autocomplete, Bootstrap's menu, the
print button), no response lacks the header and the console reports no CSP violation."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, log_out
from tests.browser.test_daily_loop import login

VIOLATION = re.compile(r"Content Security Policy|Refused to", re.I)
# Chromium logs violations to its own log, which Playwright's console event may not carry; the
# page's securitypolicyviolation event always fires (init scripts are not subject to the CSP).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => console.error(
  `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
  + ` at ${e.sourceFile || document.URL}:${e.lineNumber}`));
"""


class Watch:
    """Console messages, page errors and the site's responses lacking the CSP header."""

    def __init__(self, page: Any, base: str) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []
        self.without_csp: list[str] = []
        self.responses = 0
        page.add_init_script(REPORT_VIOLATIONS)
        page.on("console", lambda message: self.console.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("response", lambda response: self._response(response, base))

    def _response(self, response: Any, base: str) -> None:
        if not response.url.startswith(base):
            return
        self.responses += 1
        if "content-security-policy" not in response.headers:
            self.without_csp.append(response.url)

    def violations(self) -> list[str]:
        return [text for text in self.console if VIOLATION.search(text)] + self.errors


def first_link(page: Any, pattern: str) -> str:
    """The first link on the page whose path matches ``pattern``."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = [h for h in hrefs if re.search(pattern, h)]
    assert found, f"no link matching {pattern} on {page.url}"
    return found[0]


def type_into_picker(page: Any, text: str) -> None:
    """Type into the skill autocomplete and wait for its suggestions (fetched by script)."""
    picker = page.locator("input[data-skill-picker]").first
    picker.fill(text)
    options = page.locator(".skill-picker-list").get_by_role("option")
    options.first.wait_for()
    assert options.count() > 0


def seeker_pages(page: Any, base: str) -> None:
    page.goto(base + "/seeker/")
    page.goto(base + "/seeker/skills")
    type_into_picker(page, "basis dat")
    page.goto(base + "/vacancies/?q=laravel")
    page.goto(first_link(page, r"/vacancies/\d+$"))
    for path in ("/seeker/recommendations", "/seeker/profile", "/seeker/training"):
        page.goto(base + path)
    for path in ("/seeker/applications", "/seeker/privacy"):
        page.goto(base + path)


def employer_pages(page: Any, base: str) -> None:
    page.goto(base + "/employer/")
    page.goto(first_link(page, r"/employer/vacancies/\d+$"))
    type_into_picker(page, "laravel")
    page.goto(page.url + "/candidates")
    for path in ("/employer/vacancies/new", "/employer/vacancies/import"):
        page.goto(base + path)


def school_pages(page: Any, base: str) -> None:
    page.goto(base + "/school/")
    curriculum = first_link(page, r"/school/curricula/\d+$")
    page.goto(curriculum)
    type_into_picker(page, "jaringan")
    page.goto(curriculum + "/gap?region=all")
    assert page.get_by_test_id("group-bar").count() > 0
    assert page.get_by_test_id("unit-bar").count() > 0
    page.screenshot(path=str(ARTIFACTS / "csp_gap_report.png"), full_page=True)
    page.evaluate("window.print = () => { window.printed = true; }")  # no dialog in a test
    page.locator("[data-action=print]").click()
    assert page.evaluate("window.printed === true")  # the listener in static/js/app.js ran
    page.get_by_test_id("save-report").click()
    page.wait_for_url("**/school/gap-reports/*")
    for path in ("/school/curricula/new", "/school/trainings/"):
        page.goto(base + path)


def admin_pages(page: Any, base: str) -> None:
    page.goto(base + "/admin/")
    page.goto(base + "/admin/accounts/planners/new")
    page.goto(base + "/about/data")
    page.goto(base + "/no-such-page")  # the 404 page


def planner_pages(page: Any, base: str) -> None:
    page.goto(base + "/planner/")


ROLES = {
    "seeker@example.com": seeker_pages,
    "employer@example.com": employer_pages,
    "school@example.com": school_pages,
    "admin@example.com": admin_pages,
    "planner@example.com": planner_pages,
}


def test_site_works_under_the_csp(demo_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    base = demo_server.url
    page.set_default_timeout(240_000)  # first recommendations and gap report load the model
    watch = Watch(page, base)
    page.goto(base + "/")
    # Bootstrap's script works: the collapsed menu opens on a narrow screen
    page.set_viewport_size({"width": 500, "height": 900})
    page.locator(".navbar-toggler").click()
    page.locator("#nav.show").wait_for()
    page.set_viewport_size({"width": 1280, "height": 900})
    for email, pages in ROLES.items():
        login(page, base, email)
        pages(page, base)
        log_out(page)
    assert watch.responses > 20
    assert watch.without_csp == []
    assert watch.violations() == []


@pytest.mark.parametrize("markup", ['<p style="color: red">x</p>', "<script>1</script>"])
def test_a_violation_would_be_seen(live_server, page: Any, markup: str) -> None:  # type: ignore[no-untyped-def]
    """The watch above can fail: inline style or script in a page of the site is reported."""
    from flask import Response

    body = f"<!doctype html><html><body>{markup}</body></html>"
    live_server.app.add_url_rule(
        "/csp-probe", "csp_probe", lambda: Response(body, mimetype="text/html")
    )
    watch = Watch(page, live_server.url)
    page.goto(live_server.url + "/csp-probe")
    page.wait_for_timeout(300)
    assert watch.without_csp == []
    assert any("Content Security Policy" in text for text in watch.violations())
