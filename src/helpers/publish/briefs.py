"""Batch runner for the per-district briefs.

Each in-scope report gets ``notebooks/30_district_brief.ipynb`` executed with its report id
in a worker process (papermill in processes, never threads), exported without code to
``outputs/briefs/<slug>.html``. A failing district does not stop the others: it is listed at
the end with its error and the partial notebook papermill saved, and the exit code is 1.
``outputs/index.html`` lists every brief.
"""
from __future__ import annotations

import html
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import atomic
from . import notebook_runner, pool
from ..core.paths import Paths
from ..core.slugs import brief_slug
from .webfont import embed_cjk_subset

if TYPE_CHECKING:  # pandas is imported where the batch reads the tables, not by every worker at start
    import pandas as pd

BRIEF_NOTEBOOK = "30_district_brief.ipynb"


@dataclass
class BriefTask:
    report_id: str
    slug: str
    title: str
    root: str
    key: str = ""  # checksum of the brief's inputs (its input file, the brief notebook, the code that draws it)


@dataclass
class BriefResult:
    report_id: str
    slug: str
    ok: bool
    seconds: float
    html: str = ""
    executed: str = ""
    error: str = ""
    cached: bool = False  # not rendered again: its inputs have not changed since the last batch


def targets(paths: Paths, only: list[str] | None = None, reports: pd.DataFrame | None = None) -> list[BriefTask]:
    """Briefs to render: every in-scope, non-duplicate report, or the ``only`` ids. ``reports``: the reports
    table when the caller has read it already."""
    from .. import compare
    from ..core.tables import load_reports

    reps = load_reports(paths) if reports is None else reports
    rows = compare.comparable_reports(reps)
    if only:
        unknown = sorted(set(only) - set(reps["report_id"]))
        if unknown:
            raise SystemExit(f"unknown report id(s): {', '.join(unknown)}; see data/clean/reports.csv")
        rows = reps[reps["report_id"].isin(only)]
    out = []
    for r in rows.itertuples():
        title = f"{r.region_name or '(place unknown)'} · {r.region_en or ''} · {r.period} {r.kind}".strip()
        out.append(BriefTask(report_id=r.report_id, slug=brief_slug(r.report_id, r.region_en or ""),
                             title=title, root=str(paths.root)))
    return out


def render_one(task: BriefTask) -> BriefResult:
    """Execute and export one brief (runs in a worker process)."""
    os.environ["HEALTHREPORTS_ROOT"] = task.root
    paths = Paths(task.root)
    if pool.stopped(task.root):  # Ctrl-C: a brief that has not started does not start
        return BriefResult(task.report_id, task.slug, False, 0.0, error="not started: the batch was interrupted")
    t = time.perf_counter()
    executed = paths.executed / "briefs" / f"{task.slug}.ipynb"
    res = notebook_runner.execute(paths.notebooks / BRIEF_NOTEBOOK, executed,
                                  parameters={"report_id": task.report_id}, reuse_kernel=True)
    out = BriefResult(report_id=task.report_id, slug=task.slug, ok=res.ok, seconds=0.0,
                      executed=str(executed), error=res.error)
    if res.ok:
        try:
            html_path = paths.briefs / f"{task.slug}.html"
            notebook_runner.export_html(executed, html_path, title=task.title)
            out.html = str(html_path)
            _stamp(paths, task.slug).write_text(task.key)  # by the worker: a brief on disk always has its key
        except Exception as e:  # export failure is a failure of this district only
            out.ok, out.error = False, f"HTML export failed: {type(e).__name__}: {e}"
    out.seconds = time.perf_counter() - t
    return out


EXECUTORS = pool.EXECUTORS


def _code_key(paths: Paths) -> str:
    """A checksum of what draws a brief: the brief notebook and the package's code, rule tables and templates."""
    import hashlib

    h = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    files = [p for p in package.rglob("*") if p.suffix in (".py", ".csv") or "templates" in p.parts]
    for p in [paths.notebooks / BRIEF_NOTEBOOK, *sorted(files)]:
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(package) if package in p.parents else p.name).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _stamp(paths: Paths, slug: str) -> Path:
    p = paths.outputs / ".batch" / f"{slug}.key"
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


