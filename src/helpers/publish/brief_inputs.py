"""Everything one brief shows, computed once for all briefs before any brief kernel starts, and written one
brief at a time.

A brief kernel must not read the whole corpus: with thousands of reports that is a whole-table read per
brief, quadratic in all. :func:`write_all` ranks each indicator once and computes each comparison group's
sorted values and quantiles once (:class:`helpers.compare.Standings`, kept once and shared by every brief of the
group), then makes each report's input and writes it at once, as ``outputs/brief_inputs/<slug>.pkl``, before it
makes the next: the batch holds the tables, the rankings and one brief's input, whatever the number of reports.
An input holds the report's own row, figures, findings and levels; for each indicator it states, its group's
statistics and its standing (the rows of the spine chart and the key-indicator tables); the rows of its dot plots
(every report of a small group; the top and bottom 10 and its neighbours in a large one, with the columns a dot
plot draws); its targets and stated changes; its place's series and trends (the same place over time).

The file holds plain arrays and rows (:data:`FORMAT`), not tables, so it is quick to make; :func:`load` (what the
brief notebook calls) gives it back as a :class:`BriefInput` of tables. The checksum of the file keys the brief
for reruns. :func:`build` gives the inputs in memory (a few reports: tests, the explore API).
"""
from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import compare
from ..clean.series import place_key as series_key, series_reports
from ..compare.standing import Standings, dot_data, peer_frame
from ..core import atomic
from ..core.paths import Paths
from ..core.slugs import brief_slug
from .packing import Packer, Rows, Unpacker

#: The layout of a brief's input file; :func:`load` refuses another (a batch writes every input again).
FORMAT = "brief-input/2"


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


def _place_rows(df: pd.DataFrame) -> dict:
    """Rows of series.csv or trends.csv by place key (as :func:`helpers.compare.overtime.by_place`)."""
    city_key = df["city"].where(df["county"] == "", "")
    return pd.DataFrame({"p": df["province"].to_numpy(), "c": df["county"].to_numpy(),
                         "k": city_key.to_numpy()}).groupby(["p", "c", "k"], sort=False).indices


class FileFigures:
    """Every figure of a report, read from figures.csv's Parquet copy a run of row groups at a time (the groups that
    hold a range of raw files: :func:`helpers.clean.steps.quality_tasks`), so the batch holds one run, not the table.
    Ask for reports in :meth:`order` and each run is read once."""

    def __init__(self, paths: Paths, reports: pd.DataFrame):
        from ..clean.steps import quality_tasks
        from ..core import tables

        self.copy = tables.parquet_copy(paths, "figures")
        file_of = dict(zip(reports["report_id"], reports["source_file"]))
        runs = quality_tasks(self.copy, sorted(set(file_of.values())))
        run_of_file = {f: k for k, (_groups, files) in enumerate(runs) for f in files}
        self.groups = [g for g, _files in runs]
        self.run_of = {rid: run_of_file[f] for rid, f in file_of.items()}
        self._run, self._rows = None, None

    def order(self, report_ids: list[str]) -> list[str]:
        """``report_ids`` by the run that holds their figures (in their order within a run)."""
        return sorted(report_ids, key=lambda r: self.run_of.get(r, -1))

    def pack(self, report_id: str, packer: Packer) -> tuple:
        from ..core import columnar

        k = self.run_of.get(report_id)
        if k != self._run or self._rows is None:
            self._run = k
            groups = self.groups[k] if k is not None else []
            self._rows = Rows(columnar.read_row_groups(self.copy, groups), "report_id")
        return self._rows.pack(report_id, packer)


def _figures_for_targets(figs: pd.DataFrame, wanted: set) -> pd.DataFrame:
    """The rows and columns :func:`helpers.compare.targets_met` reads, of the wanted reports that state a target
    (not a copy of the whole figures table)."""
    cols = [c for c in ("report_id", "indicator", "qualifier", "unit", "value", "role", "in_plan_section", "start",
                        "raw", "quote", "figure_id") if c in figs.columns]
    targets = (figs["role"] == "target") & ~figs["in_plan_section"].astype(bool) & figs["report_id"].isin(wanted)
    keep = ((figs["indicator"] != "") & figs["value"].notna() & figs["role"].isin(["target", "level"])
            & figs["report_id"].isin(set(figs.loc[targets, "report_id"])))  # a level matters only beside a target
    return figs.loc[keep, cols]


