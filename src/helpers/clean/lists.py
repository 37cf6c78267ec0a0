"""Values stated as lists: after 分别 (mapped one to one onto the subjects before it), one value for several
measures (…率、…率均达到95%), one value for several subjects of one measure."""
from __future__ import annotations

import re
from dataclasses import replace

from ..core import catalog
from .last_match import last_match
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
    m = last_match(ind.measure, near)
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


IN_ORDER = catalog.cue_rx("{in_order}")
#: A span of years a series runs over (2031-2035年, 2031—2035年).
SERIES_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-—~～至到]\s*((?:19|20)\d{2})\s*年")


def match_list_item(cur, lists, f: Figure, sfigs: list[Figure], norm: str = "") -> str:
    subjects, phrase, items = cur
    k = len(items) - 1
    if IN_ORDER.match(phrase):
        # a series in order (…孕产妇死亡率逐年下降，依次为：a、b、c): the one measure the words before name; over a
        # span of years with as many values as years, the k-th value is the span's k-th year's
        words = subjects[0]
        span = last_match(SERIES_SPAN, words)
        if span is not None:
            y1, y2 = int(span.group(1)), int(span.group(2))
            if y2 - y1 + 1 == _list_len(cur, sfigs):
                f.series_year = y1 + k
        return match_subject(words, words, f)
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
        counts = _count_chain(norm, sfigs, items[0], n) if norm else []
        if not counts:
            counts = [g for g in sfigs if g.end <= items[0].start and g.indicator in RATE_OF and g.role == "level"]
        if n > 1 and len(counts) >= n and k < n and f.unit == "percent":
            rate = RATE_OF.get(counts[-n:][k].indicator, "")
            if rate and catalog.indicators()[rate].measure.search("".join(subjects)):
                return rate
        return ""
    if k >= len(subjects):
        return ""
    f.list_subject = subjects[k]
    last, shared = subjects[-1], k < len(subjects) - 1
    # An earlier item reads with the measure words it shares with the last (孕产妇 + 死亡率) when the last item is a
    # catalog measure of its own (婴儿死亡率); else with the whole last item (老年人、儿童中医药管理数: the last
    # names no catalog count, so 老年人 is no plain 管理数)
    tail = shared_tail(subjects[k], last) if shared else last
    if tail != last and not match_subject(last, last, f):
        tail = last
    return match_subject(subjects[k], subjects[k] + (tail or last), f, shared=shared)


def shared_tail(item: str, last: str) -> str:
    """The measure words an item of a list shares with the last item (孕产妇和婴儿死亡率: 孕产妇 takes 死亡率, the
    shortest end of 婴儿死亡率 that makes it a measure), or the whole last item when no end does (an item that names
    its own measure keeps it: '')."""
    if any_measure(item):
        return ""
    for n in range(1, len(last)):
        if any_measure(item + last[-n:]):
            return last[-n:]
    return last


#: The words between two counts of one chain (管理高血压患者8650人、糖尿病患者2140人、肺结核患者45人).
CHAIN_ITEM = re.compile(r"、[\u4e00-\u9fff]{1,10}")
#: How far before a list of rates its chain of counts may start (characters).
CHAIN_REACH = 200


def _count_chain(norm: str, sfigs: list[Figure], head: Figure, n: int) -> list[Figure]:
    """The chain of exactly ``n`` counts (levels, each after 、 and its subject) that ends last before ``head``, the
    first value of a list of their rates; [] when the counts before it are not such a chain of that length (the
    rates then go only with counts the catalog knows a rate of)."""
    counts = [g for g in sfigs if head.start - CHAIN_REACH <= g.start and g.end <= head.start and g.role == "level"
              and g.unit in COUNT_UNITS]
    chain = counts[-1:]
    for a in reversed(counts[:-1]):
        if not CHAIN_ITEM.fullmatch(norm[a.end:chain[0].start]):
            break
        chain.insert(0, a)
    return chain if len(chain) == n else []


def in_order(norm: str, sa: int, i: int):
    """The cue of a series in order before the figure at ``i`` (…孕产妇死亡率逐年下降，依次为：a、b、c), when the
    sentence names a measure before it, or None; its items are read by :func:`match_list_item`."""
    m = last_match(IN_ORDER, norm, max(sa, i - 12), i)
    return m if m is not None and LIST_SEP.match(norm[m.end():i]) and any_measure(norm[sa:m.start()]) else None


def value_list(norm: str, sa: int, f: Figure, nxt: Figure | None):
    """The verb of a list without 分别 made of values only (…规范管理率为81.9%、81.2%、97.7%): one measure, then values
    joined by nothing but 、 — each the rate of a subject listed before (the counts just stated, in their order), or
    None. ``nxt``: the figure after ``f`` in the sentence."""
    if nxt is None or nxt.start < f.end or norm[f.end:nxt.start] != "、":
        return None
    m = last_match(IMPLICIT_LIST, norm, max(sa, f.start - 30), f.start)
    return m if m is not None and LIST_SEP.match(norm[m.end():f.start]) else None


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


#: The verb of a list of rates without 分别 (孕产妇死亡率和婴儿死亡率控制在…和…).
IMPLICIT_LIST = catalog.cue_rx("{implicit_list}")
#: The "per 1,000 / 10,000 residents" prefix of a density (每千人口, 每万常住人口).
PER_PREFIX = re.compile(r"\s*每?[千万](?:常住|户籍)?(?:人口|人|名居民)(?:拥有)?")
#: Where a list of names starts in a clause that introduces it (居前五位的是肺结核、梅毒…): after the last of these.
NAMES_LEAD = re.compile(r"(?:是|为|有|依次|包括|：|:)")
NAMES_MIN, NAME_MAX = 2, 10


def names_before(clause: str) -> list[str]:
    """The names of a 、-list that makes up the end of ``clause`` (no figures among them), or []."""
    lead = last_match(NAMES_LEAD, clause)
    tail = clause[lead.end():] if lead else clause
    names = [n.strip() for n in re.split(r"[、和及与]", tail)]
    if len(names) < NAMES_MIN or any(not n or len(n) > NAME_MAX or re.search(r"\d", n) for n in names):
        return []
    return names


def implicit_list(norm: str, bounds, sa: int, i: int, then: str | None = None):
    """The verb of a list without 分别 before the figure at ``i``: two or more measures joined by 和/、/及 in the
    clause before one verb (孕产妇死亡率和婴儿死亡率控制在…和…), or None. An item without a measure of its own
    (孕产妇和婴儿死亡率降至…和…) makes a list only when another value follows the first (``then``: the words
    between them; 老年人和儿童中医药健康管理率达到55% is one value for both)."""
    m = last_match(IMPLICIT_LIST, norm, max(sa, i - 60), i)
    if m is None or not LIST_SEP.match(norm[m.end():i]):
        return None
    phrase = norm[bounds.clause_start(m.start(), sa):m.start()]
    items = [s for s in re.split(r"[、和及与]", phrase) if s.strip()]
    # 孕产妇和婴儿死亡率降至…和…: an item without a measure of its own shares the last one's
    if len(items) < 2 or not any_measure(items[-1]):
        return None
    if all(any_measure(s) for s in items):
        return m
    more = then is not None and VALUE_JOIN.fullmatch(then) is not None
    return m if more and all(any_measure(s) or shared_tail(s, items[-1]) != items[-1] for s in items[:-1]) else None


#: The words between two values of one list (12.6/10万和4.5‰, 95%、88%).
VALUE_JOIN = re.compile(r"\s*[和、及与，,]\s*")