def _fresh(paths: Paths, task: BriefTask) -> bool:
    """The brief exists and was rendered from exactly these inputs."""
    st = _stamp(paths, task.slug)
    return (paths.briefs / f"{task.slug}.html").exists() and st.exists() and st.read_text() == task.key


def _view_job(job: tuple) -> list:
    from . import sources

    return sources.write_file_views(*job)


def run_batch(paths: Paths | None = None, workers: int | None = None, only: list[str] | None = None,
              log=print, progress: bool = True, force: bool = False, executor: str = "local",
              scheduler: str | None = None) -> int:
    """Render the briefs (and the source views). The comparisons are computed once here, before any
    brief kernel starts (:mod:`helpers.publish.brief_inputs`), while the workers draw the source views; a brief whose inputs have not changed since the
    last batch is not rendered again (``force`` renders all). A failing district is reported at the end
    and the exit code is 1; Ctrl-C stops cleanly with exit code 130 (run again to render what is left)."""
    paths = (paths or Paths()).ensure()
    if executor not in EXECUTORS:
        raise SystemExit(f"unknown executor {executor!r}: one of {', '.join(EXECUTORS)}")
    workers = workers or os.cpu_count() or 1
    if executor == "local" and workers > 1:
        pool.ensure_forkserver()  # the server imports its preload while this process reads the tables
    from . import brief_inputs, sources
    from .. import compare

    t0 = time.perf_counter()
    data = compare.load(paths)  # the clean tables, read once for the whole batch (each brief's figures: from the table)
    tasks = targets(paths, only, data.reports)
    if not tasks:
        log("[briefs] no in-scope reports: nothing to render")
        write_index(paths, [])
        return 1
    # The index is always whole: with --only, the other in-scope reports keep the briefs rendered before.
    mine = {t.report_id for t in tasks}
    others = [t for t in targets(paths, None, data.reports) if t.report_id not in mine] if only else []
    workers = max(1, min(workers, len(tasks)))
    code = _code_key(paths)
    kept = [_kept(paths, t) for t in others]  # not asked for: listed as they are, never rendered here
    briefed = mine | {t.report_id for t in others}
    jobs = sources.file_jobs(paths, briefs=briefed, data=data)  # one per raw file
    view_key = {Path(job[0]).name: hashlib_sha(job_key(job) + code) for job in jobs}
    view_todo = [j for j in jobs if force or not _view_fresh(paths, j, view_key[Path(j[0]).name])]
    bar = None
    views = 0
    view_failures: list[str] = []
    ex = None
    todo: list[BriefTask] | None = None
    try:
        ex = pool.Executor(executor, workers, scheduler, log, root=paths.root)
        t1 = time.perf_counter()
        # the workers draw the source views while this process computes the briefs' inputs
        view_results = ex.start(_view_job, view_todo)
        keys = brief_inputs.write_all(paths, data, [t.report_id for t in tasks])  # one brief's input at a time
        for t in tasks:
            t.key = hashlib_sha(keys[t.report_id] + code + t.title)
        todo = [t for t in tasks if force or not _fresh(paths, t)]
        to_render = {t.slug for t in todo}
        results: list[BriefResult] = [BriefResult(t.report_id, t.slug, True, 0.0, cached=True,
                                                  html=str(paths.briefs / f"{t.slug}.html"))
                                      for t in tasks if t.slug not in to_render]
        log(f"[briefs] inputs of {len(tasks)} briefs computed in {time.perf_counter() - t0:.1f} s; {len(todo)} to render"
            + (f", {len(tasks) - len(todo)} unchanged since the last batch" if len(todo) < len(tasks) else ""))
        for job, written, err in view_results:
            if err is not None:
                log(f"[sources] the source views of {job[0].name} failed: {type(err).__name__}: {err}")
                view_failures.append(f"{job[0].name}: {type(err).__name__}: {err}")
            else:
                views += len(written)
                _view_stamp(paths, job).write_text(view_key[Path(job[0]).name])
        log(f"[sources] {views} source views in {time.perf_counter() - t1:.1f} s -> outputs/sources/"
            + (f" ({len(jobs) - len(view_todo)} raw files unchanged)" if len(view_todo) < len(jobs) else ""))
        if progress and todo:  # after the source views' line, which would land on the bar's
            from tqdm.auto import tqdm

            bar = tqdm(total=len(todo), desc="briefs", unit="brief", file=sys.stderr, disable=None)
        t0 = time.perf_counter()
        for task, res, err in ex.run(render_one, todo):
            if err is not None:
                res = BriefResult(task.report_id, task.slug, False, 0.0, error=f"worker crashed: {err}")
            results.append(res)
            bar and bar.update()
    except KeyboardInterrupt:
        bar and bar.close()
        if ex is not None:
            ex.stop()  # nothing more starts; the briefs already running finish
        if todo is None:  # Ctrl-C before the briefs' inputs were computed: no brief has started
            log("[briefs] interrupted before any brief was started; run again to render them")
            return 130
        done = sum(_fresh(paths, t) for t in todo)  # what is on disk with a valid key
        log(f"[briefs] interrupted: {done} of {len(todo)} briefs rendered; run again to render the rest")
        return 130
    ex.close()
    bar and bar.close()
    order = {t.report_id: i for i, t in enumerate(sorted(tasks + others, key=_index_order(data.reports)))}
    failed = [r for r in results if not r.ok]
    rendered = len(results) - len(failed) - sum(r.cached for r in results)
    unchanged = sum(r.cached for r in results)
    write_index(paths, sorted(results + kept, key=lambda r: order[r.report_id]), data)
    log(f"[briefs] {rendered} rendered, {unchanged} unchanged, {len(failed)} failed, with "
        f"{workers} worker(s) ({executor}) in {time.perf_counter() - t0:.1f} s -> outputs/briefs/, index at outputs/index.html")
    for r in failed:
        rel = Path(r.executed).relative_to(paths.root) if r.executed else "(none)"
        log(f"[briefs] FAILED {r.report_id}: {r.error}\n  partial notebook: {rel}")
    for v in view_failures:  # every brief links into its source view: a failed view is a failure too
        log(f"[sources] FAILED {v}")
    return 1 if failed or view_failures else 0


