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
_UNIT_ALT = "|".join(re.escape(u.raw) for u in catalog.units() if u.raw != ":100")


NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])"
    r"(?P<num>[Xx]*\d[\dXx]*(?:,\d{3})*(?:\.[\dXx]+)?)"
    r"(?:\s*(?P<rsep>[-~至到])\s*(?P<num2>\d+(?:\.\d+)?)(?=\s*(?:万|亿|千)?(?:" + _UNIT_ALT + r")))?"
    r"(?P<ratio>\s*:\s*100(?![\d.]))?"
    r"(?P<mult>\s?(?:万|亿|千)(?!人口|分点))?"
    r"(?P<approx_mid>余|多)?"
    r"(?P<unit>\s?(?:" + _UNIT_ALT + r"))?"
)


#: A table row's label that names its unit, right before the value cell: 出院人次(人次) | 8120, 床位使用率% | 81.5.
HEADER_UNIT = re.compile(r"[(（]\s*(" + _UNIT_ALT + r")\s*[)）]\s*[|｜\t]\s*$|(%|‰)\s*[|｜\t]\s*$")


PERCENT_CN = re.compile(r"百分之([零〇一二两三四五六七八九十百点]+)")


#: Years of life expectancy: the one place where a number before 岁 is a figure, not an age.
LIFE_YEARS = (re.compile(r"(?:期望|预期)寿命[^。；;，,\n\d]{0,10}?(\d{1,3}(?:\.\d+)?)\s*(岁)"),
              # …，比上年提高0.3岁: a change later in the same sentence
              re.compile(r"(?:期望|预期)寿命[^。；;\n]{0,40}?(?:提高|增加|延长|增长|上升|下降|减少|缩短)了?"
                         r"(\d{1,2}(?:\.\d+)?)\s*(岁)"))


#: Chinese numerals as counts only after a verb that introduces a count: 发生一起案件, 报告两例.
COUNT_CN = re.compile(r"(?<=发生|报告|查处|立案|处置|共有|共计)([一二两三四五六七八九十百千]+)(起|例|件|宗|人|名|家)")


NOT_A_FIGURE_AFTER = re.compile(r"^[*＊]{1,2}\s*年|^\s*(?:年|月|日|号|时|点(?!\d)|岁|周岁|周年|季度|届|个月|月份|年度|世纪|版|楼|层|号线|型|类|级)"
                                r"|^\s*[-~至到]\s*\d+\s*(?:年|月|日|号|时|岁|周岁|个月)")


NEGATIVE_BEFORE = re.compile(r"(?:(?<![\dA-Za-z)）%‰])[-−－]|负)$")


ORDINAL_BEFORE = re.compile(r"(?:第|〔|\[|【|［|No\.?|NO\.?)\s*$")


MULT = {"万": 1e4, "亿": 1e8, "千": 1e3}


UNIT_BY_RAW = {u.raw: u for u in catalog.units()}


COUNT_UNITS = catalog.COUNT_UNITS


#: 约 of 签约/预约/节约 and 近 of 附近/最近 are words, not approximations (全区共签约33652人 is exact).
APPROX_BEFORE = re.compile(r"((?<![签预节制契特])约|(?<![附最接])近|超过|逾|不低于|不少于|不超过|达到?|大约|接近)\s*$")


APPROX_AFTER = re.compile(r"^\s*(左右|以上|以下|以内|上下|多|余)")


LOWER_BOUND = {"以上", "不低于", "不少于", "超过", "逾"}


UPPER_BOUND = {"以下", "以内", "不超过"}


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


def _to_float(s: str) -> float | None:
    s = s.replace(",", "")
    if re.search(r"[Xx]", s):
        return None
    try:
        return float(s)
    except ValueError:
        return None


