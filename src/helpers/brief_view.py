"""What a district brief shows, as functions the brief notebook calls (the notebook only displays)."""
from __future__ import annotations

import html

import pandas as pd

from . import compare, svgplot


def report_row(reps: pd.DataFrame, report_id: str) -> pd.Series:
    """The reports.csv row of ``report_id``; a clear error naming the id when it is unknown."""
    rows = reps[reps["report_id"] == report_id]
    if rows.empty:
        raise ValueError(f"unknown report id {report_id!r}; see data/clean/reports.csv")
    return rows.iloc[0]


def heading_html(rep: pd.Series) -> str:
    """'<h1>Jin'an District, Lu'an, Anhui — 六安市金安区</h1>' and the report's kind, period, level and
    year. Every value from the report is HTML-escaped."""
    esc = html.escape
    en = esc(rep["region_en"] or "place not identified")
    zh = esc(rep["region_name"] or "place not identified")
    masked = " (masked upstream: do not trust it)" if rep["year_masked"] else ""
    return (f"<h1>{en} — {zh}</h1><p><b>{esc(rep['kind'])}</b> report · period <b>{esc(rep['period'])}</b> · "
            f"admin level <b>{esc(rep['admin_level'] or 'unknown')}</b> · year as written: "
            f"{esc(rep['year_reported'] or '—')}{masked}</p>")


def peer_sections(lv: pd.DataFrame, report_id: str) -> list[tuple[str, pd.DataFrame]]:
    """The report's key indicators against its comparison group, one table per policy area."""
    stats = compare.peer_stats(lv, report_id)
    return [(area, g.drop(columns=["area"]).reset_index(drop=True))
            for area, g in stats.groupby("area", sort=False)]


def dot_plots(lv: pd.DataFrame, indicators: list[str], report_id: str) -> list[str]:
    """Ranked dot plots (inline SVG markup) of ``indicators`` with the report highlighted."""
    data = (compare.dot_data(lv, ind, highlight=report_id) for ind in indicators)
    return [svgplot.dot_plot(dd, highlight=report_id) for dd in data if dd is not None]
