"""Benchmark: reading what analysts download (issue 22). Prints figures; asserts nothing.

- PDF with a text layer: pages per second through ``ingest.pdf`` (pdfplumber: lines, tables, page furniture), on a
  PDF of the shipped reports made with reportlab's STSong-Light font;
- OCR: seconds per page of a made-up scanned page (Tesseract chi_sim), when Tesseract is installed (no cache);
- damaged text: MB/s of ``textio.decode_report`` on the shipped files repeated to about 5 MB, with flipped bytes
  and the second half of each copy in GBK (the slow path: line by line), and on the same copies undamaged.
"""
from __future__ import annotations

import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import made_files  # noqa: E402
from helpers.ingest import manifest, ocr, pdf, textio  # noqa: E402


def bench_pdf() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt")))
    data = made_files.pdf_bytes(text, table=[["指标", "数值"], ["门急诊人次(人次)", "52310"]])
    pdf.pdf_to_text(data)  # warm-up: pdfminer loads its CMaps once per process
    t = time.perf_counter()
    got = pdf.pdf_to_text(data)
    dt = time.perf_counter() - t
    n = len(got.pages)
    print(f"PDF text layer    {n} pages in {dt:5.2f} s: {n / dt:5.1f} pages/s ({len(data) / 1e6:.1f} MB)")


def bench_ocr(pages: int = 2) -> None:
    why = ocr.missing()
    if why:
        print(f"OCR               skipped: {why}")
        return
    text = made_files.REPORT * 3
    data = made_files.scan_pdf_bytes(text)
    t = time.perf_counter()
    got = pdf.pdf_to_text(data, ocr=ocr.read_pdf_page)
    dt = time.perf_counter() - t
    n = len(got.ocr_pages)
    acc = made_files.char_accuracy(text, got.text)
    print(f"OCR (chi_sim)     {n} scanned pages in {dt:5.1f} s: {dt / n:5.1f} s/page, character accuracy {acc:.3f}")


def bench_damaged(target_mb: float = 5.0) -> None:
    texts = [textio.load_text(p) for p in manifest.report_files(ROOT / "data" / "raw")]
    rng = random.Random(22)
    copies, clean = [], []
    size = 0
    k = 0
    while size < target_mb * 1e6:
        base = f"{texts[k % len(texts)]}\n{k}\n"
        half = base.index("\n", len(base) // 2) + 1
        raw = bytearray(base[:half].encode("utf-8") + base[half:].encode("gb18030"))
        for i in rng.sample(range(len(raw)), 20):
            raw[i] ^= 1 << rng.randrange(8)
        copies.append(bytes(raw))
        clean.append(base.encode("utf-8"))
        size += len(raw)
        k += 1
    for label, batch in (("damaged + mixed", copies), ("undamaged UTF-8", clean)):
        t = time.perf_counter()
        replaced = sum(textio.decode_report(b).replaced for b in batch)
        dt = time.perf_counter() - t
        mb = sum(map(len, batch)) / 1e6
        print(f"decoding {label:16s} {mb:.1f} MB in {dt:5.2f} s: {mb / dt:6.1f} MB/s ({replaced} bytes replaced)")


if __name__ == "__main__":
    bench_pdf()
    bench_damaged()
    bench_ocr()
