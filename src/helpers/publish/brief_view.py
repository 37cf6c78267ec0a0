"""What a district brief shows, as functions the brief notebook calls (the notebook only displays).

Every piece is HTML built here, with every value from a report escaped: a title block, an *At a glance*
summary in plain sentences, the spine chart (:mod:`helpers.publish.spine`), tables without index columns
(values with their period and flags, quotes left-aligned and wrapped), and the provenance in a
collapsible section. The page's style sheet is :data:`BRIEF_CSS`, placed once by the first cell.
"""
from __future__ import annotations

import html
import math

import pandas as pd

from ..core import catalog
from .. import compare
from ..core.slugs import source_href
from . import spine, svgplot

esc = html.escape

KIND_EN = {"summary": "work summary (总结)", "plan": "work plan (计划)", "summary+plan": "summary and plan (总结及计划)"}
PERIOD_EN = {"H1": "first half-year (上半年)", "annual": "full year (全年)", "Q1": "first quarter (一季度)",
             "Jan–May": "January–May", "Jan–Sep": "January–September", "unknown": "period not stated"}


def report_row(reps: pd.DataFrame, report_id: str) -> pd.Series:
    """The reports.csv row of ``report_id``; a clear error naming the id when it is unknown."""
    rows = reps[reps["report_id"] == report_id]
    if rows.empty:
        raise ValueError(f"unknown report id {report_id!r}; see data/clean/reports.csv")
    return rows.iloc[0]


def heading_html(rep: pd.Series) -> str:
    """'<h1>Jin'an District, Lu'an, Anhui — 六安市金安区</h1>' and the report's kind, period, tier, admin
    type and year, as a row of labelled facts. Every value from the report is HTML-escaped."""
    en = esc(rep["region_en"] or "place not identified")
    zh = esc(rep["region_name"] or "place not identified")
    masked = " (masked upstream: do not trust it)" if rep["year_masked"] else ""
    level = rep["admin_level"] or ""
    facts = [("tier", compare.tier_of(level, compare.is_placed(rep))), ("admin type", compare.ADMIN_TYPE_EN.get(level, level)),
             ("period", PERIOD_EN.get(rep["period"], rep["period"])), ("kind", KIND_EN.get(rep["kind"], rep["kind"])),
             ("year as written", (rep["year_reported"] or "—") + masked)]
    dl = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(str(v))}</dd></div>" for k, v in facts)
    return f'<header class="brief-head"><h1>{en} — {zh}</h1><dl class="facts">{dl}</dl></header>'


def _list(items: list[str], n: int = 3) -> str:
    shown = items[:n]
    more = f" and {len(items) - n} more" if len(items) > n else ""
    return ", ".join(shown) + more


def at_a_glance(b) -> list[str]:
    """3–6 plain sentences, in English with the Chinese names, generated from a brief's input
    (:class:`helpers.publish.brief_inputs.BriefInput`): what the report states, where the place stands in its
    groups, targets met or missed, what to read first."""
    rep = b.report
    report_id = rep["report_id"]
    place = compare.place_label(rep["region_en"], rep["region_name"], report_id)
    figs = b.figures
    n_cat = int((figs["indicator"] != "").sum())
    n_ind = figs.loc[figs["indicator"] != "", "indicator"].nunique()
    kind = KIND_EN.get(rep["kind"], rep["kind"]).split(" (")[0]
    period = PERIOD_EN.get(rep["period"], rep["period"]).split(" (")[0]
    tier = compare.tier_of(rep["admin_level"], compare.is_placed(rep))
    out = [f"This {kind} for {place} covers the {period} and states {len(figs)} figures, {n_cat} of them on "
           f"{n_ind} catalog indicators."]
    shown = b.peers[b.peers["shown"]] if len(b.peers) else b.peers
    if len(shown):
        better = [f"{r.label} ({r.zh})" for r in shown.itertuples() if r.status == "better"]
        worse = [f"{r.label} ({r.zh})" for r in shown.itertuples() if r.status == "worse"]
        outside = [f"{r.label} ({r.zh}; {r.direction})" for r in shown.itertuples() if r.status == "outside normal"]
        judged = int(shown["status"].isin(["better", "similar", "worse"]).sum())
        s = f"Against other {tier} reports, {len(shown)} of its indicators can be placed on a distribution"
        if better or worse or outside:
            s += ": " + "; ".join(filter(None, [
                f"in the best quarter on {_list(better)}" if better else "",
                f"in the worst quarter on {_list(worse)}" if worse else "",
                f"outside the normal range on {_list(outside)}" if outside else ""])) + "."
        elif judged == len(shown):
            s += ", all between the quartiles of their groups."
        elif judged:
            s += f": the {judged} judged all between the quartiles of their groups (counts as stated are not judged)."
        else:
            s += "; none of them is judged better or worse (counts as stated are placed, not judged)."
        out.append(s)
    else:
        out.append(f"No indicator of this report has enough comparable {tier} reports "
                   f"({compare.SPINE_MIN_REPORTS} or more in a group) to be placed on a distribution; "
                   "the tables below show it beside the few peers there are.")
    if rep["kind"] == "plan":
        n_t = int((figs["role"] == "target").sum())
        out.append(f"As a plan it states {n_t} targets; targets are shown as such and never ranked as achievements.")
    met = b.targets
    if len(met):
        ok = met[met["met"] == "met"]["indicator"].tolist()
        missed = met[met["met"] == "not met"]["indicator"].tolist()
        out.append(f"Of the {len(met)} targets it reports against, {len(ok)} were met"
                   + (f" and {len(missed)} missed ({_list(missed, 2)})." if missed else "."))
    serious = b.quality[b.quality["severity"].isin(["error", "warning"])] if len(b.quality) else b.quality
    if len(serious):
        checks = serious["check"].value_counts()
        what = _list([f"{n} {c.replace('_', ' ')}" for c, n in checks.items()], 3)
        out.append(f"Read first: {len(serious)} quality finding{'s' if len(serious) > 1 else ''} ({what}); the "
                   "values involved are marked ⚠.")
    else:
        out.append("No quality check found an error or a warning in its figures.")
    conf = float(rep.get("region_confidence", 0) or 0)
    if not rep["county"] and not rep["city"]:
        out.append("The report does not say which place it is about beyond "
                   + (f"the province ({rep['province']})" if rep["province"] else "its own words (全县, 我区 …)")
                   + ": compare it with care.")
    elif conf < 0.3:
        out.append(f"Its place was inferred from weak evidence (confidence {conf:.2f}: {rep['region_evidence']}).")
    return out[:6]


