"""Benchmark of the brief batch: prints wall times; asserts nothing (not a timed test).

* the batch for every in-scope report with 1 and with 2 worker processes, each run as the user runs it
  (``python -m helpers.cli briefs --workers N`` in a fresh process, imports included);
* one brief (papermill execution in a fresh kernel, then HTML export) against the floor: a bare papermill run (papermill's
  defaults), on the same machine, of a notebook that only imports pandas and matplotlib and draws one
  plot. The floor notebook run through the suite's own runner is printed too.

Targets (issue "Per-district briefs"): one brief <= 1.2 x the floor; 2 workers <= 0.6 x 1 worker.
Runs on data/clean of this checkout (built first, in-process, if missing); writes to a temporary folder.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import nbformat  # noqa: E402

from helpers import compare  # noqa: E402
from helpers.clean import steps as cleaning  # noqa: E402
from helpers.core.paths import Paths  # noqa: E402
from helpers.publish import brief_inputs, briefs, notebook_runner  # noqa: E402

FLOOR = '''import pandas as pd
import matplotlib
import matplotlib.pyplot as plt
df = pd.DataFrame({"x": range(10), "y": [v * v for v in range(10)]})
df.plot(x="x", y="y")
plt.show()'''


def _project(tmp: Path) -> tuple[Paths, list]:
    for sub in ("notebooks", "data/raw", "src"):
        shutil.copytree(ROOT / sub, tmp / sub, symlinks=True)
    (tmp / "outputs").mkdir()
    (tmp / "data/clean").mkdir()
    shutil.copy(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    paths = Paths(tmp)
    os.environ["HEALTHREPORTS_ROOT"] = str(tmp)
    cleaning.build_reports(paths)
    cleaning.build_figures(paths)
    cleaning.build_quality(paths)
    # a brief reads only its own input file, which the batch computes for all briefs first
    data = compare.load(paths)
    tasks = briefs.targets(paths, reports=data.reports)
    brief_inputs.write_all(paths, data, [t.report_id for t in tasks])
    return paths, tasks


def _floor(tmp: Path, runs: int) -> tuple[list[float], list[float]]:
    """Times of the floor notebook: a bare papermill run, and a run through notebook_runner."""
    import papermill as pm

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src = tmp / "floor.ipynb"
    nbformat.write(nb, str(src))
    bare, ours = [], []
    for k in range(runs):
        t = time.perf_counter()
        with notebook_runner.kernel_stderr_to(tmp / "floor.kernel.log"):  # the kernel's TCP warning, as the runner does
            pm.execute_notebook(str(src), str(tmp / f"floor_bare_{k}.ipynb"), kernel_name="python3", progress_bar=False)
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        res = notebook_runner.execute(src, tmp / f"floor_out_{k}.ipynb")
        ours.append(time.perf_counter() - t)
        assert res.ok, res.error
    return bare, ours


def _batch(tmp: Path, workers: int) -> float:
    """Wall time of ``python -m helpers.cli briefs --workers N --force`` in a fresh process (``--force``: every
    brief is rendered, not only those whose inputs changed since the run before)."""
    env = dict(os.environ, HEALTHREPORTS_ROOT=str(tmp), PYTHONPATH=str(tmp / "src"))
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "helpers.cli", "briefs", "--workers", str(workers), "--no-progress",
                    "--force"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main(runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        paths, tasks = _project(tmp)
        floor, floor_ours = _floor(tmp, runs)
        one_exec, one_total = [], []
        task = tasks[0]
        for _ in range(runs):
            t = time.perf_counter()
            res = notebook_runner.execute(paths.notebooks / briefs.BRIEF_NOTEBOOK, paths.executed / "one.ipynb",
                                          parameters={"report_id": task.report_id})
            one_exec.append(time.perf_counter() - t)
            assert res.ok, res.error
            notebook_runner.export_html(paths.executed / "one.ipynb", paths.outputs / "one.html", title="x")
            one_total.append(time.perf_counter() - t)
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(max(1, runs // 2)):  # alternated, so a drift of the machine hits both alike
            for w in (1, 2):
                times[w].append(_batch(tmp, w))
        batch = {w: statistics.median(v) for w, v in times.items()}
    f, e, tot = statistics.median(floor), statistics.median(one_exec), statistics.median(one_total)
    fo = statistics.median(floor_ours)
    print(f"machine: {os.cpu_count()} cores; {len(tasks)} briefs; medians of {runs} runs")
    print(f"floor (bare papermill, pandas + matplotlib + plot) {f:6.2f} s")
    print(f"floor notebook through notebook_runner             {fo:6.2f} s")
    print(f"one brief, papermill execution                    {e:6.2f} s  = {e / f:4.2f} x floor (target <= 1.2); "
          f"{e / fo:4.2f} x the floor notebook through the same runner")
    print(f"one brief, execution + HTML export                 {tot:6.2f} s  = {tot / f:4.2f} x floor")
    print(f"batch (fresh CLI process), 1 worker                {batch[1]:6.2f} s")
    print(f"batch (fresh CLI process), 2 workers               {batch[2]:6.2f} s  = {batch[2] / batch[1]:4.2f} x 1 worker "
          "(target <= 0.6)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
