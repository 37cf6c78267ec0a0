"""Extract every figure of a report with its unit, normalized value, role, indicator and sentence.

The machinery, all general (no pattern is written for one sentence of one file):

* a **unit grammar** (``units.csv``): number, optional range, 万/亿 multiplier, 余/多, unit, 左右/以上;
  full-width forms are folded on a same-length copy so offsets stay those of the raw text;
* **exclusions** for what is not a figure: years, dates, document numbers (〔2024〕66号), ordinals
  (第3), list markers (1、 (2)), ages (0-6岁), hotlines;
* **roles** from the words around the number: change (同比增长/下降, 比…增加, 个百分点), completion
  (完成全年任务的, 完成率), target (任务数, 力争, or anything in a plan or a plan section);
* **indicators** from the cue lexicon (``indicators.csv``): a ``measure`` cue in the clause just before
  the number (or right after it: 667984人参加新农合), a ``subject`` cue in the sentence before it,
  nearest cue wins, ``exclude`` words veto; unit class must fit;
* **lists**: values after 分别 are mapped one to one onto the subjects listed before it
  (高血压、糖尿病规范管理率分别为60%、40%); a change or completion with no cue of its own, or an item
  after 其中, takes the indicator of the figure it refers to.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..core import catalog
from . import roles
from .numerals import cn_number, fold_width

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

# ---------------------------------------------------------------- context and roles
SENT_END = "。；;!?！？\n"
CLAUSE_END = SENT_END + "，,：:"
#: 约 of 签约/预约/节约 and 近 of 附近/最近 are words, not approximations (全区共签约33652人 is exact).
APPROX_BEFORE = re.compile(r"((?<![签预节制契特])约|(?<![附最接])近|超过|逾|不低于|不少于|不超过|达到?|大约|接近)\s*$")
APPROX_AFTER = re.compile(r"^\s*(左右|以上|以下|以内|上下|多|余)")
LOWER_BOUND = {"以上", "不低于", "不少于", "超过", "逾"}
UPPER_BOUND = {"以下", "以内", "不超过"}
UP = r"增长|增加|上升|提高|提升|增幅|多|上涨|升高|延长"
DOWN = r"下降|减少|降低|降幅|少|回落|下滑|缩短"
#: The words of a change and of a completion, as the role table (``role_rules.csv``) writes them.
CHANGE_WORD = roles.cue_of("change")
CHANGE_DOWN = re.compile(rf"(?:{DOWN})(?:了|率|幅度?)?(?:为|是|达)?(?:近|约|超过|逾|将近|接近)?\s*$")
COMPLETION = roles.cue_of("completion")
ESTIMATE_CUE = re.compile(r"预计|预测|估计")
FENBIE = re.compile(r"分别(?:比上年|较上年|比去年|较去年|比去年同期|较去年同期|比上年同期|较上年同期|与去年同期相比|与同期相比|同比)?"
                    r"(?:为|是|达到?|占|增长|下降|提高|降低|增加|减少|上升|控制在|保持在|稳定在)?")
LIST_SEP = re.compile(r"^[\s、，,和及与:：为是达到了]*$")


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


# ---------------------------------------------------------------- indicator matching
def _unit_fits(ind: catalog.Indicator, f: Figure, role: str) -> bool:
    return ind.id in _fitting(f.unit, f.unit_kind, f.raw_unit, role)


@lru_cache(maxsize=2048)
def _fitting(unit: str, unit_kind: str, raw_unit: str, role: str) -> frozenset[str]:
    """Ids of the indicators a figure of this unit and role can measure (the unit test runs once per kind)."""
    probe = Figure(0, 0, "", "", raw_unit, None, None, unit, unit_kind)
    return frozenset(i.id for i in catalog.indicators().values() if _unit_fits_uncached(i, probe, role))


def _candidates(f: Figure, role: str) -> list[catalog.Indicator]:
    ids = _fitting(f.unit, f.unit_kind, f.raw_unit, role)
    if f.unit_kind == "bare" and f.value == 0 and role in ("level", "target"):
        # 孕产妇死亡率为0: a zero needs no unit, so a rate may take it
        ids = ids | {i.id for i in catalog.indicators().values() if i.unit_class == "rate"}
    return [i for i in catalog.indicators().values() if i.id in ids]


def _unit_fits_uncached(ind: catalog.Indicator, f: Figure, role: str) -> bool:
    if role == "change_pp":
        return ind.unit_class == "rate"  # percentage points move a rate, never a count
    if role in ("change_pct", "completion"):
        return True
    if ind.unit_class == "rate":
        if f.unit == ind.unit:
            return True
        return f.unit_kind == "bare" and ind.unit in ("ratio_100",)
    if ind.unit_class == "count":
        if ind.accepts:
            raws = {a[4:] for a in ind.accepts if a.startswith("raw:")}
            if raws and f.unit_kind != "bare" and f.raw_unit.lstrip("万余多") not in raws:
                return False
            return ("bare" if f.unit_kind == "bare" else f.unit) in ind.accepts
        return f.unit in COUNT_UNITS
    if ind.unit_class == "money":
        return f.unit == "yuan"
    if ind.unit_class == "volume":
        return f.unit == "ml"
    if ind.unit_class == "years":
        return f.unit == "years"
    if ind.unit_class == "duration":
        return f.unit == "days"
    if ind.unit_class == "density":  # 每千人口执业医师2.3名: the count unit is the numerator's, the rate is per 1,000
        return f.unit in ("persons", "count") or f.unit_kind == "bare"
    return False


def _last_pos(rx: re.Pattern, s: str) -> int:
    """Distance from the end of ``s`` to the end of the last match, or -1."""
    last = -1
    for m in rx.finditer(s):
        last = m.end()
    return len(s) - last if last >= 0 else -1


def match_indicator(near: str, subject_ctx: str, right: str, f: Figure, role: str,
                    veto_ctx: str = "", right_clause: str = "") -> tuple[str, int]:
    """Best catalog id for a figure, by nearest measure cue then nearest subject cue."""
    best, best_key = "", None
    if not _any_measure(near) and not _any_measure(right[:20]):
        return "", -1  # no cue word at all: the common case, decided by one combined regex
    for ind in _candidates(f, role):
        dm = _last_pos(ind.measure, near)
        from_right = False
        if dm < 0:
            mr = ind.measure.search(right)
            if not (mr and mr.start() <= 4):
                continue
            dm, from_right = 50 + mr.start(), True
        if ind.exclude is not None:
            span = (right_clause or right) if from_right else near
            if role in ("completion", "change_pct", "change_abs", "change_pp"):
                span = ROLE_WORDS.sub("", span)  # 完成率 / 增长率 say the role, not a vetoed measure
            if ind.exclude.search(span) or (veto_ctx and ind.exclude.search(veto_ctx)):
                continue
        ds = 0
        if ind.subject is not None:
            ds = _last_pos(ind.subject, subject_ctx)
            if ds < 0:
                continue
        cue_len = max((len(m.group(0)) for m in ind.measure.finditer(near)), default=0)
        key = (dm, 0 if ind.subject is not None else 1, ds, -cue_len)
        if best_key is None or key < best_key:
            best, best_key = ind.id, key
    return best, (best_key[0] if best_key else -1)


def _role(near_tail: str, clause: str, f: Figure, in_plan: bool, after: str = "", sentence_before: str = "",
          sentence: str = "") -> str:
    """The figure's role by the first rule of ``role_rules.csv`` that fires on its contexts."""
    ctx = {"unit": f"{f.unit} {f.unit_kind}", "before": near_tail, "clause": clause, "after": after,
           "sentence_before": sentence_before, "sentence": sentence, "section": "plan" if in_plan else "", "any": ""}
    role, _ = roles.decide(ctx)
    return roles.resolve(role, f.unit)


