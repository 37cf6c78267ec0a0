"""End-to-end on the made-up multi-year corpus (scripts/over_time_corpus.py): every series point, trend word and
restatement finding as constructed, the notebook 28_over_time, and a brief with its "Over time" section."""
import importlib.util

import pytest

from helpers.core import tables
from helpers.core.paths import Paths

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("over_time_corpus", ROOT / "scripts" / "over_time_corpus.py")
corpus = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from helpers.clean import steps

    root = corpus.make_root(tmp_path_factory.mktemp("over-time"))
    paths = Paths(root)
    assert steps.clean_folder(paths, log=lambda s: None) == 0
    return paths


def test_the_corpus_never_goes_into_the_project_raw_folder():
    with pytest.raises(SystemExit):
        corpus.write_corpus(ROOT / "data" / "raw")


def test_series_points_as_constructed(demo):
    ser = tables.load(demo, "series")
    assert len(ser) == corpus.EXPECTED["n_points"]
    got = {(r.county, r.indicator, r.year, r.period): (r.value, r.restated) for r in ser.itertuples()}
    for key, (value, restated) in corpus.EXPECTED["points"].items():
        assert key in got, key
        assert got[key][0] == pytest.approx(value) and got[key][1] == restated, key
    # the plan, the masked year and the report without a place join no series
    used = set(";".join(ser["report_ids"]).split(";"))
    assert not used & {"jinan_2023_plan.txt#1", "jinan_masked.txt#1", "nowhere_2022.txt#1"}
    assert set(ser["county"]) == {"金安区", "江宁区"}


def test_trend_words_as_constructed(demo):
    tr = tables.load(demo, "trends")
    got = {(r.county, r.indicator): (r.direction, r.method, r.verdict) for r in tr.itertuples()}
    for key, want in corpus.EXPECTED["trends"].items():
        assert got.get(key) == want, key


def test_restatement_findings_as_constructed(demo):
    q = tables.load(demo, "quality")
    mine = q[q["check"].isin(["restatement", "change_vs_levels", "period_above_annual"])]
    assert set(zip(mine["report_id"], mine["check"], mine["severity"], mine["indicator"])) == corpus.EXPECTED["findings"]


def test_notebook_and_brief_show_the_place_over_time(demo, monkeypatch):
    from helpers.pipeline import run_stage
    from helpers.publish import briefs

    monkeypatch.setenv("HEALTHREPORTS_ROOT", str(demo.root))
    res = run_stage(demo, "28", "analysis", log=lambda s: None)
    assert [r.ok for r in res] == [True], res
    page = (demo.outputs / "analysis" / "28_over_time.html").read_text(encoding="utf-8")
    assert "2 place(s) with a series" in page and "change_vs_levels" in page and "mann_kendall" in page
    assert briefs.run_batch(demo, workers=1, only=["jinan_2022.txt#1"], progress=False, log=lambda s: None) == 0
    html = next(demo.briefs.glob("jin-an-*jinan-2022-txt-1-*.html")).read_text(encoding="utf-8")
    assert 'class="over-time"' in html and "2018 · 2019 · 2020 · 2021 · 2022 H1 · 2022" in html
    assert html.count('class="overtime"') == 3 and "increasing" in html and "better" in html
    assert "period_above_annual" in html or "part of the year cannot exceed" in html  # in the quality findings
    index = (demo.outputs / "index.html").read_text(encoding="utf-8")
    assert "periods of the place" in index and "2021 · 2022 · 2023" in index