def payloads(data: compare.Clean, report_ids: list[str]) -> Iterator[tuple[str, dict]]:
    """(report id, the content of its input file) for each of ``report_ids``, one at a time: the rankings and each
    group's statistics are computed once, before the first; each report's input is made when it is asked for."""
    lv = data.levels
    wanted = set(report_ids)
    st = Standings(lv, report_ids)
    whole = lv.loc[lv["qualifier"] == "", ["indicator", "report_id"]]
    everyone = whole.groupby("indicator")["report_id"].nunique().to_dict()
    targets = compare.targets_met(_figures_for_targets(data.figures, wanted), data.reports)
    changes = compare.changes(data.figures, data.reports)
    changes = changes[changes["report_id"].isin(wanted)]
    if data.figures_scope == "all":
        figs = Rows(data.figures, "report_id")
    else:  # the tables hold the catalog's figures: a brief's are read a run of the Parquet copy's row groups at once
        figs = FileFigures(data.figures_folder(), data.reports)
        report_ids = figs.order(report_ids)
    qual = Rows(data.quality, "report_id")
    levels = Rows(lv, "report_id", keep_index=True)
    tg, ch = Rows(targets.reset_index(drop=True), "report_id"), Rows(changes.reset_index(drop=True), "report_id")
    ser = Rows(data.series, _place_rows if len(data.series) else None)
    tr = Rows(data.trends, _place_rows if len(data.trends) else None)
    reps = data.reports.set_index("report_id", drop=False)
    rep_rows = Rows(data.reports, "report_id")
    in_series = set(series_reports(data.reports)["report_id"]) if ser.at else set()  # blank or weak: no series
    unknown = [r for r in report_ids if r not in rep_rows.at]
    if unknown:
        raise ValueError(f"unknown report id(s) {', '.join(unknown[:5])}: see data/clean/reports.csv")
    for rid in report_ids:
        peers = st.peer_rows(rid)
        scored = sorted((-int(r[6]), -int(everyone.get(r[0], 0)), r[0]) for r in peers if everyone.get(r[0], 0) > 1)
        place = series_key(reps.loc[rid]) if rid in in_series else None
        pk = Packer()
        p = {"format": FORMAT, "report": rep_rows.pack(rid, pk), "figures": figs.pack(rid, pk),
             "quality": qual.pack(rid, pk), "levels": levels.pack(rid, pk), "peers": pk.rows(peers),
             "dots": {i: (title, xlabel, {c: pk.array(a) for c, a in cols.items()})
                      for i, (title, xlabel, cols) in st.dot_rows(rid).items()},
             "plot_order": [i for *_, i in scored], "targets": tg.pack(rid, pk), "changes": ch.pack(rid, pk),
             "series": ser.pack(place, pk), "trends": tr.pack(place, pk)}
        p["strings"] = pk.strings()
        yield rid, p


def from_payload(p: dict) -> BriefInput:
    """A brief's input as tables, from the content of its file."""
    u = Unpacker(p["strings"])
    report = u.frame(p["report"]).set_index("report_id", drop=False)  # its row of reports.csv, as reps.loc[id] gives it
    return BriefInput(report=report.iloc[0], figures=u.frame(p["figures"]), quality=u.frame(p["quality"]),
                      levels=u.frame(p["levels"]), peers=peer_frame(u.rows(p["peers"])),
                      dots={i: dot_data(title, xlabel, {c: u.array(a) for c, a in cols.items()})
                            for i, (title, xlabel, cols) in p["dots"].items()}, plot_order=p["plot_order"],
                      targets=u.frame(p["targets"]), changes=u.frame(p["changes"]), series=u.frame(p["series"]),
                      trends=u.frame(p["trends"]))


def build(data: compare.Clean, report_ids: list[str]) -> dict[str, BriefInput]:
    """A :class:`BriefInput` for each of ``report_ids``, in memory (the same as :func:`load` gives back)."""
    return {rid: from_payload(p) for rid, p in payloads(data, report_ids)}


def path_for(paths: Paths, report_id: str) -> Path:
    """``outputs/brief_inputs/<ASCII key of the report id>.pkl`` (no table is needed to find it)."""
    return paths.outputs / "brief_inputs" / f"{brief_slug(report_id)}.pkl"


def write_all(paths: Paths, data: compare.Clean, report_ids: list[str]) -> dict[str, str]:
    """Make and write each report's input (atomically), one at a time; returns report_id -> sha256 of its bytes
    (the brief's input key)."""
    keys = {}
    for rid, p in payloads(data, report_ids):
        blob = pickle.dumps(p, protocol=5)
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
        payload = pickle.load(f)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ValueError(f"{p.name}: a brief input of another version of the suite; run `make briefs` again "
                         "(the batch writes every input first)")
    return from_payload(payload)