def _index_order(reps):
    """Index rows in the order of reports.csv."""
    pos = {r: k for k, r in enumerate(reps["report_id"])}
    return lambda t: pos.get(t.report_id, len(pos))


def _kept(paths: Paths, task: BriefTask) -> BriefResult:
    """A brief not asked for (``--only``): listed as rendered before, or as not rendered yet."""
    html_path = paths.briefs / f"{task.slug}.html"
    if html_path.exists():
        return BriefResult(task.report_id, task.slug, True, 0.0, html=str(html_path), cached=True)
    return BriefResult(task.report_id, task.slug, False, 0.0, cached=True,
                       error="not rendered yet (run healthreports briefs without --only)")


def hashlib_sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def job_key(job: tuple) -> str:
    """A checksum of a source-view job: the raw file's bytes and the rows drawn from it."""
    import hashlib
    import pickle

    raw_path, reps, figs, findings, _out, briefs = job
    h = hashlib.sha256(Path(raw_path).read_bytes())
    h.update(pickle.dumps((reps, figs, sorted(findings.items()), sorted(briefs)), protocol=5))
    return h.hexdigest()


def _view_stamp(paths: Paths, job: tuple) -> Path:
    p = paths.outputs / ".batch" / f"sources-{Path(job[0]).name}.key"
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


def _view_fresh(paths: Paths, job: tuple, key: str) -> bool:
    from . import sources

    st = _view_stamp(paths, job)
    return st.exists() and st.read_text() == key and all(p.exists() for p in sources.file_outputs(job))


