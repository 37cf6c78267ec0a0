"""What a report is about, what kind it is, which period it covers and which year it states."""
from __future__ import annotations

import re
from functools import lru_cache

from ..core import catalog
from . import timeframe
from .alternation import AnyOf, joined
from .segment import Segment, content_lines

PLAN_TITLE = catalog.cue_rx("{plan_title}")
HEALTH = catalog.cue_rx("{health}")
FOOD_DRUG = catalog.cue_rx("{food_drug}")
#: A plan section's heading: 下半年工作安排, 2024年工作计划, 下一步工作打算. 工作思路/重点/目标 count only
#: with a time word (明年, 2024年): "(三)创新工作思路" is a summary heading.
PLAN_HEAD = catalog.cue_rx("{plan_head}")
SUMMARY_HEAD = catalog.cue_rx("{summary_head}")
#: At least 80 Chinese characters (matched from the start; no list of every character is built).
ENOUGH_CJK = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){80}")


def scope(text: str) -> tuple[bool, str]:
    """(in scope, why as a sentence). In scope: a health or family-planning text. A short text is one
    too when it states catalog health figures (a news item on blood donation, a yearbook entry); food
    and drug regulation and the like are off topic."""
    h, f = len(HEALTH.findall(text)), len(FOOD_DRUG.findall(text))
    if f > h * 0.6 and f >= 5:
        return False, f"Off topic: food and drug regulation ({f} food/drug words against {h} health words)."
    if h >= 5 and ENOUGH_CJK.match(text):
        return True, f"A health or family-planning text: {h} health words against {f} food/drug words."
    named = catalog_figures(text)
    if named:
        shown = ", ".join(named[:3]) + (" …" if len(named) > 3 else "")
        return True, (f"A short health text that states {len(named)} catalog figure{'s' if len(named) > 1 else ''} "
                      f"({shown}), with {h} health word{'s' if h != 1 else ''}.")
    if not ENOUGH_CJK.match(text):
        return False, f"Not a health report: too short ({h} health word{'s' if h != 1 else ''}) and no catalog figure."
    return False, f"Not a health report: only {h} health word{'s' if h != 1 else ''} and no catalog figure."


def catalog_figures(text: str) -> list[str]:
    """English names of the catalog indicators the text states a figure of (achieved or planned)."""
    from .extract import extract_report

    inds = catalog.indicators()
    names = []
    for fig in extract_report(text, 0, len(text)):
        if fig.indicator and (name := inds[fig.indicator].en) not in names:
            names.append(name)
    return names


def kind(seg: Segment, text: str) -> str:
    title = seg.title if seg.title_line else ""
    if title:
        has_s = bool(re.search(r"总结|汇报|情况|报告", title))
        has_p = bool(PLAN_TITLE.search(title))
        if has_s and has_p:
            return "summary+plan"
        if has_p:
            # a headline naming plans (确保两个规划达到终期目标) over a text that reports what was done
            # is no plan: its figures are what was reached
            return "summary+plan" if tense_counts(text)[1] >= 3 and not mostly_future(text) else "plan"
        if has_s:
            # A summary that closes with a plan section is both.
            return "summary+plan" if _plan_section(seg) else "summary"
    heads = [l.text for l in content_lines(seg) if l.kind in ("heading", "title")]
    plan_sec = _plan_section(seg)
    summ_sec = any(SUMMARY_HEAD.search(h) for h in heads)
    # An untitled text (a news item, a yearbook entry, an excerpt) is a summary unless its own
    # sentences are mostly about the future.
    future = mostly_future(text)
    if plan_sec and (summ_sec or not future):
        return "summary+plan"
    if future and not summ_sec:
        return "plan"
    return "summary"


@lru_cache(maxsize=1)
def _tense_cues() -> dict[str, re.Pattern]:
    """The future and past words of ``kind_cues.csv``, one pattern per group."""
    groups: dict[str, list[str]] = {}
    for where, r in catalog.rule_rows("kind_cues.csv"):
        catalog.rule_rx(where, r["cue"])
        groups.setdefault(r["group"], []).append(f"(?:{r['cue']})")
    return {g: re.compile("|".join(v)) for g, v in groups.items()}


@lru_cache(maxsize=1)
def _tense_any() -> dict[str, AnyOf]:
    """The same groups, joined for a fast yes/no (``alternation``)."""
    return {g: joined([rx.pattern]) or AnyOf((rx,)) for g, rx in _tense_cues().items()}


_SENTENCE = re.compile(r"[^。；;!?！？\n]{8,}")


def tense_counts(text: str) -> tuple[int, int, int]:
    """(future sentences, past sentences, sentences): a sentence is future when it has a future word
    and no past word, past when the other way round."""
    cues = _tense_any()
    future, past_ = cues["future"].found, cues["past"].found
    fut = past = n = 0
    for m in _SENTENCE.finditer(text):
        sent = m.group(0)
        n += 1
        f_, p_ = future(sent), past_(sent)
        fut += f_ and not p_
        past += p_ and not f_
    return fut, past, n


def mostly_future(text: str) -> bool:
    """The text speaks of the future: more future than past sentences, and either half of all its
    sentences are future or hardly any (at most 1 in 20) report what was done while a fifth are future. A plan written in
    bare imperatives (新建1所…, 年内建成5个…) has few future words, but no past ones either."""
    fut, past, n = tense_counts(text)
    # hardly any past word is a plan only when a fifth of the sentences are future: a bulletin that states
    # its counts (全省共报告传染病9075例) has no tense word at all
    # one future sentence makes no plan (a short news item that says what will be done next)
    return fut > past and fut >= 2 and (fut * 2 >= n or (past * 20 <= n and fut * 5 >= n))


def _plan_section(seg: Segment) -> bool:
    return any(PLAN_HEAD.search(l.text) for l in content_lines(seg) if l.kind in ("heading", "title") and len(l.text.strip()) <= 40)


def period(seg: Segment, text: str, kind_: str) -> tuple[str, str]:
    """(period, detail): the period the report's figures cover, from its own words (``timeframe``)."""
    title = seg.title if seg.title_line else ""
    heads = " ".join(l.text for l in content_lines(seg) if l.kind == "heading")
    return timeframe.period_of(title, text, kind_, heads)


def year(seg: Segment, text: str, mask_years=frozenset(), page_head: str = "") -> tuple[str, bool]:
    """(year as written, masked?) of the report's figures (``timeframe``); masked when X'd out or one of the
    ``mask_years`` declared for its file (``masked_years.csv``). ``page_head``: the page's text just before the
    report (its dateline)."""
    return timeframe.year_of(seg.title if seg.title_line else "", text, mask_years, page_head)
