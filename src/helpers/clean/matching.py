"""Which catalog indicator a figure measures: the cue words of ``indicators.csv`` near it, nearest first, vetoes
applied, and the unit class fitting."""
from __future__ import annotations

import re
from functools import lru_cache

from ..core import catalog
from .alternation import AnyOf, joined
from .first_chars import first_chars
from .last_match import last_match
from .numbers import COUNT_UNITS, Figure


# ---------------------------------------------------------------- indicator matching
def unit_fits(ind: catalog.Indicator, f: Figure, role: str) -> bool:
    return ind.id in _fitting(f.unit, f.unit_kind, f.raw_unit, role)


@lru_cache(maxsize=2048)
def _fitting(unit: str, unit_kind: str, raw_unit: str, role: str) -> frozenset[str]:
    """Ids of the indicators a figure of this unit and role can measure (the unit test runs once per kind)."""
    probe = Figure(0, 0, "", "", raw_unit, None, None, unit, unit_kind)
    return frozenset(i.id for i in catalog.indicators().values() if _unit_fits_uncached(i, probe, role))


def candidates(f: Figure, role: str) -> tuple[catalog.Indicator, ...]:
    # 孕产妇死亡率为0: a zero needs no unit, so a rate may take it
    zero = f.unit_kind == "bare" and f.value == 0 and role in ("level", "target")
    return _candidates(f.unit, f.unit_kind, f.raw_unit, role, zero)


@lru_cache(maxsize=2048)
def _candidates(unit: str, unit_kind: str, raw_unit: str, role: str, zero: bool) -> tuple[catalog.Indicator, ...]:
    """The indicators a figure of this unit and role can measure, in catalog order (one list per kind of figure)."""
    ids = _fitting(unit, unit_kind, raw_unit, role)
    if zero:
        ids = ids | {i.id for i in catalog.indicators().values() if i.unit_class == "rate"}
    return tuple(i for i in catalog.indicators().values() if i.id in ids)


def _unit_fits_uncached(ind: catalog.Indicator, f: Figure, role: str) -> bool:
    if role == "change_pp":
        return ind.unit_class == "rate"  # percentage points move a rate, never a count
    if role in ("change_pct", "completion"):
        return True
    if ind.unit_class == "rate":
        if f.unit == ind.unit:
            return True
        return f.unit_kind == "bare" and ind.unit in ("ratio_100",)
    if ind.unit_class == "count":
        if ind.accepts:
            raws = {a[4:] for a in ind.accepts if a.startswith("raw:")}
            if raws and f.unit_kind != "bare" and f.raw_unit.lstrip("万余多") not in raws:
                return False
            return ("bare" if f.unit_kind == "bare" else f.unit) in ind.accepts
        return f.unit in COUNT_UNITS
    if ind.unit_class == "money":  # 平均住院费用3272.98: a cost right after its measure may omit 元
        return f.unit == "yuan" or (f.unit_kind == "bare" and role in ("level", "target"))
    if ind.unit_class == "volume":
        return f.unit == "ml"
    if ind.unit_class == "years":
        return f.unit == "years"
    if ind.unit_class == "duration":
        return f.unit == "days"
    if ind.unit_class == "density":  # 每千人口执业医师2.3名: the count unit is the numerator's, the rate is per 1,000
        return f.unit in ("persons", "count") or f.unit_kind == "bare"
    return False


def _last_pos(rx: re.Pattern, s: str) -> int:
    """Distance from the end of ``s`` to the end of the last match, or -1."""
    m = last_match(rx, s)
    return len(s) - m.end() if m is not None else -1


def cue_near(near: str, right: str, reach: int = 4) -> bool:
    """Is a measure cue in the words before a figure, or right after it? Without one, :func:`match_indicator`
    finds nothing."""
    return any_measure(near) or any_measure(right[:reach + 16])


