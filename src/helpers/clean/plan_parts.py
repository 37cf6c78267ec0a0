"""Where a report's plan parts are: the sections a plan heading opens (下半年工作安排, 明年工作思路) and the paragraphs
that open with a year after the report's own (2026年是…之年 in a 2025 summary). Figures there read as targets unless
their words report what was done (``role_rules.csv``, scope ``section``)."""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from ..core import catalog

NEXT_YEAR_OPENER = catalog.cue_rx("{next_year_opener}")


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


def next_year_span(text: str, lo: int, hi: int, year: int | None) -> list[tuple[int, int]]:
    """The plan part of a summary that no heading announces: from the first paragraph that opens with a year after
    the report's own (2026年是…之年，全区将… in a 2025 summary) to the report's end."""
    if not year:
        return []
    from .segment import classified_lines

    for line in classified_lines(text):
        if line.start < lo or line.kind not in ("body", "heading"):
            continue
        if line.start >= hi:
            break
        m = NEXT_YEAR_OPENER.match(line.text)
        if m and int(m.group(1)) > year:
            return [(line.start, hi)]
    return []
