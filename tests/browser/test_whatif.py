"""The planner's what-if in a real browser: picks the demo SMK's TKJ programme, adds a skill
with the skill autocomplete, and reads how many of the district's vacancies its graduates would
meet before and after, with the vacancies newly met."""

from __future__ import annotations

from typing import Any

from tests.browser.test_daily_loop import login


def skills_that_help(server: Any, programme_id: int) -> list[str]:
    """The (Indonesian) labels of the fewest skills that, added to the programme, let its graduates
    meet one more vacancy of its district (what a planner would look for)."""
    from app.extensions import db
    from app.models import Skill
    from app.services.planner import Filters, whatif
    from app.services.planner import supply_counts as counts

    with server.app.test_request_context():
        programme = whatif.find_programme(programme_id)
        taught = counts.taught_skills([programme_id]).get(programme_id, set())
        sets, _ = whatif._required(programme.region_id, Filters.default())
        wanted = [frozenset(key.split("|")) for key in sets]
        best = min((sorted(w - taught) for w in wanted if w - taught), key=len)
        for size in range(1, len(best) + 1):
            if whatif.what_if(programme_id, best[:size], Filters.default()).newly_met:
                return [db.session.get(Skill, s).label_id for s in best[:size]]
    raise AssertionError("no skill helps the TKJ programme in the demo scene")


def test_what_if_for_an_smk_tkj_programme(demo_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(page, demo_server.url, "planner@example.com")
    page.goto(demo_server.url + "/planner/")
    page.get_by_test_id("planner-menu").get_by_role("link", name="Simulasi").click()
    page.wait_for_url("**/planner/whatif")
    programme = page.get_by_label("Program sekolah")
    tkj = next(o for o in programme.locator("option").all_inner_texts() if "(TKJ)" in o)
    programme.select_option(label=tkj)
    page.get_by_test_id("whatif-submit").click()
    page.wait_for_load_state()
    before = int(page.get_by_test_id("met-before").inner_text().replace(".", ""))
    skills = skills_that_help(demo_server, int(programme.input_value()))
    assert (
        page.get_by_test_id("met-after").inner_text()
        == page.get_by_test_id("met-before").inner_text()
    )  # nothing added yet
    for skill in skills:  # one at a time, as with every skill picker of the site
        page.get_by_label("Tambah keterampilan").fill(skill)
        option = page.locator(".skill-picker-list li", has_text=skill).first
        option.wait_for()
        option.click()
        page.get_by_test_id("whatif-submit").click()
        page.wait_for_load_state()
        assert skill.lower() in page.get_by_test_id("whatif-skills").inner_text().lower()
    after = int(page.get_by_test_id("met-after").inner_text().replace(".", ""))
    assert int(page.get_by_test_id("met-before").inner_text().replace(".", "")) == before
    assert after > before
    newly = page.get_by_test_id("whatif-newly-met").locator("tbody tr")
    assert newly.count() == after - before
    assert "programme=" in page.url and "skill_id=" in page.url  # the question is the address
    assert errors == []
