"""Which year and which period a report's figures describe, from the report's own words.

* **Year**: every year the text writes (2031年, masked 20XX年 too) is a candidate; the words around it weigh it
  (``year_cues.csv``: a sentence that opens with it or its whole place, 2031年全县…, weighs most; the start of a
  history, 自2020年以来, a baseline, 比2030年, or a year a meeting plans for weigh little or nothing), a year in the
  title weighs more, and the heaviest wins (ties: the later year). Only when the text writes no year at all does a
  dateline (2032-01-13) give one, the year before when the text reports 去年. A web address never gives a year.
  A masked winner is masked; no candidate and no dateline: no year (never a guess).
* **Period**: ``periods.csv``, tried in the order of its ``where`` column: the title, figures for January to
  some month anywhere (1-9月, 1至11月), the opening words, then the body (a five-year period, a year's sentence,
  up to a date). A plan whose figures are set for a later year (到2035年) covers several years.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core import catalog

#: A year as reports write it (2031年, 20XX年, 20**年, xx年); only digits and Latin letters may not precede it.
YEAR = re.compile(r"(?<![\dA-Za-z/.])((?:19|20)\d{2}|20[Xx×*]{2}|[Xx×]{2,4})\s*年")
#: A dateline (2032-01-13, 2032/1/13, 2032.01.13, 2032年1月13日), not inside a web address or a longer number.
DATELINE = re.compile(r"(?<![\w/.\-])(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(\d{1,2})(?![\d/])")
#: A dateline written day first with its time, as some sites print it (08.09.2031  16:52).
DATELINE_DMY = re.compile(r"(?<![\w/.\-])(\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})\s+\d{1,2}:\d{2}")
#: A comparison with the same period of a named year (与2030年同期…): the text reports the year after it.
SAME_PERIOD_OF = re.compile(r"(?:与|较|比|同)\s*((?:19|20)\d{2})\s*年\s*同期")
LAST_YEAR = re.compile(r"去年|上年(?!同期)")
#: A yearbook's own year (cue_words ``yearbook_year``): the year before is reported, as strongly as a title's year.
YEARBOOK = catalog.cue_rx("{yearbook_year}")
YEARBOOK_WEIGHT = 4.0
YEAR_END = re.compile(r"全年|年底|年末|过去的?一年")
#: A plan's deadline: 到2035年, 至2035年底.
DEADLINE = re.compile(r"(?:到|至)((?:19|20)\d{2})\s*年")
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
#: A year in the title outweighs a few mentions of another in the body (a plan's deadlines, a review's baselines).
TITLE_BONUS = 8
WINDOW = 16


@dataclass(frozen=True)
class _YearCue:
    before: re.Pattern | None
    after: re.Pattern | None
    weight: float


@lru_cache(maxsize=1)
def year_cues() -> tuple[_YearCue, ...]:
    """``year_cues.csv`` in its order: the first cue whose words fit a year's surroundings gives its weight."""
    rows = sorted(catalog.rule_rows("year_cues.csv"), key=lambda wr: int(wr[1]["order"]))
    return tuple(_YearCue(catalog.rule_rx(w, r["before"]), catalog.rule_rx(w, r["after"]), float(r["weight"]))
                 for w, r in rows)


def _weight(text: str, m: re.Match) -> float:
    before, after = text[max(0, m.start() - WINDOW):m.start()], text[m.end():m.end() + WINDOW]
    for c in year_cues():
        if (c.before is None or c.before.search(before)) and (c.after is None or c.after.search(after)):
            return c.weight
    return 1.0


def _masked(y: str) -> bool:
    return bool(re.search(r"[Xx×*]", y))


