"""End-to-end: the main job on a copy of the shipped reports (papermill, HTML, briefs)."""
import filecmp
import json

import pytest

from helpers.clean import steps as cleaning
from helpers.core.paths import Paths
from helpers.publish import notebook_runner

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


def test_every_figure_points_at_its_words(shipped_run):
    """Provenance over the whole table: raw == text[start:end], inside an in-scope report."""
    from helpers.core import catalog, tables
    from helpers.ingest import textio

    proj, _, _ = shipped_run
    paths = Paths(proj)
    figs = tables.load_figures(paths)
    reps = tables.load_reports(paths).set_index("report_id")
    assert len(figs) > 500
    for r in figs.itertuples():
        text = textio.load_text(proj / "data/raw" / r.source_file)
        assert text[r.start:r.end] == r.raw, r.figure_id
        rep = reps.loc[r.report_id]
        assert rep.in_scope and rep.start <= r.start < r.end <= rep.end, r.figure_id
        assert r.raw.strip() and (r.quote.find(r.raw.strip()) >= 0 or len(r.quote) >= 200)
    assert set(figs["indicator"]) - {""} <= set(catalog.indicators())


def test_figures_table_rejects_a_row_whose_offsets_lie(shipped_run):
    from helpers.clean import figures
    from helpers.core import tables
    from helpers.core.errors import ValidationError

    proj, _, _ = shipped_run
    figs = tables.load_figures(Paths(proj))
    bad = figs.copy()
    bad.loc[bad.index[0], "start"] += 1
    with pytest.raises(ValidationError) as e:
        figures.check_provenance(bad, proj / "data/raw")
    assert bad.loc[bad.index[0], "figure_id"] in str(e.value)
    assert len(e.value.rows) == 1


def test_quality_finds_the_shipped_contradictions_and_verifies_rates(shipped_run):
    from helpers.core import tables

    proj, _, _ = shipped_run
    q = tables.load(Paths(proj), "quality")
    w = q[(q["check"] == "contradiction") & (q["severity"] == "warning")]
    tcm = w[w["indicator"] == "tcm_elderly_rate"]
    assert len(tcm) == 1 and "32.12%" in tcm.iloc[0]["values"] and "62.78%" in tcm.iloc[0]["values"]
    verified = q[(q["check"] == "rate_recomputed") & (q["severity"] == "note")]["message"].str.cat(sep=" ")
    assert "67925名 / 78462名 = 86.57%" in verified
    assert "15955人 / 17229人 = 92.61%" in verified
    rq = tables.load(Paths(proj), "report_quality")
    assert set(rq["report_id"]) == set(q["report_id"])


def test_analysis_notebooks_leave_figures_tables_and_html(shipped_run):
    proj, code, _ = shipped_run
    analysis = {p.stem for p in (proj / "notebooks").glob("2*.ipynb")}
    assert {"20_overview", "21_primary_care", "22_maternal_child", "23_family_planning", "24_disease_control",
            "25_services_cost", "29_explore"} <= analysis
    for stem in analysis:
        assert (proj / "outputs/analysis" / f"{stem}.html").exists(), stem
    for page in (proj / "outputs/analysis").glob("*.html"):  # one table style: never a pandas table with its index
        text = page.read_text(encoding="utf-8")
        assert 'class="dataframe"' not in text, page.name
        if page.stem[:2] in {"20", "21", "22", "23", "24", "25", "26", "27"}:  # the overview and every area: a rug
            assert '<table class="rug"' in text, page.name
    rug_tables = {p.stem for p in (proj / "outputs/tables").glob("*_rug.csv")}
    assert {"overview_rug", "primary_care_rug", "maternal_child_rug"} <= rug_tables
    pngs = {p.stem for p in (proj / "outputs/figures").glob("*.png")}
    svgs = {p.stem for p in (proj / "outputs/figures").glob("*.svg")}
    assert "coverage" in pngs and pngs == svgs and len(pngs) >= 10
    for area in ("primary_care", "maternal_child", "family_planning", "disease_control", "services_cost"):
        t = proj / "outputs/tables" / f"{area}_levels.csv"
        assert t.exists() and t.read_text(encoding="utf-8").count("\n") >= 2, area


def test_the_shipped_reports_give_at_least_nine_comparable_groups_of_three(shipped_run):
    """County-level units in one tier and stocks compared across periods: enough peers to compare."""
    from helpers import compare

    proj, code, _ = shipped_run
    data = compare.load(Paths(proj))
    # 9 since the reports placed only to a province (广东省, 新疆, 内蒙古) left the county-level tier (issue 25)
    assert compare.comparable_pairs(data.levels) >= 9, compare.group_sizes(data.levels).head(12)
    # every brief has At a glance and a spine chart (or the sentence saying why there is none)
    for page in (proj / "outputs" / "briefs").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'class="glance"' in text and 'class="spine-wrap"' in text, page.name


def test_a_folder_with_nothing_in_scope_ends_the_main_job_with_exit_0_and_says_so(tmp_path, monkeypatch, root):
    from conftest import make_project
    from helpers.pipeline import run_all

    proj = make_project(tmp_path, {"no_health.txt": (root / "tests/fixtures/no_health.txt").read_bytes()},
                        copy_raw=False)
    monkeypatch.setenv("HEALTHREPORTS_ROOT", str(proj))
    logs: list[str] = []
    assert run_all(Paths(proj), workers=1, log=logs.append) == 0
    assert any("nothing in scope" in line for line in logs)
