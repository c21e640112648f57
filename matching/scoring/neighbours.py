"""Near skills: for each skill, a few other skills similar enough to earn partial credit."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matching.scoring.model import PartialMatch
from matching.scoring.params import DEFAULT_NEIGHBOURS, NeighbourParams


class SkillNeighbours:
    """For each skill id, its near skills with a similarity in (0, 1).

    The relation is directed: ``near(r)`` lists the skills that earn partial credit towards
    a wanted skill ``r``. Build it from label embeddings (:meth:`from_embeddings`) or from
    curated pairs (:meth:`from_pairs`).
    """

    def __init__(self, near: Mapping[str, Mapping[str, float]] | None = None) -> None:
        self._near: dict[str, dict[str, float]] = {}
        for skill, others in (near or {}).items():
            kept = {o: float(s) for o, s in others.items() if o != skill}
            for other, sim in kept.items():
                if not 0 < sim < 1:
                    raise ValueError(f"similarity of {skill!r} ~ {other!r} must be in (0, 1)")
            if kept:
                self._near[skill] = kept

    @classmethod
    def from_pairs(
        cls, pairs: Iterable[tuple[str, str, float]], *, symmetric: bool = True
    ) -> SkillNeighbours:
        """Build from ``(skill, near_skill, similarity)`` triples (both ways if ``symmetric``)."""
        near: dict[str, dict[str, float]] = {}
        for a, b, sim in pairs:
            near.setdefault(a, {})[b] = sim
            if symmetric:
                near.setdefault(b, {})[a] = sim
        return cls(near)

    @classmethod
    def from_embeddings(
        cls,
        skill_ids: Sequence[str],
        vectors: np.ndarray,
        params: NeighbourParams = DEFAULT_NEIGHBOURS,
    ) -> SkillNeighbours:
        """Top-``k`` neighbours per skill above ``cosine_floor`` from L2-normalised label rows.

        Cosines are rescaled to ``(cos - floor) / (1 - floor)`` and capped at
        ``max_similarity``. Similarities are computed in blocks of ``block_rows`` rows.
        """
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape[0] != len(skill_ids):
            raise ValueError("one embedding row per skill id is needed")
        n, k, floor = len(skill_ids), params.k, params.cosine_floor
        near: dict[str, dict[str, float]] = {}
        if n < 2 or k == 0:
            return cls(near)
        take = min(k + 1, n)  # + 1: the skill itself is usually its own top hit
        for start in range(0, n, params.block_rows):
            block = vectors[start : start + params.block_rows] @ vectors.T
            rows = np.arange(block.shape[0])
            block[rows, rows + start] = -np.inf
            top = np.argpartition(-block, take - 1, axis=1)[:, :take]
            for i, cols in enumerate(top):
                cos = block[i, cols]
                keep = cos > floor
                if not keep.any():
                    continue
                order = np.argsort(-cos[keep], kind="stable")[:k]
                sims = np.minimum((cos[keep][order] - floor) / (1 - floor), params.max_similarity)
                near[skill_ids[start + i]] = {
                    skill_ids[j]: float(s) for j, s in zip(cols[keep][order], sims, strict=True)
                }
        return cls(near)

    def restricted(self, related: Callable[[str, str], bool]) -> SkillNeighbours:
        """Keep only the pairs ``related(skill, near_skill)`` accepts (e.g. same skill group).

        Label embeddings alone put unrelated tools close (Kubernetes ~ Laravel); a structural
        check from the vocabulary (same group, same parent) keeps the credible pairs.
        """
        return SkillNeighbours(
            {
                s: {o: v for o, v in others.items() if related(s, o)}
                for s, others in self._near.items()
            }
        )

    def merged(self, extra: Mapping[str, Mapping[str, float]]) -> SkillNeighbours:
        """These pairs and ``extra``'s (the higher similarity where both have a pair)."""
        near = {s: dict(others) for s, others in self._near.items()}
        for skill, others in extra.items():
            mine = near.setdefault(skill, {})
            for other, sim in others.items():
                mine[other] = max(sim, mine.get(other, 0.0))
        return SkillNeighbours(near)

    def near(self, skill: str) -> dict[str, float]:
        """The near skills of ``skill`` and their similarities (empty if none)."""
        return dict(self._near.get(skill, {}))

    def skills(self) -> set[str]:
        """Every skill id that appears, as a wanted skill or as a near skill."""
        found = set(self._near)
        for others in self._near.values():
            found.update(others)
        return found

    def __len__(self) -> int:
        return len(self._near)

    def best_partial(
        self, skill: str, have: Collection[str], credit_factor: float
    ) -> PartialMatch | None:
        """The near skill in ``have`` that earns most credit towards ``skill``, if any.

        Ties go to the lexically smallest near skill id so results are deterministic.
        """
        best: tuple[float, str] | None = None
        for other, sim in self._near.get(skill, {}).items():
            if other in have and (best is None or (-sim, other) < (-best[0], best[1])):
                best = (sim, other)
        if best is None or credit_factor <= 0:
            return None
        return PartialMatch(skill, best[1], best[0], credit_factor * best[0])

    def credit_matrix(
        self, skill_index: Mapping[str, int], credit_factor: float
    ) -> sparse.csr_matrix:
        """Skill x skill CSR matrix ``M[r, s] = credit_factor * similarity(r, s)``.

        Only skills present in ``skill_index`` are kept; the diagonal is empty.
        """
        rows, cols, vals = [], [], []
        for skill, others in self._near.items():
            r = skill_index.get(skill)
            if r is None:
                continue
            for other, sim in others.items():
                c = skill_index.get(other)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
                    vals.append(credit_factor * sim)
        n = len(skill_index)
        return sparse.csr_matrix((np.asarray(vals, dtype=np.float64), (rows, cols)), shape=(n, n))


