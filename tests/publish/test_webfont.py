"""Briefs carry the Chinese glyphs they use, so they read right on machines without a Chinese font."""
import io

from fontTools.ttLib import TTFont

from helpers.publish import webfont


def test_subset_covers_exactly_the_page_characters():
    font = TTFont(io.BytesIO(webfont.subset_otf(set("金安区，"))))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "金安区，")
    assert len(cmap) < 50


def test_embed_adds_a_data_uri_font_only_when_there_is_chinese():
    html = "<html><head><title>x</title></head><body><p>六安市金安区</p></body></html>"
    out = webfont.embed_cjk_subset(html)
    assert out.count("@font-face") == 1 and "data:font/otf;base64," in out and "unicode-range" in out
    assert out.index("@font-face") < out.index("</head>")
    plain = "<html><head></head><body>Jin'an</body></html>"
    assert webfont.embed_cjk_subset(plain) == plain


def test_a_page_cut_from_the_cached_base_has_the_bytes_of_one_cut_from_the_whole_font():
    """The fast path (the cached GB 2312 base, not de-hinted again) gives the same bytes as cutting the page's
    characters from the 65,000-glyph collection with hints dropped: the briefs' pages do not change with it."""
    from pathlib import Path

    from fontTools.ttLib import TTCollection

    shipped = Path(__file__).parents[2] / "data" / "raw" / "000_e597b995e815bf3e.txt"  # a shipped report
    page = sorted(set(webfont._CJK.findall(shipped.read_text(encoding="utf-8"))))
    for chars in (set("金安区，。（）％"), set(page[::3])):
        assert chars <= webfont._base()[1]
        path, idx = webfont._collection_index()
        with TTCollection(path, lazy=True, recalcBBoxes=False, recalcTimestamp=False) as coll:
            whole = webfont._subset(coll.fonts[idx], chars)
        assert webfont.subset_otf(chars) == whole
