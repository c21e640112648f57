"""Markdown and plain-text curricula: headings and keyword lines make units, lists and
'peserta didik mampu ...' paragraphs make learning outcomes.

A unit is the innermost heading that holds outcomes; a heading whose children hold the
outcomes (a subject above its elements, a document title) is only a parent. A paragraph stays one
outcome however many abilities it lists; each list item is its own outcome. A Markdown table of
courses makes one unit per row, and a bold course line ('**TI2210 Pemrograman Perangkat Bergerak**
– 4 SKS', '**Unit 2. ...** (24 JP)') starts a unit, the row's unit when a table listed its code
(``curricula.tables``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from curricula import model
from curricula.assemble import finish
from curricula.fields import UnitHeader, clean_outcome, split_unit_header
from curricula.sections import Section, build_units, outcome_phase
from curricula.tables import TableLine, course_heading, course_tables
from curricula.titles import (
    ATTRIBUTE_LINE,
    CONTEXT_PREFIX,
    CPMK_ITEM,
    HEADING,
    LIST_ITEM,
    NEEDS_COLON,
    OTHER_LABEL,
    OUTCOME_LABEL,
    OUTCOME_TRIGGER,
    PROGRAMME_OUTCOMES,
    PROSE_AFTER_KEYWORD,
    RULE,
    UNIT_KEYWORDS,
    SourceLine,
    TitleInfo,
    keyword_rank,
    lines_from_text,
    strip_markup,
)


@dataclass
class _Reader:
    titles: TitleInfo = field(default_factory=TitleInfo)
    issues: list[model.ParseIssue] = field(default_factory=list)
    stack: list[Section] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    block: list[SourceLine] = field(default_factory=list)
    block_kind: str = ""
    units_started: bool = False
    table_units: dict[str, Section] = field(default_factory=dict)  # code -> a course table's row
    table_open: list[Section] = field(default_factory=list)  # rows of the table being read
    table_depth: float = 0.1

    # --- structure -------------------------------------------------------------------------
    def push(self, section: Section) -> None:
        while self.stack and self.stack[-1].depth >= section.depth:
            self.stack.pop()
        section.parent = self.stack[-1] if self.stack else None
        for ancestor in self.stack:
            ancestor.has_children = ancestor.has_children or section.candidate
        self.stack.append(section)
        self.sections.append(section)
        self.units_started = self.units_started or (section.candidate and section.depth != 1)

    def current(self) -> Section | None:
        return self.stack[-1] if self.stack else None

    def heading(self, level: int, text: str, source: SourceLine) -> None:
        current = self.current()
        if level == 1 or not self.units_started:
            self.titles.read_heading(text)
        if PROGRAMME_OUTCOMES.match(text):
            self.skipped(text, level, source)
        elif OUTCOME_LABEL.match(text) or OTHER_LABEL.match(text):
            mode = "outcomes" if OUTCOME_LABEL.match(text) else "skip"
            if current is not None and current.candidate and level > current.depth:
                current.mode, current.header_block = mode, False
            else:
                self.push(
                    Section(
                        UnitHeader(text),
                        level,
                        source.line,
                        source.page,
                        candidate=False,
                        skip=mode == "skip",
                    )
                )
        elif keyword := UNIT_KEYWORDS.match(text):
            self.unit(keyword, level, source)
        else:
            self.push(self.section(text, level, source))

    def keyword_line(self, match: re.Match[str], source: SourceLine) -> None:
        rank = keyword_rank(match.group("key"))
        while self.stack and self.stack[-1].rank is not None and self.stack[-1].rank >= rank:
            self.stack.pop()
        depth = (self.stack[-1].depth if self.stack else 0) + 0.1
        self.unit(match, depth, source)

    def unit(self, match: re.Match[str], depth: float, source: SourceLine) -> None:
        key = match.group("key")
        text = f"{key} {match.group('value')}" if keyword_rank(key) == 0 else match.group("value")
        section = self.section(text, depth, source)
        section.rank = keyword_rank(key)
        self.push(section)

    def section(self, text: str, depth: float, source: SourceLine) -> Section:
        header = split_unit_header(text)
        context = CONTEXT_PREFIX.match(header.name)
        if context:
            header = replace(header.absorb(context.group(1)) or header, name=context.group(2))
        return Section(header, depth, source.line, source.page, candidate=bool(header.name))

    def skipped(self, title: str, depth: float, source: SourceLine) -> None:
        self.issues.append(
            model.make_issue("skipped_section", source.line, title=title, **_where(source))
        )
        self.push(
            Section(UnitHeader(title), depth, source.line, source.page, candidate=False, skip=True)
        )

    # --- course tables ---------------------------------------------------------------------
    def table_line(self, entry: TableLine, source: SourceLine) -> None:
        """A line of a course table: its rows become units (``curricula.tables``)."""
        self.flush()
        if entry.first:
            while self.stack and (self.stack[-1].skip or not self.stack[-1].candidate):
                self.stack.pop()  # a label or skipped section before the table ends there
            self.table_depth = (self.stack[-1].depth if self.stack else 0) + 0.1
        if entry.row is None:
            return
        section = Section(entry.row.header, self.table_depth, source.line, source.page)
        section.rank, section.header_block = 1, False
        section.outcomes = [
            model.ParsedOutcome(text, source.line, source.page)
            for text in map(clean_outcome, entry.row.outcomes)
            if text
        ]
        self.push(section)
        self.table_open.append(section)
        if section.header.code:
            self.table_units.setdefault(section.header.code.upper(), section)

    def end_table(self) -> None:
        """After a table: its last row no longer takes the text that follows."""
        while self.stack and self.stack[-1] in self.table_open:
            self.stack.pop()
        self.table_open = []

    def reenter(self, section: Section) -> None:
        """Continue a course table's unit where the text describes it ('**TI1101 ...**')."""
        while self.stack and self.stack[-1].depth >= section.depth:
            self.stack.pop()
        self.stack.append(section)
        section.mode, section.header_block = "default", False

    def course(self, header: UnitHeader, source: SourceLine) -> None:
        """A bold course line: the unit of a course table with its code, else a new unit."""
        if header.code and (row := self.table_units.get(header.code.upper())) is not None:
            self.reenter(row)
            return
        while self.stack and (
            self.stack[-1].skip
            or not self.stack[-1].candidate
            or (self.stack[-1].rank is not None and self.stack[-1].rank >= 1)
        ):
            self.stack.pop()
        depth = (self.stack[-1].depth if self.stack else 0) + 0.1
        section = Section(header, depth, source.line, source.page)
        section.rank = 1
        self.push(section)

    # --- lines -----------------------------------------------------------------------------
    def feed(self, source: SourceLine) -> None:
        raw = source.text
        if not raw.strip() or RULE.match(raw):
            self.flush()
            return
        if (course := course_heading(raw)) is not None:
            self.flush()
            self.course(course, source)
            return
        if match := HEADING.match(raw.strip()):
            self.flush()
            self.heading(len(match.group(1)), strip_markup(match.group(2)), source)
            return
        text = strip_markup(raw)
        if not self.units_started:
            self.titles.read_heading(text)
        item = LIST_ITEM.match(text)
        body = strip_markup(item.group("text")) if item else text
        if self.structural(body, source, numbered=item is not None):
            return
        current = self.current()
        if current is not None:
            current.header_block = False
        if item:
            self.flush()
            if current is not None and CPMK_ITEM.match(text):
                current.mode = "outcomes"
            self.block, self.block_kind = [SourceLine(body, source.line, source.page)], "item"
        else:
            if not self.block:
                self.block_kind = "paragraph"
            self.block.append(SourceLine(text, source.line, source.page))

    def structural(self, text: str, source: SourceLine, numbered: bool) -> bool:
        """Handle title, keyword, attribute and label lines; False for ordinary text."""
        current = self.current()
        in_header = current is not None and current.candidate and current.header_block
        if not numbered and self.titles.read_line(text):
            self.flush()
            return True
        keyword = UNIT_KEYWORDS.match(text)
        if keyword and not keyword.group("colon") and PROSE_AFTER_KEYWORD.match(keyword["value"]):
            keyword = None
        if keyword and (keyword.group("colon") or keyword.group("key").lower() not in NEEDS_COLON):
            value = keyword.group("value").strip()
            context = keyword_rank(keyword.group("key")) == 0 and in_header
            if context and current is not None and (absorbed := current.header.absorb(text)):
                current.header = absorbed
                return True
            if value and len(value.split()) <= 20 and not OUTCOME_TRIGGER.search(value):
                self.flush()
                self.keyword_line(keyword, source)
                return True
        attribute = ATTRIBUTE_LINE.match(text)
        if attribute and current is not None and current.candidate and not current.outcomes:
            self.flush()
            value = attribute.group("value")
            if absorbed := current.header.absorb(value):
                current.header = absorbed
            elif attribute.group("key").lower() == "kode":
                current.header = replace(current.header, code=value.strip())
            return True
        if (
            in_header
            and not numbered
            and current is not None
            and (absorbed := current.header.absorb(text))
        ):
            current.header = absorbed
            return True
        return self.label(text, source, numbered)

    def label(self, text: str, source: SourceLine, numbered: bool) -> bool:
        if numbered or (":" not in text and len(text.split()) > 12):
            return False
        current = self.current()
        if PROGRAMME_OUTCOMES.match(text):
            self.flush()
            self.skipped(text.rstrip(":"), (current.depth if current else 0) + 0.05, source)
            return True
        for pattern, mode in ((OUTCOME_LABEL, "outcomes"), (OTHER_LABEL, "skip")):
            match = pattern.match(text)
            if match and current is not None:
                self.flush()
                value = (match.group("value") or "").strip()
                current.header_block = False
                current.mode = "skip_paragraph" if value and mode == "skip" else mode
                if value:
                    self.block = [SourceLine(value, source.line, source.page)]
                    self.block_kind = "item" if mode == "outcomes" else "paragraph"
                return True
        return False

    def flush(self) -> None:
        if not self.block:
            return
        text = " ".join(line.text.strip() for line in self.block)
        first, kind = self.block[0], self.block_kind
        self.block, self.block_kind = [], ""
        current = self.current()
        if current is not None:
            current.header_block = False
            if current.mode == "skip_paragraph":
                current.mode = "default"
                return
        if current is None or current.skip or current.mode == "skip":
            if current is None and (kind == "item" or OUTCOME_TRIGGER.search(text)):
                self.orphan(first)
            return
        if kind == "paragraph" and text.rstrip().endswith(":"):
            if OUTCOME_TRIGGER.search(text):
                current.mode = "outcomes"
                phase = current.header.phase or outcome_phase([first, text])
                current.header = replace(current.header, phase=phase)
            return
        if kind == "paragraph" and current.mode != "outcomes" and not OUTCOME_TRIGGER.search(text):
            return
        if not current.candidate:
            self.orphan(first)
            return
        if cleaned := clean_outcome(text):
            current.outcomes.append(model.ParsedOutcome(cleaned, first.line, first.page))

    def orphan(self, source: SourceLine) -> None:
        self.issues.append(model.make_issue("outcome_outside_unit", source.line, **_where(source)))


