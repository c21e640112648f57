"""The document evaluation measures what the site stores: the same skills, levels and evidence as
the app's services for a vacancy, a CV and a curriculum of the corpus (real e5 model)."""

from __future__ import annotations

import pytest
from flask import Flask

from matching.lab.evaluate_documents import load_documents, run_site, site_texts, vacancy_fields
from matching.linking.runtime import build_vocabulary_index
from matching.mentions import LINKER_MAX_CHARS, LINKER_MAX_LINE, LINKER_MAX_SENTENCES

DOC_IDS = ("v001", "v002", "c001", "k001")


def test_linker_limits_are_the_app_defaults(app: Flask) -> None:
    config = app.config
    assert (
        config["LINKER_MAX_CHARS"],
        config["LINKER_MAX_LINE"],
        config["LINKER_MAX_SENTENCES"],
    ) == (LINKER_MAX_CHARS, LINKER_MAX_LINE, LINKER_MAX_SENTENCES)


def test_evaluation_path_equals_the_site_services(app: Flask, vocab: None) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("the suggestion path does not depend on the database backend")
    from app.models import Vacancy
    from app.services.linking import clip_for_linker, suggest_skills, suggest_skills_many
    from app.services.vacancies import refresh_suggestions

    docs = {d.doc_id: d for d in load_documents() if d.doc_id in DOC_IDS}
    index = build_vocabulary_index(app.config["EMBEDDING_MODEL"])
    output = run_site(index, list(docs.values()), frozenset(e.skill_id for e in index.entries))
    level = {"required": "required", "preferred": "nice"}
    for doc_id in ("v001", "v002"):
        title, description = vacancy_fields(docs[doc_id].text)
        vacancy = Vacancy(title=title, description=description)
        refresh_suggestions(vacancy)  # what the vacancies.extract job stores
        site = {link.skill_id: (level[link.importance], link.evidence) for link in vacancy.skills}
        ours = {s.skill_id: (s.level, s.evidence) for s in output.suggestions[doc_id].values()}
        assert ours == site and site
    cv_text = clip_for_linker(docs["c001"].text)[0]  # seekers.read_cv on a .txt upload
    site_cv = {s.skill_id: s.evidence for s in suggest_skills(cv_text)}
    assert {s.skill_id: s.evidence for s in output.suggestions["c001"].values()} == site_cv
    outcomes = site_texts(docs["k001"])
    assert outcomes
    site_k = {s.skill_id for found in suggest_skills_many(outcomes) for s in found}
    assert set(output.suggestions["k001"]) == site_k and site_k
