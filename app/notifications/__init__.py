"""Notifications in the site, and stopping digest emails from a link."""
