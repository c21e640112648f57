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
