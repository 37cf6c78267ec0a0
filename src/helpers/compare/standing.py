"""A report's standing among its peers, for every whole-place indicator it states: its comparison group's
size, quartiles, ends and median, its rank, and the peers' median and range without it; and the rows of its
dot plots. :class:`Standings` ranks each indicator once and computes each comparison group's sorted values and
quantiles once, and keeps them once (the columns a standing or a dot plot reads, as arrays shared by every
report of the group); a report's standing and dot rows are then read from them one report at a time, in time
proportional to what that report shows (:meth:`Standings.peer_rows`, :meth:`Standings.dot_rows`), never a
copy of a group per report. :func:`standing` gives them as tables for a list of reports."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core import catalog
from . import groups, rankings


#: A dot plot of a group larger than this shows its top and bottom 10 and the report's neighbours.
DOT_GROUP_MAX = rankings.SHOW_EACH

NEIGHBOURS = 3

PEER_COLUMNS = ["indicator", "label", "zh", "area", "display", "group", "n", "rank", "compared_as", "peer_median",
                "peer_min", "peer_max", "measure", "quality", "figure_id", "shown", "worst", "q_worst", "median",
                "q_best", "best", "direction", "status", "value", "is_range"]

#: The columns a ranked dot plot draws (:func:`helpers.publish.svgplot.dot_plot`): a brief's dot rows carry these
#: (its ``label`` is made again from place and rank, :func:`dot_data`).
DOT_COLUMNS = ["report_id", "place", "group", "admin_type", "plot_value", "value", "display", "rank", "status"]

#: What a standing reads of a report's row besides the dot plot's columns.
_STANDING_COLUMNS = ["measure", "per_population", "quality_checks", "figure_id"]


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


@dataclass
class Group:
    """One comparison group of a ranked indicator: its rows ``start:stop`` of the view (in rank order), its
    values sorted and its quantiles (:func:`helpers.compare.rankings.group_quantiles`), computed once."""
    name: str
    start: int
    stop: int
    sorted_vals: list
    quantiles: tuple


class View:
    """One indicator ranked once (:func:`helpers.compare.rankings.ranked`; a count per population or as stated):
    the columns a standing and a dot plot read, as arrays (no copy per report), its rows in rank order with the
    groups as consecutive bands, and its groups."""

    def __init__(self, d: pd.DataFrame, ind_id: str):
        dots = rankings.as_dots(d, ind_id)  # adds each row's status and label
        self.title, self.xlabel = dots.title, dots.xlabel
        self.n = len(d)
        # copies of the columns' arrays (pointers only): the ranked frame itself is not kept
        self.cols = {c: np.array(d[c].to_numpy(), copy=True) for c in DOT_COLUMNS + _STANDING_COLUMNS
                     if c in d.columns}
        self.pos = {r: k for k, r in enumerate(d["report_id"])}
        names = d["group"].to_numpy()
        cuts = [0] + [k for k in range(1, self.n) if names[k] != names[k - 1]] + [self.n]
        for a, b in zip(cuts, cuts[1:]):  # one string per group (a brief's file then holds each group's name once)
            self.cols["group"][a:b] = names[a]
        vals = d["plot_value"]
        self.groups = [Group(names[a], a, b, sorted(float(v) for v in vals.iloc[a:b]),
                             rankings.group_quantiles(vals.iloc[a:b])) for a, b in zip(cuts, cuts[1:])]
        self.by_name = {g.name: g for g in self.groups}
        self._starts = [g.start for g in self.groups]

    def group_at(self, k: int) -> Group:
        return self.groups[bisect.bisect_right(self._starts, k) - 1]

    def column(self, c: str, k: int, default=""):
        a = self.cols.get(c)
        return default if a is None else a[k]

    def rows(self, positions) -> dict:
        """The dot plot's columns at ``positions`` (a small array: what one brief draws)."""
        return {c: self.cols[c][positions] for c in DOT_COLUMNS if c in self.cols}


