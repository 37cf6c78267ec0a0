"""Read a raw report file into text, whatever its encoding or container.

Offsets everywhere in the clean tables refer to the string this module returns for a file
(``load_text``): bytes decoded with the detected encoding, a byte-order mark removed, and
for saved web pages their main content (``webpage.html_to_text``), for Word .docx files their paragraphs (a table row
as tab-separated cells). Nothing else is changed: CRLF, full-width
digits and odd spaces stay as they are, so ``text[start:end]`` is what the report says.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core.errors import InputFileError
from . import decoding, ocr, office, sheets
from .webpage import html_to_text  # noqa: F401  (load_raw reads saved web pages with it)

BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
#: Larger files are refused with a clear message rather than exhausting memory.
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class RawText:
    path: str
    text: str
    encoding: str
    container: str  # "text", "html", "docx", "pdf" (a text layer) or "ocr" (a scan read by OCR) …
    replaced: int = 0  # bytes that could not be decoded, replaced by U+FFFD (a damaged file)
    pages: tuple[int, ...] = ()  # a PDF: offset where each page starts
    dropped: tuple[tuple[int, str, str], ...] = ()  # a PDF: (page, line, why) of running headers, page numbers
    ocr_pages: tuple[int, ...] = ()  # pages read by OCR (their figures are flagged ``ocr``)
    cells: tuple[tuple[int, int, str], ...] = ()  # a spreadsheet: (start, end, "sheet!A1") of every cell's text
    parts: tuple[tuple[int, int], ...] = ()  # a yearbook sheet: (start, end) of each row's report

    def page_of(self, offset: int) -> str:
        """The page an offset stands on, as text ('' for a file without pages)."""
        from .pdf import page_of

        return str(page_of(self.pages, offset)) if self.pages else ""



# ---------------------------------------------------------------- traditional characters
_TRAD_PROBE = "衛計總劃檔達醫療傳發區縣務療養嬰兒產婦參實歲體數據對點證處責組織開應區與會"


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=8192)
def _t2s_char(c: str) -> str:
    out = _t2s().convert(c)
    return out if len(out) == 1 else c


def script_of(text: str) -> str:
    """'traditional' when the text uses traditional characters (衛, 計, 總 …), else 'simplified'."""
    sample = text[:20000]
    trad = sum(sample.count(c) for c in _TRAD_PROBE)
    simp = sum(sample.count(_t2s_char(c)) for c in _TRAD_PROBE)
    return "traditional" if trad > max(3, simp) else "simplified"


def working_copy(text: str) -> str:
    """The text the cue words are matched on: traditional characters converted to simplified, one
    character for one (OpenCC's t2s table, character by character), so every offset is still an
    offset into ``text`` and quotes are cut from ``text`` itself. Simplified text is returned as is."""
    if script_of(text) != "traditional":
        return text
    table = {}
    for c in set(text):
        if "\u3400" <= c <= "\u9fff":
            s = _t2s_char(c)
            if s != c:
                table[ord(c)] = s
    out = text.translate(table)
    assert len(out) == len(text)
    return out


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding). Raises InputFileError naming ``name`` when it cannot."""
    d = decode_report(data, name)
    return d.text, d.encoding


def decode_report(data: bytes, name: str = "<bytes>") -> decoding.Decoded:
    """The text of a raw file's bytes, its encoding and how many bytes could not be decoded (replaced by U+FFFD,
    see ``decoding``). Raises InputFileError naming ``name`` for an empty, binary or mostly undecodable file."""
    if not data.strip():
        raise InputFileError(name, "file is empty")
    for bom, enc in BOMS:
        if data.startswith(bom):
            text, rep = decoding.decode_counting(data, enc)
            if rep > decoding.MAX_REPLACED_SHARE * len(data):
                raise InputFileError(name, f"starts with a {enc} byte-order mark but most of it does not decode "
                                           f"({rep} of {len(data)} bytes)")
            text = text[1:] if text.startswith("\ufeff") else text
            text, n = decoding.replace_controls(text)
            return decoding.Decoded(text, enc, rep + n)
    if decoding.mostly_nul(data):
        # UTF-16 without a BOM is the one text encoding full of NUL bytes.
        for enc in ("utf-16-le", "utf-16-be"):
            text, rep = decoding.decode_counting(data, enc)
            if rep <= 4 and _mostly_cjk_or_ascii(text):
                text, n = decoding.replace_controls(text)
                return decoding.Decoded(text, enc, rep + n)
    if decoding.looks_binary(data):
        raise InputFileError(name, "looks like a binary file (NUL or control bytes throughout), not a text report")
    try:
        return _clean(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = None
    if any(_strict(data, enc) for enc in ("gb18030", "big5")):  # else no candidate reads it whole: damaged
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["gb18030", "gbk", "gb2312", "big5", "utf-16", "utf-8"]).best()
    if best is not None:
        enc = best.encoding
        if enc in ("gb2312", "gbk"):
            enc = "gb18030"  # superset: decodes everything the others do
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            # a damaged UTF-8 file can pass as strict GB18030 mojibake: the reading that reads more wins
            u8, rep = decoding.decode_counting(data, "utf-8")
            if decoding.score(text, 0, enc) >= decoding.score(u8, rep, "utf-8"):
                return _clean(text, enc)
    d = decoding.decode_lenient(data)
    if d.replaced > decoding.MAX_REPLACED_SHARE * len(data) or d.readable < decoding.MIN_READABLE:
        raise InputFileError(name, f"mostly undecodable: {d.replaced} of {len(data)} bytes "
                                   f"({d.replaced / len(data):.0%}) are not text in UTF-8, GB18030 or Big5, "
                                   f"{d.readable:.0%} reads as Chinese text")
    return d


def _strict(data: bytes, enc: str) -> bool:
    try:
        data.decode(enc)
        return True
    except UnicodeDecodeError:
        return False


def _clean(text: str, enc: str) -> decoding.Decoded:
    text, n = decoding.replace_controls(text)
    return decoding.Decoded(text, enc, n)


def _mostly_cjk_or_ascii(text: str) -> bool:
    if not text:
        return False
    good = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return good / len(text) > 0.95


W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_to_text(data: bytes, name: str = "<bytes>") -> str:
    """The text of a Word (.docx) file in reading order: one line per paragraph, a table row as its
    cells joined by tabs. The standard library reads it (a .docx is zipped XML); no layout is kept."""
    import io
    import zipfile
    import xml.etree.ElementTree as ET

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        if "word/document.xml" not in zf.namelist():
            raise InputFileError(name, "is a zip archive without a Word document in it (no word/document.xml)")
        info = zf.getinfo("word/document.xml")
        if info.file_size > MAX_BYTES:
            raise InputFileError(name, f"its document part is {info.file_size / 1e6:.0f} MB unpacked, above the limit")
        root = ET.fromstring(zf.read(info))
    except (zipfile.BadZipFile, ET.ParseError) as e:
        raise InputFileError(name, f"is not a readable Word .docx file ({type(e).__name__}: {e})") from None

    def para(p) -> str:
        out = []
        for el in p.iter():
            if el.tag == W_NS + "t":
                out.append(el.text or "")
            elif el.tag == W_NS + "tab":
                out.append("\t")
            elif el.tag in (W_NS + "br", W_NS + "cr"):
                out.append("\n")
        return "".join(out)

    lines = []
    body = root.find(W_NS + "body")
    for el in (body if body is not None else []):
        if el.tag == W_NS + "p":
            lines.append(para(el))
        elif el.tag == W_NS + "tbl":
            for tr in el.iter(W_NS + "tr"):
                cells = [" ".join(para(p) for p in tc.iter(W_NS + "p")).strip() for tc in tr.findall(W_NS + "tc")]
                lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def load_raw(path: Path | str) -> RawText:
    """Decode one raw file. Raises InputFileError with the file name and reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputFileError(path.name, f"cannot be read: {e.strerror}") from None
    if size > MAX_BYTES:
        raise InputFileError(path.name, f"is {size / 1e6:.0f} MB, above the {MAX_BYTES / 1e6:.0f} MB limit for one report file")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if data.startswith(b"PK\x03\x04") and (suffix in (".xlsx", ".xlsm") or b"xl/workbook.xml" in data[:65536]):
        return _sheet(path, sheets.xlsx_sheets(data, path.name), "utf-8")
    if data.startswith(b"\xd0\xcf\x11\xe0") and suffix in (".xls", ".et"):
        return _sheet(path, sheets.xls_sheets(data, path.name), "xls")
    if data.startswith(b"PK\x03\x04"):  # a zip: a Word .docx is zipped XML
        return RawText(path=str(path), text=docx_to_text(data, path.name), encoding="utf-8", container="docx")
    if data.startswith(b"%PDF") or data[:1024].lstrip().startswith(b"%PDF"):
        return _pdf(path, data)
    if ocr.is_image(data, suffix):
        return _image(path, data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: Word 97-2003 .doc, WPS .wps (or an .xls named otherwise)
        docx = office.to_docx(data, path.name, suffix)
        return RawText(path=str(path), text=docx_to_text(docx, path.name), encoding="utf-8",
                       container="wps" if suffix == ".wps" else "doc")
    d = decode_report(data, path.name)
    if suffix in (".csv", ".tsv"):
        r = _sheet(path, sheets.csv_sheets(d.text, path.name), d.encoding)
        return dataclasses.replace(r, replaced=d.replaced)
    text, container = d.text, "text"
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        text = html_to_text(text)
        container = "html"
    return RawText(path=str(path), text=text, encoding=d.encoding, container=container, replaced=d.replaced)


def _sheet(path: Path, got: list, encoding: str) -> RawText:
    try:
        st = sheets.sheets_to_text(got)
    except InputFileError as e:
        raise InputFileError(path.name, e.reason) from None
    return RawText(path=str(path), text=st.text, encoding=encoding, container="sheet", cells=tuple(st.cells),
                   parts=tuple(st.parts))


def _pdf(path: Path, data: bytes) -> RawText:
    from . import ocr, pdf

    got = pdf.pdf_to_text(data, path.name)
    why = ocr.missing() if got.scanned_pages else ""
    if got.scanned_pages and not why:
        d = ocr.cached(data, lambda: dataclasses.asdict(pdf.pdf_to_text(data, path.name, ocr=ocr.read_pdf_page)))
        got = pdf.PdfText(d["text"], tuple(d["pages"]), [tuple(x) for x in d["dropped"]], d["scanned_pages"],
                          d["ocr_pages"])
    if not got.text.strip():
        if why:
            raise InputFileError(path.name, f"is a scanned PDF (no text layer on its {len(got.pages)} page(s)) and "
                                            f"needs OCR: {why}")
        raise InputFileError(path.name, f"is a PDF without any text on its {len(got.pages)} page(s): nothing to read")
    dropped = list(got.dropped) + [(p, "", f"a scanned page, not read: {why}") for p in got.scanned_pages if why]
    container = "ocr" if got.ocr_pages and len(got.ocr_pages) == len(got.pages) else "pdf"
    return RawText(path=str(path), text=got.text, encoding="pdf", container=container, pages=got.pages,
                   dropped=tuple(dropped), ocr_pages=tuple(got.ocr_pages))


def _image(path: Path, data: bytes) -> RawText:
    from . import ocr

    texts = ocr.image_text(data, path.name)
    starts, parts, pos = [], [], 0
    for t in texts:
        starts.append(pos)
        chunk = t.rstrip("\n") + "\n"
        parts.append(chunk)
        pos += len(chunk)
    text = "".join(parts)
    if not text.strip():
        raise InputFileError(path.name, "is an image in which OCR read no text")
    return RawText(path=str(path), text=text, encoding="ocr", container="ocr", pages=tuple(starts),
                   ocr_pages=tuple(range(1, len(texts) + 1)))


@lru_cache(maxsize=32)
def _cached(path: str, mtime: float, size: int) -> RawText:
    return load_raw(path)


def load(path: Path | str) -> RawText:
    """The decoded raw file (cached per file version: a PDF is parsed once per process)."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as e:
        raise InputFileError(p.name, f"cannot be read: {e.strerror}") from None
    return _cached(str(p), st.st_mtime, st.st_size)


def load_text(path: Path | str) -> str:
    """The decoded text of a raw file, the string all offsets refer to (cached per file version)."""
    return load(path).text
