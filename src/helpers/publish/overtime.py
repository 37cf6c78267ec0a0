"""The brief's "Over time" section: a small chart per indicator of the place's series (inline SVG, like the spine
chart) with its trend word, shown when the place has reports of two or more periods.

Each chart runs in time (a part of a year stands where it ends: 2022 H1 halfway between 2021 and 2022); a stock
is one line through all its points, a flow one line per kind of period (a half-year's count is not on the line of
the years'). Values stated by the report of their period are filled dots, values only a later report gives
(restated) hollow ones, and this report's value is ringed. Every string from the data is escaped.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from .. import compare
from ..clean import series as series_mod
from ..core import catalog

W, H, PADX, PADY = 280, 96, 40, 14
LABEL_GAP = 30  # px between two time labels (a half-year's label is left out where a year's stands close)
MAX_CHARTS = 12
LINE = "#2b6cb0"
WORDS = {"increasing": "↑ increasing", "decreasing": "↓ decreasing", "no clear change": "→ no clear change"}
VERDICT_COLORS = {"better": "#2f855a", "worse": "#c53030", "no change": "#4a5568"}
METHOD_EN = {"every_step": "every step the same way beyond rounding", "mann_kendall": "Mann–Kendall test, 5 %",
             "too_few_points": "fewer than three years: no trend is tested"}


def _t(year: str, period: str) -> float:
    """A point's place in time: the end of its period (annual 2021 → 2021.0, H1 2022 → 2021.5)."""
    return int(year) - 1 + (series_mod.period_end(period) or 1.0)


def chart_svg(points: pd.DataFrame, label: str, unit: str, this_report: str = "") -> str:
    """One indicator's small chart; ``points``: its rows of series.csv (one unit)."""
    pts = points.assign(tpos=[_t(y, p) for y, p in zip(points["year"], points["period"])]).sort_values("tpos")
    t0, t1 = float(pts["tpos"].min()), float(pts["tpos"].max())
    v0, v1 = float(pts["value"].min()), float(pts["value"].max())
    if v1 == v0:
        v0, v1 = v0 - 1, v1 + 1
    pad = (v1 - v0) * 0.1
    v0, v1 = v0 - pad, v1 + pad

    def x(t: float) -> float:
        return round(PADX + (0.5 if t1 == t0 else (t - t0) / (t1 - t0)) * (W - 2 * PADX), 1)

    def y(v: float) -> float:
        return round(H - PADY - (v - v0) / (v1 - v0) * (H - 2 * PADY), 1)

    parts = [f'<line x1="{PADX}" y1="{H - PADY}" x2="{W - PADX}" y2="{H - PADY}" stroke="#cbd5e0"/>']
    stock = (pts["comparability"] == "stock").all() if "comparability" in pts.columns else True
    lines = [pts] if stock else [g for _p, g in pts.groupby("period", sort=False)]
    for g in lines:
        if len(g) > 1:
            dash = "" if stock or (g["period"] == "annual").all() else ' stroke-dasharray="4 3"'
            xy = " ".join(f"{x(t)},{y(v)}" for t, v in zip(g["tpos"], g["value"]))
            parts.append(f'<polyline points="{xy}" fill="none" stroke="{LINE}" stroke-width="2"{dash}/>')
    for r in pts.itertuples():
        shown = compare.fmt_number(r.value) + ("%" if unit == "percent" else "")
        tip = (f"{label}, {compare.overtime.point_label(r.year, r.period)}: {shown}"
               + (f" (restated by {r.report_id})" if r.restated else f" ({r.report_id})"))
        fill = "#ffffff" if r.restated else LINE
        ring = (f'<circle cx="{x(r.tpos)}" cy="{y(r.value)}" r="7" fill="none" stroke="#1a202c" stroke-width="1.5"/>'
                if this_report and r.report_id == this_report and not r.restated else "")
        parts.append(f'<g><title>{escape(tip)}</title>{ring}<circle cx="{x(r.tpos)}" cy="{y(r.value)}" r="4" '
                     f'fill="{fill}" stroke="{LINE}" stroke-width="2"/></g>')
    labels = {float(r.tpos): compare.overtime.point_label(r.year, r.period) for r in pts.itertuples()}
    drawn: list[float] = []
    for t in sorted(labels, key=lambda t: (" " in labels[t], t)):  # the years first, then parts of years with room
        if all(abs(x(t) - x(d)) >= LABEL_GAP for d in drawn):
            drawn.append(t)
            parts.append(f'<text x="{x(t)}" y="{H - 2}" font-size="9" text-anchor="middle" fill="#4a5568">'
                         f'{escape(labels[t])}</text>')
    for v in sorted({float(pts["value"].min()), float(pts["value"].max())}):
        parts.append(f'<text x="{PADX - 5}" y="{y(v) + 3}" font-size="9" text-anchor="end" fill="#4a5568">'
                     f'{escape(short_number(v))}</text>')
    aria = f"{label}: " + ", ".join(f"{compare.overtime.point_label(r.year, r.period)} {compare.fmt_number(r.value)}"
                                    for r in pts.itertuples())
    return (f'<svg class="overtime" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
            f'aria-label="{escape(aria)}">{"".join(parts)}</svg>')


