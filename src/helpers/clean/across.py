"""The cleaning steps that need more than one file, in bounded memory: the same place over time (series.csv,
trends.csv, the restatement findings) and quality.csv in its order, from the parts the workers wrote
(:func:`helpers.clean.per_file.quality_of`: each chunk of files' findings and series values).

* **Places in ranges**: a series joins the reports of one place, and series.csv and trends.csv are sorted by place
  first. The places (with how many values each has) are cut, in that order, into ranges of about
  :data:`BUCKET_ROWS` values; each range's values are routed to a spool file, collapsed and checked on their own,
  and written one range after the other: the same rows in the same order as the whole corpus at once.
* **Findings in report order**: quality.csv is sorted by report id. Each chunk's findings (with the restatement
  findings of its reports, routed to the chunk) are put in that order and written in runs of report ids; the
  counts per report and severity make report_quality.csv.

What stays in memory is one range of places, one chunk's findings, and one entry per report or place.
"""
from __future__ import annotations

import pickle
from collections import Counter
from pathlib import Path

import pandas as pd

from . import per_file, quality, restatements, series, trends
from ..core import tables
from ..core.paths import Paths

#: Series values per range of places (a range holds whole places, so a large place makes a larger range).
BUCKET_ROWS = 50_000
SEVERITIES = ("error", "warning", "note")
PLACE = ["province", "county", "city_key"]


def ranges(counts: Counter, bucket_rows: int) -> dict[tuple, int]:
    """Each place's range: places in sorted order, cut when a range holds ``bucket_rows`` values."""
    out, k, n = {}, 0, 0
    for place in sorted(counts):
        if n >= bucket_rows:
            k, n = k + 1, 0
        out[place] = k
        n += counts[place]
    return out


def _append(path: Path, df: pd.DataFrame) -> None:
    with open(path, "ab") as f:
        pickle.dump(df, f, protocol=pickle.HIGHEST_PROTOCOL)


def _frames(path: Path):
    if not path.exists():
        return
    with open(path, "rb") as f:
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                return


def series_and_trends(paths: Paths, scratch: Path, parts: list[Path], counts: Counter, owner: dict[str, int],
                      bucket_rows: int) -> int:
    """Write series.csv and trends.csv from the chunks' series values (``parts``, pickled frames), range of places
    by range, and route the restatement findings to ``scratch/<chunk>.restated`` (``owner``: report id -> its
    chunk). Returns how many findings were routed."""
    where = ranges(counts, bucket_rows)
    n_ranges = max(where.values(), default=0) + 1
    if n_ranges > 1:  # route each chunk's values to its places' range
        for p in parts:
            c = per_file.undump(p)
            if len(c):
                for k, g in c.groupby([where[t] for t in zip(*(c[col] for col in PLACE))], sort=False):
                    _append(scratch / f"range{k}.cands", g)
    sw, tw = tables.TableWriter("series", paths), tables.TableWriter("trends", paths)
    routed = 0
    try:
        for k in range(n_ranges):
            if n_ranges > 1:
                got = list(_frames(scratch / f"range{k}.cands"))
                (scratch / f"range{k}.cands").unlink(missing_ok=True)
            else:
                got = [per_file.undump(p) for p in parts]
            got = [g for g in got if len(g)]
            cands = (pd.concat(got, ignore_index=True).sort_values("report_id", kind="stable")
                     if got else pd.DataFrame(columns=series.CANDIDATE_COLUMNS))
            ser = series.collapse(cands)
            sw.append(ser)
            tw.append(trends.build(ser))
            rows = pd.DataFrame(restatements.check(cands), columns=restatements.COLUMNS)
            for t, g in rows.groupby(rows["report_id"].map(owner), sort=False):
                _append(scratch / f"{int(t):06d}.restated", g)
            routed += len(rows)
            del cands, ser, rows, got
            per_file.release()
        sw.close(series.COLUMNS)
        tw.close(trends.COLUMNS)
    except BaseException:
        sw.abort()
        tw.abort()
        raise
    return routed


def _block(scratch: Path, t: int) -> pd.DataFrame:
    """Chunk ``t``'s findings with the restatement findings of its reports, sorted as quality.csv is (a report
    without restatement findings keeps the order the checks gave it)."""
    q = per_file.undump(scratch / f"{t:06d}.quality")
    rows = list(_frames(scratch / f"{t:06d}.restated"))
    if rows:
        return restatements.add(q, pd.concat(rows, ignore_index=True).to_dict("records"), quality.CHECKS)
    return q.sort_values("report_id", kind="stable").reset_index(drop=True)


def write_quality(paths: Paths, scratch: Path, owner: dict[str, int]) -> dict:
    """Write quality.csv in report-id order, run of reports by run of reports (a run: consecutive ids of one chunk;
    one run per chunk unless file names interleave their ids; ``owner``: every report id -> its chunk). Returns the
    counts per report and severity."""
    w = tables.TableWriter("quality", paths)
    order = sorted(owner)
    counts = {rid: [0, 0, 0] for rid in order}  # errors, warnings, notes
    cache: tuple[int, pd.DataFrame] | None = None
    try:
        i = 0
        while i < len(order):
            t = owner[order[i]]
            j = i
            while j < len(order) and owner[order[j]] == t:
                j += 1
            if cache is None or cache[0] != t:
                cache = None
                per_file.release()
                cache = (t, _block(scratch, t))
            block = cache[1]
            run = block[block["report_id"].isin(set(order[i:j]))]
            w.append(run)
            for rid, by in quality.severity_counts(run).items():
                mine = counts[rid]
                for k, sev in enumerate(SEVERITIES):
                    mine[k] += by.get(sev, 0)
            i = j
        w.close(quality.COLUMNS)
    except BaseException:
        w.abort()
        raise
    return {rid: dict(zip(SEVERITIES, c)) for rid, c in counts.items()}
