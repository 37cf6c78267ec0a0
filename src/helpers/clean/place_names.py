"""English names for places: pinyin with apostrophes, province names as usually written."""
from __future__ import annotations

from functools import lru_cache

PROVINCE_EN = {
    "北京": "Beijing", "天津": "Tianjin", "河北": "Hebei", "山西": "Shanxi", "内蒙古": "Inner Mongolia",
    "辽宁": "Liaoning", "吉林": "Jilin", "黑龙江": "Heilongjiang", "上海": "Shanghai", "江苏": "Jiangsu",
    "浙江": "Zhejiang", "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong",
    "河南": "Henan", "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong", "广西": "Guangxi",
    "海南": "Hainan", "重庆": "Chongqing", "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan",
    "西藏": "Tibet", "陕西": "Shaanxi", "甘肃": "Gansu", "青海": "Qinghai", "宁夏": "Ningxia",
    "新疆": "Xinjiang", "香港": "Hong Kong", "澳门": "Macao", "台湾": "Taiwan",
}
#: Readings pypinyin gets wrong for place names.
READING_FIXES = {"长治": "Changzhi", "长沙": "Changsha", "长春": "Changchun", "六安": "Lu'an",
                 "蚌埠": "Bengbu", "番禺": "Panyu", "丽水": "Lishui", "乐清": "Yueqing", "单县": "Shanxian",
                 "乐亭": "Laoting", "乐陵": "Laoling"}
#: A place name's first character read as in place names, not as in words (朝阳 Chaoyang, not zhaoyang
#: 'morning sun'; 长 of 长安/长宁/长兴 is chang; 重庆; 厦门).
FIRST_READING = {"长": ("zhang", "chang"), "朝": ("zhao", "chao"), "重": ("zhong", "chong"), "厦": ("sha", "xia")}
COUNTY_SUFFIX_EN = [("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("区", "District"),
                    ("县", "County"), ("旗", "Banner"), ("市", "City")]


def pinyin_name(zh: str) -> str:
    """'金安' -> "Jin'an"; one word, apostrophe before a syllable starting with a, o or e."""
    if not zh:
        return ""
    if zh in READING_FIXES:
        return READING_FIXES[zh]
    from pypinyin import lazy_pinyin

    sylls = lazy_pinyin(zh, errors="ignore")
    if sylls and zh[0] in FIRST_READING and sylls[0] == FIRST_READING[zh[0]][0]:
        sylls[0] = FIRST_READING[zh[0]][1]
    out = ""
    for i, s in enumerate(sylls):
        if i and s[:1] in "aoe":
            out += "'"
        out += s
    return out[:1].upper() + out[1:]


def _strip_suffix(name: str, suffixes) -> tuple[str, str]:
    for zh, en in suffixes:
        if name.endswith(zh) and len(name) > len(zh):
            return name[: -len(zh)], en
    return name, ""


def county_en(name: str, short: str = "") -> str:
    stem, en = _strip_suffix(name, COUNTY_SUFFIX_EN)
    if len(stem) < 2:  # 郊区 -> Jiaoqu District, 城区 -> Chengqu District
        return f"{pinyin_name(name)} {en}".strip()
    return f"{pinyin_name(short or stem)} {en}".strip()


def city_en(name: str, short: str = "") -> str:
    stem = name[:-1] if name.endswith("市") else (short or name)
    for suf in ("自治州", "地区", "盟"):
        if name.endswith(suf):
            stem = short or name[: -len(suf)]
            return f"{pinyin_name(stem)} {'Prefecture' if suf != '盟' else 'League'}"
    return pinyin_name(short or stem)


def province_en(name: str, short: str = "") -> str:
    key = short or name
    for k, v in PROVINCE_EN.items():
        if key.startswith(k) or name.startswith(k):
            return v
    return pinyin_name(key)


@lru_cache(maxsize=4096)
def region_en(province: tuple[str, str] | None, city: tuple[str, str] | None,
              county: tuple[str, str] | None) -> str:
    """'Jin'an District, Lu'an, Anhui'; 'Qingyuan City, Guangdong'; 'Anhui' when only the province is known."""
    parts = []
    if county and county[0]:
        parts.append(county_en(*county))
        if city and city[0] and city[0] != county[0]:
            parts.append(city_en(*city))
    elif city and city[0]:
        parts.append(f"{city_en(*city)}" + (" City" if city[0].endswith("市") else ""))
    if province and province[0]:
        p = province_en(*province)
        if not parts or parts[-1] != p:
            parts.append(p)
    return ", ".join(parts)
