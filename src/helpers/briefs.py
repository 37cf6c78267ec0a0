"""Batch runner for the per-district briefs.

Each in-scope report gets ``notebooks/30_district_brief.ipynb`` executed with its report id
in a worker process (papermill in processes, never threads), exported without code to
``outputs/briefs/<slug>.html``. A failing district does not stop the others: it is listed at
the end with its error and the partial notebook papermill saved, and the exit code is 1.
``outputs/index.html`` lists every brief.
"""
from __future__ import annotations

import html
import multiprocessing as mp
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from . import atomic, notebook_runner
from .paths import Paths
from .slugs import brief_slug
from .webfont import embed_cjk_subset

BRIEF_NOTEBOOK = "30_district_brief.ipynb"


@dataclass
class BriefTask:
    report_id: str
    slug: str
    title: str
    root: str


@dataclass
class BriefResult:
    report_id: str
    slug: str
    ok: bool
    seconds: float
    html: str = ""
    executed: str = ""
    error: str = ""


def targets(paths: Paths, only: list[str] | None = None) -> list[BriefTask]:
    """Briefs to render: every in-scope, non-duplicate report, or the ``only`` ids."""
    from .tables import load_reports

    reps = load_reports(paths)
    rows = reps[reps["in_scope"]]
    if "duplicate_of" in rows.columns:
        rows = rows[rows["duplicate_of"].fillna("") == ""]
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
    t = time.perf_counter()
    executed = paths.executed / "briefs" / f"{task.slug}.ipynb"
    res = notebook_runner.execute(paths.notebooks / BRIEF_NOTEBOOK, executed,
                                  parameters={"report_id": task.report_id})
    out = BriefResult(report_id=task.report_id, slug=task.slug, ok=res.ok, seconds=0.0,
                      executed=str(executed), error=res.error)
    if res.ok:
        try:
            html_path = paths.briefs / f"{task.slug}.html"
            notebook_runner.export_html(executed, html_path, title=task.title)
            out.html = str(html_path)
        except Exception as e:  # export failure is a failure of this district only
            out.ok, out.error = False, f"HTML export failed: {type(e).__name__}: {e}"
    out.seconds = time.perf_counter() - t
    return out


def _mp_context():
    """Worker processes start from a fork server that has already imported papermill, nbconvert and the
    helpers (each spawned worker would import them again, ~1 s). Never a plain fork: the parent may hold
    ZeroMQ sockets of the notebooks it ran. Falls back to spawn where there is no fork server (Windows)."""
    try:
        ctx = mp.get_context("forkserver")
    except ValueError:  # pragma: no cover - platforms without fork
        return mp.get_context("spawn")
    ctx.set_forkserver_preload(["helpers.briefs", "helpers.notebook_runner", "papermill", "nbconvert"])
    return ctx


def run_batch(paths: Paths | None = None, workers: int | None = None, only: list[str] | None = None,
              log=print, progress: bool = True) -> int:
    paths = (paths or Paths()).ensure()
    workers = workers or os.cpu_count() or 1
    ctx = _mp_context() if workers > 1 else None
    if ctx is not None and ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()  # the server imports its preload while this process reads the tables
    tasks = targets(paths, only)
    if not tasks:
        log("[briefs] no in-scope reports: nothing to render")
        write_index(paths, [])
        return 1
    workers = max(1, min(workers, len(tasks)))
    t0 = time.perf_counter()
    results: list[BriefResult] = []
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(tasks), desc="briefs", unit="brief", file=sys.stderr, disable=None)
    if workers == 1:
        for task in tasks:
            results.append(render_one(task))
            bar and bar.update()
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            futs = {pool.submit(render_one, t): t for t in tasks}
            for fut in as_completed(futs):
                task = futs[fut]
                try:
                    results.append(fut.result())
                except Exception as e:  # worker crashed
                    results.append(BriefResult(task.report_id, task.slug, False, 0.0, error=f"worker crashed: {e}"))
                bar and bar.update()
    bar and bar.close()
    order = {t.report_id: i for i, t in enumerate(tasks)}
    results.sort(key=lambda r: order[r.report_id])
    write_index(paths, results)
    failed = [r for r in results if not r.ok]
    log(f"[briefs] {len(results) - len(failed)}/{len(results)} briefs rendered with {workers} worker(s) "
        f"in {time.perf_counter() - t0:.1f} s -> outputs/briefs/, index at outputs/index.html")
    for r in failed:
        rel = Path(r.executed).relative_to(paths.root) if r.executed else "(none)"
        log(f"[briefs] FAILED {r.report_id}: {r.error}\n  partial notebook: {rel}")
    return 1 if failed else 0


def write_index(paths: Paths, results: list[BriefResult]) -> Path:
    """``outputs/index.html``: one row per brief with the report's summary, every value escaped."""
    from .tables import load_reports, load_optional

    reps = load_reports(paths).set_index("report_id")
    figs = load_optional(paths, "figures")
    qual = load_optional(paths, "quality")
    nfig = figs.groupby("report_id").size() if figs is not None and len(figs) else {}
    serious = qual[qual["severity"].isin(["error", "warning"])] if qual is not None else None
    nq = serious.groupby("report_id").size() if serious is not None and len(serious) else {}
    esc = html.escape
    rows = []
    for r in results:
        rep = reps.loc[r.report_id]
        link = f'<a href="briefs/{esc(r.slug)}.html">brief</a>' if r.ok else f"failed: {esc(r.error[:200])}"
        rows.append(
            "<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in (
                r.report_id, rep.get("region_name", ""), rep.get("region_en", ""), rep.get("admin_level", ""),
                rep.get("period", ""), rep.get("kind", ""), rep.get("year_reported", ""),
                int(nfig.get(r.report_id, 0)) if len(nfig) else 0, int(nq.get(r.report_id, 0)) if len(nq) else 0,
            )) + f"<td>{link}</td></tr>")
    analysis = sorted((paths.outputs / "analysis").glob("*.html"))
    alinks = "".join(f'<li><a href="analysis/{esc(p.name)}">{esc(p.stem)}</a></li>' for p in analysis)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:">
<title>District health work-report briefs</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:75em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:left}}th{{background:#f3f3f3}}</style></head>
<body><h1>District health work-report briefs</h1>
<p>One brief per health / family-planning work report found in <code>data/raw/</code>. Values are as the
reports state them; see each brief for periods, flags and quality findings before comparing.</p>
<table><thead><tr><th>report id</th><th>place</th><th>place (English)</th><th>admin level</th><th>period</th>
<th>kind</th><th>year as written</th><th>figures</th><th>quality warnings and errors</th><th>brief</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<h2>Analysis notebooks</h2><ul>{alinks}</ul>
</body></html>
"""
    return atomic.write_text(paths.outputs / "index.html", embed_cjk_subset(page))