class Standings:
    """Every indicator that ``report_ids`` state for the whole place, ranked once (one :class:`View` per indicator,
    and for a count per population and as stated), with each group's statistics; then a report's standing
    (:meth:`peer_rows`) and dot plots (:meth:`dot_rows`), one report at a time. A count is per population only
    when the report itself states its population (it is always in its own comparisons)."""

    def __init__(self, lv: pd.DataFrame, report_ids: list[str]):
        self.lv = lv
        wanted = set(report_ids)
        self.pop = set(groups.population(lv).index)
        self.inds = catalog.indicators()
        self.order = {i: k for k, i in enumerate(self.inds)}
        self.views: dict[tuple[str, bool | None], View | None] = {}
        whole = np.flatnonzero((lv["qualifier"] == "").to_numpy())  # positions only: no copy of the levels
        ind_col = lv["indicator"].to_numpy()
        rows = pd.Series(whole).groupby(ind_col[whole], sort=False).indices  # one pass, not one per indicator
        rows = {i: whole[k] for i, k in rows.items()}
        pop_rows = rows.get("registered_population", np.zeros(0, dtype=np.intp))
        stated = whole[pd.Series(lv["report_id"].to_numpy()[whole]).isin(wanted).to_numpy()]
        for ind_id in pd.unique(ind_col[stated]):
            # the indicator's rows and the populations (what ranked reads), in the order of lv
            sub = lv.take(np.union1d(rows[ind_id], pop_rows) if self.is_count(ind_id) else rows[ind_id])
            for mode in self.modes(ind_id):
                d = rankings.ranked(sub, ind_id, "", mode)
                self.views[(ind_id, mode)] = None if d.empty else View(d, ind_id)
        mine = np.flatnonzero(lv["report_id"].isin(wanted).to_numpy() & (lv["qualifier"] == "").to_numpy())
        self.rows_of: dict[str, list[int]] = {}  # report -> its whole-place rows of lv
        for k, rid in zip(mine.tolist(), lv["report_id"].to_numpy()[mine]):
            self.rows_of.setdefault(rid, []).append(k)
        self.col = {c: lv[c].to_numpy() for c in ("indicator", "group", "display", "quality_checks", "value")}
        self.col["is_range"] = lv["is_range"].to_numpy() if "is_range" in lv.columns else np.zeros(len(lv), bool)
        self.col["figure_id"] = (lv["figure_id"].to_numpy() if "figure_id" in lv.columns
                                 else np.full(len(lv), "", dtype=object))

    def is_count(self, ind_id: str) -> bool:
        ind = self.inds[ind_id]
        return ind.unit_class == "count" and ind_id != "registered_population"

    def modes(self, ind_id: str) -> tuple:
        return (None, False) if self.is_count(ind_id) else (None,)

    def _view_of(self, rid: str, ind_id: str) -> View | None:
        """The view a report's value is compared in: a count per population only if it states its population."""
        mode = None if not self.is_count(ind_id) or rid in self.pop else False
        return self.views.get((ind_id, mode))

    def peer_rows(self, rid: str) -> list[tuple]:
        """The report's standing: one tuple (in :data:`PEER_COLUMNS` order) per whole-place indicator it states, in
        catalog order — a ranked value with its group's statistics, or a range beside its group."""
        out = []
        c = self.col
        for k in self.rows_of.get(rid, ()):
            ind = self.inds[c["indicator"][k]]
            if c["is_range"][k]:
                out.append(self._range_row(k, ind))
                continue
            v = self._view_of(rid, ind.id)
            j = v.pos.get(rid) if v is not None else None
            if j is None:
                continue
            g = v.group_at(j)
            mine = float(v.cols["plot_value"][j])
            n_others, med, lo, hi = peers_of(g.sorted_vals, mine)
            per_pop = v.cols["per_population"][j]
            sf = rankings.spine_fields(g.quantiles, mine, ind.judged(bool(per_pop)), ind.normal)
            measure = v.cols["measure"][j]
            out.append((ind.id, ind.en, ind.zh, ind.area_en, v.cols["display"][j], g.name, g.stop - g.start,
                        v.cols["rank"][j] if n_others else "no comparable peer",
                        measure if per_pop else "as stated", groups.fmt_number(med) if n_others else "", lo, hi,
                        measure, v.cols["quality_checks"][j], v.column("figure_id", j),
                        g.stop - g.start >= rankings.SPINE_MIN_REPORTS, sf["worst"], sf["q_worst"], sf["median"],
                        sf["q_best"], sf["best"], sf["direction"], sf["status"], sf["value"], False))
        out.sort(key=lambda r: self.order[r[0]])  # one row per indicator: catalog order
        return out

    def _range_row(self, k: int, ind: catalog.Indicator) -> tuple:
        """A report's range (85–90%) beside its group: shown with both ends, never ranked nor placed on the group's
        distribution; the peers' median and range are those of the exact values of its group (as stated)."""
        c = self.col
        v = self.views.get((ind.id, False if self.is_count(ind.id) else None))
        g = v.by_name.get(c["group"][k]) if v is not None else None
        peers = (pd.Series(v.cols["plot_value"][g.start:g.stop]).astype(float) if g is not None
                 else pd.Series(dtype=float))
        has = len(peers) > 0
        return (ind.id, ind.en, ind.zh, ind.area_en, c["display"][k], c["group"][k], len(peers) + 1,
                "a range: not ranked", "as stated", groups.fmt_number(peers.median()) if has else "",
                peers.min() if has else None, peers.max() if has else None, catalog.unit_label(ind.unit),
                c["quality_checks"][k], c["figure_id"][k], False, None, None, None, None, None,
                catalog.JUDGES.get(ind.judge, ""), "not judged", c["value"][k], True)

    def dot_rows(self, rid: str) -> dict[str, tuple[str, str, dict]]:
        """indicator -> (title, axis label, the dot plot's columns) for each indicator the report is ranked on
        among others: every report of a small indicator, a whole group of up to :data:`DOT_GROUP_MAX`, or a
        large group's top and bottom 10 and the report's neighbours, in rank order."""
        out = {}
        for k in self.rows_of.get(rid, ()):
            ind_id = self.col["indicator"][k]
            v = self._view_of(rid, ind_id)
            j = v.pos.get(rid) if v is not None else None
            if j is None or v.n <= 1:
                continue
            if v.n <= DOT_GROUP_MAX:
                keep = np.arange(v.n)
            else:
                g = v.group_at(j)
                size = g.stop - g.start
                if size <= DOT_GROUP_MAX:
                    keep = np.arange(g.start, g.stop)
                else:  # a large group: its ends and this report's neighbours, in rank order
                    i = j - g.start
                    near = range(max(0, i - NEIGHBOURS), min(size, i + NEIGHBOURS + 1))
                    keep = g.start + np.array(sorted(set(range(10)) | set(range(size - 10, size)) | set(near)))
            out[ind_id] = (v.title, v.xlabel, v.rows(keep))
        return out


