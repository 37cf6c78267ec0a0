"""Embed the Chinese glyphs an HTML page uses, so it reads right on a machine without CJK fonts.

Readers of the briefs are often not Chinese readers, and their machines may have no Chinese font:
place names and quotes would show as empty boxes. :func:`embed_cjk_subset` subsets Noto Sans CJK SC
(the same OFL font the plots use, from the ``noto-cjk-sans-otc`` wheel) to exactly the CJK
characters of the page with fontTools, and inlines it as a TrueType (or, beyond GB 2312, OpenType) ``data:``
URI in an ``@font-face`` rule (typically 20–350 kB). No request leaves the page (the CSP allows ``font-src data:``).
Latin text keeps the page's own fonts; the subset is only the fallback for characters they lack.
"""
from __future__ import annotations

import base64
import io
import re
from functools import lru_cache

from ..core import atomic

FAMILY = "Embedded Noto Sans CJK SC"
#: CJK punctuation, kana-free ideographs, full-width forms: what Chinese report text uses.
UNICODE_RANGE = "U+2E80-2FDF,U+3000-303F,U+3100-312F,U+3200-32FF,U+3400-4DBF,U+4E00-9FFF,U+F900-FAFF,U+FF00-FFEF"
_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3100-\u312f\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


@lru_cache(maxsize=1)
def _collection_index() -> tuple[str, int]:
    from fontTools.ttLib import TTCollection

    from .fonts import FAMILY as SC, font_path

    path = font_path()
    with TTCollection(path, lazy=True) as coll:
        for i, f in enumerate(coll.fonts):
            if f["name"].getDebugName(1) == SC:
                return path, i
    raise RuntimeError(f"{SC} not found in {path}")


def subset_font(chars: set[str]) -> bytes:
    """Font bytes of Noto Sans CJK SC reduced to ``chars``: TrueType cut from a cached GB 2312 base when the page's
    characters are all in GB 2312 (simplified Chinese text), else OpenType (CFF) cut from the 65,000-glyph
    collection. Plain sfnt, not WOFF2: larger but much faster to write, which matters once per page.

    The base is the font cut to GB 2312 without hints and its cubic outlines turned into quadratic ones (within
    one unit of 1,000: :func:`_to_truetype`): a TrueType subset copies each kept glyph's bytes, where a CFF subset
    decompiles and recompiles every outline — about five times faster for a brief's 900 characters, at a quarter
    more bytes. The bounding boxes of the whole font are kept (``recalcBBoxes=False``: still true of a subset), and
    the font's own timestamp too (``recalcTimestamp=False``), so the same page gives the same bytes on every run.
    :func:`font_format` tells the two kinds apart."""
    from fontTools.ttLib import TTCollection, TTFont

    base, covered = _base()
    if chars <= covered:  # the base has no hints left: dropping them again only re-reads every outline
        return _subset(TTFont(io.BytesIO(base), lazy=True, recalcBBoxes=False, recalcTimestamp=False), chars,
                       hinting=True)
    path, idx = _collection_index()
    with TTCollection(path, lazy=True, recalcBBoxes=False, recalcTimestamp=False) as coll:
        return _subset(coll.fonts[idx], chars)


def font_format(data: bytes) -> tuple[str, str]:
    """(MIME type, CSS format) of a subset: TrueType outlines or OpenType (CFF)."""
    return ("font/otf", "opentype") if data[:4] == b"OTTO" else ("font/ttf", "truetype")


