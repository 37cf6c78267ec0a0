"""A figure's qualifier: the sub-group, disease, vaccine or facility it is about (乙类, 户籍, 区妇幼保健院), so that
it is never compared as the whole place's value."""
from __future__ import annotations

import re

from ..core import catalog
from .last_match import last_match


# The word lists are rows of rules/cue_words.csv, each with its comment.
FILLER = catalog.cue_rx("{filler}")  # time, whole-place, counting words: never a qualifier
CHANGE_FILLER = catalog.cue_rx("{change_filler}")  # how a figure moved, not whose it is
GROUP_WORD = catalog.cue_rx("({group})")  # disease classes, population groups, classes of facilities
DISEASE = catalog.cue_rx("({disease})")
RESIDUAL_OK = catalog.cue_rx("({residual_ok})$")  # a left-over phrase naming a sub-group (…服务包, …人群)
RESIDUAL_BAD = catalog.cue_rx("{residual_bad}")  # … unless it is a verb phrase, a rate word or a fragment
ALL_FACILITIES = catalog.cue_rx("{all_facilities}")  # every facility of the place: the place itself
GENERIC_FACILITY = catalog.cue_rx("{generic_facility}")
FACILITY = catalog.cue_rx("({facility_name})(?!{not_after_facility})")  # a named facility: 区妇幼保健院
FACILITY_SUFFIX = catalog.cue_rx("{facility_suffix}")
FACILITY_OK = catalog.cue_rx("{facility_ok}")
NOT_ONE_FACILITY = catalog.cue_rx("{not_one_facility}")
EVERY_BEFORE = catalog.cue_rx("{every_before}")


def _facility(sentence_before: str) -> str:
    """The last named facility in the sentence before a figure, or ''."""
    last = ""
    if not FACILITY_SUFFIX.search(sentence_before):
        return last  # every named facility ends in one of the suffixes: without one, none is named
    for m in FACILITY.finditer(sentence_before):
        name = m.group(1)
        if m.start() > 0 and EVERY_BEFORE.fullmatch(sentence_before[m.start() - 1]):
            continue  # 全县医院: every hospital of the county, not one facility
        if FACILITY_OK.search(name) and not NOT_ONE_FACILITY.search(name):
            last = name
    return last


PROGRAMME = catalog.cue_rx("{programme}")
VACCINE_NAME = catalog.cue_rx("{vaccine_name}")


def qualifier_of(near: str, ind_id: str, sentence_before: str = "", role: str = "level") -> str:
    if not ind_id:
        return ""
    q = ""
    ind = catalog.indicators()[ind_id]
    # a group word inside a programme's name (新型农村合作医疗) names no sub-group
    m = GROUP_WORD.search(PROGRAMME.sub("", near))
    if m:
        q = m.group(1)
    if ind.area == "disease_control" and ind_id != "vaccination_rate" and (d := last_match(DISEASE, near)):
        if not q or d.start() > near.find(q):  # (m is on the text without programme names)
            q = d.group(1)  # 丙类传染病手足口病92例: the disease named last, nearest the value
    if ind_id == "vaccination_rate":
        vm = re.search(r"([\u4e00-\u9fffA-Za-z]{2,10}?)(?:疫苗)?(?:的)?接种率", near)
        if vm:
            v = FILLER.sub("", vm.group(1))
            q = "免疫规划" if "免疫规划" in near and (not v or "免疫规划" in v) else (v or q)
        if not q and (vn := VACCINE_NAME.search(near)):
            q = vn.group(1)  # 卡介苗99.4%、乙肝疫苗97.5%: the vaccine named right before the value
        if not q and "免疫规划" in near:
            q = "免疫规划"
    if not q:
        q = _facility(sentence_before)
    rest = ind.measure.sub("", near)
    if ind.subject is not None:
        rest = ind.subject.sub("", rest)
    rest = FILLER.sub("", CHANGE_FILLER.sub("", rest) if role.startswith("change") else rest)
    rest = re.sub(r"[\d.%]+", "", rest)
    rest = _strip_name_words(rest, ind.zh)
    if (not q and 2 <= len(rest) <= 12 and re.fullmatch(r"[\u4e00-\u9fffⅡ型-]+", rest)
            and RESIDUAL_OK.search(rest) and not RESIDUAL_BAD.search(rest)):
        q = rest
    if q and GENERIC_FACILITY.fullmatch(q) and ALL_FACILITIES.search(near):
        q = ""
    if q and q in ind.zh:
        q = ""  # 户籍 of 户籍人口, 儿童 of 3岁以下儿童系统管理率: the indicator itself, not a sub-group
    return q


def _strip_name_words(rest: str, name: str) -> str:
    """Drop from the end of ``rest`` the words it shares with the indicator's name (特殊家庭成员家庭医生
    for 家庭医生签约人数 → 特殊家庭成员): they say what is measured, not whose figure it is."""
    changed = True
    while changed and len(rest) >= 2:
        changed = False
        for n in range(min(len(rest), 6), 1, -1):
            if rest[-n:] in name:
                rest, changed = rest[:-n], True
                break
    return rest


def part_label(near: str) -> str:
    """The name of a part after 其中 (其中65岁以上老年人17895人 → 65岁以上老年人), or ''."""
    label = FILLER.sub("", near)
    label = re.sub(r"^[\s(（]+|[\s)）]+$", "", label)
    return label if 2 <= len(label) <= 12 and re.fullmatch(r"[\u4e00-\u9fff0-9\-~岁以上下Ⅱ型]+", label) else ""


def group_word(subject: str, ind_id: str) -> str:
    """Qualifier of a 分别 list item from its own subject (户籍人口 → 户籍; 流动人口 → 流动人口)."""
    if not subject:
        return ""
    if ind_id == "vaccination_rate":
        v = re.sub(r"疫苗|接种率|接种|免疫规划", "", FILLER.sub("", subject))
        return v if 1 < len(v) <= 10 else ("免疫规划" if "免疫规划" in subject else "")
    m = GROUP_WORD.search(subject) or DISEASE.search(subject)
    q = m.group(1) if m else ""
    return "" if q and q in catalog.indicators()[ind_id].zh else q
