"""Infer a report's place from the words in it, by voting over the whole report.

Evidence, strongest first: county names (金安区, 义乌市), city names (六安市) and newspapers
(《韶关日报》), province names, then towns and streets (樟市镇, 罗坑镇) and institutions named after
them (樟市中心卫生院, 开元、梧村等社区卫生服务中心). A town name shared by several counties gives
each a fraction of a vote, so a place wins by many distinct words agreeing, not by one
lucky match. Names that are also ordinary words or exist in several cities (郊区, 城区) count
only when their city is named too. The report's own words for itself (全区/我县/全市)
decide between the district and the city it belongs to.

Where the text does not decide, the answer stops at the level the evidence supports (e.g. a
province) with low confidence; nothing is guessed.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..core import catalog
from . import gazetteer
from .place_names import county_en, province_en, region_en

ADMIN_LEVEL_BY_SUFFIX = [("自治县", "county"), ("自治旗", "county"), ("区", "district"), ("县", "county"),
                         ("旗", "county"), ("市", "county-level city")]
#: County names that are ordinary words or repeat across cities: count only with their city named.
FUNCTIONAL = catalog.cue_rx("{functional_area}")
INSTITUTION = r"(?:中心)?(?:卫生院|社区卫生服务中心|社区卫生服务站|社康中心|卫生服务中心|卫生站|卫生室|卫计办|计生办)"
#: 樟市、罗坑等卫生院, 西干沟等四所乡镇卫生院: town names before the institutions named after them.
INSTITUTION_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,4}[、，,])*[\u4e00-\u9fff]{2,6}?)(?:等(?:[一二三四五六七八九十\d]{1,2}[所家个])?)?"
                              r"(?:乡镇|镇)?" + INSTITUTION)
NEWSPAPER = re.compile(r"《([\u4e00-\u9fff]{2,4})(?:日报|晚报|电视台|广播电视台)》")
#: An autonomous region named in full (西藏自治区, 内蒙古自治区): its 全区 is the region, not a district.
REGION_WIDE = re.compile(r"(?:西藏|内蒙古|新疆维吾尔|宁夏回族|广西壮族|新疆|宁夏|广西)自治区|全自治区|自治区(?:党委|政府|卫生)")

#: A page's source tag (香格里拉网讯, 某某新闻网讯, 某某在线讯): the place whose news site it is.
#: A news site's tag before a story (房县网讯; 今日房县网讯: the site's brand words, cue_words.csv, are not the place)
SOURCE_TAG = catalog.cue_rx(r"(?:^|[\s【\[(（])(?:{site_brand})?([\u4e00-\u9fff]{2,4}?)(?:新闻网|网|在线|新闻)讯")
SURVEY_TEAM = catalog.cue_rx("{survey_team}")
#: A place's words for itself (全区, 我县, 全市): cue_words.csv
SELF_WORDS = {"district": catalog.cue_rx("{self_district}"), "county": catalog.cue_rx("{self_county}"),
              "city": catalog.cue_rx("{self_city}")}
W_COUNTY, W_CITY, W_PROVINCE, W_TOWN, W_TOWN_SHORT, W_NEWS, W_CITY_SHORT = 3.0, 2.5, 1.5, 1.0, 0.6, 2.5, 0.6
#: How often a city's short name must stand (outside longer names) in a text that names no city or county in full
#: to count as a vote for the city, as its newspaper's name does.
CITY_SHORT_REPEATS = 3
#: ... within the text's first characters (its title, source line and lead), so the look-up costs the same for a
#: report of any length.
CITY_SHORT_SPAN = 2000


@dataclass
class PlaceResult:
    province: str = ""
    city: str = ""
    county: str = ""
    admin_level: str = ""
    region_name: str = ""
    region_en: str = ""
    evidence: str = ""
    confidence: float = 0.0
    self_level: str = ""
    scores: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def province_cues() -> tuple[tuple[re.Pattern, re.Pattern | None, str, str], ...]:
    """(cue, also, province, label) from ``province_cues.csv``: words that place a text in one province
    when it names no place (旗/苏木/嘎查 are Inner Mongolia's, 兵团 Xinjiang's); ``also`` must occur too."""
    return tuple((catalog.rule_rx(where, r["cue"]), catalog.rule_rx(where, r["also"]), r["province"], r["label"])
                 for where, r in catalog.rule_rows("province_cues.csv", comment="comment"))


class _Index:
    """Name lookups built once per process from the gazetteer, with the other names a text uses for
    the same division (see :meth:`_add_aliases`)."""

    def __init__(self, g: gazetteer.Gazetteer):
        self.g = g
        self.county_names = g.by_name("county")
        self.city_names = g.by_name("city")
        self.alias_of: dict[str, str] = {}  # a name as texts write it -> the gazetteer's name
        self._add_aliases(g)
        self.prov_by_short = {}
        for d in g.provinces.values():
            self.prov_by_short[d.name] = d
            if len(d.short) >= 2:
                self.prov_by_short[d.short] = d
        self.city_short = defaultdict(list)
        for d in g.cities.values():
            if len(d.short) >= 2 and d.short != d.name:
                self.city_short[d.short].append(d)
        #: Short names of exactly one city that are no province's: those a repeated mention may vote for.
        self.unique_city_short = [k for k, ds in self.city_short.items() if len(ds) == 1 and k not in self.prov_by_short]
        self.town_short = defaultdict(set)
        for name, codes in g.towns.items():
            short = gazetteer.TOWN_SUFFIX.sub("", name)
            if len(short) >= 2:
                self.town_short[short] |= codes
        names = set(self.county_names) | set(self.city_names) | set(self.prov_by_short) | set(g.towns)
        names = [n for n in names if len(n) >= 2]
        # Names by their first two characters, longest first: a leftmost-longest scan reads
        # 铜陵市郊区 as 铜陵市 + 郊区. (One alternation regex of ~35k names is ~100x slower.)
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        for n in sorted(names, key=len, reverse=True):
            self.by_prefix[n[:2]].append(n)

    def _add_aliases(self, g: gazetteer.Gazetteer) -> None:
        """Names texts use that the gazetteer does not list, each for exactly one division:

        * a county made a district or a city (撤县设区, 撤县设市): 江宁县 for 江宁区, 义乌县 for 义乌市;
        * an autonomous prefecture by its short name: 甘孜州 for 甘孜藏族自治州, 海南州 for 海南藏族自治州;
        * an autonomous county or banner by its short name: 民和县 for 民和回族土族自治县, 鄂伦春旗 for 鄂伦春自治旗;
        * a city's short name with 城区/市区: 蚌埠城区 is 蚌埠市;
        * a county's short name right after its city or province: 天津河西, 铜陵郊区.
        A name that is already a division's name, or that two divisions would share, is not added."""
        known = set(self.county_names) | set(self.city_names) | {d.name for d in g.provinces.values()}
        county_alias: dict[str, list] = defaultdict(list)
        city_alias: dict[str, list] = defaultdict(list)
        for d in g.counties.values():
            if len(d.short) < 2 or d.short == d.name:
                continue
            if d.name[-1] in "区市" and d.name[:-1] == d.short:
                county_alias[d.short + "县"].append(d)
            for whole, part in (("自治县", "县"), ("自治旗", "旗")):
                if d.name.endswith(whole) and not d.short.endswith(part):
                    county_alias[d.short + part].append(d)  # 民和县 for 民和回族土族自治县
            city, prov = g.cities.get(d.city), g.provinces.get(d.province)
            parents = {p for p in ((city.name, city.short) if city else ()) + ((prov.name, prov.short) if prov else ())
                       if len(p) >= 2}
            for p in parents:
                county_alias[p + d.short].append(d)
        for d in g.cities.values():
            for short in d.short.split("/"):  # 克州/克孜勒苏: a short name may have two forms
                if len(short) < 2 or short == d.name:
                    continue
                if d.name.endswith("自治州"):
                    city_alias[short if short.endswith("州") else short + "州"].append(d)
                for w in ("城区", "市区"):
                    city_alias[short + w].append(d)
        for table, aliases in ((self.county_names, county_alias), (self.city_names, city_alias)):
            for name, ds in aliases.items():
                if name in known or len({x.code for x in ds}) != 1 or name.startswith("全"):
                    continue
                table[name] = [ds[0]]
                self.alias_of[name] = ds[0].name

    def find_names(self, text: str):
        """Yield the known place names in ``text``, leftmost-longest, without overlaps."""
        get = self.by_prefix.get
        startswith = text.startswith
        skip = 0
        for i in range(len(text) - 1):
            if i < skip:
                continue
            cands = get(text[i:i + 2])
            if cands:
                for name in cands:
                    if startswith(name, i):
                        if not (TITLE_BEFORE.search(text, max(0, i - 4), i)
                                and TITLE_AFTER.match(text, i + len(name), i + len(name) + 8)):
                            yield name  # not a title (通过省级平安县验收: a 'safe county' award, not 平安县)
                        skip = i + len(name)
                        break


