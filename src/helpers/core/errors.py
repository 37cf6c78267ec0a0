"""Errors that carry the file and what is wrong with it, for messages a person can act on."""
from __future__ import annotations


class InputFileError(Exception):
    """A raw input file cannot be used. The message names the file and the reason."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ValidationError(Exception):
    """A clean table does not satisfy its contract; ``rows`` holds the failing rows."""

    def __init__(self, table: str, message: str, rows=None):
        self.table = table
        self.rows = rows
        super().__init__(f"{table}: {message}")
