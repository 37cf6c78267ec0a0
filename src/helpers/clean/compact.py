"""The working copy with layout noise taken out, and the map back to the text as read.

Text extracted from PDF or Word often has a space between every character (``管 理 率 8 7 . 5 %``) or
between a number and its unit (``87.5 %``); pages saved as text keep HTML entities written out or half
stripped (``&permil;``, ``4.1permil;``, ``&#8240;``, ``&nbsp;``) and traditional multipliers (萬, 億). Cue
words cannot match across such spaces, so the cues are matched on a *compact* copy:

* a run of at least four single characters each followed by one or two spaces, with at least
  two Chinese characters in it, is joined (the spaced-out text of a PDF);
* elsewhere one to three spaces between a Chinese character and a digit, a digit and a Chinese
  character or ``%``/``‰``, or two Chinese characters, are dropped (never between two digits: two
  numbers of a table row stay two numbers);
* digits grouped by spaces as journals print them (3 972 889例) are joined;
* an HTML entity is replaced by its character;
* in text extracted from a PDF, whose lines wrap mid-sentence (most long lines end without a stop), a
  wrapped line is joined to the next one (Chinese needs no space), unless the next one opens a heading;
* a web table copied one cell per line (艾滋病 | / 292 | / | , or | before each cell: 艾滋病 / | 292 / | , or a
  numbered one: 1 / 人均预期寿命(岁) / 76.7 / 2 …) has the cells of each row joined with tabs;
* a pinyin reading printed after a character (衛(wèi)生, 病例(li)) is dropped;
* 萬 and 億 become 万 and 亿;
* a per-mille sign lost to ``%。`` mid-sentence (出生率5.51%。，…) becomes ‰ again.

:class:`Compact` keeps every edit, so an offset into the compact copy maps back to the text as read and
``raw == text[start:end]`` still holds for every figure. A text without any of these is its own compact
copy (``identity``): nothing is copied or mapped.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field

_CJK = "\u3400-\u9fff"
_SP = " \u00a0\u3000\u2002\u2003\u2009"
#: One visible character of a spaced-out run: a Chinese character, digit, decimal point, sign or punctuation.
_RUN_CHAR = rf"[{_CJK}0-9０-９.．%％‰，。、；：（）()/]"
SPACED_RUN = re.compile(rf"(?:{_RUN_CHAR}[{_SP}]{{1,2}}){{3,}}{_RUN_CHAR}")
#: A spaced-out run is prose when it has at least two Chinese characters (``合计 1 2 3`` is a table row).
_PROSE_RUN = re.compile(rf"(?:[{_CJK}].*){{2}}")
#: Spaces between a Chinese character and a digit, a digit and a Chinese character or a percent sign,
#: two Chinese characters, or a number and its decimal point (102 .81%; never between two digits).
LOOSE_SPACE = re.compile(
    rf"(?<=[{_CJK}])[{_SP}]{{1,3}}(?=[{_CJK}0-9０-９])|(?<=[0-9０-９])[{_SP}]{{1,3}}(?=[{_CJK}%％‰])"
    rf"|(?<=[0-9])[{_SP}]{{1,2}}(?=\.[0-9])|(?<=[0-9]\.)[{_SP}]{{1,2}}(?=[0-9])")
#: HTML entities written out (&permil; &#8240; &#x2030; &nbsp;) or with the ampersand lost (4.1permil;).
ENTITY = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,9});"
                    r"|(?<=[0-9\s])(?:permil|percnt|nbsp|ensp|emsp);")
#: Digits grouped by spaces, as journals print them (3 972 889例, 1 498.97/10万, 3 563例): joined when more than
#: one group follows, or when the first group has one or two digits and a unit or decimal follows (two table
#: cells such as ``120 135`` stay two numbers).
DIGIT_GROUPS = re.compile(rf"(?<![\d.])(\d{{1,3}})((?:[ \u2009\u202f\u00a0]\d{{3}})+)(?=[.%‰/{_CJK}])")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ"
#: A pinyin reading some sites print after a character (衛(wèi)生, 病例(li)): dropped, wherever
#: the same-length fold has moved it, with the one space some sites put after it (孕產(chan) 婦死亡率為(wei) 38.6).
PINYIN = re.compile(rf"\((?:[a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*|[a-z]{{1,6}})\)(?:[ \u00a0](?=[{_CJK}0-9]))?")
#: A per-mille sign some pages lost to ``%。`` (出生率5.51%。，自然增长率1.6‰; …244.1/10万和24.29%。分别下降到): a
#: percent sign and a full stop that the sentence goes on after (a comma, an enumeration mark or 分别 follows,
#: which no sentence opens with; 分別 as traditional pages write it) are one ‰.
GARBLED_PERMILLE = re.compile(r"(?<=[0-9])%。(?=[，,、；;]|分[别別])")
_FIXED = {"萬": "万", "億": "亿"}
_FIXED_RX = re.compile("[" + "".join(_FIXED) + "]")


def _entity(m: re.Match) -> str | None:
    s = m.group(0)
    out = html.unescape(s if s.startswith("&") else "&" + s)
    if out == s or out == "&" + s:
        return None  # not an entity html knows: leave it
    return " " if out.isspace() else out


#: How a sentence, a heading or a list item ends: a line ending so does not wrap.
_LINE_STOP = re.compile(r"[。；;！!？?：:…”」』）)】\]]\s*$")
#: How a heading or list item opens (一、 (二) 1. 第三章 ● …): the line before it does not run on into it.
_LINE_HEAD = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节条部分]|[●■◆★※·•\-—>]|附件|附表)")
_TABLE_CELL = re.compile(r"[|｜\t]")
#: A wrapped prose line has a clause mark in it (a heading, a source or date line has none).
_CLAUSE_MARK = re.compile(r"[，,、；;]")
#: Containers whose lines are a page's lines, wrapped wherever the page ends them (``build(laid_out=True)``).
LAID_OUT = {"pdf", "ocr"}
WRAP_MIN_LINES = 8
WRAP_SHARE = 0.6


def _wrapped_joins(text: str, laid_out: bool = False) -> list[tuple[int, int]]:
    """Spans (end of a wrapped line, start of the next line) to delete in text whose lines wrap mid-sentence:
    at least ``WRAP_MIN_LINES`` lines of 12 or more characters, ``WRAP_SHARE`` of them ending without a stop.
    ``laid_out``: the lines are known to be a page's (a PDF's text layer), so no share is needed."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    # prose lines: 12 characters or more, no table cell (| or tab), no heading marker at the start
    long_ = [(a, b) for a, b in lines if len(text[a:b].strip()) >= 12 and not _TABLE_CELL.search(text[a:b])
             and not _LINE_HEAD.match(text[a:b])]
    if not laid_out:
        if len(long_) < WRAP_MIN_LINES:
            return []
        open_ = sum(1 for a, b in long_ if not _LINE_STOP.search(text[a:b]))
        if open_ < WRAP_SHARE * len(long_):
            return []
    joins = []
    for (a, b), (a2, b2) in zip(lines, lines[1:]):
        line = text[a:b]
        if (len(line.strip()) >= 12 and _CLAUSE_MARK.search(line) and not _LINE_STOP.search(line)
                and not _TABLE_CELL.search(line)
                and not _LINE_HEAD.match(line) and not _LINE_HEAD.match(text[a2:b2])
                and not _TABLE_CELL.search(text[a2:b2])):
            e = a + len(line.rstrip())
            s2 = a2 + (len(text[a2:b2]) - len(text[a2:b2].lstrip()))
            joins.append((e, s2))
    return joins


