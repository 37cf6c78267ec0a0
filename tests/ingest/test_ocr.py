"""Scanned PDFs and images (issue 22): OCR with Tesseract's chi_sim model on made-up scanned pages (drawn with the
suite's Noto Sans CJK font, skewed and speckled). Figures read by OCR are flagged ``ocr`` with their page; a scan
yields at least 80 % of the figures of its text; without Tesseract the file is listed with the install command."""
from collections import Counter
from pathlib import Path

import pytest

import made_files
from helpers.core import tables
from helpers.core.errors import InputFileError
from helpers.ingest import ocr, textio

ROOT = Path(__file__).resolve().parents[2]
needs_ocr = pytest.mark.skipif(bool(ocr.missing()), reason=ocr.missing() or "OCR available")


clean = made_files.clean_folder


def _key(f):
    return Counter(zip(f["indicator"], f["value"].round(6), f["role"]))


def _share_kept(figs, txt, scan):
    t, s = _key(figs[figs["source_file"] == txt]), _key(figs[figs["source_file"] == scan])
    return sum((t & s).values()) / sum(t.values())


@needs_ocr
def test_character_accuracy_of_ocr_on_a_made_up_scanned_page():
    img = made_files.scanned_page_images()[0]
    acc = made_files.char_accuracy(made_files.REPORT, ocr.read_image(img))
    assert acc >= 0.95, acc  # measured 0.989 (README, Inputs)


@needs_ocr
def test_a_scanned_pdf_and_an_image_give_their_figures_flagged_ocr_with_the_page(tmp_path):
    paths, reps = clean(tmp_path, {"report.txt": made_files.REPORT.encode(), "scan.pdf": made_files.scan_pdf_bytes(),
                                   "scan.png": made_files.scan_png_bytes()})
    r = reps.table.set_index("source_file")
    assert r.loc["scan.pdf", "container"] == "ocr" and r.loc["scan.png", "container"] == "ocr"
    assert r.loc["scan.pdf", "in_scope"] and r.loc["scan.pdf", "region_name"] == "金华市婺城区"
    figs = tables.load_figures(paths)
    for scan in ("scan.pdf", "scan.png"):
        f = figs[figs["source_file"] == scan]
        assert f["flags"].str.contains("ocr").all() and set(f["page"]) == {"1"}
        assert _share_kept(figs, "report.txt", scan) >= 0.8, scan
        text = textio.load_text(paths.raw / scan)
        assert all(text[s:e] == raw for s, e, raw in zip(f["start"], f["end"], f["raw"]))
    assert "- 1 -" not in textio.load_text(paths.raw / "scan.pdf")  # the page number is dropped
    assert not figs.loc[figs["source_file"] == "report.txt", "flags"].str.contains("ocr").any()


@pytest.mark.slow
@needs_ocr
def test_a_scan_of_a_shipped_report_keeps_80_percent_of_its_figures(tmp_path):
    txt = ROOT / "data" / "raw" / "001_5f89a4321b8daabd.txt"
    text = txt.read_text(encoding="utf-8")
    paths, _ = clean(tmp_path, {"a.txt": txt.read_bytes(), "a.pdf": made_files.scan_pdf_bytes(text)})
    figs = tables.load_figures(paths)
    assert _share_kept(figs, "a.txt", "a.pdf") >= 0.8
    f = figs[figs["source_file"] == "a.pdf"]
    assert f["flags"].str.contains("ocr").all() and f["page"].astype(int).max() >= 2


def test_without_tesseract_a_scan_is_listed_with_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "missing", lambda: f"Tesseract is not installed: install {ocr.PACKAGES} ({ocr.INSTALL})")
    (tmp_path / "scan.pdf").write_bytes(made_files.scan_pdf_bytes(noise=0, dpi=60))
    (tmp_path / "scan.png").write_bytes(made_files.scan_png_bytes(noise=0, dpi=60))
    for name in ("scan.pdf", "scan.png"):
        with pytest.raises(InputFileError) as e:
            textio.load_raw(tmp_path / name)
        msg = str(e.value)
        assert msg.startswith(name) and "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in msg and "\n" not in msg
