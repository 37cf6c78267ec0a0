"""A figure's qualifier: the sub-group, disease, vaccine or facility it is about (乙类, 户籍, 区妇幼保健院), so that
it is never compared as the whole place's value."""
from __future__ import annotations

import re

from ..core import catalog
from .roles import DOWN, UP


FILLER = re.compile(r"截至|截止到?|目前|今年|上半年|下半年|全年|全区|全县|全市|全镇|辖区|我区|我县|我市|共计|共有|共|累计|"
                    r"其中|分别|达到?|为|是|已|完成了?|了|等|的|在|有|人次|\d+月(?:份|底|中旬|上旬|下旬)?(?:\d+日)?|[、，,:：;\s]")


#: Words of a change or comparison: never a qualifier (与同期相比增长 is how, not whose).
CHANGE_FILLER = re.compile(rf"增长率|下降率|增幅|降幅|{UP}|{DOWN}|同比|环比|比上年|比去年|较上年|较去年|上年|去年|同期|"
                           r"较|比|与|相比|均|幅度|高出|低于|高于|平均水平")


#: Sub-groups a figure may be about: disease classes, population groups, and classes of facilities
#: (基层医疗卫生机构, 二级以上公立医院: their visits are not the whole place's).
GROUP_WORD = re.compile(r"(甲乙类|甲、乙类|甲乙丙类|甲类|乙类|丙类|乙、丙类|乙丙类|户籍|流动人口|常住|重点人群|"
                        r"基层医疗卫生机构|基层医疗机构|二级以上(?:公立)?医院|二级及以上(?:公立)?医院|三级(?:公立)?医院|"
                        r"公立医院|民营医院|社区卫生服务中心|乡镇卫生院|区级|市级|县级|乡镇|农村|城市|有偿)")


DISEASE = re.compile(r"(手足口病|肺结核|结核病|梅毒|乙肝|丙肝|戊肝|艾滋病|淋病|痢疾|其他感染性腹泻病?|流行性腮腺炎|腮腺炎|水痘|"
                     r"流感|猩红热|麻疹|狂犬病|登革热|疟疾|布病|伤寒|出血热)")


#: A left-over phrase is a qualifier only when it names a sub-group or item (服务包, 人群, 机构, 补偿 …)
#: and is not a verb phrase, a rate word or a fragment (预计新建居民, 覆盖率, )乙( are not qualifiers).
RESIDUAL_OK = re.compile(r"(服务包|人群|家庭|家庭成员|成员|对象|机构|场所|补偿|行医|病)$")


RESIDUAL_BAD = re.compile(r"[()（）]|预计|报告|作出|提供|建立|促进|任务|覆盖|率|人数|报表|中$|^月|规范化")


#: Every facility of the place (全区医疗卫生机构总诊疗人次) is the place itself, not a sub-group; after
#: 其中 (其中医疗机构立案处罚23起) the same words are one kind of facility among others.
_FACILITIES = r"(?:医疗卫生|医疗|卫生|医药卫生)机构"


ALL_FACILITIES = re.compile(rf"(?:全[区县市镇]|辖区|各级|各类|所有)(?:内|的|各级|各类)*{_FACILITIES}")


GENERIC_FACILITY = re.compile(rf"(?:各级|各类|所有)?{_FACILITIES}")


#: A named facility the figure belongs to (市四院, 区妇幼保健院, 樟市中心卫生院): a facility's value is
#: not the district's, so it is a qualifier. 住院/出院/入院 are services, not facilities.
FACILITY = re.compile(r"((?:[市区县省]|[\u4e00-\u9fff]{2}(?:镇|乡|街道)?)(?:[\u4e00-\u9fff]{0,6}?)"
                      r"(?:人民医院|中医院|医院|妇幼保健院|保健院|保健所|卫生院|疾控中心|疾病预防控制中心|(?<![住出入医学])院))"
                      r"(?!长|办|里|内外)")


FACILITY_OK = re.compile(r"^[市区县省]|[镇乡]|中心")


def _facility(sentence_before: str) -> str:
    """The last named facility in the sentence before a figure, or ''."""
    last = ""
    for m in FACILITY.finditer(sentence_before):
        name = m.group(1)
        if m.start() > 0 and sentence_before[m.start() - 1] in "全各本我":
            continue  # 全县医院: every hospital of the county, not one facility
        if FACILITY_OK.search(name) and not re.search(r"各|全|所有|基层|医疗机构|等", name):
            last = name
    return last


def qualifier_of(near: str, ind_id: str, sentence_before: str = "", role: str = "level") -> str:
    if not ind_id:
        return ""
    q = ""
    m = GROUP_WORD.search(near)
    if m:
        q = m.group(1)
    ind = catalog.indicators()[ind_id]
    if ind.area == "disease_control" and ind_id != "vaccination_rate" and (d := DISEASE.search(near)):
        q = q or d.group(1)
    if ind_id == "vaccination_rate":
        vm = re.search(r"([\u4e00-\u9fffA-Za-z]{2,10}?)(?:疫苗)?(?:的)?接种率", near)
        if vm:
            v = FILLER.sub("", vm.group(1))
            q = "免疫规划" if "免疫规划" in near and (not v or "免疫规划" in v) else (v or q)
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
