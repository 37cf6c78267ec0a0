"""Spreadsheets (.xlsx with openpyxl, .xls with xlrd, .csv) as text: each sheet's rows as tab-separated lines, so
the table-row rules read a row's label and its value together (``门急诊人次(人次)\\t52310``).

A *yearbook* sheet (统计年鉴: places as rows, catalog indicators as the header) becomes one report per row: the
place, the sheet's title line when it has one, then one ``indicator\\tvalue`` line per column, so each figure
stands beside the indicator its column names. Every cell's text keeps its address (``SheetText.cells``:
``表1!C4``), and each figure is traced to the cell it was read from (``figures.csv`` column ``cell``).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from ..core.errors import InputFileError

#: A place name in a yearbook's first column: a county-level or prefecture-level unit, or the whole area.
PLACE_CELL = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:区|县|市|旗|州|盟|自治县|林区|特区)$|^(?:全市|全区|全县|合计|总计)$")
#: Header cells that name catalog indicators, and first-column cells that name places, needed for a yearbook.
MIN_INDICATORS = 2
MIN_PLACES = 2


@dataclass
class SheetText:
    text: str
    cells: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, "sheet!A1") in text order
    parts: list[tuple[int, int]] = field(default_factory=list)       # a yearbook: one report per row


def col_letter(j: int) -> str:
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


def cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return f"{v:.10g}"
    if hasattr(v, "isoformat"):
        return v.isoformat()[:10]
    return re.sub(r"\s*\n\s*", "", str(v)).strip()


def _names_indicator(cell: str) -> bool:
    from ..core import catalog

    label = re.sub(r"[(（][^)）]*[)）]", "", cell).strip()
    if len(label) < 2:
        return False
    for ind in catalog.indicators().values():
        if ind.zh in label:
            return True
        if ind.measure.search(label) and (ind.subject is None or ind.subject.search(label)) \
                and not (ind.exclude and ind.exclude.search(label)):
            return True
    return False


def _yearbook_header(rows: list[list[str]]) -> int | None:
    """Index of the header row of a yearbook sheet (catalog indicators across, places down), or None."""
    for h, row in enumerate(rows[:6]):
        named = sum(1 for c in row[1:] if c and _names_indicator(c))
        if named >= MIN_INDICATORS:
            places = sum(1 for r in rows[h + 1:] if r and PLACE_CELL.match(r[0] or ""))
            return h if places >= MIN_PLACES else None
    return None


class _Writer:
    def __init__(self):
        self.parts_text: list[str] = []
        self.pos = 0
        self.cells: list[tuple[int, int, str]] = []
        self.reports: list[tuple[int, int]] = []

    def put(self, s: str, ref: str | None = None) -> None:
        if ref is not None and s:
            self.cells.append((self.pos, self.pos + len(s), ref))
        self.parts_text.append(s)
        self.pos += len(s)

    def row(self, cells: list[tuple[str, str]]) -> None:
        """One tab-separated line of (text, cell reference)."""
        while cells and not cells[-1][0]:
            cells = cells[:-1]
        if not cells:
            return
        for k, (s, ref) in enumerate(cells):
            if k:
                self.put("\t")
            self.put(s, ref)
        self.put("\n")


def _sheet(w: _Writer, name: str, rows: list[list[str]]) -> None:
    h = _yearbook_header(rows)
    if h is None:
        for i, row in enumerate(rows):
            w.row([(c, f"{name}!{col_letter(j)}{i + 1}") for j, c in enumerate(row)])
        w.put("\n")
        return
    title = "".join(c for r in rows[:h] for c in r if c)[:80]
    header = rows[h]
    for i in range(h + 1, len(rows)):
        row = rows[i]
        if not row or not PLACE_CELL.match(row[0] or ""):
            continue
        start = w.pos
        w.put(row[0], f"{name}!A{i + 1}")
        w.put(f"{title}\n" if title and not title.startswith(row[0]) else "\n")
        for j in range(1, len(row)):
            if row[j] and j < len(header) and header[j]:
                w.row([(header[j], f"{name}!{col_letter(j)}{h + 1}"), (row[j], f"{name}!{col_letter(j)}{i + 1}")])
        w.reports.append((start, w.pos))
        w.put("\n")


def sheets_to_text(sheets: list[tuple[str, list[list]]]) -> SheetText:
    """(sheet name, rows of cell values) → the text, the address of every cell and a yearbook's reports."""
    w = _Writer()
    for name, rows in sheets:
        rows = [[cell_text(v) for v in r] for r in rows]
        rows = [r for r in rows if any(r)]
        if rows:
            _sheet(w, name, rows)
    text = "".join(w.parts_text)
    if not text.strip():
        raise InputFileError("", "holds no cell with text")
    return SheetText(text, w.cells, w.reports)


def xlsx_sheets(data: bytes, name: str) -> list[tuple[str, list[list]]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:
        raise InputFileError(name, f"is not a readable .xlsx workbook ({type(e).__name__}: {e})") from None
    try:
        return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
    finally:
        wb.close()


def xls_sheets(data: bytes, name: str) -> list[tuple[str, list[list]]]:
    try:
        import xlrd
    except ImportError:  # pragma: no cover - a dependency
        raise InputFileError(name, "is an Excel 97-2003 .xls workbook and xlrd is not installed (pip install xlrd)") from None
    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception as e:
        raise InputFileError(name, f"is not a readable .xls workbook ({type(e).__name__}: {e})") from None
    return [(sh.name, [sh.row_values(i) for i in range(sh.nrows)]) for sh in book.sheets()]


def csv_sheets(text: str, name: str) -> list[tuple[str, list[list]]]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    stem = re.sub(r"\.[^.]+$", "", name) or "csv"
    return [(stem, list(csv.reader(io.StringIO(text), dialect)))]


def cell_of(cells: tuple[tuple[int, int, str], ...], starts: list[int], offset: int) -> str:
    """The address of the cell whose text holds ``offset`` ('' if none); ``starts``: the cells' starts."""
    from bisect import bisect_right

    k = bisect_right(starts, offset) - 1
    if k >= 0 and cells[k][0] <= offset < cells[k][1]:
        return cells[k][2]
    return ""
