"""A profile's local terms (``aliases_file``): the Jawa Barat profile's Sundanese skill aliases
reach the autocomplete and the skill extractor, its other place names reach the job search;
under the Banten profile none of them is recognised (and Banten keeps its own place names)."""

from __future__ import annotations

import pytest
from flask import Flask

from app.profile import ProfileError
from app.services import linking
from app.services.local_terms import local_terms, profile_vocabulary, with_local_aliases
from app.services.search_reasons import read_query
from app.services.skill_search import search_skills
from app.services.vocabulary import load_vocabulary

WEB = "69bbd53f-fbb0-4476-b4b2-ef7844464e28"  # web programming
REPAIR = "b4877620-c375-45f3-a678-2ddb4dae6a29"  # repair ICT devices
SUNDANESE = "ngadamel website"
CV = "Abdi tiasa ngalereskeun komputer di bengkel."  # "I can repair computers at a workshop"


def _exact(query: str) -> list[str]:
    return [hit.id for hit in search_skills(query, meaning=False) if hit.how == "exact"]


def test_jabar_aliases_reach_autocomplete_and_extractor(jabar_app: Flask) -> None:
    load_vocabulary(profile_vocabulary())
    assert _exact(SUNDANESE) == [WEB]
    found = linking.suggest_skills(CV)
    assert (REPAIR, "ngalereskeun komputer") in [(s.skill_id, CV[s.start : s.end]) for s in found]
    forms = {f.text: f.kind for e in linking.skill_index().entries for f in e.forms}
    assert forms[SUNDANESE] == "local"
    assert read_query("loker cikarang").region_codes == ("3216",)
    assert read_query("loker tangsel").region_codes == ()


def test_banten_does_not_know_jabar_terms(app: Flask) -> None:
    load_vocabulary(profile_vocabulary())
    assert _exact(SUNDANESE) == []
    forms = {f.text for e in linking.skill_index().entries for f in e.forms}
    assert SUNDANESE not in forms
    spans = [CV[s.start : s.end] for s in linking.suggest_skills(CV)]
    assert "ngalereskeun komputer" not in spans
    assert local_terms().skills == {}
    assert read_query("loker tangsel").region_codes == ("3674",)
    assert read_query("loker cikarang").region_codes == ()


def test_an_alias_of_an_unknown_skill_is_refused(jabar_app: Flask) -> None:
    from dataclasses import replace

    terms = replace(local_terms(), skills={"no-such-skill": ("x",)})
    with pytest.raises(ProfileError):
        with_local_aliases(profile_vocabulary(), terms)


def test_profile_show_names_logo_and_local_terms(jabar_app: Flask) -> None:
    output = jabar_app.test_cli_runner().invoke(args=["profile", "show"]).output
    assert "Logo: " in output and "logo.svg; colour: #1b7a3e" in output
    assert "Local terms: 12 place names, 2 skill aliases\n" in output
