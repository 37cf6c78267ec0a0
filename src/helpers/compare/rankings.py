"""Rankings within a comparison group: comparison tables, ranked values, dot-plot rows, a group's
quantiles, coverage, and the figures of one report by policy area."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core import catalog
from .groups import GROUP_SEP, area_indicators, population


def column_label(indicator: str, qualifier: str = "") -> str:
    """'Hospital delivery rate [乙类] (%)' — English name, qualifier, unit (once)."""
    ind = catalog.indicators()[indicator]
    unit = catalog.unit_label(ind.unit)
    return ind.en + (f" [{qualifier}]" if qualifier else "") + ("" if unit in ind.en else f" ({unit})")


def comparison_table(lv: pd.DataFrame, indicators: list[str], values: bool = False) -> pd.DataFrame:
    """Rows = reports, columns = '<English name> [qualifier] (unit)'; cells are display strings
    (value, approximation, period, ⚠ when flagged) or, with ``values=True``, the numbers.

    Qualified values (a report's 乙类 and 丙类 rates, a facility's count) get their own columns, so a
    facility's value never stands in a district's column.
    """
    sub = lv[lv["indicator"].isin(indicators)].copy()
    if sub.empty:  # the same index columns as a filled table, so callers need no special case
        return pd.DataFrame(columns=["report_id", "place", "period", "admin_type", "group"])
    order = {i: k for k, i in enumerate(indicators)}
    sub["column"] = [column_label(i, q) for i, q in zip(sub["indicator"], sub["qualifier"])]
    key = {c: (order[i], q != "", q) for c, i, q in zip(sub["column"], sub["indicator"], sub["qualifier"])}
    cols = sorted(key, key=key.get)
    wide = sub.pivot_table(index=["report_id", "place", "period", "admin_type", "group"], columns="column",
                           values="value" if values else "display", aggfunc="first")
    wide = wide.reindex(columns=cols).reset_index()
    wide = wide.sort_values(["group", "place"]).reset_index(drop=True)
    wide.columns.name = None
    if not values:
        wide = wide.fillna("")
    return wide


def ranked(lv: pd.DataFrame, indicator: str, qualifier: str = "", per_population: bool | None = None) -> pd.DataFrame:
    """Values of one indicator, ranked **within** their comparison group (tier, and period for a flow;
    and the same unit when reports state the indicator in different units: couples vs person-times).

    For a count indicator (not the population itself), ``per_population=None`` uses per-10,000 values when at least two reports
    give their population; reports without one are then left out of that view (say so where shown).
    Columns: those of ``lv`` plus plot_value (the value, or per 10,000 residents), measure (its label),
    per_population, group_size, rank_n and rank ('2 of 5'). Ranges (85–90%) are left out. The order is the
    indicator's ``judge``
    (:func:`rank_score`): a count as stated is placed by size, not judged.
    """
    ind = catalog.indicators()[indicator]
    d = lv[(lv["indicator"] == indicator) & (lv["qualifier"] == qualifier)].copy()
    if "is_range" in d.columns:  # a range (85–90%) is no exact value: never ranked, listed beside (standing)
        d = d[~d["is_range"]]
    if d.empty:
        return d.assign(plot_value=[], rank="", group_size=0)
    d["plot_value"] = d["value"]
    d["measure"] = catalog.unit_label(ind.unit)
    d["per_population"] = False
    if d["unit"].nunique() > 1:  # 3,448 couples and 335 person-times are never ranked together
        d["group"] = d["group"] + GROUP_SEP + d["unit"].map(catalog.unit_label)
    if ind.unit_class == "count" and indicator != "registered_population":  # the denominator itself
        pop = population(lv)
        with_pop = d["report_id"].isin(pop.index)
        if per_population is None:
            per_population = with_pop.sum() >= 2
        if per_population:
            d = d[with_pop].copy()
            d["plot_value"] = d["value"] / d["report_id"].map(pop) * 1e4
            d["measure"] = f"{d['measure'].iloc[0]} per 10,000 residents" if len(d) else ""
            d["per_population"] = True
    d["group_size"] = d.groupby("group")["report_id"].transform("count")
    d["rank_n"] = rank_score(d["plot_value"], ind, bool(per_population)).groupby(d["group"]).rank(
        ascending=False, method="min")
    d["rank"] = [f"{int(r)} of {n}" if n > 1 else "alone in its group" for r, n in zip(d["rank_n"], d["group_size"])]
    return d.sort_values(["group", "rank_n", "place"]).reset_index(drop=True)


def rank_score(values: pd.Series, ind: catalog.Indicator, per_population: bool = False) -> pd.Series:
    """A score whose largest value ranks first, by how the indicator is judged (``judge`` of indicators.csv):
    higher or lower is better, nearest the normal range first (``range``), or by size where it is not judged
    (``none``, and every count as stated: placed, never called better or worse)."""
    v = values.astype(float)
    judge = ind.judged(per_population)
    if judge == "lower":
        return -v
    if judge == "range":
        return -v.map(ind.distance_from_normal)
    return v


def judge_note(ind: catalog.Indicator, per_population: bool = False) -> str:
    """What a plot's axis says of the order: '(lower is better)', '(normal 103–107)', '(not judged: placed by
    size)'; '' for higher is better."""
    judge = ind.judged(per_population)
    return {"lower": "  (lower is better)", "range": f"  (normal {ind.normal_label}; nearest first)",
            "none": "  (not judged: placed by size)"}.get(judge, "")


