"""The same place over time: ``series.csv``, one row per place × indicator × unit × year × period.

* **Places across reports**: two reports are of one place when their province and county agree (a
  prefecture-level report: province and city, no county). A report whose place is blank, placed only to a
  province, or inferred from weak evidence (``region_confidence`` below :data:`WEAK`) joins no series; nor does a
  duplicate, an out-of-scope piece, a plan, a report without a known year (none written, or masked) or one whose
  period is not a known part of a year (several years, up to a date, one month).
* **Points**: whole-place achieved levels (``role = level``, no qualifier, no range, bound or estimate, outside a
  plan section), the first mention per report; and **restated** values, which a later report gives for an
  earlier period: a ``baseline`` (比上年的85.6%), or a level minus its stated change (42.0%，比上年提高1.8个百分点 →
  40.2% last year). The earlier period is read from the words before the figure (``cue_words.csv``:
  ``restate_same_period`` → last year's same period, ``restate_last_year`` → last year, in an annual report; a
  year as written, 比2020年; ``restate_not_year`` vetoes: last month, an average, a goal).
* **One row per point**: the value stated by a report of that period where there is one (the first in id order),
  else the latest restatement (``restated`` true); ``figure_ids`` and ``report_ids`` list every figure and report
  that gives the point, the chosen one first. Where they disagree, :mod:`helpers.clean.restatements` says so.

Everything is one pass over the filtered figures and one groupby: linear in the number of reports.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from ..core import catalog

#: A place inferred with less confidence than this (the brief's "weak evidence") joins no series.
WEAK = 0.3
#: How far into a year each period reaches (a chart's x position; a part of the year is below 1).
PERIOD_END = {"annual": 1.0, "Q1": 0.25, "H1": 0.5, "Jan–Sep": 0.75}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
PLACE = ["province", "city", "county"]
KEY = ["province", "county", "city_key", "indicator", "unit", "year", "period"]
CANDIDATE_COLUMNS = ["province", "city", "county", "city_key", "place", "place_en", "indicator", "unit",
                     "comparability", "year", "period", "value", "tolerance", "restated", "basis", "report_id",
                     "report_year", "figure_ids", "fig_refs", "raws", "quote"]
COLUMNS = ["province", "city", "county", "place", "place_en", "indicator", "unit", "comparability", "year",
           "period", "value", "tolerance", "restated", "basis", "report_id", "figure_ids", "report_ids", "n_values"]
_BAD_FLAGS = re.compile(r"range|lower_bound|upper_bound|estimate|masked|suspicious")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NUMBER_END = re.compile(r"[\d%‰]")
WINDOW = 16


def period_end(period: str) -> float | None:
    """The fraction of its year a period reaches (annual 1, H1 0.5, Jan–May 5/12); None for a period that is
    not a known part of one year (multi-year, up to a date, one month, unknown)."""
    if period in PERIOD_END:
        return PERIOD_END[period]
    m = re.fullmatch(r"Jan–([A-Z][a-z]{2})", period or "")
    if m and m.group(1) in MONTHS:
        return (MONTHS.index(m.group(1)) + 1) / 12
    return None


def known_year(year_reported, year_masked) -> str:
    """'2023', or '' when the report states no year or its year is masked."""
    y = str(year_reported or "")
    return y if len(y) == 4 and y.isdigit() and not bool(year_masked) else ""


def series_reports(reps: pd.DataFrame) -> pd.DataFrame:
    """The reports that may join a series (see the module), with ``year`` and ``city_key`` (the city for a
    prefecture-level report, '' for a county's: a county is one place whatever city a report names)."""
    needed = {"in_scope", "kind", "year_reported", "year_masked", "period", "region_confidence"} | set(PLACE)
    if not needed <= set(reps.columns):  # a table without places or years (made-up data): no series
        return reps.iloc[0:0].assign(year="", city_key="")
    r = reps[reps["in_scope"]]
    if "duplicate_of" in r.columns:
        r = r[r["duplicate_of"] == ""]
    r = r[r["kind"] != "plan"].copy()
    r["year"] = [known_year(y, m) for y, m in zip(r["year_reported"], r["year_masked"])]
    placed = (r["province"] != "") & ((r["county"] != "") | (r["city"] != ""))
    strong = r["region_confidence"].astype(float) >= WEAK
    known = (r["year"] != "") & r["period"].map(lambda p: period_end(p) is not None)
    r = r[placed & strong & known].copy()
    r["city_key"] = r["city"].where(r["county"] == "", "")
    return r


def _decimals(raw_value: str) -> int:
    m = re.search(r"\.(\d+)", str(raw_value))
    return len(m.group(1)) if m else 0


def tolerance(raw_value: str, value: float) -> float:
    """Half the last written digit, in the value's canonical unit (87.5% → 0.05; 120万人次 → 5,000)."""
    try:
        written = float(str(raw_value).replace(",", ""))
    except ValueError:
        written = 0.0
    factor = abs(value / written) if written else 1.0
    return 0.5 * 10.0 ** -_decimals(raw_value) * factor + 1e-9


def _window(quote: str, r, prev_end: int | None) -> str:
    """The words just before figure ``r`` in its sentence (``quote``), not reaching back past ``prev_end``."""
    o = int(r.start) - int(r.sentence_start)
    if quote[o:o + len(r.raw)] != r.raw:  # the quote was stripped: find the figure near where it should be
        found = quote.rfind(r.raw, 0, max(0, o) + len(r.raw))
        o = found if found >= 0 else quote.find(r.raw)
    if o < 0:
        return ""
    shift = int(r.start) - int(r.sentence_start) - o
    lo = max(0, o - WINDOW)
    if prev_end is not None:
        lo = max(lo, prev_end - int(r.sentence_start) - shift)
    return quote[lo:o]


def earlier_period(words: str, year: int, period: str) -> tuple[str, str] | None:
    """(year, period) of a restated value from the words before it, in a report of ``year`` and ``period``;
    None when the words name no earlier period of the place (or one that cannot be placed)."""
    rx = _cues()
    if rx["not_year"].search(words):
        return None
    same = bool(rx["same_period"].search(words))
    years = [int(y) for y in _YEAR.findall(words)]
    if years:
        y = years[-1]
        if y >= year:
            return None
    elif same or rx["last_year"].search(words):
        y = year - 1
    else:
        return None
    if same:
        return str(y), period
    return (str(y), "annual") if period == "annual" else None


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    return {"same_period": catalog.cue_rx("{restate_same_period}"), "last_year": catalog.cue_rx("{restate_last_year}"),
            "not_year": catalog.cue_rx("{restate_not_year}")}


def _usable(figs: pd.DataFrame, ids) -> pd.DataFrame:
    f = figs[figs["report_id"].isin(ids) & (figs["indicator"] != "") & (figs["qualifier"] == "")
             & figs["value"].notna()]
    f = f[~f["flags"].str.contains(_BAD_FLAGS)]
    if "in_plan_section" in f.columns:
        f = f[~f["in_plan_section"].astype(bool)]
    return f.sort_values(["report_id", "start"], kind="stable")


def candidates(figs: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    """Every value of a series point, stated or restated (:data:`CANDIDATE_COLUMNS`): what :func:`collapse` makes
    one row of, and what the restatement checks compare."""
    rs = series_reports(reps)
    if rs.empty or figs.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    rep = {r.report_id: r for r in rs.itertuples()}
    f = _usable(figs, list(rep))
    inds = catalog.indicators()
    out: list[dict] = []
    seen: set[tuple] = set()
    prev: tuple | None = None  # (report_id, sentence_start)
    prev_end = None
    sent: list = []
    for r in f.itertuples():
        here = (r.report_id, int(r.sentence_start))
        if here != prev:
            prev, prev_end, sent = here, None, []
        p = rep[r.report_id]
        ind = inds.get(r.indicator)
        if ind is None:
            continue
        base = dict(province=p.province, city=p.city, county=p.county, city_key=p.city_key, place=p.region_name,
                    place_en=p.region_en, indicator=r.indicator, comparability=ind.comparability,
                    report_id=r.report_id, report_year=int(p.year), quote=r.quote)
        if r.role == "level" and (r.report_id, r.indicator, r.unit) not in seen:
            seen.add((r.report_id, r.indicator, r.unit))
            out.append(dict(base, unit=r.unit, year=p.year, period=p.period, value=float(r.value),
                            tolerance=tolerance(r.raw_value, r.value), restated=False, basis="stated",
                            figure_ids=r.figure_id, fig_refs=f"{r.start}-{r.end}", raws=r.raw))
        elif r.role == "baseline" or r.role.startswith("change"):
            when = earlier_period(_window(r.quote, r, prev_end), int(p.year), p.period)
            row = _restated(r, sent, when) if when else None
            if row is not None:
                out.append(dict(base, year=when[0], period=when[1], restated=True, **row))
        sent.append(r)
        prev_end = int(r.end)
    return pd.DataFrame(out, columns=CANDIDATE_COLUMNS)


def _restated(r, sent: list, when) -> dict | None:
    """A baseline as it is, or the level before a change minus that change (None when there is no such level,
    the sentence also gives the baseline, or the units do not fit)."""
    if r.role == "baseline":
        return dict(unit=r.unit, value=float(r.value), tolerance=tolerance(r.raw_value, r.value), basis="baseline",
                    figure_ids=r.figure_id, fig_refs=f"{r.start}-{r.end}", raws=r.raw)
    same = [g for g in sent if g.indicator == r.indicator]
    if any(g.role == "baseline" for g in same):
        return None
    level = next((g for g in reversed(same) if g.role == "level"), None)
    if level is None:
        return None
    lv, c = float(level.value), float(r.value)
    t_l, t_c = tolerance(level.raw_value, level.value), tolerance(r.raw_value, r.value)
    if r.role == "change_pct":
        if c <= -100:
            return None
        value = lv / (1 + c / 100)
        tol = t_l / (1 + c / 100) + abs(value) * t_c / 100 / (1 + c / 100)
    elif (r.role == "change_pp" and (level.unit, r.unit) in (("percent", "percentage_points"), ("permille", "permille"))
          or r.role == "change_abs" and r.unit == level.unit):
        value, tol = lv - c, t_l + t_c
    else:
        return None
    if not math.isfinite(value):
        return None
    return dict(unit=level.unit, value=value, tolerance=tol, basis="level_minus_change",
                figure_ids=f"{level.figure_id};{r.figure_id}", fig_refs=f"{level.start}-{level.end};{r.start}-{r.end}",
                raws=f"{level.raw};{r.raw}")


def _ordered(cands: pd.DataFrame) -> pd.DataFrame:
    """Each point's values in the order of preference: stated (first report in id order), then restated (latest
    report first)."""
    c = cands.assign(_r=cands["restated"].astype(int),
                     _y=[-int(y) if r else 0 for y, r in zip(cands["report_year"], cands["restated"])])
    return c.sort_values(["_r", "_y", "report_id"], kind="stable").drop(columns=["_r", "_y"])


def chosen(cands: pd.DataFrame) -> pd.DataFrame:
    """The value each point shows (:func:`collapse`), with every column of ``cands``."""
    return _ordered(cands).drop_duplicates(KEY)


def collapse(cands: pd.DataFrame) -> pd.DataFrame:
    """One row per point (:data:`COLUMNS`): a stated value first (first report in id order), else the latest
    restatement; every figure and report that gives the point listed, the chosen one first."""
    if cands.empty:
        return pd.DataFrame(columns=COLUMNS)
    g = _ordered(cands).groupby(KEY, sort=True)
    out = g.first().reset_index()
    out["figure_ids"] = g["figure_ids"].agg(";".join).values
    out["report_ids"] = g["report_id"].agg(lambda s: ";".join(dict.fromkeys(s))).values
    out["n_values"] = g.size().values
    out["_end"] = out["period"].map(period_end)
    out = out.sort_values(["province", "county", "city_key", "indicator", "unit", "year", "_end"], kind="stable")
    return out[COLUMNS].reset_index(drop=True)


def build(figs: pd.DataFrame, reps: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(series, candidates) from the clean figures and reports."""
    cands = candidates(figs, reps)
    return collapse(cands), cands


def runs(df: pd.DataFrame, keys: list[str]):
    """The rows of ``df`` (itertuples) in lists of one value of ``keys`` each: one sort and one pass, never a
    pandas slice per group (which costs far more than the rows themselves)."""
    if df.empty:
        return
    d = df.sort_values(keys, kind="stable")
    pos = [d.columns.get_loc(k) + 1 for k in keys]  # itertuples puts the index first
    run: list = []
    last = None
    for r in d.itertuples():
        k = tuple(r[i] for i in pos)
        if k != last and run:
            yield run
            run = []
        last = k
        run.append(r)
    if run:
        yield run


def place_key(rep) -> tuple[str, str, str]:
    """The key a report's place has in the series: (province, county, city for a prefecture-level report)."""
    county = rep.get("county", "") or ""
    return (rep.get("province", "") or "", county, "" if county else (rep.get("city", "") or ""))


def point_key(row) -> tuple[str, str, str]:
    """The same key for a row of ``series.csv`` (or ``trends.csv``)."""
    county = row.get("county", "") or ""
    return (row.get("province", "") or "", county, "" if county else (row.get("city", "") or ""))
