"""Load and write the clean tables, the interface between cleaning and analysis.

Writes are validated against :mod:`helpers.core.schemas` and atomic, whole (:func:`write`) or in chunks as they
come (:class:`TableWriter`: each chunk validated on its own, the table also when it has no rows); every table is
written as CSV (the exchange format) and as a Parquet copy beside it (:mod:`helpers.core.columnar`). Reads restore
dtypes (empty strings stay strings, booleans are booleans) so every notebook sees the same table, and prefer the
Parquet copy while it is consistent with the CSV (:func:`load`, :func:`chunks`: the same dtypes either way).
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd

from . import atomic, columnar
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


def kind_of(column: str) -> str:
    """How a column is typed when read: bool, float, int or (every other column) str."""
    return ("bool" if column in BOOL_COLS else "float" if column in FLOAT_COLS else "int" if column in INT_COLS
            else "str")


def _fix_types(df: pd.DataFrame, text: bool = False) -> pd.DataFrame:
    """Each column typed by its name. ``text``: every value is already a str (read with ``dtype=str`` and no NA
    values), so the text columns stay as they are."""
    for c in df.columns:
        if c in BOOL_COLS:
            df[c] = df[c].astype(str).str.lower().isin(["true", "1"])
        elif c in FLOAT_COLS:
            df[c] = pd.to_numeric(df[c].replace("", None), errors="coerce").astype(float)
        elif c in INT_COLS:
            df[c] = pd.to_numeric(df[c]).astype(int)
        elif not text or df[c].dtype != object:
            df[c] = df[c].fillna("").astype(str)
    return df


def _ordered(df: pd.DataFrame, columns: list[str] | None) -> pd.DataFrame:
    return df if columns is None else df[list(columns)]


def read(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """A clean table's CSV (or the named columns of it, in that order), typed."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                     usecols=list(columns) if columns is not None else None)
    return _ordered(_fix_types(df, text=True), columns)


def parse_rows(csv_text: str, columns: list[str]) -> pd.DataFrame:
    """CSV rows without their header, typed as :func:`read` types the whole file."""
    if not csv_text:
        return _fix_types(pd.DataFrame({c: pd.Series(dtype=object) for c in columns}))
    df = pd.read_csv(io.StringIO(csv_text), header=None, names=list(columns), dtype=str, keep_default_na=False)
    return _fix_types(df, text=True)


def render_rows(df: pd.DataFrame) -> str:
    """Rows as the CSV of a whole table writes them (UTF-8, LF), without the header."""
    return df.to_csv(index=False, header=False, lineterminator="\n")


def _header(columns: list[str]) -> str:
    return pd.DataFrame(columns=list(columns)).to_csv(index=False, lineterminator="\n")


def validate(name: str, df: pd.DataFrame, extra_check=None) -> pd.DataFrame:
    """A chunk of a clean table as it will be written: validated against its schema and checked by
    ``extra_check(chunk)`` (which may raise ValidationError); a chunk without rows passes."""
    from . import schemas  # pandera is imported only to write: readers (briefs, notebooks) start faster

    df = df.reset_index(drop=True)
    if df.empty:
        return df
    df = schemas.validate(name, df)
    if extra_check is not None:
        extra_check(df)
    return df


