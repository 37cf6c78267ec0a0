"""Values stated as lists: after 分别 (mapped one to one onto the subjects before it), one value for several
measures (…率、…率均达到95%), one value for several subjects of one measure."""
from __future__ import annotations

import re
from dataclasses import replace

from ..core import catalog
from .matching import any_measure, match_subject
from .numbers import COUNT_UNITS, Figure
from .qualifiers import group_word


FENBIE = catalog.cue_rx("{fenbie}")

LIST_SEP = re.compile(r"^[\s、，,和及与:：为是达到了]*$")

#: The rate that goes with a count (the ``rate`` column of indicators.csv): a share stated right after the count
#: (占…的X%) is that rate.
RATE_OF = {i.id: i.rate for i in catalog.indicators().values() if i.rate}

#: Measures listed before one value stated for all of them: …系统管理率、住院分娩率均达到95%. (extract looks for it
#: only in words that hold a 、, as every match does)
JUN_LIST = re.compile(r"((?:[^、，,；;。]{2,16}、)+[^、，,；;。]{2,16}?)(?:均|都|全部)(?:为|是|达到?|在|保持在)?\s*$")


def shared_value(near: str, ind_id: str, f: Figure) -> list[Figure]:
    """One value stated for several subjects before one measure (高血压、糖尿病患者规范管理率均达到60%;
    65岁以上老年人和0-36个月儿童中医药健康管理服务覆盖率达到55%): a row for each other indicator."""
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
        other = match_subject(part, part + m.group(0), f, shared=True)
        if other and other not in seen and catalog.indicators()[other].subject is not None:
            seen.add(other)
            out.append(replace(f, indicator=other, how="shared", qualifier=group_word(part, other), flags=list(f.flags)))
    return out


def inherit(f: Figure, sfigs: list[Figure], prefer_count: bool) -> str:
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


def match_list_item(cur, lists, f: Figure, sfigs: list[Figure]) -> str:
    subjects, phrase, items = cur
    k = len(items) - 1
    # A change list with no subjects of its own (…分别与同期相比增长44%，11.6%) refers to earlier figures.
    if f.role.startswith("change") and (not subjects or not any(any_measure(s) for s in subjects)):
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
                return match_subject(subj_k, subj_k + prev_subjects[-1] + stem, f)
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
    return match_subject(subjects[k], subjects[k] + subjects[-1], f, shared=k < len(subjects) - 1)


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
