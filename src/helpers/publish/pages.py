"""What the analysis notebooks show, in one style: every table through :func:`table`, the tartan rug through
:func:`helpers.publish.rug.rug`.

A table is HTML built here (never pandas' default rendering): no index column, text left and numbers right
(a value with its unit, ``87.5% · H1``, counts as a number), long quotes wrapped, a sticky header, at most
:data:`MAX_ROWS` rows with a link to the whole table as CSV, and a masked year shown as masked
(:data:`MASKED_YEAR`), never as a year. The same HTML shows in JupyterLab and in the exported page.

Links are written relative to ``notebooks/`` (``../outputs/tables/x.csv``), which is right in JupyterLab;
:func:`for_analysis_page` rewrites them for a page in ``outputs/analysis/`` when the pipeline exports it.
"""
from __future__ import annotations

import html
import math
import re

import pandas as pd

MAX_ROWS = 40
MASKED_YEAR = "20** (masked)"
#: A text longer than this (or a column named as a quote) is wrapped in a wide column.
LONG_TEXT = 60
QUOTE_COLUMNS = ("quote", "quotes", "message", "sentence", "region_evidence", "title", "values")

esc = html.escape

#: A cell that reads as a value: a number, maybe approximate or signed, then its unit or period mark.
VALUE_LIKE = re.compile(r"^[≈≥≤<>~+\-−]?\d[\d,]*(\.\d+)?(?=$|[\s%‰–/·]|[^\x00-\x7f])")

TABLE_CSS = """
.hr-wrap{max-width:100%;max-height:80vh;overflow:auto;margin:.4rem 0 1rem;border:1px solid #e2e8f0}
.jp-RenderedHTMLCommon table.hr-table,table.hr-table{border-collapse:separate;border-spacing:0;width:auto;
 min-width:50%;font-size:.85rem;margin:0;table-layout:auto}
.jp-RenderedHTMLCommon table.hr-table th,.jp-RenderedHTMLCommon table.hr-table td,table.hr-table th,table.hr-table td{
 text-align:left;vertical-align:top;padding:.3rem .5rem;border:0;border-bottom:1px solid #e2e8f0;white-space:normal;
 max-width:none}
.jp-RenderedHTMLCommon table.hr-table thead th,table.hr-table thead th{position:sticky;top:0;z-index:1;
 background:#f7fafc;font-weight:600;border-bottom:2px solid #cbd5e0}
.jp-RenderedHTMLCommon table.hr-table .num,table.hr-table .num{text-align:right;font-variant-numeric:tabular-nums}
.jp-RenderedHTMLCommon table.hr-table td.quote,table.hr-table td.quote{min-width:16rem;max-width:40rem;
 overflow-wrap:anywhere}
.jp-RenderedHTMLCommon table.hr-table tbody tr:nth-child(odd),table.hr-table tbody tr:nth-child(odd){background:#fff}
.jp-RenderedHTMLCommon table.hr-table tbody tr:hover,table.hr-table tbody tr:hover{background:#ebf8ff}
.hr-masked{color:#c05621}
p.hr-note{color:#4a5568;font-size:.85rem;margin:.2rem 0}
.jp-OutputArea-output{max-width:100%;overflow-x:auto}
@media print{.hr-wrap{max-height:none;overflow:visible}table.hr-table thead th{position:static}}
"""


