"""Everything one brief shows, computed once for all briefs before any brief kernel starts.

A brief kernel must not read the whole corpus: with thousands of reports that is a whole-table read
per brief, quadratic in all. :func:`build` ranks each indicator once (:func:`helpers.compare.ranked`),
computes each comparison group's quantiles once, and gives every report a small :class:`BriefInput`:
its own row, figures, findings and levels; for each indicator it states, its group's statistics and its
standing (the rows of the spine chart and the key-indicator tables); the rows of its dot plots (every
report of a small group; the top and bottom 10 and its neighbours in a large one); its targets and
stated changes. :func:`write` stores each as ``outputs/brief_inputs/<slug>.pkl`` (a few kB); the brief
notebook loads only its own (:func:`load`). The checksum of that file keys the brief for reruns.
"""
from __future__ import annotations

import bisect
import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import atomic, catalog, compare
from .paths import Paths
from .slugs import brief_slug

#: A dot plot of a group larger than this shows its top and bottom 10 and the report's neighbours.
DOT_GROUP_MAX = compare.SHOW_EACH
NEIGHBOURS = 3


@dataclass
class BriefInput:
    report: pd.Series
    figures: pd.DataFrame
    quality: pd.DataFrame
    levels: pd.DataFrame
    peers: pd.DataFrame  # one row per whole-place indicator: its group's statistics and this report's standing
    dots: dict = field(default_factory=dict)  # indicator -> compare.DotData of the rows to draw
    plot_order: list = field(default_factory=list)  # indicators for dot plots, most widely stated first
    targets: pd.DataFrame = field(default_factory=pd.DataFrame)
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)


PEER_COLUMNS = ["indicator", "label", "zh", "area", "display", "group", "n", "rank", "compared_as", "peer_median",
                "peer_min", "peer_max", "measure", "quality", "figure_id", "shown", "worst", "q_worst", "median",
                "q_best", "best", "direction", "status", "value"]


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


def standing(lv: pd.DataFrame, report_ids: list[str]) -> tuple[dict[str, pd.DataFrame], dict[str, dict]]:
    """For each of ``report_ids``: (its standing — one row per whole-place indicator it states, with its
    comparison group's size, quartiles, ends and median, its rank and the peers' median and range, and
    ``shown`` when the group is large enough for a spine row — and the dot plots a brief draws of it).
    Each indicator is ranked once and each group's quantiles computed once, whatever the number of reports.
    Ranks are those of :func:`helpers.compare.ranked`; a count is per population only when the report
    itself states its population (it is always in its own comparisons)."""
    wanted = set(report_ids)
    pop = set(compare.population(lv).index)
    whole = lv[lv["qualifier"] == ""]
    peers: dict[str, list[dict]] = {r: [] for r in wanted}
    dots: dict[str, dict] = {r: {} for r in wanted}
    inds = catalog.indicators()
    for ind_id in whole.loc[whole["report_id"].isin(wanted), "indicator"].unique():
        ind = inds[ind_id]
        counts = ind.unit_class == "count" and ind_id != "registered_population"
        # a report is in its own comparisons: counts per population only if it states its population
        for mode in ((None, False) if counts else (None,)):
            d = compare.ranked(lv, ind_id, "", mode)
            if d.empty:
                continue
            d["status"] = [compare.STATUSES[2] if f else compare.STATUSES[1] if a else compare.STATUSES[0]
                           for f, a in zip(d["flagged"], d["approx"])]
            d["label"] = [f"{p}  [{rk}]" for p, rk in zip(d["place"], d["rank"])]
            title = f"{ind.en} — {ind.zh}"
            xlabel = d["measure"].iloc[0] + ("  (lower is better)" if ind.higher_is_better == "false" else "")
            small = len(d) <= DOT_GROUP_MAX
            for g, grp in d.groupby("group", sort=False):
                members = [r for r in grp["report_id"] if r in wanted
                           and (not counts or (mode is None) == (r in pop))]
                if not members:
                    continue
                vals = sorted(float(v) for v in grp["plot_value"])
                q = compare.group_quantiles(grp["plot_value"])
                grp = grp.reset_index(drop=True)
                pos = {r: k for k, r in enumerate(grp["report_id"])}
                for rid in members:
                    me = grp.iloc[pos[rid]]
                    n_others, med, lo, hi = peers_of(vals, float(me["plot_value"]))
                    row = {"indicator": ind_id, "label": ind.en, "zh": ind.zh, "area": ind.area_en,
                           "display": me["display"], "group": g, "n": len(grp),
                           "rank": me["rank"] if n_others else "no comparable peer",
                           "compared_as": me["measure"] if me["per_population"] else "as stated",
                           "peer_median": compare.fmt_number(med) if n_others else "",
                           "peer_min": lo, "peer_max": hi,
                           "measure": me["measure"], "quality": me["quality_checks"],
                           "figure_id": me.get("figure_id", ""),
                           "shown": len(grp) >= compare.SPINE_MIN_REPORTS,
                           **compare.spine_fields(q, float(me["plot_value"]), ind.higher_is_better)}
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
                        dots[rid][ind_id] = compare.DotData(rows.reset_index(drop=True), title, xlabel)
    order = {i: k for k, i in enumerate(catalog.indicators())}
    frames = {}
    for rid in report_ids:
        p = pd.DataFrame(peers[rid], columns=PEER_COLUMNS)
        frames[rid] = p.sort_values("indicator", key=lambda s: s.map(order)).reset_index(drop=True)
    return frames, dots


