"""A CJK font for matplotlib, installed from a registry package, registered without any download.

Noto Sans CJK (SIL Open Font License) comes from the ``noto-cjk-sans-otc`` wheel on PyPI (one
~19 MB ``.ttc`` file). :func:`use_cjk_font` adds it to matplotlib's font manager and puts its
Simplified Chinese face first in the sans-serif list, so 金安区 renders without missing-glyph
boxes or "Glyph … missing from font" warnings. Latin text still renders (the face covers it).
"""
from __future__ import annotations

from functools import lru_cache

FAMILY = "Noto Sans CJK SC"


class FontUnavailable(RuntimeError):
    pass


def font_path() -> str:
    try:
        import noto_cjk_sans_otc
    except ImportError as e:  # pragma: no cover - the set-up installs it
        raise FontUnavailable("the CJK font package noto-cjk-sans-otc is not installed: run `make setup`") from e
    return noto_cjk_sans_otc.FONT_PATH


@lru_cache(maxsize=1)
def use_cjk_font() -> str:
    """Register the CJK font with matplotlib (once per process) and make it the default; returns the family."""
    import matplotlib as mpl
    from matplotlib import font_manager

    font_manager.fontManager.addfont(font_path())
    mpl.rcParams["font.family"] = "sans-serif"
    rest = [f for f in mpl.rcParams["font.sans-serif"] if f != FAMILY]
    mpl.rcParams["font.sans-serif"] = [FAMILY, *rest]
    mpl.rcParams["axes.unicode_minus"] = False  # the CJK face has no U+2212 in every weight
    mpl.rcParams["svg.fonttype"] = "path"       # SVGs carry outlines: no font needed to view them
    return FAMILY


def covers(text: str) -> bool:
    """Does the font matplotlib resolves for the default family cover every character of ``text``?"""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=use_cjk_font()), fallback_to_default=False)
    face = FT2Font(path)
    cmap = face.get_charmap()
    return all(ord(c) in cmap for c in text if not c.isspace())
