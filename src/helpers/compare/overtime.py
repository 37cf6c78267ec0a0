"""The same place over time, for the analysis notebook ``28_over_time``, the briefs and the index.

Reads ``series.csv`` and ``trends.csv`` (:mod:`helpers.clean.series`, :mod:`helpers.clean.trends`) and the
restatement findings of ``quality.csv``; computes nothing the cleaning did not. Every function is one groupby or
one pass over its table.
"""
from __future__ import annotations

import pandas as pd

from ..clean import restatements, series as series_mod
from ..core import catalog


def _labelled(df: pd.DataFrame) -> pd.DataFrame:
    inds = catalog.indicators()
    return df.assign(indicator_label=df["indicator"].map(lambda i: inds[i].label if i in inds else i))


def point_label(year: str, period: str) -> str:
    """'2021' for a year's report, '2022 H1' for part of a year."""
    return str(year) if period == "annual" else f"{year} {period}"


def places(ser: pd.DataFrame) -> pd.DataFrame:
    """One row per place with a series: its periods, indicators and points (most points first)."""
    cols = ["place_en", "place", "province", "city", "county", "periods", "indicators", "points", "restated"]
    if ser is None or ser.empty:
        return pd.DataFrame(columns=cols)
    s = ser.assign(_city_key=ser["city"].where(ser["county"] == "", ""),
                   _end=ser["period"].map(series_mod.period_end))
    out = []
    for _k, g in s.groupby(["province", "county", "_city_key"], sort=True):
        per = g.drop_duplicates(["year", "period"]).sort_values(["year", "_end"])
        first = g.iloc[0]
        out.append(dict(place_en=first.place_en, place=first.place, province=first.province, city=first.city,
                        county=first.county, periods=" · ".join(point_label(y, p) for y, p in zip(per["year"], per["period"])),
                        indicators=g["indicator"].nunique(), points=len(g), restated=int(g["restated"].sum())))
    return pd.DataFrame(out, columns=cols).sort_values(["points", "place_en"], ascending=[False, True],
                                                       kind="stable").reset_index(drop=True)


def summary(ser: pd.DataFrame | None, tr: pd.DataFrame | None) -> str:
    """One sentence on what the series hold, or why there is none."""
    if ser is None or ser.empty:
        return ("No place has a series: no two reports of one decided place have a known year (written, not masked). "
                "The shipped reports have their years masked upstream; `make demo-over-time` runs the suite on a "
                "made-up corpus of several years.")
    p = places(ser)
    n_tr = 0 if tr is None or tr.empty else int((tr["direction"] != "").sum())
    return (f"{len(p)} place(s) with a series: {len(ser)} points of {ser['indicator'].nunique()} indicators, "
            f"{int(ser['restated'].sum())} of them restated by a later report; {n_tr} trend(s) with a direction.")


def trend_table(tr: pd.DataFrame | None) -> pd.DataFrame:
    """The trends with a direction (three or more years), judged ones first."""
    cols = ["place_en", "place", "indicator_label", "points", "years", "values", "direction", "method", "p_value",
            "verdict"]
    if tr is None or tr.empty:
        return pd.DataFrame(columns=cols)
    t = _labelled(tr[tr["direction"] != ""])
    t = t.assign(_v=(t["verdict"] == "").astype(int))
    return t.sort_values(["_v", "place_en", "indicator"], kind="stable")[cols].reset_index(drop=True)


def most_points(ser: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The indicators with most points over all places: places, points, years covered."""
    cols = ["indicator", "indicator_label", "places", "points", "restated", "first_year", "last_year"]
    if ser is None or ser.empty:
        return pd.DataFrame(columns=cols)
    s = ser.assign(_city_key=ser["city"].where(ser["county"] == "", ""))
    s = s.assign(_place=s["province"] + "|" + s["county"] + "|" + s["_city_key"])
    g = s.groupby("indicator")
    out = pd.DataFrame(dict(places=g["_place"].nunique(), points=g.size(), restated=g["restated"].sum().astype(int),
                            first_year=g["year"].min(), last_year=g["year"].max())).reset_index()
    out = _labelled(out).sort_values(["points", "indicator"], ascending=[False, True], kind="stable")
    return out[cols].head(n).reset_index(drop=True)


def restatement_findings(quality: pd.DataFrame) -> pd.DataFrame:
    """The findings of the restatement checks, warnings first."""
    cols = ["report_id", "check", "severity", "indicator", "values", "message"]
    if quality is None or quality.empty:
        return pd.DataFrame(columns=cols)
    q = quality[quality["check"].isin(restatements.CHECKS)]
    q = q.assign(_s=q["severity"].map({"error": 0, "warning": 1, "note": 2}))
    return q.sort_values(["_s", "report_id"], kind="stable")[cols].reset_index(drop=True)


def by_place(df: pd.DataFrame) -> dict[tuple, pd.DataFrame]:
    """Rows of ``series.csv`` or ``trends.csv`` by place key (:func:`helpers.clean.series.place_key`), one groupby."""
    if df is None or df.empty:
        return {}
    d = df.assign(_city_key=df["city"].where(df["county"] == "", ""))
    return {k: g.drop(columns="_city_key").reset_index(drop=True)
            for k, g in d.groupby(["province", "county", "_city_key"], sort=False)}


def periods_by_report(reps: pd.DataFrame) -> dict[str, str]:
    """Report id → its place's periods ('2021 · 2022 · 2023 H1'), for the reports that may join a series (known
    year, decided place) whose place has reports of two or more periods; one groupby."""
    r = series_mod.series_reports(reps)
    if r.empty:
        return {}
    r = r.assign(_end=r["period"].map(series_mod.period_end))
    out = {}
    for _k, g in r.groupby(["province", "county", "city_key"], sort=False):
        per = g.drop_duplicates(["year", "period"]).sort_values(["year", "_end"])
        if len(per) >= 2:
            text = " · ".join(point_label(y, p) for y, p in zip(per["year"], per["period"]))
            out.update(dict.fromkeys(g["report_id"], text))
    return out
