"""Number parsing on spans only: full-width forms and Chinese numerals in a cut-out span.

Whole-text converters rewrite 十三五 to 45 and 进一步 to 进1步, so nothing here ever converts a
whole text: :func:`fold_width` keeps every character's position (one char in, one char out),
and :func:`cn_number` converts a span that has already been cut out as a number.
"""
from __future__ import annotations

import re
import unicodedata

_FOLD_EXTRA = {"\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": " ",
               "\u200c": " ", "\u200d": " ", "\ufeff": " ", "\u2060": " ", "％": "%", "﹪": "%", "－": "-", "–": "-", "—": "-", "～": "~",
               "．": ".", "：": ":", "∶": ":", "︰": ":", "／": "/", "。": "。"}


def _fold_char(c: str) -> str:
    if c in _FOLD_EXTRA:
        return _FOLD_EXTRA[c]
    if c == "，":
        return c  # a full-width comma ends a clause; folded to "," it would read as a thousands separator
    if "\uff01" <= c <= "\uff5e":  # full-width ASCII block
        n = unicodedata.normalize("NFKC", c)
        return n if len(n) == 1 else c
    return c


_TABLE: dict[int, str] = {cp: _fold_char(chr(cp)) for cp in list(range(0xFF01, 0xFF5F)) + [ord(c) for c in _FOLD_EXTRA]}
#: The characters ``_TABLE`` changes, in runs: only they are translated (``str.translate`` on a whole Chinese text
#: looks every character up, four times slower than finding the few that change).
_FOLDED = re.compile("[" + re.escape("".join(chr(k) for k, v in _TABLE.items() if v != chr(k))) + "]+")


_ZW = "\u200b\u200c\u200d\u2060\ufeff"
#: A zero-width character inside a Chinese word (孕产\u200b妇) moves to the end of the word, so cue
#: words match; everything else keeps its place (numbers are never split or moved).
_ZW_IN_WORD = re.compile(f"([\u3400-\u9fff])([{_ZW}]+)([\u3400-\u9fff]+)")


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ"
#: A reading in pinyin that some sites print inside words (衛(wèi)生院, 農(nóng)村): it moves to the end of
#: the word, as zero-width characters do, so 卫生院 and 农村 match; only lower-case syllables with a tone mark.
_PINYIN_IN_WORD = re.compile(rf"([\u3400-\u9fff])(\([a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*\))([\u3400-\u9fff]+)")


#: A full stop printed as the decimal point (参合率达87。7%, 33。2万人, as some pages converted every "." to "。"): a
#: decimal point when one or two digits and a unit or 万/亿 follow at once (``共120。3月份`` stays a stop).
_STOP_AS_DECIMAL = re.compile(r"(?<=[0-9])。(?=[0-9]{1,2}(?:[%‰％]|万|亿|个百分点|/10万|人|例|元|岁|份))")


def fold_width(text: str) -> str:
    """Full-width digits/letters/punctuation and odd spaces to ASCII, same length as ``text``;
    zero-width characters inside a Chinese word moved to its end (then folded to a space)."""
    if any(c in text for c in _ZW):
        text = _ZW_IN_WORD.sub(lambda m: m.group(1) + m.group(3) + m.group(2), text)
    if "(" in text and any(c in text for c in _TONED):
        while True:  # 衛(wèi)生(shēng)院: one reading moved per pass, until none is inside a word
            moved = _PINYIN_IN_WORD.sub(lambda m: m.group(1) + m.group(3) + m.group(2), text)
            if moved == text:
                break
            text = moved
    out = _FOLDED.sub(lambda m: m.group().translate(_TABLE), text)
    if "。" in out and _STOP_AS_DECIMAL.search(out):
        out = _STOP_AS_DECIMAL.sub(".", out)
    assert len(out) == len(text)
    return out


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_UNITS) + "点"


def cn_number(span: str) -> float | None:
    """'四十' -> 40, '九十五点五' -> 95.5, '一千二百' -> 1200; None if the span is not a number."""
    if not span or any(c not in CN_CHARS for c in span):
        return None
    if "点" in span:
        whole, _, frac = span.partition("点")
        w = cn_number(whole) if whole else 0
        if w is None or not frac or any(c not in CN_DIGITS for c in frac):
            return None
        return float(f"{int(w)}.{''.join(str(CN_DIGITS[c]) for c in frac)}")
    total, section, digit = 0, 0, None
    for c in span:
        if c in CN_DIGITS:
            if digit is not None:  # two digits in a row: read as a digit string (二〇一六)
                digit = digit * 10 + CN_DIGITS[c]
            else:
                digit = CN_DIGITS[c]
        else:
            u = CN_UNITS[c]
            if u >= 10000:
                section = (section + (digit or 0)) * u
                total += section
                section = 0
            else:
                section += (digit if digit is not None else 1) * u
            digit = None
    return float(total + section + (digit or 0))
