"""Reading a search text (places, topic) and saying why a vacancy was found, in words a job
seeker understands ("Meminta MikroTik, yang Anda miliki"), not internal scores."""

from __future__ import annotations

import threading
import time

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.extensions import db
from app.language import current_language
from app.models import Region, Vacancy
from app.services.local_terms import local_terms
from matching.keywords import query_terms, terms
from matching.search_query import ParsedQuery, employer_phrases, parse_query, phrases, place_forms
from matching.search_query import Region as Place

_LOCK = threading.Lock()
_PLACES: dict[str, object] = {}
MEANING_REASON_FLOOR = 0.22  # below this a found vacancy is not said to be "about" the search


def _places() -> tuple[dict, dict[str, tuple[int, str]]]:  # type: ignore[type-arg]
    """(place forms, BPS code -> (region id, name)), cached until the regions change. A search
    reads them three times, so the regions are counted again at most every
    ``INDEX_REFRESH_SECONDS`` (as the ranking indexes are) and for the database they came from."""
    terms = local_terms()
    url = str(db.session.get_bind().url)
    every = current_app.config["INDEX_REFRESH_SECONDS"]
    fresh = time.monotonic() - _PLACES.get("checked", -every - 1.0) < every  # type: ignore[operator]
    if fresh and _PLACES.get("url") == url and _PLACES.get("terms") == id(terms):
        return _PLACES["forms"], _PLACES["regions"]  # type: ignore[return-value]
    key = (url, db.session.scalar(select(func.count()).select_from(Region)), id(terms))
    with _LOCK:
        if _PLACES.get("key") != key:
            rows = db.session.execute(select(Region.id, Region.code, Region.name, Region.kind))
            regions = {r.code: (r.id, r.name, r.kind) for r in rows}
            places = [Place(c, n, k) for c, (_i, n, k) in regions.items()]
            forms = place_forms(places, terms.places)
            _PLACES.update(
                key=key, forms=forms, regions={c: (i, n) for c, (i, n, _k) in regions.items()}
            )
        _PLACES.update(checked=time.monotonic(), url=url, terms=id(terms))  # after the forms
        return _PLACES["forms"], _PLACES["regions"]  # type: ignore[return-value]


def read_query(text: str) -> ParsedQuery:
    """The topic and the districts named in a search text."""
    forms, _regions = _places()
    return parse_query(text.strip(), forms)


def place_region_ids(read: ParsedQuery) -> set[int]:
    """Region ids of the districts the text named."""
    _forms, regions = _places()
    return {regions[c][0] for c in read.region_codes if c in regions}


def place_notes(read: ParsedQuery) -> list[str]:
    """What the page says about the districts read from the text."""
    _forms, regions = _places()
    names = [regions[c][1] for c in read.region_codes if c in regions]
    if not names:
        return []
    return [_("Showing vacancies in %(places)s.", places=", ".join(names))]


def reasons_for(
    vacancy: Vacancy,
    read: ParsedQuery,
    asked: list[str],
    held: frozenset[str],
    words_share: float,
    meaning: float,
) -> tuple[str, ...]:
    """Why ``vacancy`` was found: the skills it asks for that the search named (and whether the
    seeker has them), the query words in its title, its employer's name or its text, meaning,
    the district."""
    reasons: list[str] = []
    locale = current_language()
    links = {link.skill_id: link for link in vacancy.skills if not link.rejected}
    for skill_id in dict.fromkeys(asked):
        link = links.get(skill_id)
        if link is None:
            continue
        name = link.skill.label(locale)
        if skill_id in held:
            reasons.append(_("Asks for %(skill)s, which you have", skill=name))
        else:
            reasons.append(_("Asks for %(skill)s", skill=name))
    wanted = query_terms(read.topic)
    in_title = phrases(wanted, terms(vacancy.title))
    employer = vacancy.organisation.name if vacancy.organisation is not None else ""
    in_employer = employer_phrases(wanted, employer)
    if in_title:
        reasons.append(_("Title matches “%(words)s”", words="”, “".join(in_title)))
    if in_employer:
        reasons.append(_("Employer's name matches “%(words)s”", words="”, “".join(in_employer)))
    if not (in_title or in_employer) and words_share > 0:
        in_text = phrases(wanted, terms(vacancy.description))
        if in_text:
            reasons.append(_("Mentions “%(words)s”", words="”, “".join(in_text)))
    if not reasons and read.has_topic and meaning >= MEANING_REASON_FLOOR:
        reasons.append(_("The work described is close to your search"))
    if read.region_codes and vacancy.region is not None:
        reasons.append(_("In %(place)s", place=vacancy.region.name))
    return tuple(reasons)
