"""The shortcuts taken for speed answer as the plain way would, on made-up strings."""
import random

from helpers.clean import roles
from helpers.clean.numerals import _TABLE, fold_width
from helpers.clean.numbers import NUMBER, _not_a_figure, _numbers, not_figure_rules

RNG = random.Random(21)


def _strings(alphabet, n=3000, longest=25):
    return ["".join(RNG.choice(alphabet) for _ in range(RNG.randint(0, longest))) for _ in range(n)]


def test_numbers_are_found_where_finditer_finds_them():
    alphabet = list("0123456789Xx.,%万亿人例元 -~至到:中文a率\n") + ["100", "个百分点", "１２"]
    for t in _strings(alphabet):
        lo = RNG.randint(0, len(t))
        hi = RNG.randint(lo, len(t))
        assert [(m.span(), m.groups()) for m in _numbers(t, lo, hi)] == \
               [(m.span(), m.groups()) for m in NUMBER.finditer(t, lo, hi)], (t, lo, hi)


def test_fold_width_is_the_translation_of_every_character():
    alphabet = [chr(c) for c in range(0xFF00, 0xFF70)] + list("\u3000\u00a0\u2002％－–—～．：／。，卫生院ab 12\n")
    for t in _strings(alphabet):
        assert fold_width(t) == t.translate(_TABLE)


def _plain_not_a_figure(num, unit, kind, before, after, after_figure):
    for r in not_figure_rules():
        if r.applies and not (kind == "bare" or kind == r.applies):
            continue
        if r.number is not None and not r.number.fullmatch(num):
            continue
        if r.unit is not None and not r.unit.fullmatch(unit):
            continue
        if r.before is not None and not r.before.search(before):
            continue
        if r.after is not None and not r.after.match(after):
            continue
        if r.after_figure is not None and not r.after_figure.match(after_figure):
            continue
        return True
    return False


def test_not_a_figure_with_its_rules_picked_per_number_answers_as_every_rule_tried():
    nums = ["1", "2", "12", "100", "2031", "20XX", "9.20", "12356", "80", "3"]
    units = ["", "%", "人", "年", "元", "个"]
    context = list("第【(（“/×：: 年月日号后岁、.)）”|\t") + ["阅读", "电话", "以女孩为", "2031-"]
    for _ in range(3000):
        args = (RNG.choice(nums), RNG.choice(units), RNG.choice(["", "bare", "no_unit"]),
                "".join(RNG.choice(context) for _ in range(RNG.randint(0, 4))),
                "".join(RNG.choice(context) for _ in range(RNG.randint(0, 3))),
                "".join(RNG.choice(context) for _ in range(RNG.randint(0, 3))))
        assert _not_a_figure(*args) == _plain_not_a_figure(*args), args


def _plain_decide(ctx):
    for r in roles.rules():
        if r.fires(ctx):
            return r.role, r.order
    return "level", 0


def test_decide_with_its_scope_tests_answers_as_every_rule_tried():
    words = list("比较与由从到至的为是达了年月底末(（，:：") + ["上年", "去年", "2031年", "下降", "提高", "完成", "目标",
                                                        "力争", "确保", "计划", "要", "将", "任务", "控制指标", "同期"]
    for _ in range(3000):
        ctx = {s: "".join(RNG.choice(words) for _ in range(RNG.randint(0, 5))) for s in roles.SCOPES}
        ctx["unit"] = RNG.choice(["percent rate", "percentage_points rate", "persons count", "count bare"])
        ctx["section"] = RNG.choice(["", "plan"])
        ctx["any"] = ""
        assert roles.decide(ctx) == _plain_decide(ctx), ctx
