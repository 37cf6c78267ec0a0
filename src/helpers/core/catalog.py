"""The indicator catalog (``indicators.csv``) and the unit table (``units.csv``), as data.

The catalog is described once (OWID's meta habit): id, Chinese and English names, canonical
unit, policy area, whether higher is better, how it may be compared across periods (``comparability``),
and the cue words the extractor matches —
``subject`` (whose figure: 高血压, 老年人) and ``measure`` (what is measured: 规范管理率) as
regular expressions, ``exclude`` words that veto a match. Briefs and plots take names and
units from here, never from literals in notebooks.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: The rule tables: the catalog, the unit table and the cue tables of the cleaning stage (see rules/README.md).
HERE = Path(__file__).resolve().parents[1] / "rules"
AREAS = {
    "primary_care": "Primary care & basic public health services",
    "maternal_child": "Maternal & child health",
    "family_planning": "Family planning & the two-child policy",
    "disease_control": "Disease control & immunization",
    "services_cost": "Service volume, cost & insurance",
    "supervision_blood": "Health supervision & blood",
    "health_resources": "Health status & resources",
    "context": "Context (population)",
}
#: Canonical units of counts (a figure in one of these can be a part, a total or a numerator).
COUNT_UNITS = frozenset({"persons", "person_times", "couples", "records", "cases", "doses", "count"})
UNIT_LABELS = {"percent": "%", "permille": "‰", "per_100k": "per 100,000", "ratio_100": "boys per 100 girls",
               "persons": "persons", "person_times": "person-times", "couples": "couples", "records": "records",
               "yuan": "yuan", "cases": "cases", "doses": "doses", "ml": "ml", "kg": "kg", "count": "count",
               "years": "years", "days": "days", "per_1000": "per 1,000 residents", "per_10k": "per 10,000 residents",
               "percentage_points": "pp"}


def unit_label(unit: str) -> str:
    """How a canonical unit reads in a table or plot ('%', 'per 100,000', 'person-times')."""
    return UNIT_LABELS.get(unit, unit)


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    unit: str
    unit_class: str
    area: str
    higher_is_better: str
    subject: re.Pattern | None
    measure: re.Pattern
    exclude: re.Pattern | None
    accepts: frozenset = frozenset()  # units a count indicator accepts ('bare' = a number without unit)
    comparability: str = "stock"  # stock (a proportion or standing count) or flow (events of the period)

    @property
    def area_en(self) -> str:
        return AREAS.get(self.area, self.area)

    @property
    def label(self) -> str:
        return f"{self.en} ({self.zh})"


@dataclass(frozen=True)
class Unit:
    raw: str
    unit: str
    factor: float
    kind: str


def _rx(s: str) -> re.Pattern | None:
    return re.compile(s) if s else None


@lru_cache(maxsize=1)
def indicators() -> dict[str, Indicator]:
    with open(HERE / "indicators.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = {}
    for r in rows:
        out[r["id"]] = Indicator(r["id"], r["zh"], r["en"], r["unit"], r["unit_class"], r["area"],
                                 r["higher_is_better"], _rx(r["subject"]), re.compile(r["measure"]), _rx(r["exclude"]),
                                 frozenset(filter(None, r.get("accepts", "").split(";"))),
                                 _comparability(r))
    return out


#: How an indicator's values may be set side by side (the ``comparability`` column):
#: * ``stock``: a proportion, ratio, average or standing count (建档率, 性别比, 签约人数): reports of
#:   different periods of a year are compared, each value marked with its period (87.5% · H1);
#: * ``flow``: events counted over the period (门诊人次, 出生人数, 罚没款) or a rate per period
#:   (发病率/10万): only reports of the same period are compared.
COMPARABILITY = {"stock", "flow"}


def _comparability(r: dict) -> str:
    c = r.get("comparability", "") or "stock"
    if c not in COMPARABILITY:
        raise ValueError(f"indicators.csv: {r['id']}: comparability {c!r} must be one of {', '.join(sorted(COMPARABILITY))}")
    return c


def rule_rows(name: str, comment: str = "comment", path: Path | None = None) -> list[tuple[str, dict]]:
    """The rows of a rule table beside the code (``role_rules.csv``, ``kind_cues.csv``, ``not_figures.csv``,
    ``province_cues.csv``) as (``"<file> line <n>"``, row): every row must say what it means in its
    ``comment`` column (a clear error naming the line otherwise)."""
    path = path or HERE / name
    with open(path, encoding="utf-8", newline="") as f:
        rows = [(f"{path.name} line {n}", r) for n, r in enumerate(csv.DictReader(f), start=2)]
    for where, r in rows:
        if not (r.get(comment) or "").strip():
            raise ValueError(f"{where}: every rule needs a {comment} saying what it means")
    return rows


def rule_rx(where: str, pattern: str) -> re.Pattern | None:
    """A rule's regular expression (None when empty); a bad one names its table line."""
    try:
        return re.compile(pattern) if pattern else None
    except re.error as e:
        raise ValueError(f"{where}: bad regular expression {pattern!r}: {e}") from None


@lru_cache(maxsize=1)
def units() -> list[Unit]:
    with open(HERE / "units.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    us = [Unit(r["raw_unit"], r["unit"], float(r["factor"]), r["kind"]) for r in rows]
    return sorted(us, key=lambda u: -len(u.raw))  # longest first


def catalog_frame():
    """The catalog as a DataFrame (for display and joins)."""
    import pandas as pd

    df = pd.read_csv(HERE / "indicators.csv", dtype=str, keep_default_na=False)
    df["area_en"] = df["area"].map(AREAS)
    df["unit_label"] = df["unit"].map(UNIT_LABELS)
    return df


def lookup(query: str) -> list[Indicator]:
    """Indicators whose id, Chinese or English name contains ``query`` (case-insensitive)."""
    q = query.strip().lower()
    return [i for i in indicators().values() if q in i.id.lower() or q in i.zh or q in i.en.lower()]
