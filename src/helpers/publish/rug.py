"""The tartan rug as HTML (``<table class="rug">``): reports as rows (place en + zh, admin type, period),
indicators as columns (en + zh, unit, direction), each cell the value with its period mark and flags as the
briefs show them, coloured by its standing in its comparison group (:mod:`helpers.compare.rug`) and marked with
a symbol as well (▲ best quarter, ● middle half, ▼ worst quarter, ○ not placed), so colour-blind readers and a
print in black and white read it too. A blank cell: the report does not state the indicator. Each value links to
its figure in the report's source view. Up to 12 indicators fit a 1280 px page; more scroll inside their own box.
"""
from __future__ import annotations

import html

import pandas as pd

from ..core import catalog
from ..core.slugs import source_href
from ..compare import rug as rugdata
from .pages import TABLE_CSS, Html, root_href

esc = html.escape

#: standing -> (CSS class, mark)
STYLE = {rugdata.BEST: ("s-best", "▲"), rugdata.MIDDLE: ("s-mid", "●"), rugdata.WORST: ("s-worst", "▼"),
         rugdata.NORMAL: ("s-best", "✓"), rugdata.OUTSIDE: ("s-worst", "✗"), rugdata.FEW: ("s-none", "○"),
         rugdata.NOT_JUDGED: ("s-none", "○"), rugdata.RANGE: ("s-none", "↔")}
DIRECTION = {"higher": "↑ higher is better", "lower": "↓ lower is better", "none": "not judged"}

RUG_CSS = """
.rug-wrap{max-width:100%;max-height:85vh;overflow:auto;margin:.4rem 0 1rem;border:1px solid #e2e8f0}
.jp-RenderedHTMLCommon table.rug,table.rug{border-collapse:separate;border-spacing:2px;table-layout:fixed;width:100%;
 font-size:.78rem;line-height:1.3;margin:0}
.jp-RenderedHTMLCommon table.rug th,.jp-RenderedHTMLCommon table.rug td,table.rug th,table.rug td{
 padding:.2rem .3rem;border:0;text-align:left;vertical-align:top;white-space:normal;overflow-wrap:break-word;hyphens:auto;max-width:none}
.jp-RenderedHTMLCommon table.rug thead th,table.rug thead th{position:sticky;top:0;z-index:2;background:#f7fafc;
 font-weight:600;vertical-align:bottom;border-bottom:2px solid #cbd5e0}
.jp-RenderedHTMLCommon table.rug th.rug-place,table.rug th.rug-place{position:sticky;left:0;z-index:1;background:#fff;
 width:11rem;font-weight:600}
table.rug thead th.rug-place{z-index:3;background:#f7fafc}
table.rug .zh,table.rug .meta{display:block;font-weight:400;color:#4a5568}
table.rug .meta{font-size:.7rem}
.jp-RenderedHTMLCommon table.rug tr.rug-band th,table.rug tr.rug-band th{background:#edf2f7;font-weight:600;
 position:static;text-align:left}
.jp-RenderedHTMLCommon table.rug td,table.rug td{text-align:right;font-variant-numeric:tabular-nums;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
table.rug td a,.jp-RenderedHTMLCommon table.rug td a{color:#1a202c;text-decoration:none;display:block}table.rug td a:hover{text-decoration:underline}
table.rug td .per{display:block;font-size:.68rem;color:#4a5568}
table.rug td .mk{float:left;margin-right:.2rem}
table.rug td.s-best{background:#9ecae1;box-shadow:inset 3px 0 0 #08519c}
table.rug td.s-mid{background:#fff3bf}
table.rug td.s-worst{background:repeating-linear-gradient(135deg,#fdae6b 0 6px,#fdd0a2 6px 9px);
 box-shadow:inset 3px 0 0 #a63603}
table.rug td.s-none{background:#edf2f7;color:#4a5568}
table.rug td.blank{background:#fff;border:1px dotted #e2e8f0}
table.rug td.empty{text-align:left;padding:.6rem}
.rug-legend{font-size:.8rem;color:#4a5568;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem .9rem}
.rug-legend span.k{display:inline-block;min-width:1.6em;text-align:center;padding:0 .2em;margin-right:.25em;
 border:1px solid #cbd5e0}
@media print{.rug-wrap{max-height:none;overflow:visible}table.rug thead th,table.rug th.rug-place{position:static}}
"""

LEGEND = [("s-best", "▲", "best quarter of its comparison group"), ("s-mid", "●", "middle half"),
          ("s-worst", "▼", "worst quarter"), ("s-best", "✓", "within the normal range (sex ratio)"),
          ("s-worst", "✗", "outside the normal range"),
          ("s-none", "○", "not placed: fewer than three compare, or a count as stated (not judged)"),
          ("s-none", "↔", "a range: not ranked"), ("blank", "", "blank: the report does not state it")]


def _legend() -> str:
    keys = "".join(f'<span><span class="k {c}" style="background:{_KEY_BG[c]}">{m or "&nbsp;"}</span>{esc(t)}</span>'
                   for c, m, t in LEGEND)
    return f'<div class="rug-legend" aria-label="legend">{keys}</div>'


_KEY_BG = {"s-best": "#9ecae1", "s-mid": "#fff3bf", "s-worst": "#fdae6b", "s-none": "#edf2f7", "blank": "#fff"}


