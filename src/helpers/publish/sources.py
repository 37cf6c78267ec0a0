"""Source views: every report's text as decoded, with every figure highlighted one click from its numbers.

``outputs/sources/<slug>.html``, one per report (in scope or not), with the Chinese glyphs it uses embedded (in the
page, or in its raw file's stylesheet beside it: see below) and no request leaving the page. It shows:

* the report's text with its line breaks; before it, the lines segmentation left out (a website blurb,
  a footer, page marks), collapsed and marked with the reason, and what lies between reports dimmed;
* every extracted figure as a ``<mark id="f-…">`` coloured by role (level, target, change, completion,
  baseline), numbers without an indicator in a neutral tint; hovering or tapping one shows indicator (en +
  zh), value and unit, role, qualifier, flags and the quality findings that involve it;
* a header with the place and the words that decided it (highlighted in the text), period, kind and scope,
  links to the brief and, in a raw file of several reports, to the previous and next report of the file and to
  the file's index page (``outputs/sources/files/<file>.html``: its reports with place, period and kind).

Everything from the report is HTML-escaped and anchors are ASCII (:func:`anchor_id`). The page is built
by plain string joins in one pass over the text (linear in its length), and the views of a file are written one
at a time, so a page's size and the memory needed do not grow with the number of its siblings. The glyph subset
is made once per raw file, from the characters of the file as read plus those each page adds (its labels:
indicator and place names), gathered as the pages are written. A file of one report embeds it in its one page
(self-contained, like a brief); a file of several shares it as one stylesheet beside the index page
(``files/<file>.css``: only ``file:`` URLs, no request leaves the folder), so a yearbook of 9,000 reports has
9,000 pages of their own size, not 9,000 copies of a large font.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core import atomic, catalog
from ..clean import quality, segment
from ..ingest import textio
from . import webfont
from ..core.slugs import anchor_id, ascii_slug, brief_slug

esc = html.escape
ROLE_CLASS = {"level": "r-level", "target": "r-target", "baseline": "r-baseline", "completion": "r-completion",
              "change_pct": "r-change", "change_abs": "r-change", "change_pp": "r-change"}
ROLE_EN = {"level": "achieved level", "target": "target", "baseline": "baseline (earlier value)",
           "completion": "completion of a target", "change_pct": "change (%)", "change_abs": "change (in the unit)",
           "change_pp": "change (points)"}


def evidence_words(evidence: str) -> list[str]:
    """The place words of ``region_evidence`` (before `` | ``), as they can be found in the text."""
    head = (evidence or "").split(" | ")[0]
    words = []
    for w in head.split("; "):
        w = re.sub(r"\s*\(.*$", "", w).strip("《》… ")
        if len(w) >= 2 and re.search(r"[\u4e00-\u9fff]", w):
            words.append(w)
    return sorted(set(words), key=len, reverse=True)


@dataclass
class _Span:
    start: int
    end: int
    kind: str  # fig | evidence | junk
    payload: object = None


def _figure_tip(rows: list, findings: dict) -> str:
    inds = catalog.indicators()
    parts = []
    for r in rows:
        ind = inds.get(r.indicator)
        what = f"{ind.en} ({ind.zh})" if ind else "no catalog indicator"
        val = "" if pd.isna(r.value) else (f"{r.value:,.0f}" if abs(r.value) >= 1e6 else f"{r.value:,.6g}") + \
            f" {catalog.unit_label(r.unit)}"
        bits = [what, val, ROLE_EN.get(r.role, r.role)]
        if r.qualifier:
            bits.append(f"qualifier: {r.qualifier}")
        if r.flags:
            bits.append(f"flags: {r.flags.replace(';', ', ')}")
        if getattr(r, "page", ""):
            bits.append(f"page {r.page}")
        if getattr(r, "cell", ""):
            bits.append(f"cell {r.cell}")
        bits += findings.get(int(r.start), [])
        parts.append(" · ".join(b for b in bits if b))
    return "\n".join(parts)


def _spans(rep, figs: pd.DataFrame, work: str, lo: int, hi: int, junk: list, findings: dict) -> list[_Span]:
    spans = [_Span(a, b, "junk", why) for a, b, why in junk if a >= lo and b <= hi]
    by_span: dict[tuple[int, int], list] = {}
    for r in figs.sort_values(["start", "figure_id"]).itertuples():
        by_span.setdefault((int(r.start), int(r.end)), []).append(r)
    figs_sp = [_Span(a, b, "fig", rows) for (a, b), rows in sorted(by_span.items())]
    spans += figs_sp
    # the place words, inside the report and outside figures
    taken = [(s.start, s.end) for s in figs_sp]
    for w in evidence_words(rep.region_evidence):
        i = work.find(w, rep.start, rep.end)
        while i != -1:
            if not any(a < i + len(w) and i < b for a, b in taken):
                spans.append(_Span(i, i + len(w), "evidence", w))
                taken.append((i, i + len(w)))
            i = work.find(w, i + len(w), rep.end)
    spans.sort(key=lambda s: (s.start, {"junk": 0, "fig": 1, "evidence": 2}[s.kind]))
    return spans


def render_body(rep, text: str, work: str, figs: pd.DataFrame, lo: int, hi: int, junk: list,
                findings: dict) -> str:
    """The text of ``text[lo:hi]`` as HTML (report part normal, outside dimmed, junk collapsed, figures
    marked)."""
    out, pos = [], lo
    spans = _spans(rep, figs, work, lo, hi, junk, findings)

    def plain(a: int, b: int) -> None:
        if a >= b:
            return
        # the part outside the report (between reports, or before the first) is dimmed
        for x, y, cls in ((a, min(b, rep.start), "outside"), (max(a, rep.start), min(b, rep.end), ""),
                          (max(a, rep.end), b, "outside")):
            if x < y:
                chunk = esc(text[x:y])
                out.append(f'<span class="{cls}">{chunk}</span>' if cls else chunk)

    for s in spans:
        if s.start < pos:  # a span inside one already written (a figure in a junk line cannot occur)
            if s.kind == "fig":
                for r in s.payload:
                    out.append(f'<span class="anchor" id="{anchor_id(r.figure_id)}"></span>')
            continue
        plain(pos, s.start)
        if s.kind == "junk":
            out.append(f'<details class="junk"><summary>left out: {esc(s.payload)}</summary>'
                       f"{esc(text[s.start:s.end])}</details>")
        elif s.kind == "evidence":
            out.append(f'<span class="evidence" title="a word that decided the place">{esc(text[s.start:s.end])}</span>')
        else:
            rows = s.payload
            first = rows[0]
            cls = "mapped " + ROLE_CLASS.get(first.role, "r-level") if any(r.indicator for r in rows) else "unmapped"
            for r in rows[1:]:  # a value shared by two indicators: one mark, an anchor for each row
                out.append(f'<span class="anchor" id="{anchor_id(r.figure_id)}"></span>')
            tip = _figure_tip(rows, findings)
            flagged = " flagged" if any(int(r.start) in findings for r in rows) else ""
            out.append(f'<mark id="{anchor_id(first.figure_id)}" class="fig {cls}{flagged}" tabindex="0" '
                       f'title="{esc(tip)}">{esc(text[s.start:s.end])}</mark>')
        pos = s.end
    plain(pos, hi)
    return "".join(out)


SOURCE_CSS = """
body{font-family:"Embedded Noto Sans CJK SC",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a202c;
 line-height:1.6;margin:0 auto;max-width:60rem;padding:0 1rem 3rem}