FILLER = re.compile(r"截至|截止到?|目前|今年|上半年|下半年|全年|全区|全县|全市|全镇|辖区|我区|我县|我市|共计|共有|共|累计|"
                    r"其中|分别|达到?|为|是|已|完成了?|了|等|的|在|有|人次|\d+月(?:份|底|中旬|上旬|下旬)?(?:\d+日)?|[、，,:：;\s]")
#: Words of a change or comparison: never a qualifier (与同期相比增长 is how, not whose).
CHANGE_FILLER = re.compile(rf"增长率|下降率|增幅|降幅|{UP}|{DOWN}|同比|环比|比上年|比去年|较上年|较去年|上年|去年|同期|"
                           r"较|比|与|相比|均|幅度|高出|低于|高于|平均水平")
#: Sub-groups a figure may be about: disease classes, population groups, and classes of facilities
#: (基层医疗卫生机构, 二级以上公立医院: their visits are not the whole place's).
GROUP_WORD = re.compile(r"(甲乙类|甲、乙类|甲乙丙类|甲类|乙类|丙类|乙、丙类|乙丙类|户籍|流动人口|常住|重点人群|"
                        r"基层医疗卫生机构|基层医疗机构|二级以上(?:公立)?医院|二级及以上(?:公立)?医院|三级(?:公立)?医院|"
                        r"公立医院|民营医院|社区卫生服务中心|乡镇卫生院|区级|市级|县级|乡镇|农村|城市|有偿)")
DISEASE = re.compile(r"(手足口病|肺结核|结核病|梅毒|乙肝|丙肝|戊肝|艾滋病|淋病|痢疾|其他感染性腹泻病?|流行性腮腺炎|腮腺炎|水痘|"
                     r"流感|猩红热|麻疹|狂犬病|登革热|疟疾|布病|伤寒|出血热)")
