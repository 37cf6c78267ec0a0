"""Side-by-side comparison of reports, with the fairness rules enforced here, not in each notebook.

The rules (every table and plot of the analysis notebooks and briefs goes through them):

* **levels only**: targets, changes and completion ratios are never mixed with achieved levels
  (``role == "level"``); plans' targets are shown as targets (met or not), never ranked;
* **tiers apart**: county-level units (区, 县, 县级市, 旗, 自治县) are one tier, prefecture-level units
  (地级市, 州, 盟) another, as Fingertips shows lower- and upper-tier authorities apart; a city is never
  ranked among counties. Inside a tier the admin type (district, county, county-level city) stays visible;
* **periods by what the indicator measures** (the catalog's ``comparability``): a *stock* — a proportion,
  ratio, average or standing count (建档率, 性别比, 签约人数) — is compared across the periods of reports,
  each value marked with its period (87.5% · H1); a *flow* — events of the period (门诊人次, 出生人数) or a
  rate per period (发病率/10万) — only among reports of the same period;
* **comparison group** = tier × the period rule: ``county-level · periods marked`` for a stock,
  ``H1 · county-level`` for a flow; ranks only within a group, and only among values of the same unit
  (3,448 couples are not ranked against 335 person-times);
* **counts per population** where the report gives its population (per 10,000 registered
  residents); otherwise counts are compared only within their group and shown by group;
* **flags travel**: approximations (余, 约, 以上), extraction flags (masked, estimate) and quality
  findings (errors/warnings from ``quality.csv``) are carried into every table and plot;
* **duplicates and out-of-scope pieces are left out** (``duplicate_of``, ``in_scope``).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import catalog, quality, tables
from .paths import Paths

GROUP_SEP = " · "
LEVEL_EN = {"district": "district", "county": "county", "county-level city": "county-level city", "city": "city",
            "": "level unknown"}
#: China's tiers: county-level divisions (县级行政区) and prefecture-level ones (地级行政区).
TIER = {"district": "county-level", "county": "county-level", "county-level city": "county-level",
        "city": "prefecture-level", "province": "provincial", "": "tier unknown"}
#: The admin type as a reader sees it beside the value (marker colour in plots, a column in tables).
ADMIN_TYPE_EN = {"district": "district (区)", "county": "county (县/旗)", "county-level city": "county-level city (县级市)",
                 "city": "prefecture-level city (市/州/盟)", "province": "province", "": "type unknown"}
STOCK_RULE, FLOW_RULE = "periods marked", "same period"
APPROX_MARK = {"lower_bound": "≥", "upper_bound": "≤"}


@dataclass
class Clean:
    """The clean tables as one object: reports, figures, quality findings (may be empty) and levels."""
    reports: pd.DataFrame
    figures: pd.DataFrame
    quality: pd.DataFrame
    levels: pd.DataFrame


def load(paths: Paths | None = None) -> Clean:
    """Load reports.csv, figures.csv and (if the quality step ran) quality.csv; compute comparable levels."""
    reps = tables.load_reports(paths)
    figs = tables.load_figures(paths)
    q = tables.load_optional(paths, "quality")
    if q is None:
        q = pd.DataFrame(columns=quality.COLUMNS)
    return Clean(reps, figs, q, levels(figs, reps, q))


def comparable_reports(reps: pd.DataFrame) -> pd.DataFrame:
    """In-scope reports that are not duplicates of another."""
    r = reps[reps["in_scope"]]
    if "duplicate_of" in r.columns:
        r = r[r["duplicate_of"] == ""]
    return r


def place_label(en: str, zh: str, report_id: str) -> str:
    """'Jin'an District, Lu'an, Anhui (六安市金安区)' — English first for readers who do not read Chinese."""
    if en and zh:
        return f"{en} ({zh})"
    return en or zh or f"place unknown ({report_id})"


def tier_of(admin_level: str) -> str:
    return TIER.get(admin_level, "tier unknown")


def group_of(period: str, admin_level: str, comparability: str = "flow") -> str:
    """The comparison group of a value: its tier, and its period for a flow ('H1 · county-level'); a
    stock is compared across periods ('county-level · periods marked')."""
    if comparability == "stock":
        return f"{tier_of(admin_level)}{GROUP_SEP}{STOCK_RULE}"
    return f"{period or 'period unknown'}{GROUP_SEP}{tier_of(admin_level)}"


def levels(figs: pd.DataFrame, reps: pd.DataFrame, findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """One achieved level per (report, indicator, qualifier), with its report's context and flags.

    The first mention is kept; when a report states an indicator twice with different values the
    quality check ``contradiction`` flags both, and the flag travels with the kept one.
    """
    reps = comparable_reports(reps)
    f = figs[(figs["indicator"] != "") & (figs["role"] == "level") & figs["value"].notna()
             & figs["report_id"].isin(reps["report_id"])]
    f = f.sort_values(["report_id", "start"]).drop_duplicates(["report_id", "indicator", "qualifier"])
    cols = ["report_id", "region_name", "region_en", "admin_level", "period", "kind", "year_masked"]
    cols += ["province"] if "province" in reps.columns else []
    out = f.merge(reps[cols], on="report_id", how="left")
    if "province" not in out.columns:
        out["province"] = ""
    out = out.merge(quality.figure_flags(findings), on=["report_id", "start"], how="left")
    out["quality"] = out["quality"].fillna("")
    out["quality_checks"] = out["quality_checks"].fillna("")
    out["flagged"] = (out["quality"] != "") | out["flags"].str.contains("masked|suspicious|estimate")
    inds = catalog.indicators()
    out["indicator_label"] = out["indicator"].map(lambda i: inds[i].label)  # indicator_en, area: from figures.csv
    out["place"] = [place_label(en, zh, rid) for en, zh, rid in zip(out["region_en"], out["region_name"],
                                                                   out["report_id"])]
    # Two reports of one place (an H1 and an annual report) stay two rows: the label names the report.
    n_reports = out.groupby("place")["report_id"].transform("nunique")
    out.loc[n_reports > 1, "place"] = out["place"] + " [" + out["report_id"] + "]"
    comp = {i.id: i.comparability for i in inds.values()}
    out["comparability"] = out["indicator"].map(comp)
    out["tier"] = out["admin_level"].map(tier_of)
    out["admin_type"] = out["admin_level"].map(lambda a: ADMIN_TYPE_EN.get(a, a))
    out["group"] = [group_of(p, a, c) for p, a, c in zip(out["period"], out["admin_level"], out["comparability"])]
    out["display"] = [display_value(r) for r in out.itertuples()]
    return out.reset_index(drop=True)


def display_value(r) -> str:
    """'≥95 % · H1 ⚠' — the value with its approximation, period and a visible mark when flagged."""
    unit = catalog.unit_label(r.unit)
    num = fmt_number(r.value) if abs(r.value) < 1e6 else f"{r.value:,.0f}"
    mark = next((m for k, m in APPROX_MARK.items() if k in r.flags), "≈" if r.approx else "")
    sep = "" if unit in ("%", "‰") else " "
    s = f"{mark}{num}{sep}{unit} · {r.period or 'period unknown'}"
    if getattr(r, "flagged", False):
        s += " ⚠"
    return s


def population(lv: pd.DataFrame) -> pd.Series:
    """report_id -> registered population stated in the report (persons), where it gives one."""
    p = lv[(lv["indicator"] == "registered_population") & (lv["qualifier"] == "")]
    return p.set_index("report_id")["value"]


def area_indicators(lv: pd.DataFrame, area: str, min_reports: int = 1) -> list[str]:
    """The catalog ids of an area that at least ``min_reports`` reports state as levels, in catalog order."""
    counts = lv[lv["area"] == area].groupby("indicator")["report_id"].nunique()
    return [i for i in catalog.indicators() if counts.get(i, 0) >= min_reports]


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
    per_population, group_size, rank_n and rank ('2 of 5').
    """
    ind = catalog.indicators()[indicator]
    d = lv[(lv["indicator"] == indicator) & (lv["qualifier"] == qualifier)].copy()
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
    asc = ind.higher_is_better == "false"
    d["group_size"] = d.groupby("group")["report_id"].transform("count")
    d["rank_n"] = d.groupby("group")["plot_value"].rank(ascending=asc, method="min")
    d["rank"] = [f"{int(r)} of {n}" if n > 1 else "alone in its group" for r, n in zip(d["rank_n"], d["group_size"])]
    return d.sort_values(["group", "rank_n", "place"]).reset_index(drop=True)


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
    ind = catalog.indicators()[indicator]
    d["status"] = [STATUSES[2] if f else STATUSES[1] if a else STATUSES[0] for f, a in zip(d["flagged"], d["approx"])]
    d["label"] = [f"{p}  [{rk}]" for p, rk in zip(d["place"], d["rank"])]
    title = f"{ind.en} — {ind.zh}" + (f" [{qualifier}]" if qualifier else "")
    xlabel = d["measure"].iloc[0] + ("  (lower is better)" if ind.higher_is_better == "false" else "")
    return DotData(d, title, xlabel)


