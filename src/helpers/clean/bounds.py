"""Where the sentences, clauses and lists of a text end: found once per report, looked up per figure."""
from __future__ import annotations

import re
from bisect import bisect_left

SENT_END = "。；;!?！？\n"

CLAUSE_END = SENT_END + "，,：:"

_SENT_RX = re.compile("[" + re.escape(SENT_END) + "]")

_CLAUSE_RX = re.compile("[" + re.escape(CLAUSE_END) + "]")

#: A full stop: a sentence end that a semicolon is not.
_STOP_RX = re.compile("[。!?！？\n]")


#: A line that is an item of a numbered or bulleted list (1、… / (2)… / ③… / •…).
LIST_ITEM = re.compile(r"[ \t\u3000]*(?:[(（]?\s*[\d一二三四五六七八九十]{1,3}\s*[)）、.．](?!\d)|[\u2460-\u2473]|[•·](?!\d))")
#: A line that opens a list: it ends with a colon (主要目标： / 到2035年将实现：).
LIST_LEAD = re.compile(r"[:：][ \t\u3000]*$")
#: How many items a list's opening line governs at most.
LIST_MAX = 40
#: The longest opening line of a list (a heading-like line: 主要目标： / 到2035年将实现：), not a paragraph ending in …如下：.
LEAD_MAX = 40


class Bounds:
    """Sentence and clause ends of ``norm[lo:hi]``, found once, looked up by bisection; the opening line of the list
    a line is an item of (:meth:`lead`), found once per line."""

    def __init__(self, norm: str, lo: int, hi: int):
        self.lo, self.hi, self.norm = lo, hi, norm
        self.sent = [m.start() for m in _SENT_RX.finditer(norm, lo, hi)]
        self.clause = [m.start() for m in _CLAUSE_RX.finditer(norm, lo, hi)]
        self.stops = [m.start() for m in _STOP_RX.finditer(norm, lo, hi)]
        self._leads: dict[int, str] = {}

    def lead(self, i: int) -> str:
        """The line that opens the list whose item holds position ``i`` (a line ending with a colon right above
        the items, at most :data:`LIST_MAX` of them), or "" when that line is no list item or no colon opens it."""
        norm = self.norm
        start = max(norm.rfind("\n", self.lo, i) + 1, self.lo)
        if start in self._leads:
            return self._leads[start]
        if not LIST_ITEM.match(norm, start):
            return ""
        lead, line_start = "", start
        for _ in range(LIST_MAX):
            if line_start <= self.lo:
                break
            prev = max(norm.rfind("\n", self.lo, line_start - 1) + 1, self.lo)
            if prev in self._leads:  # the line above is an item of the same list: the same lead
                lead = self._leads[prev]
                break
            line = norm[prev:line_start - 1]
            if not LIST_ITEM.match(line):
                lead = line if LIST_LEAD.search(line) and len(line.strip()) <= LEAD_MAX else ""
                break
            line_start = prev
        self._leads[start] = lead  # item lines only
        return lead

    def sentence(self, i: int) -> tuple[int, int]:
        k = bisect_left(self.sent, i)
        a = self.sent[k - 1] + 1 if k > 0 else self.lo
        b = self.sent[k] if k < len(self.sent) else self.hi
        return a, b

    def period_start(self, i: int) -> int:
        """Where the run of sentences holding ``i`` starts: after the last full stop (not a ；) before it."""
        k = bisect_left(self.stops, i)
        return self.stops[k - 1] + 1 if k > 0 else self.lo

    def clause_start(self, i: int, lo: int | None = None) -> int:
        lo = self.lo if lo is None else lo
        k = bisect_left(self.clause, i)
        a = self.clause[k - 1] + 1 if k > 0 else lo
        return max(a, lo)