def build(data: compare.Clean, report_ids: list[str]) -> dict[str, BriefInput]:
    """A :class:`BriefInput` for each of ``report_ids``, in time linear in the number of levels."""
    lv = data.levels
    wanted = set(report_ids)
    mine_levels = {r: g for r, g in lv[lv["report_id"].isin(wanted)].groupby("report_id")}
    everyone = lv[lv["qualifier"] == ""].groupby("indicator")["report_id"].nunique()
    peers, dots = standing(lv, report_ids)
    # targets and changes, once for the corpus
    keep_figs = data.figures[data.figures["report_id"].isin(wanted)]
    targets = compare.targets_met(keep_figs, data.reports)
    changes = compare.changes(data.figures, data.reports)
    targets_by = {r: g.reset_index(drop=True) for r, g in targets.groupby("report_id")}
    changes_by = {r: g.reset_index(drop=True) for r, g in changes[changes["report_id"].isin(wanted)].groupby("report_id")}
    figs_by = {r: g.reset_index(drop=True) for r, g in keep_figs.groupby("report_id")}
    q_by = {r: g.reset_index(drop=True) for r, g in data.quality[data.quality["report_id"].isin(wanted)].groupby("report_id")}
    reps = data.reports.set_index("report_id", drop=False)
    out = {}
    for rid in report_ids:
        p = peers[rid]
        scored = sorted((-int(r.n), -int(everyone.get(r.indicator, 0)), r.indicator) for r in p.itertuples()
                        if everyone.get(r.indicator, 0) > 1)
        out[rid] = BriefInput(
            report=reps.loc[rid], figures=figs_by.get(rid, data.figures.iloc[0:0]),
            quality=q_by.get(rid, data.quality.iloc[0:0]), levels=mine_levels.get(rid, lv.iloc[0:0]), peers=p,
            dots=dots[rid], plot_order=[i for *_, i in scored],
            targets=targets_by.get(rid, targets.iloc[0:0]), changes=changes_by.get(rid, changes.iloc[0:0]))
    return out


def path_for(paths: Paths, report_id: str) -> Path:
    """``outputs/brief_inputs/<ASCII key of the report id>.pkl`` (no table is needed to find it)."""
    return paths.outputs / "brief_inputs" / f"{brief_slug(report_id)}.pkl"


def write(paths: Paths, inputs: dict[str, BriefInput]) -> dict[str, str]:
    """Write each input (atomically); returns report_id -> sha256 of its bytes (the brief's input key)."""
    keys = {}
    for rid, b in inputs.items():
        blob = pickle.dumps(b, protocol=5)
        atomic.write_bytes(path_for(paths, rid), blob)
        keys[rid] = hashlib.sha256(blob).hexdigest()
    return keys


def load(report_id: str, paths: Paths | None = None) -> BriefInput:
    """The input of one brief (this file only: a brief kernel reads no table); a clear error naming the
    id when there is none."""
    paths = paths or Paths()
    p = path_for(paths, report_id)
    if not p.exists():
        raise ValueError(f"unknown report id {report_id!r}, or no brief input for it under outputs/brief_inputs/: "
                         "see data/clean/reports.csv, and run `make briefs` (the batch computes every input first)")
    with open(p, "rb") as f:
        return pickle.load(f)