class Html:
    """HTML that shows itself in a notebook (JupyterLab, papermill, the exported page)."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"<Html {len(self.markup)} characters>"


def root_href(path: str) -> str:
    """A link to a file of the project (``outputs/tables/x.csv``) from a notebook in ``notebooks/``."""
    return "../" + path.lstrip("/")


_ROOT_LINK = re.compile(r'href="\.\./(?=(?:outputs|data|src)/)')


def for_analysis_page(markup: str) -> str:
    """Links written for ``notebooks/`` (:func:`root_href`) rewritten for a page in ``outputs/analysis/``."""
    return _ROOT_LINK.sub('href="../../', markup).replace('href="../../outputs/', 'href="../')


def masked_years(df: pd.DataFrame) -> pd.DataFrame:
    """``year_reported`` shown as :data:`MASKED_YEAR` where ``year_masked`` says so; ``year_masked`` then goes
    (the cell says it)."""
    if "year_masked" not in df.columns:
        return df
    d = df.copy()
    masked = d["year_masked"].astype(str).str.lower().isin(["true", "1"])
    if "year_reported" in d.columns:
        d["year_reported"] = d["year_reported"].astype(object).where(~masked, MASKED_YEAR)
        d = d.drop(columns=["year_masked"])
    return d


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def cell_text(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return f"{int(v):,}" if abs(v) >= 1e4 else str(int(v))
        return f"{v:,.2f}".rstrip("0").rstrip(".") if abs(v) >= 0.01 else f"{v:.4g}"
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 1e4 else str(v)
    return str(v)


def column_kind(values: list, name: str) -> str:
    """``num`` (numbers, or values with their unit), ``quote`` (long text) or ``text``."""
    present = [v for v in values if cell_text(v) != ""]
    if present and all(_is_number(v) or (isinstance(v, str) and VALUE_LIKE.match(v.strip())) for v in present):
        return "num"
    if str(name) in QUOTE_COLUMNS or any(len(cell_text(v)) > LONG_TEXT for v in present):
        return "quote"
    return "text"


def table(df: pd.DataFrame, csv: str | None = None, name: str | None = None, max_rows: int = MAX_ROWS,
          caption: str = "", paths=None, n_rows: int | None = None) -> Html:
    """One table the way every analysis page shows it (see the module's docstring). ``csv``: the project-relative
    path of the whole table (``outputs/tables/primary_care_changes.csv``, ``data/clean/figures.csv``), linked when
    rows are cut; ``name``: else, when rows are cut, the whole table is written to ``outputs/tables/<name>.csv``
    (and its .xlsx copy) and linked. ``n_rows``: the rows of the whole table when ``df`` holds only its first ones
    (:func:`helpers.core.tables.first_rows`, for a table too large to load)."""
    if df is None or len(df.columns) == 0 or df.empty:
        return Html(f'<style>{TABLE_CSS}</style><p class="hr-note">Nothing to show{": " + esc(caption) if caption else "."}</p>')
    full = df
    d = masked_years(df.reset_index(drop=True))
    n = len(d) if n_rows is None else max(n_rows, len(d))
    cut = n > max_rows
    if cut and csv is None and name is not None:
        from .plots import save_table

        csv = str(save_table(full.reset_index(drop=True), name, paths).relative_to((paths or _paths()).root))
    shown = d.head(max_rows)
    cols = list(shown.columns)
    kinds = {c: column_kind(shown[c].tolist(), c) for c in cols}
    head = "".join(f'<th scope="col"{" class=num" if kinds[c] == "num" else ""}>{esc(str(c))}</th>' for c in cols)
    body = []
    for row in shown.itertuples(index=False):
        cells = []
        for c, v in zip(cols, row):
            text = cell_text(v)
            inner = f'<span class="hr-masked">{esc(text)}</span>' if text == MASKED_YEAR else esc(text)
            cls = kinds[c]
            cells.append(f'<td class="{cls}">{inner}</td>' if cls != "text" else f"<td>{inner}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = ""
    if cut:
        where = (f'; the whole table: <a href="{esc(root_href(csv))}">{esc(csv)}</a>'
                 + _spreadsheet_note(csv, paths)) if csv else ""
        note = f'<p class="hr-note">The first {max_rows} of {n} rows{where}.</p>'
    cap = f'<p class="hr-note">{esc(caption)}</p>' if caption else ""
    return Html(f'<style>{TABLE_CSS}</style>{cap}<div class="hr-wrap"><table class="hr-table"><thead><tr>{head}'
                f"</tr></thead><tbody>{''.join(body)}</tbody></table></div>{note}")


def clean_table(name: str, show: list[str], where=None, needs: tuple[str, ...] = (), paths=None) -> Html:
    """A clean table of any size (``data/clean/<name>.csv``) as :func:`table` shows it: its first rows that
    ``where(chunk)`` keeps, read in chunks (:func:`helpers.core.tables.first_rows`), with the number of rows it
    keeps in all and a link to the whole table. ``needs``: more columns ``where`` reads."""
    from ..core import tables

    shown, n = tables.first_rows(paths, name, show, where=where, needs=needs)
    return table(shown, csv=f"data/clean/{name}.csv", n_rows=n, paths=paths)


def _spreadsheet_note(csv: str, paths=None) -> str:
    """The link to a table's .xlsx copy, or why it has none (only tables of ``outputs/tables/`` have copies)."""
    if not (csv.startswith("outputs/tables/") and csv.endswith(".csv")):
        return ""
    copy = csv[:-4] + ".xlsx"
    if ((paths or _paths()).root / copy).exists():
        return f' (spreadsheet copy <a href="{esc(root_href(copy))}">.xlsx</a>)'
    from .xlsx import MAX_CELLS

    return f" (CSV only: a spreadsheet copy is made for tables of up to {MAX_CELLS:,} cells)"


def _paths():
    from ..core.paths import Paths

    return Paths()
