"""A profile's local terms (``aliases_file`` of ``profile.toml``): other names people of the
province use for its places (the job search reads them as district filters) and for skills (the
skill extractor, the autocomplete and every alias lookup recognise them, as aliases of kind
``local``). Another profile never sees them."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.profile import Profile, ProfileError, current_profile

if TYPE_CHECKING:
    from matching.vocab import Vocabulary


@dataclass(frozen=True)
class LocalTerms:
    """BPS district code -> other names; vocabulary skill id -> extra aliases."""

    places: dict[str, tuple[str, ...]] = field(default_factory=dict)
    skills: dict[str, tuple[str, ...]] = field(default_factory=dict)


_READ: dict[str, LocalTerms] = {}


def local_terms(profile: Profile | None = None) -> LocalTerms:
    """The profile's local terms (none when it names no aliases file); read once."""
    profile = profile or current_profile()
    if profile.aliases_file is None:
        return LocalTerms()
    key = str(profile.aliases_file)
    if key not in _READ:
        with open(profile.aliases_file, "rb") as handle:
            data = tomllib.load(handle)
        unknown = set(data) - {"places", "skills"}
        if unknown:
            raise ProfileError(f"{profile.aliases_file}: unknown sections {sorted(unknown)}")
        _READ[key] = LocalTerms(
            places={str(k): tuple(v) for k, v in data.get("places", {}).items()},
            skills={str(k): tuple(v) for k, v in data.get("skills", {}).items()},
        )
    return _READ[key]


def with_local_aliases(vocabulary: Vocabulary, terms: LocalTerms) -> Vocabulary:
    """``vocabulary`` with the profile's skill aliases added (the same object when it has none);
    a skill id the vocabulary lacks is an error in the profile."""
    if not terms.skills:
        return vocabulary
    from matching.vocab.model import Alias

    missing = [skill_id for skill_id in terms.skills if skill_id not in vocabulary]
    if missing:
        raise ProfileError(f"aliases_file: skills not in the vocabulary: {missing}")
    skills = [
        dataclasses.replace(
            s, aliases=(*s.aliases, *(Alias(t, "id", "local") for t in terms.skills[s.id]))
        )
        if s.id in terms.skills
        else s
        for s in vocabulary.skills
    ]
    return dataclasses.replace(vocabulary, skills=skills)


def profile_vocabulary(profile: Profile | None = None) -> Vocabulary:
    """The shipped vocabulary with the profile's local skill aliases."""
    from matching.vocab import load_vocabulary

    return with_local_aliases(load_vocabulary(), local_terms(profile))
