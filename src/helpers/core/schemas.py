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

#: The periods a series point may have (``helpers.clean.series.period_end``): a known part of one year.
SERIES_PERIOD = r"^(annual|H1|Q1|Jan–Sep|Jan–(Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov))$"

#: The columns series.csv and trends.csv open with: the place (a province and its county or city) and the indicator.
_PLACE_INDICATOR = {
        "province": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, coerce=True),
        "city": pa.Column(**_str),
        "county": pa.Column(**_str),
        "place": pa.Column(**_str),
        "place_en": pa.Column(**_str),
        "indicator": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, coerce=True),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
}

SERIES = pa.DataFrameSchema(
    {
        **_PLACE_INDICATOR,
        "comparability": pa.Column(str, pa.Check.isin(["stock", "flow"])),
        "year": pa.Column(str, pa.Check.str_matches(r"^(19|20)\d{2}$"), nullable=False, coerce=True),
        "period": pa.Column(str, pa.Check.str_matches(SERIES_PERIOD), nullable=False, coerce=True),
        "value": pa.Column(float, nullable=False, coerce=True),
        "tolerance": pa.Column(float, pa.Check.ge(0), nullable=False, coerce=True),
        "restated": pa.Column(bool, coerce=True),
        "basis": pa.Column(str, pa.Check.isin(["stated", "baseline", "level_minus_change"])),
        "report_id": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, coerce=True),
        "figure_ids": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, coerce=True),
        "report_ids": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, coerce=True),
        "n_values": pa.Column(int, pa.Check.ge(1), coerce=True),
    },
    checks=[pa.Check(lambda d: (d["county"] != "") | (d["city"] != ""), error="a series place names its county or city"),
            pa.Check(lambda d: ~d.duplicated(["province", "county", "city", "indicator", "unit", "year", "period"]),
                     error="one row per place, indicator, unit, year and period")],
    strict=True,
)

TRENDS = pa.DataFrameSchema(
    {
        **_PLACE_INDICATOR,
        "points": pa.Column(int, pa.Check.ge(2), coerce=True),
        "years": pa.Column(str, pa.Check.str_matches(r"^\d{4}(;\d{4})+$"), nullable=False, coerce=True),
        "values": pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, coerce=True),
        "first_value": pa.Column(float, coerce=True),
        "last_value": pa.Column(float, coerce=True),
        "direction": pa.Column(str, pa.Check.isin(["increasing", "decreasing", "no clear change", ""])),
        "method": pa.Column(str, pa.Check.isin(["too_few_points", "every_step", "mann_kendall"])),
        "statistic": pa.Column(float, nullable=True, coerce=True),
        "p_value": pa.Column(float, pa.Check.in_range(0, 1), nullable=True, coerce=True),
        "judge": pa.Column(str, pa.Check.isin(["higher", "lower", "range", "none"])),
        "verdict": pa.Column(str, pa.Check.isin(["better", "worse", "no change", ""])),
    },
    checks=[pa.Check(lambda d: (d["method"] == "too_few_points") == (d["points"] < 3),
                     error="a direction from three points, a test from five"),
            pa.Check(lambda d: (d["method"] != "too_few_points") | (d["direction"] == "") & (d["verdict"] == ""),
                     error="fewer than three points: no direction, no verdict")],
    strict=True,
)

SCHEMAS = {"input_problems": INPUT_PROBLEMS, "reports": REPORTS, "figures": FIGURES, "quality": QUALITY, "report_quality": REPORT_QUALITY,
           "series": SERIES, "trends": TRENDS}


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
