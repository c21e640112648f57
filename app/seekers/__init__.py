"""Job seekers: profile, skills, recommendations."""
