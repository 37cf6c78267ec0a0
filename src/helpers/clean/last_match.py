"""The last match of a pattern in a stretch of text: the cue nearest before a figure."""
from __future__ import annotations

import re
import sys


def last_match(rx: re.Pattern, s: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
    """The last non-overlapping match of ``rx`` in ``s[pos:endpos]`` (as ``finditer`` finds them), or None."""
    m = None
    for m in rx.finditer(s, pos, endpos):
        pass
    return m