STATUSES = ("reported", "approximate", "flagged (see quality)")


@dataclass
class DotData:
    """What a ranked dot plot of one indicator shows, whatever draws it (matplotlib or SVG).

    ``frame``: one row per report, groups as consecutive bands, best first within each group; columns
    of :func:`ranked` plus ``status`` (one of :data:`STATUSES`) and ``label`` (place and rank)."""
    frame: pd.DataFrame
    title: str
    xlabel: str


def dot_data(lv: pd.DataFrame, indicator: str, qualifier: str = "", per_population: bool | None = None,
             highlight: str | None = None) -> DotData | None:
    """The data of a ranked dot plot (None when no report states the indicator). With ``highlight``
    (a brief's report) counts are per population only if that report states its population, so the
    report is always in its own plot."""
    if highlight is not None and per_population is None:
        per_population = _per_population_for(lv, highlight)
    d = ranked(lv, indicator, qualifier, per_population)  # groups as bands, best first: ranked's order
    if d.empty:
        return None
    return as_dots(d, indicator, qualifier)


def as_dots(d: pd.DataFrame, indicator: str, qualifier: str = "") -> DotData:
    """A ranked table (:func:`ranked`, not empty) as a dot plot's data: each row's status and label, the title
    (English and Chinese names) and the axis label with the indicator's direction."""
    ind = catalog.indicators()[indicator]
    d["status"] = [STATUSES[2] if f else STATUSES[1] if a else STATUSES[0] for f, a in zip(d["flagged"], d["approx"])]
    d["label"] = dot_labels(d["place"], d["rank"])
    title = f"{ind.en} — {ind.zh}" + (f" [{qualifier}]" if qualifier else "")
    xlabel = d["measure"].iloc[0] + judge_note(ind, bool(d["per_population"].iloc[0]))
    return DotData(d, title, xlabel)


def dot_labels(places, ranks) -> list[str]:
    """A dot plot's row labels: 'Jia District (甲区)  [2 of 5]'."""
    return [f"{p}  [{rk}]" for p, rk in zip(places, ranks)]


def _per_population_for(lv: pd.DataFrame, report_id: str) -> bool | None:
    """A brief's report must be in its own comparisons: counts per population only if it states its population."""
    return None if report_id in population(lv).index else False


#: Fewer reports than this in a comparison group (this one included): no distribution is shown.
SPINE_MIN_REPORTS = 3


def group_quantiles(values: pd.Series) -> tuple[float, float, float, float, float]:
    """(min, first quartile, median, third quartile, max) of a comparison group's values."""
    v = values.astype(float)
    return v.min(), v.quantile(0.25), v.median(), v.quantile(0.75), v.max()


def spine_fields(q: tuple[float, float, float, float, float], mine: float, judge: str,
                 normal: tuple[float, float] | None = None) -> dict:
    """Where ``mine`` stands in a group of quantiles ``q`` (from :func:`group_quantiles`), by how the value is
    judged (``judge``: see :meth:`helpers.core.catalog.Indicator.judged`): worst and best ends in the indicator's
    direction and the verdict — ``better`` beyond the best quartile, ``worse`` beyond the worst, ``similar``
    between; for ``range`` the axis runs low to high and the verdict is ``normal`` or ``outside normal`` (the
    ``normal`` bounds); ``not judged`` for an indicator with no direction or a count as stated."""
    lo, q1, med, q3, hi = q
    if judge == "lower":
        worst, q_worst, q_best, best = hi, q3, q1, lo
        status = "better" if mine < q1 else "worse" if mine > q3 else "similar"
    else:
        worst, q_worst, q_best, best = lo, q1, q3, hi
        status = "better" if mine > q3 else "worse" if mine < q1 else "similar"
    direction = catalog.JUDGES.get(judge, "not judged")
    if judge == "range" and normal is not None:
        status = "normal" if normal[0] <= mine <= normal[1] else "outside normal"
        direction = f"normal {normal[0]:g}–{normal[1]:g}"
    elif judge not in ("higher", "lower"):
        status = "not judged"
    return {"value": mine, "worst": worst, "q_worst": q_worst, "median": med, "q_best": q_best, "best": best,
            "direction": direction, "status": status}


