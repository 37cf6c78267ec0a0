"""Targets met or not, and stated changes ranked among peers of the same period and tier."""
from __future__ import annotations

import pandas as pd

from ..core import catalog
from .groups import Clean, comparable_reports, fmt_number, group_of, is_placed, known_year, place_label


def targets_met(figs: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    """Where a report states a target and an achieved level of the same indicator, qualifier and unit
    (outside its plan sections: a plan's targets are for a period not yet reported), whether the level
    meets the target and by how much. A lower-is-better indicator meets its target at or below it, a range
    indicator (sex ratio at birth) when it is no farther from its normal range than the target;
    an indicator with no direction is shown without a verdict. Targets are never ranked."""
    cols = ["report_id", "place", "area", "indicator", "qualifier", "target", "level", "met", "by", "quote",
            "figure_id_target", "figure_id_level"]
    keep = comparable_reports(reps)
    f = figs[(figs["indicator"] != "") & figs["value"].notna() & figs["report_id"].isin(keep["report_id"])]
    tg = f[(f["role"] == "target") & ~f["in_plan_section"].astype(bool)]
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
        if ind.judge == "range":  # nearer the normal range than the target (or as near) meets it
            met = "met" if ind.distance_from_normal(r.value_l) <= ind.distance_from_normal(r.value_t) else "not met"
        elif ind.higher_is_better == "true":
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
                     "by": fmt_number(gap, signed=True) + f" {by_unit}", "quote": r.quote_l,
                     "figure_id_target": getattr(r, "figure_id_t", ""), "figure_id_level": getattr(r, "figure_id_l", "")})
    return pd.DataFrame(rows, columns=cols)


CHANGE_ROLES = ("change_pct", "change_pp", "change_abs")

CHANGE_EN = {"change_pct": "% change", "change_pp": "change in points", "change_abs": "change in the unit"}


def changes(figs: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    """Stated year-on-year changes of catalog indicators for the whole place, one row per report and
    (indicator, kind of change), ranked among the reports of the same period and tier that state the same
    change (a change is over a period, so it is a flow: same year and period only). Higher is better follows the
    indicator (a fall in infant mortality ranks first)."""
    cols = ["report_id", "place", "area", "indicator", "change", "value", "group", "rank", "quote", "figure_id"]
    keep = comparable_reports(reps)
    f = figs[figs["role"].isin(CHANGE_ROLES) & (figs["indicator"] != "") & (figs["qualifier"] == "")
             & figs["value"].notna() & figs["report_id"].isin(keep["report_id"])]
    if f.empty:
        return pd.DataFrame(columns=cols)
    f = f.sort_values("start").drop_duplicates(["report_id", "indicator", "role", "unit"])
    ctx = keep.assign(_year=[known_year(r.get("year_reported", ""), r.get("year_masked", False))
                             for _, r in keep.iterrows()],
                      _placed=[is_placed(r) for _, r in keep.iterrows()])
    f = f.merge(ctx[["report_id", "region_name", "region_en", "period", "admin_level", "_year", "_placed"]],
                on="report_id")
    inds = catalog.indicators()
    f["group"] = [group_of(p, a, "flow", y, pl) for p, a, y, pl in
                  zip(f["period"], f["admin_level"], f["_year"], f["_placed"])]
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
        "value": [fmt_number(v, signed=True) + (" pp" if r == "change_pp" and u == "percentage_points" else
                                                          " ‰ points" if r == "change_pp" else "%" if r == "change_pct"
                                                          else f" {catalog.unit_label(u)}")
                  for v, r, u in zip(f["value"], f["role"], f["unit"])],
        "group": f["group"],
        "rank": [f"{int(k)} of {n}" if n > 1 else "no peer states it" for k, n in zip(f["rank_n"], f["n"])],
        "quote": f["quote"],
        "figure_id": f["figure_id"] if "figure_id" in f.columns else "",
    })
    # ranks sort as numbers ('2 of 12' before '10 of 12'); a change no peer states comes last
    out["_rank"] = f["rank_n"].where(f["n"] > 1).fillna(float("inf"))
    return out.sort_values(["area", "indicator", "group", "_rank"]).drop(columns="_rank").reset_index(drop=True)


def area_targets_and_changes(data: Clean, area: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(targets met, stated changes) of one policy area, for its analysis notebook."""
    area_en = catalog.AREAS.get(area, area)
    met = targets_met(data.figures, data.reports)
    ch = changes(data.figures, data.reports)
    return (met[met["area"] == area_en].drop(columns=["area"]).reset_index(drop=True),
            ch[ch["area"] == area_en].drop(columns=["area"]).reset_index(drop=True))
