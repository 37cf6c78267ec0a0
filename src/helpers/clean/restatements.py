"""Restated figures as a free consistency check: findings of ``quality.csv`` across the reports of one place.

Reports restate: this year's summary gives last year's value (比上年的87.2%), a later report revises a count.
Over the series' values (:func:`helpers.clean.series.candidates`) three checks, each a note where the values agree
within rounding and a warning where they do not:

* ``restatement``          one place, indicator and period stated (or given as a baseline) by two reports with
  different values; the finding belongs to the later report;
* ``change_vs_levels``     a stated change (比上年提高1.8个百分点) that disagrees with the two levels of the series:
  the level minus the change against the earlier period's stated level;
* ``period_above_annual``  a count of a flow (visits, births, cases) for part of a year above the whole year's
  count (a warning only: a part never exceeds its whole); the finding belongs to the annual report.

Rounding: each value may be off by half its last written digit (:func:`helpers.clean.series.tolerance`); a
restated value derived from a change carries both figures' rounding. One groupby over the values: linear.
"""
from __future__ import annotations

import pandas as pd

from . import series
from ..core import catalog

CHECKS = ["restatement", "change_vs_levels", "period_above_annual"]
COLUMNS = ["report_id", "check", "severity", "indicator", "qualifier", "figures", "values", "message", "quotes"]
BASIS = {"stated": "stated", "baseline": "given as last period's value", "level_minus_change": "level minus change"}


def _num(v: float, unit: str) -> str:
    s = f"{v:,.2f}".rstrip("0").rstrip(".") if abs(v) < 1e6 else f"{v:,.0f}"
    return f"{s}{'%' if unit == 'percent' else ' ' + catalog.unit_label(unit) if unit else ''}"


def _row(c, check: str, severity: str, message: str) -> dict:
    return dict(report_id=c.report_id, check=check, severity=severity, indicator=c.indicator, qualifier="",
                figures=c.fig_refs, values=c.raws, message=message, quotes=c.quote)


def _later(a, b):
    """(later, earlier) of two values: the later report (its year, then its id) restates the earlier."""
    return (a, b) if (a.report_year, a.report_id) > (b.report_year, b.report_id) else (b, a)


def check(cands: pd.DataFrame) -> list[dict]:
    """The three checks over the series' values (``cands``: :func:`helpers.clean.series.candidates`)."""
    if cands.empty:
        return []
    out: list[dict] = []
    inds = catalog.indicators()
    chosen = series.chosen(cands)
    several = cands[cands.duplicated(series.KEY, keep=False)]  # points with two or more values
    for rows in series.runs(several, series.KEY):  # each point's values in the order the reports give them
        label = inds[rows[0].indicator].label
        when = f"{rows[0].year} {rows[0].period}"
        direct = [r for r in rows if r.basis != "level_minus_change"]
        stated = [r for r in rows if r.basis == "stated"]
        # two reports, one period: the first value against each other report's
        ref = next(iter(direct), None)
        for r in direct[1:]:
            if r.report_id == ref.report_id:
                continue
            new, old = _later(r, ref)
            agree = abs(new.value - old.value) <= new.tolerance + old.tolerance
            said = (f"{label}, {when}: {_num(new.value, new.unit)} in {new.report_id} ({BASIS[new.basis]}), "
                    f"{_num(old.value, old.unit)} in {old.report_id} ({BASIS[old.basis]})")
            out.append(_row(new, "restatement", "note" if agree else "warning",
                            f"the reports agree within rounding: {said}" if agree else
                            f"two reports give different values for the same place and period: {said}. "
                            "A later report may have revised the figure; read both sentences before using either."))
        # a change against the two levels
        for r in (r for r in rows if r.basis == "level_minus_change"):
            base = next((s for s in stated if s.report_id != r.report_id), None)
            if base is None:
                continue
            level_raw, change_raw = r.raws.split(";", 1)
            agree = abs(r.value - base.value) <= r.tolerance + base.tolerance
            said = (f"{label}: {level_raw} with a change of {change_raw} in {r.report_id} implies "
                    f"{_num(r.value, r.unit)} in {when}; {base.report_id} states {_num(base.value, base.unit)}")
            out.append(_row(r, "change_vs_levels", "note" if agree else "warning",
                            f"verified against the series: {said}" if agree else
                            f"the stated change does not match the two levels of the series: {said}"))
    out += _parts_above_annual(chosen, inds)
    return out


def _parts_above_annual(chosen: pd.DataFrame, inds) -> list[dict]:
    """A flow's count for part of a year above the same year's annual count (both points of the series)."""
    out = []
    flows = chosen[(chosen["comparability"] == "flow") & chosen["unit"].isin(catalog.COUNT_UNITS)]
    year = ["province", "county", "city_key", "indicator", "unit", "year"]
    flows = flows[flows.duplicated(year, keep=False)]  # a year with a part and (perhaps) the whole
    for rows in series.runs(flows, year):
        a = next((r for r in rows if r.period == "annual"), None)
        if a is None:
            continue
        for p in (r for r in rows if r.period != "annual"):
            if p.value > a.value + a.tolerance + p.tolerance:
                out.append(_row(a, "period_above_annual", "warning",
                                f"{inds[a.indicator].label}: {a.year} {p.period} {_num(p.value, p.unit)} "
                                f"({p.report_id}) is above the whole year's {_num(a.value, a.unit)} ({a.report_id}): "
                                "a part of the year cannot exceed the year; one of the two is wrong or counts "
                                "something else"))
    return out


def add(findings: pd.DataFrame, rows: list[dict], order: list[str]) -> pd.DataFrame:
    """``findings`` (sorted as :func:`helpers.clean.quality.run_checks` sorts) with ``rows`` added, in the same
    order (per report, worst first, then by check); without rows ``findings`` is returned as it is."""
    if not rows:
        return findings
    df = pd.concat([findings, pd.DataFrame(rows, columns=COLUMNS)], ignore_index=True)
    rank = {"error": 3, "warning": 2, "note": 1}
    pos = {c: i for i, c in enumerate(order + CHECKS)}
    df["_s"] = -df["severity"].map(rank)
    df["_o"] = df["check"].map(pos)
    return df.sort_values(["report_id", "_s", "_o"], kind="stable").drop(columns=["_s", "_o"]).reset_index(drop=True)


def checks_run(summary: pd.DataFrame, cands: pd.DataFrame) -> pd.DataFrame:
    """``report_quality.csv`` with these checks counted for the reports that give a value of a series."""
    if cands.empty:
        return summary
    out = summary.copy()
    out.loc[out["report_id"].isin(set(cands["report_id"])), "checks_run"] += len(CHECKS)
    return out
