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


def scanned_page_images(text: str = REPORT, dpi: int = 200, noise: float = 0.01, angle: float = 0.3, seed: int = 22):
    """Made-up scanned pages of ``text``: the lines drawn with Noto Sans CJK (the suite's own font) on A4 at ``dpi``,
    wrapped at the page's width as a word processor wraps, a page number at the foot, then a slight skew and
    speckle noise as a scanner leaves them. Returns grey PIL images, one per page."""
    import random

    from PIL import Image, ImageDraw, ImageFont

    from helpers.publish.fonts import font_path

    rng = random.Random(seed)
    w, h = int(8.27 * dpi), int(11.69 * dpi)
    size = int(dpi * 11 / 72)  # 11 pt
    font = ImageFont.truetype(font_path(), size, index=0)
    margin, lead = int(dpi), int(size * 1.6)
    per_line = (w - 2 * margin) // size
    lines = []
    for para in text.split("\n"):
        para = para.strip()
        while para:
            lines.append(para[:per_line])
            para = para[per_line:]
    per_page = (h - 2 * margin) // lead
    pages = []
    for k in range(0, max(1, len(lines)), per_page):
        img = Image.new("L", (w, h), 255)
        d = ImageDraw.Draw(img)
        for i, line in enumerate(lines[k:k + per_page]):
            d.text((margin, margin + i * lead), line, font=font, fill=20)
        d.text((w // 2 - size, h - margin // 2), f"- {k // per_page + 1} -", font=font, fill=20)
        img = img.rotate(angle, fillcolor=255, resample=Image.BICUBIC)
        px = img.load()
        for _ in range(int(w * h * noise / 10)):
            x, y = rng.randrange(w), rng.randrange(h)
            px[x, y] = 0 if px[x, y] > 128 else 255
        pages.append(img)
    return pages


def scan_pdf_bytes(text: str = REPORT, dpi: int = 200, **kw) -> bytes:
    """A scanned PDF (images only, no text layer) of made-up pages of ``text``."""
    pages = scanned_page_images(text, dpi, **kw)
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return buf.getvalue()


def scan_png_bytes(text: str = REPORT, dpi: int = 200, **kw) -> bytes:
    buf = io.BytesIO()
    scanned_page_images(text, dpi, **kw)[0].save(buf, format="PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def char_accuracy(reference: str, read: str) -> float:
    """1 - (Levenshtein distance / length of the reference), whitespace left out of both."""
    import re

    a, b = re.sub(r"\s+", "", reference), re.sub(r"\s+", "", read)
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1 - prev[-1] / max(1, len(a))


YEARBOOK_TITLE = "金华市2023年各县（市、区）卫生健康主要指标"
YEARBOOK_HEADER = ["地区", "孕产妇系统管理率(%)", "住院分娩率(%)", "婴儿死亡率(‰)", "出生人口性别比"]
YEARBOOK_ROWS = [["婺城区", 95.6, 100, 3.2, 106.5], ["金东区", 93.1, 99.8, 2.9, 104.2], ["兰溪市", 96.4, 100, 4.1, 108.3]]


def yearbook_xlsx_bytes() -> bytes:
    """A yearbook sheet written by openpyxl: a title row, catalog indicators across, places down."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    for row in [[YEARBOOK_TITLE], YEARBOOK_HEADER] + YEARBOOK_ROWS:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


DOC_TABLE = [("指标", "数值"), ("门急诊人次(人次)", "52310")]


def doc_bytes(tmp: Path, text: str = REPORT) -> bytes:
    """A Word 97 .doc made by LibreOffice (headless) from a page of ``text`` and a table."""
    import subprocess

    from helpers.ingest import office

    paras = "".join(f"<p>{escape(line)}</p>" for line in text.split("\n") if line.strip())
    (tmp / "report.html").write_text(f'<html><head><meta charset="utf-8"></head><body>{paras}<table border="1">'
                                     + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in DOC_TABLE)
                                     + "</table></body></html>", encoding="utf-8")
    subprocess.run([office.soffice(), "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp), str(tmp / "report.html")],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp), "PATH": "/usr/bin:/bin"})
    return (tmp / "report.doc").read_bytes()


def clean_folder(tmp_path: Path, files: dict[str, bytes]):
    """A throw-away project whose data/raw/ holds ``files`` (name -> bytes), cleaned: (paths, reports)."""
    from helpers.clean import steps as cleaning
    from helpers.core.paths import Paths
    from helpers.ingest import manifest

    proj = tmp_path / "proj"
    raw = proj / "data" / "raw"
    raw.mkdir(parents=True)
    (proj / "data" / "clean").mkdir()
    (proj / "outputs").mkdir()
    for name, data in files.items():
        (raw / name).write_bytes(data)
    paths = Paths(proj)
    manifest.update(paths.raw, paths.manifest)
    reps = cleaning.build_reports(paths)
    cleaning.build_figures(paths)
    cleaning.build_quality(paths)
    return paths, reps