def short_number(v: float) -> str:
    """An axis label that fits: 87.5, 1.3M, 52k."""
    a = abs(v)
    if a >= 1e6:
        return f"{v / 1e6:.3g}M"
    if a >= 1e4:
        return f"{v / 1e3:.3g}k"
    return compare.fmt_number(v)


def trend_words(tr) -> str:
    """'↑ increasing · better (Mann–Kendall test, 5 %)', or what the points allow."""
    if tr is None:
        return "one year only: no trend"
    if not tr.direction:
        return f"{int(tr.points)} years: no trend is tested before three"
    verdict = (f' · <b style="color:{VERDICT_COLORS.get(tr.verdict, "#4a5568")}">{escape(tr.verdict)}</b>'
               if tr.verdict else " · not judged")
    return f"{escape(WORDS.get(tr.direction, tr.direction))}{verdict} <span class=\"note\">({escape(METHOD_EN.get(tr.method, tr.method))})</span>"


def section_html(series: pd.DataFrame, trends: pd.DataFrame, report_id: str = "") -> str:
    """The whole section, or '' when the place has fewer than two periods (or no series)."""
    if series is None or series.empty or len(series.drop_duplicates(["year", "period"])) < 2:
        return ""
    inds = catalog.indicators()
    tr = {(r.indicator, r.unit): r for r in trends.itertuples()} if trends is not None and len(trends) else {}
    groups = sorted(((-len(g), ind, unit, g) for (ind, unit), g in series.groupby(["indicator", "unit"], sort=True)
                     if len(g) >= 2), key=lambda k: k[:3])
    rows = []
    for _n, ind, unit, g in groups[:MAX_CHARTS]:
        label = inds[ind].label if ind in inds else ind
        en, zh = (inds[ind].en, inds[ind].zh) if ind in inds else (ind, "")
        rows.append(f'<tr><th scope="row">{escape(en)}<span class="zh">{escape(zh)}</span>'
                    f'<span class="group">{escape(catalog.unit_label(unit))}</span></th>'
                    f'<td class="spine-cell">{chart_svg(g, label, unit, report_id)}</td>'
                    f'<td class="verdict">{trend_words(tr.get((ind, unit)))}</td></tr>')
    per = series.drop_duplicates(["year", "period"])
    per = sorted(zip(per["year"], per["period"]), key=lambda yp: _t(*yp))
    periods = " · ".join(compare.overtime.point_label(y, p) for y, p in per)
    more = (f'<p class="note">{len(groups) - MAX_CHARTS} more indicators with two or more points: see '
            "<code>data/clean/series.csv</code>.</p>" if len(groups) > MAX_CHARTS else "")
    body = ('<table class="spine-chart overtime-chart"><thead><tr><th>indicator</th><th>over time</th>'
            '<th>trend</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>") if rows else (
        '<p class="note">No indicator is stated for two or more of these periods.</p>')
    return (f'<section class="over-time" aria-label="Over time"><h2>Over time</h2>'
            f'<p>This place\'s reports cover {escape(periods)}. Filled dots are values as the report of their period '
            "states them, hollow dots values only a later report gives (restated: a baseline, or a level minus its "
            "stated change), the ringed dot this report's. A half-year's count of a flow is drawn on its own dashed "
            "line. The trend reads the whole years only, as Fingertips does: with three or four years every step "
            "must move the same way beyond rounding, from five a Mann–Kendall test decides; better or worse follows "
            "the indicator's direction in the catalog.</p>"
            f"{body}{more}</section>")