#: A table copied from a web page one cell per line: a cell line ends with | (艾滋病 |), a row ends with a line
#: that is just |. The cells of a row are joined with tabs, so the table-row rules read label and value together.
_CELL_LINE = re.compile(r"[^|\n]{1,40}?\s*\|(?:\s*\|)?[ \t]*")
_ROW_END = re.compile(r"[ \t]*\|[ \t]*")
CELL_ROWS_MIN = 3


def _cell_row_joins(text: str) -> list[tuple[int, int, str]]:
    """Edits that join the one-cell-per-line rows of a web table (line break -> tab)."""
    if text.count("|\n") < 2 * CELL_ROWS_MIN:
        return []
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    rows, row = [], []
    for a, b in lines:
        line = text[a:b]
        if _ROW_END.fullmatch(line) or not line.strip():
            if len(row) >= 2:
                rows.append(row)
            row = []
        elif _CELL_LINE.fullmatch(line):
            row.append((a, b))
        else:
            if len(row) >= 2:
                rows.append(row)
            row = []
    if len(row) >= 2:
        rows.append(row)
    rows = [r for run in rows for r in _numbered_rows(text, run)]
    if len(rows) < CELL_ROWS_MIN:
        return []
    return [(b, b + 1, "\t") for row in rows for (a, b), _ in zip(row, row[1:])]


#: The same table with the separator written before each cell (人均期望寿命(岁) / | 76.05 / | 77 / |): a row is a label
#: line, then cell lines that open with |, and a line that is just | ends it.
_LEAD_CELL_LINE = re.compile(r"[ \t]*[|｜][ \t]*[^|｜\n]{1,40}")
_LABEL_LINE = re.compile(r"[^|｜\n]{1,40}")


