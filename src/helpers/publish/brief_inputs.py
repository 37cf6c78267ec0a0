"""Everything one brief shows, computed once for all briefs before any brief kernel starts.

A brief kernel must not read the whole corpus: with thousands of reports that is a whole-table read
per brief, quadratic in all. :func:`build` ranks each indicator once (:func:`helpers.compare.ranked`),
computes each comparison group's quantiles once, and gives every report a small :class:`BriefInput`:
its own row, figures, findings and levels; for each indicator it states, its group's statistics and its
standing (the rows of the spine chart and the key-indicator tables); the rows of its dot plots (every
report of a small group; the top and bottom 10 and its neighbours in a large one); its targets and
stated changes; its place's series and trends (the same place over time). :func:`write` stores each as ``outputs/brief_inputs/<slug>.pkl`` (a few kB); the brief
notebook loads only its own (:func:`load`). The checksum of that file keys the brief for reruns.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import compare
from ..clean.series import place_key as series_key, series_reports
from ..core import atomic
from ..core.paths import Paths
from ..core.slugs import brief_slug


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
    series: pd.DataFrame = field(default_factory=pd.DataFrame)  # its place's points over time (series.csv)
    trends: pd.DataFrame = field(default_factory=pd.DataFrame)  # its place's trends (trends.csv)


def build(data: compare.Clean, report_ids: list[str]) -> dict[str, BriefInput]:
    """A :class:`BriefInput` for each of ``report_ids``, in time linear in the number of levels."""
    lv = data.levels
    wanted = set(report_ids)
    mine_levels = {r: g for r, g in lv[lv["report_id"].isin(wanted)].groupby("report_id")}
    everyone = lv[lv["qualifier"] == ""].groupby("indicator")["report_id"].nunique()
    peers, dots = compare.standing(lv, report_ids)
    # targets and changes, once for the corpus
    keep_figs = data.figures[data.figures["report_id"].isin(wanted)]
    targets = compare.targets_met(keep_figs, data.reports)
    changes = compare.changes(data.figures, data.reports)
    targets_by = {r: g.reset_index(drop=True) for r, g in targets.groupby("report_id")}
    changes_by = {r: g.reset_index(drop=True) for r, g in changes[changes["report_id"].isin(wanted)].groupby("report_id")}
    figs_by = {r: g.reset_index(drop=True) for r, g in keep_figs.groupby("report_id")}
    q_by = {r: g.reset_index(drop=True) for r, g in data.quality[data.quality["report_id"].isin(wanted)].groupby("report_id")}
    reps = data.reports.set_index("report_id", drop=False)
    ser_by, tr_by = compare.overtime.by_place(data.series), compare.overtime.by_place(data.trends)
    in_series = set(series_reports(data.reports)["report_id"]) if ser_by else set()  # blank or weak: no series
    out = {}
    for rid in report_ids:
        p = peers[rid]
        scored = sorted((-int(r.n), -int(everyone.get(r.indicator, 0)), r.indicator) for r in p.itertuples()
                        if everyone.get(r.indicator, 0) > 1)
        out[rid] = BriefInput(
            report=reps.loc[rid], figures=figs_by.get(rid, data.figures.iloc[0:0]),
            quality=q_by.get(rid, data.quality.iloc[0:0]), levels=mine_levels.get(rid, lv.iloc[0:0]), peers=p,
            dots=dots[rid], plot_order=[i for *_, i in scored],
            targets=targets_by.get(rid, targets.iloc[0:0]), changes=changes_by.get(rid, changes.iloc[0:0]),
            series=ser_by.get(series_key(reps.loc[rid]) if rid in in_series else None, data.series.iloc[0:0]),
            trends=tr_by.get(series_key(reps.loc[rid]) if rid in in_series else None, data.trends.iloc[0:0]))
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
