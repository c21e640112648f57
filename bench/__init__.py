"""Benches run beside the site (not imported by it): load and faults through HTTP, start-up."""
