"""Decode the bytes of a text file that may be damaged: one wrong byte must not cost a report.

A clean file decodes strictly, as before (UTF-8, else the encoding charset-normalizer detects). A damaged
one — a few flipped bytes, a download cut off mid-character, stray control bytes, a page whose second half
is GBK while the first is UTF-8 — is read with the encoding that reads most of it, line by line when the
lines disagree, and what cannot be decoded becomes U+FFFD (``�``), one for each undecodable run. The number
of bytes replaced is kept (``Decoded.replaced``): reports.csv shows it per file, the quality checks name the
file, and a figure next to a replacement character is flagged ``damaged``.

Only a file that is mostly undecodable, or truly binary (NUL and control bytes throughout, not a few stray
ones or a form feed), is refused, with the reason.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

#: Encodings a damaged file is read with (GBK and GB2312 are read as their superset GB18030).
CANDIDATES = ("utf-8", "gb18030", "big5")
#: A file with more than this share of its bytes undecodable in every candidate is refused, and so is one whose
#: best reading reads less than MIN_READABLE of its bytes as the characters a report is made of (noise).
MAX_REPLACED_SHARE = 0.3
MIN_READABLE = 0.5
#: Control bytes that are not text: C0 controls except tab, line feed, carriage return and form feed, and DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
REPLACEMENT = "\ufffd"

_replaced = [0]


def _count_replace(err: UnicodeDecodeError):
    _replaced[0] += err.end - err.start
    return REPLACEMENT, err.end


codecs.register_error("healthreports-count", _count_replace)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str      # e.g. "utf-8", "gb18030", or "utf-8+gb18030" for a file read part by part
    replaced: int = 0  # bytes that could not be decoded (and control bytes), each run replaced by U+FFFD
    readable: float = 1.0  # share of the bytes read as characters a report is made of (``score``)


def decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` decoded with ``encoding``, undecodable runs replaced by U+FFFD; (text, bytes replaced)."""
    _replaced[0] = 0
    text = data.decode(encoding, errors="healthreports-count")
    return text, _replaced[0]


def replace_controls(text: str) -> tuple[str, int]:
    """Stray control bytes (NUL, BEL, ESC …; not tab, line ends or form feed) replaced by U+FFFD, one for
    one, so offsets hold; (text, how many)."""
    n = len(CONTROL.findall(text))
    return (CONTROL.sub(REPLACEMENT, text), n) if n else (text, 0)


_ASCII = re.compile(r"[\x00-\x7f]+")
_CJK = re.compile(r"[\u3400-\u9fff]+")


@lru_cache(maxsize=1)
def _rx() -> tuple[re.Pattern, re.Pattern]:
    """Character classes of the common characters, and of the common hanzi among them."""
    def cls(chars):
        return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]+")

    common = _common()
    return cls(common), cls(c for c in common if "\u3400" <= c <= "\u9fff")


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """Characters beyond ASCII a Chinese report is made of: CJK and full-width punctuation, and the frequent hanzi
    of GB 2312 (level 1, 3,755 characters) and of Big5 (5,401 characters)."""
    chars = {chr(c) for c in range(0x3000, 0x3040)} | {chr(c) for c in range(0xFF01, 0xFF5F)}
    chars |= {chr(c) for c in range(0x2010, 0x2070)} | set("×÷‰℃·")
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def score(text: str, replaced: int, encoding: str) -> float:
    """How much of the bytes a decoding reads as text a report is made of: each common character counts the
    bytes it was written with (ASCII 1, a hanzi 3 in UTF-8 and 2 otherwise), any other CJK character a
    quarter of that, and each byte replaced counts against it."""
    common, common_cjk = _rx()
    wide = 3 if encoding == "utf-8" else 2
    n = len(text)  # regex passes at C speed: this runs on every line of a damaged file
    ascii_ = n - len(_ASCII.sub("", text))
    good = n - len(common.sub("", text))
    other_cjk = (n - len(_CJK.sub("", text))) - (n - len(common_cjk.sub("", text)))
    return ascii_ + wide * good + wide * other_cjk / 4 - 2 * replaced


def _quick(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` decoded with the built-in replacement (C speed); (text, replacement characters) — a proxy of the
    bytes replaced, good enough to compare candidates."""
    text = data.decode(encoding, errors="replace")
    return text, text.count(REPLACEMENT)


def decode_lenient(data: bytes) -> Decoded:
    """The decoding that reads most of ``data``: the best candidate for the whole file, and for each line
    the candidate that reads that line best (a file that switches encoding is read part by part)."""
    whole = {}
    for enc in CANDIDATES:
        text, rep = _quick(data, enc)
        whole[enc] = (score(text, rep, enc), rep)
    best = max(CANDIDATES, key=lambda e: whole[e][0])
    n_bytes = max(1, len(data))
    if whole[best][1] == 0:
        text, n = replace_controls(data.decode(best))
        return Decoded(text, best, n, whole[best][0] / n_bytes)
    parts, used, replaced, total = [], {}, 0, 0.0
    others = tuple(e for e in CANDIDATES if e not in (best, "utf-8"))
    for line in data.splitlines(keepends=True):
        if line.isascii():
            parts.append(line.decode("ascii"))
            total += len(line)
            continue
        try:  # a line that is valid UTF-8 is UTF-8
            text = line.decode("utf-8")
            enc, rep = "utf-8", 0
            s = len(line)  # read whole
        except UnicodeDecodeError:
            enc = "utf-8"
            text, rep = _quick(line, enc)
            s = score(text, rep, enc)
            for cand in ((best,) if best != "utf-8" else ()) + others:
                t, r = _quick(line, cand)
                sc = score(t, r, cand) + (0.5 if cand == best else 0)
                if sc > s:
                    enc, text, rep, s = cand, t, r, sc
            if rep:
                text, rep = decode_counting(line, enc)  # the bytes replaced, counted exactly
        total += s
        parts.append(text)
        replaced += rep
        used[enc] = used.get(enc, 0) + len(line)
    text, n = replace_controls("".join(parts))
    label = "+".join(sorted(used, key=lambda e: -used[e])) or best
    return Decoded(text, label, replaced + n, total / n_bytes)


def looks_binary(data: bytes) -> bool:
    """NUL and control bytes throughout (more than 5 % of the first 64 KB): an image, an archive, a program.
    A few stray control bytes or form feeds are damage or layout, not a binary file."""
    sample = data[:65536]
    ctrl = sum(sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13))
    return ctrl > max(16, len(sample) // 20)


def mostly_nul(data: bytes) -> bool:
    """Many NUL bytes: UTF-16 without a byte-order mark, or a binary file."""
    sample = data[:65536]
    return sample.count(b"\x00") > len(sample) // 10
