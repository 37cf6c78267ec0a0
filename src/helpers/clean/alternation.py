"""One pattern for "does any of these cue patterns match?", written so that Python's ``re`` searches it fast.

``(?:p1)|(?:p2)|…`` matches where any ``p`` does, but the engine then tries every pattern at every position of the
string. Joined flat instead — each pattern's own top-level alternatives side by side, ``a|b|c|d`` — an alternative
that starts with a literal character is rejected on one comparison, and when every alternative starts with one,
the engine skips straight to the positions where one of those characters stands. So ``joined`` puts the
alternatives that start with a literal in one pattern and the others in a second; a string holds a match of some
``p`` exactly when one of the two finds one. Only the yes/no answer is the same: which match is found first, and
its groups, are not (use each pattern itself for those).
"""
from __future__ import annotations

import re

from .first_chars import first_chars

#: What cannot be joined with other patterns without changing its meaning: a backreference or a conditional
#: group (numbered groups shift), an inline flag (allowed only at the start of a pattern), a comment.
NOT_JOINABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux]|\(\?#")

_LITERAL_START = re.compile(r"[^\\\[\](){}|.^$*+?]")


def _class_end(pattern: str, i: int) -> int:
    """The index of the ] that closes the character class opened at ``pattern[i]`` (a ] right after [ or [^ is a
    literal; an escaped character is skipped), or ``len(pattern)`` when it is not closed."""
    n = len(pattern)
    i += 1
    if i < n and pattern[i] == "^":
        i += 1
    if i < n and pattern[i] == "]":
        i += 1
    while i < n and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


def _structure(pattern: str, start: int = 0):
    """``(i, c, depth)`` for each ``(``, ``)`` and ``|`` of ``pattern`` from ``start`` that is outside a character
    class and not escaped; ``depth`` is the group depth after the character (an ``(`` counts itself)."""
    depth, i, n = 0, start, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
        elif c in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[c]
            yield i, c, depth
        i += 1


def top_level_alternatives(pattern: str) -> list[str]:
    """``a|(?:b|c)|[|]d`` -> ['a', '(?:b|c)', '[|]d']: the pattern split at the bars outside any group or class."""
    out, start = [], 0
    for i, c, depth in _structure(pattern):
        if c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _group_end(pattern: str, i: int) -> int:
    """The index of the ) that closes the group opened at ``pattern[i]``."""
    return next((j for j, c, depth in _structure(pattern, i) if c == ")" and depth == 0), -1)


def spread(alt: str, limit: int = 64) -> list[str]:
    """``(?:a|b)c`` -> ['ac', 'bc'], ``(?:a|b)?c`` -> ['c', 'ac', 'bc']: a leading non-capturing group of
    alternatives written out, so that each alternative starts with its own first character (a string holds a
    match of the one exactly when it holds a match of one of the others)."""
    if not alt.startswith("(?:"):
        return [alt]
    end = _group_end(alt, 0)
    if end < 0:
        return [alt]  # pragma: no cover - unbalanced: re.compile says so
    inner, rest = alt[3:end], alt[end + 1:]
    out = []
    if rest[:1] == "?" and rest[1:2] not in ("?", "+"):  # (?:a|b)?c -> ac, bc, c (not the lazy or possessive ?)
        rest = rest[1:]
        out.extend(spread(rest, limit))
    elif rest[:1] in ("?", "*", "+", "{"):
        return [alt]  # a repeated group stays as it is
    for a in top_level_alternatives(inner):
        out.extend(spread(a + rest, limit))
        if len(out) > limit:
            return [alt]
    return out


def _starts_with_literal(alt: str) -> bool:
    """Does the alternative start with one plain character that is not made optional (a?, a*, a{0,2})?"""
    if not alt or not _LITERAL_START.match(alt):
        return False
    return not (len(alt) > 1 and alt[1] in "?*+{")


class AnyOf:
    """Does any of the patterns match somewhere in a string? (:func:`joined` builds one)."""

    def __init__(self, rxs: tuple[re.Pattern, ...], skips_ahead: tuple[bool, ...] = ()):
        # each joined pattern with the characters its matches start with: a string with none of them is skipped
        # (not tested for a pattern whose alternatives all start with a literal: re itself skips ahead to them, faster)
        skips_ahead = skips_ahead or (False,) * len(rxs)
        self.parts = tuple((rx, None if skip else first_chars(rx)) for rx, skip in zip(rxs, skips_ahead))

    def found(self, s: str) -> bool:
        for rx, first in self.parts:
            if (first is None or not first.isdisjoint(s)) and rx.search(s):
                return True
        return False


def joined(patterns: list[str]) -> AnyOf | None:
    """An :class:`AnyOf` that finds a match exactly when one of ``patterns`` does (the literal-led alternatives
    joined in one pattern, the others in a second); None when they cannot be joined (see :data:`NOT_JOINABLE`)."""
    alts: list[str] = []
    for p in dict.fromkeys(patterns):
        if NOT_JOINABLE.search(p):
            return None
        parts = [b for a in top_level_alternatives(p) for b in spread(a)]
        try:
            for a in parts:
                re.compile(a)
        except re.error:  # pragma: no cover - a split that is not at a real bar: keep the pattern whole
            parts = [f"(?:{p})"]
        alts.extend(parts)
    alts = list(dict.fromkeys(alts))
    lit = [a for a in alts if _starts_with_literal(a)]
    rest = [a for a in alts if not _starts_with_literal(a)]
    by_first: dict[str, list[str]] = {}
    for a in lit:  # 建档率|建档人数|签约率 -> 建(?:档率|档人数)|签(?:约率): one comparison rejects each first character
        by_first.setdefault(a[0], []).append(a[1:])
    lit = [c + (f"(?:{'|'.join(tails)})" if len(tails) > 1 else tails[0]) for c, tails in by_first.items()]
    try:
        groups = [(g, skip) for g, skip in ((lit, True), (rest, False)) if g]
        return AnyOf(tuple(re.compile("|".join(g)) for g, _ in groups), tuple(skip for _, skip in groups))
    except re.error:  # pragma: no cover - duplicate group names
        return None
