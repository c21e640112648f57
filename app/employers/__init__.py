"""Employers: vacancies and candidates."""
