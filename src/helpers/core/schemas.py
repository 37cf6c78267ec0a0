"""Declared contracts of the clean tables, checked on every write (pandera).

A failure raises :class:`helpers.core.errors.ValidationError` whose message names the failing
rows (report id, offsets, values), and whose ``rows`` attribute holds them as a DataFrame.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .errors import ValidationError

ADMIN_LEVELS = ["district", "county", "county-level city", "city", ""]
KINDS = ["summary", "plan", "summary+plan"]
ROLES = ["level", "target", "baseline", "change_pct", "change_abs", "change_pp", "completion"]
UNITS = ["percent", "permille", "per_100k", "ratio_100", "persons", "person_times", "couples", "records",
         "yuan", "cases", "doses", "ml", "kg", "count", "percentage_points",
         "years", "days", "per_1000", "per_10k"]
SEVERITIES = ["error", "warning", "note"]
#: What a raw file was read from: text, a saved web page, Word (.docx; .doc and .wps converted), a PDF's text layer,
#: a scan read by OCR (PDF or image), a spreadsheet (.xlsx, .xls, .csv)
CONTAINERS = ["text", "html", "docx", "doc", "wps", "pdf", "ocr", "sheet"]

_str = dict(dtype=str, nullable=False, coerce=True)

REPORTS = pa.DataFrameSchema(
    {
        "report_id": pa.Column(str, unique=True, nullable=False),
        "source_file": pa.Column(**_str),
        "segment": pa.Column(int, pa.Check.ge(1)),
        "start": pa.Column(int, pa.Check.ge(0)),
        "end": pa.Column(int, pa.Check.ge(0)),
        "title": pa.Column(**_str),
        "in_scope": pa.Column(bool),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "period": pa.Column(**_str),
        "year_reported": pa.Column(**_str),
        "year_masked": pa.Column(bool),
        "admin_level": pa.Column(str, pa.Check.isin(ADMIN_LEVELS)),
        "province": pa.Column(**_str),
        "city": pa.Column(**_str),
        "county": pa.Column(**_str),
        "region_name": pa.Column(**_str),
        "region_en": pa.Column(**_str),
        "region_evidence": pa.Column(**_str),
        "region_confidence": pa.Column(float, pa.Check.in_range(0, 1)),
        "container": pa.Column(str, pa.Check.isin(CONTAINERS)),
        "script": pa.Column(str, pa.Check.isin(["simplified", "traditional"])),
        # bytes of the file that could not be decoded (replaced by U+FFFD): 0 for an undamaged file
        "bytes_replaced": pa.Column(int, pa.Check.ge(0)),
    },
    checks=[pa.Check(lambda d: d["end"] > d["start"], error="end must be after start")],
    strict=False,
)

FIGURES = pa.DataFrameSchema(
    {
        "figure_id": pa.Column(str, unique=True),
        "report_id": pa.Column(str, nullable=False),
        "source_file": pa.Column(**_str),
        "start": pa.Column(int, pa.Check.ge(0)),
        "end": pa.Column(int, pa.Check.ge(1)),
        "raw": pa.Column(str, pa.Check.str_length(min_value=1)),
        "quote": pa.Column(str, pa.Check.str_length(min_value=1)),
        "indicator": pa.Column(**_str),
        "qualifier": pa.Column(**_str),
        "value": pa.Column(float, nullable=True),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
        "raw_value": pa.Column(**_str),
        "raw_unit": pa.Column(**_str),
        "role": pa.Column(str, pa.Check.isin(ROLES)),
        "approx": pa.Column(**_str),
        "flags": pa.Column(**_str),
        "sentence_start": pa.Column(int, pa.Check.ge(0)),
        "sentence_end": pa.Column(int, pa.Check.ge(0)),
    },
    checks=[pa.Check(lambda d: d["end"] > d["start"], error="end must be after start")],
    strict=False,
)

QUALITY = pa.DataFrameSchema(
    {
        "report_id": pa.Column(str, nullable=False),
        "check": pa.Column(**_str),
        "severity": pa.Column(str, pa.Check.isin(SEVERITIES)),
        "indicator": pa.Column(**_str),
        "qualifier": pa.Column(**_str),
        "figures": pa.Column(**_str),
        "message": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=False,
)

REPORT_QUALITY = pa.DataFrameSchema(
    {
        "report_id": pa.Column(str, unique=True, nullable=False),
        "checks_run": pa.Column(int, pa.Check.ge(1)),
        "errors": pa.Column(int, pa.Check.ge(0)),
        "warnings": pa.Column(int, pa.Check.ge(0)),
        "notes": pa.Column(int, pa.Check.ge(0)),
    },
    strict=False,
)

INPUT_PROBLEMS = pa.DataFrameSchema(
    {
        "file": pa.Column(str, pa.Check.str_length(min_value=1)),
        "report_id": pa.Column(**_str),
        "severity": pa.Column(str, pa.Check.isin(["error", "notice"])),
        "problem": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=True,
)

SCHEMAS = {"input_problems": INPUT_PROBLEMS, "reports": REPORTS, "figures": FIGURES, "quality": QUALITY, "report_quality": REPORT_QUALITY}


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Validate ``df`` against the named schema; raise ValidationError naming the failing rows."""
    schema = SCHEMAS[name]
    if df.empty:  # no rows is a valid table: its columns take their declared types (an empty column is object)
        df = df.astype({c: col.dtype.type for c, col in schema.columns.items() if c in df.columns and col.dtype})
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as e:
        fc = e.failure_cases
        idx = [i for i in fc["index"].dropna().unique().tolist() if isinstance(i, (int,)) or str(i).isdigit()]
        rows = df.loc[[int(i) for i in idx if int(i) in df.index]] if idx else df.head(0)
        summary = "; ".join(
            f"{r.column or 'table'}: {r.check} failed for {r.failure_case!r}" for r in fc.head(10).itertuples())
        ids = ", ".join(map(str, rows.get("report_id", pd.Series(dtype=str)).head(10)))
        raise ValidationError(name, f"{len(fc)} schema failure(s): {summary}" + (f" (rows of {ids})" if ids else ""),
                              rows=rows) from None
