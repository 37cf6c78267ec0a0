"""A small API for analysts exploring the clean tables in JupyterLab.

    from helpers.compare import explore as ex
    d = ex.load()                          # reports, figures, quality findings, comparable levels
    ex.indicator("签约率")                  # look an indicator up by id, Chinese or English name
    ex.find(d, "献血")                      # figures whose sentence mentions a keyword
    ex.show(d, "001_5f89a4321b8daabd.txt#1@4567")   # one figure: its sentence and its quality findings
    ex.table(d, ["hospital_delivery_rate", "sex_ratio_at_birth"])   # a fair comparison table
    ex.reports(d)                          # the reports with place (zh + en), period, admin level

Everything returns a DataFrame (or a small dict) so it displays as a table and can be filtered
further with pandas. The fairness rules of :mod:`helpers.compare` apply to ``table``.
"""
from __future__ import annotations

import pandas as pd

from ..core import catalog, tables
from .. import compare
from .groups import Clean
from ..core.paths import Paths

__all__ = ["load", "indicator", "indicators", "find", "show", "table", "reports", "findings"]


def load(paths: Paths | None = None) -> Clean:
    """The clean tables (run ``make run`` or the cleaning notebooks first). ``figures`` holds the figures of catalog
    indicators; :func:`find` and :func:`show` read the others from the table when asked."""
    return compare.load(paths)


def indicators(area: str | None = None) -> pd.DataFrame:
    """The catalog (id, Chinese, English, unit, policy area), optionally one area."""
    df = catalog.catalog_frame()[["id", "zh", "en", "unit", "unit_label", "area", "area_en", "judge", "normal_low",
                                  "normal_high"]]
    return df[df["area"] == area].reset_index(drop=True) if area else df


def indicator(query: str) -> pd.DataFrame:
    """Indicators whose id, Chinese or English name contains ``query`` (case-insensitive)."""
    ids = [i.id for i in catalog.lookup(query)]
    df = indicators()
    return df[df["id"].isin(ids)].reset_index(drop=True)


def _resolve(ids_or_names: list[str] | str) -> list[str]:
    if isinstance(ids_or_names, str):
        ids_or_names = [ids_or_names]
    out = []
    for q in ids_or_names:
        if q in catalog.indicators():
            out.append(q)
            continue
        hits = catalog.lookup(q)
        if not hits:
            raise KeyError(f"no indicator matches {q!r}; try explore.indicator({q!r}) or explore.indicators()")
        out.extend(h.id for h in hits)
    return list(dict.fromkeys(out))


def find(d: Clean, keyword: str, mapped_only: bool = False) -> pd.DataFrame:
    """Figures whose sentence contains ``keyword`` (mapped or not), with value, unit, role and sentence."""
    cols = ["figure_id", "report_id", "raw", "value", "unit", "role", "indicator", "qualifier", "approx", "flags",
            "quote"]
    if mapped_only:  # the catalog's figures are held whatever the tables' scope
        f = d.figures[(d.figures["indicator"] != "") & d.figures["quote"].str.contains(keyword, regex=False)]
    else:
        f = d.every_figure(cols, lambda c: c[c["quote"].str.contains(keyword, regex=False)])
    return f[cols].reset_index(drop=True)


def findings(d: Clean, report_id: str | None = None, min_severity: str = "note") -> pd.DataFrame:
    """Quality findings, optionally for one report, at or above a severity."""
    from ..clean.quality import filter_findings

    return filter_findings(d.quality, report_id=report_id, severity=min_severity).reset_index(drop=True)


def show(d: Clean, figure_id: str) -> dict:
    """One figure: its row, the sentence it came from, its report's context and the quality findings
    that involve it (matched on its offsets)."""
    f = d.figures[d.figures["figure_id"] == figure_id]
    if f.empty and d.figures_scope != "all":  # a figure of no catalog indicator: read from the table
        f = tables.load_figures(d.figures_folder(), where=[("figure_id", "==", figure_id)])
    if f.empty:
        raise KeyError(f"no figure {figure_id!r}; figure ids look like '<report_id>@<start>' (see explore.find)")
    r = f.iloc[0]
    rep = d.reports.set_index("report_id").loc[r["report_id"]]
    ref = f"{int(r['start'])}-{int(r['end'])}"
    q = d.quality[(d.quality["report_id"] == r["report_id"]) & d.quality["figures"].str.split(";").map(
        lambda refs: ref in refs)]
    return {
        "figure": f"{r['raw']} → {r['value']} {r['unit']} ({r['role']})" + (f", flags: {r['flags']}" if r["flags"] else ""),
        "indicator": catalog.indicators()[r["indicator"]].label if r["indicator"] else "(not in the catalog)",
        "qualifier": r["qualifier"],
        "sentence": r["quote"],
        "report": f"{r['report_id']}: {compare.place_label(rep['region_en'], rep['region_name'], r['report_id'])}, "
                  f"{rep['kind']}, "
                  f"period {rep['period']}, admin level {rep['admin_level'] or 'unknown'}",
        "source": f"data/raw/{r['source_file']} characters {ref}",
        "quality": q[["check", "severity", "message"]].reset_index(drop=True),
    }


def table(d: Clean, ids_or_names, values: bool = False) -> pd.DataFrame:
    """A comparison table (rows = reports, columns = indicators as levels with units) for any
    indicators, given by id or by (part of) their Chinese or English name."""
    return compare.comparison_table(d.levels, _resolve(ids_or_names), values=values)


def reports(d: Clean) -> pd.DataFrame:
    """In-scope reports with place (zh + en), admin level, period, kind, masked year and finding counts."""
    from ..clean.quality import summary

    r = compare.comparable_reports(d.reports)[["report_id", "region_name", "region_en", "admin_level", "period",
                                               "kind", "year_reported", "year_masked", "region_confidence"]]
    counts = summary(d.quality, d.reports)[["report_id", "errors", "warnings", "notes"]]
    return r.merge(counts, on="report_id", how="left").reset_index(drop=True)
