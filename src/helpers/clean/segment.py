"""Split a raw file into its reports and drop the website junk around them.

A file may hold several reports (篇一/篇二, or reports run together under new titles, or a
new report that simply starts over at "一、"), plus junk: a website blurb (导语), a teaser
first line that repeats the opening and ends in "...", copyright/ICP footers and PDF page
marks ("/ 9"). Segments keep character offsets into the decoded text, so every later
table can point back at the words it came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..core import catalog

CN_NUM = "一二三四五六七八九十"
RE_TOP = re.compile(rf"^[>＞\s　]*([{CN_NUM}]+)\s*[、.．，,]")
RE_SUB = re.compile(rf"^[>＞\s　]*[（(]([{CN_NUM}]+)[)）]")
RE_ARABIC = re.compile(r"^[>＞\s　]*(\d{1,2})\s*[、.．]")
RE_MARKER = re.compile(r"^[>＞\s　]*[【\[]?\s*篇\s*([一二三四五六七八九十\d]+)\s*[】\]]?\s*$")
RE_TITLE_WORD = catalog.cue_rx("总结|汇报|工作报告|{plan_title}")  # plan words: cue_words.csv
RE_BLURB = catalog.cue_rx("{blurb}")  # 【导语】: a junk line, and a blurb continues on the next line
RE_OPENING = re.compile(r"^.{0,40}?(以来|一年来|年[,，]|期间|在新的形势下|围绕|紧紧|今年|本年|上半年|全年)")
TEASER_END = re.compile(r"(\.\.\.|…+|。。。)\s*$")
END_PUNCT = "。；;，,：:！!？?"


@dataclass
class Line:
    start: int
    end: int  # exclusive, without the line break
    text: str
    kind: str = "body"  # body | blank | junk | marker | title | heading
    level: int = 0      # heading level: 1 一、  2 (一)  3 1、
    number: int = 0
    note: str = ""


@dataclass
class Segment:
    start: int
    end: int
    lines: list[Line] = field(default_factory=list)
    title: str = ""
    title_line: bool = False
    junk_before: list[str] = field(default_factory=list)
    boundary: str = ""  # what opened it: file-start | marker | title | restart

    def text(self, full: str) -> str:
        return full[self.start:self.end]


_CN_VALS = {c: i + 1 for i, c in enumerate(CN_NUM)}


def cn_to_int(s: str) -> int:
    if s.isdigit():
        return int(s)
    vals = _CN_VALS
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + vals.get(s[1:2], 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return vals.get(a, 0) * 10 + (vals.get(b, 0) if b else 0)
    return vals.get(s, 0)


def split_lines(text: str) -> list[Line]:
    if not text:
        return []
    out, pos = [], 0
    for body in text.split("\n"):
        out.append(Line(pos, pos + len(body.rstrip("\r")), body.rstrip("\r")))
        pos += len(body) + 1
    if out and not out[-1].text and text.endswith("\n"):
        out.pop()  # the empty remainder after a final line break is not a line
    return out


_NORM_RX = re.compile(r"[\s　>＞\u00a0\u200b\ufeff]+")


def _norm(s: str) -> str:
    return _NORM_RX.sub("", s)


@dataclass(frozen=True)
class JunkRule:
    note: str
    squeezed: bool  # looked for anywhere in the line without its spaces, else matched at the start of the line
    max_chars: int | None
    cue: re.Pattern


@lru_cache(maxsize=1)
def junk_rules() -> tuple[JunkRule, ...]:
    """``junk_lines.csv``: website lines that are not the report (footers, page marks, breadcrumbs …), tried in
    order; the first that fires names the line's reason (``note``)."""
    out = []
    for w, r in catalog.rule_rows("junk_lines.csv"):
        if r["on"] not in ("squeezed", "line"):
            raise ValueError(f"{w}: on must be squeezed or line, not {r['on']!r}")
        out.append(JunkRule(r["note"], r["on"] == "squeezed", int(r["max_chars"]) if r["max_chars"] else None,
                            catalog.rule_rx(w, r["cue"])))
    return tuple(out)


def _junk(line: str, squeezed: str) -> str:
    """The note of the first junk rule that fires on a line, or ''."""
    for r in junk_rules():
        if r.max_chars is not None and len(squeezed) > r.max_chars:
            continue
        if r.cue.search(squeezed) if r.squeezed else r.cue.match(line):
            return r.note
    return ""


