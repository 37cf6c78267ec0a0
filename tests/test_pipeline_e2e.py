"""End-to-end: the main job on a copy of the shipped reports (papermill, HTML, briefs)."""
import filecmp
import json
from pathlib import Path

import pytest

from helpers import cleaning, notebook_runner
from helpers.paths import Paths

pytestmark = pytest.mark.slow


def test_main_job_runs_and_leaves_html(shipped_run):
    proj, code, logs = shipped_run
    assert code == 0, "\n".join(logs)
    assert (proj / "outputs/index.html").exists()
    briefs = list((proj / "outputs/briefs").glob("*.html"))
    assert len(briefs) >= 8
    for b in briefs:
        assert b.parent == proj / "outputs/briefs"
    html = briefs[0].read_text(encoding="utf-8")
    assert "<script src=" not in html and "cdnjs" not in html and "require.js" not in html
    assert "load_reports" not in html and "hl-ipython" not in html  # no code in the HTML


def test_reports_csv_is_reproducible_byte_for_byte(shipped_run, tmp_path):
    proj, code, _ = shipped_run
    first = (proj / "data/clean/reports.csv").read_bytes()
    again = cleaning.build_reports(Paths(proj))
    assert (proj / "data/clean/reports.csv").read_bytes() == first
    assert len(again.table) >= 10


def test_raw_files_untouched_by_the_run(shipped_run, root):
    proj, _, _ = shipped_run
    for p in (root / "data/raw").iterdir():
        assert filecmp.cmp(p, proj / "data/raw" / p.name, shallow=False), p.name


def test_a_failing_notebook_is_reported_with_its_name(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("raise RuntimeError('boom')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src = tmp_path / "bad.ipynb"
    nbformat.write(nb, src)
    res = notebook_runner.execute(src, tmp_path / "out" / "bad.ipynb")
    assert not res.ok and "boom" in res.error
    saved = json.loads((tmp_path / "out" / "bad.ipynb").read_text())
    assert saved["cells"]  # the partial notebook is kept
