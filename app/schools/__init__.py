"""Schools: curricula and gap reports."""
