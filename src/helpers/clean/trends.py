"""Recent trends of the same place: ``trends.csv``, one row per place × indicator × unit with two or more annual
points of ``series.csv``.

As Fingertips words it: ``direction`` increasing, decreasing or no clear change, and a ``verdict`` better, worse
or no change from the indicator's direction in the catalog (``judge`` of ``indicators.csv``: higher or lower is
better; an indicator judged by a normal range, or not judged, gets no verdict). How the direction is decided
depends on the points (``method``):

* ``too_few_points``   two annual points: the points, no direction and no verdict;
* ``every_step``       three or four: increasing (decreasing) only when every step from one year to the next rises
  (falls) beyond rounding (both values' tolerance), else no clear change;
* ``mann_kendall``     five or more: the Mann–Kendall test (two-sided, 5 %; the normal approximation with the
  variance corrected for ties and a continuity correction). Differences within rounding count as ties.
"""
from __future__ import annotations

import math

import pandas as pd

from .series import runs
from ..core import catalog

#: A trend's test level, and the points a test needs (Fingertips too waits for five points).
ALPHA = 0.05
MIN_TEST = 5
MIN_STEPS = 3
PLACE = ["province", "city", "county", "place", "place_en"]
COLUMNS = PLACE + ["indicator", "unit", "points", "years", "values", "first_value", "last_value", "direction",
                   "method", "statistic", "p_value", "judge", "verdict"]
DIRECTIONS = ["increasing", "decreasing", "no clear change", ""]
METHODS = ["too_few_points", "every_step", "mann_kendall"]
VERDICTS = ["better", "worse", "no change", ""]


def _sign(d: float, tol: float) -> int:
    return 0 if abs(d) <= tol else (1 if d > 0 else -1)


def mann_kendall(values: list[float], tolerances: list[float] | None = None) -> tuple[int, float]:
    """(S, two-sided p) of the Mann–Kendall test; a difference within both values' tolerance is a tie."""
    n = len(values)
    tol = tolerances or [0.0] * n
    s = sum(_sign(values[j] - values[i], tol[i] + tol[j]) for i in range(n - 1) for j in range(i + 1, n))
    ties: dict[float, int] = {}
    for v in values:
        ties[v] = ties.get(v, 0) + 1
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties.values())) / 18
    if s == 0 or var <= 0:
        return s, 1.0
    z = (s - (1 if s > 0 else -1)) / math.sqrt(var)
    return s, math.erfc(abs(z) / math.sqrt(2))


def direction(values: list[float], tolerances: list[float]) -> tuple[str, str, float, float]:
    """(direction, method, statistic, p) of annual values in year order (statistic and p: the test's, else NaN)."""
    n = len(values)
    nan = float("nan")
    if n < MIN_STEPS:
        return "", "too_few_points", nan, nan
    if n < MIN_TEST:
        steps = {_sign(b - a, ta + tb) for a, b, ta, tb in zip(values, values[1:], tolerances, tolerances[1:])}
        word = {frozenset({1}): "increasing", frozenset({-1}): "decreasing"}.get(frozenset(steps), "no clear change")
        return word, "every_step", nan, nan
    s, p = mann_kendall(values, tolerances)
    word = "no clear change" if p >= ALPHA else "increasing" if s > 0 else "decreasing"
    return word, "mann_kendall", float(s), p


def verdict(word: str, judge: str) -> str:
    """better, worse or no change from a direction and the catalog's ``judge``; '' when not judged by direction."""
    if judge not in ("higher", "lower") or not word:
        return ""
    if word == "no clear change":
        return "no change"
    return "better" if (word == "increasing") == (judge == "higher") else "worse"


def build(ser: pd.DataFrame) -> pd.DataFrame:
    """trends.csv from series.csv: one sort and one pass over the annual points."""
    annual = ser[ser["period"] == "annual"] if len(ser) else ser
    if annual.empty:
        return pd.DataFrame(columns=COLUMNS)
    inds = catalog.indicators()
    annual = annual.assign(city_key=annual["city"].where(annual["county"] == "", ""))
    rows = []
    for pts in runs(annual.sort_values("year", kind="stable"), ["province", "county", "city_key", "indicator", "unit"]):
        if len(pts) < 2:
            continue
        vals, tols = [float(r.value) for r in pts], [float(r.tolerance) for r in pts]
        word, method, stat, p = direction(vals, tols)
        first = pts[0]
        judge = inds[first.indicator].judge if first.indicator in inds else "none"
        rows.append(dict({c: getattr(first, c) for c in PLACE}, indicator=first.indicator, unit=first.unit,
                         points=len(pts), years=";".join(r.year for r in pts), values=";".join(f"{v:g}" for v in vals),
                         first_value=vals[0], last_value=vals[-1], direction=word, method=method, statistic=stat,
                         p_value=p, judge=judge, verdict=verdict(word, judge)))
    return pd.DataFrame(rows, columns=COLUMNS)
