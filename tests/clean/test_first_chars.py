"""first_chars: the characters a match can start with, never too few (a shortcut that skips a search must never
skip one that would have matched)."""
import random
import re

import pytest

from helpers.clean import roles
from helpers.clean.first_chars import first_chars, may_match
from helpers.core import catalog


@pytest.mark.parametrize("pattern, chars", [
    ("建档率|签约人数", set("建签")),
    ("(?<!健康)管理率", {"管"}),               # a lookbehind consumes nothing
    ("(?:规范)?管理率", set("规管")),          # an optional part: what follows may start the match
    ("[0-3]万人", set("0123")),
    ("门诊(?:人次)?$", {"门"}),
    ("(a)\\1", {"a"}),                        # a backreference after the first character is no matter
])
def test_the_start_characters_of_made_up_patterns(pattern, chars):
    assert first_chars(re.compile(pattern)) == chars


@pytest.mark.parametrize("pattern", [
    "率?",              # may match the empty string: any string matches
    "(?:)|率", "x*", "$",
    ".率", r"\d+人", r"\s*为", "[^。]率",  # any character, a category, a negated class
    "[\u4e00-\u9fff]{2}率",              # a class too wide to spell out
    "(?i)rate",         # ignoring case
    r"(a)?(?(1)b|c)",   # a conditional group
])
def test_it_says_nothing_when_it_cannot_tell(pattern):
    assert first_chars(re.compile(pattern)) is None
    assert may_match(None, "")


def test_every_match_of_the_rule_tables_starts_with_one_of_its_characters():
    """On made-up text from the tables' own characters: where a match is found, it starts with one of them; where
    a string holds none of them, there is no match."""
    patterns = [i.measure for i in catalog.indicators().values()]
    patterns += [p for i in catalog.indicators().values() for p in (i.subject, i.exclude) if p is not None]
    patterns += [p for r in roles.rules() for p in (r.cue, r.require, r.unless) if p is not None]
    alphabet = sorted({c for p in patterns for c in p.pattern if "\u4e00" <= c <= "\u9fff"} | set("0123456789%.，。"))
    rng = random.Random(21)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    told = 0
    for rx in patterns:
        first = first_chars(rx)
        if first is None:
            continue
        told += 1
        for t in texts:
            for m in rx.finditer(t):
                assert m.end() > m.start() and t[m.start()] in first, (rx.pattern, t)
            if not may_match(first, t):
                assert rx.search(t) is None
    assert told > len(patterns) // 2  # most cue patterns are word lists: the shortcut applies to them