def match_indicator(near: str, subject_ctx: str, right: str, f: Figure, role: str,
                    veto_ctx: str = "", right_clause: str = "", reach: int = 4) -> tuple[str, int]:
    """Best catalog id for a figure, by nearest measure cue then nearest subject cue; a cue after the number
    counts when it starts within ``reach`` characters."""
    best, best_key = "", None
    if not cue_near(near, right, reach):
        return "", -1  # no cue word at all: the common case, decided by one combined regex
    near_chars, right_chars = set(near), set(right)
    zero = f.unit_kind == "bare" and f.value == 0 and role in ("level", "target")
    for ind, first in _candidates_first(f.unit, f.unit_kind, f.raw_unit, role, zero):
        # a measure none of whose first characters is in near (or right) has no match there
        if first is not None and first.isdisjoint(near_chars):
            if first.isdisjoint(right_chars):
                continue
            dm = -1
        else:
            dm = _last_pos(ind.measure, near)
        from_right = False
        if dm < 0:
            mr = ind.measure.search(right) if first is None or not first.isdisjoint(right_chars) else None
            if not (mr and mr.start() <= reach):
                continue
            dm, from_right = 50 + mr.start(), True
        if ind.exclude is not None:
            span = (right_clause or right) if from_right else near
            if role in ("completion", "change_pct", "change_abs", "change_pp"):
                span = ROLE_WORDS.sub("", span)  # 完成率 / 增长率 say the role, not a vetoed measure
            if ind.exclude.search(span) or (veto_ctx and ind.exclude.search(veto_ctx)):
                continue
        ds = 0
        if ind.subject is not None:
            ds = _last_pos(ind.subject, subject_ctx)
            if ds < 0:
                continue
        cue_len = max((len(m.group(0)) for m in ind.measure.finditer(near)), default=0)
        key = (dm, 0 if ind.subject is not None else 1, ds, -cue_len)
        if best_key is None or key < best_key:
            best, best_key = ind.id, key
    return best, (best_key[0] if best_key else -1)


ROLE_WORDS = catalog.cue_rx("{role_word}")  # 完成率, 增长率 …
OWN_MEASURE_END = catalog.cue_rx("{own_measure_end}")  # 人口出生率、…: a list item ending in a measure of its own

_ALL_MEASURES: AnyOf | None = None


def any_measure(s: str) -> bool:
    """Is any measure cue of the catalog in ``s``? (one joined search, skipped when no character a cue starts
    with is there: the common case)."""
    global _ALL_MEASURES
    if _ALL_MEASURES is None:
        measures = [i.measure.pattern for i in catalog.indicators().values()]
        _ALL_MEASURES = joined(measures) or AnyOf((re.compile("|".join(f"(?:{p})" for p in measures)),))
    return _ALL_MEASURES.found(s)


@lru_cache(maxsize=2048)
def _candidates_first(unit: str, unit_kind: str, raw_unit: str, role: str, zero: bool):
    """:func:`candidates` with the characters each one's measure cue starts with (see ``first_chars``)."""
    return tuple((i, first_chars(i.measure)) for i in _candidates(unit, unit_kind, raw_unit, role, zero))


def match_subject(subject: str, measure_ctx: str, f: Figure, shared: bool = False) -> str:
    """Indicator of one list item. ``shared``: the measure is written once, after the last subject
    (户籍人口、流动人口政策生育率分别为…), so an earlier subject need not carry it."""
    best, key = "", None
    for ind in candidates(f, f.role):
        if not ind.measure.search(measure_ctx):
            continue
        if ind.exclude is not None and ind.exclude.search(subject):
            continue
        own = ind.measure.search(subject)
        if ind.exclude is not None and ind.unit_class != "rate" and not own and ind.exclude.search(measure_ctx):
            continue  # a veto in the words the item borrows its measure from (an item with its own measure keeps it)
        if ind.subject is not None:
            if not ind.subject.search(subject):
                continue
            k = (0 if own else 1, 0, -len(own.group(0)) if own else 0)
        else:
            if not own and (not shared or OWN_MEASURE_END.search(subject)):
                continue  # 人口出生率、自然增长率分别为…: an item that names a measure of its own does not borrow one
            k = (0 if own else 1, 1, -len(own.group(0)) if own else 0)
        # the item's own measure words first (孕产妇住院分娩率 is 住院分娩率, not 孕产妇…管理率),
        # then a subject match, then the longest measure
        if key is None or k < key:
            best, key = ind.id, k
    return best
