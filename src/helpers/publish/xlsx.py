"""Spreadsheet copies of the tables of ``outputs/tables/`` (``.xlsx``, openpyxl), safe to open in Excel or WPS.

A CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (a title line, a quote, a signed change) is run as a
formula when a spreadsheet opens the CSV. In the ``.xlsx`` copy every text cell is typed as text (never a
formula), numbers stay numbers, and the bytes are the same on every run (fixed document dates and zip times), so
the CSV files stay exact and the copies can be compared as any output.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from pathlib import Path

import pandas as pd

from ..core import atomic

#: The largest table (rows × columns) given a spreadsheet copy. openpyxl writes about 70,000 cells a second and holds
#: every cell as an object, so a rug of 30,000 reports (290,000 rows × 15 columns) took 75 s and 2 GB for its copy
#: alone; a table that large is read with pandas or a database, not in a spreadsheet. Larger tables are CSV only.
MAX_CELLS = 250_000

#: The document dates and zip entry times of every copy (the same bytes for the same table).
FIXED = dt.datetime(2000, 1, 1)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell_value(v):
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, bool):
        return v
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()
    if isinstance(v, (int, float)):
        return v
    # a form feed or a stray control character (a PDF's page break, a damaged file) cannot stand in a cell
    return _ILLEGAL.sub("\ufffd", str(v))


def table_bytes(df: pd.DataFrame, sheet: str = "table") -> bytes:
    """The ``.xlsx`` bytes of ``df``: a header row and one row per record; text cells typed as text."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31] or "table"
    rows = [list(map(str, df.columns))] + [list(r) for r in df.itertuples(index=False, name=None)]
    for i, row in enumerate(rows, start=1):
        for j, v in enumerate(row, start=1):
            v = _cell_value(v)
            if v is None:
                continue
            c = ws.cell(row=i, column=j)
            c.value = v
            if isinstance(v, str):
                c.data_type = "s"  # '=SUM(…)', '+1.5', '-0.3 pp', '@x': text, never a formula
    wb.properties.created = wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry's time fixed (openpyxl stamps them with the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # a modified date of the time of writing, whatever was set
                body = _fixed_dates(body)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, body)
    return out.getvalue()


def _fixed_dates(xml: bytes) -> bytes:
    import re

    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", xml)


def wanted(df: pd.DataFrame) -> bool:
    """Whether ``df`` gets a spreadsheet copy (:data:`MAX_CELLS`)."""
    return (len(df) + 1) * max(1, len(df.columns)) <= MAX_CELLS


def write_copy(df: pd.DataFrame, csv_path: Path) -> Path | None:
    """Write the ``.xlsx`` copy beside ``csv_path`` (atomic); a table over :data:`MAX_CELLS` gets none (and a copy
    left by an earlier run is removed, so no stale copy sits beside the CSV). Returns the copy's path or None."""
    out = Path(csv_path).with_suffix(".xlsx")
    if not wanted(df):
        out.unlink(missing_ok=True)
        return None
    return atomic.write_bytes(out, table_bytes(df, Path(csv_path).stem[:31]))
