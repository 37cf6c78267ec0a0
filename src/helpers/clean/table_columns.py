"""Tables whose columns carry the meaning: a value's role from its column's header.

A table of a report (``指标 | 单位 | 上年度 | 本年度 | 增长``, or one pasted one cell per line, which the compact
working copy joins into tab-separated rows) says in its header what each value column holds: the period's own
values, the goals, the earlier period's values, the changes. The prose rules read every bare cell as a level of
the row's measure, or as a target when the report is a plan. This pass reads the header once per table, with the
cue words of ``rules/table_columns.csv`` (one per header cell, first rule that matches wins), and gives each value
cell of a row the role of its column, the row's measure and the row's unit (the ``单位`` cell, factor included).

It only acts where the header leaves no doubt: a row with more value cells than the header has value columns, or
a table whose header names no value column, is left to the prose rules. A cell that holds only a unit
(``1/10万``, ``%``) is not a figure.

The work is per line of the report, once: linear in the report's length."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from ..core import catalog
from .matching import match_indicator
from .numbers import Figure

#: The value columns a header cell can name (the other columns: label, unit, number).
VALUE_COLUMNS = ("level", "target", "baseline", "change", "change_pct")
COLUMN_KINDS = VALUE_COLUMNS + ("label", "unit", "number")
#: What separates the cells of a row (the compact copy joins one-cell-per-line tables with tabs).
SEP = re.compile(r"[\t|｜]")
#: Header lines above the first row: at most this many, each at most this long when it has no separator (a longer
#: line is the table's title or the prose before it, whose 完成情况 names no column).
HEADER_LINES = 14
HEADER_CELL_MAX = 10
SEP_CELL_MAX = 20
#: A year alone in a header cell (2015年, (2019年)): a column of that year's values.
YEAR_CELL = re.compile(r"[(（]?((?:19|20)\d\d)年?(?:底|末)?[)）]?")
#: The title of a plan's table of goals: its plan named (…行动计划指标, 规划主要指标) or the years it spans
#: (卫生行动(2028—2032年)指标表).
PLAN_TABLE = catalog.cue_rx(r"(?:{plan_title}).{0,12}(?:指标|目标)|(?:19|20)\d\d\s*[-—―–~～至到]\s*(?:19|20)\d\d年?\)?.{0,12}(?:指标|目标)")
#: What a value cell may hold beside its figure: comparison signs, brackets, approximation words.
CELL_EXTRA = re.compile(r"[\s≥≤<>＞＜≈~～约()（）]*")
#: A minus sign before a cell's figure (the figure itself is read without it): -0.07 in a column of changes.
MINUS = re.compile(r"[-−－]\s*$")
#: A row number (序号) as a row's first cell.
ROW_NUMBER = re.compile(r"\d{1,3}")


@lru_cache(maxsize=1)
def column_rules() -> list[tuple[str, re.Pattern]]:
    """``table_columns.csv``: (column kind, cue) in the table's order; a bad row names its line."""
    out = []
    rows = catalog.rule_rows("table_columns.csv")
    for where, r in sorted(rows, key=lambda wr: int(wr[1]["order"])):
        if r["column"] not in COLUMN_KINDS:
            raise ValueError(f"{where}: column must be one of {', '.join(COLUMN_KINDS)}, not {r['column']!r}")
        out.append((r["column"], catalog.rule_rx(where, r["cue"])))
    return out


def column_of(cell: str) -> str:
    """The kind of column a header cell names ('' when no rule's cue is in it)."""
    for kind, rx in column_rules():
        if rx.search(cell):
            return kind
    return ""


