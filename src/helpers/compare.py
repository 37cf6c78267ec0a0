"""Side-by-side comparison with the fairness rules enforced here, not in each notebook.

* targets are never mixed with achieved levels (``role`` is part of every key);
* every compared value carries its report's period (H1 / annual / …) and admin level;
* a value is compared only with peers of the same period and, unless asked, the same admin level;
* approximations and flags travel with the value.
"""
from __future__ import annotations

import pandas as pd

from . import catalog


def levels(figs: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    """One row per (report, indicator, qualifier) of achieved levels, first mention kept, with context."""
    f = figs[(figs["indicator"] != "") & (figs["role"] == "level") & figs["value"].notna()]
    f = f.sort_values(["report_id", "start"]).drop_duplicates(["report_id", "indicator", "qualifier"])
    cols = ["report_id", "region_name", "region_en", "admin_level", "period", "kind", "year_masked"]
    out = f.merge(reps[cols], on="report_id", how="left")
    out["indicator_label"] = out["indicator"].map(lambda i: catalog.indicators()[i].label)
    return out


def peer_stats(lv: pd.DataFrame, report_id: str, same_level: bool = True) -> pd.DataFrame:
    """For each indicator the report states (no qualifier): its value, rank and the peers' median and range.

    Peers: other reports giving the same indicator as a level, for the same period (and admin level).
    """
    mine = lv[(lv["report_id"] == report_id) & (lv["qualifier"] == "")]
    rows = []
    for r in mine.itertuples():
        peers = lv[(lv["indicator"] == r.indicator) & (lv["qualifier"] == "") & (lv["period"] == r.period)]
        if same_level:
            peers = peers[peers["admin_level"] == r.admin_level]
        vals = peers.drop_duplicates("report_id")["value"]
        ind = catalog.indicators()[r.indicator]
        asc = ind.higher_is_better == "false"
        rank = int(vals.rank(ascending=asc, method="min")[peers["report_id"] == r.report_id].iloc[0]) if len(vals) else None
        others = peers[peers["report_id"] != r.report_id]["value"]
        rows.append(dict(area=catalog.AREAS.get(ind.area, ind.area), indicator=ind.label, value=r.value,
                         unit=catalog.UNIT_LABELS.get(r.unit, r.unit), approx=r.approx, flags=r.flags,
                         period=r.period, peers=len(others),
                         rank=f"{rank} of {len(vals)}" if rank and len(vals) > 1 else "no comparable peer",
                         peer_median=others.median() if len(others) else None,
                         peer_min=others.min() if len(others) else None,
                         peer_max=others.max() if len(others) else None))
    return pd.DataFrame(rows)
