"""A report's standing among its peers, for every whole-place indicator it states: its comparison group's
size, quartiles, ends and median, its rank, and the peers' median and range without it. Computed once per
batch for all reports (:func:`standing`): each indicator is ranked once, each group's quantiles once."""
from __future__ import annotations

import bisect

import pandas as pd

from ..core import catalog
from . import groups, rankings


#: A dot plot of a group larger than this shows its top and bottom 10 and the report's neighbours.
DOT_GROUP_MAX = rankings.SHOW_EACH

NEIGHBOURS = 3

PEER_COLUMNS = ["indicator", "label", "zh", "area", "display", "group", "n", "rank", "compared_as", "peer_median",
                "peer_min", "peer_max", "measure", "quality", "figure_id", "shown", "worst", "q_worst", "median",
                "q_best", "best", "direction", "status", "value", "is_range"]


def peers_of(sorted_vals: list[float], x: float) -> tuple[int, float | None, float | None, float | None]:
    """(count, median, min, max) of a group's sorted values without one occurrence of ``x`` (the report
    itself), by index arithmetic: no copy of the group per report, so a group of n costs O(n), not O(n²)."""
    i = bisect.bisect_left(sorted_vals, x)
    n = len(sorted_vals)
    if not (i < n and sorted_vals[i] == x):
        i = n  # not in the group: nothing to leave out
        m = n
    else:
        m = n - 1
    if m == 0:
        return 0, None, None, None

    def at(k: int) -> float:  # the k-th of the others
        return sorted_vals[k] if k < i else sorted_vals[k + 1]

    median = at(m // 2) if m % 2 else (at(m // 2 - 1) + at(m // 2)) / 2
    return m, median, at(0), at(m - 1)


def range_row(lv: pd.DataFrame, r, ind: catalog.Indicator) -> dict:
    """A report's range (85–90%) beside its group: shown with both ends, never ranked nor placed on the group's
    distribution; the peers' median and range are those of the exact values of its group."""
    d = rankings.ranked(lv, ind.id, "", False)
    peers = d.loc[d["group"] == r.group, "plot_value"].astype(float) if len(d) else pd.Series(dtype=float)
    return {"indicator": ind.id, "label": ind.en, "zh": ind.zh, "area": ind.area_en, "display": r.display,
            "group": r.group, "n": len(peers) + 1, "rank": "a range: not ranked", "compared_as": "as stated",
            "peer_median": groups.fmt_number(peers.median()) if len(peers) else "",
            "peer_min": peers.min() if len(peers) else None, "peer_max": peers.max() if len(peers) else None,
            "measure": catalog.unit_label(ind.unit), "quality": r.quality_checks,
            "figure_id": getattr(r, "figure_id", ""), "shown": False, "worst": None, "q_worst": None,
            "median": None, "q_best": None, "best": None, "direction": catalog.JUDGES.get(ind.judge, ""),
            "status": "not judged", "value": r.value, "is_range": True}


def standing(lv: pd.DataFrame, report_ids: list[str]) -> tuple[dict[str, pd.DataFrame], dict[str, dict]]:
    """For each of ``report_ids``: (its standing — one row per whole-place indicator it states, with its
    comparison group's size, quartiles, ends and median, its rank and the peers' median and range, and
    ``shown`` when the group is large enough for a spine row — and the dot plots a brief draws of it).
    Each indicator is ranked once and each group's quantiles computed once, whatever the number of reports.
    Ranks are those of :func:`helpers.compare.rankings.ranked`; a count is per population only when the report
    itself states its population (it is always in its own comparisons)."""
    wanted = set(report_ids)
    pop = set(groups.population(lv).index)
    whole = lv[lv["qualifier"] == ""]
    peers: dict[str, list[dict]] = {r: [] for r in wanted}
    dots: dict[str, dict] = {r: {} for r in wanted}
    inds = catalog.indicators()
    for ind_id in whole.loc[whole["report_id"].isin(wanted), "indicator"].unique():
        ind = inds[ind_id]
        counts = ind.unit_class == "count" and ind_id != "registered_population"
        # a report is in its own comparisons: counts per population only if it states its population
        for mode in ((None, False) if counts else (None,)):
            d = rankings.ranked(lv, ind_id, "", mode)
            if d.empty:
                continue
            whole_dots = rankings.as_dots(d, ind_id)  # adds each row's status and label
            small = len(d) <= DOT_GROUP_MAX
            for g, grp in d.groupby("group", sort=False):
                members = [r for r in grp["report_id"] if r in wanted
                           and (not counts or (mode is None) == (r in pop))]
                if not members:
                    continue
                vals = sorted(float(v) for v in grp["plot_value"])
                q = rankings.group_quantiles(grp["plot_value"])
                grp = grp.reset_index(drop=True)
                pos = {r: k for k, r in enumerate(grp["report_id"])}
                for rid in members:
                    me = grp.iloc[pos[rid]]
                    n_others, med, lo, hi = peers_of(vals, float(me["plot_value"]))
                    row = {"indicator": ind_id, "label": ind.en, "zh": ind.zh, "area": ind.area_en,
                           "display": me["display"], "group": g, "n": len(grp),
                           "rank": me["rank"] if n_others else "no comparable peer",
                           "compared_as": me["measure"] if me["per_population"] else "as stated",
                           "peer_median": groups.fmt_number(med) if n_others else "",
                           "peer_min": lo, "peer_max": hi,
                           "measure": me["measure"], "quality": me["quality_checks"],
                           "figure_id": me.get("figure_id", ""),
                           "shown": len(grp) >= rankings.SPINE_MIN_REPORTS,
                           **rankings.spine_fields(q, float(me["plot_value"]),
                                                           ind.judged(bool(me["per_population"])), ind.normal),
                           "is_range": False}
                    peers[rid].append(row)
                    if small:
                        rows = d
                    elif len(grp) <= DOT_GROUP_MAX:
                        rows = grp
                    else:  # a large group: its ends and this report's neighbours, in rank order
                        k = pos[rid]
                        keep = sorted(set(range(10)) | set(range(len(grp) - 10, len(grp)))
                                      | set(range(max(0, k - NEIGHBOURS), min(len(grp), k + NEIGHBOURS + 1))))
                        rows = grp.iloc[keep]
                    if len(d) > 1:
                        dots[rid][ind_id] = rankings.DotData(rows.reset_index(drop=True), whole_dots.title,
                                                             whole_dots.xlabel)
    for r in whole[whole["report_id"].isin(wanted) & whole.get("is_range", False)].itertuples():
        peers[r.report_id].append(range_row(lv, r, inds[r.indicator]))
    order = {i: k for k, i in enumerate(catalog.indicators())}
    frames = {}
    for rid in report_ids:
        p = pd.DataFrame(peers[rid], columns=PEER_COLUMNS)
        frames[rid] = p.sort_values("indicator", key=lambda s: s.map(order)).reset_index(drop=True)
    return frames, dots
