"""Which years of which raw files were masked upstream (``masked_years.csv`` beside the raw files, its path from
:mod:`helpers.core.paths`). A year is masked only where this table declares it for the file, or where the text
itself masks it (20XX, 20**, ××年: ``clean.timeframe``); a real 2024 report elsewhere is a 2024 report."""
from __future__ import annotations

import csv
import re
from pathlib import Path

from .errors import InputFileError

COLUMNS = ("file", "year", "comment")


def read(path: Path | str) -> dict[str, frozenset[str]]:
    """file name -> the years masked in it; {} when the table does not exist. A bad row stops with the file and
    line (a year is four digits; every row says why in ``comment``)."""
    path = Path(path)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputFileError(path.name, f"needs the columns {', '.join(COLUMNS)} (missing {', '.join(missing)})")
        out: dict[str, set[str]] = {}
        for n, r in enumerate(reader, start=2):
            name, year = (r["file"] or "").strip(), (r["year"] or "").strip()
            if not name or not re.fullmatch(r"\d{4}", year):
                raise InputFileError(path.name, f"line {n}: needs a file name and a four-digit year, "
                                                f"not {name!r} and {year!r}")
            if not (r["comment"] or "").strip():
                raise InputFileError(path.name, f"line {n}: every row needs a comment saying why the year is masked")
            out.setdefault(name, set()).add(year)
    return {k: frozenset(v) for k, v in out.items()}