def _per_population_for(lv: pd.DataFrame, report_id: str) -> bool | None:
    """A brief's report must be in its own comparisons: counts per population only if it states its population."""
    return None if report_id in population(lv).index else False


#: Fewer reports than this in a comparison group (this one included): no distribution is shown.
SPINE_MIN_REPORTS = 3


def group_quantiles(values: pd.Series) -> tuple[float, float, float, float, float]:
    """(min, first quartile, median, third quartile, max) of a comparison group's values."""
    v = values.astype(float)
    return v.min(), v.quantile(0.25), v.median(), v.quantile(0.75), v.max()


def spine_fields(q: tuple[float, float, float, float, float], mine: float, higher_is_better: str) -> dict:
    """Where ``mine`` stands in a group of quantiles ``q`` (from :func:`group_quantiles`): worst and best
    ends in the indicator's direction and the verdict — ``better`` beyond the best quartile, ``worse``
    beyond the worst, ``similar`` between, ``not judged`` for an indicator with no direction."""
    lo, q1, med, q3, hi = q
    if higher_is_better == "false":
        worst, q_worst, q_best, best = hi, q3, q1, lo
        status = "better" if mine < q1 else "worse" if mine > q3 else "similar"
    else:
        worst, q_worst, q_best, best = lo, q1, q3, hi
        status = "better" if mine > q3 else "worse" if mine < q1 else "similar"
    if higher_is_better not in ("true", "false"):
        status = "not judged"
    return {"value": mine, "worst": worst, "q_worst": q_worst, "median": med, "q_best": q_best, "best": best,
            "direction": {"true": "higher is better", "false": "lower is better"}.get(higher_is_better, "no direction"),
            "status": status}