#: Up to this many places (or reports in a group) a page shows each one; beyond, distributions.
SHOW_EACH = 30


def coverage_by_province(lv: pd.DataFrame) -> pd.DataFrame:
    """Provinces × indicators: how many reports of the province state the indicator as a level (the
    coverage view of a large corpus; reports without a province count as 'province unknown')."""
    # grouped by the three columns it needs (a copy of the whole levels frame was 1 GB at 30,000 reports)
    province = lv["province"].where(lv["province"] != "", "province unknown")
    c = lv["report_id"].groupby([province, lv["indicator"]]).nunique().unstack(fill_value=0)
    order = [i for i in catalog.indicators() if i in c.columns]
    return c[order]


def coverage(lv: pd.DataFrame) -> pd.DataFrame:
    """Reports × indicators: 1 where the report states the indicator as a level (any qualifier)."""
    c = lv.groupby(["place", "indicator"]).size().unstack(fill_value=0).clip(upper=1)
    order = [i for i in catalog.indicators() if i in c.columns]
    return c[order]


def area_headline(lv: pd.DataFrame, area: str) -> str:
    """'**Primary care …**: 12 catalog indicators stated as achieved levels by 9 of 12 comparable reports.'"""
    return (f"**{catalog.AREAS[area]}**: {len(area_indicators(lv, area))} catalog indicators stated as achieved "
            f"levels by {lv[lv['area'] == area]['report_id'].nunique()} of {lv['report_id'].nunique()} comparable reports.")


def area_summary(lv: pd.DataFrame, area: str) -> pd.DataFrame:
    """Per indicator of an area: how many reports state it (district-wide and split by qualifier),
    in how many comparison groups, how many values are flagged. The first table of an area notebook."""
    inds = catalog.indicators()
    rows = []
    for i in area_indicators(lv, area):
        d = lv[lv["indicator"] == i]
        whole = d[d["qualifier"] == ""]
        rows.append({"indicator": inds[i].label, "unit": catalog.unit_label(inds[i].unit),
                     "judged": judged_label(inds[i]),
                     "reports (whole place)": whole["report_id"].nunique(),
                     "reports with sub-group values": d.loc[d["qualifier"] != "", "report_id"].nunique(),
                     "comparison groups": whole["group"].nunique(),
                     "flagged values": int(d["flagged"].sum())})
    return pd.DataFrame(rows)


def judged_label(ind: catalog.Indicator) -> str:
    """'higher is better', 'normal within 103–107', 'not judged'; a count: '… (per population only)'."""
    if ind.judge == "range":
        return f"normal within {ind.normal_label}"
    label = catalog.JUDGES[ind.judge]
    return label + (" (per population only)" if ind.unit_class == "count" and ind.judge != "none" else "")


def plot_indicators(lv: pd.DataFrame, area: str) -> list[str]:
    """Indicators of an area worth a dot plot: stated district-wide by at least one report."""
    whole = lv[(lv["area"] == area) & (lv["qualifier"] == "")]
    return [i for i in area_indicators(lv, area) if i in set(whole["indicator"])]


def figures_by_area(figs: pd.DataFrame, report_id: str) -> list[tuple[str, pd.DataFrame]]:
    """Every figure of one report with its sentence, grouped by policy area (catalog order), figures no
    catalog indicator fits last. For the provenance section of a brief."""
    mine = figs[figs["report_id"] == report_id].sort_values("start")
    out = []
    cols = ["raw", "indicator_en", "qualifier", "role", "value", "unit", "approx", "flags", "quote"]
    cols += ["figure_id"] if "figure_id" in mine.columns else []
    for area, label in [*catalog.AREAS.items(), ("", "Not in the catalog")]:
        g = mine[mine["area"] == area]
        if len(g):
            out.append((label, g[cols].rename(columns={"indicator_en": "indicator"}).reset_index(drop=True)))
    return out
