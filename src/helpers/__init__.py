"""Helpers for the health work-report comparison suite."""
