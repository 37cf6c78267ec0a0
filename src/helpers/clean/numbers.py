"""Every figure token of a text: the number, its unit, multiplier, approximation and flags (no role, no indicator).

The unit grammar is ``units.csv``: number, optional range, 万/亿 multiplier, 余/多, unit, 左右/以上. What is not a
figure (years, dates, ages, ordinals, document numbers, list markers, codes, hotlines) is ``not_figures.csv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..core import catalog
from .numerals import cn_number


# ---------------------------------------------------------------- the unit grammar
#: Ratios (x:100, x:1) are read by the ``ratio`` group of :data:`NUMBER`, not as unit words.
RATIO_UNITS = (":100", ":1")
_UNIT_ALT = "|".join(re.escape(u.raw) for u in catalog.units() if u.raw not in RATIO_UNITS)

NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])"
    r"(?P<num>[Xx]*\d[\dXx]*(?:,\d{3})*(?:\.[\dXx]+)?)"
    r"(?:\s*(?P<rsep>[-~至到])\s*(?P<num2>\d+(?:\.\d+)?)(?=\s*(?:万|亿|千)?(?:" + _UNIT_ALT + r")))?"
    r"(?P<ratio>\s*:\s*100(?![\d.])|(?<=\d\.\d\d)\s*:\s*1(?![\d.]))?"
    r"(?P<mult>\s?(?:万|亿|千)(?!人口|分点))?"
    r"(?P<approx_mid>余|多)?"
    r"(?P<unit>[ \u00a0\u3000]?(?:" + _UNIT_ALT + r"))?"  # never across a tab: the next cell of a table row
    # a range whose both ends carry the unit (70%~75%, 70%至75%): looked at, not consumed, so that 由70%至75%
    # (a from-to change) still gives two figures
    r"(?:(?=(?P<range2>\s*[-~至]\s*(?P<num3>\d+(?:\.\d+)?)(?P=unit)))|)"
)
#: 由/从 right before a number: its …至… is a from-to change, not a range.
FROM_BEFORE = re.compile(r"[由从]\s*$")

#: A table row's label that names its unit, right before the value cell: 出院人次(人次) | 8120, 床位使用率% | 81.5.
HEADER_UNIT = re.compile(r"[(（]\s*(" + _UNIT_ALT + r")\s*[)）]\s*[|｜\t]\s*$|(%|‰)\s*[|｜\t]\s*$")

#: Where a NUMBER match can start: its first character is a digit or a mask X (the lookbehind consumes nothing).
NUMBER_START = re.compile(r"[Xx\d]")


def _numbers(norm: str, lo: int, hi: int):
    """``NUMBER.finditer(norm, lo, hi)``, tried only where a number can start: ``re`` cannot skip ahead to those
    places itself in a pattern that opens with a lookbehind, and tries the whole pattern at every character."""
    pos = lo
    start, number = NUMBER_START.search, NUMBER.match
    while (c := start(norm, pos, hi)) is not None:
        m = number(norm, c.start(), hi)
        if m is None:
            pos = c.start() + 1
            continue
        yield m
        pos = m.end()


#: (find_numbers scans for it only where 百分之 stands in the report: a new pattern here must keep that word)
PERCENT_CN = re.compile(r"百分之([零〇一二两三四五六七八九十百点]+)")

#: A rate written as a fraction before its number (10万分之6.78, 十万分之6.78, 千分之5.05, 百分之95.2): unit first.
#: (scanned for only where 分之 stands)
FRACTION_UNIT = re.compile(r"(?<![\d.])(10\s*万|十万|千|百)分之\s*(\d+(?:\.\d+)?)")
FRACTION_UNITS = {"10万": ("per_100k", "/10万"), "十万": ("per_100k", "/10万"), "千": ("permille", "‰"),
                  "百": ("percent", "%")}

#: A death or incidence rate of zero written as a word (孕产妇死亡率为零, 实现零死亡 is no rate).
#: (scanned for only where 零 stands)
ZERO_RATE = re.compile(r"(?<=率)(?:为|是|降为|降至|保持为?|继续保持|均为)?(零)(?![星售散距])")

#: Years of life expectancy: the one place where a number before 岁 is a figure, not an age (these patterns and
#: LIFE_CUE are scanned for only where 寿命 stands).
LIFE_YEARS = (catalog.cue_rx(r"{life_span}[^。；;，,\n\d]{0,10}?(\d{1,3}(?:\.\d+)?)\s*(岁)"),
              # …，比上年提高0.3岁: a change later in the same sentence
              catalog.cue_rx(r"{life_span}[^。；;\n]{0,40}?(?:提高|提升|增加|延长|增长|上升|下降|减少|缩短)了?"
                             r"(\d{1,2}(?:\.\d+)?)\s*(岁)"))

LIFE_CUE = catalog.cue_rx("{life_span}")
#: A life span after the cue: not an age bound (65岁以上), an age range (0-6岁) or an age group (65岁老年人).
LIFE_SPAN = re.compile(r"(?<![\d.])(?<!\d[-~～至到])(\d{2,3}(?:\.\d+)?)\s*(岁)(?!\s*(?:以上|以下|及以上|以内|[-~～至到]|组|儿童|老年|人口|的老|以前))")

#: Chinese numerals as counts only after a verb that introduces a count: 发生一起案件, 报告两例.
COUNT_CN = re.compile(r"(?<=发生|报告|查处|立案|处置|共有|共计)([一二两三四五六七八九十百千]+)(起|例|件|宗|人|名|家)")

NEGATIVE_BEFORE = re.compile(r"(?:(?<![\dA-Za-z)）%‰])[-−－]|负)$")

MULT = {"万": 1e4, "亿": 1e8, "千": 1e3}

UNIT_BY_RAW = {u.raw: u for u in catalog.units()}

COUNT_UNITS = catalog.COUNT_UNITS

#: 约, 近, 超过 … before the number; 约 of 签约 and 近 of 附近 are other words (cue_words.csv)
APPROX_BEFORE = catalog.cue_rx(r"({approx_before})\s*$")

APPROX_AFTER = catalog.cue_rx(r"^\s*({approx_after})")

LOWER_BOUND = catalog.cue_rx("{lower_bound}")

UPPER_BOUND = catalog.cue_rx("{upper_bound}")

#: What the two say of a figure with no approximation word (the common case), found once.
_LOWER_EMPTY, _UPPER_EMPTY = bool(LOWER_BOUND.search("")), bool(UPPER_BOUND.search(""))


@dataclass
class Figure:
    start: int
    end: int
    raw: str
    raw_value: str
    raw_unit: str
    value: float | None
    value_high: float | None
    unit: str
    unit_kind: str
    approx: str = ""
    flags: list[str] = field(default_factory=list)
    role: str = "level"
    indicator: str = ""
    qualifier: str = ""
    quote: str = ""
    sentence: tuple[int, int] = (0, 0)
    clause_start: int = 0
    in_plan: bool = False
    how: str = ""  # how the indicator was decided: cue | list | inherit | shared
    list_subject: str = ""  # for an item of a 分别 list: its own subject
    series_year: int | None = None  # for an item of a series over a span of years (2031-2035年…依次为): its year


def _to_float(s: str) -> float | None:
    s = s.replace(",", "")
    if "X" in s or "x" in s:
        return None
    try:
        return float(s)
    except ValueError:
        return None


_STOP = re.compile(r"[。；;\n]")
#: A sentence that opens with 其中: the breakdown (by sex, by residence) of the figure before it.
OPENS_WITH_PART = re.compile(r"\s*其中")


def find_numbers(norm: str, lo: int, hi: int, mask_years: set[str]) -> list[Figure]:
    """Every figure token in ``norm[lo:hi]`` (the width-folded text), with unit and value."""
    figs = []
    taken = lo  # the end of a range whose far end was read with its near end (70%~75%)
    for m in _numbers(norm, lo, hi):
        s, e = m.start(), m.end()
        if s < taken:
            continue
        num, g_unit, g_mult, g_ratio, g_num2, g_num3, g_range2, g_mid = m.group(
            "num", "unit", "mult", "ratio", "num2", "num3", "range2", "approx_mid")
        range2 = g_range2 if g_num3 and not g_num2 and g_unit \
            and not FROM_BEFORE.search(norm, max(lo, s - 2), s) else None
        unit_raw = (g_unit or "").strip()
        mult = (g_mult or "").strip()
        ratio = bool(g_ratio)
        # the start of the value's line, where it is within 40 characters (no context below reaches further back)
        line_start = norm.rfind("\n", max(0, s - 40), s) + 1
        num_end = m.end("num")
        if _not_a_figure(num, unit_raw, "bare" if not (unit_raw or mult or ratio) else "no_unit" if not (unit_raw or ratio)
                         else "", norm[max(line_start, s - 40):s], norm[num_end:num_end + 12], norm[e:e + 12]):
            continue  # a year, date, age, ordinal, code, list marker … (not_figures.csv)
        flags: list[str] = []
        if not unit_raw and not mult and not g_ratio:
            hm = HEADER_UNIT.search(norm, max(lo, s - 30), s)
            if hm and hm.start() >= line_start:  # on the value's own line
                # 门急诊人次(人次) | 52310: a table row whose label names the unit of its value
                unit_raw = hm.group(1) or hm.group(2)
        if g_ratio:
            unit_raw = ":100" if g_ratio.strip().replace(" ", "").endswith("100") else ":1"
            u = UNIT_BY_RAW[unit_raw]
            unit, factor, kind = u.unit, u.factor, u.kind
            raw_unit_text = g_ratio.strip()
        elif unit_raw:
            u = UNIT_BY_RAW[unit_raw]
            unit, factor, kind = u.unit, u.factor, u.kind
            raw_unit_text = unit_raw
        else:
            unit, factor, kind, raw_unit_text = "count", 1.0, "bare", ""
            nxt = norm[e:e + 1]
            if nxt and "\u4e00" <= nxt <= "\u9fff" and not mult and nxt not in "的是为和及与或、等左以约余多":
                kind, raw_unit_text = "other", nxt  # an unknown classifier (2部): a count, but not a bare number
        if mult:
            factor *= MULT[mult]
            raw_unit_text = mult + (g_mid or "") + raw_unit_text
        elif g_mid:
            raw_unit_text = g_mid + raw_unit_text
        value = _to_float(num)
        value_high = _to_float(g_num2) if g_num2 else None
        if range2 is not None and value is not None:  # 70%~75%: one figure, both ends
            value_high = _to_float(g_num3)
            e = taken = m.end() + len(range2)
        if value is None:
            flags.append("masked")
        if value_high is not None:
            flags.append("range")
        # scaled to 12 significant digits: 4.02万 is 40200, not the float product 40199.99999999999
        if value is not None:
            value = float(f"{value * factor:.12g}")
        if value_high is not None:
            value_high = float(f"{value_high * factor:.12g}")
        if mask_years and value is not None and num.replace(",", "") in mask_years and kind != "rate":
            flags.append("suspicious")  # a count equal to the masked year: 2024余份
        raw_value = num + (f"{m.group('rsep')}{g_num2}" if g_num2 else "")
        if e == taken and range2 is not None:
            raw_value = f"{num}{range2.strip()[0]}{g_num3}"
        approx = ""
        if g_mid:
            approx = g_mid
        ab = APPROX_BEFORE.search(norm[max(lo, s - 4):s])
        if ab and ab.group(1) not in ("达", "达到"):
            approx = ab.group(1) + (";" + approx if approx else "")
        aa = APPROX_AFTER.match(norm[e:e + 3])
        if aa and aa.group(1) not in ("多", "余") or (aa and not approx):
            approx = (approx + ";" if approx else "") + aa.group(1)
        if LOWER_BOUND.search(approx) if approx else _LOWER_EMPTY:
            flags.append("lower_bound")
        if UPPER_BOUND.search(approx) if approx else _UPPER_EMPTY:
            flags.append("upper_bound")
        if unit == "percent" and unit_raw == "%%":
            flags.append("typo_percent")
        if kind == "rate" and value is not None and (sign := NEGATIVE_BEFORE.search(norm, max(lo, s - 2), s)):
            # 人口自然增长率-1.2‰, 为负1.2‰: a negative level, not 1.2 (a range 5-6 or a date is not a sign)
            s, value, raw_value = sign.start(), -value, norm[sign.start():s] + raw_value
        figs.append(Figure(s, e, "", raw_value, raw_unit_text, value, value_high, unit, kind, approx, flags))
    # The patterns below each need a word that few reports hold (百分之, 分之, 零, 寿命): a report without it is not scanned.
    for m in (PERCENT_CN.finditer(norm, lo, hi) if norm.find("百分之", lo, hi) >= 0 else ()):
        v = cn_number(m.group(1))
        if v is not None:
            figs.append(Figure(m.start(), m.end(), "", m.group(1), "百分之", v, None, "percent", "rate", "", ["chinese_numeral"]))
    fractions = [Figure(m.start(), m.end(), "", m.group(2), FRACTION_UNITS[re.sub(r"\s", "", m.group(1))][1],
                        float(m.group(2)), None, FRACTION_UNITS[re.sub(r"\s", "", m.group(1))][0], "rate", "", [])
                 for m in (FRACTION_UNIT.finditer(norm, lo, hi) if norm.find("分之", lo, hi) >= 0 else ())]
    if fractions:  # the numbers inside 10万分之6.78 are that one figure
        figs = [f for f in figs if not any(g.start <= f.start < g.end for g in fractions)] + fractions
    for m in (ZERO_RATE.finditer(norm, lo, hi) if norm.find("零", lo, hi) >= 0 else ()):
        figs.append(Figure(m.start(1), m.end(1), "", "零", "", 0.0, None, "count", "bare", "", ["chinese_numeral"]))
    seen = set()
    for rx in (LIFE_YEARS if norm.find("寿命", lo, hi) >= 0 else ()):
        for m in rx.finditer(norm, lo, hi):
            if m.start(1) not in seen:
                seen.add(m.start(1))
                figs.append(Figure(m.start(1), m.end(2), "", m.group(1), "岁", float(m.group(1)), None, "years",
                                   "years", "", []))
    for m in (LIFE_CUE.finditer(norm, lo, hi) if norm.find("寿命", lo, hi) >= 0 else ()):
        # 期望寿命由2030年的76.2岁提高到2035年的78.1岁，其中男性75.9岁、女性80.4岁: every plausible life span
        # of the sentence after the cue
        end = min(hi, m.end() + 80)
        stop = _STOP.search(norm, m.end(), end)
        if stop and OPENS_WITH_PART.match(norm, stop.end()):  # 期望寿命81.6岁。其中：男性79.7岁…: its breakdown too
            stop = _STOP.search(norm, stop.end(), min(hi, stop.end() + 80))
        for n in LIFE_SPAN.finditer(norm, m.end(), stop.start() if stop else end):
            if n.start(1) not in seen and 15 <= float(n.group(1)) <= 100:
                seen.add(n.start(1))
                figs.append(Figure(n.start(1), n.end(2), "", n.group(1), "岁", float(n.group(1)), None, "years",
                                   "years", "", []))
    for m in COUNT_CN.finditer(norm, lo, hi):
        v = cn_number(m.group(1))
        u = UNIT_BY_RAW.get(m.group(2))
        if v is not None and u is not None:
            figs.append(Figure(m.start(), m.end(), "", m.group(1), m.group(2), v, None, u.unit, u.kind, "",
                               ["chinese_numeral"]))
    figs.sort(key=lambda f: f.start)
    _share_trailing_unit(figs, norm)
    return figs


#: What joins two values of one list whose unit is written once, after the last (1.2和0.8个百分点, 36.5、38.1/10万).
UNIT_SHARED_GAP = re.compile(r"\s*(?:和|、|及|与|或)\s*")


def _share_trailing_unit(figs: list[Figure], norm: str) -> None:
    """A bare number joined by 和 or 、 to a value with a unit takes that unit, its 万 included
    (分别提高1.2和0.8个百分点, 发病率分别为36.5和38.1/10万). Right to left, so a list of three shares it too."""
    for i in range(len(figs) - 2, -1, -1):
        f, g = figs[i], figs[i + 1]
        if (f.unit_kind != "bare" or f.raw_unit or f.approx or f.value is None or g.unit_kind in ("bare", "other")
                or g.value is None or g.value_high is not None or not UNIT_SHARED_GAP.fullmatch(norm[f.end:g.start])):
            continue
        gv = _to_float(g.raw_value.lstrip("-负"))
        if not gv:
            continue
        factor = abs(g.value) / gv
        f.value = float(f"{f.value * factor:.12g}")
        f.unit, f.unit_kind, f.raw_unit = g.unit, g.unit_kind, g.raw_unit
        f.flags.append("unit_from_next")


#: Which numbers a not-figure rule looks at (``applies`` in ``not_figures.csv``).
APPLIES = {"": "any number", "bare": "a number with no unit, no 万/亿 and no :100",
           "no_unit": "a number with no unit word and no :100 (万/亿 allowed)"}


@dataclass(frozen=True)
class _NotFigure:
    rule: str
    applies: str
    number: re.Pattern | None
    unit: re.Pattern | None
    before: re.Pattern | None
    after: re.Pattern | None
    after_figure: re.Pattern | None


@lru_cache(maxsize=1)
def not_figure_rules() -> tuple[_NotFigure, ...]:
    """``not_figures.csv``: numbers that are years, dates, ages, ordinals, codes, list markers or row numbers,
    never figures. A rule fires when all its patterns match: ``number`` the whole number as written, ``unit`` the
    whole unit word ('' when none), ``before`` the line before the number (at most 40 characters), ``after`` the
    12 characters right after the number, ``after_figure`` the 12 after its unit; ``applies`` says which numbers
    it looks at (:data:`APPLIES`). Any rule that fires drops the number."""
    out = []
    for w, r in catalog.rule_rows("not_figures.csv"):
        if r["applies"] not in APPLIES:
            raise ValueError(f"{w}: applies {r['applies']!r} must be one of {', '.join(repr(k) for k in APPLIES)}")
        out.append(_NotFigure(r["rule"], r["applies"], *(catalog.rule_rx(w, r[c]) for c in
                                                         ("number", "unit", "before", "after", "after_figure"))))
    return tuple(out)


def _not_a_figure(num: str, unit: str, kind: str, before: str, after: str, after_figure: str) -> bool:
    """Does a rule of ``not_figures.csv`` fire? ``kind`` is 'bare', 'no_unit' or '' (see :data:`APPLIES`)."""
    for r in _rules_for(num, unit, kind):
        if r.before is not None and not r.before.search(before):
            continue
        if r.after is not None and not r.after.match(after):
            continue
        if r.after_figure is not None and not r.after_figure.match(after_figure):
            continue
        return True
    return False


#: (the rule table it was filled from, {(number, unit, kind): the rules whose applies, number and unit hold}).
_BY_NUMBER: list = [None, {}]


def _rules_for(num: str, unit: str, kind: str) -> tuple[_NotFigure, ...]:
    """The rules that may fire on a number as written with this unit: the same few numbers and units come back
    again and again (2015, 1, %), so their rule tests run once, and only the context tests run per figure."""
    rules = not_figure_rules()
    if _BY_NUMBER[0] is not rules:  # a new table (a test's): forget what the old one said
        _BY_NUMBER[:] = [rules, {}]
    cache = _BY_NUMBER[1]
    key = (num, unit, kind)
    got = cache.get(key)
    if got is None:
        if len(cache) >= 8192:
            cache.clear()
        got = cache[key] = tuple(
            r for r in rules
            if not (r.applies and not (kind == "bare" or kind == r.applies))
            and (r.number is None or r.number.fullmatch(num)) and (r.unit is None or r.unit.fullmatch(unit)))
    return got