class TableWriter:
    """Writes ``data/clean/<name>.csv`` and its Parquet copy chunk by chunk, each chunk validated on its own (and
    the table when it has no rows), atomically at :meth:`close` (nothing replaces the old table before). The CSV is
    the same bytes as :func:`write` of the whole table. ``extra_check(chunk)`` may raise ValidationError.
    A schema's unique columns are checked within each chunk; ``unique`` names columns the writer also keeps to check
    across chunks (one value per report, say). The cleaning needs none: its chunks hold whole raw files, and every
    id begins with its file's name."""

    def __init__(self, name: str, paths: Paths | None = None, extra_check=None, unique: tuple[str, ...] = ()):
        self.name, self.paths, self.extra_check = name, paths or Paths(), extra_check
        self.unique = {c: set() for c in unique}
        self.path = self.paths.table(name)
        self.columns: list[str] | None = None
        self.rows = 0
        self._csv = self._pq = None
        self._tmp: Path | None = None

    def _open(self, columns: list[str]) -> None:
        self.columns = list(columns)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self._csv = open(self._tmp, "w", encoding="utf-8", newline="")
        self._csv.write(_header(self.columns))
        self._schema = columnar.schema(self.columns, {c: kind_of(c) for c in self.columns})
        self._pq = columnar.Writer(columnar.path_of(self.path), self._schema)

    def _check_columns(self, columns) -> None:
        if self.columns is None:
            self._open(list(columns))
        elif list(columns) != self.columns:
            raise ValueError(f"{self.name}: a chunk with other columns ({list(columns)}) than the table's")

    def append(self, df: pd.DataFrame) -> None:
        """Validate and write a chunk of rows (in the table's order)."""
        self._check_columns(df.columns)
        df = validate(self.name, df, self.extra_check)
        for start in range(0, len(df), columnar.ROW_GROUP):
            part = df.iloc[start:start + columnar.ROW_GROUP]
            text = render_rows(part)
            self.append_rendered(text, parse_rows(text, self.columns))

    def append_rendered(self, csv_text: str, typed) -> None:
        """Write a chunk a worker has validated and rendered (:func:`validate`, :func:`render_rows`): its CSV text
        and the same rows typed (a DataFrame as :func:`parse_rows` gives, or an Arrow table of the same)."""
        self._check_columns(typed.column_names if hasattr(typed, "column_names") else typed.columns)
        n = typed.num_rows if hasattr(typed, "num_rows") else len(typed)
        for c, seen in self.unique.items():
            vals = typed.column(c).to_pylist() if hasattr(typed, "column_names") else typed[c].tolist()
            dup = [v for v in vals if v in seen]  # within a chunk: the schema
            if dup:
                raise ValidationError(self.name, f"{c} is not unique across chunks: {dup[:5]}")
            seen.update(vals)
        self._csv.write(csv_text)
        self._pq.write(typed if hasattr(typed, "num_rows") else columnar.from_frame(typed, self._schema))
        self.rows += n

    def close(self, columns: list[str] | None = None) -> Path:
        """Finish the table: a table without rows is validated as such (``columns``: its columns when nothing was
        appended); the CSV and its Parquet copy are renamed into place."""
        if self.columns is None:
            if columns is None:
                raise ValueError(f"{self.name}: no chunk and no columns")
            self._open(list(columns))
        if self.rows == 0:
            from . import schemas

            try:
                schemas.validate(self.name, pd.DataFrame(columns=self.columns))
            except BaseException:
                self.abort()
                raise
        self._csv.close()
        os.chmod(self._tmp, 0o666 & ~atomic._umask())
        self._pq.close(self._tmp)  # the copy records the CSV it was written with
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        """Leave the old table as it was."""
        if self._csv is not None:
            self._csv.close()
            self._tmp.unlink(missing_ok=True)
            self._pq.abort()
        self._csv = None


def write(name: str, df: pd.DataFrame, paths: Paths | None = None, extra_check=None) -> Path:
    """Validate then write ``data/clean/<name>.csv`` and its Parquet copy. ``extra_check(df)`` may raise
    ValidationError."""
    w = TableWriter(name, paths, extra_check)
    try:
        w.append(df)
        return w.close()
    except BaseException:
        w.abort()
        raise


def _where(paths: Paths | None, name: str) -> tuple[Path, Path, Paths]:
    paths = paths or Paths()
    csv = paths.table(name)
    return csv, columnar.path_of(csv), paths


def _missing(paths: Paths, p: Path) -> FileNotFoundError:
    where = p.relative_to(paths.root) if p.is_relative_to(paths.root) else p.name
    return FileNotFoundError(f"{where} does not exist yet: clean the raw files first (make run, or healthreports "
                             "clean)")


def exists(paths: Paths | None, name: str) -> bool:
    csv, copy, _ = _where(paths, name)
    return csv.exists() or copy.exists()


#: The row conditions :func:`load` takes (``(column, op, value)``, all of them must hold), as pyarrow's filters.
_OPS = {"==": lambda s, v: s == v, "!=": lambda s, v: s != v, "in": lambda s, v: s.isin(list(v)),
        "not in": lambda s, v: ~s.isin(list(v))}


def _check_where(where) -> list[tuple[str, str, object]]:
    where = list(where or [])
    for cond in where:
        if not (isinstance(cond, tuple) and len(cond) == 3 and cond[1] in _OPS):
            raise ValueError(f"a row condition is (column, op, value) with op one of {', '.join(_OPS)}: got {cond!r}")
    return where


def _kept(df: pd.DataFrame, where: list) -> pd.DataFrame:
    mask = pd.Series(True, index=df.index)
    for col, op, v in where:
        mask &= _OPS[op](df[col], v)
    return df[mask]


