"""The indicator catalog (``indicators.csv``) and the unit table (``units.csv``), as data.

The catalog is described once (OWID's meta habit): id, Chinese and English names, canonical
unit, policy area, how a value may be judged (``judge``: higher or lower is better, within a normal range, or
not at all; a count only per population), how it may be compared across periods (``comparability``),
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
    judge: str  # higher, lower, range (within normal_low..normal_high) or none: see JUDGES
    subject: re.Pattern | None
    measure: re.Pattern
    exclude: re.Pattern | None
    accepts: frozenset = frozenset()  # units a count indicator accepts ('bare' = a number without unit)
    comparability: str = "stock"  # stock (a proportion or standing count) or flow (events of the period)
    rate: str = ""  # for a count: the rate it is the numerator of (a share stated right after the count is that rate)
    normal: tuple[float, float] | None = None  # a ``range`` indicator's normal bounds (sex ratio at birth 103-107)

    def judged(self, per_population: bool = False) -> str:
        """How a value may be judged against its peers (one of :data:`JUDGES`): a count (not a rate) is judged
        only per population; as stated it is shown and placed, never called better or worse (a bigger place is
        not a better one)."""
        if self.unit_class == "count" and not per_population:
            return "none"
        return self.judge

    @property
    def higher_is_better(self) -> str:
        """'true', 'false' or '' (no direction): the direction targets and stated changes are read in."""
        return {"higher": "true", "lower": "false"}.get(self.judge, "")

    @property
    def normal_label(self) -> str:
        """'103–107' for a range indicator, '' otherwise."""
        return "" if self.normal is None else "–".join(f"{v:g}" for v in self.normal)

    def distance_from_normal(self, v: float) -> float:
        """How far ``v`` lies outside the normal range (0 inside it); only for a ``range`` indicator."""
        lo, hi = self.normal
        return max(lo - v, v - hi, 0.0)

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


#: How an indicator may be judged (the ``judge`` column of indicators.csv).
JUDGES = {"higher": "higher is better", "lower": "lower is better", "range": "normal within a range",
          "none": "not judged"}


def _judge(r: dict, line: int) -> tuple[str, tuple[float, float] | None]:
    """A row's ``judge`` and, for ``range``, its normal bounds; a bad row names the file and line."""
    where = f"indicators.csv line {line} ({r['id']})"
    j = r.get("judge", "")
    if j not in JUDGES:
        raise ValueError(f"{where}: judge must be one of {', '.join(JUDGES)}, not {j!r}")
    lo, hi = r.get("normal_low", ""), r.get("normal_high", "")
    if j != "range":
        if lo or hi:
            raise ValueError(f"{where}: normal_low/normal_high are only for judge = range")
        return j, None
    try:
        bounds = (float(lo), float(hi))
    except ValueError:
        raise ValueError(f"{where}: judge = range needs numeric normal_low and normal_high, "
                         f"not {lo!r} and {hi!r}") from None
    if bounds[0] > bounds[1]:
        raise ValueError(f"{where}: normal_low {lo} is above normal_high {hi}")
    return j, bounds


def _rx(s: str) -> re.Pattern | None:
    return re.compile(s) if s else None


