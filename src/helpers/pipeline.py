"""The main job: cleaning notebooks, then analysis notebooks, then one brief per district.

Notebooks are found by their file-name prefix, so the order is visible in ``notebooks/``:
``1x_*`` cleaning, ``2x_*`` analysis, ``30_district_brief.ipynb`` the brief template.
Each executed notebook goes to ``outputs/executed/`` and its HTML (no code) to
``outputs/analysis/``. The first failing cleaning or analysis notebook stops the job with its
name; briefs are isolated per district (see :mod:`helpers.publish.briefs`).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from .ingest import manifest
from .publish import notebook_runner, pages
from .clean.steps import report_input_problems
from .core.paths import Paths

def stage_notebooks(paths: Paths, prefix: str) -> list[Path]:
    return sorted(p for p in paths.notebooks.glob(f"{prefix}*.ipynb") if not p.name.startswith("."))


def title_of(nb_path: Path) -> str:
    """The first Markdown heading of a notebook, for the HTML title."""
    import nbformat

    nb = nbformat.read(str(nb_path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return nb_path.stem


def run_stage(paths: Paths, prefix: str, label: str, log=print) -> list[notebook_runner.RunResult]:
    results = []
    for nb in stage_notebooks(paths, prefix):
        t = time.perf_counter()
        out = paths.executed / nb.name
        res = notebook_runner.execute(nb, out)
        if res.ok:
            html = paths.outputs / "analysis" / f"{nb.stem}.html"
            notebook_runner.export_html(out, html, title=title_of(nb), links=pages.for_analysis_page)
            res.html = str(html)
            log(f"[{label}] {nb.name} ok ({time.perf_counter() - t:.1f} s) -> {html.relative_to(paths.root)}")
        else:
            log(f"[{label}] {nb.name} FAILED: {res.error}\n  partial notebook: {Path(res.output).relative_to(paths.root)}")
        results.append(res)
        if not res.ok:
            break
    return results


def verify_raw(paths: Paths, log=print) -> bool:
    res = manifest.update(paths.raw, paths.manifest)
    for m in res.messages():
        log(f"[raw] {m}")
    if not res.clean:
        log("[raw] raw data does not match data/raw/manifest.csv: fix the raw files (never edit them) "
            "or, if the change is intended, remove the row from the manifest so it is re-recorded.")
    return res.clean


NOTHING_IN_SCOPE = ("[run] nothing in scope: no raw file holds a health or family-planning report "
                    "(see data/clean/input_problems.csv for why each was left out).")


def in_scope_reports(paths: Paths) -> int:
    """How many in-scope reports the cleaning found (0 when reports.csv is missing)."""
    from .core import tables

    reps = tables.load_optional(paths, "reports")
    return 0 if reps is None or reps.empty else int(reps["in_scope"].sum())


def run_all(paths: Paths | None = None, workers: int | None = None, log=print, briefs_too: bool = True,
            force: bool = False, executor: str = "local", scheduler: str | None = None) -> int:
    """Run cleaning -> analysis -> briefs. Returns a process exit code."""
    paths = (paths or Paths()).ensure()
    t0 = time.perf_counter()
    if not verify_raw(paths, log):
        return 2
    for prefix, label in (("1", "clean"), ("2", "analysis")):
        results = run_stage(paths, prefix, label, log)
        if not results:
            log(f"[{label}] no notebooks found under notebooks/ with prefix {prefix}")
            return 1
        if not results[-1].ok:
            log(f"main job stopped: {Path(results[-1].notebook).name} failed")
            return 1
        if prefix == "1" and not in_scope_reports(paths):
            log(NOTHING_IN_SCOPE + " No analysis and no brief; the clean tables are written (empty where nothing "
                f"applies), in {time.perf_counter() - t0:.1f} s.")
            return report_input_problems(paths, log)
    if not briefs_too:
        log(f"main job stopped after the analysis, as asked, in {time.perf_counter() - t0:.1f} s")
        return report_input_problems(paths, log)
    from .publish import briefs

    code = briefs.run_batch(paths, workers=workers, log=log, force=force, executor=executor, scheduler=scheduler)
    if code == 130:
        return 130
    from .publish import screenshots

    code = screenshots.run(paths.outputs, log) or code  # look at the pages as a reader does, when a browser exists
    if not verify_raw(paths, log):
        log("[raw] a raw file changed during the run")
        code = code or 2
    code = report_input_problems(paths, log) or code
    log(f"main job finished in {time.perf_counter() - t0:.1f} s with exit code {code}")
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_all())