def load(paths: Paths | None, name: str, columns: list[str] | None = None, where=None) -> pd.DataFrame:
    """A clean table (or the named columns of it, in that order): from its Parquet copy while that is consistent
    with the CSV, else from the CSV; the same dtypes either way. ``where``: only the rows for which every
    ``(column, op, value)`` holds (op ``==``, ``!=``, ``in``, ``not in``), read a row group (or a CSV chunk) at a
    time, so memory holds the rows kept, not the table."""
    where = _check_where(where)
    csv, copy, paths = _where(paths, name)
    if columnar.is_fresh(copy, csv):
        return columnar.read(copy, columns, filters=where or None)
    if not csv.exists():
        raise _missing(paths, csv)
    if not where:
        return read(csv, columns)
    cols = columnar.filtered_columns(columns, where)
    parts = [_kept(c, where) for c in chunks(paths, name, cols)]
    df = pd.concat(parts, ignore_index=True) if parts else read(csv, cols).head(0)
    return _ordered(df.reset_index(drop=True), columns)


def chunks(paths: Paths | None, name: str, columns: list[str] | None = None, rows: int = columnar.ROW_GROUP):
    """A clean table in chunks of at most ``rows`` rows (the index runs on across chunks), so that a step or a
    notebook reads a table of any size in bounded memory."""
    csv, copy, paths = _where(paths, name)
    start = 0
    if columnar.is_fresh(copy, csv):
        it = columnar.batches(copy, columns, rows)
    elif csv.exists():
        it = (_ordered(_fix_types(c, text=True), columns) for c in pd.read_csv(
            csv, dtype=str, keep_default_na=False, encoding="utf-8", chunksize=rows,
            usecols=list(columns) if columns is not None else None))
    else:
        raise _missing(paths, csv)
    for c in it:
        c.index = pd.RangeIndex(start, start + len(c))
        start += len(c)
        yield c


def first_rows(paths: Paths | None, name: str, show: list[str], where=None, n: int = MAX_ROWS,
               needs: tuple[str, ...] = ()) -> tuple[pd.DataFrame, int]:
    """The first ``n`` rows of a clean table (columns ``show``) that ``where(chunk)`` keeps (a filtered chunk; all
    rows without it), and how many rows it keeps in all: what a page shows of a table of any size, read in chunks.
    ``needs``: more columns ``where`` reads."""
    cols = list(dict.fromkeys([*show, *needs]))
    head, total = [], 0
    for c in chunks(paths, name, cols):
        kept = where(c) if where is not None else c
        total += len(kept)
        if sum(len(h) for h in head) < n:
            head.append(kept[show])
    df = pd.concat(head) if head else load(paths, name, show).head(0)
    return df.head(n).reset_index(drop=True), total


def value_counts(paths: Paths | None, name: str, column: str, rows: int = columnar.ROW_GROUP) -> pd.Series:
    """How often each value of ``column`` stands in a clean table of any size (read in chunks), most frequent
    first; what a page says of a table too large to load (``figures``' indicators, ``quality``'s severities)."""
    counts: dict = {}
    for c in chunks(paths, name, [column], rows):
        for v, k in c[column].value_counts(sort=False).items():
            counts[v] = counts.get(v, 0) + int(k)
    return pd.Series(counts, dtype="int64", name=column).sort_values(ascending=False, kind="stable")


def parquet_copy(paths: Paths | None, name: str) -> Path:
    """The Parquet copy of a clean table, (re)made from the CSV in chunks when it is missing or stale."""
    csv, copy, paths = _where(paths, name)
    if columnar.is_fresh(copy, csv):
        return copy
    if not csv.exists():
        raise _missing(paths, csv)
    cols = list(pd.read_csv(csv, nrows=0, encoding="utf-8").columns)
    schema = columnar.schema(cols, {c: kind_of(c) for c in cols})
    w = columnar.Writer(copy, schema)
    try:
        for c in chunks(paths, name):  # the CSV: the copy is stale
            w.write(columnar.from_frame(c, schema))
        return w.close(csv)
    except BaseException:
        w.abort()
        raise


def load_reports(paths: Paths | None = None, columns: list[str] | None = None) -> pd.DataFrame:
    return load(paths, "reports", columns)


def load_figures(paths: Paths | None = None, columns: list[str] | None = None, where=None) -> pd.DataFrame:
    return load(paths, "figures", columns, where)


def load_optional(paths: Paths | None, name: str, columns: list[str] | None = None) -> pd.DataFrame | None:
    return load(paths, name, columns) if exists(paths, name) else None


__all__ = ["read", "write", "load", "chunks", "first_rows", "value_counts", "load_reports", "load_figures", "load_optional",
           "TableWriter", "ValidationError"]