_INDEX: _Index | None = None


def index() -> _Index:
    global _INDEX
    if _INDEX is None:
        _INDEX = _Index(gazetteer.load())
    return _INDEX


#: An award a place earns, written like a place's name (省级平安县, 国家级卫生县城): the words before and after it.
TITLE_BEFORE = catalog.cue_rx("{title_before}")
TITLE_AFTER = catalog.cue_rx("{title_after}")

_INSTITUTION_AT = re.compile(INSTITUTION)


def _institution_lists(text: str):
    """INSTITUTION_LIST matches, found from the institution words backwards (scanning the list
    pattern from every character of a long text is the slow part of place inference)."""
    done = -1
    for m in _INSTITUTION_AT.finditer(text):
        a = max(done + 1, m.start() - 120)
        for lm in INSTITUTION_LIST.finditer(text, a, m.end()):
            if lm.end() == m.end() and lm.start() > done:
                done = lm.end() - 1
                yield lm


def self_level(text: str) -> tuple[str, Counter]:
    counts = Counter({k: len(p.findall(text)) for k, p in SELF_WORDS.items()})
    if not sum(counts.values()):
        return "", counts
    return counts.most_common(1)[0][0], counts


def _level_of_county(name: str) -> str:
    for suf, lvl in ADMIN_LEVEL_BY_SUFFIX:
        if name.endswith(suf):
            return lvl
    return "district"