@dataclass(frozen=True)
class SkillFacts:
    """What the vocabulary says about a skill, for deciding which skills may stand in for it."""

    label: str  # English preferred label
    group: str = ""
    parent: str | None = None
    kind: str = ""  # the vocabulary's type: knowledge, skill, tool, transversal


def is_named(label: str) -> bool:
    """A named product or language ("Java (computer programming)", "Linux", "MikroTik
    RouterOS"), not a generic skill ("perform data analysis") or an acronym ("ICT ...", "SQL"):
    ESCO writes generic skills in lower case."""
    first = label.split()[0] if label.split() else ""
    return first[:1].isupper() and not first.isupper()


def interchangeable(a: str, b: str, facts: Mapping[str, SkillFacts]) -> bool:
    """Whether skill ``b`` may earn partial credit for ``a`` (and the other way): one is the
    other's parent, or both are tools under the same parent skill, or both are generic skills of
    the same group. Two named languages or products of one broad group are different tools
    (Java is not a partial Python), however close their labels' embeddings are."""
    fa, fb = facts.get(a), facts.get(b)
    if fa is None or fb is None:
        return False
    if fa.parent == b or fb.parent == a or (fa.parent is not None and fa.parent == fb.parent):
        return True
    if not fa.group or fa.group != fb.group:
        return False
    return not (is_named(fa.label) and is_named(fb.label))


# Broad skills that name a group and the kinds of members that earn credit towards them: a
# knowledge concept ("web programming", "query languages", "database management systems") and
# the languages, products and knowledge filed under it. ESCO also names groups after generic
# and transversal skills ("think critically", "lead others"), whose members are unrelated tasks.
BROAD_KINDS = frozenset({"knowledge"})
MEMBER_KINDS = frozenset({"knowledge", "tool"})


def group_members(
    facts: Mapping[str, SkillFacts], similarity: float = DEFAULT_NEIGHBOURS.max_similarity
) -> dict[str, dict[str, float]]:
    """Per knowledge skill whose label names a group of the vocabulary ("web programming",
    "query languages", "database management systems"): the group's knowledge and tool members
    (PHP and JavaScript; SQL; MySQL), each earning partial credit towards it with
    ``similarity``. Their label embeddings are rarely among its nearest (none of PHP, JavaScript
    is among web programming's five), yet a web developer with PHP is not missing web
    programming. One way only: holding the broad skill is not holding each of its tools."""
    by_group: dict[str, list[str]] = {}
    for skill, fact in facts.items():
        if fact.group and fact.kind in MEMBER_KINDS:
            by_group.setdefault(fact.group.casefold(), []).append(skill)
    out: dict[str, dict[str, float]] = {}
    for skill, fact in facts.items():
        if fact.kind not in BROAD_KINDS:
            continue
        members = [m for m in by_group.get(fact.label.casefold(), ()) if m != skill]
        if members:
            out[skill] = dict.fromkeys(members, similarity)
    return out


def member_of(a: str, b: str, facts: Mapping[str, SkillFacts]) -> bool:
    """Whether skill ``b`` is a member of the group knowledge skill ``a``'s label names, as
    ``group_members`` pairs them."""
    fa, fb = facts.get(a), facts.get(b)
    return bool(
        fa and fb and fb.group and fa.kind in BROAD_KINDS and fb.kind in MEMBER_KINDS
        and fb.group.casefold() == fa.label.casefold()
    )  # fmt: skip


def shared_kind(a: str, b: str, facts: Mapping[str, SkillFacts], labels: Mapping[str, str]) -> str:
    """What two interchangeable skills both are, for the reason shown with a partial match: the
    parent they share (or the one that is the other's parent), the broad skill whose group the
    other belongs to, else their group."""
    fa, fb = facts.get(a), facts.get(b)
    if fa is None or fb is None:
        return ""
    for broad, member in ((a, b), (b, a)):
        if member_of(broad, member, facts):
            return labels.get(broad, facts[broad].label)
    if fa.parent is not None and fa.parent == fb.parent:
        return labels.get(fa.parent, "")
    if fa.parent == b or fb.parent == a:
        return labels.get(b if fa.parent == b else a, "")
    return fa.group if fa.group == fb.group else ""
