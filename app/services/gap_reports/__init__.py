"""Curriculum gap reports: regional demand from vacancies against a curriculum's outcomes.

``curricula.gap`` computes; this package turns the demand aggregate or every vacancy
(``vacancies``) and a curriculum into its inputs (``demand``; skill labels and the parts the app
adds to the report: ``report_parts``), stores
each report as a ``GapReportSnapshot`` and compares snapshots (``snapshots``), and exports them
as CSV and PDF (``exports``).
"""

from app.services.gap_reports.demand import (
    MAX_MISSING,
    NEW_UNIT,
    REGION_MODES,
    SCOPES,
    GapRequest,
    compute_report,
    curriculum_supply,
    region_names,
    request_for_region,
)
from app.services.gap_reports.exports import export_csv, export_pdf, scope_notes
from app.services.gap_reports.snapshots import (
    Comparison,
    compare,
    create_snapshot,
    get_snapshot,
    latest_snapshot,
    list_snapshots,
    matching_snapshot,
    preview_snapshot,
)
from app.services.gap_reports.vacancies import demand_vacancies

__all__ = [
    "MAX_MISSING",
    "NEW_UNIT",
    "REGION_MODES",
    "SCOPES",
    "Comparison",
    "GapRequest",
    "compare",
    "compute_report",
    "create_snapshot",
    "curriculum_supply",
    "demand_vacancies",
    "export_csv",
    "export_pdf",
    "get_snapshot",
    "latest_snapshot",
    "list_snapshots",
    "matching_snapshot",
    "preview_snapshot",
    "region_names",
    "request_for_region",
    "scope_notes",
]
