"""Partial matches on the site: only interchangeable skills, shown with why (issue 13)."""

from __future__ import annotations

from app.extensions import db
from app.services import matching
from tests.conftest import login_as
from tests.factories import SeekerProfileFactory, VacancyFactory
from tests.test_matching_flow import ask, give, sid


def test_java_is_not_a_partial_python_and_a_partial_says_why(app, client, vocab) -> None:  # type: ignore[no-untyped-def]
    near = matching.neighbours()
    assert sid("Python (computer programming)") not in near.near(sid("Java (computer programming)"))
    java = VacancyFactory(title="Backend Developer Java")
    ask(java, ("Java (computer programming)",))
    mining = VacancyFactory(title="Data Miner")
    ask(mining, ("perform data mining",))
    seeker = SeekerProfileFactory()
    give(seeker, "Python (computer programming)", "perform data analysis")
    db.session.commit()
    assert not matching.explain(seeker, java).required_partial
    assert matching.explain(seeker, mining).required_partial
    login_as(client, seeker.user)
    page = client.get(f"/vacancies/{mining.id}").get_data(as_text=True)
    assert 'data-testid="partial-reason"' in page and "mirip: keduanya termasuk" in page
    from app.services.skill_groups import group_label

    group = matching.skill_facts()[sid("perform data mining")].group
    assert group_label(group, "id") != group  # the group's name in the page's language
    assert f"mirip: keduanya termasuk {group_label(group, 'id')}" in page
    assert f"keduanya termasuk {group}<" not in page


def test_a_web_developer_is_not_missing_web_programming(app, client, vocab) -> None:  # type: ignore[no-untyped-def]
    # "Belum dimiliki: pemrograman web" to a seeker with PHP, JavaScript, HTML and CSS
    web = VacancyFactory(title="Web Developer")
    ask(web, ("web programming", "MySQL"))
    seeker = SeekerProfileFactory()
    give(seeker, "PHP", "MySQL")
    db.session.commit()
    match = matching.explain(seeker, web)
    assert sid("web programming") not in match.required_missing
    assert [(p.skill, p.near_skill) for p in match.required_partial] == [
        (sid("web programming"), sid("PHP"))
    ]
    assert match.required_partial[0].credit <= 0.5  # a near skill, never a full match
    login_as(client, seeker.user)
    page = client.get(f"/vacancies/{web.id}").get_data(as_text=True)
    assert "mirip: keduanya termasuk pemrograman web" in page


def test_a_soft_skill_naming_a_group_gets_no_members(app, vocab) -> None:  # type: ignore[no-untyped-def]
    """ESCO names groups after "think critically" and "lead others" too; their members ("test
    sensors") are other tasks, not kinds of critical thinking."""
    from app.models import Skill

    facts = matching.skill_facts()
    for label in ("think critically", "lead others", "instruct others"):
        broad = sid(label)
        members = {s for s, f in facts.items() if f.group.casefold() == label}
        assert members, label  # the group exists: the rule, not the data, keeps them apart
        assert not members & set(matching.neighbours().near(broad)), label
    web = sid("web programming")
    assert db.session.get(Skill, web).type == "knowledge"
    assert sid("PHP") in matching.neighbours().near(web)
    assert sid("PHP") not in matching.interchangeable_neighbours().near(web)
