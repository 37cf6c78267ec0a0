"""OCR of scanned pages (a PDF page without a text layer, or an image) with Tesseract's simplified-Chinese model
(``chi_sim``) through pytesseract. Tesseract is a system program (Debian ``tesseract-ocr`` and
``tesseract-ocr-chi-sim``): where it or its model is missing, the file is listed with the command that installs
them. Every figure read by OCR is flagged ``ocr`` (``clean.figures``), with its page.

A page is rendered at its scan's own resolution (``page_dpi``; pdfplumber, on pypdfium2) and read with page segmentation mode 3 (automatic
layout); the lines Tesseract returns are kept as they are, blank lines left out. OCR costs seconds a page, so
each file's reading is kept in a cache on disk (the system's temporary folder, keyed by the file's bytes and the
Tesseract version): the source views, rendered in other processes, do not read the scan again.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from ..core.errors import InputFileError

PACKAGES = "tesseract-ocr tesseract-ocr-chi-sim"
INSTALL = f"apt-get install {PACKAGES}"
LANG = "chi_sim"
DPI = 300
MIN_DPI, MAX_DPI = 150, 400
CONFIG = "--psm 3"
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif"}


@lru_cache(maxsize=1)
def missing() -> str:
    """Why OCR cannot run here ('' when it can): pytesseract, the tesseract program or its chi_sim model missing."""
    try:
        import pytesseract
    except ImportError:
        return "the Python package pytesseract is not installed (make setup)"
    if shutil.which("tesseract") is None:
        return f"Tesseract is not installed: install {PACKAGES} ({INSTALL}) and run again"
    try:
        langs = pytesseract.get_languages(config="")
    except Exception as e:  # a broken install
        return f"Tesseract does not run ({type(e).__name__}): reinstall {PACKAGES} ({INSTALL})"
    if LANG not in langs:
        return f"Tesseract's simplified-Chinese model is not installed: install tesseract-ocr-chi-sim ({INSTALL})"
    return ""


def is_image(data: bytes, suffix: str) -> bool:
    return suffix.lower() in IMAGE_SUFFIXES and data.startswith(IMAGE_MAGIC)


def read_image(img) -> str:
    """The text Tesseract reads on one page image, its lines without blank ones."""
    import pytesseract

    text = pytesseract.image_to_string(img.convert("L"), lang=LANG, config=CONFIG)
    lines = [re.sub(r"[ \t]+$", "", l) for l in text.replace("\x0c", "\n").split("\n")]
    return "\n".join(l for l in lines if l.strip())


def page_dpi(page) -> float:
    """The resolution to render a scanned page at: its largest image's own (a scan upscaled or downscaled reads
    worse: measured 0.99 of characters at the scan's 200 dpi, 0.87 at 300), else ``DPI``."""
    best = None
    for im in page.images:
        w_pt = float(im["x1"]) - float(im["x0"])
        if w_pt > 0 and (best is None or w_pt > best[0]):
            best = (w_pt, im["srcsize"][0] / (w_pt / 72))
    return min(MAX_DPI, max(MIN_DPI, best[1])) if best else DPI


def read_pdf_page(page) -> str:
    """OCR of one pdfplumber page, rendered at its scan's resolution."""
    return read_image(page.to_image(resolution=page_dpi(page)).original)


def _cache_file(data: bytes) -> Path:
    import pytesseract

    key = hashlib.sha256(data + f"|{pytesseract.get_tesseract_version()}|{LANG}|{DPI}|{CONFIG}".encode()).hexdigest()
    return Path(tempfile.gettempdir()) / f"healthreports-ocr-{os.getuid() if hasattr(os, 'getuid') else 0}" / f"{key}.json"


def cached(data: bytes, read):
    """``read()`` (a JSON-able result) once per file's bytes: kept on disk for the other processes of a run."""
    path = _cache_file(data)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    got = read()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(got, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # no cache: the next process reads the scan again
    return got


def image_text(data: bytes, name: str) -> str:
    """OCR of an image file (PNG, JPEG, TIFF …): every frame a page, joined by line breaks."""
    why = missing()
    if why:
        raise InputFileError(name, f"is an image (a scan) and needs OCR: {why}")
    from PIL import Image, ImageSequence

    def read():
        try:
            img = Image.open(io.BytesIO(data))
            return [read_image(frame.copy()) for frame in ImageSequence.Iterator(img)]
        except (OSError, ValueError) as e:
            raise InputFileError(name, f"is not a readable image ({type(e).__name__}: {e})") from None

    return cached(data, read)