@lru_cache(maxsize=1)
def indicators() -> dict[str, Indicator]:
    with open(HERE / "indicators.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = {}
    for line, r in enumerate(rows, start=2):
        judge, normal = _judge(r, line)
        out[r["id"]] = Indicator(r["id"], r["zh"], r["en"], r["unit"], r["unit_class"], r["area"],
                                 judge, _rx(_words(r["subject"], r["id"])),
                                 re.compile(_words(r["measure"], r["id"])), _rx(_words(r["exclude"], r["id"])),
                                 frozenset(filter(None, r.get("accepts", "").split(";"))),
                                 _comparability(r), r.get("rate", ""), normal)
    for i in out.values():
        if i.rate and (i.rate not in out or out[i.rate].unit_class != "rate" or i.unit_class != "count"):
            raise ValueError(f"indicators.csv: {i.id}: rate {i.rate!r} must be the id of a rate indicator, on a count")
    return out


def _words(pattern: str, ind: str) -> str:
    """A catalog pattern with its ``{name}`` word lists of ``cue_words.csv`` filled in."""
    return expand_words(pattern, f"indicators.csv: {ind}") if "{" in pattern else pattern


@dataclass(frozen=True)
class Comparability:
    """A row of ``comparability.csv``: how values of an indicator of this class may be set side by side."""
    name: str
    across_periods: bool
    label: str


@lru_cache(maxsize=1)
def comparability_rules() -> dict[str, Comparability]:
    """``comparability.csv``: ``stock`` values are compared across periods, each marked with its period;
    ``flow`` values only within the same period. An indicator's class is its ``comparability`` column."""
    out = {}
    for where, r in rule_rows("comparability.csv"):
        if r["across_periods"] not in ("yes", "no"):
            raise ValueError(f"{where}: across_periods must be yes or no, not {r['across_periods']!r}")
        out[r["comparability"]] = Comparability(r["comparability"], r["across_periods"] == "yes", r["label"])
    return out


@lru_cache(maxsize=1)
def admin_levels() -> dict[str, tuple[str, str]]:
    """``admin_levels.csv``: admin level -> (tier, admin type as a reader sees it). Values are ranked only within
    a tier; the admin type stays visible beside them."""
    return {r["admin_level"]: (r["tier"], r["admin_type_en"]) for _, r in rule_rows("admin_levels.csv")}


def _comparability(r: dict) -> str:
    c = r.get("comparability", "") or "stock"
    if c not in comparability_rules():
        raise ValueError(f"indicators.csv: {r['id']}: comparability {c!r} must be one of "
                         f"{', '.join(sorted(comparability_rules()))} (comparability.csv)")
    return c


def rule_rows(name: str, comment: str = "comment", path: Path | None = None) -> list[tuple[str, dict]]:
    """The rows of a rule table of ``rules/`` (``role_rules.csv``, ``kind_cues.csv``, ``not_figures.csv``,
    ``province_cues.csv``, ``cue_words.csv``) as (``"<file> line <n>"``, row): every row must say what it means in its
    ``comment`` column (a clear error naming the line otherwise)."""
    path = path or HERE / name
    with open(path, encoding="utf-8", newline="") as f:
        rows = [(f"{path.name} line {n}", r) for n, r in enumerate(csv.DictReader(f), start=2)]
    for where, r in rows:
        if None in r:
            raise ValueError(f"{where}: more fields than the header has; a pattern with a comma ({{1,6}}) must be "
                             "in double quotes")
        if not (r.get(comment) or "").strip():
            raise ValueError(f"{where}: every rule needs a {comment} saying what it means")
    return rows


def rule_rx(where: str, pattern: str) -> re.Pattern | None:
    """A rule's regular expression (None when empty), its ``{name}`` word lists filled in from ``cue_words.csv``;
    a bad one names its table line."""
    if not pattern:
        return None
    full = expand_words(pattern, where)
    try:
        return re.compile(full)
    except re.error as e:
        raise ValueError(f"{where}: bad regular expression {pattern!r}: {e}") from None


#: ``{name}`` in a pattern: the word list ``name`` of ``cue_words.csv`` (a quantifier ``{2}`` or ``{0,9}`` is not one)
WORD_REF = re.compile(r"\{([a-z][a-z0-9_]*)\}")


@lru_cache(maxsize=1)
def cue_words() -> dict[str, str]:
    """``cue_words.csv``: named word lists, each written once and used by the rule tables and the extractor
    (``{done}``, ``{up}``, ``{facility_kind}``). The rows of one name are alternatives, in order (the first that
    matches at a position wins, as in one regular expression); a list may use other lists. Returns name ->
    pattern, lists filled in."""
    raw: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for where, r in rule_rows("cue_words.csv"):
        if not re.fullmatch(r"[a-z][a-z0-9_]*", r["name"]):
            raise ValueError(f"{where}: name {r['name']!r} must be lower-case letters, digits and _")
        if not r["words"]:
            raise ValueError(f"{where}: {r['name']} has no words")
        raw.setdefault(r["name"], []).append(r["words"])
        first.setdefault(r["name"], where)
    out: dict[str, str] = {}

    def fill(name: str, stack: tuple[str, ...]) -> str:
        if name not in out:
            if name in stack:
                raise ValueError(f"{first[name]}: {{{name}}} uses itself ({' -> '.join(stack + (name,))})")
            out[name] = _fill_refs("|".join(raw[name]), f"{first[name]} ({name})",
                                   lambda ref: fill(ref, stack + (name,)) if ref in raw else None)
        return out[name]

    for name in raw:
        fill(name, ())
    for name, pattern in out.items():
        try:
            re.compile(pattern)
        except re.error as e:
            raise ValueError(f"{first[name]}: bad regular expression for {name}: {e}") from None
    return out


def _fill_refs(pattern: str, where: str, lookup) -> str:
    """``pattern`` with each ``{name}`` replaced by ``lookup(name)`` as a group; an unknown name names ``where``."""
    def ref(m: re.Match) -> str:
        body = lookup(m.group(1))
        if body is None:
            raise ValueError(f"{where}: unknown word list {{{m.group(1)}}} (not in cue_words.csv)")
        return f"(?:{body})"
    return WORD_REF.sub(ref, pattern)


def expand_words(pattern: str, where: str = "pattern") -> str:
    """``pattern`` with each ``{name}`` replaced by the word list ``name`` of ``cue_words.csv`` (as a group)."""
    return _fill_refs(pattern, where, cue_words().get)


def cue_rx(pattern: str) -> re.Pattern:
    """A pattern of the code that uses word lists of ``cue_words.csv``: ``cue_rx("({group})")``."""
    return re.compile(expand_words(pattern, "cue_rx"))


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