#: A left-over phrase is a qualifier only when it names a sub-group or item (服务包, 人群, 机构, 补偿 …)
#: and is not a verb phrase, a rate word or a fragment (预计新建居民, 覆盖率, )乙( are not qualifiers).
RESIDUAL_OK = re.compile(r"(服务包|人群|家庭|家庭成员|成员|对象|机构|场所|补偿|行医|病)$")
RESIDUAL_BAD = re.compile(r"[()（）]|预计|报告|作出|提供|建立|促进|任务|覆盖|率|人数|报表|中$|^月|规范化")
#: Every facility of the place (全区医疗卫生机构总诊疗人次) is the place itself, not a sub-group; after
#: 其中 (其中医疗机构立案处罚23起) the same words are one kind of facility among others.
_FACILITIES = r"(?:医疗卫生|医疗|卫生|医药卫生)机构"
ALL_FACILITIES = re.compile(rf"(?:全[区县市镇]|辖区|各级|各类|所有)(?:内|的|各级|各类)*{_FACILITIES}")
GENERIC_FACILITY = re.compile(rf"(?:各级|各类|所有)?{_FACILITIES}")
#: A named facility the figure belongs to (市四院, 区妇幼保健院, 樟市中心卫生院): a facility's value is
#: not the district's, so it is a qualifier. 住院/出院/入院 are services, not facilities.
FACILITY = re.compile(r"((?:[市区县省]|[\u4e00-\u9fff]{2}(?:镇|乡|街道)?)(?:[\u4e00-\u9fff]{0,6}?)"
                      r"(?:人民医院|中医院|医院|妇幼保健院|保健院|保健所|卫生院|疾控中心|疾病预防控制中心|(?<![住出入医学])院))"
                      r"(?!长|办|里|内外)")
FACILITY_OK = re.compile(r"^[市区县省]|[镇乡]|中心")


def _facility(sentence_before: str) -> str:
    """The last named facility in the sentence before a figure, or ''."""
    last = ""
    for m in FACILITY.finditer(sentence_before):
        name = m.group(1)
        if m.start() > 0 and sentence_before[m.start() - 1] in "全各本我":
            continue  # 全县医院: every hospital of the county, not one facility
        if FACILITY_OK.search(name) and not re.search(r"各|全|所有|基层|医疗机构|等", name):
            last = name
    return last


def _qualifier(near: str, ind_id: str, sentence_before: str = "", role: str = "level") -> str:
    if not ind_id:
        return ""
    q = ""
    m = GROUP_WORD.search(near)
    if m:
        q = m.group(1)
    ind = catalog.indicators()[ind_id]
    if ind.area == "disease_control" and ind_id != "vaccination_rate" and (d := DISEASE.search(near)):
        q = q or d.group(1)
    if ind_id == "vaccination_rate":
        vm = re.search(r"([\u4e00-\u9fffA-Za-z]{2,10}?)(?:疫苗)?(?:的)?接种率", near)
        if vm:
            v = FILLER.sub("", vm.group(1))
            q = "免疫规划" if "免疫规划" in near and (not v or "免疫规划" in v) else (v or q)
        if not q and "免疫规划" in near:
            q = "免疫规划"
    if not q:
        q = _facility(sentence_before)
    rest = ind.measure.sub("", near)
    if ind.subject is not None:
        rest = ind.subject.sub("", rest)
    rest = FILLER.sub("", CHANGE_FILLER.sub("", rest) if role.startswith("change") else rest)
    rest = re.sub(r"[\d.%]+", "", rest)
    rest = _strip_name_words(rest, ind.zh)
    if (not q and 2 <= len(rest) <= 12 and re.fullmatch(r"[\u4e00-\u9fffⅡ型-]+", rest)
            and RESIDUAL_OK.search(rest) and not RESIDUAL_BAD.search(rest)):
        q = rest
    if q and GENERIC_FACILITY.fullmatch(q) and ALL_FACILITIES.search(near):
        q = ""
    if q and q in ind.zh:
        q = ""  # 户籍 of 户籍人口, 儿童 of 3岁以下儿童系统管理率: the indicator itself, not a sub-group
    return q


_SENT_RX = re.compile("[" + re.escape(SENT_END) + "]")
_CLAUSE_RX = re.compile("[" + re.escape(CLAUSE_END) + "]")


class _Bounds:
    """Sentence and clause ends of ``norm[lo:hi]``, found once, looked up by bisection."""

    def __init__(self, norm: str, lo: int, hi: int):
        self.lo, self.hi = lo, hi
        self.sent = [m.start() for m in _SENT_RX.finditer(norm, lo, hi)]
        self.clause = [m.start() for m in _CLAUSE_RX.finditer(norm, lo, hi)]

    def sentence(self, i: int) -> tuple[int, int]:
        k = bisect_left(self.sent, i)
        a = self.sent[k - 1] + 1 if k > 0 else self.lo
        b = self.sent[k] if k < len(self.sent) else self.hi
        return a, b

    def clause_start(self, i: int, lo: int | None = None) -> int:
        lo = self.lo if lo is None else lo
        k = bisect_left(self.clause, i)
        a = self.clause[k - 1] + 1 if k > 0 else lo
        return max(a, lo)


