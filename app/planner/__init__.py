"""The planners' pages: province aggregates and BPS context, no personal data."""