def year_of(title: str, body: str, mask_years=frozenset(), page_head: str = "") -> tuple[str, bool]:
    """(year as written, masked?) of the figures of a report (see the module docstring)."""
    score: dict[str, float] = {}
    for src, bonus in ((title, TITLE_BONUS), (body, 0)):
        for m in YEAR.finditer(src):
            w = _weight(src, m)
            if w > 0:
                y = m.group(1)
                score[y] = score.get(y, 0.0) + w + (bonus if w >= 1 else 0)
    for src in (title, body):
        for m in YEARBOOK.finditer(src):  # 《某县年鉴2032》: its entries report 2031
            y = str(int(m.group("book") or m.group("book2")) - 1)
            score[y] = score.get(y, 0.0) + YEARBOOK_WEIGHT
    if score:
        # the heaviest; of equals the later (a masked year counts as the earliest)
        y = max(score, key=lambda k: (score[k], 0 if _masked(k) else int(k)))
        return y, _masked(y) or y in mask_years
    if (c := SAME_PERIOD_OF.search(body)) is not None:
        # 与2030年同期9种912例: the figures are of the year after the one compared with
        y = str(int(c.group(1)) + 1)
        return y, y in mask_years
    # the page's dateline, in the furniture before it too, or written day first
    d = (DATELINE.search(body) or DATELINE.search(page_head) or DATELINE_DMY.search(body)
         or DATELINE_DMY.search(page_head))
    if d:
        y, month = int(d.group("y")), int(d.group("m"))
        if LAST_YEAR.search(body) or (month <= 2 and YEAR_END.search(body)):
            y -= 1  # a news item that reports last year's figures, or the year-end status in January
        return str(y), str(y) in mask_years
    return "", True


@lru_cache(maxsize=1)
def period_rules() -> tuple[tuple[str, str, re.Pattern, int], ...]:
    """``periods.csv``: (period label, where, cue, least number of matches) in the order tried."""
    out = []
    for w, r in catalog.rule_rows("periods.csv"):
        out.append((r["period"], r["where"], catalog.rule_rx(w, r["cue"]), int(r.get("min") or 1)))
    return tuple(out)


def _label(label: str, m: re.Match) -> str:
    if "{end}" in label:
        return label.replace("{end}", MONTHS[int(m.group("end")) - 1])
    return label


def _first(where: str, src: str) -> str:
    """The label of the first rule of ``where`` that fires on ``src``; among the ``months`` rules, the one
    whose match comes first in the text."""
    if not src:
        return ""
    best = None
    for label, w, rx, least in period_rules():
        if w != where:
            continue
        if least > 1:
            ms = list(rx.finditer(src))
            if len(ms) < least:
                continue
            m = ms[0]
        else:
            m = rx.search(src)
            if m is None:
                continue
        if where != "months":
            return _label(label, m)
        if best is None or m.start() < best[0]:
            best = (m.start(), _label(label, m))
    return best[1] if best else ""


def period_of(title: str, body: str, kind: str, headings: str = "") -> tuple[str, str]:
    """(period, detail): the period the figures of a report cover (see the module docstring)."""
    opening = body[:300]
    detail = ""
    m = re.search(r"(?:截至|截止到?|至)\s*(\d{1,2})\s*月\s*(\d{1,2})?\s*日?\s*止?", opening)
    if m:
        detail = m.group(0).strip()
    for where, src in (("title", title), ("months", body), ("opening", opening)):
        if got := _first(where, src):
            return got, detail
    if re.search(r"下半年", headings) or len(re.findall(r"上半年", body)) >= 3:
        return "H1", detail or "inferred: mentions 上半年 / plans 下半年"
    if kind == "plan":
        years = {int(y) for y in DEADLINE.findall(body)}
        if years:
            return "multi-year", detail or f"plan to {max(years)}"
        return "annual", detail or "plan for the coming year"
    if re.search(r"明年|下一年|\d{4}年工作(计划|思路)|年工作计划", headings):
        return "annual", detail or "inferred: plans next year"
    if got := _first("body", body):
        if got == "to_date":
            got = f"to {detail}" if detail else "to date"
        return got, detail
    if detail:
        return f"to {detail}", detail
    return "unknown", detail
