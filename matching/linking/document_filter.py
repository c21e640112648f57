"""Document-level filter of skill mentions: what a whole vacancy, CV or curriculum suggests.

``extract`` and the exact-name pass read a text sentence by sentence; a whole document needs
four more rules before its mentions become suggestions:

1. lines that name no skill give none (``matching.linking.lines``: headings, education,
   experience-duration, benefit, placement, application, company and personal-data lines; a job
   title gives exact names only);
2. a word that is also a tool name counts only where its sentence makes it the tool ("Staf IT
   Support" is no STAF, "head office" no office software, "go-live" no Go, "SIM C" no C), and a
   form that names a skill in one reading only where its line takes that reading ("memantau
   proses melalui HMI" is no HMI screen design, "bertanggung jawab atas backup" no attitude);
3. near-duplicates collapse to the most specific skill: a broader skill found on the same words
   as its narrower one ("Excel": Microsoft Excel, not also "use spreadsheets software"), and
   fitted pairs on one line ("Microsoft Office" gives "use microsoft office", not also "office
   software"); among the mentions rule 4 keeps, so a dropped narrower skill leaves its broader
   one ("VPN": "implement a virtual private network", the VPN software entry being dropped);
4. each method's mentions must reach its own minimum score, and skills or (skill, form) pairs
   never right in training are dropped (``DocumentParams``, fitted on the training folds of the
   document corpus by ``python -m matching.lab.linking.document_fit``).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from matching.linking.lines import names_no_skill, no_skill_spans, pieces
from matching.linking.types import SkillMention

PARAMS_FILE = Path(__file__).resolve().parents[1] / "data" / "document_filter.json"

# HMI screen design: a building word up to three words before the name, "HMI screen", an HMI
# product right beside the name ("HMI (WinCC)", "Weintek HMI"), or a list "PLC/HMI"; never
# operating through it ("melalui HMI WinCC").
_HMI_SCREENS = (
    r"\b(membuat|merancang|mendesain|desain|design|membangun|pemrograman|memprogram|programming)"
    r"\s+(\w+\s+){0,2}HMI\b|\bHMI\s+(screens?|tampilan|layar)\b|"
    r"(?<!melalui )(?<!lewat )(?<!via )\bHMI\W+(\w+\W+)?(wincc|weintek|wonderware|vijeo|"
    r"factorytalk|intouch)\b|\b(wincc|weintek|wonderware|vijeo|factorytalk|intouch)\W+(\w+\W+)?HMI\b|"
    r"\b(PLC|SCADA)\s*/\s*HMI\b|\bHMI\s*/\s*(PLC|SCADA)\b"
)

# "Bertanggung jawab" is a duty when a preposition or a verb follows it with its object ("atas
# keamanan jaringan", "mengoperasikan server"), unless that object is the work itself ("atas
# pekerjaannya", "dalam menyelesaikan tugas", "dalam bekerja"): then it is the attitude.
_RESPONSIBLE = (
    r"bertanggung\s+jawab(?!\s+(penuh\s+)?+"
    r"(((atas|terhadap|untuk|dalam|pada|kepada)\s+(me\w+\s+)?+)|me\w+\s+)"
    r"(?!(pekerjaan|tugas|bekerja|setiap|semua)(nya)?\b))"
)

# A form that is also a common word (case-folded) -> what its sentence must hold for the tool.
AMBIGUOUS_FORMS: dict[str, re.Pattern[str]] = {
    form: re.compile(pattern, re.IGNORECASE)
    for form, pattern in {
        "staf": r"\bSTAF\b.{0,40}\b(test|testing|automation|framework)\b",
        "go": r"(\bgolang\b|\bgo\s*\(|\bGo\b\s*(,|/|dan|and|atau|or)\s*\w|"
        r"(,|/|dan|and|atau|or)\s*Go\b(?!-))",
        "r": r"(\bR\b\s*(,|/|dan|and|atau|or)\s*\w|(,|/|dan|and|atau|or)\s*R\b|RStudio|"
        r"\bR\b.{0,30}(statistik|statistic|programming|pemrograman))",
        "express": r"(node|express\.js|expressjs)",
        "office": r"(microsoft|ms|libre|wps|open)\s*office|office\s*(365|suite|2016|2019|2021)",
        "access": r"(microsoft|ms)\s*access",
        "plan": r"\bplan\b",
        "c": r"(\bC\b\s*(,|/|dan|and|atau|or)\s*(C\+\+|C#|Java|Python)|bahasa C\b)",
        "excel": r"excel",
        "word": r"(microsoft|ms)\s*word|\bword\b\s*(,|/|dan|and)\s*(excel|powerpoint)|excel.{0,20}\bword\b",
        "teams": r"(microsoft|ms)\s*teams",
        "swift": r"(ios|xcode|swiftui|apple|swift\s*(,|/))",
        "rust": r"(cargo|rustlang|programming|pemrograman|rust\s*(,|/))",
        "unity": r"(unity\s*(3d|engine|2d)|game|c#)",
        "spark": r"(apache\s*spark|pyspark|hadoop|big data|distributed|"
        r"\bspark\s*(,|/|or|atau|dan|and)\s*\w|(,|/|or|atau|dan|and)\s*spark\b)",
        "helm": r"(kubernetes|k8s|chart|argo|deploy)",
        "j": r"(bahasa J\b|J language|J programming)",
        "sql": r"(?<!cloud )(?<!azure )\bSQL\b(?!\s*injection)",
        # building the screens, not operating a process through them ("memantau ... melalui HMI")
        "hmi": _HMI_SCREENS,
        "layar hmi": _HMI_SCREENS,
        "tampilan hmi": _HMI_SCREENS,
        # the attitude, not a duty (``_RESPONSIBLE``)
        "bertanggung jawab": _RESPONSIBLE,
    }.items()
}


# Tools named by a one- or two-letter word: a sentence-level guess (method ``semantic``) gives
# them only where the line makes them the tool ("Punya SIM C" is a driving licence, "Jl." a street).
AMBIGUOUS_TOOLS = {
    "tool-c": "c",
    "tool-j": "j",
    "tool-go": "go",
    "51586df8-1c46-4b47-8583-773cb63bf00b": "r",
}


@dataclass(frozen=True)
class DocumentParams:
    """What ``filter_mentions`` applies beyond the linguistic rules, fitted on training folds of
    the document corpus (``document_fit``): a minimum score per mention method (``alias``,
    ``fuzzy``, ``semantic``), skills never right as a suggestion there (``dropped``), exact forms
    never right for a skill there ((skill, form) in ``dropped_forms``: "lead" for "lead others",
    "testing" in "A/B testing" for "execute software tests"), pairs
    (kept, dropped) where the second is a looser duplicate of the first on the same line, dropped
    skills whose mentions name their broader skill instead ((dropped, broader) in ``promoted``:
    "setting VPN", found only as the VPN software entry, is "implement a virtual private
    network"), and the confidence from which a CV suggestion is ticked in advance
    (``pretick``)."""

    min_score: dict[str, float] = field(default_factory=dict)
    dropped: frozenset[str] = frozenset()
    dropped_forms: frozenset[tuple[str, str]] = frozenset()
    duplicates: frozenset[tuple[str, str]] = frozenset()
    promoted: frozenset[tuple[str, str]] = frozenset()  # (dropped skill, its broader skill)
    pretick: float = 1.01  # a CV suggestion at least this confident is ticked for the seeker
    lines: bool = True
    ambiguous: bool = True

    @classmethod
    def load(cls, path: Path = PARAMS_FILE) -> DocumentParams:
        """The shipped parameters (defaults when the file is missing)."""
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            min_score=dict(data["min_score"]),
            dropped=frozenset(data["dropped"]),
            dropped_forms=frozenset((a, b) for a, b in data.get("dropped_forms", [])),
            duplicates=frozenset((a, b) for a, b in data["duplicates"]),
            promoted=frozenset((a, b) for a, b in data.get("promoted", [])),
            pretick=float(data.get("pretick", 1.01)),
        )


def _overlaps(a: SkillMention, b: SkillMention) -> bool:
    return a.start < b.end and b.start < a.end


def _piece_of(text: str, mention: SkillMention) -> str:
    for piece in pieces(text):
        if piece.start <= mention.start < piece.end:
            return piece.text
    return text[mention.start : mention.end]


def form_key(mention: SkillMention) -> str:
    """The exact form of an ``alias`` or ``fuzzy`` mention, case-folded with its spaces collapsed
    ("" for a guess)."""
    return " ".join(mention.evidence.split()).casefold() if mention.method != "semantic" else ""


def tool_in_context(text: str, mention: SkillMention) -> bool:
    """False when the mention's evidence is a common word that its line does not make a tool."""
    form = form_key(mention)
    if mention.method == "semantic":
        form = AMBIGUOUS_TOOLS.get(mention.skill_id, "")
    pattern = AMBIGUOUS_FORMS.get(form)
    return pattern is None or pattern.search(_piece_of(text, mention)) is not None


def on_no_skill_line(text: str, mentions: Sequence[SkillMention]) -> list[SkillMention]:
    """The mentions that are not on a line that names no skill (``lines.no_skill_spans``)."""
    spans = no_skill_spans(text)
    return [
        m
        for m in mentions
        if not any(
            s <= m.start < e and names_no_skill(reason, m.evidence, m.method)
            for s, e, reason in spans
        )
    ]


def same_piece(text: str, a: SkillMention, b: SkillMention) -> bool:
    """Whether two mentions are on the same line (or sentence of a long line) of ``text``."""
    for piece in pieces(text):
        if piece.start <= a.start < piece.end:
            return piece.start <= b.start < piece.end
    return _overlaps(a, b)


def without_duplicates(
    text: str, mentions: Sequence[SkillMention], duplicates: frozenset[tuple[str, str]]
) -> list[SkillMention]:
    """``mentions`` less each one that is the looser of a known duplicate pair (kept, dropped)
    whose other member was found on the same line ("MySQL" and "database", "perform ICT
    troubleshooting" and "troubleshoot")."""
    return [
        m
        for m in mentions
        if not any(
            (k.skill_id, m.skill_id) in duplicates and same_piece(text, k, m)
            for k in mentions
            if k is not m
        )
    ]


@functools.cache
def skill_parents() -> dict[str, str]:
    """Skill id -> its broader skill in the shipped vocabulary (a tool's skill concept)."""
    from matching.vocab import load_vocabulary

    return {s.id: s.parent for s in load_vocabulary().skills if s.parent}


def without_parents(mentions: Sequence[SkillMention]) -> list[SkillMention]:
    """``mentions`` less each broader skill found on the same words as a narrower one ("Excel"
    gives Microsoft Excel, not also "use spreadsheets software": the annotation guide's rule 2,
    one concept per phrase, the most specific entry)."""
    parents = skill_parents()
    return [
        m
        for m in mentions
        if not any(parents.get(k.skill_id) == m.skill_id and _overlaps(k, m) for k in mentions)
    ]


def candidate_mentions(
    text: str, mentions: Sequence[SkillMention], params: DocumentParams | None = None
) -> list[SkillMention]:
    """The mentions the linguistic rules keep (lines that name no skill, common words that are
    tool names): what the fitted parameters are then learnt on."""
    params = params or DocumentParams()
    out = list(mentions)
    if params.lines:
        out = on_no_skill_line(text, out)
    if params.ambiguous:
        out = [m for m in out if tool_in_context(text, m)]
    return [m for m in out if any(c.isalpha() for c in m.evidence)]  # "8." names nothing


def promote(
    mentions: Sequence[SkillMention], promoted: frozenset[tuple[str, str]]
) -> list[SkillMention]:
    """``mentions`` with the skill of each (dropped, broader) pair of ``promoted`` named as its
    broader skill, one mention per skill and span (the broader one may be found there too)."""
    if not promoted:
        return list(mentions)
    broader = dict(promoted)
    out: dict[tuple[str, int, int], SkillMention] = {}  # in the mentions' order
    for m in mentions:
        named = replace(m, skill_id=broader[m.skill_id]) if m.skill_id in broader else m
        key = (named.skill_id, named.start, named.end)
        if key not in out or named.score > out[key].score:
            out[key] = named
    return list(out.values())


def filter_mentions(
    text: str, mentions: Sequence[SkillMention], params: DocumentParams | None = None
) -> list[SkillMention]:
    """The mentions of a whole document that become suggestions (the module's four rules)."""
    params = params or DocumentParams()
    out = promote(candidate_mentions(text, mentions, params), params.promoted)
    out = [
        m
        for m in out
        if m.score >= params.min_score.get(m.method, 0.0)
        and m.skill_id not in params.dropped
        and (m.skill_id, form_key(m)) not in params.dropped_forms
    ]
    return without_duplicates(text, without_parents(out), params.duplicates)
