"""The brief's spine chart, as PHE Fingertips draws its local health profiles: one row per indicator,
the comparison group's range as a band (worst to best), its middle half darker, its median as a line,
and this report's value as a dot coloured by how it compares (best quarter, worst quarter, in between).

Rows are an HTML table so the chart reflows on a phone (each row's spine is a small inline SVG that
scales with its cell); every string from the data is escaped. Worst is always on the left and best on
the right, whichever way the indicator is better; an indicator with no direction, and a count as stated
(not per population: a bigger place is not a better one), runs low to high and its dot is not judged (grey);
the sex ratio at birth runs low to high, its dot green within its normal range and red outside
(the catalog's ``judge`` column).
"""
from __future__ import annotations

from html import escape

import pandas as pd

from .. import compare

W, H, PAD = 240, 22, 8
COLORS = {"better": "#2f855a", "similar": "#d69e2e", "worse": "#c53030", "normal": "#2f855a",
          "outside normal": "#c53030", "not judged": "#4a5568"}
#: The legend shows these (green and red of a range indicator are the same keys as better and worse).
LEGEND = ("better", "similar", "worse", "not judged")
STATUS_EN = {"better": "in the best quarter of its group", "similar": "between the quartiles of its group",
             "worse": "in the worst quarter of its group", "normal": "within the normal range",
             "outside normal": "outside the normal range",
             "not judged": "not judged (no better direction, or a count as stated)"}



def _pos(v: float, worst: float, best: float) -> float:
    """0 at the worst value of the group, 1 at the best (0.5 for a group whose values are all equal)."""
    if best == worst:
        return 0.5
    return min(1.0, max(0.0, (v - worst) / (best - worst)))


def spine_svg(r) -> str:
    """One row's spine: range band, interquartile band, median line, this report's dot."""
    def x(v: float) -> float:
        return round(PAD + _pos(v, r.worst, r.best) * (W - 2 * PAD), 1)

    a, b = sorted((x(r.q_worst), x(r.q_best)))
    tip = (f"{r.label}: {r.display} — rank {r.rank} of the {r.n} reports of {r.group}; "
           f"median {compare.fmt_number(r.median)}, middle half {compare.fmt_number(min(r.q_worst, r.q_best))}–{compare.fmt_number(max(r.q_worst, r.q_best))}, "
           f"range {compare.fmt_number(min(r.worst, r.best))}–{compare.fmt_number(max(r.worst, r.best))} ({r.measure}; {r.direction})")
    return (f'<svg class="spine" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
            f'aria-label="{escape(tip)}"><title>{escape(tip)}</title>'
            f'<rect x="{PAD}" y="5" width="{W - 2 * PAD}" height="{H - 10}" fill="#e2e8f0"/>'
            f'<rect x="{a}" y="5" width="{max(1.0, b - a)}" height="{H - 10}" fill="#a0aec0"/>'
            f'<line x1="{x(r.median)}" y1="2" x2="{x(r.median)}" y2="{H - 2}" stroke="#1a202c" stroke-width="2"/>'
            f'<circle cx="{x(r.value)}" cy="{H / 2}" r="6" fill="{COLORS.get(r.status, "#4a5568")}" '
            f'stroke="#ffffff" stroke-width="1.5"/></svg>')


def verdict(r) -> str:
    """The 'reads' cell: 'in the best quarter of its group', 'outside the normal range (normal 103–107)'."""
    text = STATUS_EN.get(r.status, r.status)
    return f"{text} ({r.direction})" if r.status in ("normal", "outside normal") else text


def spine_chart(shown: pd.DataFrame, suppressed: pd.DataFrame, ranges: pd.DataFrame | None = None) -> str:
    """The whole chart (an HTML table with a legend), or a sentence when no indicator has enough peers; the
    report's ranges (85–90%) are listed beside it, never placed on a distribution."""
    legend = ('<p class="spine-legend"><span class="key" style="background:#e2e8f0"></span>worst to best of the '
              'group <span class="key" style="background:#a0aec0"></span>middle half '
              '<span class="key line"></span>median &nbsp; this report: '
              + " ".join(f'<span class="dot" style="background:{COLORS[k]}"></span>{escape(k)}' for k in LEGEND)
              + " &nbsp; worst on the left, best on the right</p>")
    if shown.empty:
        body = ('<p class="note">No indicator of this report has enough comparable reports (at least '
                f"{compare.SPINE_MIN_REPORTS}) in its comparison group for a distribution.</p>")
    else:
        rows = []
        for r in shown.itertuples():
            rows.append(
                f'<tr class="status-{escape(r.status.replace(" ", "-"))}"><th scope="row">{escape(r.label)}'
                f'<span class="zh">{escape(r.zh)}</span></th><td class="num">{escape(r.display)}</td>'
                f'<td class="rank">{escape(r.rank)}<span class="group">{escape(r.group)}</span></td>'
                f"<td class=\"spine-cell\">{spine_svg(r)}</td>"
                f'<td class="verdict">{escape(verdict(r))}</td></tr>')
        body = ('<table class="spine-chart"><thead><tr><th>indicator</th><th>value</th><th>rank · group</th>'
                '<th>against the group</th><th>reads</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    if len(suppressed):
        items = ", ".join(f"{escape(s.label)} ({escape(s.zh)}; {int(s.n)} in {escape(s.group)})"
                          for s in suppressed.itertuples())
        body += ('<p class="note suppressed">Not shown, too few comparable reports '
                 f"(fewer than {compare.SPINE_MIN_REPORTS} in the group): {items}.</p>")
    if ranges is not None and len(ranges):
        items = ", ".join(f"{escape(s.label)} ({escape(s.zh)}): {escape(s.display)}" for s in ranges.itertuples())
        body += f'<p class="note ranges">Stated as a range, so not placed on a distribution nor ranked: {items}.</p>'
    return f'<div class="spine-wrap">{legend}{body}</div>'
