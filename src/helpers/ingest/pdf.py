"""The text layer of a PDF, read with pdfplumber (on pdfminer.six), page by page in reading order.

* Each page's lines in the order they stand on the page (top to bottom), as pdfplumber groups characters into
  lines; Chinese needs no space between characters and gets none.
* A table (ruled cells, pdfplumber's ``find_tables``) becomes one line per row, its cells joined by tabs, at the
  place it stands on the page, so the table-row rules read label and value together; its cells' text is not
  repeated as prose.
* Running headers and footers (the first or last lines of a page that repeat on other pages, digits aside) and
  page numbers (``- 3 -``, ``第3页``, ``3/9``, a bare number) are dropped, each kept in ``PdfText.dropped`` with
  its page and reason.
* Pages are joined with a line break; ``PdfText.pages`` holds the offset where each page starts, so every figure
  knows its page. Lines that wrap mid-sentence are joined later, on the compact copy (``clean.compact``), so the
  text here keeps the PDF's lines and offsets stay offsets into it.

A page without a text layer (a scan) is read by OCR when Tesseract is installed (``ingest.ocr``).
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

from ..core.errors import InputFileError

#: A page number alone on its line: - 3 -, —3—, 第3页, 第 3 页 共 9 页, 3/9, 3.
PAGE_NUMBER = re.compile(r"^[\s　]*(?:[-—–―]\s*\d{1,4}\s*[-—–―]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                         r"|\d{1,4}\s*/\s*\d{1,4}|[(（]?\d{1,4}[)）]?|Page\s*\d+(?:\s*of\s*\d+)?)[\s　]*$", re.I)
#: How many lines at the top and at the bottom of a page may be a running header or footer.
EDGE_LINES = 2
#: A page with fewer characters of text than this is taken as a scan (no text layer).
MIN_TEXT_CHARS = 20


@dataclass
class PdfText:
    text: str
    pages: tuple[int, ...]                      # offset where each page starts (page 1 at 0)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)  # (page, line, why)
    scanned_pages: list[int] = field(default_factory=list)  # 1-based pages without a text layer
    ocr_pages: list[int] = field(default_factory=list)      # pages read by OCR


def _rows_text(rows) -> list[str]:
    out = []
    for row in rows:
        cells = [re.sub(r"\s*\n\s*", "", c or "").strip() for c in row]
        if any(cells):
            out.append("\t".join(cells))
    return out


def _page_lines(page) -> list[str]:
    """The lines of one page in reading order, each table as tab-separated rows where it stands."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def in_table(line) -> bool:
        mid = (line["top"] + line["bottom"]) / 2
        return any(x0 - 1 <= line["x0"] and line["x1"] <= x1 + 1 and top - 1 <= mid <= bottom + 1
                   for x0, top, x1, bottom in boxes)

    items = [(l["top"], 0, [l["text"]]) for l in page.extract_text_lines(return_chars=False) if not in_table(l)]
    items += [(t.bbox[1], 1, _rows_text(t.extract())) for t in tables]
    items.sort(key=lambda it: (round(it[0], 1), it[1]))
    return [line for _, _, lines in items for line in lines if line.strip()]


def _norm(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def drop_running_lines(pages: list[list[str]]) -> tuple[list[list[str]], list[tuple[int, str, str]]]:
    """Page numbers and running headers/footers taken off the top and bottom lines of each page."""
    edges = Counter()
    for lines in pages:
        edge = set(_norm(l) for l in lines[:EDGE_LINES] + lines[-EDGE_LINES:])
        edges.update(edge)
    repeat = max(2, (len(pages) + 1) // 2)
    dropped, out = [], []
    for p, lines in enumerate(pages, start=1):
        keep = list(lines)
        for where in ("top", "bottom"):
            for _ in range(EDGE_LINES):
                if not keep:
                    break
                i = 0 if where == "top" else len(keep) - 1
                line = keep[i]
                if PAGE_NUMBER.match(line):
                    why = "page number"
                elif len(pages) > 1 and edges[_norm(line)] >= repeat and len(_norm(line)) <= 60:
                    why = "running header" if where == "top" else "running footer"
                else:
                    break
                dropped.append((p, line.strip(), f"{why} of the PDF"))
                del keep[i]
        out.append(keep)
    return out, dropped


def pdf_to_text(data: bytes, name: str = "<bytes>", ocr=None) -> PdfText:
    """The text of a PDF (see the module docstring). ``ocr(page_image) -> str`` reads pages without a text
    layer; without it such pages are listed in ``scanned_pages`` and give no text."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency; said plainly if an environment lacks it
        raise InputFileError(name, "is a PDF, and pdfplumber is not installed (pip install pdfplumber)") from None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many kinds (PDFSyntaxError, PSEOF …)
        raise InputFileError(name, f"is not a readable PDF ({type(e).__name__}: {e})") from None
    pages, scanned, ocr_pages = [], [], []
    with pdf:
        for k, page in enumerate(pdf.pages, start=1):
            try:
                lines = _page_lines(page)
            except Exception as e:
                raise InputFileError(name, f"page {k} of the PDF cannot be read ({type(e).__name__}: {e})") from None
            if sum(len(l.strip()) for l in lines) < MIN_TEXT_CHARS:
                scanned.append(k)
                if ocr is not None:
                    lines = [l for l in ocr(page).split("\n") if l.strip()]
                    ocr_pages.append(k)
            pages.append(lines)
    pages, dropped = drop_running_lines(pages)
    starts, parts, pos = [], [], 0
    for lines in pages:
        starts.append(pos)
        chunk = "".join(l.rstrip() + "\n" for l in lines)
        parts.append(chunk)
        pos += len(chunk)
    return PdfText("".join(parts), tuple(starts), dropped, scanned, ocr_pages)


def page_of(pages: tuple[int, ...], offset: int) -> int:
    """The 1-based page an offset of the text stands on."""
    from bisect import bisect_right

    return max(1, bisect_right(pages, offset))