def _to_truetype(font) -> bytes:
    """``font`` (CFF outlines, loaded whole) with TrueType (quadratic) outlines: each cubic curve approximated
    within one font unit (cu2qu), the glyph order, metrics and cmap unchanged."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyphs = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for a in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
              "maxSizeOfInstructions", "maxComponentElements", "maxPoints", "maxContours", "maxCompositePoints",
              "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, a, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat, font["head"].glyphDataFormat = 0, 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True  # each new glyph's own box (the font's box stays that of the whole font's outlines)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


@lru_cache(maxsize=1)
def _gb2312() -> frozenset[str]:
    out = set()
    for cp in range(0x3000, 0x10000):
        c = chr(cp)
        if _CJK.match(c):
            try:
                c.encode("gb2312")
                out.add(c)
            except UnicodeEncodeError:
                pass
    return frozenset(out)


@lru_cache(maxsize=1)
def _base() -> tuple[bytes, frozenset[str]]:
    """(the font cut to the ~6,900 CJK characters of GB 2312 with TrueType outlines, those characters). Built once (about 9 s)
    and kept in a cache folder (``$HEALTHREPORTS_FONT_CACHE``, default a folder in the system's temporary
    directory) keyed by the font file, written atomically so parallel workers may share it; when the cache
    cannot be written the process keeps the subset in memory."""
    import hashlib
    import os
    import tempfile
    from pathlib import Path

    from fontTools.ttLib import TTCollection

    path, idx = _collection_index()
    st = os.stat(path)
    # v3: TrueType outlines (v2: subsets keep the font's timestamp)
    key = hashlib.sha1(f"v3:{path}:{st.st_size}:{int(st.st_mtime)}:{idx}".encode()).hexdigest()[:16]
    folder = Path(os.environ.get("HEALTHREPORTS_FONT_CACHE") or Path(tempfile.gettempdir()) / "healthreports-font-cache")
    cached = folder / f"noto-sans-cjk-sc-gb2312-{key}.ttf"
    chars = _gb2312()
    if cached.exists():
        return cached.read_bytes(), chars
    from fontTools.ttLib import TTFont

    with TTCollection(path, lazy=True, recalcBBoxes=False, recalcTimestamp=False) as coll:
        cut = _subset(coll.fonts[idx], set(chars))
    data = _to_truetype(TTFont(io.BytesIO(cut), recalcBBoxes=False, recalcTimestamp=False))
    try:
        atomic.write_bytes(cached, data)  # parallel workers may share the cache
    except OSError:
        pass  # no cache on disk: this process keeps the subset in memory
    return data, chars


def _subset(font, chars: set[str], hinting: bool = False) -> bytes:
    """``font`` cut to ``chars``, without hints (``hinting=True`` keeps what hints ``font`` has: only for a font
    that has none left, the cached base)."""
    from fontTools import subset

    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = hinting
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(ord(c) for c in chars))
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def cjk_chars(text: str) -> set[str]:
    """The CJK characters of ``text`` (what the subset must cover). Through ``set(text)`` first: a list of every
    CJK character of a 100 MB anthology (``findall``) would be gigabytes of one-character strings."""
    return {c for c in set(text) if _CJK.match(c)}


def font_rules(chars: set[str]) -> str:
    """The CSS rules that embed the subset of ``chars`` ('' when there are none): an ``@font-face`` with the font as
    a ``data:`` URI, and the font stacks that put it first. What :func:`css_for` wraps in a <style> block, and
    what a raw file's source views share as one stylesheet (:mod:`helpers.publish.sources`)."""
    chars = {c for c in chars if _CJK.match(c)}
    if not chars:
        return ""
    font = subset_font(chars)
    mime, fmt = font_format(font)
    data = base64.b64encode(font).decode("ascii")
    # First in the stack, but its unicode-range limits it to CJK code points: Latin text keeps the
    # page's fonts. (As a late fallback, Chromium drew "2024年" as boxes: digits then Han in one run.)
    stack = f'"{FAMILY}", system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif'
    return (f'@font-face{{font-family:"{FAMILY}";src:url(data:{mime};base64,{data}) format("{fmt}");'
            f"unicode-range:{UNICODE_RANGE};}}"
            f":root{{--jp-content-font-family:{stack};--jp-ui-font-family:{stack};}}"
            f"body,table,td,th,p,li,h1,h2,h3{{font-family:{stack};}}")


def css_for_chars(chars: set[str]) -> str:
    """The <style> block to embed for ``chars`` ('' when there are none)."""
    rules = font_rules(chars)
    return f"<style>{rules}</style>" if rules else ""


def css_for(text: str) -> str:
    """The <style> block to embed for the CJK characters of ``text`` ('' when there are none)."""
    return css_for_chars(cjk_chars(text))


def embed_cjk_subset(html: str) -> str:
    """``html`` with the subset font's <style> inserted before </head> (unchanged without CJK text)."""
    return insert_css(html, css_for(html))


def insert_css(html: str, css: str) -> str:
    """``html`` with ``css`` (a <style> block from :func:`css_for`, possibly made for several pages)
    inserted before </head>."""
    if not css:
        return html
    i = html.lower().rfind("</head>")
    return html[:i] + css + html[i:] if i >= 0 else css + html
