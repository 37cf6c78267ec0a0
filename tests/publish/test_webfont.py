"""Briefs carry the Chinese glyphs they use, so they read right on machines without a Chinese font."""
import io

from fontTools.ttLib import TTFont

from helpers.publish import webfont


def test_subset_covers_exactly_the_page_characters():
    font = TTFont(io.BytesIO(webfont.subset_font(set("金安区，"))))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "金安区，")
    assert len(cmap) < 50


def test_embed_adds_a_data_uri_font_only_when_there_is_chinese():
    html = "<html><head><title>x</title></head><body><p>六安市金安区</p></body></html>"
    out = webfont.embed_cjk_subset(html)
    assert out.count("@font-face") == 1 and "unicode-range" in out
    assert 'data:font/ttf;base64,' in out and 'format("truetype")' in out  # simplified text: the TrueType base
    assert out.index("@font-face") < out.index("</head>")
    plain = "<html><head></head><body>Jin'an</body></html>"
    assert webfont.embed_cjk_subset(plain) == plain


def test_a_page_cut_from_the_cached_base_draws_the_glyphs_of_the_whole_font():
    """The fast path (the cached GB 2312 base with TrueType outlines) gives each character the advance and, within
    two font units, the outline box of the collection's own glyph; a page beyond GB 2312 is cut from the collection
    (OpenType); the same characters give the same bytes twice."""
    from pathlib import Path

    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTCollection

    shipped = Path(__file__).parents[2] / "data" / "raw" / "000_e597b995e815bf3e.txt"  # a shipped report
    page = sorted(set(webfont._CJK.findall(shipped.read_text(encoding="utf-8"))))
    chars = set(page[::3])
    assert chars <= webfont._base()[1]
    data = webfont.subset_font(chars)
    assert webfont.font_format(data) == ("font/ttf", "truetype") and webfont.subset_font(chars) == data
    fast = TTFont(io.BytesIO(data))
    path, idx = webfont._collection_index()
    with TTCollection(path, lazy=True) as coll:
        whole = coll.fonts[idx]
        wcmap, fcmap = whole.getBestCmap(), fast.getBestCmap()
        wg, fg = whole.getGlyphSet(), fast.getGlyphSet()
        for c in sorted(chars)[:60]:
            a, b = wcmap[ord(c)], fcmap[ord(c)]
            assert whole["hmtx"][a][0] == fast["hmtx"][b][0], c
            pa, pb = BoundsPen(wg), BoundsPen(fg)
            wg[a].draw(pa)
            fg[b].draw(pb)
            assert (pa.bounds is None) == (pb.bounds is None), c  # a space has no outline in either
            assert pa.bounds is None or all(abs(x - y) <= 2 for x, y in zip(pa.bounds, pb.bounds)), (c, pa.bounds,
                                                                                                    pb.bounds)
    rare = set("鿏")  # beyond GB 2312: the collection's own (CFF) outlines
    assert not rare <= webfont._base()[1]
    assert webfont.font_format(webfont.subset_font(rare)) == ("font/otf", "opentype")
