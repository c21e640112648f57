"""Curriculum gap report: regional demand (vacancy skills) against a curriculum's outcomes.

Pure computation: plain dataclasses in (``DemandVacancy``, a columnar ``DemandTable`` or
``AggregatedDemand`` totalled from a demand aggregate,
``CurriculumSupply``, ``GapParameters``), a ``GapReport`` out with ``to_dict()`` for snapshots.
"""

from curricula.gap.aggregated import (
    AggregatedDemand,
    SkillExamples,
    month_granular,
    month_weights,
    month_window,
    rank_evidence,
    rank_partners,
)
from curricula.gap.build import build_gap_report
from curricula.gap.demand import DemandAggregate, DemandTable, aggregate_demand
from curricula.gap.inputs import (
    CurriculumSupply,
    DemandSkill,
    DemandVacancy,
    GapParameters,
    SupplyOutcome,
    SupplyUnit,
    Training,
)
from curricula.gap.placement import (
    DEFAULT_PLACEMENT,
    PlacementParams,
    SkillContext,
    SkillLabels,
    SkillRelations,
    UnitTexts,
    placeable,
    unit_text_rows,
)
from curricula.gap.programme_fields import ProgrammeField, field_of, load_fields
from curricula.gap.report import (
    CoveredSkill,
    GapReport,
    GroupCoverage,
    MissingSkill,
    Partner,
    SurplusSkill,
    TrainingOffer,
    UnitCoverage,
    UnitRef,
)
from curricula.gap.supply import (
    NearSkills,
    SkillSupply,
    UnitSuggestion,
    field_skills,
    supply_coverage,
)

__all__ = [
    "DEFAULT_PLACEMENT",
    "PlacementParams",
    "placeable",
    "ProgrammeField",
    "SkillContext",
    "SkillLabels",
    "SkillRelations",
    "UnitTexts",
    "field_of",
    "load_fields",
    "unit_text_rows",
    "AggregatedDemand",
    "SkillExamples",
    "month_granular",
    "month_weights",
    "month_window",
    "rank_evidence",
    "rank_partners",
    "CoveredSkill",
    "CurriculumSupply",
    "DemandAggregate",
    "DemandSkill",
    "DemandTable",
    "DemandVacancy",
    "GapParameters",
    "GapReport",
    "GroupCoverage",
    "MissingSkill",
    "NearSkills",
    "Partner",
    "SkillSupply",
    "SupplyOutcome",
    "SupplyUnit",
    "SurplusSkill",
    "Training",
    "TrainingOffer",
    "UnitCoverage",
    "UnitRef",
    "UnitSuggestion",
    "aggregate_demand",
    "build_gap_report",
    "field_skills",
    "supply_coverage",
]
