"""Product policy on top of ``extract``: an exact skill name in the text always counts.

``extract`` ranks each sentence's candidates and keeps a calibrated few per sentence, which suits
one-skill sentences. Job ads and CVs list many tools in one line ("PHP, MySQL, HTML, CSS dan
JavaScript"); an exact label, tool name or abbreviation there is strong evidence even when the
ranking or the per-sentence cap left it out, so it is added back with method ``alias``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from matching.linking.params import EXACT_NAME_WEIGHT
from matching.linking.types import SkillMention

if TYPE_CHECKING:
    from matching.linking.document_filter import DocumentParams

# A whole document (vacancy, CV, outcome) also keeps the abbreviations and alternative forms of a
# list ("TCP/IP, DHCP, DNS, VLAN"; weight 0.8) that the per-sentence cap left out: the document
# filter (linguistic rules, fitted minimum scores and dropped skills) then judges them.
DOCUMENT_NAME_WEIGHT = 0.8


class _Hit(Protocol):
    skill: int
    start: int
    end: int
    weight: float


class _Index(Protocol):
    entries: Sequence[object]
    aliases: object

    def extract(self, text: str) -> list[SkillMention]: ...


def with_exact_names(
    index: _Index,
    text: str,
    mentions: Sequence[SkillMention],
    min_weight: float = EXACT_NAME_WEIGHT,
) -> list[SkillMention]:
    """``mentions`` plus exact-name hits of ``text`` they lack, best first, one per skill."""
    found = {m.skill_id: m for m in mentions}
    hits: list[_Hit] = index.aliases.find(text)  # type: ignore[attr-defined]
    for hit in hits:
        if hit.weight < min_weight:
            continue
        skill_id = index.entries[hit.skill].skill_id  # type: ignore[attr-defined]
        if skill_id not in found:
            found[skill_id] = SkillMention(
                skill_id,
                round(hit.weight * 0.95, 4),
                hit.start,
                hit.end,
                text[hit.start : hit.end],
                "alias",
            )
    return sorted(found.values(), key=lambda m: (-m.score, m.start))


def extract_with_names(index: _Index, text: str) -> list[SkillMention]:
    """``index.extract(text)`` with exact skill names always included."""
    return with_exact_names(index, text, index.extract(text))


def with_specific_names(
    index: _Index, text: str, mentions: Sequence[SkillMention]
) -> list[SkillMention]:
    """``mentions`` plus the narrower skill of an exact form that two entries share ("Excel": the
    tool Microsoft Excel and its parent "use spreadsheets software"): the ranking kept the broad
    one, the annotation guide asks for the most specific; the document filter then drops the
    parent found on the same words (``document_filter.without_parents``)."""
    from matching.linking.document_filter import skill_parents

    parents = skill_parents()
    found = {m.skill_id: m for m in mentions}
    for hit in index.aliases.find(text):  # type: ignore[attr-defined]
        skill_id = index.entries[hit.skill].skill_id  # type: ignore[attr-defined]
        parent = found.get(parents.get(skill_id, ""))
        if skill_id in found or parent is None or parent.method != "alias":
            continue
        if parent.start < hit.end and hit.start < parent.end:
            found[skill_id] = SkillMention(
                skill_id, parent.score, hit.start, hit.end, text[hit.start : hit.end], "alias"
            )
    return sorted(found.values(), key=lambda m: (-m.score, m.start))


def extract_many_unfiltered(
    index: _Index, texts: list[str], skip_no_skill_lines: bool = True
) -> list[list[SkillMention]]:
    """``extract_with_names`` of each text, the texts scored in batches (``extract_many``).

    ``skip_no_skill_lines``: the sentences of lines whose every mention the document filter
    drops (``lines.dropped_spans``: headings, education, benefit, placement, application,
    company and personal-data lines) are not scored at all, which saves their encoder passes;
    the exact names found on them are still added (and dropped by the filter). Nor are the
    sentences with no lexical hit and no word asking for or stating an ability ("Jobdesk",
    "Bahasa Inggris"): held out on the document corpus they gave as good suggestions without
    them (docs/matching.md, "Speed, 2026-12-06, second pass")."""
    from matching.linking.extract import extract_many
    from matching.linking.lines import dropped_spans

    skip = dropped_spans if skip_no_skill_lines else None
    found = extract_many(
        index,  # type: ignore[arg-type]
        texts,
        skip=skip,
        skip_bare=skip_no_skill_lines,
    )
    return [
        with_specific_names(
            index, text, with_exact_names(index, text, mentions, DOCUMENT_NAME_WEIGHT)
        )
        for text, mentions in zip(texts, found, strict=True)
    ]


def extract_many_with_names(
    index: _Index, texts: list[str], params: DocumentParams | None = None
) -> list[list[SkillMention]]:
    """The suggestions of each whole text (vacancy, CV, learning outcome):
    ``extract_many_unfiltered`` through the document filter (``document_filter.filter_mentions``
    with the shipped ``params``: no skills from headings, education, experience-duration,
    benefit lines and the like, common words that are tool names only in context, fitted
    minimum scores and duplicates)."""
    return [kept for kept, _every in extract_many_both(index, texts, params)]


def extract_many_both(
    index: _Index, texts: list[str], params: DocumentParams | None = None
) -> list[tuple[list[SkillMention], list[SkillMention]]]:
    """Per text, from one pass of the linker: its suggestions (``extract_many_with_names``) and
    every mention before the document filter (``extract_many_unfiltered``; what the gap
    report's unit choice reads of a learning outcome)."""
    from matching.linking.document_filter import filter_mentions

    params = params or shipped_document_params()
    return [
        (filter_mentions(text, mentions, params), mentions)
        for text, mentions in zip(texts, extract_many_unfiltered(index, texts), strict=True)
    ]


@functools.cache
def shipped_document_params() -> DocumentParams:
    """The document filter's fitted parameters (``matching/data/document_filter.json``)."""
    from matching.linking.document_filter import DocumentParams

    return DocumentParams.load()


EVIDENCE_CONTEXT = 160  # characters either side of a mention when its sentence is too long
LINKER_MAX_CHARS = 20_000  # the site's defaults (app config LINKER_MAX_*), see ``clip_for_linker``
LINKER_MAX_LINE = 500
LINKER_MAX_SENTENCES = 400


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence or line of ``text`` holding ``text[start:end]``, trimmed to a readable length
    (the evidence the site shows and stores with a suggested skill)."""
    left = max(text.rfind(sep, 0, start) for sep in ("\n", ". ", "; ", "• "))
    right_candidates = [i for i in (text.find(sep, end) for sep in ("\n", ". ", "; ")) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    sentence = text[left + 1 : right + 1].strip(" .;•-\n\t")
    if len(sentence) > EVIDENCE_CONTEXT * 2:
        a = max(0, start - EVIDENCE_CONTEXT)
        sentence = "…" + text[a : end + EVIDENCE_CONTEXT].strip() + "…"
    return sentence


def clip_for_linker(
    text: str,
    max_chars: int = LINKER_MAX_CHARS,
    max_line: int = LINKER_MAX_LINE,
    max_sentences: int = LINKER_MAX_SENTENCES,
) -> tuple[str, bool]:
    """``text`` cut at a sentence end to the linker's limits (``max_chars`` characters,
    ``max_sentences`` sentences), lines longer than ``max_line`` broken at a space; True when it
    was cut."""
    from matching.linking.text import break_long_lines, clip_sentences, clip_text

    kept, cut = clip_text(text, max_chars)
    kept = break_long_lines(kept, max_line)
    kept, fewer = clip_sentences(kept, max_sentences)
    return kept, cut or fewer
