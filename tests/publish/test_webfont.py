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
