"""Chinese glyphs render in plots: the CJK font comes from a registry package and is registered in helpers."""
import io
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers.publish import fonts  # noqa: E402


def test_resolved_font_covers_chinese_place_names():
    assert fonts.use_cjk_font() == fonts.FAMILY
    assert fonts.covers("金安区 六安市 Jin'an District 孕产妇系统管理率 ‰")


def test_drawing_chinese_raises_no_missing_glyph_warning():
    fonts.use_cjk_font()
    fig, ax = plt.subplots()
    ax.set_title("金安区 Jin'an District")
    ax.set_xlabel("孕产妇系统管理率 (%)")
    ax.plot([1, 2], [3, -1])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for fmt in ("png", "svg"):
            fig.savefig(io.BytesIO(), format=fmt)
    plt.close(fig)
    assert not [w for w in caught if "Glyph" in str(w.message) or "missing" in str(w.message)], \
        [str(w.message) for w in caught]