INDEX_SCRIPT = """
(function(){
  var table=document.getElementById('briefs'), body=table.tBodies[0], filter=document.getElementById('filter');
  var count=document.getElementById('shown');
  function update(){var q=filter.value.trim().toLowerCase(), n=0;
    Array.prototype.forEach.call(body.rows,function(r){var ok=!q||r.textContent.toLowerCase().indexOf(q)>=0;
      r.hidden=!ok; if(ok)n++;}); count.textContent=n;}
  filter.addEventListener('input',update);
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,k){
    var b=th.querySelector('button'); if(!b)return;
    b.addEventListener('click',function(){
      var asc=th.getAttribute('aria-sort')!=='ascending', num=th.hasAttribute('data-num');
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(c){c.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){var x=a.cells[k].getAttribute('data-sort')||a.cells[k].textContent,
        y=b.cells[k].getAttribute('data-sort')||b.cells[k].textContent;
        var c=num?(parseFloat(x)||0)-(parseFloat(y)||0):x.localeCompare(y);return asc?c:-c;});
      rows.forEach(function(r){body.appendChild(r);});});});
  update();
})();
"""

INDEX_CSS = """
body{font-family:"Embedded Noto Sans CJK SC",system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 color:#1a202c;line-height:1.5;margin:0 auto;max-width:72rem;padding:0 1rem 2rem}
h1{font-size:1.7rem;margin:1.2rem 0 .3rem}h2{font-size:1.25rem;border-bottom:2px solid #e2e8f0;margin-top:1.8rem}
.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.6rem;margin:1rem 0}
.summary div{background:#ebf8ff;border-left:4px solid #2b6cb0;padding:.4rem .7rem}
.summary b{display:block;font-size:1.5rem}.summary span{font-size:.8rem;color:#4a5568}
label{font-weight:600}input[type=search]{font:inherit;padding:.3rem .5rem;width:min(24rem,100%);margin:.3rem 0}
.table-wrap{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e2e8f0}
thead th{background:#f7fafc}th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;
 color:inherit;text-align:left}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}.zh{display:block;color:#4a5568;font-size:.85rem}
.warn{color:#c53030;font-weight:600}.note{color:#4a5568;font-size:.9rem}
@media (max-width:640px){body{padding:0 .5rem}th.wide-only,td.wide-only{display:none}}
@media print{@page{size:A4;margin:15mm}input,label{display:none}tr{break-inside:avoid}}
"""


