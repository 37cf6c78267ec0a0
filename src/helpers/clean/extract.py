"""Extract every figure of a report with its unit, normalized value, role, indicator and sentence.

The machinery, all general (no pattern is written for one sentence of one file), one module per step:

* ``numbers``: every figure token, by the unit grammar of ``units.csv`` (number, range, 万/亿, 余/多, unit,
  左右/以上), without what ``not_figures.csv`` says is no figure (years, dates, ordinals, codes, list markers);
  full-width forms are folded on a same-length copy so offsets stay those of the raw text;
* ``roles``: the role from the words around the number, by ``role_rules.csv`` (change, completion, target,
  baseline, level), a plan section being a weak prior;
* ``matching``: the indicator from the cue lexicon of ``indicators.csv``: a ``measure`` cue in the clause just
  before the number (or right after it: 667984人参加新农合), a ``subject`` cue in the sentence before it, nearest
  cue wins, ``exclude`` words veto; the unit class must fit;
* ``lists``: values after 分别 are mapped one to one onto the subjects listed before it
  (高血压、糖尿病规范管理率分别为60%、40%); one value may serve several measures or subjects;
* ``qualifiers``: the sub-group or facility a figure is about, by ``qualifier_words.csv``;
* ``plan_parts``: the plan sections and next-year paragraphs of a report, whose figures read as targets;
* ``cues_near``: the role of a figure from its contexts, and the cue patterns that relate a sentence's figures.

This module walks a report sentence by sentence and puts these together: a change or completion with no cue of
its own, or an item after 其中, takes the indicator of the figure it refers to.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..core import catalog
from . import dated, table_columns
from .plan_parts import plan_spans, next_year_span
from .lists import (CHAIN_ITEM, FENBIE, JUN_LIST, LIST_SEP, PER_PREFIX, RATE_OF, implicit_list as _implicit_list, inherit,
                    in_order as _in_order, match_list_item, names_before as _names_before, shared_value,
                    value_list as _value_list)
from .last_match import last_match
from .matching import any_measure, cue_near, match_indicator, unit_fits
from .numbers import OPENS_WITH_PART, Figure, find_numbers
from .bounds import CLAUSE_END, Bounds as _Bounds
from .first_chars import may_occur
from .numerals import fold_width
from .cues_near import (
    ACTUAL, ARRIVE, AVERAGE, BASELINE_PAIR_NEXT, BENEFICIARY, BRACKET_AFTER, CHANGES_FOLLOW, CHANGE_DOWN, CHANGE_WORD,
    COMPLETION, CONTINUES, DOWN, ESTIMATE_CUE, FENBIE_FIRST, FROM_LIST, GROUP_LABEL_ONLY, LABEL_MAX, LIMIT,
    MONTH_LABEL_ONLY, MOVED_LIST, PART_EDGES, PART_GROUP, PERIOD_REACH, PER_CAPITA_ONLY, RATE_IS, RESTATED,
    ROW_UNITS, SHARE_OF, STANDARD, GOAL_AFTER, TABLE_ROW, TO_HALF, WIDER_AREA_BRACKET, YEAR_LABEL_ONLY,
    paren_host as _paren_host, role as _role, words_after as _after)
from .qualifiers import CHANGE_FILLER, group_word, part_label, qualifier_of


def extract_report(text: str, lo: int, hi: int, kind: str = "summary", mask_years=frozenset(),
                   junk: list[tuple[int, int, str]] | None = None, norm: str | None = None,
                   work: str | None = None, year: int | None = None) -> list[Figure]:
    """All figures of the report ``text[lo:hi]``; offsets are into ``text``. ``year``: the report's year, when
    known (a level dated to an earlier year is a baseline, ``clean.dated``).

    ``work`` is the working copy segmentation ran on (traditional → simplified, same length);
    ``norm`` its width-folded form, on which every cue is matched. Both default to ``text``."""
    work = text if work is None else work
    norm = norm if norm is not None else fold_width(work)
    figs = find_numbers(norm, lo, hi, set(mask_years))
    if junk:
        starts = [a for a, _, _ in junk]
        figs = [f for f in figs if not _in_spans(f.start, starts, junk)]
    plans = [(lo, hi)] if kind == "plan" else plan_spans(work, lo, hi) + next_year_span(work, lo, hi, year)
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
    figs = table_columns.apply(norm, lo, hi, figs, plan=kind == "plan")
    dated.past_deadline_levels(norm, figs, year)
    dated.earlier_year_baselines(norm, figs, year)
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
    if before and OPENS_WITH_PART.match(norm, sa, sb):
        # 期望寿命为81.6岁。其中：男性79.7岁，女性83.8岁: a sentence that opens with 其中 breaks down the last
        # figure of the sentence before
        prev = next((g for g in reversed(before) if g.indicator), None)
    chain_near: str | None = None  # the words before the first item of a 、-chain of counts (管理高血压患者8650人、…)
    lists: list[tuple[list[str], str, list[Figure]]] = []  # (subjects, phrase, figures) of 分别 lists
    current_list: tuple[list[str], str, list[Figure]] | None = None
    pairs: set[int] = set()  # 分别 lists of from-to pairs (分别从A提高到B、C提高到D)
    for fi, f in enumerate(sfigs):
        nxt = sfigs[fi + 1] if fi + 1 < len(sfigs) else None  # the figures are in the text's order
        cs = f.clause_start
        near = norm[cs:f.start]
        # The cue must follow the previous figure, unless that figure is glued on (8种585例).
        if prev is not None and prev.end > cs:
            gap = norm[prev.end:f.start]
            if len(gap.strip()) > 2:
                near = gap
        if not near.strip() and cs - 1 > sa and norm[cs - 1] in "：:":
            # 乙类：3189例 — a label, a colon, the value: the label names what the value measures
            lab = norm[bounds.clause_start(cs - 1, sa):cs - 1]
            if len(lab.strip()) <= LABEL_MAX:
                near = lab
        clause = norm[cs:f.end] + _after(norm, f.end, sb, 8)  # never past the clause end
        subject_ctx = norm[sa:f.start]
        right = _after(norm, f.end, hi, 14, CLAUSE_END + "、")
        # Is this figure an item of a list after 分别?
        seg_since = norm[(prev.end if prev else sa):f.start]
        in_list = current_list is not None and prev is not None and LIST_SEP.match(seg_since) is not None
        pair_to = None
        if (not in_list and current_list is not None and prev is not None and current_list[2]
                and FROM_LIST.search(current_list[1]) and TO_HALF.fullmatch(seg_since)):
            if len(current_list[2]) == 1 or id(current_list) in pairs:
                # 城镇、农村分别从A提高到B、C提高到D: each from-value is followed by its to-value
                pairs.add(id(current_list))
                pair_to, in_list = current_list[2][-1], True
            else:
                # 分别由2030年的A、B下降到2035年的C、D: the values after 到 map onto the same subjects again
                current_list = (current_list[0], current_list[1], [])
                lists.append(current_list)
                in_list = True
        if not in_list:
            current_list = None
            fm = last_match(FENBIE, norm, sa, f.start) if may_occur(FENBIE_FIRST, norm, sa, f.start) else None
            if fm is None and (im := _implicit_list(norm, bounds, sa, f.start,
                                                    norm[f.end:nxt.start] if nxt else None)) is not None:
                fm = im
            if fm is None and (vm := _value_list(norm, sa, f, nxt)) is not None:
                fm = vm
            if fm is None and (om := _in_order(norm, sa, f.start)) is not None:
                # 2031-2035年孕产妇死亡率逐年下降，依次为：a、b、c…: one measure, its values in order
                current_list = ([norm[sa:om.start()]], om.group(0), [])
                lists.append(current_list)
            if fm is not None and LIST_SEP.match(norm[fm.end():f.start]) is not None:
                ps = bounds.clause_start(fm.start(), sa)
                phrase = norm[ps:fm.start()]
                if not any_measure(phrase) and ps - 1 > sa:
                    # 孕产妇死亡率和婴儿死亡率持续下降，分别降至…: the subjects are in the clause before, when it
                    # names them without values (门诊12万人次，出院9709人次，分别增长…: the values before are the list)
                    before = norm[bounds.clause_start(ps - 1, sa):ps - 1]
                    if not re.search(r"\d", before):
                        phrase = before
                subjects = [s for s in re.split(r"[、和及与]", phrase) if s.strip()]
                if len(subjects) == 1 and any_measure(phrase) and ps - 1 > sa:
                    # 肺结核、梅毒、乙肝，发病率分别为…: the names listed in the clause before, each with the measure
                    names = _names_before(norm[bounds.clause_start(ps - 1, sa):ps - 1])
                    if names:
                        subjects = [n + phrase for n in names]
                if len(subjects) > 1 and (pm := PER_PREFIX.match(subjects[0])):
                    # 每千人口执业医师、注册护士分别为…: the per-1,000 prefix of the first item serves them all
                    subjects = subjects[:1] + [s if PER_PREFIX.match(s) else pm.group(0) + s for s in subjects[1:]]
                current_list = (subjects, norm[fm.start():fm.end()], [])
                lists.append(current_list)
        near_tail = norm[max(cs, f.start - 14):f.start]
        f.role = _role(near_tail, clause, f, f.in_plan, norm[f.end:min(f.end + 20, sb)], norm[sa:f.start],
                       norm[sa:sb], bounds.lead(sa),
                       norm[max(bounds.period_start(f.start), f.start - PERIOD_REACH):f.start])
        # 较2012年的A和B分别降低…: B, joined to the baseline A before a 分别 change list, is a baseline too
        second_baseline = (prev is not None and prev.role == "baseline" and BASELINE_PAIR_NEXT.match(seg_since)
                           and CHANGES_FOLLOW.match(norm[f.end:sb]))
        if f.role == "level" and second_baseline:
            f.role = "baseline"
        if current_list is not None and pair_to is None:
            current_list[2].append(f)
            k = len(current_list[2]) - 1
            if k > 0 and not CHANGE_WORD.search(near_tail) and not COMPLETION.search(near_tail):
                f.role = current_list[2][0].role
        ind = ""
        if pair_to is not None:
            ind, f.how, f.list_subject = pair_to.indicator, ("list" if pair_to.indicator else ""), pair_to.list_subject
        elif current_list is not None:
            ind = match_list_item(current_list, lists, f, sfigs, norm)
            f.how = "list" if ind else ""
        elif f.role in ("level", "target", "baseline"):
            as_role = "level" if f.role == "baseline" else f.role
            ind = ""
            if cue_near(near, right):  # else no cue at all: no veto context to cut out
                ind, _ = match_indicator(near, subject_ctx, right, f, as_role, veto_ctx=_paren_host(norm, cs, f.start),
                                         right_clause=_after(norm, f.end, sb, 40))
            if not ind and f.unit == "percent" and norm[f.end:f.end + 1] == "。" and f.raw_unit == "%":
                # 婴儿死亡率为2.50%。: a page whose font lost ‰ prints %。 — a per-mille measure takes it as ‰
                pm = replace(f, unit="permille", raw_unit="‰", flags=list(f.flags))
                k, _ = match_indicator(near, subject_ctx, right, pm, as_role)
                if k and catalog.indicators()[k].unit == "permille":
                    ind, f.unit = k, "permille"
                    f.flags.append("garbled_permille")
            in_row = not ind and f.unit_kind == "bare" and TABLE_ROW.search(
                norm[max(norm.rfind("\n", 0, f.start) + 1, f.start - 80):f.start])
            # 2 | 婴儿死亡率(‰) | 2.92: a table row whose label names a rate, the cell without a unit of its own;
            # 新生儿死亡率为4.38，…: a rate named right before a value that lost its unit. Either takes the rate's unit.
            flag = "unit_from_row_label" if in_row else (
                "unit_from_measure" if not ind and f.unit_kind == "bare" and RATE_IS.search(near_tail) else "")
            if flag:
                for unit, kind in ROW_UNITS:
                    g = replace(f, unit=unit, unit_kind=kind, flags=list(f.flags))
                    k, _ = match_indicator(near, subject_ctx, right, g, as_role)
                    if k and catalog.indicators()[k].unit == unit:
                        ind, f.unit, f.unit_kind = k, unit, kind
                        f.flags.append(flag)
                        break
            if not ind and BENEFICIARY.search(near_tail):
                # 为1.2万对计划怀孕夫妇提供免费孕前优生健康检查: the count of people served, the service named after them
                ind, _ = match_indicator("", subject_ctx, _after(norm, f.end, sb, 40), f, as_role, reach=30)
            f.how = "cue" if ind else ""
            if (not ind and prev is not None and prev.indicator
                    and (YEAR_LABEL_ONLY.match(near) or GROUP_LABEL_ONLY.match(near) or MONTH_LABEL_ONLY.match(near))
                    and unit_fits(catalog.indicators()[prev.indicator], f, as_role)):
                # 2014年出生人口为12.3万人，2015年为11.5万人: a year and a verb only — the same measure, that year
                ind, f.how = prev.indicator, "inherit"
            if not ind and prev is not None and prev.unit_kind != "bare" and PER_CAPITA_ONLY.match(near):
                # 拥有病床425张，每千人口2.13张: a density that names only 'per 1,000 residents', of what the
                # count just before counts (its words put after the per-capita words, as a density is written)
                counted = norm[bounds.clause_start(prev.start, sa):prev.start]
                k, _ = match_indicator(near.strip("，,；; ") + counted, subject_ctx, right, f, as_role)
                if k and catalog.indicators()[k].unit_class == "density":
                    ind, f.how = k, "inherit"
            if f.role in ("level", "target") and "、" in near and (jm := JUN_LIST.search(near)):
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
                ind = inherit(f, sfigs, prefer_count=False)
                if ind and not unit_fits(catalog.indicators()[ind], f, "level"):
                    ind = ""
                first = (nxt is not None and BASELINE_PAIR_NEXT.match(norm[f.end:nxt.start])
                         and CHANGES_FOLLOW.match(norm[nxt.end:sb]))
                second = second_baseline
                if first or second:
                    # 婴儿死亡率降至1.4‰，5岁以下儿童死亡率降至2.1‰，较2012年的2.9‰和3.5‰分别降低…: the pair of
                    # baselines belongs to the last two levels before it, in order
                    levels = [g for g in sfigs if g.end <= f.start and g.role == "level" and g.indicator]
                    pick = levels[-2] if first and len(levels) >= 2 else (levels[-1] if second and levels else None)
                    ind = pick.indicator if pick and unit_fits(catalog.indicators()[pick.indicator], f, "level") else ""
                f.how = "inherit" if ind else ""
        if not ind and f.role in ("change_pct", "change_abs", "change_pp", "completion"):
            ind, _ = match_indicator(near, subject_ctx, "", f, f.role)
            if not ind:
                ind = inherit(f, sfigs, prefer_count=f.role == "completion")
                own = re.sub(r"了|的|为|达|分别|[\s,，]", "", CHANGE_FILLER.sub("", near))
                if f.role != "completion" and re.search(r"[数率量]|费用|人次|价格", own):
                    ind = ""  # 发病数下降2.46%，死亡数上升6.9%: the second change is about something else
            if (not ind and f.role.startswith("change") and before and f is sfigs[0]
                    and CONTINUES.match(norm[sa:f.start]) and not any_measure(norm[sa:f.start])):
                # 参合率为96.2%。较上年提高了1.3个百分点: a sentence that opens with the comparison goes on
                # about the last level of the sentence before
                last = [g for g in before if g.indicator and g.role in ("level", "target")]
                if last and (f.role != "change_pp" or catalog.indicators()[last[-1].indicator].unit_class == "rate"):
                    ind = last[-1].indicator
            if ind and f.role.startswith("change") and AVERAGE.search(near):
                ind = ""  # 比全市平均水平高出0.18个百分点: a gap to an average, not a change over time
            f.how = "inherit" if ind else ""
        glued = (prev is not None and prev.role == f.role and prev.unit == f.unit
                 and CHAIN_ITEM.fullmatch(norm[prev.end:f.start]) is not None)
        if not ind and current_list is None and f.role in ("level", "target") and glued and chain_near is not None:
            # 管理高血压患者8650人、糖尿病患者2140人: the verb before the first item serves the next ones, when
            # each item names its own subject there (not 孕前检查8人、免费为15名妇女施行了取环手术); an item the
            # catalog lacks (、肺结核患者45人) does not break the chain
            gap = norm[prev.end:f.start]
            ind, _ = match_indicator(chain_near + gap, subject_ctx, "", f, f.role)
            subj = catalog.indicators()[ind].subject if ind else None
            if ind and (subj is None or not subj.search(gap) or ind == prev.indicator):
                ind = ""
            f.how = "cue" if ind else ""
        if (not ind and current_list is None and f.role in ("level", "target") and prev is not None and prev.indicator
                and prev.role in ("baseline", "change_pct", "change_abs", "change_pp") and ARRIVE.search(near)
                and not any_measure(near) and unit_fits(catalog.indicators()[prev.indicator], f, f.role)):
            # 由去年的5.2‰下降到3.8‰, 比上年提高1.2个百分点，达到99.6%: the level arrived at is the same indicator's
            ind, f.how = prev.indicator, "inherit"
        if (not ind and current_list is None and f.role in ("level", "target") and prev is not None and prev.indicator
                and prev.role == "level" and (bm := BRACKET_AFTER.fullmatch(norm[prev.end:f.start]))
                and (bm.group(1) == "" or RESTATED.fullmatch(bm.group(1)) or f.role == "target")
                and (unit_fits(catalog.indicators()[prev.indicator], f, f.role)
                     or f.unit_kind == "bare" and f.role == "target")):
            # 30.5万对(610189人)夫妇: the same count restated in brackets in another unit; 88.37元(市控指标88.41):
            # the ceiling of the value just stated
            ind, f.how = prev.indicator, "inherit"
            if f.unit_kind == "bare":
                f.unit = prev.unit
        if (not ind and current_list is None and f.role == "target" and prev is not None and prev.indicator
                and prev.role == "level" and (STANDARD.search(near) or GOAL_AFTER.match(right)) and not any_measure(near)
                and unit_fits(catalog.indicators()[prev.indicator], f, f.role)):
            # 建档率为84.5%，已达到标准要求78%的指标: the standard the level just stated is held to; 参保率为95.1%，
            # 超额完成上级下达90%的目标: the goal named after the value
            ind, f.how = prev.indicator, "inherit"
        part = ""
        if (not ind and f.role == "level" and prev is not None and "(" in norm[max(sa, f.start - 40):f.start]
                and (wm := WIDER_AREA_BRACKET.search(norm, sa, f.start))):
            # 均低于全国平均水平(16.1/10万、5.0‰): each value the measure of a level before the bracket, for that area
            bracket = wm.end(1)
            taken = {g.indicator for g in sfigs if bracket <= g.start < f.start and g.indicator}
            for g in sfigs:
                if (g.end <= bracket and g.indicator and g.role == "level" and g.indicator not in taken
                        and unit_fits(catalog.indicators()[g.indicator], f, "level")):
                    ind, f.how, part = g.indicator, "inherit", wm.group(1)
                    break
        if (not ind and current_list is None and f.role in ("level", "target") and prev is not None
                and prev.indicator and len(near) <= 12 and "其中" in norm[sa:f.start] and not re.search(r"率|比", near)):
            # 其中高级服务包304人，中级服务包196人: parts of the figure before, each named by its group
            of = prev
            qi = norm.rfind("其中", sa, f.start)
            whole = next((g for g in reversed(sfigs[:sfigs.index(f)]) if g.end <= qi and g.indicator), None)
            if whole is not None and whole.indicator != prev.indicator and unit_fits(
                    catalog.indicators()[whole.indicator], f, f.role):
                of = whole  # 出生477人，其中一孩403人，二孩64人，多孩10人: a part of the whole, not of the item before
            pind = catalog.indicators()[of.indicator]
            veto = _paren_host(norm, cs, f.start)
            total = next((g for g in reversed(sfigs[:sfigs.index(f)]) if g.indicator == of.indicator
                          and g.how != "inherit"), of)
            part = part_label(near)
            if (unit_fits(pind, f, f.role) and part
                    and not (pind.exclude and (pind.exclude.search(near) or pind.exclude.search(veto)))
                    and not any_measure(near)
                    and (pind.unit_class == "years"  # 其中男性75.9岁、女性80.4岁: a life span by sex, not a part
                         or pind.unit_class == "count"
                         and (f.value is None or total.value is None or f.value <= total.value))):
                ind, f.how = of.indicator, "inherit"
        if (not ind and current_list is None and f.role in ("level", "target") and prev is not None
                and prev.indicator and prev.role in ("level", "target")
                and (pm := PART_GROUP.fullmatch(PART_EDGES.sub("", near)))
                and catalog.indicators()[prev.indicator].unit_class == "rate"
                and unit_fits(catalog.indicators()[prev.indicator], f, f.role)):
            # 婴儿死亡率3.4‰，其中城市2.6‰，农村3.5‰ / (全省为5.4‰): the same rate for a sub-group or a wider area
            ind, f.how, part = prev.indicator, "inherit", pm.group(0)
        if (not ind and current_list is None and f.unit == "percent" and f.role == "level" and prev is not None
                and prev.indicator in RATE_OF and SHARE_OF.search(near)):
            # 67925名农牧民参加了新型合作医疗，占全县农牧民总人数的86.57%: the rate of that count
            ind, f.how = RATE_OF[prev.indicator], "inherit"
        if (not ind and current_list is None and f.role == "level" and prev is not None and prev.indicator
                and (prev.role == "target" or (prev.role == "level" and LIMIT.search(norm[prev.clause_start:prev.start])))
                and len(near) <= 8 and ACTUAL.search(near) and not any_measure(near)
                and unit_fits(catalog.indicators()[prev.indicator], f, f.role)):
            # 检查任务为1418人，实际检查1854人: the achieved level of the target just stated; 性别比控制在112以内，
            # 实际为109.6: the limit before an actual value is a target
            ind, f.how = prev.indicator, "inherit"
            prev.role = "target"
        # 下降 before the value, or before a whole 分别 list (分别比上年下降2.1%和1.5%)
        down = CHANGE_DOWN.search(near_tail) or (current_list is not None and not CHANGE_WORD.search(near_tail)
                                                 and DOWN.search(current_list[1]))
        if not down and f.role in ("change_abs", "change_pct", "change_pp"):
            lm = last_match(MOVED_LIST, norm, max(sa, f.start - 200), f.start)
            down = lm is not None and DOWN.search(lm.group(1)) is not None  # 下降的病种为：出血热(100%)
        if ind and f.role in ("change_abs", "change_pct", "change_pp") and f.value is not None and down:
            f.value = -f.value
        if (ind and current_list is not None and f.role.startswith("change")
                and AVERAGE.search(norm[current_list[2][0].clause_start:f.start])):
            ind = ""  # 分别低于责任指标4.6和4.3个千分点: each item a gap to a quota, not a change over time
        f.indicator = ind
        if ESTIMATE_CUE.search(norm[cs:f.start]) and "estimate" not in f.flags:
            f.flags.append("estimate")
        if ind:
            if f.how == "list":
                f.qualifier = group_word(f.list_subject, ind)
            elif f.how == "inherit" and part:
                f.qualifier = part
            else:
                f.qualifier = qualifier_of(near, ind, norm[sa:f.start], f.role)
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
            shared.extend(shared_value(near, ind, f))
        if not (glued and chain_near is not None):
            chain_near = near if f.how == "cue" and current_list is None else None
        prev = f
    return shared