def fmt_number(v: float) -> str:
    """12,345.6 / 0.5 / 100: two decimals at most, no trailing zeros."""
    return f"{v:,.2f}".rstrip("0").rstrip(".")


#: Up to this many places (or reports in a group) a page shows each one; beyond, distributions.
SHOW_EACH = 30


def coverage_by_province(lv: pd.DataFrame) -> pd.DataFrame:
    """Provinces × indicators: how many reports of the province state the indicator as a level (the
    coverage view of a large corpus; reports without a province count as 'province unknown')."""
    d = lv.assign(province=lv["province"].replace("", "province unknown"))
    c = d.groupby(["province", "indicator"])["report_id"].nunique().unstack(fill_value=0)
    order = [i for i in catalog.indicators() if i in c.columns]
    return c[order]


def coverage(lv: pd.DataFrame) -> pd.DataFrame:
    """Reports × indicators: 1 where the report states the indicator as a level (any qualifier)."""
    c = lv.groupby(["place", "indicator"]).size().unstack(fill_value=0).clip(upper=1)
    order = [i for i in catalog.indicators() if i in c.columns]
    return c[order]


def area_summary(lv: pd.DataFrame, area: str) -> pd.DataFrame:
    """Per indicator of an area: how many reports state it (district-wide and split by qualifier),
    in how many comparison groups, how many values are flagged. The first table of an area notebook."""
    inds = catalog.indicators()
    rows = []
    for i in area_indicators(lv, area):
        d = lv[lv["indicator"] == i]
        whole = d[d["qualifier"] == ""]
        rows.append({"indicator": inds[i].label, "unit": catalog.unit_label(inds[i].unit),
                     "higher is better": {"true": "yes", "false": "no"}.get(inds[i].higher_is_better, "n/a"),
                     "reports (whole place)": whole["report_id"].nunique(),
                     "reports with sub-group values": d.loc[d["qualifier"] != "", "report_id"].nunique(),
                     "comparison groups": whole["group"].nunique(),
                     "flagged values": int(d["flagged"].sum())})
    return pd.DataFrame(rows)


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