def _where(source: SourceLine) -> dict[str, int]:
    return {"page": source.page} if source.page is not None else {}


def read_lines(
    lines: Sequence[SourceLine],
) -> tuple[list[model.ParsedUnit], TitleInfo, list[model.ParseIssue]]:
    """Units, title facts and warnings from numbered lines, without the final checks."""
    reader = _Reader()
    tables = course_tables(lines)
    for index, source in enumerate(lines):
        if (entry := tables.get(index)) is not None:
            reader.table_line(entry, source)
            continue
        if reader.table_open:
            reader.end_table()
        reader.feed(source)
    reader.flush()
    units = build_units(reader.sections)
    titles = reader.titles
    if titles.level is None and any(unit.phase for unit in units):
        titles.level = "smk"
    return units, titles, reader.issues


def parse_lines(
    lines: Sequence[SourceLine],
) -> tuple[model.ParsedCurriculum, tuple[model.ParseIssue, ...]]:
    """Parse numbered lines; raise ``CurriculumParseError`` when no usable units are found."""
    if not any(line.text.strip() for line in lines):
        raise model.CurriculumParseError([model.make_issue("empty_document")])
    units, titles, issues = read_lines(lines)
    return finish(units, issues, **vars(titles))


def parse_plain_text(text: str) -> tuple[model.ParsedCurriculum, tuple[model.ParseIssue, ...]]:
    """Parse a Markdown or plain-text curriculum; line numbers refer to ``text``."""
    return parse_lines(lines_from_text(text))
