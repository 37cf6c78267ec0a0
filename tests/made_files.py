"""Files the tests make themselves (issue 22): Chinese PDFs with reportlab's built-in STSong-Light CID font (no font
file needed), scanned pages (a PDF page rendered to an image, and back into a PDF), spreadsheets, Word 97 files."""
from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures"
REPORT = (FIX / "utf8.txt").read_text(encoding="utf-8")
HEADER = "金华市婺城区卫生健康局文件"


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def pdf_bytes(text: str = REPORT, table: list[list[str]] | None = None, header: str = HEADER,
              font_size: float = 11, pages_min: int = 1) -> bytes:
    """A PDF of ``text`` (one paragraph per line, wrapped by reportlab as a word processor does), a running header
    and a ``- n -`` page number on every page, and ``table`` (ruled cells) after the text."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    style = ParagraphStyle("body", fontName=font, fontSize=font_size, leading=font_size * 1.5, wordWrap="CJK")
    story = [Paragraph(escape(line), style) for line in text.split("\n") if line.strip()]
    if table:
        t = Table(table)
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story += [Spacer(1, 12), t]
    for _ in range(pages_min - 1):
        story.insert(len(story) // 2, PageBreak())

    def furniture(canvas, doc):
        canvas.setFont(font, 9)
        canvas.drawString(72, A4[1] - 40, header)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()


def scanned_pdf_bytes(pdf: bytes, dpi: int = 200) -> bytes:
    """The pages of ``pdf`` rendered to images and put back into a PDF: a scan, without a text layer."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buf.getvalue()


def png_bytes(pdf: bytes, dpi: int = 200) -> bytes:
    import pypdfium2 as pdfium

    buf = io.BytesIO()
    pdfium.PdfDocument(pdf)[0].render(scale=dpi / 72).to_pil().convert("L").save(buf, format="PNG")
    return buf.getvalue()