def _lead_cell_row_joins(text: str) -> list[tuple[int, int, str]]:
    """Edits that join the rows of a web table copied one cell per line with | before each cell (line break -> tab)."""
    if text.count("\n|") + text.count("\n｜") < 3 * CELL_ROWS_MIN:
        return []
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    rows, i = [], 0
    while i < len(lines):
        a, b = lines[i]
        j = i + 1
        while j < len(lines) and _LEAD_CELL_LINE.fullmatch(text[lines[j][0]:lines[j][1]]):
            j += 1
        if (j > i + 1 and _LABEL_LINE.fullmatch(text[a:b]) and j < len(lines)
                and _ROW_END.fullmatch(text[lines[j][0]:lines[j][1]])):
            rows.append(lines[i:j])
            i = j + 1
        else:
            i += 1
    if len(rows) < CELL_ROWS_MIN:
        return []
    return [(b, b + 1, "\t") for row in rows for (a, b), _ in zip(row, row[1:])]


def _numbered_rows(text: str, run: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """A run of cell lines with no line that ends a row, cut into rows by its row numbers: the cells before the
    first cell ``1`` are the header, and every row starts with the next number at the header's width (序号 | 指标 |
    单位 | 2023年 | … / 1 | 人均预期寿命 | 岁 | 78.09 | … / 2 | …). Any other run is one row."""
    cells = [text[a:b].replace("|", "").replace("｜", "").strip() for a, b in run]
    width = cells.index("1") if "1" in cells else 0
    if width < 2 or len(cells) < width * CELL_ROWS_MIN:
        return [run]
    rows = [run[:width]]
    for k, at in enumerate(range(width, len(run), width), start=1):
        if cells[at] != str(k):
            return [run]
        rows.append(run[at:at + width])
    return rows


#: A numbered table pasted one cell per line without separators (1 / 人均预期寿命(岁) / 76.7 / 77.7 / 2 / …):
#: a row runs from its number to the next number; its cells are joined with tabs.
_ROW_NUMBER = re.compile(r"\s*(\d{1,3})\s*")
_SHORT_CELL = re.compile(r"[^。；;！？!?\n]{1,40}")
NUMBERED_ROWS_MIN = 3


def _numbered_row_joins(text: str) -> list[tuple[int, int, str]]:
    """Edits that join the cells of a numbered table pasted one cell per line (the breaks between cells -> tab)."""
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    out, i, rows = [], 0, 0
    while i < len(lines):
        m = _ROW_NUMBER.fullmatch(text[lines[i][0]:lines[i][1]])
        if not m:
            i += 1
            continue
        k, j = int(m.group(1)), i + 1
        while j < len(lines) and j - i <= 6 and not (
                (n := _ROW_NUMBER.fullmatch(text[lines[j][0]:lines[j][1]])) and int(n.group(1)) == k + 1):
            if not _SHORT_CELL.fullmatch(text[lines[j][0]:lines[j][1]].strip()):
                break
            j += 1
        next_row = j < len(lines) and (n := _ROW_NUMBER.fullmatch(text[lines[j][0]:lines[j][1]])) and int(n.group(1)) == k + 1
        if j - i >= 3 and (next_row or rows):
            row = lines[i:j]
            out.append([(row[t][1], row[t + 1][0]) for t in range(len(row) - 1)])
            rows += 1
            i = j
        else:
            if rows < NUMBERED_ROWS_MIN:
                out = out[:len(out) - rows]
            rows = 0
            i += 1
    if rows and rows < NUMBERED_ROWS_MIN:
        out = out[:len(out) - rows]
    return [(a, b, "\t") for row in out for a, b in row]


@dataclass
class Compact:
    """Edits (original start, original end, replacement), sorted and disjoint, and their compact positions."""
    length: int  # length of the text as read
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    joined_lines: int = 0  # wrapped lines joined (text extracted from a PDF)
    _cs: list[int] = field(default_factory=list)  # compact start of each edit
    _os: list[int] = field(default_factory=list)  # original start of each edit

    def __post_init__(self):
        shift = 0
        for a, b, r in self.edits:
            self._cs.append(a + shift)
            self._os.append(a)
            shift += len(r) - (b - a)

    @property
    def identity(self) -> bool:
        return not self.edits

    def apply(self, s: str) -> str:
        """The compact copy of ``s`` (the text as read, or a same-length copy of it)."""
        if not self.edits:
            return s
        out, last = [], 0
        for a, b, r in self.edits:
            out.append(s[last:a])
            out.append(r)
            last = b
        out.append(s[last:])
        return "".join(out)

    def _locate(self, i: int) -> tuple[int, int]:
        """(edit index, compact end of that edit) of the last edit starting at or before compact index i."""
        k = bisect_right(self._cs, i) - 1
        return k, (self._cs[k] + len(self.edits[k][2]) if k >= 0 else 0)

    def start(self, i: int) -> int:
        """Original offset of the character at compact index ``i`` (a figure's start)."""
        k, ce = self._locate(i)
        if k < 0:
            return i
        a, b, _ = self.edits[k]
        return a if i < ce else b + (i - ce)

    def end(self, j: int) -> int:
        """Original offset just after compact index ``j - 1`` (a figure's exclusive end)."""
        if j <= 0:
            return 0
        k, ce = self._locate(j - 1)
        if k < 0:
            return j
        a, b, _ = self.edits[k]
        return b if j - 1 < ce else b + (j - ce)

    def to_compact(self, i: int) -> int:
        """Compact offset of original offset ``i`` (a report's or a junk line's bounds)."""
        k = bisect_right(self._os, i) - 1
        if k < 0:
            return i
        a, b, r = self.edits[k]
        cs = self._cs[k]
        return cs if i < b else cs + len(r) + (i - b)


_SPACE_RUN = re.compile(f"[{_SP}\u202f]+")
_HALF_ENTITIES = ("permil;", "percnt;", "nbsp;", "ensp;", "emsp;")


def _space_windows(text: str) -> list[tuple[int, int]]:
    """Windows of ``text`` around its spaces: space runs at most 4 characters apart form one cluster, widened by
    4 characters on each side (every edit that needs a space lies inside one)."""
    out: list[list[int]] = []
    for m in _SPACE_RUN.finditer(text):
        if out and m.start() - out[-1][1] <= 4:
            out[-1][1] = m.end()
        else:
            out.append([m.start(), m.end()])
    return [(max(0, a - 4), min(len(text), b + 4)) for a, b in out]


def build(text: str, join_wrapped: bool = False, laid_out: bool = False) -> Compact:
    """The edits that make the compact copy of ``text`` (see the module docstring); ``join_wrapped``: also join
    the wrapped lines of text extracted from a PDF (the whole file's text, never a cut-out part); ``laid_out``: the
    text is a PDF's text layer (or OCR of a page), whose lines wrap wherever the page ends them."""
    edits: dict[int, tuple[int, str]] = {}  # start -> (end, replacement)
    joins = _wrapped_joins(text, laid_out) if join_wrapped else []
    for a, b in joins:
        edits[a] = (b, "")
    cells = (_cell_row_joins(text) + _lead_cell_row_joins(text) + _numbered_row_joins(text)) if join_wrapped else []
    for a, b, r in cells:
        edits.setdefault(a, (b, r))
    if "&" in text or any(w in text for w in _HALF_ENTITIES):
        for m in ENTITY.finditer(text):
            r = _entity(m)
            if r is not None:
                edits[m.start()] = (m.end(), r)
    # Digit groups, spaced-out runs and loose spaces all need a space: look only around the text's spaces
    # (clusters of space runs at most 4 characters apart), not at every character.
    for lo, hi in _space_windows(text):
        for m in DIGIT_GROUPS.finditer(text, lo, hi):
            if m.group(2).count("\u2009") + m.group(2).count(" ") + m.group(2).count("\u202f") + m.group(2).count("\u00a0") >= 2 \
                    or len(m.group(1)) <= 2:
                for sm in re.finditer(r"[ \u2009\u202f\u00a0]", m.group(0)):
                    edits.setdefault(m.start() + sm.start(), (m.start() + sm.end(), ""))
        for m in SPACED_RUN.finditer(text, lo, hi):
            if not _PROSE_RUN.search(m.group(0)):
                continue  # a row of single digits is a table, not spaced-out prose
            base = m.start()
            for sm in re.finditer(f"[{_SP}]+", m.group(0)):
                edits.setdefault(base + sm.start(), (base + sm.end(), ""))
        for m in LOOSE_SPACE.finditer(text, lo, hi):
            edits.setdefault(m.start(), (m.end(), ""))
    if "(" in text:
        for m in PINYIN.finditer(text):
            if m.start() > 0 and ("\u3400" <= text[m.start() - 1] <= "\u9fff" or text[m.start() - 1] == ")"
                                  or m.group(0)[1] in _TONED or any(c in _TONED for c in m.group(0))):
                edits.setdefault(m.start(), (m.end(), ""))
    if "%。" in text:
        for m in GARBLED_PERMILLE.finditer(text):
            edits.setdefault(m.start(), (m.end(), "‰"))
    for m in _FIXED_RX.finditer(text):
        edits.setdefault(m.start(), (m.end(), _FIXED[m.group(0)]))
    ordered, last = [], -1
    for a in sorted(edits):
        b, r = edits[a]
        if a >= last:  # overlapping edits: the first one wins
            ordered.append((a, b, r))
            last = b
    return Compact(len(text), ordered, joined_lines=len(joins) + len(cells))


def compact_text(text: str) -> str:
    """Just the compact copy (for scope, place and period words, where no offset is kept)."""
    return build(text).apply(text)