def glance_html(sentences: list[str]) -> str:
    items = "".join(f"<li>{esc(s)}</li>" for s in sentences)
    return f'<section class="glance" aria-label="At a glance"><h2>At a glance</h2><ul>{items}</ul></section>'


def table_html(df: pd.DataFrame, classes: str = "", quote_cols: tuple[str, ...] = ("quote", "quotes", "message"),
               caption: str = "", links: dict[str, str] | None = None, href=None) -> str:
    """A plain HTML table (no index column): numbers right-aligned, quotes left-aligned and wrapped.
    ``links`` maps a shown column to the hidden column of figure ids its cells link to, through
    ``href(figure_id)`` (the figure's anchor in the report's source view); id columns are not shown."""
    if df is None or df.empty:
        return '<p class="note">Nothing to show.</p>'
    links = {c: i for c, i in (links or {}).items() if c in df.columns and i in df.columns and href is not None}
    hidden = set(links.values()) | {c for c in df.columns if str(c).startswith("figure_id")}
    shown = [c for c in df.columns if c not in hidden]
    head = "".join(f"<th>{esc(str(c))}</th>" for c in shown)
    body = []
    for row in df.to_dict("records"):
        cells = []
        for c in shown:
            v = row[c]
            text = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
            cls = "quote" if c in quote_cols else "num" if isinstance(v, (int, float)) else ""
            inner = esc(text)
            if c in links and row.get(links[c]):
                inner = f'<a class="to-source" href="{esc(href(row[links[c]]))}">{inner}</a>'
            cells.append(f'<td class="{cls}">{inner}</td>' if cls else f"<td>{inner}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (f'<div class="table-wrap"><table class="brief-table {esc(classes)}">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def peer_sections(b) -> list[tuple[str, pd.DataFrame]]:
    """The report's key indicators against its comparison group, one table per policy area."""
    p = b.peers
    if p.empty:
        return []
    rng = [f"{compare.fmt_number(lo)} – {compare.fmt_number(hi)}" if lo is not None and not pd.isna(lo) else ""
           for lo, hi in zip(p["peer_min"], p["peer_max"])]
    t = pd.DataFrame({"area": p["area"], "indicator": [f"{e} ({z})" for e, z in zip(p["label"], p["zh"])],
                      "value": p["display"], "comparison group": p["group"], "peers": p["n"] - 1,
                      "compared as": p["compared_as"], "rank": p["rank"], "peer median": p["peer_median"],
                      "peer range": rng, "quality": p["quality"], "figure_id": p["figure_id"]})
    order = list(dict.fromkeys(catalog.AREAS[i.area] for i in catalog.indicators().values()))
    return [(area, t[t["area"] == area].drop(columns=["area"]).reset_index(drop=True))
            for area in order if (t["area"] == area).any()]



def source_link(rep: pd.Series):
    """figure_id → the figure's anchor in this report's source view, from a brief."""
    return lambda figure_id: source_href(rep["report_id"], rep["region_en"], figure_id)


def peer_tables_html(b) -> str:
    sections = peer_sections(b)
    if not sections:
        return '<p class="note">This report states no catalog indicator as an achieved level for the whole place.</p>'
    href = source_link(b.report)
    return "".join(f"<h3>{esc(area)}</h3>{table_html(t, 'peers', links={'value': 'figure_id'}, href=href)}"
                   for area, t in sections)


def targets_html(b) -> str:
    if b.targets.empty:
        return '<p class="note">The report states no target beside an achieved value of the same indicator.</p>'
    return table_html(b.targets.drop(columns=["report_id", "place", "area"]), "targets",
                      links={"target": "figure_id_target", "level": "figure_id_level"}, href=source_link(b.report))


def changes_html(b) -> str:
    if b.changes.empty:
        return '<p class="note">The report states no year-on-year change of a catalog indicator for the whole place.</p>'
    return table_html(b.changes.drop(columns=["report_id", "place"]), "changes", links={"value": "figure_id"},
                      href=source_link(b.report))


def over_time_html(b) -> str:
    """The "Over time" section (:mod:`helpers.publish.overtime`), or '' when the place has fewer than two periods."""
    from . import overtime

    return overtime.section_html(getattr(b, "series", None), getattr(b, "trends", None), str(b.report["report_id"]))


def quality_html(b) -> str:
    q = b.quality
    if q.empty:
        return '<p class="note">No quality findings (or the quality step has not run).</p>'
    order = {"error": 0, "warning": 1, "note": 2}
    q = q.sort_values("severity", key=lambda s: s.map(order))
    return table_html(q[["severity", "check", "message", "quotes"]], "quality")


def provenance_html(b) -> str:
    """Where the report comes from and every figure with its sentence, in a collapsible section."""
    rep = b.report
    facts = [("raw file", rep["source_file"]), ("characters", f"{rep['start']}–{rep['end']}"),
             ("encoding", rep["encoding"]), ("place evidence", rep["region_evidence"]),
             ("place confidence", f"{float(rep['region_confidence']):.2f}"), ("scope", rep["scope_reason"])]
    head = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(str(v))}</dd></div>" for k, v in facts)
    view = source_href(rep["report_id"], rep["region_en"])
    parts = [f'<p><a class="to-source" href="{esc(view)}">Open the source view</a>: the report\'s text with every '
             f"figure highlighted.</p>", f'<dl class="facts wide">{head}</dl>']
    href = source_link(rep)
    for area, g in compare.figures_by_area(b.figures, rep["report_id"]):
        parts.append(f"<h3>{esc(area)}</h3>{table_html(g, 'figures', links={'raw': 'figure_id'}, href=href)}")
    return (f'<details class="provenance"><summary>Provenance: the source and all {len(b.figures)} extracted figures '
            f"with the sentence each came from</summary>{''.join(parts)}</details>")