def classify(lines: list[Line]) -> None:
    norms = [_norm(l.text) for l in lines]
    nonblank = [i for i, t in enumerate(norms) if t]
    for l, t in zip(lines, norms):
        if not t:
            l.kind = "blank"
        elif note := _junk(l.text, t):
            l.kind, l.note = "junk", note
        elif RE_MARKER.match(l.text):
            l.kind = "marker"
        elif m := RE_TOP.match(l.text):
            l.kind, l.level, l.number = "heading", 1, cn_to_int(m.group(1))
        elif m := RE_SUB.match(l.text):
            l.kind, l.level, l.number = "heading", 2, cn_to_int(m.group(1))
        elif (m := RE_ARABIC.match(l.text)) and not re.match(r"^\d{1,2}\s*[.．]\d", _norm(l.text)):
            l.kind, l.level, l.number = "heading", 3, int(m.group(1))
        elif len(t) <= 40 and RE_TITLE_WORD.search(t) and t[-1] not in END_PUNCT:
            l.kind = "title"
    # Teaser: a line ending in "..." whose start repeats the next non-blank line.
    for a, b in zip(nonblank, nonblank[1:]):
        ta, tb = norms[a], norms[b]
        if (lines[a].kind != "junk" and TEASER_END.search(ta) and len(core := TEASER_END.sub("", ta)) >= 10
                and (tb.startswith(core[:20]) or core[:20] in tb[:60])):
            lines[a].kind, lines[a].note = "junk", "teaser repeating the opening"
        elif lines[a].kind == "junk" and RE_BLURB.match(lines[a].text) and RE_BLURB.match(lines[b].text):
            lines[b].kind, lines[b].note = "junk", "website blurb (导语)"
        elif ta == tb and lines[a].kind == "body":
            lines[a].kind, lines[a].note = "junk", "duplicated line"


def _is_short_heading(l: Line) -> bool:
    return l.kind in ("heading", "title", "marker") and len(_norm(l.text)) <= 40


@lru_cache(maxsize=4)
def classified_lines(text: str) -> tuple[Line, ...]:
    """The lines of a whole text, classified once (segmentation, junk spans and plan spans share them)."""
    lines = split_lines(text)
    classify(lines)
    return tuple(lines)


def segment_text(text: str) -> list[Segment]:
    lines = list(classified_lines(text))
    starts: list[tuple[int, str]] = []  # (line index, boundary kind)
    seen_top = False
    prev = None  # previous non-blank, non-junk line
    content = [i for i, l in enumerate(lines) if l.kind not in ("blank", "junk")]
    for pos, i in enumerate(content):
        l = lines[i]
        nxt = lines[content[pos + 1]] if pos + 1 < len(content) else None
        if l.kind == "marker":
            starts.append((i, "marker"))
            seen_top = False
        elif l.kind == "title" and (prev is None or prev.kind != "title"):
            starts.append((i, "title"))
            seen_top = False
        elif (l.kind == "body" and prev is not None and not _is_short_heading(prev) and nxt is not None
              and nxt.kind == "heading" and nxt.number == 1 and seen_top
              and (nxt.level == 1 or RE_OPENING.match(_norm(l.text)))):
            # A new report that starts over: an opening paragraph after body text, then "一、"/"(一)".
            starts.append((i, "restart"))
            seen_top = False
        if l.kind == "heading" and l.level <= 2:
            seen_top = True
        prev = l
    if not starts or starts[0][0] != (content[0] if content else 0):
        starts.insert(0, (content[0] if content else 0, "file-start"))
    segs = []
    for k, (i, why) in enumerate(starts):
        j_end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = [l for l in lines[i:j_end] if l.kind not in ("blank", "junk", "marker")]
        if not body:
            continue
        seg = Segment(start=body[0].start, end=body[-1].end, lines=lines[i:j_end], boundary=why)
        seg.junk_before = [l.note for l in lines[:i] if l.kind == "junk"] if k == 0 else []
        first = body[0]
        seg.title_line = first.kind == "title"
        seg.title = title_text(first.text, seg.title_line)
        segs.append(seg)
    return segs


def title_text(line: str, is_title: bool, limit: int = 40) -> str:
    """A report's title: its title line with spaces folded, or, for a report that has none, its opening
    words up to the first full stop (at most ``limit`` characters, '…' when cut), so a reader can tell
    reports apart: '上半年以来，郊区卫计委在区委、区政府的坚强领导下…', not '上半年以来，'."""
    if is_title:
        return _norm(line)
    s = re.sub(r"^[>＞\s　]+", "", line).rstrip()
    m = re.search(r"[。；;！!？?]", s)
    end = m.start() if m else len(s)
    cut = s[:min(end, limit)].rstrip("，,、：: 　")
    return cut + ("…" if len(cut) < len(s.rstrip("。；;！!？?")) else "")


def content_lines(seg: Segment) -> list[Line]:
    return [l for l in seg.lines if l.kind not in ("blank", "junk", "marker")]


def junk_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, why) of every junk line in a text, for figure extraction to skip."""
    return [(l.start, l.end, l.note) for l in classified_lines(text) if l.kind == "junk"]