def write_index(paths: Paths, results: list[BriefResult], data=None) -> Path:
    """``outputs/index.html``: a summary of the corpus, then one row per brief (place, tier, period, kind,
    figures, warnings), sortable and filterable by a few lines of inline script; every value escaped.
    ``data`` (a :class:`helpers.compare.Clean`) saves reading the tables again."""
    from .. import compare
    from ..core.tables import load_optional, load_reports

    if data is not None:
        reps, figs, qual, lv = data.reports.set_index("report_id"), data.figures, data.quality, data.levels
    else:
        reps = load_reports(paths).set_index("report_id")
        figs = load_optional(paths, "figures")
        qual = load_optional(paths, "quality")
        lv = compare.levels(figs, reps.reset_index(), qual) if figs is not None else None
    nfig = figs[figs["indicator"] != ""].groupby("report_id").size() if figs is not None and len(figs) else {}
    serious = qual[qual["severity"].isin(["error", "warning"])] if qual is not None else None
    nq = serious.groupby("report_id").size() if serious is not None and len(serious) else {}
    esc = html.escape
    # the same place over time: each place's periods, as a column only when some place has two or more
    periods = compare.overtime.periods_by_report(reps.reset_index()) if "province" in reps.columns else {}
    rows = []
    for r in results:
        rep = reps.loc[r.report_id]
        level = rep.get("admin_level", "")
        link = (f'<a href="briefs/{esc(r.slug)}.html">brief</a>' if r.ok else esc(r.error[:200]) if r.cached
                else f"failed: {esc(r.error[:200])}")
        link += f' · <a href="sources/{esc(r.slug)}.html">source</a>'

        n_f = int(nfig.get(r.report_id, 0)) if len(nfig) else 0
        n_q = int(nq.get(r.report_id, 0)) if len(nq) else 0
        place = (f"{esc(rep.get('region_en', '') or 'place not identified')}"
                 f"<span class=\"zh\">{esc(rep.get('region_name', '') or '')}</span>")
        rows.append(
            f'<tr><td data-sort="{esc(rep.get("region_en", "") or "")}">{place}</td>'
            f"<td>{esc(compare.tier_of(level, compare.is_placed(rep)))}</td><td class=\"wide-only\">{esc(compare.ADMIN_TYPE_EN.get(level, level))}</td>"
            f"<td>{esc(rep.get('period', ''))}</td>"
            + (f"<td>{esc(periods.get(r.report_id, ''))}</td>" if periods else "")
            + f"<td>{esc(rep.get('kind', ''))}</td>"
            f'<td class="num" data-sort="{n_f}">{n_f}</td>'
            f'<td class="num{" warn" if n_q else ""}" data-sort="{n_q}">{n_q}</td>'
            f'<td class="wide-only">{esc(r.report_id)}</td><td>{link}</td></tr>')
    summary = ""
    if lv is not None:
        comp = compare.comparable_reports(reps.reset_index())
        places = compare.places_identified(comp)
        facts = [(len(comp), "reports compared"), (places, "places identified"),
                 (lv["indicator"].nunique(), "catalog indicators stated"),
                 (compare.comparable_pairs(lv), "indicator × group pairs with 3+ reports"),
                 (len(results), "briefs")]
        summary = '<div class="summary">' + "".join(f"<div><b>{n}</b><span>{esc(t)}</span></div>" for n, t in facts) + "</div>"
    briefed = {r.report_id for r in results}
    others = [r for r in reps.reset_index().itertuples() if r.report_id not in briefed]
    other_rows = "".join(
        f"<tr><td>{esc(r.report_id)}</td><td>{esc(r.title[:60])}</td><td>{esc(r.scope_reason if not r.in_scope else 'duplicate of ' + r.duplicate_of)}</td>"
        f'<td><a href="sources/{esc(brief_slug(r.report_id, r.region_en or ""))}.html">source</a></td></tr>' for r in others)
    other_html = ("<h2>Segments without a brief</h2><p class=\"note\">Off-topic pieces, website pages and duplicates: "
                  "their source views show what was read and why they were left out.</p><div class=\"table-wrap\"><table>"
                  "<thead><tr><th>segment</th><th>title</th><th>why</th><th>view</th></tr></thead><tbody>"
                  f"{other_rows}</tbody></table></div>") if others else ""
    analysis = sorted((paths.outputs / "analysis").glob("*.html"))
    alinks = "".join(f'<li><a href="analysis/{esc(p.name)}">{esc(p.stem)}</a></li>' for p in analysis)
    head = "".join(f"<th{a}><button type=\"button\">{t}</button></th>" for t, a in (
        ("place", ""), ("tier", ""), ("admin type", ' class="wide-only"'), ("period", ""),
        *((("periods of the place", ""),) if periods else ()), ("kind", ""),
        ("catalog figures", " data-num"), ("warnings and errors", " data-num"), ("report id", ' class="wide-only"')))
    head += "<th>brief · source</th>"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:">
<title>District health work-report briefs</title>
<style>{INDEX_CSS}</style></head>
<body><h1>District health work-report briefs</h1>
<p>One brief per health and family-planning work report found in <code>data/raw/</code>. Values are as the
reports state them; each brief shows periods, flags and quality findings beside its comparisons.</p>
{summary}
<h2>Briefs</h2>
<label for="filter">Filter</label> <input id="filter" type="search" placeholder="place, tier, period, kind …">
<p class="note"><span id="shown">{len(rows)}</span> of {len(rows)} shown; click a column heading to sort.</p>
<div class="table-wrap"><table id="briefs"><thead><tr>{head}</tr></thead>
<tbody>{''.join(rows)}</tbody></table></div>
{other_html}
<h2>Analysis notebooks</h2><ul>{alinks}</ul>
<script>{INDEX_SCRIPT}</script>
</body></html>
"""
    return atomic.write_text(paths.outputs / "index.html", embed_cjk_subset(page))
