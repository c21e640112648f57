"""Mutable skill records used while the build assembles the vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field

from matching.vocab.model import Alias, Skill


@dataclass
class Draft:
    """A skill under construction; frozen into a :class:`Skill` at the end of the build."""

    id: str
    uri: str | None
    label_en: str
    type: str
    group: str = ""
    description: str = ""
    label_id: str = ""
    aliases: list[Alias] = field(default_factory=list)
    parent: str | None = None
    skkni: set[str] = field(default_factory=set)
    kbji: set[str] = field(default_factory=set)

    def add_alias(self, text: str, lang: str, kind: str) -> None:
        """Add an alias unless the same text (case-insensitive) is already a label or alias."""
        text = " ".join(text.split())
        if not text:
            return
        key = text.casefold()
        if key == self.label_en.casefold() and lang == "en":
            return
        if key == self.label_id.casefold() and lang == "id":
            return
        if any(a.text.casefold() == key and a.lang == lang for a in self.aliases):
            return
        self.aliases.append(Alias(text=text, lang=lang, kind=kind))

    def freeze(self) -> Skill:
        """Return the immutable skill; alias order is kept as added (ESCO first, then project)."""
        return Skill(
            id=self.id,
            uri=self.uri,
            label_en=self.label_en,
            label_id=self.label_id,
            type=self.type,
            group=self.group,
            description=self.description,
            aliases=tuple(self.aliases),
            parent=self.parent,
            skkni=tuple(sorted(self.skkni)),
            kbji=tuple(sorted(self.kbji)),
        )