def peer_frame(rows: list[tuple]) -> pd.DataFrame:
    """A report's standing (:meth:`Standings.peer_rows`) as a table of :data:`PEER_COLUMNS`."""
    return pd.DataFrame(rows, columns=PEER_COLUMNS)


def dot_data(title: str, xlabel: str, cols: dict) -> rankings.DotData:
    """A report's dot rows of one indicator (:meth:`Standings.dot_rows`) as :class:`helpers.compare.DotData`: the
    columns of :data:`DOT_COLUMNS` and each row's ``label``."""
    frame = pd.DataFrame(cols)
    frame["label"] = rankings.dot_labels(frame["place"], frame["rank"])
    return rankings.DotData(frame, title, xlabel)


def standing(lv: pd.DataFrame, report_ids: list[str]) -> tuple[dict[str, pd.DataFrame], dict[str, dict]]:
    """For each of ``report_ids``: (its standing — one row per whole-place indicator it states, with its
    comparison group's size, quartiles, ends and median, its rank and the peers' median and range, and
    ``shown`` when the group is large enough for a spine row — and the dot plots a brief draws of it).
    Ranks are those of :func:`helpers.compare.rankings.ranked` (see :class:`Standings`)."""
    s = Standings(lv, report_ids)
    frames = {rid: peer_frame(s.peer_rows(rid)) for rid in report_ids}
    dots = {rid: {i: dot_data(*t) for i, t in s.dot_rows(rid).items()} for rid in report_ids}
    return frames, dots
