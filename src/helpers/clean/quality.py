"""Consistency and quality checks on the extracted figures, one finding per row of ``quality.csv``.

Work reports are not audited statistics. Each check here reads the figures table (and, for
missing numbers, the report text) and writes findings an analyst can filter:

* ``rate_recomputed``  a stated rate next to the counts it is made of (应查17229人, 已查15955人,
  "三查"率92.61%): recomputed; a mismatch beyond rounding is a warning, a match is a note;
* ``contradiction``    one indicator, qualifier and role with different values in one report
  (a warning quoting each sentence); identical repeats are one note;
* ``parts_total``      a total and its parts (1227例, 其中乙类585例、丙类642例; or parts then 共计):
  parts above the total are a warning, parts that add up are a note;
* ``plausibility``     rates outside 0–100 %, sex ratios outside 90–130, mortality outside sensible
  ranges, negative counts, counts equal to a masked year;
* ``masked`` / ``missing_number``  masked figures (XX2.48元) and sentences whose number was
  removed (接种率%), so a reader knows what is unknown rather than absent;
* ``comparability``    per report: period, admin level, kind, masked year, duplicate.

Severity: ``error`` (cannot be right), ``warning`` (look before comparing), ``note`` (context or a
check that passed). Only errors and warnings mark a figure as flagged (:func:`figure_flags`).
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache

import pandas as pd

from ..core import catalog

COLUMNS = ["report_id", "check", "severity", "indicator", "qualifier", "figures", "values", "message", "quotes"]
CHECKS = ["rate_recomputed", "change_recomputed", "contradiction", "parts_total", "plausibility", "masked",
          "missing_number", "comparability"]
#: Findings on how the file was read (not counted in ``checks_run``: they fire only on a damaged file).
INPUT_CHECKS = ["damaged_text"]
COUNT_UNITS = catalog.COUNT_UNITS
SEVERITY_RANK = {"error": 3, "warning": 2, "note": 1, "": 0}


@lru_cache(maxsize=1)
def plausible_ranges() -> dict[str, tuple[float, float]]:
    """``plausible_ranges.csv``: sensible ranges of the catalog's rates (outside: a warning, not an error; small
    places vary), each with why."""
    out = {}
    inds = catalog.indicators()
    for where, r in catalog.rule_rows("plausible_ranges.csv"):
        if r["indicator"] not in inds:
            raise ValueError(f"{where}: {r['indicator']!r} is not an indicator of indicators.csv")
        try:
            out[r["indicator"]] = (float(r["low"]), float(r["high"]))
        except ValueError:
            raise ValueError(f"{where}: low and high must be numbers") from None
    return out


#: Words that make two counts a denominator and a numerator: 应查 … 已查, A中有B, 建档 … 规范管理.
DENOMINATOR_CUE = catalog.cue_rx("{denominator}")
NUMERATOR_CUE = catalog.cue_rx("{numerator}")
TOTAL_BEFORE = catalog.cue_rx("{total_before}")
_STOP = set("的率为是达到了已共计有和及与、，,:：")
MISSING = [(catalog.cue_rx("{missing_rate}"), "a rate whose number is missing"),
           (catalog.cue_rx("{missing_figure}"), "a figure whose number is missing"),
           (catalog.cue_rx("{missing_case_count}"), "a case count whose number is missing")]


def _fig_ref(r) -> str:
    return f"{int(r.start)}-{int(r.end)}"


def _finding(report_id, check, severity, message, rows=(), indicator="", qualifier="") -> dict:
    rows = list(rows)
    return dict(report_id=report_id, check=check, severity=severity, indicator=indicator, qualifier=qualifier,
                figures=";".join(_fig_ref(r) for r in rows),
                values=";".join(r.raw for r in rows),
                message=message,
                quotes=" ‖ ".join(dict.fromkeys(r.quote for r in rows)))


def _decimals(raw_value: str) -> int:
    m = re.search(r"\.(\d+)", raw_value)
    return len(m.group(1)) if m else 0


def _tolerance(raw_value: str) -> float:
    """Rounding or truncation of the last written digit (92.61 → 0.01; 87 → 1)."""
    return 10.0 ** -_decimals(raw_value) + 1e-9


def _is_num(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


# ---------------------------------------------------------------- checks
def _sentences(figs: pd.DataFrame) -> dict[tuple[str, int], list]:
    """Figures grouped by (report, sentence), in offset order: one pass over the table (a groupby with
    itertuples per group is ~100x slower on a large file)."""
    out: dict[tuple[str, int], list] = {}
    for r in figs.sort_values(["report_id", "start"]).itertuples():
        out.setdefault((r.report_id, int(r.sentence_start)), []).append(r)
    return out


def _before(text: str, r, sent=None, width: int = 10) -> str:
    """The words just before a figure in its sentence, not reaching back past the previous figure."""
    lo = max(int(r.sentence_start), int(r.start) - width)
    if sent is not None:
        prev = [int(g.end) for g in sent if g.end <= r.start]
        if prev:
            lo = max(lo, max(prev))
    return text[lo:int(r.start)]


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1) if not (set(s[i:i + 2]) & _STOP) and not s[i:i + 2].isdigit()}


def _linked(rate_ctx: str, num_ctx: str, den_ctx: str) -> bool:
    """Does the rate speak of the counts before it? 占…的 X%; a shared word (规范管理 … 规范管理率,
    农牧民 … 农牧民总人数); or 应 X … 实/已 X … X率 (应种 … 实种 … 接种率)."""
    if "占" in rate_ctx:
        return True
    if _bigrams(rate_ctx) & (_bigrams(num_ctx) | _bigrams(den_ctx)):
        return True
    shared = (set(rate_ctx) & set(num_ctx) & set(den_ctx)) - _STOP
    return bool(re.search(r"应", den_ctx) and re.search(r"已|实", num_ctx) and shared)


def _is_count(g) -> bool:
    return g.unit in COUNT_UNITS and _is_num(g.value) and g.role in ("level", "target") and "range" not in g.flags


def check_rates(figs: pd.DataFrame, texts: Mapping[str, str]) -> list[dict]:
    """Recompute a stated percentage from the counts just before it in the same sentence.

    A pair that gives the stated rate within rounding verifies it (a note): the numerator stands right
    before the rate, the base may be further back (孕产妇427人，建册426人，系统管理382人，系统管理率89.46%).
    A mismatch is flagged only for a plain "base, part, rate" triple whose words tie them together
    (应查 … 已查 … 三查率; 建档 … 规范管理 … 规范管理率), so that unrelated counts are never "recomputed".
    """
    out = []
    for (rid, _s), rows in _sentences(figs).items():
        text = texts.get(rows[0].source_file, "")
        for k, r in enumerate(rows):
            if r.unit != "percent" or r.role not in ("level", "target") or not _is_num(r.value) or "range" in r.flags:
                continue
            before = [g for g in rows[max(0, k - 4):k] if _is_count(g)]
            if len(before) < 2 or before[-1] is not rows[k - 1]:
                continue  # the numerator must stand right before the rate
            num = before[-1]
            tol = _tolerance(r.raw_value)
            match = next((d for d in reversed(before[:-1]) if d.value > 0 and num.value <= d.value
                          and abs(100.0 * num.value / d.value - r.value) <= tol), None)
            if match is not None:
                rec = 100.0 * num.value / match.value
                out.append(_finding(rid, "rate_recomputed", "note",
                                    f"verified: {num.raw} / {match.raw} = {rec:.2f}% against the stated {r.raw}",
                                    [match, num, r], r.indicator, r.qualifier))
                continue
            den = before[-2]
            if den is not rows[k - 2] or den.value <= 0 or num.value > den.value:
                continue
            if num.unit != den.unit and not ({num.unit, den.unit} <= {"persons", "couples", "records"}):
                continue
            den_ctx, num_ctx = _before(text, den, rows), _before(text, num, rows)
            if not (DENOMINATOR_CUE.search(den_ctx) and NUMERATOR_CUE.search(num_ctx)):
                continue
            if not _linked(_before(text, r, rows, 12), num_ctx, den_ctx):
                continue  # the rate is about something else (户籍人口, 育龄妇女, then 政策生育率)
            rec = 100.0 * num.value / den.value
            out.append(_finding(rid, "rate_recomputed", "warning",
                                f"the stated rate does not match its counts: {num.raw} / {den.raw} = {rec:.2f}% "
                                f"against the stated {r.raw} (difference {rec - r.value:+.2f} points)",
                                [den, num, r], r.indicator, r.qualifier))
    return out


def check_changes(figs: pd.DataFrame) -> list[dict]:
    """Recompute a stated change from the baseline and the level of the same sentence (由去年的5.2‰下降到3.8‰，
    下降1.4个千分点; 门诊人次由10万人次增加到12万人次，增长20%): a note when it agrees within rounding, a
    warning when it does not. Only the three of one indicator and sub-group are compared."""
    out = []
    for (rid, _s), rows in _sentences(figs).items():
        for k, b in enumerate(rows):
            if b.role != "baseline" or not b.indicator or not _is_num(b.value):
                continue
            same = [g for g in rows[k + 1:] if g.indicator == b.indicator and g.qualifier == b.qualifier]
            level = next((g for g in same if g.role == "level" and _is_num(g.value) and g.unit == b.unit), None)
            change = next((g for g in same if g.role.startswith("change") and _is_num(g.value)), None)
            if level is None or change is None:
                continue
            slack = _tolerance(level.raw_value) + _tolerance(b.raw_value)
            if change.role == "change_pct":
                if b.value == 0:
                    continue
                rec, unit = 100.0 * (level.value - b.value) / abs(b.value), "%"
                tol = _tolerance(change.raw_value) + 100.0 * slack / abs(b.value)
            elif (change.role == "change_pp" and (b.unit, change.unit) in (("percent", "percentage_points"),
                                                                            ("permille", "permille"))
                  or change.role == "change_abs" and change.unit == b.unit):
                rec, unit = level.value - b.value, " points" if change.role == "change_pp" else ""
                tol = _tolerance(change.raw_value) + slack
            else:
                continue
            label = catalog.indicators()[b.indicator].label
            said = f"{label}: from {b.raw} to {level.raw} is {rec:+.2f}{unit}"
            if abs(rec - change.value) <= tol:
                out.append(_finding(rid, "change_recomputed", "note", f"verified: {said}, as stated ({change.raw})",
                                    [b, level, change], b.indicator, b.qualifier))
            else:
                out.append(_finding(rid, "change_recomputed", "warning",
                                    f"the stated change does not match: {said}, the report says {change.value:+g}{unit} "
                                    f"({change.raw})", [b, level, change], b.indicator, b.qualifier))
    return out


def check_contradictions(figs: pd.DataFrame) -> list[dict]:
    """Same report, indicator, qualifier and role (level or target) stated with different values.

    One pass: the rows of groups of two or more are numbered by group (in the order the groups first appear) and
    sorted by group and offset once, then read as plain tuples (a DataFrame per group cost 5 ms a group)."""
    out = []
    f = figs[(figs["indicator"] != "") & figs["role"].isin(["level", "target"]) & figs["value"].notna()
             & (figs["matched_by"] != "inherit")]
    f = f[~f["flags"].str.contains("range|lower_bound|upper_bound|estimate")]
    keys = ["report_id", "indicator", "qualifier", "role", "unit"]
    if not len(f):
        return out
    f = f[f.groupby(keys, sort=False)["start"].transform("size").to_numpy() >= 2]
    if not len(f):
        return out
    f = f.assign(group_no=f.groupby(keys, sort=False).ngroup().to_numpy()).sort_values(["group_no", "start"],
                                                                                       kind="stable")
    inds = catalog.indicators()
    rows = list(f.itertuples(index=False))
    a = 0
    while a < len(rows):
        b = a + 1
        while b < len(rows) and rows[b].group_no == rows[a].group_no:
            b += 1
        g, a = rows[a:b], b
        first = g[0]
        rid, ind, qual, role = first.report_id, first.indicator, first.qualifier, first.role
        seen: set = set()
        distinct = [r for r in g if not (r.value in seen or seen.add(r.value))]
        label = inds[ind].label if ind in inds else ind
        what = f"{label}" + (f" [{qual}]" if qual else "") + (" (target)" if role == "target" else "")
        if len(distinct) == 1:
            out.append(_finding(rid, "contradiction", "note",
                                f"{what} is stated {len(g)} times with the same value {first.raw}", g, ind, qual))
            continue
        vals = ", ".join(f"{r.raw} (at {r.start})" for r in distinct)
        out.append(_finding(rid, "contradiction", "warning",
                            f"{what} has {len(distinct)} different values in one report: {vals}. "
                            "They may cover different dates or groups; read the sentences before using either.",
                            distinct, ind, qual))
    return out


def _paren_depth(s: str) -> int:
    return s.count("(") + s.count("（") - s.count(")") - s.count("）")


def _sum_finding(rid, label, parts, total, exceed_only_warning=True) -> dict:
    s = sum(p.value for p in parts)
    detail = f"{' + '.join(p.raw for p in parts)} = {s:g} against the total {total.raw}"
    tol = 0.5 * max(1, len(parts)) * 10 ** (-_decimals(total.raw_value)) + 1e-9
    rows = [total, *parts] if total.start < parts[0].start else [*parts, total]
    if abs(s - total.value) <= tol:
        return _finding(rid, "parts_total", "note", f"{label}verified, {detail}", rows, total.indicator)
    if s > total.value or not exceed_only_warning:
        return _finding(rid, "parts_total", "warning", f"{label}the parts do not add up to the total: {detail}",
                        rows, total.indicator)
    return _finding(rid, "parts_total", "note",
                    f"{label}the parts named add up to less than the total ({detail}); the list may be incomplete",
                    rows, total.indicator)


def check_parts_totals(figs: pd.DataFrame, texts: Mapping[str, str]) -> list[dict]:
    """A total then its parts after 其中 (same indicator, own qualifiers), or parts then 共计/合计 N."""
    out = []
    counts = figs[figs["unit"].isin(COUNT_UNITS) & figs["value"].notna() & (figs["role"] == "level")]
    for (rid, _s), rows in _sentences(counts).items():
        text = texts.get(rows[0].source_file, "")
        sa = int(rows[0].sentence_start)
        for k, t in enumerate(rows):
            # (a) 1227例，其中：…乙类585例，丙类642例
            qz = text.find("其中", t.end, int(t.sentence_end)) if t.indicator else -1
            if qz >= 0:
                parts = [p for p in rows[k + 1:] if p.indicator == t.indicator and p.start > qz
                         and _paren_depth(text[sa:p.start]) == _paren_depth(text[sa:t.start])
                         and p.qualifier and p.qualifier != t.qualifier]
                if len(parts) >= 2:
                    out.append(_sum_finding(rid, catalog.indicators()[t.indicator].label + ": ", parts, t))
            # (b) parts of one raw unit, then 共计/合计 N
            if TOTAL_BEFORE.search(text[max(sa, t.start - 4):t.start]):
                parts = []
                for p in reversed(rows[:k]):
                    if p.raw_unit != t.raw_unit or p.unit != t.unit:
                        break
                    parts.append(p)
                parts.reverse()
                if len(parts) >= 2 and max(p.value for p in parts) <= t.value:
                    out.append(_sum_finding(rid, "", parts, t, exceed_only_warning=False))
    return out


def check_plausibility(figs: pd.DataFrame, texts: Mapping[str, str], mask_years: set[str]) -> list[dict]:
    out = []
    ranges = plausible_ranges()
    for r in figs.itertuples():
        if not _is_num(r.value):
            continue
        ind = catalog.indicators().get(r.indicator) if r.indicator else None
        label = ind.label if ind else "an unmapped figure"
        if r.role in ("level", "target"):
            if r.unit == "percent" and ind is not None and ind.unit == "percent" and not 0 <= r.value <= 100:
                out.append(_finding(r.report_id, "plausibility", "error",
                                    f"{label}: a rate of {r.raw} is outside 0–100 %", [r], r.indicator, r.qualifier))
            elif r.unit == "percent" and ind is None and r.value > 100 and "率" in _before(texts.get(r.source_file, ""), r, None, 12):
                out.append(_finding(r.report_id, "plausibility", "warning",
                                    f"a rate above 100 % ({r.raw}); check whether it is a change or a completion ratio",
                                    [r], "", ""))
            if r.indicator in ranges and r.unit == ind.unit:
                lo, hi = ranges[r.indicator]
                if not lo <= r.value <= hi:
                    out.append(_finding(r.report_id, "plausibility", "warning",
                                        f"{label}: {r.raw} is outside the sensible range {lo:g}–{hi:g}",
                                        [r], r.indicator, r.qualifier))
            if r.unit in COUNT_UNITS and r.value < 0:
                out.append(_finding(r.report_id, "plausibility", "error", f"{label}: a negative count {r.raw}",
                                    [r], r.indicator, r.qualifier))
        if "suspicious" in r.flags.split(";"):
            out.append(_finding(r.report_id, "plausibility", "warning",
                                f"{label}: {r.raw} equals a masked year ({', '.join(sorted(mask_years))}); the number "
                                "was probably masked together with the years and is unknown", [r], r.indicator, r.qualifier))
    return out


def check_masked(figs: pd.DataFrame, reps: pd.DataFrame, texts: Mapping[str, str]) -> list[dict]:
    out = []
    for r in figs[figs["flags"].str.contains("masked")].itertuples():
        label = catalog.indicators()[r.indicator].label if r.indicator else "an unmapped figure"
        out.append(_finding(r.report_id, "masked", "note",
                            f"{label}: masked in the source ({r.raw}); the value is unknown, not zero",
                            [r], r.indicator, r.qualifier))
    for rep in reps[reps["in_scope"]].itertuples():
        text = texts.get(rep.source_file)
        if text is None:
            continue
        seen = set()
        for rx, why in MISSING:
            for m in rx.finditer(text, rep.start, rep.end):
                if m.start() in seen:
                    continue
                seen.add(m.start())
                a = max(rep.start, *(text.rfind(c, rep.start, m.start()) + 1 for c in "。；;\n"))
                b = min([p for p in (text.find(c, m.end(), rep.end) for c in "。；;\n") if p != -1] or [rep.end])
                out.append(dict(report_id=rep.report_id, check="missing_number", severity="note", indicator="",
                                qualifier="", figures=f"{m.start()}-{m.end()}", values=m.group(0),
                                message=f"{why}: “{m.group(0)}” (the number was removed upstream; "
                                        "the value is unknown, not absent)",
                                quotes=text[a:b].strip()[:300]))
    return out


def check_comparability(reps: pd.DataFrame) -> list[dict]:
    out = []
    for r in reps[reps["in_scope"]].itertuples():
        bits = [f"period {r.period or 'unknown'}", f"admin level {r.admin_level or 'unknown'}", f"kind {r.kind}"]
        if r.year_masked:
            bits.append(f"year masked ({r.year_reported or 'not stated'}): year-on-year comparisons across reports "
                        "cannot be aligned")
        if getattr(r, "duplicate_of", ""):
            bits.append(f"duplicate of {r.duplicate_of}: left out of comparisons")
        if r.kind == "plan":
            bits.append("a plan: its figures are targets, never compared with achieved levels")
        sev = "warning" if (r.period in ("", "unknown") or not r.admin_level) else "note"
        out.append(dict(report_id=r.report_id, check="comparability", severity=sev, indicator="", qualifier="",
                        figures="", values="", message="; ".join(bits), quotes=""))
    return out


def check_damaged(figs: pd.DataFrame, reps: pd.DataFrame) -> list[dict]:
    """A report of a damaged file (bytes that could not be decoded, replaced by U+FFFD): a warning naming the file
    and how many bytes, with the figures inside a damaged stretch (flagged ``damaged``)."""
    out = []
    if "bytes_replaced" not in reps.columns:
        return out
    hit = figs[figs["flags"].str.contains("damaged", regex=False)] if len(figs) else figs
    for r in reps[reps["in_scope"] & (reps["bytes_replaced"] > 0)].itertuples():
        rows = list(hit[hit["report_id"] == r.report_id].itertuples()) if len(hit) else []
        out.append(_finding(
            r.report_id, "damaged_text", "warning",
            f"{r.source_file} is damaged: {r.bytes_replaced} byte(s) could not be decoded ({r.encoding}) and were "
            f"replaced by �; {len(rows)} figure(s) of this report stand inside a damaged stretch (flagged damaged)",
            rows))
    return out


# ---------------------------------------------------------------- the table
def run_checks(figs: pd.DataFrame, reps: pd.DataFrame, texts: Mapping[str, str],
               mask_years: set[str] | None = None) -> pd.DataFrame:
    """All checks over the clean tables. ``texts``: source_file -> decoded text (figures' offsets point into it)."""
    mask_years = set(mask_years or ())
    in_scope = set(reps.loc[reps["in_scope"], "report_id"])
    f = figs[figs["report_id"].isin(in_scope)]
    rows = (check_rates(f, texts) + check_changes(f) + check_contradictions(f) + check_parts_totals(f, texts)
            + check_plausibility(f, texts, mask_years)
            + check_masked(f, reps, texts) + check_comparability(reps) + check_damaged(f, reps))
    df = pd.DataFrame(rows, columns=COLUMNS)
    order = {c: i for i, c in enumerate(CHECKS + INPUT_CHECKS)}
    df["_o"] = df["check"].map(order)
    df["_s"] = -df["severity"].map(SEVERITY_RANK)
    return df.sort_values(["report_id", "_s", "_o"], kind="stable").drop(columns=["_o", "_s"]).reset_index(drop=True)


def summary(quality: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    """Per in-scope report: checks run, errors, warnings, notes (the notebook's opening table)."""
    counts = quality.pivot_table(index="report_id", columns="severity", values="check", aggfunc="count", fill_value=0)
    return summary_of_counts(counts, reps)


def severity_counts(quality: pd.DataFrame) -> dict[str, dict[str, int]]:
    """report_id -> severity -> how many findings (a chunk's share of :func:`summary`)."""
    out: dict[str, dict[str, int]] = {}
    for (rid, sev), n in quality.groupby(["report_id", "severity"], sort=False).size().items():
        out.setdefault(rid, {})[sev] = int(n)
    return out


def summary_of_counts(counts, reps: pd.DataFrame) -> pd.DataFrame:
    """:func:`summary` from the findings' counts per report and severity: a frame indexed by report_id with a column
    per severity, or what :func:`severity_counts` gives (summed over the chunks of a table)."""
    if isinstance(counts, dict):
        counts = (pd.DataFrame.from_dict(counts, orient="index").fillna(0).astype(int) if counts
                  else pd.DataFrame(index=pd.Index([], dtype=object)))
        counts.index.name = "report_id"
    base = reps.loc[reps["in_scope"], ["report_id", "region_name", "region_en", "period", "admin_level"]].copy()
    for s in ("error", "warning", "note"):
        if s not in counts.columns:
            counts[s] = 0
    out = base.merge(counts[["error", "warning", "note"]].reset_index(), on="report_id", how="left").fillna(
        {"error": 0, "warning": 0, "note": 0})
    out["checks_run"] = len(CHECKS)
    for s in ("error", "warning", "note"):
        out[s] = out[s].astype(int)
    return out.rename(columns={"error": "errors", "warning": "warnings", "note": "notes"})


def figure_refs(quality: pd.DataFrame):
    """Each (finding, start offset) of the figures a finding names (its ``figures`` column: "start-end;…")."""
    for r in quality[quality["figures"] != ""].itertuples():
        for ref in r.figures.split(";"):
            a = ref.split("-")[0]
            if a.isdigit():
                yield r, int(a)


def figure_flags(quality: pd.DataFrame | None) -> pd.DataFrame:
    """(report_id, start) → worst severity and the checks that flag the figure (errors and warnings only)."""
    cols = ["report_id", "start", "quality", "quality_checks"]
    if quality is None or quality.empty:
        return pd.DataFrame(columns=cols)
    q = quality[quality["severity"].isin(["error", "warning"])]
    rows = [(r.report_id, start, r.severity, r.check) for r, start in figure_refs(q)]
    if not rows:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(rows, columns=["report_id", "start", "severity", "check"])
    df["rank"] = df["severity"].map(SEVERITY_RANK)
    g = df.groupby(["report_id", "start"])
    out = g.agg(rank=("rank", "max"), quality_checks=("check", lambda s: ";".join(sorted(set(s))))).reset_index()
    inv = {v: k for k, v in SEVERITY_RANK.items()}
    out["quality"] = out["rank"].map(inv)
    return out[cols]


def filter_findings(quality: pd.DataFrame, report_id: str | None = None, check: str | None = None,
                    severity: str | None = None, indicator: str | None = None, text: str | None = None) -> pd.DataFrame:
    """Findings filtered by any of report, check, minimum severity, indicator, or words in the message/quotes."""
    q = quality
    if report_id:
        q = q[q["report_id"].str.startswith(report_id)]
    if check:
        q = q[q["check"] == check]
    if severity:
        q = q[q["severity"].map(SEVERITY_RANK) >= SEVERITY_RANK[severity]]
    if indicator:
        q = q[q["indicator"] == indicator]
    if text:
        q = q[q["message"].str.contains(text, regex=False) | q["quotes"].str.contains(text, regex=False)]
    return q