def left_out(reps: pd.DataFrame) -> pd.DataFrame:
    """Segments kept out of every comparison (off-topic pieces, duplicates), with the reason."""
    kept = set(comparable_reports(reps)["report_id"])
    return reps.loc[~reps["report_id"].isin(kept), ["report_id", "title", "in_scope", "scope_reason", "duplicate_of"]]


def comparison_groups(lv: pd.DataFrame) -> pd.DataFrame:
    """Comparison groups (tier × period rule) with how many reports each holds, which admin types, and how
    many indicators it can rank among 3 or more reports (whole-place values)."""
    whole = lv[lv["qualifier"] == ""]
    if whole.empty:
        return pd.DataFrame(columns=["group", "rule", "reports", "admin types", "indicators with ≥3 reports"])
    sizes = group_sizes(lv)
    rows = []
    for g, d in whole.groupby("group"):
        rows.append({"group": g, "rule": "stock: " + STOCK_RULE if g.endswith(STOCK_RULE) else "flow: " + FLOW_RULE,
                     "reports": d["report_id"].nunique(),
                     "admin types": ", ".join(sorted(set(d["admin_type"]))),
                     "indicators with ≥3 reports": int((sizes[sizes["group"] == g]["reports"] >= 3).sum())})
    return pd.DataFrame(rows).sort_values(["reports", "group"], ascending=[False, True]).reset_index(drop=True)


def group_sizes(lv: pd.DataFrame) -> pd.DataFrame:
    """(indicator, comparison group) → how many reports state the indicator for the whole place there,
    largest first, with the indicator's name (``label``)."""
    whole = lv[lv["qualifier"] == ""]
    out = whole.groupby(["indicator", "group"])["report_id"].nunique().rename("reports").reset_index()
    inds = catalog.indicators()
    out.insert(1, "label", [inds[i].label for i in out["indicator"]])
    return out.sort_values(["reports", "indicator"], ascending=[False, True]).reset_index(drop=True)


def comparable_pairs(lv: pd.DataFrame, at_least: int = 3) -> int:
    """How many (indicator × comparison group) pairs hold at least ``at_least`` reports."""
    return int((group_sizes(lv)["reports"] >= at_least).sum())


