"""alternation.joined: one test for "does any of these patterns match?" that answers as the patterns do."""
import random
import re

import pytest

from helpers.clean import roles
from helpers.clean.alternation import joined, spread, top_level_alternatives
from helpers.core import catalog


@pytest.mark.parametrize("pattern, parts", [
    ("建档率|签约率", ["建档率", "签约率"]),
    ("(?:规范|健康)管理率|控制率", ["(?:规范|健康)管理率", "控制率"]),
    ("[|｜]\\s*$|a\\|b", ["[|｜]\\s*$", "a\\|b"]),      # a bar in a class or escaped is no split
    ("[]|]x|y", ["[]|]x", "y"]),                          # ] first in a class is a literal
    ("(?<!健康)管理率", ["(?<!健康)管理率"]),
])
def test_top_level_alternatives(pattern, parts):
    assert top_level_alternatives(pattern) == parts


def test_patterns_that_cannot_be_joined():
    assert joined(["(a)\\1", "b"]) is None      # a backreference: group numbers would shift
    assert joined(["(?i)rate", "b"]) is None    # an inline flag
    assert joined(["(a)?(?(1)b|c)"]) is None    # a conditional group


def _same(patterns, texts):
    any_of = joined(patterns)
    assert any_of is not None
    rxs = [re.compile(p) for p in patterns]
    for t in texts:
        assert any_of.found(t) == any(rx.search(t) for rx in rxs), t


def test_made_up_sentences_answer_as_the_patterns_do():
    patterns = ["(?<!健康)管理率", "规范管理率|控制率", "建档(?!率)", "签约.{0,2}人数", "^\\s*为", "到\\s*$", "率?x"]
    texts = ["高血压患者规范管理率为80%", "健康管理率", "居民建档率达到", "建档卡", "签约服务人数", "签约人数",
             " 为", "提高到 ", "", "x", "率", "管理率"]
    _same(patterns, texts)


def test_the_rule_tables_patterns_joined_answer_as_they_do():
    """The catalog's measure cues and each scope's role cues, on made-up strings of their own characters."""
    groups = [[i.measure.pattern for i in catalog.indicators().values()]]
    for scope in roles.SCOPES:
        cues = [r.cue.pattern for r in roles.rules() if r.scope == scope and r.cue is not None]
        if cues:
            groups.append(cues)
    rng = random.Random(21)
    for patterns in groups:
        alphabet = sorted({c for p in patterns for c in p if "\u4e00" <= c <= "\u9fff"} | set("0123456789% ，。:"))
        words = [w for p in patterns for w in re.findall(r"[\u4e00-\u9fff]{2,}", p)]
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(200)]
        # strings made of the cue words themselves, so that many of them match
        texts += ["".join(rng.choice(words + list(" ，%:0")) for _ in range(rng.randint(1, 4))) for _ in range(200)]
        _same(patterns, texts)


@pytest.mark.parametrize("alt, out", [
    ("(?:目标|任务)为", ["目标为", "任务为"]),
    ("(?:主要|工作)?指标", ["指标", "主要指标", "工作指标"]),
    ("(?:a|(?:b|c)d)e", ["ae", "bde", "cde"]),
    ("(?:a|b)*c", ["(?:a|b)*c"]),          # a repeated group stays
    ("(?:a|b)??c", ["(?:a|b)??c"]),        # so does a lazy one
    ("x(?:a|b)", ["x(?:a|b)"]),            # only a leading group is written out
])
def test_spread(alt, out):
    assert spread(alt) == out