def dot_plots(b, max_plots: int = 4) -> list[str]:
    """Ranked dot plots (inline SVG markup) of the report's most widely stated indicators, highlighted.
    A large group shows its top and bottom 10 and the report's neighbours."""
    rid = b.report["report_id"]
    return [svgplot.dot_plot(b.dots[i], highlight=rid) for i in b.plot_order if i in b.dots][:max_plots]


def spine_html(b) -> str:
    p = b.peers
    if p.empty:
        return spine.spine_chart(p, p)
    ranges = p["is_range"].astype(bool) if "is_range" in p.columns else pd.Series(False, index=p.index)
    return spine.spine_chart(p[p["shown"]].reset_index(drop=True), p[~p["shown"] & ~ranges].reset_index(drop=True),
                             p[ranges].reset_index(drop=True))


#: The briefs' style: the embedded CJK font for Chinese and a system sans for Latin, readable line
#: length, tables that wrap, a print style (A4, no cut rows) and a layout that reads at 390 px.
BRIEF_CSS = """
:root{--ink:#1a202c;--muted:#4a5568;--rule:#e2e8f0;--accent:#2b6cb0}
body,.jp-RenderedHTMLCommon,table,td,th,dd,dt,li,p,h1,h2,h3{font-family:"Embedded Noto Sans CJK SC",system-ui,-apple-system,"Segoe UI",Roboto,
 "Helvetica Neue",Arial,sans-serif}
body{
 color:var(--ink);line-height:1.5;margin:0 auto;max-width:64rem;padding:0 1rem}
.jp-Cell,.jp-OutputArea-output,.jp-RenderedHTMLCommon{font-family:inherit;font-size:1rem;max-width:100%}
.jp-OutputPrompt,.jp-InputPrompt{display:none}
.jp-OutputArea-output{overflow-x:auto}
.jp-RenderedHTMLCommon h1,.brief-head h1{font-size:1.7rem;margin:.6em 0 .2em;line-height:1.25}
.jp-RenderedHTMLCommon h2{font-size:1.3rem;border-bottom:2px solid var(--rule);padding-bottom:.2em;margin-top:1.6em}
.jp-RenderedHTMLCommon h3{font-size:1.05rem;margin-top:1.2em}
.jp-RenderedHTMLCommon dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem 1.2rem;
 margin:.4rem 0 1rem;padding:0}
.jp-RenderedHTMLCommon dl.facts dt,.jp-RenderedHTMLCommon dl.facts dd{float:none;width:auto;margin:0;padding:0;text-align:left}
.jp-RenderedHTMLCommon dl.facts dt{font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:400}
.jp-RenderedHTMLCommon dl.facts dd{font-weight:600}
.jp-RenderedHTMLCommon dl.facts.wide{grid-template-columns:1fr}
.jp-RenderedHTMLCommon dl.facts.wide dd{font-weight:400;overflow-wrap:anywhere}
.glance{background:#ebf8ff;border-left:4px solid var(--accent);padding:.6rem 1rem;margin:1rem 0}
.glance h2{margin:.2rem 0 .4rem;border:0;font-size:1.15rem}.glance ul{margin:0;padding-left:1.1rem}
.glance li{margin:.25rem 0}
.table-wrap{max-width:100%;overflow-x:auto}
table.brief-table,table.spine-chart{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0 1rem;
 table-layout:auto}
.jp-RenderedHTMLCommon table.brief-table td:first-child{min-width:11rem}
.jp-RenderedHTMLCommon table.brief-table td,.jp-RenderedHTMLCommon table.brief-table th,
.jp-RenderedHTMLCommon table.spine-chart td,.jp-RenderedHTMLCommon table.spine-chart th{
 text-align:left;vertical-align:top;padding:.3rem .5rem;border:0;border-bottom:1px solid var(--rule);
 white-space:normal;max-width:none}
.jp-RenderedHTMLCommon table.brief-table td.num{text-align:right;font-variant-numeric:tabular-nums}
.jp-RenderedHTMLCommon table.brief-table td.quote{text-align:left;min-width:14rem;max-width:36rem;overflow-wrap:anywhere}
table.brief-table thead th,table.spine-chart thead th{background:#f7fafc;font-weight:600}
.spine-chart .zh,.spine-chart .group{display:block;font-weight:400;color:var(--muted);font-size:.8rem}
.spine-chart th[scope=row]{font-weight:600}.spine-chart td.num{white-space:nowrap}
.spine{width:100%;max-width:240px;height:auto;display:block}
.spine-legend{font-size:.8rem;color:var(--muted)}
.spine-legend .key{display:inline-block;width:1.4em;height:.8em;vertical-align:middle;margin:0 .3em 0 .6em}
.spine-legend .key.line{width:2px;height:1em;background:#1a202c}
.spine-legend .dot{display:inline-block;width:.8em;height:.8em;border-radius:50%;vertical-align:middle;margin:0 .25em 0 .5em}
.note{color:var(--muted);font-size:.9rem}
details.provenance{margin:1.5rem 0;border:1px solid var(--rule);border-radius:4px;padding:.4rem .8rem}
details.provenance summary{cursor:pointer;font-weight:600}
svg.dot-plot{max-width:100%;height:auto}
@media (max-width:640px){
 body{padding:0 .5rem}
 table.spine-chart thead{display:none}
 table.spine-chart tr{display:grid;grid-template-columns:1fr auto;gap:0 .5rem;border-bottom:1px solid var(--rule);padding:.4rem 0}
 .jp-RenderedHTMLCommon table.spine-chart td,.jp-RenderedHTMLCommon table.spine-chart th{border:0;padding:.1rem 0}
 table.spine-chart .spine-cell,table.spine-chart .verdict,table.spine-chart th[scope=row]{grid-column:1 / -1}
 .jp-RenderedHTMLCommon table.brief-table td.quote{min-width:10rem}
}
@media print{
 @page{size:A4;margin:15mm}
 body{max-width:none;padding:0;font-size:10pt}
 details.provenance{border:0}
 tr,svg,.glance{break-inside:avoid}
 .table-wrap{overflow:visible}
 a{color:inherit;text-decoration:none}
}
"""


def style_html() -> str:
    return f"<style>{BRIEF_CSS}</style>"
