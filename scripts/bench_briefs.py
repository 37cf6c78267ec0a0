"""Benchmark of the brief batch: prints wall times; asserts nothing (not a timed test).

* the batch for every in-scope report with 1 and with 2 worker processes;
* one brief (papermill execution, then HTML export) against the floor: a bare papermill run, on the
  same machine, of a notebook that only imports pandas and matplotlib and draws one plot.

Targets (issue "Per-district briefs"): one brief <= 1.2 x the floor; 2 workers <= 0.6 x 1 worker.
Runs on data/clean of this checkout (built first, in-process, if missing); writes to a temporary folder.
"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import nbformat  # noqa: E402

from helpers import briefs, cleaning, notebook_runner  # noqa: E402
from helpers.paths import Paths  # noqa: E402

FLOOR = '''import pandas as pd
import matplotlib
import matplotlib.pyplot as plt
df = pd.DataFrame({"x": range(10), "y": [v * v for v in range(10)]})
df.plot(x="x", y="y")
plt.show()'''


def _project(tmp: Path) -> Paths:
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
    return paths


def _floor(tmp: Path, runs: int) -> list[float]:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src = tmp / "floor.ipynb"
    nbformat.write(nb, str(src))
    times = []
    for k in range(runs):
        t = time.perf_counter()
        res = notebook_runner.execute(src, tmp / f"floor_out_{k}.ipynb")
        times.append(time.perf_counter() - t)
        assert res.ok, res.error
    return times


def main(runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        paths = _project(tmp)
        tasks = briefs.targets(paths)
        floor = _floor(tmp, runs)
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
        batch = {}
        for w in (1, 2):
            t = time.perf_counter()
            code = briefs.run_batch(paths, workers=w, log=lambda m: None, progress=False)
            batch[w] = time.perf_counter() - t
            assert code == 0
    f, e, tot = statistics.median(floor), statistics.median(one_exec), statistics.median(one_total)
    print(f"machine: {os.cpu_count()} cores; {len(tasks)} briefs; medians of {runs} runs")
    print(f"floor (papermill, pandas + matplotlib + one plot)  {f:6.2f} s")
    print(f"one brief, papermill execution                    {e:6.2f} s  = {e / f:4.2f} x floor (target <= 1.2)")
    print(f"one brief, execution + HTML export                 {tot:6.2f} s  = {tot / f:4.2f} x floor")
    print(f"batch, 1 worker                                    {batch[1]:6.2f} s")
    print(f"batch, 2 workers                                   {batch[2]:6.2f} s  = {batch[2] / batch[1]:4.2f} x 1 worker "
          "(target <= 0.6)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