def targets_met(figs: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    """Where a report states a target and an achieved level of the same indicator, qualifier and unit
    (outside its plan sections: a plan's targets are for a period not yet reported), whether the level
    meets the target and by how much. A lower-is-better indicator meets its target at or below it;
    an indicator with no direction is shown without a verdict. Targets are never ranked."""
    cols = ["report_id", "place", "area", "indicator", "qualifier", "target", "level", "met", "by", "quote",
            "figure_id_target", "figure_id_level"]
    keep = comparable_reports(reps)
    f = figs[(figs["indicator"] != "") & figs["value"].notna() & figs["report_id"].isin(keep["report_id"])]
    tg = f[(f["role"] == "target") & ~f["in_plan_section"].astype(str).str.lower().eq("true")]
    lvl = f[f["role"] == "level"].sort_values("start").drop_duplicates(["report_id", "indicator", "qualifier", "unit"])
    if tg.empty or lvl.empty:
        return pd.DataFrame(columns=cols)
    tg = tg.sort_values("start").drop_duplicates(["report_id", "indicator", "qualifier", "unit"])
    m = tg.merge(lvl, on=["report_id", "indicator", "qualifier", "unit"], suffixes=("_t", "_l"))
    places = keep.set_index("report_id")
    inds = catalog.indicators()
    rows = []
    for r in m.itertuples():
        ind = inds[r.indicator]
        unit = catalog.unit_label(r.unit)
        gap = r.value_l - r.value_t
        if ind.higher_is_better == "true":
            met = "met" if gap >= 0 else "not met"
        elif ind.higher_is_better == "false":
            met = "met" if gap <= 0 else "not met"
        else:
            met = "no direction"
        by_unit = "pp" if unit == "%" else unit
        rows.append({"report_id": r.report_id,
                     "place": place_label(places.at[r.report_id, "region_en"], places.at[r.report_id, "region_name"],
                                          r.report_id),
                     "area": ind.area_en, "indicator": ind.label, "qualifier": r.qualifier,
                     "target": f"{r.raw_t}", "level": f"{r.raw_l}", "met": met,
                     "by": f"{gap:+,.2f}".rstrip("0").rstrip(".") + f" {by_unit}", "quote": r.quote_l,
                     "figure_id_target": getattr(r, "figure_id_t", ""), "figure_id_level": getattr(r, "figure_id_l", "")})
    return pd.DataFrame(rows, columns=cols)


CHANGE_ROLES = ("change_pct", "change_pp", "change_abs")
CHANGE_EN = {"change_pct": "% change", "change_pp": "change in points", "change_abs": "change in the unit"}


def changes(figs: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    """Stated year-on-year changes of catalog indicators for the whole place, one row per report and
    (indicator, kind of change), ranked among the reports of the same period and tier that state the same
    change (a change is over a period, so it is a flow: same period only). Higher is better follows the
    indicator (a fall in infant mortality ranks first)."""
    cols = ["report_id", "place", "area", "indicator", "change", "value", "group", "rank", "quote", "figure_id"]
    keep = comparable_reports(reps)
    f = figs[figs["role"].isin(CHANGE_ROLES) & (figs["indicator"] != "") & (figs["qualifier"] == "")
             & figs["value"].notna() & figs["report_id"].isin(keep["report_id"])]
    if f.empty:
        return pd.DataFrame(columns=cols)
    f = f.sort_values("start").drop_duplicates(["report_id", "indicator", "role", "unit"])
    f = f.merge(keep[["report_id", "region_name", "region_en", "period", "admin_level"]], on="report_id")
    inds = catalog.indicators()
    f["group"] = [group_of(p, a, "flow") for p, a in zip(f["period"], f["admin_level"])]
    key = ["indicator", "role", "unit", "group"]
    f["n"] = f.groupby(key)["report_id"].transform("count")
    asc = f["indicator"].map(lambda i: inds[i].higher_is_better == "false")
    f["score"] = f["value"].where(~asc, -f["value"])
    f["rank_n"] = f.groupby(key)["score"].rank(ascending=False, method="min")
    out = pd.DataFrame({
        "report_id": f["report_id"],
        "place": [place_label(en, zh, rid) for en, zh, rid in zip(f["region_en"], f["region_name"], f["report_id"])],
        "area": f["indicator"].map(lambda i: inds[i].area_en),
        "indicator": f["indicator"].map(lambda i: inds[i].label),
        "change": f["role"].map(CHANGE_EN),
        "value": [f"{v:+,.2f}".rstrip("0").rstrip(".") + (" pp" if r == "change_pp" and u == "percentage_points" else
                                                          " ‰ points" if r == "change_pp" else "%" if r == "change_pct"
                                                          else f" {catalog.unit_label(u)}")
                  for v, r, u in zip(f["value"], f["role"], f["unit"])],
        "group": f["group"],
        "rank": [f"{int(k)} of {n}" if n > 1 else "no peer states it" for k, n in zip(f["rank_n"], f["n"])],
        "quote": f["quote"],
        "figure_id": f["figure_id"] if "figure_id" in f.columns else "",
    })
    return out.sort_values(["area", "indicator", "group", "rank"]).reset_index(drop=True)


def area_targets_and_changes(data: Clean, area: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(targets met, stated changes) of one policy area, for its analysis notebook."""
    area_en = catalog.AREAS.get(area, area)
    met = targets_met(data.figures, data.reports)
    ch = changes(data.figures, data.reports)
    return (met[met["area"] == area_en].drop(columns=["area"]).reset_index(drop=True),
            ch[ch["area"] == area_en].drop(columns=["area"]).reset_index(drop=True))