def _col_head(ind_id: str) -> str:
    ind = catalog.indicators()[ind_id]
    unit = catalog.unit_label(ind.unit)
    judge = ind.judged(False)
    direction = (f"normal {ind.normal_label}" if judge == "range" else
                 "count as stated: not judged" if ind.unit_class == "count" and ind.judge != "none" else
                 DIRECTION.get(judge, ""))
    return (f'<th scope="col" title="{esc(ind.label)}">{esc(ind.en)}<span class="zh">{esc(ind.zh)}</span>'
            f'<span class="meta">{esc(unit)} · {esc(direction)}</span></th>')


def _row_head(r) -> str:
    en = r.region_en or "place not identified"
    meta = " · ".join(x for x in (r.admin_type, f"{r.year} {r.period}".strip()) if x)
    if "[" in r.place:  # two reports of one place: the id tells them apart
        meta += f" · {r.report_id}"
    return (f'<th scope="row" class="rug-place">{esc(en)}<span class="zh">{esc(r.region_name)}</span>'
            f'<span class="meta">{esc(meta)}</span></th>')


def _cell(c, r) -> str:
    if c is None:
        return '<td class="blank"></td>'
    cls, mark = STYLE[c.standing]
    value, _, per = str(c.display).partition(" · ")
    tip = f"{c.standing}; {c.rank + ' in ' if c.rank else ''}{c.group}" + (f" ({c.n} reports)" if c.n else "")
    inner = (f'<span class="mk" aria-hidden="true">{mark}</span>{esc(value)}<span class="per">{esc(per)}</span>')
    if c.figure_id:
        href = root_href("outputs/sources/" + source_href(r.report_id, r.region_en, c.figure_id, prefix=""))
        inner = f'<a href="{esc(href)}">{inner}</a>'
    return f'<td class="{cls}" title="{esc(tip)}">{inner}</td>'


def rug_html(rows: pd.DataFrame, cells: pd.DataFrame, indicators: list[str], left_out: dict[str, int] | None = None,
             areas: bool = False, csv: str = "") -> str:
    """The rug's markup from :func:`helpers.compare.rug.rug_data`. ``areas``: a header row of policy areas above
    the indicators (the overview's rug across areas)."""
    left_out = left_out or {}
    inds = [i for i in indicators if i in set(cells["indicator"])]
    if rows.empty or not inds:
        return (f'<style>{TABLE_CSS}{RUG_CSS}</style><div class="rug-wrap"><table class="rug"><tbody><tr>'
                '<td class="blank empty">No comparable report states an indicator of this rug as an achieved level for '
                "the whole place: every cell would be blank.</td></tr></tbody></table></div>")
    by = {(c.report_id, c.indicator): c for c in cells.itertuples()}
    head = ""
    if areas:
        spans = []
        for ind in inds:
            a = catalog.indicators()[ind].area_en
            if spans and spans[-1][0] == a:
                spans[-1][1] += 1
            else:
                spans.append([a, 1])
        head = ('<tr><th class="rug-place" scope="col"></th>'
                + "".join(f'<th scope="colgroup" colspan="{k}">{esc(a)}</th>' for a, k in spans) + "</tr>")
    head += '<tr><th class="rug-place" scope="col">report</th>' + "".join(_col_head(i) for i in inds) + "</tr>"
    body, band = [], None
    banded = bool(left_out)
    for r in rows.itertuples():
        if r.band != band:
            band = r.band
            n_band = int((rows["band"] == band).sum())
            more = (f" — top and bottom 10 of {n_band + left_out.get(band, 0)} reports" if left_out.get(band) else
                    f" — {n_band} report{'s' if n_band != 1 else ''}")
            body.append(f'<tr class="rug-band"><th colspan="{len(inds) + 1}" scope="rowgroup">{esc(band)}{esc(more)}'
                        "</th></tr>")
        body.append("<tr>" + _row_head(r) + "".join(_cell(by.get((r.report_id, i)), r) for i in inds) + "</tr>")
    min_width = f"calc(11rem + {len(inds)} * 5.2rem)"
    note = (f'<p class="hr-note">Every value, its group, rank and standing: <a href="{esc(root_href(csv))}">{esc(csv)}'
            "</a>" + (" (reports beyond 30 are grouped by comparison group; each group's top and bottom 10 by their "
                      "mean standing over the judged indicators)" if banded else "") + ".</p>") if csv else ""
    return (f"<style>{TABLE_CSS}{RUG_CSS}</style>{_legend()}<div class=\"rug-wrap\"><table class=\"rug\" "
            f'style="min-width:{min_width}"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table></div>{note}')


def rug(lv: pd.DataFrame, indicators: list[str], name: str | None = None, areas: bool = False, paths=None) -> Html:
    """The rug of ``indicators`` for a notebook; with ``name`` every cell is also written to
    ``outputs/tables/<name>_rug.csv`` (and .xlsx) and linked."""
    rows, cells, left_out = rugdata.rug_data(lv, indicators)
    csv = ""
    if name is not None:
        from .plots import save_table
        from ..core.paths import Paths

        paths = paths or Paths()
        # every report, also those a large rug leaves out
        table = cells.merge(rugdata.report_rows(lv, list(dict.fromkeys(cells["report_id"]))), on="report_id", how="left")
        inds = catalog.indicators()
        table.insert(1, "indicator_en", [inds[i].en for i in table["indicator"]])
        cols = ["place", "admin_type", "period", "year", "band", "indicator", "indicator_en", "display", "group", "n",
                "rank", "standing", "score", "report_id", "figure_id"]
        csv = str(save_table(table[cols], f"{name}_rug", paths).relative_to(paths.root))
    return Html(rug_html(rows, cells, indicators, left_out, areas, csv))
