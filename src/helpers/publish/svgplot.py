"""Ranked dot plots as inline SVG, for the HTML briefs.

A brief is read in a browser, so its plots are SVG markup placed in the page, not PNG pictures:
sharp at any zoom, a few kilobytes each, the text is real text (searchable, copyable, drawn with
the Chinese font the page embeds, see :mod:`helpers.publish.webfont`) and each dot names its report, value
and rank on hover. Drawing one takes about a millisecond where a matplotlib figure takes a tenth of
a second and a brief would pay matplotlib's import (a quarter of a second) on top.

The plot shows exactly what :func:`helpers.compare.dot_data` gives the matplotlib version of the
analysis notebooks: one dot per report, comparison groups as separate bands (best first within a
band), the brief's report highlighted, marker shape for the value's status. Every string placed in
the markup is escaped.
"""
from __future__ import annotations

import math
import unicodedata
from html import escape

from ..compare import STATUSES, DotData

#: seaborn's "deep" palette, the colours of the analysis notebooks' plots
PALETTE = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]
HIGHLIGHT, HIGHLIGHT_BAND = "#c53030", "#fed7d7"
PLOT, ROW, TOP, BOTTOM, LEGEND = 420, 24, 48, 44, 200
FONT = 12


def text_width(s: str, size: float = FONT) -> float:
    """Width estimate of ``s`` in pixels: a wide (CJK, full-width) character is one em, others ~0.6 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.6 * size for c in s)


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """About ``n`` round tick values (steps of 1, 2, 2.5 or 5 × 10^k) covering [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"ticks need finite bounds, got {lo!r}, {hi!r}")
    if hi <= lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw * (1 - 1e-9))
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [round(k * step, 10) for k in range(first, last + 1)]


def tick_label(v: float, step: float) -> str:
    """A tick value as short as its step allows: 0.5, 85, 1,200, 250k, 1.5M."""
    for div, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(v) >= div and step >= div / 10:
            text = f"{v / div:,.{_decimals(step / div)}f}"
            return (text.rstrip("0").rstrip(".") if "." in text else text) + suffix
    return f"{v:,.{_decimals(step)}f}"


def _decimals(step: float) -> int:
    """Decimals that write every multiple of ``step`` exactly (2.5 → 1, 0.25 → 2, 200 → 0)."""
    text = f"{step:.6f}".rstrip("0")
    return len(text.split(".")[1])


def _marker(status: str, x: float, y: float, color: str, r: float = 6.0) -> str:
    paint = f'fill="{color}" stroke="#ffffff" stroke-width="1"'
    if status == STATUSES[1]:  # approximate: diamond
        return f'<polygon points="{x},{y - r} {x + r},{y} {x},{y + r} {x - r},{y}" {paint}/>'
    if status == STATUSES[2]:  # flagged: cross
        d = r * 0.8
        return (f'<path d="M{x - d},{y - d}L{x + d},{y + d}M{x - d},{y + d}L{x + d},{y - d}" stroke="{color}" '
                f'stroke-width="3" stroke-linecap="round" fill="none"/>')
    return f'<circle cx="{x}" cy="{y}" r="{r}" {paint}/>'


def dot_plot(dd: DotData, highlight: str | None = None) -> str:
    """The SVG markup of a ranked dot plot of ``dd`` (from :func:`helpers.compare.dot_data`)."""
    d = dd.frame
    n = len(d)
    labels = [str(s) for s in d["label"]]
    x0 = max((text_width(s) for s in labels), default=0) + 20
    x1 = x0 + PLOT
    width = x1 + LEGEND
    # colour = admin type (district, county, county-level city …) inside the tier; bands = comparison groups
    kinds = d["admin_type"] if "admin_type" in d.columns else d["group"]
    types = list(dict.fromkeys(kinds))
    colors = {t: PALETTE[k % len(PALETTE)] for k, t in enumerate(types)}
    statuses = [s for s in STATUSES if s in set(d["status"])]
    legend_h = 18 * (len(types) + len(statuses) + 2)
    height = TOP + max(n * ROW, legend_h) + BOTTOM
    values = [float(v) for v in d["plot_value"]]
    ticks = nice_ticks(min(values), max(values))
    lo, hi = ticks[0], ticks[-1]

    def x_of(v: float) -> float:
        return round(x0 + (v - lo) / (hi - lo) * (x1 - x0), 1)

    def y_of(k: int) -> float:
        return TOP + k * ROW + ROW / 2

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height}" width="{width:.0f}" '
           f'height="{height}" style="max-width:100%;height:auto" role="img" aria-label="{escape(dd.title)}" '
           f'font-family="inherit" font-size="{FONT}" class="dot-plot">',
           f"<title>{escape(dd.title)}</title>",
           f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(dd.title)}</text>',
           '<text x="0" y="34" font-size="11" fill="#555555">ranked within comparison groups (tier, and period '
           "for counts of the period); dashed lines separate the groups</text>"]
    bottom = TOP + n * ROW
    step = ticks[1] - ticks[0]
    for t in ticks:
        x = x_of(t)
        out.append(f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{bottom}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{x}" y="{bottom + 16}" text-anchor="middle" fill="#444444">'
                   f"{escape(tick_label(t, step))}</text>")
    out.append(f'<text x="{(x0 + x1) / 2}" y="{bottom + 36}" text-anchor="middle">{escape(dd.xlabel)}</text>')
    rows = list(d.itertuples())
    kind_of = list(kinds)
    for k, r in enumerate(rows):
        y = y_of(k)
        mine = highlight is not None and r.report_id == highlight
        if mine:
            out.append(f'<rect x="0" y="{y - ROW / 2 + 2}" width="{x1}" height="{ROW - 4}" fill="{HIGHLIGHT_BAND}"/>')
        if k and r.group != rows[k - 1].group:
            out.append(f'<line x1="0" y1="{y - ROW / 2}" x2="{x1}" y2="{y - ROW / 2}" stroke="#888888" '
                       'stroke-dasharray="4 3"/>')
        weight = ' font-weight="bold"' if mine else ""
        out.append(f'<text x="{x0 - 10}" y="{y + 4}" text-anchor="end" fill="{HIGHLIGHT if mine else "#222222"}"'
                   f"{weight}>{escape(labels[k])}</text>")
        per = f" = {r.plot_value:,.1f} {dd.xlabel}" if r.plot_value != r.value else ""
        tip = f"{r.place}: {r.display}{per} — rank {r.rank} ({r.group})"
        if k == 0 or r.group != rows[k - 1].group:
            out.append(f'<text x="{x1}" y="{y - ROW / 2 + 10}" text-anchor="end" font-size="10" fill="#777777">'
                       f"{escape(r.group)}</text>")
        out.append(f"<g><title>{escape(tip)}</title>{_marker(r.status, x_of(r.plot_value), y, colors[kind_of[k]])}</g>")
    # legend: admin type (colour), then the values' status (shape)
    lx, ly = x1 + 24, TOP + 4
    out.append(f'<text x="{lx}" y="{ly}" font-weight="bold">admin type</text>')
    for t in types:
        ly += 18
        out.append(_marker(STATUSES[0], lx + 6, ly - 4, colors[t], r=5))
        out.append(f'<text x="{lx + 18}" y="{ly}">{escape(t)}</text>')
    ly += 26
    out.append(f'<text x="{lx}" y="{ly}" font-weight="bold">value</text>')
    for s in statuses:
        ly += 18
        out.append(_marker(s, lx + 6, ly - 4, "#444444", r=5))
        out.append(f'<text x="{lx + 18}" y="{ly}">{escape(s)}</text>')
    out.append("</svg>")
    return "".join(out)
