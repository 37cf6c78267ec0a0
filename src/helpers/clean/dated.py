"""Values dated to a year before the report's: baselines, not the report's levels.

A summary of 2031 that says ``2028年出生人口1.45万人，2029年为1.33万人`` states earlier years' values beside its own:
they are what the report's own level is compared with (the ``baseline`` role, which the series step reads as a
restated value for that earlier year), never the level of the report's year. A value is dated when a year stands in
its own clause before it (``2029年为…``, ``出生人口由2028年的…``), or opens its sentence alone (``2029年，…``). The
value a review arrives at (``提高到2030年的98.3%``) is the review's level, and a span's end year (``2027~2029年``)
dates no single value.

Only a level changes, and only when the report's year is known and the date is earlier (and the report is not a
review of several years, whose every year is its own): targets and changes keep their roles, a year masked in the text (20XX) dates nothing, and a year that starts a span (``2028年以来``,
``2028—2031年``) is no date of one value."""
from __future__ import annotations

import re

from ..core import catalog
from .numbers import Figure

#: A year as a date of the values after it (not a span's start: 以来, 起, 至, —).
YEAR = re.compile(r"(?<![-—~～－至到\d])((?:19|20)\d\d)\s*年(?:底|末|度|全年)?(?!以来|来|起|开始|至|到|[-—~～－])")
#: The clause marks a date must stand within (or the whole opening clause of the sentence be the date).
CLAUSE_MARKS = "，,；;：:"
#: An opening clause that is only a date (2029年， / 2029年底，).
OPENING_DATE = re.compile(r"\s*(?:截至|截止|到)?\s*((?:19|20)\d\d)\s*年(?:底|末|度|全年)?\s*[，,]")


def earlier_year_baselines(norm: str, figs: list[Figure], year: int | None) -> None:
    """Set the role of each level dated to a year before ``year`` (the report's) to ``baseline``; flag it.
    A year dates the first value after it only (由2028年的5.2‰下降到3.8‰: 2028 is the first value's)."""
    if not year:
        return
    prev_end = -1
    for f in figs:
        last_end, prev_end = prev_end, f.end
        if f.role != "level":
            continue
        sa = f.sentence[0]
        cs = max(sa, max((norm.rfind(c, sa, f.start) for c in CLAUSE_MARKS), default=-1) + 1)
        dated = None
        for m in YEAR.finditer(norm, max(cs, last_end), f.start):
            dated = m
        y = int(dated.group(1)) if dated else f.series_year  # a value of a series over years: its own year
        if y is None and last_end <= sa and (om := OPENING_DATE.match(norm, sa, f.start)) is not None:
            y = int(om.group(1))
        if y is not None and y < year:
            f.role = "baseline"
            f.flags.append("dated_earlier")


PAST_DEADLINE = catalog.cue_rx("{past_deadline}")
GOAL_WORD = catalog.cue_rx("{goal_word}")


def past_deadline_levels(norm: str, figs: list[Figure], year: int | None) -> None:
    """A target only because its sentence opens with a deadline (到2004年，…) is a level when the deadline is not
    after the report's year and nothing in the sentence sets a goal: a summary of 2004 reports what 2004 reached.
    Plans keep their targets."""
    if not year:
        return
    seen: dict[tuple[int, int], bool] = {}
    for f in figs:
        if f.role != "target" or f.in_plan:
            continue
        past = seen.get(f.sentence)
        if past is None:
            sa, sb = f.sentence
            m = PAST_DEADLINE.match(norm, sa, sb)
            past = seen[f.sentence] = bool(m and int(m.group(1)) <= year and not GOAL_WORD.search(norm, sa, sb))
        if past:
            f.role = "level"
            f.flags.append("deadline_passed")

