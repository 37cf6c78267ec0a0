"""End-to-end (issue 22): one of each kind an analyst downloads dropped into data/raw/ — a text PDF, a scanned PDF,
a Word 97 .doc and a WPS file, a yearbook .xlsx and a damaged text — and the main job (cleaning, analysis, briefs,
source views) run on them; the figures that come out are checked file by file."""
import random

import pytest

import made_files
from conftest import make_project, run_main_job
from helpers.core import tables
from helpers.core.paths import Paths
from helpers.ingest import ocr, office

pytestmark = pytest.mark.slow
ROOT = made_files.ROOT


def test_every_kind_of_download_goes_through_the_main_job(tmp_path):
    shipped = (ROOT / "data" / "raw" / "001_5f89a4321b8daabd.txt").read_bytes()
    rng = random.Random(22)
    damaged = bytearray(shipped)
    for i in rng.sample(range(len(damaged)), 40):
        damaged[i] ^= 1 << rng.randrange(8)
    files = {"report.pdf": made_files.pdf_bytes(made_files.REPORT, pages_min=2),
             "yearbook.xlsx": made_files.yearbook_xlsx_bytes(), "damaged.txt": bytes(damaged)}
    if not ocr.missing():
        files["scan.pdf"] = made_files.scan_pdf_bytes()
    if office.soffice():
        doc = made_files.doc_bytes(tmp_path)
        files["report.doc"], files["report.wps"] = doc, doc
    proj = make_project(tmp_path / "run", raw_files=files, copy_raw=False)
    code, logs = run_main_job(proj)
    assert code == 0, "\n".join(logs)
    paths = Paths(proj)
    reps = tables.load_reports(paths)
    figs = tables.load_figures(paths)
    assert set(reps["source_file"]) == set(files)
    per = figs.groupby("source_file").size()
    assert per["report.pdf"] >= 12 and set(figs.loc[figs["source_file"] == "report.pdf", "page"]) == {"1", "2"}
    assert per["yearbook.xlsx"] == 12 and (figs.loc[figs["source_file"] == "yearbook.xlsx", "cell"] != "").all()
    assert reps.loc[reps["source_file"] == "damaged.txt", "bytes_replaced"].iloc[0] > 0
    if "scan.pdf" in files:
        assert figs.loc[figs["source_file"] == "scan.pdf", "flags"].str.contains("ocr").all() and per["scan.pdf"] >= 10
    if "report.doc" in files:
        assert per["report.doc"] == per["report.wps"] >= 12
    views = list((proj / "outputs" / "sources").glob("*.html"))
    assert views and any("page 2" in v.read_text(encoding="utf-8") for v in views)
    assert any("left out of the PDF" in v.read_text(encoding="utf-8") for v in views)
    assert list((proj / "outputs" / "briefs").glob("*.html"))