def _after(norm: str, e: int, end: int, width: int, stops: str = CLAUSE_END) -> str:
    """The words right after a figure: up to ``width`` characters, the first stop, or ``end``.
    Short and cut at 、 for a cue written after the number (667984人参加新农合); the rest of the
    clause for a veto (有3623名参加合作医疗的农牧民因病住院: 住院 vetoes 参合)."""
    hi = min(end, e + width)
    m = _stop_rx(stops).search(norm, e, hi)
    return norm[e:m.start() if m else hi]


@lru_cache(maxsize=8)
def _stop_rx(stops: str) -> re.Pattern:
    return re.compile("[" + re.escape(stops) + "]")


@lru_cache(maxsize=4)
def _short_headings(text: str) -> tuple[tuple, list[int]]:
    from .segment import classified_lines

    heads = tuple(l for l in classified_lines(text) if l.kind == "heading" and len(l.text.strip()) <= 40)
    return heads, [h.start for h in heads]


def plan_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Character spans of plan sections (下半年工作安排, 明年工作思路 …) inside a report."""
    from .report_meta import PLAN_HEAD

    all_heads, starts = _short_headings(text)
    heads = all_heads[bisect_left(starts, lo):bisect_left(starts, hi)]
    spans = []
    for i, h in enumerate(heads):
        if PLAN_HEAD.search(h.text) and h.level in (1, 2):
            end = hi
            for h2 in heads[i + 1:]:
                if h2.level and h.level and h2.level <= h.level:
                    end = h2.start
                    break
            spans.append((h.start, end))
    return spans


def extract_report(text: str, lo: int, hi: int, kind: str = "summary", mask_years=frozenset({"2024"}),
                   junk: list[tuple[int, int, str]] | None = None, norm: str | None = None,
                   work: str | None = None) -> list[Figure]:
    """All figures of the report ``text[lo:hi]``; offsets are into ``text``.

    ``work`` is the working copy segmentation ran on (traditional → simplified, same length);
    ``norm`` its width-folded form, on which every cue is matched. Both default to ``text``."""
    work = text if work is None else work
    norm = norm if norm is not None else fold_width(work)
    figs = find_numbers(norm, lo, hi, set(mask_years))
    if junk:
        starts = [a for a, _, _ in junk]
        figs = [f for f in figs if not _in_spans(f.start, starts, junk)]
    plans = [(lo, hi)] if kind == "plan" else plan_spans(work, lo, hi)
    by_sentence: dict[tuple[int, int], list[Figure]] = {}
    bounds = _Bounds(norm, lo, hi)
    for f in figs:
        f.raw = text[f.start:f.end]
        f.sentence = bounds.sentence(f.start)
        f.clause_start = bounds.clause_start(f.start)
        f.in_plan = any(a <= f.start < b for a, b in plans)
        by_sentence.setdefault(f.sentence, []).append(f)
    extra: list[Figure] = []
    before: list[Figure] = []  # the figures of the sentence before (by_sentence keeps the text's order)
    for (sa, sb), sfigs in by_sentence.items():
        clones = _resolve_sentence(norm, sa, sb, hi, sfigs, bounds, before)
        before = sfigs
        quote = text[sa:sb].strip()
        for f in sfigs + clones:
            f.quote = quote if len(quote) <= 300 else text[max(sa, f.start - 120):min(sb, f.end + 120)].strip()
        extra.extend(clones)
    if extra:
        figs = sorted(figs + extra, key=lambda f: f.start)  # stable: the first row of a span stays first
    return figs


def _in_spans(i: int, starts: list[int], spans) -> bool:
    k = bisect_right(starts, i) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _resolve_sentence(norm: str, sa: int, sb: int, hi: int, sfigs: list[Figure], bounds: _Bounds,
                      before: list[Figure] = ()) -> list[Figure]:
    """Decide role, indicator and qualifier of each figure of one sentence. Returns the extra rows of
    values shared by several indicators (高血压、糖尿病患者规范管理率均达到60%)."""
    shared: list[Figure] = []
    prev: Figure | None = None
    prev_near = ""
    lists: list[tuple[list[str], str, list[Figure]]] = []  # (subjects, phrase, figures) of 分别 lists
    current_list: tuple[list[str], str, list[Figure]] | None = None
    for f in sfigs:
        cs = f.clause_start
        near = norm[cs:f.start]
        # The cue must follow the previous figure, unless that figure is glued on (8种585例).
        if prev is not None and prev.end > cs:
            gap = norm[prev.end:f.start]
            if len(gap.strip()) > 2:
                near = gap
        clause = norm[cs:f.end] + _after(norm, f.end, sb, 8)  # never past the clause end
        subject_ctx = norm[sa:f.start]
        right = _after(norm, f.end, hi, 14, CLAUSE_END + "、")
        # Is this figure an item of a list after 分别?
        seg_since = norm[(prev.end if prev else sa):f.start]
        in_list = current_list is not None and prev is not None and LIST_SEP.match(seg_since) is not None
        if not in_list:
            current_list = None
            fm = None
            for fm in FENBIE.finditer(norm, sa, f.start):
                pass
            if fm is not None and LIST_SEP.match(norm[fm.end():f.start]) is not None:
                ps = bounds.clause_start(fm.start(), sa)
                phrase = norm[ps:fm.start()]
                subjects = [s for s in re.split(r"[、和及与]", phrase) if s.strip()]
                current_list = (subjects, norm[fm.start():fm.end()], [])
                lists.append(current_list)
        near_tail = norm[max(cs, f.start - 14):f.start]
        f.role = _role(near_tail, clause, f, f.in_plan, norm[f.end:min(f.end + 20, sb)], norm[sa:f.start],
                       norm[sa:sb])
        if current_list is not None:
            current_list[2].append(f)
            k = len(current_list[2]) - 1
            if k > 0 and not CHANGE_WORD.search(near_tail) and not COMPLETION.search(near_tail):
                f.role = current_list[2][0].role
        ind = ""
        if current_list is not None:
            ind = _match_list_item(current_list, lists, f, sfigs)
            f.how = "list" if ind else ""
        elif f.role in ("level", "target", "baseline"):
            as_role = "level" if f.role == "baseline" else f.role
            ind, _ = match_indicator(near, subject_ctx, right, f, as_role, veto_ctx=_paren_host(norm, cs, f.start),
                                     right_clause=_after(norm, f.end, sb, 40))
            f.how = "cue" if ind else ""
            if (jm := JUN_LIST.search(near)) and f.role in ("level", "target"):
                # 孕产妇系统管理率、住院分娩率均达到95%: one value for each measure of the list, each item
                # matched (and vetoed) on its own words
                found = []
                for item in re.split(r"[、和及与]", jm.group(1)):
                    k, _ = match_indicator(item, norm[sa:cs] + item, "", f, as_role)
                    if k and k not in found:
                        found.append(k)
                if len(found) > 1 or (found and not ind):
                    ind, f.how = found[0], "list"
                    for other in found[1:]:
                        shared.append(replace(f, indicator=other, how="shared", flags=list(f.flags)))
            if not ind and f.role == "baseline":
                # 签约率达到35%，比上年的28%提高…: the baseline of the level just stated
                ind = _inherit(f, sfigs, prefer_count=False)
                if ind and not _unit_fits(catalog.indicators()[ind], f, "level"):
                    ind = ""
                f.how = "inherit" if ind else ""
        if not ind and f.role in ("change_pct", "change_abs", "change_pp", "completion"):
            ind, _ = match_indicator(near, subject_ctx, "", f, f.role)
            if not ind:
                ind = _inherit(f, sfigs, prefer_count=f.role == "completion")
                own = re.sub(r"了|的|为|达|分别|[\s,，]", "", CHANGE_FILLER.sub("", near))
                if f.role != "completion" and re.search(r"[数率量]|费用|人次|价格", own):
                    ind = ""  # 发病数下降2.46%，死亡数上升6.9%: the second change is about something else
            if (not ind and f.role.startswith("change") and before and f is sfigs[0]
                    and CONTINUES.match(norm[sa:f.start]) and not _any_measure(norm[sa:f.start])):
                # 参合率为96.2%。较上年提高了1.3个百分点: a sentence that opens with the comparison goes on
                # about the last level of the sentence before
                last = [g for g in before if g.indicator and g.role in ("level", "target")]
                if last and (f.role != "change_pp" or catalog.indicators()[last[-1].indicator].unit_class == "rate"):
                    ind = last[-1].indicator
            if ind and f.role.startswith("change") and AVERAGE.search(near):
                ind = ""  # 比全市平均水平高出0.18个百分点: a gap to an average, not a change over time
            f.how = "inherit" if ind else ""
        if (not ind and current_list is None and f.role in ("level", "target") and prev is not None
                and prev.how == "cue" and prev.role == f.role and prev.unit == f.unit
                and re.fullmatch(r"、[\u4e00-\u9fff]{1,10}", norm[prev.end:f.start])):
            # 管理高血压患者8650人、糖尿病患者2140人: the verb before the first item serves the next one, when
            # the item names its own subject there (not 孕前检查8人、免费为15名妇女施行了取环手术)
            gap = norm[prev.end:f.start]
            ind, _ = match_indicator(prev_near + gap, subject_ctx, "", f, f.role)
            subj = catalog.indicators()[ind].subject if ind else None
            if ind and (subj is None or not subj.search(gap) or ind == prev.indicator):
                ind = ""
            f.how = "cue" if ind else ""
        if (not ind and current_list is None and f.role in ("level", "target") and prev is not None and prev.indicator
                and prev.role in ("baseline", "change_pct", "change_abs", "change_pp") and ARRIVE.search(near)
                and not _any_measure(near) and _unit_fits(catalog.indicators()[prev.indicator], f, f.role)):
            # 由去年的5.2‰下降到3.8‰, 比上年提高1.2个百分点，达到99.6%: the level arrived at is the same indicator's
            ind, f.how = prev.indicator, "inherit"
        part_label = ""
        if (not ind and current_list is None and f.role in ("level", "target") and prev is not None
                and prev.indicator and len(near) <= 12 and "其中" in norm[sa:f.start] and not re.search(r"率|比", near)):
            # 其中高级服务包304人，中级服务包196人: parts of the figure before, each named by its group
            pind = catalog.indicators()[prev.indicator]
            veto = _paren_host(norm, cs, f.start)
            total = next((g for g in reversed(sfigs[:sfigs.index(f)]) if g.indicator == prev.indicator
                          and g.how != "inherit"), prev)
            part_label = _part_label(near)
            if (_unit_fits(pind, f, f.role) and part_label
                    and not (pind.exclude and (pind.exclude.search(near) or pind.exclude.search(veto)))
                    and not _any_measure(near) and pind.unit_class == "count"
                    and (f.value is None or total.value is None or f.value <= total.value)):
                ind, f.how = prev.indicator, "inherit"
        if (not ind and current_list is None and f.unit == "percent" and f.role == "level" and prev is not None
                and prev.indicator in RATE_OF and SHARE_OF.search(near)):
            # 67925名农牧民参加了新型合作医疗，占全县农牧民总人数的86.57%: the rate of that count
            ind, f.how = RATE_OF[prev.indicator], "inherit"
        if (not ind and current_list is None and f.role == "level" and prev is not None and prev.indicator
                and (prev.role == "target" or (prev.role == "level" and LIMIT.search(norm[prev.clause_start:prev.start])))
                and len(near) <= 8 and ACTUAL.search(near) and not _any_measure(near)
                and _unit_fits(catalog.indicators()[prev.indicator], f, f.role)):
            # 检查任务为1418人，实际检查1854人: the achieved level of the target just stated; 性别比控制在112以内，
            # 实际为109.6: the limit before an actual value is a target
            ind, f.how = prev.indicator, "inherit"
            prev.role = "target"
        # 下降 before the value, or before a whole 分别 list (分别比上年下降2.1%和1.5%)
        down = CHANGE_DOWN.search(near_tail) or (current_list is not None and not CHANGE_WORD.search(near_tail)
                                                 and re.search(DOWN, current_list[1]))
        if ind and f.role in ("change_abs", "change_pct", "change_pp") and f.value is not None and down:
            f.value = -f.value
        f.indicator = ind
        if ESTIMATE_CUE.search(norm[cs:f.start]) and "estimate" not in f.flags:
            f.flags.append("estimate")
        if ind:
            if f.how == "list":
                f.qualifier = _group_word(f.list_subject, ind)
            elif f.how == "inherit" and part_label:
                f.qualifier = part_label
            else:
                f.qualifier = _qualifier(near, ind, norm[sa:f.start], f.role)
                if not f.qualifier and f.how == "inherit" and prev is not None and prev.indicator == ind:
                    f.qualifier = prev.qualifier  # 乙类发病率由…下降到…: the level arrived at is 乙类's too
            if not f.qualifier and f.role.startswith("change"):
                # 乙类传染病发病率为145.50/10万，同比下降5.97%: the change is about the 乙类 rate
                ref = [g for g in sfigs if g.end <= f.start and g.indicator == ind and g.role in ("level", "target")]
                if ref:
                    f.qualifier = ref[-1].qualifier
            target_unit = catalog.indicators()[ind].unit
            if (f.unit_kind == "bare" or catalog.indicators()[ind].unit_class == "density") and f.role in ("level", "target"):
                f.unit = target_unit
            elif f.unit == "records" and ind not in ("health_records_count",) and f.role in ("level", "target"):
                f.unit = target_unit if catalog.indicators()[ind].unit_class == "count" else f.unit
        elif f.unit == "records" and "档案" not in near:
            f.unit = "count"
        if ind and f.how == "cue" and current_list is None and f.role in ("level", "target"):
            shared.extend(_shared_value(near, ind, f))
        prev, prev_near = f, near
    return shared


#: The rate that goes with a count: a share stated right after the count (占…的X%) is that rate.
RATE_OF = {"health_records_count": "health_records_rate", "family_doctor_signed": "family_doctor_signing_rate",
           "elderly_mgmt_count": "elderly_mgmt_rate", "hypertension_mgmt_count": "hypertension_mgmt_rate",
           "diabetes_mgmt_count": "diabetes_mgmt_rate", "severe_mental_mgmt_count": "severe_mental_mgmt_rate",
           "premarital_exam_count": "premarital_exam_rate", "ncms_participants": "ncms_participation_rate"}
SHARE_OF = re.compile(r"^\s*占[\u4e00-\u9fff]{0,16}的?\s*$")
ROLE_WORDS = re.compile(r"完成率|完成进度|增长率|下降率|增幅|降幅")
#: Measures listed before one value stated for all of them: …系统管理率、住院分娩率均达到95%.
JUN_LIST = re.compile(r"((?:[^、，,；;。]{2,16}、)+[^、，,；;。]{2,16}?)(?:均|都|全部)(?:为|是|达到?|在|保持在)?\s*$")
#: A sentence that opens with its comparison (较上年提高了…, 同比增长…) continues the sentence before.
CONTINUES = re.compile(r"^\s*(?:较|比|同比|与)(?:上年|去年|上一年|同期|上年同期|去年同期|(?:\d{4}|20[Xx×*]{2}|[Xx]{2})年)?")
AVERAGE = re.compile(r"平均水平|平均值|均值|平均数")
#: A value arrived at, right after its baseline or its change: 下降到3.8‰, 提高到2017年的91.2%, ，达到99.6%.
ARRIVE = re.compile(r"(?:到|至|达到?|为)了?(?:(?:\d{4}|20[Xx×*]{2}|[Xx]{2})年|今年|本年)?(?:底|末)?的?\s*$")
LIMIT = re.compile(r"控制在|保持在|稳定在|不超过|不低于|不高于")
ACTUAL = re.compile(r"实际|实有|实查|实检|已完成|已检查|已查|已")


def _strip_name_words(rest: str, name: str) -> str:
    """Drop from the end of ``rest`` the words it shares with the indicator's name (特殊家庭成员家庭医生
    for 家庭医生签约人数 → 特殊家庭成员): they say what is measured, not whose figure it is."""
    changed = True
    while changed and len(rest) >= 2:
        changed = False
        for n in range(min(len(rest), 6), 1, -1):
            if rest[-n:] in name:
                rest, changed = rest[:-n], True
                break
    return rest


def _part_label(near: str) -> str:
    """The name of a part after 其中 (其中65岁以上老年人17895人 → 65岁以上老年人), or ''."""
    label = FILLER.sub("", near)
    label = re.sub(r"^[\s(（]+|[\s)）]+$", "", label)
    return label if 2 <= len(label) <= 12 and re.fullmatch(r"[\u4e00-\u9fff0-9\-~岁以上下Ⅱ型]+", label) else ""


def _group_word(subject: str, ind_id: str) -> str:
    """Qualifier of a 分别 list item from its own subject (户籍人口 → 户籍; 流动人口 → 流动人口)."""
    if not subject:
        return ""
    if ind_id == "vaccination_rate":
        v = re.sub(r"疫苗|接种率|接种|免疫规划", "", FILLER.sub("", subject))
        return v if 1 < len(v) <= 10 else ("免疫规划" if "免疫规划" in subject else "")
    m = GROUP_WORD.search(subject) or DISEASE.search(subject)
    q = m.group(1) if m else ""
    return "" if q and q in catalog.indicators()[ind_id].zh else q


def _shared_value(near: str, ind_id: str, f: Figure) -> list[Figure]:
    """One value stated for several subjects before one measure (高血压、糖尿病患者规范管理率均达到60%;
    65岁以上老年人和0-36个月儿童中医药健康管理服务覆盖率达到55%): a row for each other indicator."""
    from dataclasses import replace

    ind = catalog.indicators()[ind_id]
    m = None
    for m in ind.measure.finditer(near):
        pass
    if m is None or m.start() == 0:
        return []
    head = near[:m.start()]
    parts = [p for p in re.split(r"[、和及与]", head) if p.strip()]
    if len(parts) < 2:
        return []
    out, seen = [], {ind_id}
    for part in parts[:-1]:
        other = _match_subject(part, part + m.group(0), f, shared=True)
        if other and other not in seen and catalog.indicators()[other].subject is not None:
            seen.add(other)
            out.append(replace(f, indicator=other, how="shared", qualifier=_group_word(part, other), flags=list(f.flags)))
    return out


def _paren_host(norm: str, cs: int, i: int) -> str:
    """For a figure inside parentheses, the words before the parenthesis (死亡病例2例(艾滋病1例…))."""
    lo = max(0, i - 60)  # only a parenthesis opened within 60 characters counts: never scan the whole text
    open_ = max(norm.rfind("(", lo, i), norm.rfind("（", lo, i))
    close = max(norm.rfind(")", lo, i), norm.rfind("）", lo, i))
    if open_ > close and open_ >= 0:
        a = max((norm.rfind(c, max(0, open_ - 200), open_) for c in "，,；;。：:"), default=-1)
        a = a + 1 if a >= 0 else max(0, open_ - 200)
        return norm[a:open_]
    return ""


_ALL_MEASURES: re.Pattern | None = None


def _any_measure(s: str) -> bool:
    global _ALL_MEASURES
    if _ALL_MEASURES is None:
        _ALL_MEASURES = re.compile("|".join(f"(?:{i.measure.pattern})" for i in catalog.indicators().values()))
    return bool(_ALL_MEASURES.search(s))


def _inherit(f: Figure, sfigs: list[Figure], prefer_count: bool) -> str:
    """The indicator of the figure a change or completion refers to: close before it, same sentence."""
    near = [g for g in sfigs if g.end <= f.start and f.start - g.end <= 30]
    before = [g for g in near if g.indicator]
    if not before:
        return ""
    if prefer_count:
        counts = [g for g in before if g.unit in COUNT_UNITS and g.role in ("level", "target")]
        if counts:
            return counts[-1].indicator
    levels = [g for g in before if g.role in ("level", "target")]
    pick = (levels or before)[-1]
    if f.role.startswith("change") and any(g.role in ("level", "target") and not g.indicator and g.start > pick.end
                                           for g in near):
        return ""  # 门诊人次增长12.3%，药占比下降至32.5%，比去年同期下降3个百分点: about the level in between
    return pick.indicator


def _match_list_item(cur, lists, f: Figure, sfigs: list[Figure]) -> str:
    subjects, phrase, items = cur
    k = len(items) - 1
    # A change list with no subjects of its own (…分别与同期相比增长44%，11.6%) refers to earlier figures.
    if f.role.startswith("change") and (not subjects or not any(_any_measure(s) for s in subjects)):
        earlier = [g for g in sfigs if g.end <= items[0].start and g.indicator and g.role in ("level", "target")]
        n = len(items)
        # how many items will the list have? count the figures glued to this list so far, at least k+1
        if len(earlier) >= k + 1:
            span = earlier[-max(n, _list_len(cur, sfigs)):]
            if k < len(span):
                return span[k].indicator
        return ""
    if len(subjects) <= 1:
        # 规范管理率分别达84.65%、60%、39.99%: reuse the subjects of the previous list of the same length
        n = _list_len(cur, sfigs)
        for prev_subjects, _, prev_items in reversed(lists[:-1]):
            if len(prev_subjects) == n and len(prev_subjects) > 1:
                stem = "".join(subjects)
                subj_k = prev_subjects[k] if k < len(prev_subjects) else ""
                return _match_subject(subj_k, subj_k + prev_subjects[-1] + stem, f)
        # 管理高血压患者8650人、糖尿病患者2140人，规范管理率分别为71.2%、68.5%: the rates of the counts just
        # listed, in their order, when the words before 分别 name that rate
        counts = [g for g in sfigs if g.end <= items[0].start and g.indicator in RATE_OF and g.role == "level"]
        if n > 1 and len(counts) >= n and k < n and f.unit == "percent":
            rate = RATE_OF[counts[-n:][k].indicator]
            if catalog.indicators()[rate].measure.search("".join(subjects)):
                return rate
        return ""
    if k >= len(subjects):
        return ""
    f.list_subject = subjects[k]
    return _match_subject(subjects[k], subjects[k] + subjects[-1], f, shared=k < len(subjects) - 1)


def _list_len(cur, sfigs: list[Figure]) -> int:
    """Number of values in a 分别 list: the first item and the figures glued to it by 、/，."""
    items = cur[2]
    first = items[0]
    n, last = 1, first
    for g in sfigs:
        if g.start <= first.start:
            continue
        # we only know the text through the figures' offsets; consecutive figures count
        if g.start - last.end <= 3:
            n += 1
            last = g
        else:
            break
    return max(n, len(items))


def _match_subject(subject: str, measure_ctx: str, f: Figure, shared: bool = False) -> str:
    """Indicator of one list item. ``shared``: the measure is written once, after the last subject
    (户籍人口、流动人口政策生育率分别为…), so an earlier subject need not carry it."""
    best, key = "", None
    for ind in _candidates(f, f.role):
        if not ind.measure.search(measure_ctx):
            continue
        if ind.exclude is not None and ind.exclude.search(subject):
            continue
        if ind.exclude is not None and ind.unit_class != "rate" and ind.exclude.search(measure_ctx):
            continue
        own = ind.measure.search(subject)
        if ind.subject is not None:
            if not ind.subject.search(subject):
                continue
            k = (0 if own else 1, 0, -len(own.group(0)) if own else 0)
        else:
            if not own and not shared:
                continue
            k = (0 if own else 1, 1, -len(own.group(0)) if own else 0)
        # the item's own measure words first (孕产妇住院分娩率 is 住院分娩率, not 孕产妇…管理率),
        # then a subject match, then the longest measure
        if key is None or k < key:
            best, key = ind.id, k
    return best