h1{font-size:1.5rem;margin:1rem 0 .2rem}dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.4rem 1rem}
dt{font-size:.75rem;text-transform:uppercase;color:#4a5568}dd{margin:0;overflow-wrap:anywhere}
nav a{margin-right:1em}.legend span{display:inline-block;padding:0 .4em;margin:.1em .3em .1em 0;border-radius:3px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.02rem;border-top:2px solid #e2e8f0;padding-top:.6rem}
.outside{color:#a0aec0}
mark.fig{border-radius:3px;padding:0 .1em;cursor:pointer;color:inherit;scroll-margin:35vh 0}
.r-level{background:#bee3f8}.r-target{background:#e9d8fd}.r-change{background:#feebc8}.r-completion{background:#c6f6d5}
.r-baseline{background:#e2e8f0;outline:1px dashed #718096}.unmapped{background:#edf2f7;color:#4a5568}
mark.flagged{box-shadow:inset 0 -3px 0 #c53030}
mark.fig:target,mark.fig.current{outline:3px solid #c53030;outline-offset:1px}
.evidence{text-decoration:underline 2px #2f855a;text-underline-offset:3px;font-weight:600}
details.junk{display:inline;color:#718096;font-size:.85rem}details.junk summary{display:inline;cursor:pointer;
 background:#fff5f5;border:1px solid #fed7d7;border-radius:3px;padding:0 .3em}
#panel{position:sticky;bottom:0;background:#fffff0;border:1px solid #ecc94b;padding:.5rem .8rem;white-space:pre-line;
 font-size:.9rem;margin-top:1rem}
#panel:empty{display:none}
@media print{#panel{display:none}details.junk{display:none}}
"""

SOURCE_SCRIPT = """
(function(){var panel=document.getElementById('panel'), cur=null;
 function show(m){if(cur)cur.classList.remove('current');cur=m;m.classList.add('current');
  panel.textContent=m.textContent+': '+m.getAttribute('title');}
 function markOf(el){while(el&&!(el.matches&&el.matches('mark.fig')))el=el.nextElementSibling;return el;}
 document.addEventListener('click',function(e){var m=e.target.closest('mark.fig');if(m)show(m);});
 document.addEventListener('keydown',function(e){if(e.key==='Enter'&&e.target.matches('mark.fig'))show(e.target);});
 function fromHash(){var id=decodeURIComponent(location.hash.slice(1)),el=id&&document.getElementById(id),m=markOf(el);
  if(m)show(m);}
 window.addEventListener('hashchange',fromHash);fromHash();})();
"""


#: Added to a view of a raw file of several reports: its navigation may carry a long file name.
NAV_CSS = "nav{overflow-wrap:anywhere}"
#: The index page of a raw file: one table of its reports, scrolling in its own box on a narrow screen.
FILE_INDEX_CSS = """
.table-wrap{max-width:100%;overflow-x:auto}table.reports{border-collapse:collapse;font-size:.9rem}
table.reports th,table.reports td{text-align:left;padding:.2rem .6rem;border-bottom:1px solid #e2e8f0;vertical-align:top}
table.reports th{position:sticky;top:0;background:#fff}table.reports td.n{text-align:right}
"""


@dataclass
class FileNav:
    """Where a view stands among the reports of its raw file: the file's index page, its position, and the
    previous and next report (``(report_id, href, title)``, None at either end)."""
    index_href: str
    position: int
    count: int
    prev: tuple[str, str, str] | None
    next: tuple[str, str, str] | None


def _csp(shared_css: bool) -> str:
    """No request leaves the page; a shared stylesheet (``'self'``) is the folder's own file."""
    style = "'unsafe-inline' 'self'" if shared_css else "'unsafe-inline'"
    return (f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src {style}; '
            f'script-src \'unsafe-inline\'; font-src data:">')


def page_html(rep, body: str, nav: FileNav | None, brief_href: str | None, dropped: str = "",
              font_href: str | None = None) -> str:
    place_en = esc(rep.region_en or "place not identified")
    place_zh = esc(rep.region_name or "place not identified")
    facts = [("report", rep.report_id), ("raw file", f"{rep.source_file} · characters {rep.start}–{rep.end}"),
             ("period", rep.period), ("kind", rep.kind), ("in scope", "yes" if rep.in_scope else "no"),
             ("scope", rep.scope_reason), ("place evidence", rep.region_evidence or "none"),
             ("place confidence", f"{float(rep.region_confidence):.2f}")]
    if dropped:  # a PDF's running headers, footers and page numbers, left out of the text
        facts.append(("left out of the PDF", dropped))
    dl = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(str(v))}</dd></div>" for k, v in facts)
    links = ['<a href="../index.html">index</a>']
    if brief_href:
        links.append(f'<a href="{esc(brief_href)}">brief</a>')
    if nav is not None:  # previous, the file's index, next: never every sibling
        if nav.prev:
            rid, href, title = nav.prev
            links.append(f'<a rel="prev" href="{esc(href)}">← previous: {esc(rid)}: {esc(title[:30])}</a>')
        links.append(f'<a class="file-index" href="{esc(nav.index_href)}">report {nav.position} of {nav.count} '
                     f"of {esc(rep.source_file)}</a>")
        if nav.next:
            rid, href, title = nav.next
            links.append(f'<a rel="next" href="{esc(href)}">next: {esc(rid)}: {esc(title[:30])} →</a>')
    legend = "".join(f'<span class="{c}">{esc(t)}</span>' for c, t in (
        ("r-level", "achieved level"), ("r-target", "target"), ("r-change", "change"), ("r-completion", "completion"),
        ("r-baseline", "baseline"), ("unmapped", "no catalog indicator"), ("evidence", "place word")))
    css = SOURCE_CSS + (NAV_CSS if nav is not None else "")
    link = f'<link rel="stylesheet" href="{esc(font_href)}">' if font_href else ""
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
{_csp(bool(font_href))}
<title>Source · {place_zh} · {esc(rep.report_id)}</title><style>{css}</style>{link}</head>
<body><header><h1 lang="en">{place_en} — {place_zh}</h1><nav lang="en">{' '.join(links)}</nav>
<dl lang="en">{dl}</dl><p class="legend" lang="en">{legend} · a red underline: a quality check involves the figure;
hover or tap a figure for what was read.</p></header>
<div class="text">{body}</div><div id="panel" lang="en" aria-live="polite"></div>
<script>{SOURCE_SCRIPT}</script></body></html>
"""


def file_slug(source_file: str) -> str:
    """The ASCII name of a raw file's index page and stylesheet under ``outputs/sources/files/`` (a short hash
    keeps apart names that fold alike: 卫生总结.txt and 计生总结.txt are both ``txt``)."""
    digest = hashlib.sha1(str(source_file).encode("utf-8")).hexdigest()[:6]
    return f"{ascii_slug(source_file, 60) or 'file'}-{digest}"


def file_index_html(source_file: str, rows: list, hrefs: list[str], briefs: set[str], font_href: str) -> str:
    """The index page of a raw file of several reports: each report with place, period, kind, scope, its
    characters in the file, and links to its source view and brief (pages in ``outputs/sources/files/``)."""
    trs = []
    for k, (r, href) in enumerate(zip(rows, hrefs), start=1):
        brief = f'<a href="../../briefs/{esc(href)}">brief</a>' if r.report_id in briefs else ""
        trs.append(f'<tr><td class="n">{k}</td><td><a href="../{esc(href)}">{esc(r.report_id)}</a></td>'
                   f'<td lang="en">{esc(r.region_en or "place not identified")}</td><td>{esc(r.region_name or "")}</td>'
                   f"<td>{esc(r.period)}</td><td>{esc(r.kind)}</td><td>{'yes' if r.in_scope else 'no'}</td>"
                   f'<td class="n">{r.start}–{r.end}</td><td>{brief}</td></tr>')
    n, in_scope = len(rows), sum(bool(r.in_scope) for r in rows)
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
{_csp(True)}
<title>Source · {esc(source_file)} · {n} reports</title><style>{SOURCE_CSS}{FILE_INDEX_CSS}</style>
<link rel="stylesheet" href="{esc(font_href)}"></head>
<body><header><h1 lang="en">The {n} reports of {esc(source_file)}</h1><nav lang="en"><a href="../../index.html">index</a></nav>
<p lang="en">In the order of the raw file; {in_scope} of {n} in scope. Each report links to its source view (its text
with every figure highlighted), each view to the previous and next report and back here.</p></header>
<div class="table-wrap"><table class="reports" lang="en"><thead><tr><th>#</th><th>report</th><th>place</th>
<th lang="zh">地名</th><th>period</th><th>kind</th><th>in scope</th><th>characters</th><th>brief</th></tr></thead>
<tbody>{"".join(trs)}</tbody></table></div></body></html>
"""


def _findings_by_start(findings: pd.DataFrame | None) -> dict[str, dict[int, list[str]]]:
    """report_id -> figure start -> the findings that name the figure (quality.csv)."""
    out: dict[str, dict[int, list[str]]] = {}
    if findings is None or findings.empty:
        return out
    for r, start in quality.figure_refs(findings):
        out.setdefault(r.report_id, {}).setdefault(start, []).append(f"{r.severity} {r.check}: {r.message[:160]}")
    return out


def write_file_views(raw_path: Path, reps: pd.DataFrame, figs: pd.DataFrame, findings: dict, out_dir: Path,
                     briefs: set[str]) -> list[Path]:
    """The source views of every report of one raw file, written one at a time (a page in memory at once), and for
    a file of several reports its index page and the stylesheet of its glyph subset; returns the views written."""
    raw = textio.load(raw_path)
    text = raw.text
    dropped = "; ".join(f"p. {p}: {line} ({why})" for p, line, why in raw.dropped[:12]) + (
        f"; and {len(raw.dropped) - 12} more" if len(raw.dropped) > 12 else "")
    work = textio.working_copy(text)
    junk = segment.junk_spans(work)
    rows = list(reps.sort_values("start").itertuples())
    hrefs = [f"{brief_slug(r.report_id, r.region_en)}.html" for r in rows]
    at = figs.groupby("report_id", sort=False).indices if len(figs) else {}  # row positions per report
    several = len(rows) > 1
    slug = file_slug(Path(raw_path).name)
    font_href = f"files/{slug}.css" if several else None
    chars = webfont.cjk_chars(text)  # the characters of the file as read ...

    def neighbour(j: int):
        return (rows[j].report_id, hrefs[j], rows[j].title) if 0 <= j < len(rows) else None

    written = []
    prev_end = 0
    for k, rep in enumerate(rows):
        lo = prev_end
        hi = len(text) if k == len(rows) - 1 else rep.end
        mine = figs.iloc[at[rep.report_id]] if rep.report_id in at else figs.iloc[0:0]
        body = render_body(rep, text, work, mine, lo, hi, junk, findings.get(rep.report_id, {}))
        brief = f"../briefs/{hrefs[k]}" if rep.report_id in briefs else None
        nav = FileNav(f"files/{slug}.html", k + 1, len(rows), neighbour(k - 1), neighbour(k + 1)) if several else None
        page = page_html(rep, body, nav, brief, dropped, font_href)
        chars |= webfont.cjk_chars(page)  # ... and those the page adds: indicator and place names
        if not several:  # one page: the subset embedded in it
            page = webfont.insert_css(page, webfont.css_for_chars(chars))
        written.append(atomic.write_text(out_dir / hrefs[k], page))
        prev_end = rep.end
    if several:
        index = file_index_html(Path(raw_path).name, rows, hrefs, briefs, f"{slug}.css")
        chars |= webfont.cjk_chars(index)
        atomic.write_text(out_dir / "files" / f"{slug}.html", index)
        atomic.write_text(out_dir / "files" / f"{slug}.css", webfont.font_rules(chars))
    return written


def file_outputs(job: tuple) -> list[Path]:
    """Every file a job of :func:`file_jobs` writes: the views, and for a file of several reports its index page
    and stylesheet (what must exist for the job's output to be complete)."""
    raw_path, reps, out_dir = Path(job[0]), job[1], Path(job[4])
    pages = [out_dir / f"{brief_slug(r.report_id, r.region_en)}.html" for r in reps.itertuples()]
    if len(reps) > 1:
        slug = file_slug(raw_path.name)
        pages += [out_dir / "files" / f"{slug}.html", out_dir / "files" / f"{slug}.css"]
    return pages


#: The columns of figures.csv a source view shows (its marks, anchors and tooltips).
VIEW_COLUMNS = ("figure_id", "report_id", "start", "end", "indicator", "qualifier", "value", "unit", "role", "flags",
                "page", "cell")


def file_jobs(paths, briefs: set[str] | None = None, data=None) -> list[tuple]:
    """One job per raw file — the arguments of :func:`write_file_views`, each with only its file's rows,
    so a worker process needs no table of its own. ``data`` (a :class:`helpers.compare.Clean`) saves
    reading the tables again when the caller has them."""
    if data is None:
        from .. import compare

        data = compare.load(paths)
    reps = data.reports
    figs = data.every_figure(["source_file", *VIEW_COLUMNS])  # a view marks every figure (not the quotes)
    findings = _findings_by_start(data.quality)
    out_dir = paths.outputs / "sources"
    out_dir.mkdir(parents=True, exist_ok=True)
    cols = [c for c in VIEW_COLUMNS if c in figs.columns]  # not the quotes: a worker gets what a view shows
    figs_by_file = {f: g[cols] for f, g in figs.groupby("source_file")} if len(figs) else {}
    jobs = []
    for source, g in reps.groupby("source_file", sort=True):
        mine = {rid: findings[rid] for rid in g["report_id"] if rid in findings}
        jobs.append((paths.raw / source, g, figs_by_file.get(source, figs[cols].iloc[0:0]), mine, out_dir,
                     set(briefs or ()) & set(g["report_id"])))
    return jobs


def write_all(paths, briefs: set[str] | None = None) -> list[Path]:
    """``outputs/sources/<slug>.html`` for every report of the clean tables, in this process; returns the
    files written. (The brief batch runs the same jobs in its worker processes.)"""
    return [p for job in file_jobs(paths, briefs) for p in write_file_views(*job)]
