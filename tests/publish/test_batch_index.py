"""The brief batch's index and exit code, on made-up reports with a stand-in for the notebook run (one worker runs
in this process, so the stand-in is used): ``--only`` renders just those and leaves the index whole; a failed
source view counts in the exit code like a failed brief."""
import shutil
from pathlib import Path

import pytest

from helpers.clean import steps as cleaning
from helpers.core.paths import Paths
from helpers.publish import briefs

FIX = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "proj"
    (root / "data" / "raw").mkdir(parents=True)
    (root / "data" / "clean").mkdir()
    (root / "outputs").mkdir()
    shutil.copytree(FIX.parents[1] / "notebooks", root / "notebooks")
    # three distinct reports (page.html is utf8.txt's report in a page: read as its main content, it is a duplicate)
    for name in ("utf8.txt", "messy_crlf.txt", "traditional.txt"):
        shutil.copy(FIX / name, root / "data" / "raw" / name)
    monkeypatch.setenv("HEALTHREPORTS_ROOT", str(root))
    paths = Paths(root)
    cleaning.build_reports(paths)
    cleaning.build_figures(paths)
    cleaning.build_quality(paths)
    rendered = []

    def fake_render(task):
        rendered.append(task.report_id)
        out = Path(task.root) / "outputs" / "briefs" / f"{task.slug}.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f"<html>{task.report_id}</html>", encoding="utf-8")
        return briefs.BriefResult(task.report_id, task.slug, True, 0.0, html=str(out))

    monkeypatch.setattr(briefs, "render_one", fake_render)
    return paths, rendered


def _index_rows(paths):
    page = (paths.outputs / "index.html").read_text(encoding="utf-8")
    return page, page.split("<tbody>")[1].split("</tbody>")[0].count("<tr>")


def test_only_renders_just_those_and_leaves_the_index_whole(project):
    paths, rendered = project
    ids = [t.report_id for t in briefs.targets(paths)]
    assert len(ids) == 3
    assert briefs.run_batch(paths, workers=1, log=lambda m: None, progress=False) == 0
    rendered.clear()
    assert briefs.run_batch(paths, workers=1, only=[ids[1]], force=True, log=lambda m: None, progress=False) == 0
    assert rendered == [ids[1]]
    page, rows = _index_rows(paths)
    assert rows == 3 and "duplicate of </td>" not in page and "Segments without a brief" not in page
    for t in briefs.targets(paths):
        assert f'href="briefs/{t.slug}.html"' in page


def test_only_on_a_fresh_folder_lists_the_others_as_not_rendered_yet(project):
    paths, rendered = project
    ids = [t.report_id for t in briefs.targets(paths)]
    assert briefs.run_batch(paths, workers=1, only=[ids[0]], log=lambda m: None, progress=False) == 0
    page, rows = _index_rows(paths)
    assert rows == 3 and page.count("not rendered yet") == 2 and rendered == [ids[0]]


def test_a_failed_source_view_counts_in_the_exit_code(project, monkeypatch):
    paths, _ = project

    def broken_view(job):
        raise RuntimeError("view broke")

    monkeypatch.setattr(briefs, "_view_job", broken_view)
    logs = []
    assert briefs.run_batch(paths, workers=1, force=True, log=logs.append, progress=False) == 1
    assert any("[sources] FAILED" in m and "view broke" in m for m in logs)
