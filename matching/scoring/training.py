"""Training advice: the fewest catalogue trainings that close a seeker's skill gaps, nearby first.

Greedy set cover: repeatedly take the training that closes the most open gaps, ties broken by
distance (same region < online < elsewhere), then cost, then id; trainings made redundant by
later picks are dropped. Gaps no training teaches may then be partly closed by a training that
teaches a near skill (shown as partial, never as closed); the rest are reported as uncovered.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from matching.scoring.model import PartialMatch
from matching.scoring.neighbours import SkillNeighbours
from matching.scoring.params import DEFAULT_SCORING

SAME_REGION, ONLINE, ELSEWHERE = "same_region", "online", "elsewhere"
DISTANCE_RANK = {SAME_REGION: 0, ONLINE: 1, ELSEWHERE: 2}


@dataclass(frozen=True)
class TrainingOffer:
    """A catalogue training: the skill ids it teaches, where it runs, what it costs (IDR)."""

    training_id: str
    title: str
    skills: frozenset[str]
    region: str | None = None
    online: bool = False
    cost: float = 0.0
    provider: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "skills", frozenset(self.skills))


@dataclass(frozen=True)
class TrainingStep:
    """One advised training, the gaps it closes and the gaps it only partly closes."""

    training: TrainingOffer
    distance: str
    closes: tuple[str, ...]
    partial: tuple[PartialMatch, ...] = ()


@dataclass(frozen=True)
class TrainingPlan:
    """Advised trainings in order, plus the gaps left partly covered or uncovered."""

    gaps: tuple[str, ...]
    steps: tuple[TrainingStep, ...]
    partially_covered: tuple[str, ...]
    uncovered: tuple[str, ...]

    @property
    def closed(self) -> tuple[str, ...]:
        """Gaps some advised training closes fully."""
        return tuple(sorted(g for step in self.steps for g in step.closes))


def distance(training: TrainingOffer, home_region: str | None) -> str:
    """Where a training is for the seeker: their own region, online, or elsewhere."""
    if home_region is not None and training.region == home_region:
        return SAME_REGION
    return ONLINE if training.online else ELSEWHERE


def _greedy(
    gaps: set[str],
    trainings: Sequence[TrainingOffer],
    home_region: str | None,
    gain_of: dict[str, set[str]],
) -> list[TrainingOffer]:
    """Trainings picked greedily by most gaps gained, then distance, cost and id."""
    chosen: list[TrainingOffer] = []
    remaining = set(gaps)
    while remaining:
        best, best_key = None, None
        for t in trainings:
            gain = len(gain_of[t.training_id] & remaining)
            if gain == 0:
                continue
            key = (-gain, DISTANCE_RANK[distance(t, home_region)], t.cost, t.training_id)
            if best_key is None or key < best_key:
                best, best_key = t, key
        if best is None:
            break
        chosen.append(best)
        remaining -= gain_of[best.training_id]
    return chosen


def _drop_redundant(chosen: list[TrainingOffer], gaps: set[str]) -> list[TrainingOffer]:
    """Remove picks whose gaps the other picks close too (last picked tried first)."""
    kept = list(chosen)
    for t in reversed(chosen):
        others = set().union(*(o.skills for o in kept if o is not t))
        if (t.skills & gaps) <= others:
            kept.remove(t)
    return kept


def plan_trainings(
    missing: Collection[str],
    trainings: Iterable[TrainingOffer],
    home_region: str | None = None,
    neighbours: SkillNeighbours | None = None,
    credit_factor: float = DEFAULT_SCORING.credit_factor,
) -> TrainingPlan:
    """The fewest trainings that close ``missing``, nearby and cheap first, with what each closes.

    With ``neighbours``, gaps no training teaches may be partly closed by a training teaching a
    near skill (a chosen one if possible, else one more pick); those are listed as partial.
    """
    gaps = set(missing)
    catalogue = list(trainings)
    exact = {t.training_id: t.skills & gaps for t in catalogue}
    chosen = _drop_redundant(_greedy(gaps, catalogue, home_region, exact), gaps)
    closes: dict[str, list[str]] = {t.training_id: [] for t in chosen}
    open_gaps = set(gaps)
    for t in chosen:
        closes[t.training_id] = sorted(exact[t.training_id] & open_gaps)
        open_gaps -= exact[t.training_id]

    partial: dict[str, dict[str, PartialMatch]] = {}
    if neighbours is not None and open_gaps:
        near = {
            t.training_id: {
                g: p
                for g in open_gaps
                if (p := neighbours.best_partial(g, t.skills, credit_factor)) is not None
            }
            for t in catalogue
        }
        reached = set().union(*(near[t.training_id] for t in chosen))
        extra_gain = {tid: set(found) - reached for tid, found in near.items()}
        extra = _greedy(set(open_gaps) - reached, catalogue, home_region, extra_gain)
        chosen += extra
        for g in sorted(open_gaps):
            offers = [t for t in chosen if g in near[t.training_id]]
            if offers:
                best = max(offers, key=lambda t, g=g: near[t.training_id][g].credit)
                partial.setdefault(best.training_id, {})[g] = near[best.training_id][g]
    steps = tuple(
        TrainingStep(
            t,
            distance(t, home_region),
            tuple(closes.get(t.training_id, ())),
            tuple(partial.get(t.training_id, {}).values()),
        )
        for t in chosen
    )
    partly = sorted(g for found in partial.values() for g in found)
    uncovered = sorted(open_gaps - set(partly))
    return TrainingPlan(tuple(sorted(gaps)), steps, tuple(partly), tuple(uncovered))


def demand_gaps(
    skills: Collection[str], demand: Iterable[tuple[str, int]], top: int = 10
) -> tuple[str, ...]:
    """The ``top`` most demanded skills (``(skill, count)``, most first) the seeker lacks."""
    return tuple([s for s, _ in demand if s not in skills][:top])