CITY_SHORT_NEXT = catalog.cue_rx("{city_short_next}")


def infer_place(text: str, publishers: tuple[str, ...] = ()) -> PlaceResult:
    """The place a text speaks for. ``publishers``: who the page says published it (来源：…, see
    :func:`publisher_near`): the places they name count as mentions, a news site or paper named by its place
    (某某网, 某某日报) as that site's tag."""
    ix = index()
    g = ix.g
    mentions: Counter = Counter()
    for name in ix.find_names(text + "".join("\n" + p for p in publishers)):
        mentions[name] += 1
    town_short_hits: Counter = Counter()
    for m in _institution_lists(text):
        for item in re.split(r"[、，,]", m.group(1)):
            item = re.sub(r"(等|中心|新建|镇|乡|街道)+$", "", item)
            for n in range(min(4, len(item)), 1, -1):  # the longest known town name ending the item
                k = item[-n:]
                if k in ix.town_short and not any(k in full for full in mentions):
                    town_short_hits[k] += 1
                    break
    news = Counter(m.group(1) for m in NEWSPAPER.finditer(text))
    for m in CITY_SHORT_NEXT.finditer(text):
        # 青岛户籍人口… / 镇江全市…: a city's short name before words about the city (not inside a longer name)
        for n in (4, 3, 2):
            k = text[max(0, m.start() - n):m.start()]
            if len(k) == n and len(ix.city_short.get(k, ())) == 1 and not any(k in full for full in mentions):
                news[k] += 1
                break

    if not any(n in ix.city_names or n in ix.county_names for n in mentions):
        # 深圳…深圳…深圳: a city's short name said again and again in the opening of a text that names no city or
        # county in full (not inside a longer name there: 吉林省 is no vote for 吉林市)
        head = text[:CITY_SHORT_SPAN]
        for k in ix.unique_city_short:
            if k in news:
                continue
            c = head.count(k)
            if c >= CITY_SHORT_REPEATS:
                c -= sum(head.count(full) for full in mentions if k in full and full != k)
                if c >= CITY_SHORT_REPEATS:
                    news[k] += c
    county_s: dict[str, float] = defaultdict(float)
    city_s: dict[str, float] = defaultdict(float)
    prov_s: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[str]] = defaultdict(list)  # code -> words

    def rep(n):  # repeated mentions count, but sub-linearly
        return 1.0 + math.log(n)

    named = False  # a county or city name voted (not a town, not a word-like name left out)
    for name, n in mentions.items():
        if name in ix.city_names:
            named = True
            for d in ix.city_names[name]:
                city_s[d.code] += W_CITY * rep(n) / len(ix.city_names[name])
                evidence[d.code].append(name)
        if name in ix.prov_by_short and name not in ix.city_names:
            d = ix.prov_by_short[name]
            prov_s[d.code] += W_PROVINCE * rep(n)
            evidence[d.code].append(name)
    ambiguous: Counter = Counter()  # proper names several counties share, none of whose cities is named
    for name, n in mentions.items():
        if name in ix.county_names and not FUNCTIONAL.search(name):
            cands = ix.county_names[name]
            named_city = [d for d in cands if city_s.get(d.city)]
            named_prov = [d for d in cands if prov_s.get(d.province)]
            if len(cands) > 1 and not named_city and len(named_prov) == 1:
                named_city = named_prov  # 朝阳区 with 北京 named: the one 朝阳区 of that province
            if len(cands) > 1 or len(name) == 2:
                cands = named_city  # ambiguous or word-like (郊区, 城区): only with its city named
                if not cands and len(name) >= 3:
                    ambiguous[name] += n
            for d in cands:
                county_s[d.code] += W_COUNTY * rep(n) / len(cands)
                evidence[d.code].append(name)
            named = named or bool(cands)
        if name in g.towns:
            codes = g.towns[name]
            for c in codes:
                county_s[c] += W_TOWN * rep(n) / len(codes)
                evidence[c].append(name)
    for short, n in town_short_hits.items():
        codes = ix.town_short[short]
        for c in codes:
            county_s[c] += W_TOWN_SHORT * rep(n) / len(codes)
            evidence[c].append(short)
    for short, n in news.items():
        for d in ix.city_short.get(short, []):
            city_s[d.code] += W_NEWS * rep(n)
            evidence[d.code].append(f"《{short}…》")
    tags = [(m.group(1), m.group(1) + "网讯") for m in SOURCE_TAG.finditer(text[:600])]
    if "调查队" in text:
        tags += [(m.group(1), m.group(1) + "调查队") for m in SURVEY_TEAM.finditer(text)]
    tags += [(sm.group(1), p) for p in publishers if (sm := PUBLISHER_SITE.match(p))]
    for (short, label), n in Counter(tags).items():
        # a county-level place's news site (香格里拉网讯 is 香格里拉市's), else a city's
        counties = list({d.code: d for suf in ("", "市", "县", "区", "旗") for d in ix.county_names.get(short + suf, [])}.values())
        if short in ix.prov_by_short:  # 河北网讯: a province's news site
            prov_s[ix.prov_by_short[short].code] += W_PROVINCE * rep(n)
            evidence[ix.prov_by_short[short].code].append(label)
        elif len(counties) == 1:
            # a county or county-level city's site (香格里拉网讯); a district name is as often a city's news brand
            # (金山网 is 镇江's): it counts as little as a town
            w = W_TOWN if counties[0].name.endswith("区") else W_NEWS
            county_s[counties[0].code] += w * rep(n)
            evidence[counties[0].code].append(label)
            named = True
        elif counties and len({d.city for d in counties}) == 1:  # old and new names of one place (县 → 市)
            city_s[counties[0].city] += W_NEWS * rep(n)
            evidence[counties[0].city].append(label)
            named = True
        else:
            for d in ix.city_short.get(short, []):
                city_s[d.code] += W_NEWS * rep(n)
                evidence[d.code].append(label)

    # Words only one province uses (旗/苏木/嘎查, 兵团): for a text that names no county or city, a vote
    # each, as strong as the province named.
    prov_codes = {d.name: d.code for d in g.provinces.values()}
    for rx, also, prov_name, label in province_cues():
        if named:
            break
        if prov_name in prov_codes and rx.search(text) and (also is None or also.search(text)):
            prov_s[prov_codes[prov_name]] += W_PROVINCE
            evidence[prov_codes[prov_name]].append(label)

    # Roll up: counties support their city and province.
    for c, s in list(county_s.items()):
        d = g.counties[c]
        city_s[d.city] += 0.5 * s
    for c, s in list(city_s.items()):
        d = g.cities[c]
        prov_s[d.province] += 0.5 * s

    lvl, lvl_counts = self_level(text)
    res = PlaceResult(self_level=lvl)

    def best(scores, within=None):
        items = [(s, c) for c, s in scores.items() if within is None or within(c)]
        items.sort(reverse=True)
        if not items:
            return None, 0.0, 0.0
        second = items[1][0] if len(items) > 1 else 0.0
        return items[0][1], items[0][0], second

    p_code, p_score, p_second = best(prov_s)
    if p_code is None or p_score < 1.0 or p_score < 1.3 * p_second:
        p_code = None
    c_code, c_score, c_second = best(city_s, (lambda c: g.cities[c].province == p_code) if p_code else None)
    if c_code is None or c_score < 2.0 or c_score < 1.3 * c_second:
        c_code = None
    k_code, k_score, k_second = best(
        county_s, (lambda c: g.counties[c].city == c_code) if c_code else
        (lambda c: g.counties[c].province == p_code) if p_code else None)
    # Several distinct words agreeing on one county may decide it even when each is weak.
    n_words = len(set(evidence[k_code])) if k_code else 0
    k_need = 1.0 if n_words >= 3 else 1.2 if n_words == 2 else 2.0
    if k_code is None or k_score < k_need or k_score < 1.5 * k_second:
        k_code = None
    if k_code and not c_code:
        c_code = g.counties[k_code].city
    if c_code and not p_code:
        p_code = g.cities[c_code].province

    # A city-level report names its districts too: keep the city when it speaks of itself as 市
    # and no single county stands out against the city's own mentions.
    if k_code:
        county = g.counties[k_code]
        # the level as the text writes the name: 海安县 (now 海安市) is a county for this text
        written = [w for w in evidence[k_code] if w in ix.county_names and w in mentions]
        lvl_c = _level_of_county(max(written, key=mentions.get) if written else county.name)
        own_city_mentions = sum(mentions[n] for n in (g.cities[c_code].name,)) if c_code else 0
        county_mentions = mentions.get(county.name, 0)
        # the county's siblings, named as places of the same city: 海安县、如皋市、启东市 in a 南通市 report
        siblings = {d.code for n in mentions if n in ix.county_names and n != county.name
                    and ix.alias_of.get(n) != county.name for d in ix.county_names[n]
                    if d.city == county.city and d.code != k_code}
        county_mentions = sum(mentions[w] for w in set(evidence[k_code]) if w in ix.county_names)
        if lvl == "city" and lvl_c != "county-level city" and own_city_mentions >= max(2, county_mentions):
            k_code = None
        elif len(siblings) >= 2 and own_city_mentions >= county_mentions:
            k_code = None
        elif lvl == "city" and lvl_c == "county-level city" and own_city_mentions > 2 * max(1, county_mentions):
            k_code = None
        elif (lvl == "city" and all(w.endswith("网讯") for w in evidence[k_code])
              and not county.name.endswith("区")):
            k_code = None  # 香格里拉网讯 … 全州: a news site's place, in a text that speaks for its prefecture
        elif lvl == "district" and REGION_WIDE.search(text) and county_mentions <= 1 and len(set(evidence[k_code])) <= 2:
            # 西藏自治区 … 全区: an autonomous region speaks of itself as 全区; one county named in passing
            # is not the report's place
            k_code = c_code = None

    prov = g.provinces.get(p_code) if p_code else None
    city = g.cities.get(c_code) if c_code else None
    county = g.counties.get(k_code) if k_code else None
    res.province = prov.name if prov else ""
    res.city = city.name if city else ""
    res.county = county.name if county else ""
    unplaced = None  # a shared county name with no city: named as written, the city not identified
    if county:
        res.admin_level = _level_of_county(county.name)
        res.region_name = (city.name if city and city.name != county.name else "") + county.name
        res.confidence = _confidence(k_score, k_second)
        used = evidence[k_code] + (evidence[c_code] if c_code else [])
    elif city:
        res.admin_level = "city"
        res.region_name = city.name
        res.confidence = round(_confidence(c_score, c_second) * 0.9, 2)
        used = evidence[c_code]
    elif ambiguous:
        # 新华区 with no city named: several places bear the name. Say the name as written and that the
        # city is not known, rather than nothing (or a guess).
        name = max(sorted(ambiguous), key=lambda k: ambiguous[k])
        cands = [d for d in ix.county_names[name] if not prov or d.province == prov.code] or ix.county_names[name]
        res.admin_level = _level_of_county(name)
        res.region_name = (prov.name if prov else "") + name
        res.confidence = 0.1
        where = ", ".join(sorted({g.cities[d.city].name for d in cands if d.city in g.cities}))
        used = [f"{name} ({len(cands)} places: {where})"]
        unplaced = cands[0]
    else:
        res.admin_level = {"district": "district", "county": "county"}.get(lvl, "")
        res.region_name = prov.name if prov else ""
        res.confidence = 0.2 if prov else 0.0
        used = evidence[p_code] if p_code else []
    if prov and not used:
        used = evidence[p_code]
    words = sorted(set(used), key=lambda w: (-mentions.get(w, town_short_hits.get(w, 1)), w))
    self_words = ", ".join(f"{k}:{v}" for k, v in lvl_counts.most_common() if v)
    res.evidence = "; ".join(words[:10]) + (f" | self: {self_words}" if self_words else "")
    if not county and unplaced is None and county_s:
        # no county decided: say which ones the words pointed to, and how weakly
        top = sorted(county_s.items(), key=lambda kv: (-round(kv[1], 6), kv[0]))[:3]
        res.evidence += " | not decided: " + ", ".join(
            f"{g.counties[c].name} ({g.provinces[g.counties[c].province].short if g.counties[c].province in g.provinces else '?'}, "
            f"{sc:.1f}: {'/'.join(sorted(set(evidence[c]))[:3])})" for c, sc in top)
    res.evidence = res.evidence.lstrip(" |")
    if unplaced is None:
        res.region_en = region_en((prov.name, prov.short) if prov else None,
                                  (city.name, city.short) if city else None,
                                  (county.name, county.short) if county else None)
    else:
        res.region_en = ", ".join(filter(None, [f"{county_en(unplaced.name, unplaced.short)} (city not identified)",
                                                province_en(prov.name, prov.short) if prov else ""]))
    res.scores = {"province": round(p_score, 2), "city": round(c_score, 2), "county": round(k_score, 2)}
    return res


PUBLISHER = catalog.cue_rx("{publisher_line}")
#: A news site or paper named by its place (某某网, 某某日报): counted as that site's tag.
PUBLISHER_SITE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:新闻网|网|日报|晚报|新闻)$")
#: How far before and after a report its page's publisher line may stand (characters).
PUBLISHER_BEFORE, PUBLISHER_AFTER = 300, 200


def publisher_near(text: str, start: int, end: int) -> tuple[str, ...]:
    """The publishers named by source lines (来源：…) just before or after ``text[start:end]``."""
    lo, hi = max(0, start - PUBLISHER_BEFORE), min(len(text), end + PUBLISHER_AFTER)
    return tuple(m.group(1) for m in PUBLISHER.finditer(text, lo, hi))


def _confidence(best: float, second: float) -> float:
    if best <= 0:
        return 0.0
    strength = 1 - math.exp(-best / 6.0)
    margin = (best - second) / best
    return round(max(0.05, min(0.99, strength * (0.5 + 0.5 * margin))), 2)