def header_columns(cells: list[str], plan: bool = False) -> list[str]:
    """The value columns a header names, in order. A header whose only value columns are years (2015年 | 2020年)
    holds the latest year's values as levels and the earlier years' as baselines — in a plan, the earliest year's
    as levels (the base it starts from) and the later years' as targets (2023年 | 2025年 | 2027年 of a plan for
    2024–2027); a header of base-period and goal columns (基期 | 目标), the base period's values as levels (they are
    the latest achieved)."""
    kinds = [column_of(c) for c in cells]
    values = [k for k in kinds if k in VALUE_COLUMNS]
    if "baseline" in values and "target" in values and "level" not in values:
        # 基期水平 | 目标值: a plan's table of goals; its base year's values are the latest achieved, levels
        values = ["level" if k == "baseline" else k for k in values]
    if values:
        return values
    years = [int(m.group(1)) for c in cells if (m := YEAR_CELL.fullmatch(c.strip()))]
    if len(years) >= 2 and len(set(years)) == len(years):
        if plan:
            first = min(years)
            return ["level" if y == first else "target" for y in years]
        last = max(years)
        return ["level" if y == last else "baseline" for y in years]
    return []


def _lines(norm: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, pos = [], lo
    while pos < hi:
        e = norm.find("\n", pos, hi)
        e = hi if e < 0 else e
        out.append((pos, e))
        pos = e + 1
    return out


def _cells(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """The non-empty cells of the line ``norm[a:b]`` (stripped spans)."""
    out, pos = [], a
    for m in SEP.finditer(norm, a, b):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, b))
    spans = []
    for s, e in out:
        t = norm[s:e]
        st = len(t) - len(t.lstrip())
        en = len(t.rstrip())
        if en > st:
            spans.append((s + st, s + en))
    return spans


@lru_cache(maxsize=1)
def _unit_cells() -> dict[str, catalog.Unit]:
    """A unit cell's text -> its unit (``1/10万`` as ``/10万``; brackets dropped)."""
    return {u.raw: u for u in catalog.units()}


def unit_of_cell(text: str):
    """The unit a cell that holds only a unit names (None for any other cell)."""
    t = text.strip().strip("()（）").strip()
    if t.startswith("1/"):
        t = t[1:]
    if not t or len(t) > 6:
        return None
    return _unit_cells().get(t)


def apply(norm: str, lo: int, hi: int, figs: list[Figure], plan: bool = False) -> list[Figure]:
    """``figs`` (of ``norm[lo:hi]``, in the text's order) with the roles, measures and units their table columns
    give; figures that are only a unit cell are dropped. ``plan``: the report is a plan (its year columns after
    the first are goals)."""
    if "\t" not in norm[lo:hi] and "|" not in norm[lo:hi] and "｜" not in norm[lo:hi]:
        return figs
    starts = [f.start for f in figs]
    drop: set[int] = set()
    header: list[str] | None = None  # the value columns of the table the lines are in (None: not in a table yet)
    for a, b in _lines(norm, lo, hi):
        if not norm[a:b].strip():
            continue
        cells = _cells(norm, a, b) if SEP.search(norm, a, b) else []
        if len(cells) < 2:
            if header is not None and len(norm[a:b].strip()) > 2 * HEADER_CELL_MAX:
                header = None  # prose after the table
            continue
        in_cells = [_figs_in(starts, s, e) for s, e in cells]
        if not any(in_cells):
            header = None  # a header line of the next table
            continue
        if header is None:
            header = _header_above(norm, a, plan)
        if header:
            _row(norm, cells, in_cells, figs, header, drop)
    return [f for i, f in enumerate(figs) if i not in drop] if drop else figs


def _figs_in(starts: list[int], s: int, e: int) -> list[int]:
    """The indices of the figures that start in ``[s, e)``."""
    i = bisect_left(starts, s)
    j = bisect_left(starts, e, i)
    return list(range(i, j))


