"""Load and write the clean tables, the interface between cleaning and analysis.

Writes are validated against :mod:`helpers.core.schemas` and atomic; reads restore dtypes (empty
strings stay strings, booleans are booleans) so every notebook sees the same table.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import atomic
from .errors import ValidationError
from .paths import Paths

BOOL_COLS = {"in_scope", "year_masked", "in_plan_section", "restated"}
FLOAT_COLS = {"value", "value_high", "region_confidence", "raw_value_num", "tolerance", "p_value",
              "first_value", "last_value", "statistic"}
INT_COLS = {"start", "end", "segment", "chars", "sentence_start", "sentence_end", "checks_run", "errors", "warnings",
            "notes", "n_values", "points", "bytes_replaced"}


#: A page shows at most this many rows of a table (more: its first and last rows, and the whole table
#: goes to outputs/tables/): no page of a national corpus becomes a 300-row wall.
MAX_ROWS = 40


def show_whole_cells() -> None:
    """Notebooks show whole cells (quotes are provenance and are never cut) and at most
    :data:`MAX_ROWS` rows of a table (the first and last 10 of a longer one)."""
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", MAX_ROWS)
    pd.set_option("display.min_rows", 20)


def _fix_types(df: pd.DataFrame) -> pd.DataFrame:
    for c in df.columns:
        if c in BOOL_COLS:
            df[c] = df[c].astype(str).str.lower().isin(["true", "1"])
        elif c in FLOAT_COLS:
            df[c] = pd.to_numeric(df[c].replace("", None), errors="coerce").astype(float)
        elif c in INT_COLS:
            df[c] = pd.to_numeric(df[c]).astype(int)
        else:
            df[c] = df[c].fillna("").astype(str)
    return df


def read(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return _fix_types(df)


def write(name: str, df: pd.DataFrame, paths: Paths | None = None, extra_check=None) -> Path:
    """Validate then write ``data/clean/<name>.csv``. ``extra_check(df)`` may raise ValidationError."""
    from . import schemas  # pandera is imported only to write: readers (briefs, notebooks) start faster

    paths = paths or Paths()
    df = df.reset_index(drop=True)
    df = schemas.validate(name, df)
    if extra_check is not None:
        extra_check(df)
    paths.clean.mkdir(parents=True, exist_ok=True)
    return atomic.write_csv(paths.table(name), df)


def load(paths: Paths | None, name: str) -> pd.DataFrame:
    paths = paths or Paths()
    p = paths.table(name)
    if not p.exists():
        where = p.relative_to(paths.root) if p.is_relative_to(paths.root) else p.name
        raise FileNotFoundError(f"{where} does not exist yet: run the cleaning notebooks (make run)")
    return read(p)


def load_reports(paths: Paths | None = None) -> pd.DataFrame:
    return load(paths, "reports")


def load_figures(paths: Paths | None = None) -> pd.DataFrame:
    return load(paths, "figures")


def load_optional(paths: Paths | None, name: str) -> pd.DataFrame | None:
    paths = paths or Paths()
    return read(paths.table(name)) if paths.table(name).exists() else None


__all__ = ["read", "write", "load", "load_reports", "load_figures", "load_optional", "ValidationError"]
