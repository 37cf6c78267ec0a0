"""The main job: cleaning, then analysis notebooks, then one brief per district.

Notebooks are found by their file-name prefix, so the order is visible in ``notebooks/``:
``1x_*`` cleaning, ``2x_*`` analysis, ``30_district_brief.ipynb`` the brief template.
Each executed notebook goes to ``outputs/executed/`` and its HTML (no code) to
``outputs/analysis/``. The cleaning runs file by file on the batch's workers (:func:`clean_stage`: the local pool
or a Dask cluster, as the briefs), then the cleaning notebooks show its tables one after another and the first
failing one stops the job with its name; the analysis notebooks run side by side on the batch's workers, each in a
kernel of its own, and a failing one is reported at the end like a failed brief (exit code 1); briefs are isolated
per district (see :mod:`helpers.publish.briefs`).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from .ingest import manifest
from .publish import notebook_runner
from .clean.steps import report_input_problems
from .core.paths import Paths

def stage_notebooks(paths: Paths, prefix: str) -> list[Path]:
    return sorted(p for p in paths.notebooks.glob(f"{prefix}*.ipynb") if not p.name.startswith("."))


def _job(paths: Paths, nb: Path) -> tuple[str, str, str, str]:
    return (str(nb), str(paths.executed / nb.name), str(paths.outputs / "analysis" / f"{nb.stem}.html"), str(paths.root))


def _said(paths: Paths, label: str, res: notebook_runner.RunResult) -> str:
    name = Path(res.notebook).name
    if res.ok:
        return f"[{label}] {name} ok ({res.seconds:.1f} s) -> {Path(res.html).relative_to(paths.root)}"
    return f"[{label}] {name} FAILED: {res.error}\n  partial notebook: {Path(res.output).relative_to(paths.root)}"


def run_stage(paths: Paths, prefix: str, label: str, log=print) -> list[notebook_runner.RunResult]:
    """The cleaning notebooks, one after another (each shows a table the cleaning wrote); the first failure stops."""
    results = []
    for nb in stage_notebooks(paths, prefix):
        res = notebook_runner.run_page(_job(paths, nb))
        log(_said(paths, label, res))
        results.append(res)
        if not res.ok:
            break
    return results


def _warm_levels(paths: Paths) -> str:
    from . import compare

    return compare.warm_levels(paths)


def run_side_by_side(paths: Paths, prefix: str, label: str, workers: int | None = None,
                     log=print, warm: bool = True) -> list[notebook_runner.RunResult]:
    """The analysis notebooks, which read only the clean tables and write files of their own, side by side on
    ``workers`` worker processes, each in a kernel of its own; all run whatever fails (a failure is reported at the
    end, like a failed brief). Results in the notebooks' order. Ctrl-C: nothing more starts, the notebooks already
    running finish, then KeyboardInterrupt. ``warm``: first compute the comparable levels once on a worker
    (:func:`helpers.compare.warm_levels`), which the notebooks and the briefs then read instead of computing each."""
    import os

    from .publish import pool

    nbs = stage_notebooks(paths, prefix)
    workers = max(1, min(workers or os.cpu_count() or 1, len(nbs)))
    if workers > 1:
        pool.ensure_forkserver()
    ex = pool.Executor("local", workers, None, log, root=paths.root)
    done: dict[str, notebook_runner.RunResult] = {}
    try:
        if warm:  # the levels every notebook starts from, computed once on a worker (not in this process)
            for _, _key, err in ex.run(_warm_levels, [paths]):
                if err is not None:  # each notebook computes them itself, and says what is wrong
                    log(f"[{label}] the comparable levels could not be computed ahead: {type(err).__name__}: {err}")
        for job, res, err in ex.run(notebook_runner.run_page, [_job(paths, nb) for nb in nbs]):
            if err is not None:
                res = notebook_runner.RunResult(job[0], job[1], False, f"worker crashed: {err}")
            done[job[0]] = res
            log(_said(paths, label, res))
    except KeyboardInterrupt:
        ex.stop()
        raise
    ex.close()
    return [done[str(nb)] for nb in nbs if str(nb) in done]


def make_executor(kind: str, workers: int | None, scheduler: str | None, log, label: str, root=None):
    """The batch's workers for a stage (:class:`helpers.publish.pool.Executor`): ``workers`` local processes
    (default: the number of cores; one runs in this process), or a Dask cluster with ``kind`` dask."""
    from .publish import pool

    n = max(1, workers or os.cpu_count() or 1)
    if kind == "local" and n > 1:
        pool.ensure_forkserver()
    return pool.Executor(kind, n, scheduler, lambda m: log(m.replace("[briefs]", f"[{label}]", 1)), root=root)


def clean_stage(paths: Paths, workers: int | None = None, kind: str = "local", scheduler: str | None = None,
                log=print) -> bool:
    """Clean data/raw/ into data/clean/ on the batch's workers (:func:`helpers.clean.steps.clean_all`). False when
    the cleaning stopped (a bad overrides file, a table that breaks its contract: said in one line)."""
    from .clean import steps
    from .core.errors import InputFileError, ValidationError

    if not paths.raw.is_dir():
        log(f"[clean] {paths.raw.name}: no such folder of raw files")
        return True  # the cleaning notebooks say what is missing
    t = time.perf_counter()
    ex = make_executor(kind, workers, scheduler, log, "clean", root=paths.root)
    try:
        r, f, q = steps.clean_all(paths, ex)
    except (InputFileError, ValidationError) as e:
        log(f"[clean] stopped: {e}")
        return False
    except KeyboardInterrupt:
        ex.stop()
        raise
    finally:
        ex.close()
    reps = r.table
    log(f"[clean] {reps['source_file'].nunique() if len(reps) else 0} file(s), {len(reps)} segment(s), "
        f"{int(reps['in_scope'].sum()) if len(reps) else 0} in-scope report(s), {f.rows} figure(s), {q.rows} quality "
        f"finding(s) in {time.perf_counter() - t:.1f} s")
    return True


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

    reps = tables.load_optional(paths, "reports", ["in_scope"])
    return 0 if reps is None or reps.empty else int(reps["in_scope"].sum())


def run_all(paths: Paths | None = None, workers: int | None = None, log=print, briefs_too: bool = True,
            force: bool = False, executor: str = "local", scheduler: str | None = None) -> int:
    """Run cleaning -> analysis -> briefs. Returns a process exit code."""
    paths = (paths or Paths()).ensure()
    t0 = time.perf_counter()
    if not verify_raw(paths, log):
        return 2
    from .publish import pool

    pool.stop_file(paths.root).unlink(missing_ok=True)  # left by a run that was killed while stopping
    if not clean_stage(paths, workers, executor, scheduler, log):
        log("main job stopped: the cleaning stopped")
        return 1
    results = run_stage(paths, "1", "clean", log)
    if not results:
        log("[clean] no notebooks found under notebooks/ with prefix 1")
        return 1
    if not results[-1].ok:
        log(f"main job stopped: {Path(results[-1].notebook).name} failed")
        return 1
    if not in_scope_reports(paths):
        log(NOTHING_IN_SCOPE + " No analysis and no brief; the clean tables are written (empty where nothing "
            f"applies), in {time.perf_counter() - t0:.1f} s.")
        return report_input_problems(paths, log)
    t1 = time.perf_counter()
    try:
        analysis = run_side_by_side(paths, "2", "analysis", workers, log)
    except KeyboardInterrupt:
        pages = sum(1 for p in stage_notebooks(paths, "2") if (paths.outputs / "analysis" / f"{p.stem}.html").exists())
        log(f"[analysis] interrupted: nothing more started ({pages} analysis pages on disk); run again to go on")
        return 130
    if not analysis:
        log("[analysis] no notebooks found under notebooks/ with prefix 2")
        return 1
    failed = [r for r in analysis if not r.ok]
    log(f"[analysis] {len(analysis) - len(failed)} of {len(analysis)} notebooks ok in {time.perf_counter() - t1:.1f} s"
        + (f", {len(failed)} failed (listed at the end)" if failed else ""))

    def report_failed(code: int) -> int:  # like a failed brief: the others complete, listed at the end, exit 1
        for r in failed:
            log(_said(paths, "analysis", r))
        return 1 if failed else code

    if not briefs_too:
        log(f"main job stopped after the analysis, as asked, in {time.perf_counter() - t0:.1f} s")
        return report_failed(report_input_problems(paths, log))
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
    code = report_failed(code)
    log(f"main job finished in {time.perf_counter() - t0:.1f} s with exit code {code}")
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_all())
