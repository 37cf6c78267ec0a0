"""The words around a figure and the cue patterns a sentence's figures are read with.

The role of a figure from its contexts (``role_rules.csv`` via ``roles``), the words right after it, the host of a
figure in brackets, and the cue patterns of ``cue_words.csv`` that ``extract`` uses to relate the figures of one
sentence (a share, a standard, a part, an average, a limit...). Split from ``extract`` so that each stays small.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..core import catalog
from . import roles
from .bounds import CLAUSE_END
from .first_chars import first_chars
from .lists import FENBIE
from .numbers import Figure


# ---------------------------------------------------------------- context and roles
#: The longest label before a colon that names the value after it (乙类：3189例; not a sentence's lead-in).
LABEL_MAX = 16

#: The words of a change and of a completion, as the role table (``role_rules.csv``) writes them.
CHANGE_WORD = roles.cue_of("change")

CHANGE_DOWN = catalog.cue_rx("{fall_before_number}")
DOWN = catalog.cue_rx("{down}")

COMPLETION = roles.cue_of("completion")

ESTIMATE_CUE = catalog.cue_rx("{estimate}")


def role(near_tail: str, clause: str, f: Figure, in_plan: bool, after: str = "", sentence_before: str = "",
          sentence: str = "", lead: str = "", period_before: str = "") -> str:
    """The figure's role by the first rule of ``role_rules.csv`` that fires on its contexts."""
    ctx = {"unit": f"{f.unit} {f.unit_kind}", "before": near_tail, "clause": clause, "after": after,
           "sentence_before": sentence_before, "sentence": sentence, "section": "plan" if in_plan else "", "any": "",
           "lead": lead, "period_before": period_before}
    role, _ = roles.decide(ctx)
    return roles.resolve(role, f.unit)


def words_after(norm: str, e: int, end: int, width: int, stops: str = CLAUSE_END) -> str:
    """The words right after a figure: up to ``width`` characters, the first stop, or ``end``.
    Short and cut at 、 for a cue written after the number (667984人参加新农合); the rest of the
    clause for a veto (有3623名参加合作医疗的农牧民因病住院: 住院 vetoes 参合)."""
    hi = min(end, e + width)
    m = _stop_rx(stops).search(norm, e, hi)
    return norm[e:m.start() if m else hi]


@lru_cache(maxsize=8)
def _stop_rx(stops: str) -> re.Pattern:
    return re.compile("[" + re.escape(stops) + "]")


PER_CAPITA_ONLY = catalog.cue_rx("{per_capita_only}")
YEAR_LABEL_ONLY = catalog.cue_rx("{year_label_only}")
GROUP_LABEL_ONLY = catalog.cue_rx("{group_label_only}")
MONTH_LABEL_ONLY = catalog.cue_rx("{month_label_only}")
BASELINE_PAIR_NEXT = catalog.cue_rx("{baseline_pair_next}")
CHANGES_FOLLOW = catalog.cue_rx("{changes_follow}")
RESTATED = catalog.cue_rx("{restated}")
#: How far back the ``period_before`` scope of a role reaches at most (characters): a line of a web page can be long.
PERIOD_REACH = 300


SHARE_OF = catalog.cue_rx("{share_of}")
WIDER_AREA_BRACKET = catalog.cue_rx("{wider_area_bracket}")
#: The head of a list of what rose or fell (上升的病种为…, 下降较快的传染病有…): its verb gives the items' sign.
MOVED_LIST = catalog.cue_rx(r"({change_verb})(?:幅度)?(?:较大|较快|较多|明显)?的(?:病种|传染病|疾病)")
#: A standard or requirement named before a value (标准要求78%, 国家标准为…).
STANDARD = catalog.cue_rx("{held_to}")
#: The goal named right after a value (…下达90%的目标, 90%的任务).
GOAL_AFTER = catalog.cue_rx(r"\s*的?(?:{held_to})")

#: A sub-group or a wider area naming a value on its own (城市2.6‰ / (全省为5.4‰)), and the linking words around it.
PART_GROUP = catalog.cue_rx("{part_group}")
PART_EDGES = re.compile(r"^(?:[\s,，;；、(（]|其中)+|(?:[\s:：]|为|是|达到?|分别为)+$")

#: The characters a 分别 list can start with: a sentence without them is not scanned for one.
FENBIE_FIRST = first_chars(FENBIE)

BENEFICIARY = catalog.cue_rx("{beneficiary}")

#: A 分别 list of from-values (分别由2030年的…) and the words that lead to its to-values (下降到2035年的).
FROM_LIST = re.compile(r"(?:由|从)")
#: The words between the from-values and the to-values of a list (…由A、B下降到C、D, 降至).
TO_HALF = catalog.cue_rx(r"\s*(?:{to_verb})?(?:到|至|为)了?(?:{a_year}|今年|目前|现在)?(?:底|末)?的?\s*")

#: A value cell of a table row on its own line: the label, then a tab or |, then the value; or, in a table pasted as
#: plain text, a short label and the row's cells before it separated by spaces (平均住院天数 8.38 10.86).
TABLE_ROW = re.compile(r"[\t|｜]\s*$|^(?:[\u4e00-\u9fff()（）/‰%]{2,16}[ \t\u3000]+){1,2}(?:[\d.:：%‰]+[ \t\u3000]+)*$")
#: A rate named right before a value, with only a linking word between (死亡率为4.38).
RATE_IS = re.compile(r"率\s*(?:为|是|达到?|[:：])\s*$")
#: The canonical units a bare value of a table row may take from its row's rate label, tried in order.
ROW_UNITS = (("per_100k", "rate"), ("permille", "rate"), ("percent", "rate"), ("years", "years"), ("days", "days"))

#: What stands between a value and a figure in brackets right after it: nothing, or a label (市控指标).
BRACKET_AFTER = re.compile(r"\s*[(（]\s*([\u4e00-\u9fff]{0,8}?)\s*[:：]?\s*")

CONTINUES = catalog.cue_rx("{continues}")

AVERAGE = catalog.cue_rx("{average}")

ARRIVE = catalog.cue_rx("{arrive}")

LIMIT = catalog.cue_rx("{limit}")

ACTUAL = catalog.cue_rx("{actual}")


def paren_host(norm: str, cs: int, i: int) -> str:
    """For a figure inside parentheses, the words before the parenthesis (死亡病例2例(艾滋病1例…))."""
    lo = max(0, i - 60)  # only a parenthesis opened within 60 characters counts: never scan the whole text
    open_ = max(norm.rfind("(", lo, i), norm.rfind("（", lo, i))
    close = max(norm.rfind(")", lo, i), norm.rfind("）", lo, i))
    if open_ > close and open_ >= 0:
        a = max((norm.rfind(c, max(0, open_ - 200), open_) for c in "，,；;。：:"), default=-1)
        a = a + 1 if a >= 0 else max(0, open_ - 200)
        return norm[a:open_]
    return ""