def _header_above(norm: str, a: int, plan: bool = False) -> list[str]:
    """The value columns of the header above the table row that starts at ``a``: the lines with separators just
    above it, or the short one-cell lines of a table pasted one cell per line (they may lie before the report's
    start: the segmenter can take a header for a title)."""
    cells: list[str] = []
    end, taken = a - 1, 0
    while end > 0 and taken < HEADER_LINES:
        start = norm.rfind("\n", 0, end) + 1
        line = norm[start:end].strip()
        end = start - 1
        if not line:
            continue
        taken += 1
        if SEP.search(line):
            parts = [p.strip() for p in SEP.split(line) if p.strip()]
            if any(len(p) > SEP_CELL_MAX for p in parts):
                break
            cells[:0] = parts
        elif len(line) <= HEADER_CELL_MAX and not re.search(r"\d(?:%|‰)", line):
            cells.insert(0, line)
        else:
            # the table's title: a plan's table of goals names its plan or the years it spans
            plan = plan or len(line) <= 60 and bool(PLAN_TABLE.search(line))
            break
    return header_columns(cells, plan)


def _row(norm: str, cells: list[tuple[int, int]], in_cells: list[list[int]], figs: list[Figure],
         header: list[str], drop: set[int]) -> None:
    """Give the value cells of one row their column's role, the row's measure and its unit."""
    unit = None
    label = ""  # the last cell of words before the values: the row's measure
    values: list[int] = []  # figure index of each value cell, in order
    for (s, e), idx in zip(cells, in_cells):
        text = norm[s:e]
        u = unit_of_cell(text)
        if u is None and not idx and not values and unit is None:
            label = text
        if u is not None and not values:
            unit = u
            drop.update(idx)  # 1/10万 in a unit cell is no figure
            continue
        if not idx:
            continue
        f = figs[idx[0]]
        lead = norm[s:f.start]
        if MINUS.search(lead) and f.value is not None and f.value > 0:
            f.value, lead = -f.value, MINUS.sub("", lead)
            f.flags.append("minus_in_cell")
        if len(idx) == 1 and CELL_EXTRA.fullmatch(lead + norm[f.end:e]):
            if not values and ROW_NUMBER.fullmatch(text) and len(cells) > 2 and not f.indicator:
                continue  # the row's number (序号)
            values.append(idx[0])
        elif values:
            return  # a cell of prose among the values: the columns no longer line up
    if not values or len(values) > len(header):
        return
    inds = catalog.indicators()
    own = [figs[i] for i in values if figs[i].indicator and figs[i].how == "cue"
           and (unit is None or inds[figs[i].indicator].unit == unit.unit)]  # the unit cell outranks a guess
    ind = own[0].indicator if own else ""
    if not ind and label:
        # no cell found its measure in the prose pass: match the row's label (with the column's unit)
        f = figs[values[0]]
        g = replace(f, unit=unit.unit, unit_kind=unit.kind) if unit is not None and f.unit_kind == "bare" else f
        ind, _ = match_indicator(label, label, "", g, "level")
    spec = inds.get(ind)
    for column, i in zip(header, values):
        f = figs[i]
        if unit is not None and f.unit_kind == "bare":
            f.value = None if f.value is None else f.value * unit.factor
            f.value_high = None if f.value_high is None else f.value_high * unit.factor
            f.unit, f.unit_kind = unit.unit, unit.kind
            f.flags.append("unit_from_column")
        if column == "change":
            # 增减 on a row of a percent rate: percentage points; on a row of counts, a % cell is relative
            pct_rate = spec is not None and spec.unit == "percent"
            f.role = "change_pp" if pct_rate else ("change_pct" if f.unit == "percent" else "change_abs")
        elif column == "change_pct":
            f.role = "change_pct"
        else:
            f.role = column
        if (unit is not None and f.indicator and f.indicator != ind and column not in ("change", "change_pct")
                and inds[f.indicator].unit != unit.unit):
            f.indicator, f.how = "", ""  # a measure the unit cell rules out
        if spec is not None and f.indicator != ind:
            if column in ("change", "change_pct") or f.unit == spec.unit or f.unit_kind == "bare" or unit is not None:
                if f.unit_kind == "bare" and column not in ("change", "change_pct"):
                    f.unit = spec.unit
                f.indicator, f.how = ind, "inherit"
        if "table_column" not in f.flags:
            f.flags.append("table_column")
