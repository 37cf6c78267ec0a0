"""China's administrative divisions down to town level, from JioNLP's location dictionary.

JioNLP (Apache-2.0) ships ``dictionary/china_location.zip``: provinces, prefecture-level
cities, counties (with adcodes and short names) and ~43k towns and streets. We read only
that data file. We never ``import jionlp``: its import pulls in a GPLv3 tokenizer and writes
~51 MB on first use; the Makefile installs the wheel with ``--no-deps`` for its data alone.
Loading takes ~0.15 s and is cached per process.
"""
from __future__ import annotations

import importlib.util
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Division:
    level: str  # province | city | county
    name: str
    short: str
    code: str
    province: str = ""
    city: str = ""


@dataclass
class Gazetteer:
    provinces: dict[str, Division] = field(default_factory=dict)  # code -> Division
    cities: dict[str, Division] = field(default_factory=dict)
    counties: dict[str, Division] = field(default_factory=dict)
    towns: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # town name -> county codes
    source: str = ""

    def by_name(self, level: str) -> dict[str, list[Division]]:
        table = {"province": self.provinces, "city": self.cities, "county": self.counties}[level]
        out: dict[str, list[Division]] = defaultdict(list)
        for d in table.values():
            out[d.name].append(d)
        return out


def jionlp_data_file() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the gazetteer package jionlp is not installed; run `make setup` "
            "(it installs jionlp --no-deps for its location dictionary)")
    p = Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "china_location.zip"
    if not p.exists():
        raise RuntimeError(f"jionlp is installed but has no dictionary/china_location.zip ({p.name})")
    return p


TOWN_SUFFIX = re.compile(r"(街道办事处|街道|镇|乡|苏木|民族乡)$")


def parse_location_text(text: str, source: str = "") -> Gazetteer:
    """Parse JioNLP's tab-indented tree: province / city / county (name, adcode, short) / town / village."""
    g = Gazetteer(source=source)
    prov = city = county = None
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        if depth >= 4:
            continue  # villages: not used
        parts = line.strip().split("\t")
        name = parts[0]
        code = parts[1] if len(parts) > 1 else ""
        short = parts[2] if len(parts) > 2 else name
        if depth == 0:
            prov = Division("province", name, short, code)
            g.provinces[code] = prov
            city = county = None
        elif depth == 1 and prov:
            city = Division("city", name, short, code, province=prov.code)
            g.cities[code] = city
            county = None
        elif depth == 2 and city:
            county = Division("county", name, short, code, province=prov.code, city=city.code)
            g.counties[code] = county
        elif depth == 3 and county:
            if TOWN_SUFFIX.search(name) and len(name) >= 3:
                g.towns[name].add(county.code)
    return g


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    path = jionlp_data_file()
    with zipfile.ZipFile(path) as z:
        text = z.read("china_location.txt").decode("utf-8")
    return parse_location_text(text, source=f"jionlp:{path.parent.parent.name}/dictionary/china_location.zip")