def find_numbers(norm: str, lo: int, hi: int, mask_years: set[str]) -> list[Figure]:
    """Every figure token in ``norm[lo:hi]`` (the width-folded text), with unit and value."""
    figs = []
    for m in NUMBER.finditer(norm, lo, hi):
        s, e = m.start(), m.end()
        num = m.group("num")
        unit_raw = (m.group("unit") or "").strip()
        mult = (m.group("mult") or "").strip()
        before = norm[max(lo, s - 6):s]
        after = norm[e:e + 6]
        # Not figures: years, dates, ages, ordinals, document numbers, list markers, hotlines.
        if not unit_raw and not m.group("ratio") and NOT_A_FIGURE_AFTER.match(norm[m.end("num"):m.end("num") + 4]):
            continue
        if ORDINAL_BEFORE.search(before):
            continue
        if not unit_raw and not mult and re.search(r"/\s*$", before):
            continue  # "/ 9": a page mark run into the text, or the lower half of a fraction
        if not unit_raw and not mult and re.fullmatch(r"\d0", num) and norm[e:e + 1] == "后":
            continue  # 70后, 80后: a generation, not a figure
        if re.match(r"^\s*[〕\]】］]", after) or re.match(r"^\s*号", after):
            continue
        line_start = norm.rfind("\n", 0, s) + 1
        if _not_a_figure(num, norm[max(line_start, s - 40):s], norm[m.end("num"):m.end("num") + 12],
                         unitless=not unit_raw and not mult and not m.group("ratio")):
            continue
        if not unit_raw and not mult and re.match(r"^\s*[、.．](?!\d)", norm[m.end("num"):m.end("num") + 2]) \
                and not norm[line_start:s].strip(" \t>　") :
            continue  # "1、" at the start of a line
        if re.search(r"[(（]\s*$", before) and re.match(r"^\s*[)）]", norm[m.end("num"):m.end("num") + 2]) and not unit_raw:
            continue  # "(1)"
        if len(num) >= 5 and not unit_raw and re.match(r"^\s*(?:卫生)?(?:热线|电话|服务热线)", after):
            continue
        if re.match(r"^\d+\.\d+$", num) and re.search(r"[“\"]\s*$", before) and re.match(r"^\s*[”\"]", after):
            continue  # “5.20” is a date
        if num == "1" and re.search(r"[(（]\s*$", before) and re.match(r"^\s*/\s*(?:10万|十万|万|千|1000|100000)\s*[)）]",
                                                                    norm[m.end("num"):m.end("num") + 8]):
            continue  # 孕产妇死亡率（1/10万）: the unit of a table column, not a figure
        if not unit_raw and not mult and re.fullmatch(r"(?:19|20)\d\d", num) and not m.group("ratio") \
                and not m.group("approx_mid"):
            continue  # a bare year: 2024政策生育率
        if not unit_raw and not mult and re.fullmatch(r"20[Xx]{2}|[Xx]{2,}", num):
            continue
        if unit_raw and re.match(r"^(?:年|月|日)", unit_raw):
            continue
        if unit_raw == "个" and norm[e:e + 1] == "月":
            continue  # 0-36个月: an age, not a count
        flags: list[str] = []
        if not unit_raw and not mult and not m.group("ratio"):
            hm = HEADER_UNIT.search(norm, max(lo, s - 30), s)
            if hm and norm.rfind("\n", 0, hm.start()) == norm.rfind("\n", 0, s):
                # 门急诊人次(人次) | 52310: a table row whose label names the unit of its value
                unit_raw = hm.group(1) or hm.group(2)
        if m.group("ratio"):
            unit_raw, unit, factor, kind = ":100", "ratio_100", 1.0, "rate"
            raw_unit_text = m.group("ratio").strip()
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
            raw_unit_text = mult + (m.group("approx_mid") or "") + raw_unit_text
        elif m.group("approx_mid"):
            raw_unit_text = m.group("approx_mid") + raw_unit_text
        value = _to_float(num)
        value_high = _to_float(m.group("num2")) if m.group("num2") else None
        if value is None:
            flags.append("masked")
        if value_high is not None:
            flags.append("range")
        if value is not None:
            value *= factor
        if value_high is not None:
            value_high *= factor
        if value is not None and num.replace(",", "") in mask_years and kind != "rate":
            flags.append("suspicious")  # a count equal to the masked year: 2024余份
        raw_value = num + (f"{m.group('rsep')}{m.group('num2')}" if m.group("num2") else "")
        approx = ""
        if m.group("approx_mid"):
            approx = m.group("approx_mid")
        ab = APPROX_BEFORE.search(norm[max(lo, s - 4):s])
        if ab and ab.group(1) not in ("达", "达到"):
            approx = ab.group(1) + (";" + approx if approx else "")
        aa = APPROX_AFTER.match(norm[e:e + 3])
        if aa and aa.group(1) not in ("多", "余") or (aa and not approx):
            approx = (approx + ";" if approx else "") + aa.group(1)
        if any(w in approx for w in LOWER_BOUND):
            flags.append("lower_bound")
        if any(w in approx for w in UPPER_BOUND):
            flags.append("upper_bound")
        if unit == "percent" and unit_raw == "%%":
            flags.append("typo_percent")
        if kind == "rate" and value is not None and (sign := NEGATIVE_BEFORE.search(norm, max(lo, s - 2), s)):
            # 人口自然增长率-1.2‰, 为负1.2‰: a negative level, not 1.2 (a range 5-6 or a date is not a sign)
            s, value, raw_value = sign.start(), -value, norm[sign.start():s] + raw_value
        figs.append(Figure(s, e, "", raw_value, raw_unit_text, value, value_high, unit, kind, approx, flags))
    for m in PERCENT_CN.finditer(norm, lo, hi):
        v = cn_number(m.group(1))
        if v is not None:
            figs.append(Figure(m.start(), m.end(), "", m.group(1), "百分之", v, None, "percent", "rate", "", ["chinese_numeral"]))
    seen = set()
    for rx in LIFE_YEARS:
        for m in rx.finditer(norm, lo, hi):
            if m.start(1) not in seen:
                seen.add(m.start(1))
                figs.append(Figure(m.start(1), m.end(2), "", m.group(1), "岁", float(m.group(1)), None, "years",
                                   "years", "", []))
    for m in COUNT_CN.finditer(norm, lo, hi):
        v = cn_number(m.group(1))
        u = UNIT_BY_RAW.get(m.group(2))
        if v is not None and u is not None:
            figs.append(Figure(m.start(), m.end(), "", m.group(1), m.group(2), v, None, u.unit, u.kind, "",
                               ["chinese_numeral"]))
    figs.sort(key=lambda f: f.start)
    return figs


@dataclass(frozen=True)
class _NotFigure:
    rule: str
    unitless: bool
    number: re.Pattern | None
    before: re.Pattern | None
    after: re.Pattern | None


@lru_cache(maxsize=1)
def not_figure_rules() -> tuple[_NotFigure, ...]:
    """``not_figures.csv``: numbers that are codes, dates, times or row numbers, never figures. A rule
    fires when all its patterns match: ``number`` the whole number, ``before`` the line before it (at
    most 40 characters), ``after`` the characters after it; ``unitless`` rules only for a number
    without unit."""
    return tuple(_NotFigure(r["rule"], r["unitless"] == "yes", catalog.rule_rx(w, r["number"]),
                            catalog.rule_rx(w, r["before"]), catalog.rule_rx(w, r["after"]))
                 for w, r in catalog.rule_rows("not_figures.csv"))


def _not_a_figure(num: str, before: str, after: str, unitless: bool) -> bool:
    for r in not_figure_rules():
        if r.unitless and not unitless:
            continue
        if r.number is not None and not r.number.fullmatch(num):
            continue
        if r.before is not None and not r.before.search(before):
            continue
        if r.after is not None and not r.after.match(after):
            continue
        return True
    return False
