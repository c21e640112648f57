"""Skill autocomplete over the vocabulary (labels and aliases in Indonesian and English), and
the skills a search text names.

Suggestions come in tiers, and a later tier never ranks above an earlier one: the exact form,
forms that start with what was typed, forms holding every typed word (as a word or its start),
small typos, and last the skills close in meaning to what was typed, kept to the skill groups of
the lexical suggestions when there are any. So "jaringan komputer" offers network skills, not
Ruby, and "linux" offers Linux, not protective equipment. Within a tier, the skills whose label
shows what was typed come first (not those found through an alias only), and of those the skills
vacancies ask for more often (by powers of two of that count, from the demand aggregate), then
shorter forms: "desain" offers graphic design before 3D modelling, "komunikasi" communicating
well before interfacing (an alias "komunikasi I2C").
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from flask import current_app
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.utils import default_process
from sqlalchemy import func, select

from app.extensions import db
from app.models import Skill, SkillAlias, SkillDemand

_LOCK = threading.Lock()
_FORMS: dict[str, object] = {}
_ASKED: dict[str, object] = {}
TIERS = ("exact", "prefix", "words", "typo", "meaning")
TYPO_SCORE = 0.8  # Damerau-Levenshtein similarity (0-1) from which a form or word is a typo
MEANING_FLOOR = 0.86  # label cosine (e5) from which a skill is close in meaning to the query
# ... when no label or alias matches at all (no group to keep to): e5's cosines of a short text
# with unrelated labels reach 0.87-0.91 ("akunt" ~ CapCut, "las listrik" ~ Lisp, "accurate" ~
# communicate effectively, "ramah" ~ LAMS), about where a right one is ("desain logo" ~ graphic
# design 0.896), and move by a few thousandths with the CPU the int8 encoder runs on. So such a
# guess also needs the linker's whole fusion (USE, TF-IDF, the aliases and e5) to put it among
# its MEANING_AGREE best skills for the text: "accurate" reads as "attend to detail" there, not
# as communicating, and "mengetik cepat" as typing, not "think quickly".
MEANING_FLOOR_ALONE = 0.89
MEANING_AGREE = 2
# How many vacancies ask for each skill is read again after this many of the vocabulary's
# refresh intervals (INDEX_REFRESH_SECONDS: 2 s by default, so every 10 minutes; 0 in tests).
ASKED_REFRESH_INTERVALS = 300


@dataclass(frozen=True)
class SkillHit:
    """One autocomplete suggestion and how it was found (one of ``TIERS``)."""

    id: str
    label: str
    matched: str
    type: str
    how: str = "prefix"


@dataclass
class _Vocabulary:
    """The forms of every skill, processed once per process (until the vocabulary changes)."""

    texts: list[str]  # as written
    owners: list[str]  # skill id of each form
    plain: list[str]  # processed (lower case, no punctuation)
    words: dict[str, list[int]]  # each word of a form -> the forms holding it
    exact: dict[str, dict[str, bool]]  # processed form -> {skill id: names it in a text}
    group: dict[str, str]
    literal: dict[str, set[str]]  # exact_key of a form -> skill ids ("c#" and "c++" kept apart)
    labels: dict[str, tuple[str, str]]  # skill id -> processed (English, Indonesian) label


def _vocabulary() -> _Vocabulary:
    """The cached forms, rebuilt when the vocabulary changes: the key is each table's row
    count, highest id and total text length (an added, removed or edited label or alias moves
    it) and the database it was read from. Autocomplete asks on every keystroke, so the key is
    read again at most every ``INDEX_REFRESH_SECONDS`` (as the ranking indexes are)."""
    url = str(db.session.get_bind().url)
    every = current_app.config["INDEX_REFRESH_SECONDS"]
    if _FORMS.get("url") == url and time.monotonic() - _FORMS.get("checked", 0.0) < every:
        return _FORMS["vocabulary"]  # type: ignore[return-value]
    skills = db.session.execute(
        select(
            func.count(),
            func.max(Skill.id),
            func.sum(func.length(Skill.label_en) + func.length(Skill.label_id)),
        )
    ).one()
    aliases = db.session.execute(
        select(func.count(), func.max(SkillAlias.id), func.sum(func.length(SkillAlias.text)))
    ).one()
    key = (url, tuple(skills), tuple(aliases))
    with _LOCK:
        if _FORMS.get("key") != key:
            texts: list[str] = []
            owners: list[str] = []
            group: dict[str, str] = {}
            labels: dict[str, tuple[str, str]] = {}
            for skill_id, en, idn, grp in db.session.execute(
                select(Skill.id, Skill.label_en, Skill.label_id, Skill.group)
            ):
                texts += [en, idn]
                owners += [skill_id, skill_id]
                group[skill_id] = grp or ""
                labels[skill_id] = (default_process(en), default_process(idn))
            for skill_id, text in db.session.execute(select(SkillAlias.skill_id, SkillAlias.text)):
                texts.append(text)
                owners.append(skill_id)
            plain = [default_process(t) for t in texts]
            words: dict[str, list[int]] = {}
            exact: dict[str, dict[str, bool]] = {}
            for i, form in enumerate(plain):
                for word in set(form.split()):
                    words.setdefault(word, []).append(i)
                named = exact.setdefault(form, {})
                named[owners[i]] = named.get(owners[i], False) or _names_a_skill(texts[i])
            literal: dict[str, set[str]] = {}
            for text, owner in zip(texts, owners, strict=True):
                literal.setdefault(exact_key(text), set()).add(owner)
            _FORMS.update(
                key=key,
                vocabulary=_Vocabulary(texts, owners, plain, words, exact, group, literal, labels),
            )
        _FORMS.update(url=url, checked=time.monotonic())
        return _FORMS["vocabulary"]  # type: ignore[return-value]


def _names_a_skill(text: str) -> bool:
    """Whether a label or alias, met in a search text, names its skill: a phrase of several
    words, or one word written as a name or acronym ("MikroTik", "SQL"); a lower-case single
    word ("data") names it only where it is not a common word (``skills_named_in``)."""
    return len(text.split()) > 1 or (len(text) >= 3 and text != text.lower())


def skills_named_in(
    words: list[str], common: Callable[[str], bool] = lambda word: True, max_words: int = 4
) -> list[tuple[str, str]]:
    """(skill id, words) of the skills a search text names, longest phrases first, each word
    used once (``words``: the text's terms in order). A lower-case single word names its skill
    only when ``common(word)`` says it is not a common word ("firewall" yes, "data" no)."""
    exact = _vocabulary().exact
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        for size in range(min(max_words, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            owners = [
                o
                for o, named in exact.get(phrase, {}).items()
                if named or (len(phrase) > 2 and not common(phrase))
            ]
            if owners:
                found += [(owner, phrase) for owner in sorted(owners)]
                i += size
                break
        else:
            i += 1
    return found


def label_shows(label: str, needle: str) -> bool:
    """Whether a (processed) label shows what was typed: a word of it starts with it, or, from 4
    letters, it is inside a word (Indonesian affixes: "komunikasi" in "berkomunikasi"), not
    "as" in "basis data"."""
    return any(w.startswith(needle) for w in label.split()) or len(needle) >= 4 and needle in label


def _asked() -> dict[str, int]:
    """Skill id -> how many counted vacancies (the demand aggregate, every region and month) asked
    for it; read at most every ``ASKED_REFRESH_INTERVALS`` refresh intervals per database."""
    url = str(db.session.get_bind().url)
    every = current_app.config["INDEX_REFRESH_SECONDS"] * ASKED_REFRESH_INTERVALS
    if _ASKED.get("url") == url and time.monotonic() - _ASKED.get("read", 0.0) < every:
        return _ASKED["counts"]  # type: ignore[return-value]
    rows = db.session.execute(
        select(SkillDemand.skill_id, func.sum(SkillDemand.vacancies)).group_by(SkillDemand.skill_id)
    )
    counts = {skill_id: int(n or 0) for skill_id, n in rows}
    with _LOCK:
        _ASKED.update(url=url, read=time.monotonic(), counts=counts)
    return counts


def _lexical(needle: str, vocab: _Vocabulary) -> dict[int, int]:
    """Form index -> tier (0 exact, 1 prefix, 2 every word, 3 typo) of the forms that match."""
    tiers: dict[int, int] = {}
    typed = needle.split()
    candidates: set[int] | None = None
    for word in typed:  # forms holding a word that starts with each typed word
        holding = {i for w, forms in vocab.words.items() if w.startswith(word) for i in forms}
        candidates = holding if candidates is None else candidates & holding
    for i in candidates or ():
        form = vocab.plain[i]
        tiers[i] = 0 if form == needle else 1 if form.startswith(needle) else 2
    if len(needle) >= 4:
        for _text, _score, i in process.extract(
            needle,
            vocab.plain,
            scorer=DamerauLevenshtein.normalized_similarity,
            processor=None,
            limit=50,
            score_cutoff=TYPO_SCORE,
        ):
            tiers.setdefault(i, 3)
        if len(typed) == 1:  # a typo of one word of a longer form ("mikrotk" ~ "router mikrotik")
            for word, _score, _k in process.extract(
                needle,
                list(vocab.words),
                scorer=DamerauLevenshtein.normalized_similarity,
                processor=None,
                limit=20,
                score_cutoff=TYPO_SCORE,
            ):
                for i in vocab.words[word]:
                    tiers.setdefault(i, 3)
    return tiers


def _by_meaning(query: str, groups: set[str], vocab: _Vocabulary, skip: set[str]) -> list[str]:
    """Skill ids close in meaning to ``query`` (of ``groups`` when given, else above the higher
    ``MEANING_FLOOR_ALONE`` and among the whole fusion's ``MEANING_AGREE`` best), best first."""
    from app.services.linking import embed, skill_index

    index = skill_index()
    scores = index.label_emb @ embed([query], kind="query")[0]
    found: list[str] = []
    floor = MEANING_FLOOR if groups else MEANING_FLOOR_ALONE
    agreed: set[int] | None = None
    for row in scores.argsort()[::-1][:50]:
        skill_id = index.entries[int(row)].skill_id
        if scores[row] < floor:
            break
        if skill_id in skip or skill_id in found or skill_id not in vocab.group:
            continue
        if groups and vocab.group[skill_id] not in groups:
            continue
        if not groups:
            if agreed is None:  # the whole fusion, once, only when a guess is in reach
                fused = index.scores([query])[0]
                agreed = {int(i) for i in np.argsort(-fused)[:MEANING_AGREE]}
            if int(row) not in agreed:
                continue
        found.append(skill_id)
    return found


def search_skills(
    query: str, locale: str = "id", limit: int = 10, meaning: bool = True
) -> list[SkillHit]:
    """Skills whose label or alias matches ``query``, in tiers (exact, prefix, every word, typo,
    meaning); within a tier first the skills whose label in ``locale`` shows what was typed (not
    only an alias), and of those the skills vacancies ask for more often (``_asked``, by powers of
    two), then shorter forms."""
    query = query.strip()
    needle = default_process(query)
    if len(needle) < 2:
        return []
    vocab = _vocabulary()
    asked = _asked()
    shown = 0 if locale == "en" else 1
    best: dict[str, tuple[tuple[int, bool, int, int, str], str]] = {}
    for i, tier in _lexical(needle, vocab).items():
        skill_id = vocab.owners[i]
        popular = -int(math.log2(1 + asked.get(skill_id, 0)))
        hidden = not label_shows(vocab.labels.get(skill_id, ("", ""))[shown], needle)
        key = (tier, hidden, popular, len(vocab.plain[i]), vocab.plain[i])
        if skill_id not in best or key < best[skill_id][0]:
            best[skill_id] = (key, vocab.texts[i])
    ranked = sorted(best, key=lambda s: best[s][0])[:limit]
    chosen = [(s, best[s][1], TIERS[best[s][0][0]]) for s in ranked]
    if meaning and len(chosen) < limit and len(needle) >= 4 and vocab.group:
        groups = {vocab.group[s] for s, _m, _h in chosen if vocab.group.get(s)}
        for skill_id in _by_meaning(query, groups, vocab, set(ranked))[: limit - len(chosen)]:
            chosen.append((skill_id, "", "meaning"))
    skills = {
        s.id: s
        for s in db.session.scalars(select(Skill).where(Skill.id.in_([c[0] for c in chosen])))
    }
    return [
        SkillHit(
            s, skills[s].label(locale), matched or skills[s].label(locale), skills[s].type, how
        )
        for s, matched, how in chosen
        if s in skills
    ]


def exact_key(text: str) -> str:
    """A form compared as written: case folded, spaces collapsed, other punctuation dropped but
    ``#``, ``+`` and ``.`` kept ("C#", "C++" and "C" stay three keys; the fuzzy tiers use
    rapidfuzz's ``default_process`` instead)."""
    kept = "".join(c if c.isalnum() or c in "#+." else " " for c in text.casefold())
    return " ".join(kept.split()).rstrip(".")


def exact_skill(text: str) -> str | None:
    """The one vocabulary skill whose label or alias is ``text`` (see ``exact_key``), None when
    no skill or several have that form."""
    owners = _vocabulary().literal.get(exact_key(text), set())
    return next(iter(owners)) if len(owners) == 1 else None
