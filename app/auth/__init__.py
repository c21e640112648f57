"""Accounts: registration for each role, login, logout, password change."""
