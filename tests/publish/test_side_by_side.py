"""The analysis notebooks run side by side on the batch's workers, each in its own kernel; a failing one is reported
at the end like a failed brief, the others complete."""
import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import pipeline
from helpers.core.paths import Paths
from helpers.publish import pool

pytestmark = pytest.mark.slow


def _notebook(path, code: str):
    nb = new_notebook(cells=[new_markdown_cell(f"# {path.stem}"), new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def test_analysis_notebooks_run_side_by_side_and_a_failure_is_listed_at_the_end(tmp_path, monkeypatch):
    proj = tmp_path / "p"
    (proj / "notebooks").mkdir(parents=True)
    (proj / "outputs").mkdir()
    monkeypatch.setenv("HEALTHREPORTS_ROOT", str(proj))
    times = tmp_path / "times"
    times.mkdir()
    for name in ("20_a", "21_b", "22_c"):
        _notebook(proj / "notebooks" / f"{name}.ipynb",
                  "import os, time, json\nt0 = time.time(); time.sleep(2)\n"
                  f"open({str(times / name)!r}, 'w').write(json.dumps([t0, time.time(), os.getpid()]))\n"
                  f"print('kernel', os.getpid())")
    _notebook(proj / "notebooks" / "23_broken.ipynb", "raise RuntimeError('this page is broken')")
    logs = []
    res = pipeline.run_side_by_side(Paths(proj), "2", "analysis", workers=2, log=logs.append)
    assert [r.ok for r in res] == [True, True, True, False]  # in the notebooks' order
    assert "this page is broken" in res[-1].error
    spans = [json.loads((times / n).read_text()) for n in ("20_a", "21_b", "22_c")]
    assert len({s[2] for s in spans}) == 3  # each in a kernel of its own
    a, b = spans[0], spans[1]
    assert a[0] < b[1] and b[0] < a[1], spans  # two ran at the same time
    for n in ("20_a", "21_b", "22_c"):
        assert (proj / "outputs/analysis" / f"{n}.html").exists()
    assert not pool.stopped(proj)


def test_the_main_job_runs_every_analysis_page_before_the_briefs_link_them(shipped_run):
    proj, code, logs = shipped_run
    said = "\n".join(logs)
    n = len(sorted((proj / "notebooks").glob("2*.ipynb")))  # every analysis notebook of the project
    assert f"[analysis] {n} of {n} notebooks ok" in said, said
    assert said.index(f"[analysis] {n} of {n}") < said.index("[briefs]")  # all pages are there before the index links them


def test_the_main_job_goes_on_after_a_failed_analysis_page_and_lists_it_at_the_end(tmp_path, monkeypatch):
    from helpers.publish import briefs, notebook_runner, screenshots

    proj = tmp_path / "p"
    (proj / "outputs").mkdir(parents=True)
    paths = Paths(proj)
    ok = notebook_runner.RunResult(str(proj / "notebooks/10_x.ipynb"), str(proj / "outputs/executed/10_x.ipynb"), True,
                                   html=str(proj / "outputs/analysis/10_x.html"))
    bad = notebook_runner.RunResult(str(proj / "notebooks/23_y.ipynb"), str(proj / "outputs/executed/23_y.ipynb"),
                                    False, "cell 2: RuntimeError: boom")
    monkeypatch.setattr(pipeline, "verify_raw", lambda *a, **k: True)
    monkeypatch.setattr(pipeline, "run_stage", lambda *a, **k: [ok])
    monkeypatch.setattr(pipeline, "in_scope_reports", lambda p: 3)
    monkeypatch.setattr(pipeline, "run_side_by_side", lambda *a, **k: [ok, bad])
    monkeypatch.setattr(pipeline, "report_input_problems", lambda *a, **k: 0)
    monkeypatch.setattr(briefs, "run_batch", lambda *a, **k: 0)
    monkeypatch.setattr(screenshots, "run", lambda *a, **k: 0)
    logs = []
    assert pipeline.run_all(paths, workers=2, log=logs.append) == 1
    assert any("FAILED: cell 2: RuntimeError: boom" in m for m in logs[-3:])  # at the end, like a failed brief
    assert any("1 of 2 notebooks ok" in m for m in logs)
