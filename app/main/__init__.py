"""Public pages: home, language switch, health check, data attributions."""
