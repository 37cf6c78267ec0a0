"""The tartan rug's data (PHE Fingertips' "compare indicators"): reports as rows, indicators as columns, each
cell a whole-place value and its standing in its comparison group. Drawn by :mod:`helpers.publish.rug`.

A cell's standing follows the rules of the rest of the suite: the comparison group of :func:`rankings.ranked`
(tier, year where known, period for a flow, one unit), the catalog's ``judge`` through
:func:`rankings.spine_fields` (the briefs' spine chart reads the same), a group of fewer than
:data:`rankings.SPINE_MIN_REPORTS` is not placed, a count as stated is not judged (a bigger place is not a better
one), and a range (85–90%) is never ranked.
"""
from __future__ import annotations

import pandas as pd

from ..core import catalog
from . import rankings
from .groups import group_of, group_sizes

#: A cell's standing, as the rug's legend says it.
BEST, MIDDLE, WORST = "best quarter", "middle half", "worst quarter"
NORMAL, OUTSIDE = "within the normal range", "outside the normal range"
FEW, NOT_JUDGED, RANGE = "fewer than three compare", "not judged", "a range: not ranked"
STANDINGS = (BEST, MIDDLE, WORST, NORMAL, OUTSIDE, FEW, NOT_JUDGED, RANGE)
_VERDICT = {"better": BEST, "similar": MIDDLE, "worse": WORST, "normal": NORMAL, "outside normal": OUTSIDE,
            "not judged": NOT_JUDGED}

CELL_COLUMNS = ["report_id", "indicator", "display", "group", "n", "rank", "standing", "score", "figure_id"]


def cells(lv: pd.DataFrame, indicators: list[str]) -> pd.DataFrame:
    """One row per (report, indicator) whole-place value of ``indicators``: its display (value, period, flags),
    comparison group, group size ``n``, rank, standing (one of :data:`STANDINGS`) and ``score`` (0 worst … 1 best
    within its group, for the judged; empty otherwise)."""
    inds = catalog.indicators()
    rows = []
    for ind_id in indicators:
        ind = inds[ind_id]
        d = rankings.ranked(lv, ind_id, "", False)  # counts as stated: shown and placed, not judged
        judge = ind.judged(False)
        for g, grp in d.groupby("group", sort=False):
            n = len(grp)
            q = rankings.group_quantiles(grp["plot_value"]) if n >= rankings.SPINE_MIN_REPORTS else None
            for r in grp.itertuples():
                if q is None:
                    standing = FEW
                else:
                    standing = _VERDICT[rankings.spine_fields(q, float(r.plot_value), judge, ind.normal)["status"]]
                judged = q is not None and judge in ("higher", "lower", "range")
                rows.append({"report_id": r.report_id, "indicator": ind_id, "display": r.display, "group": g, "n": n,
                             "rank": r.rank, "standing": standing,
                             "score": (n - r.rank_n) / (n - 1) if judged else float("nan"),
                             "figure_id": getattr(r, "figure_id", "")})
        ranges = lv[(lv["indicator"] == ind_id) & (lv["qualifier"] == "") & lv.get("is_range", False)]
        for r in ranges.itertuples():
            rows.append({"report_id": r.report_id, "indicator": ind_id, "display": r.display, "group": r.group,
                         "n": 0, "rank": "", "standing": RANGE, "score": float("nan"),
                         "figure_id": getattr(r, "figure_id", "")})
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def report_rows(lv: pd.DataFrame, report_ids) -> pd.DataFrame:
    """The rug's row heads: one per report — place (en, zh), admin type, period, year where known, and its *band*,
    the comparison group of its stocks (tier · year · periods marked), which a large rug groups rows by."""
    first = lv.drop_duplicates("report_id").set_index("report_id")
    first = first.loc[[r for r in report_ids if r in first.index]]
    placed = ((first["county"].fillna("") != "") | (first["city"].fillna("") != "")
              if "county" in first.columns and "city" in first.columns else pd.Series(True, index=first.index))
    out = pd.DataFrame({
        "report_id": first.index, "region_en": first["region_en"].fillna("").values,
        "region_name": first["region_name"].fillna("").values, "place": first["place"].values,
        "admin_type": first["admin_type"].values, "period": first["period"].values, "year": first["year"].values,
        "band": [group_of(p, a, "stock", y, pl) for p, a, y, pl in
                 zip(first["period"], first["admin_level"], first["year"], placed)]})
    return out.reset_index(drop=True)


def rug_indicators(lv: pd.DataFrame, at_least: int = rankings.SPINE_MIN_REPORTS) -> list[str]:
    """For the overview's rug across areas: the indicators (catalog order) with at least one comparison group of
    ``at_least`` reports — where a colour says something."""
    sizes = group_sizes(lv)
    keep = set(sizes.loc[sizes["reports"] >= at_least, "indicator"])
    return [i for i in catalog.indicators() if i in keep]


def rug_data(lv: pd.DataFrame, indicators: list[str], show_each: int = rankings.SHOW_EACH, ends: int = 10):
    """(row heads in the order shown, cells, how many reports each band leaves out). Up to ``show_each`` reports,
    every report, by band then place; beyond, each band's top and bottom ``ends`` by their mean score over the
    judged cells (reports with no judged cell are left out and counted)."""
    c = cells(lv, indicators)
    rows = report_rows(lv, list(dict.fromkeys(c["report_id"])))
    left_out: dict[str, int] = {}
    if rows.empty:
        return rows, c, left_out
    score = c.groupby("report_id")["score"].mean()
    rows["score"] = rows["report_id"].map(score)
    if len(rows) <= show_each:
        rows = rows.sort_values(["band", "place"], kind="stable")
    else:
        parts = []
        for band, b in rows.groupby("band", sort=True):
            b = b.sort_values(["score", "place"], ascending=[False, True], kind="stable")
            judged = b[b["score"].notna()]
            keep = judged if len(judged) <= 2 * ends else pd.concat([judged.head(ends), judged.tail(ends)])
            left_out[band] = len(b) - len(keep)
            parts.append(keep)
        rows = pd.concat(parts)
    return rows.reset_index(drop=True), c, left_out

