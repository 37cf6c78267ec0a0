"""The characters a match of a pattern can start with: a test that no match is possible, cheaper than the search.

Most contexts searched for a cue word hold none of the characters any cue word starts with, and Python's ``re``
tries every alternative of a long word list at every position. ``first_chars(rx)`` reads the compiled pattern's
parse tree and gives the set of characters a match must start with, or None when it cannot tell (a match may be
empty, or start with ``.``, ``\\s``, a negated or very wide class, a backreference, ignoring case). A string that
holds none of them has no match: ``may_match`` says so without running the search. The set may be too large,
never too small, so the answer "no match" is always the search's own.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

#: A class wider than this (a range of CJK characters) is not spelled out: no set.
WIDEST = 512


class _Unknown(Exception):
    pass


def _item(op, av) -> tuple[set[str], bool]:
    """(characters the item can start with, can it match the empty string)."""
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        out: set[str] = set()
        for o, v in av:
            if o is _c.LITERAL:
                out.add(chr(v))
            elif o is _c.RANGE and v[1] - v[0] < WIDEST:
                out.update(chr(x) for x in range(v[0], v[1] + 1))
            else:  # NEGATE, CATEGORY (\d, \s), a wide range
                raise _Unknown
        return out, False
    if op is _c.BRANCH:
        out, empty = set(), False
        for seq in av[1]:
            s, e = _seq(seq)
            out |= s
            empty = empty or e
        return out, empty
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, p = av
        if add_flags & _c.SRE_FLAG_IGNORECASE:
            raise _Unknown
        return _seq(p)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        lo, hi, p = av
        if hi == 0:
            return set(), True
        s, e = _seq(p)
        return s, e or lo == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq(av)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero-width: the next item starts the match (a lookahead's set would only narrow it)
    raise _Unknown  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS …


def _seq(seq) -> tuple[set[str], bool]:
    out: set[str] = set()
    for op, av in seq:
        s, empty = _item(op, av)
        out |= s
        if not empty:
            return out, False
    return out, True


@lru_cache(maxsize=1024)
def _first(pattern: str, flags: int) -> frozenset[str] | None:
    if flags & re.IGNORECASE:
        return None
    try:
        chars, empty = _seq(_p.parse(pattern, flags))
    except (_Unknown, re.error, TypeError, ValueError):
        return None
    return None if empty else frozenset(chars)


def first_chars(rx: re.Pattern) -> frozenset[str] | None:
    """The characters every match of ``rx`` starts with, or None when any string may hold a match."""
    return _first(rx.pattern, rx.flags)


def may_match(first: frozenset[str] | None, s: str) -> bool:
    """False only when ``s`` holds none of ``first`` (so the pattern cannot match it)."""
    return first is None or not first.isdisjoint(s)


def may_occur(first: frozenset[str] | None, s: str, lo: int, hi: int) -> bool:
    """:func:`may_match` on ``s[lo:hi]`` without cutting it out (a few characters looked for with ``str.find``)."""
    if first is None:
        return True
    if len(first) <= 8:
        return any(s.find(c, lo, hi) >= 0 for c in first)
    return not first.isdisjoint(s[lo:hi])
