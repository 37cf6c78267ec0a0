"""Comparison groups: which reports' values may stand side by side (tier × period rule), and the
achieved levels table every comparison starts from (:func:`levels`)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..clean import quality
from ..core import catalog, tables
from ..core.paths import Paths


GROUP_SEP = " · "

#: China's tiers (county-level 县级 and prefecture-level 地级 divisions) and the admin type a reader sees beside a
#: value (marker colour in plots, a column in tables), from rules/admin_levels.csv.
TIER = {level: tier for level, (tier, _) in catalog.admin_levels().items()}
ADMIN_TYPE_EN = {level: admin_type for level, (_, admin_type) in catalog.admin_levels().items()}
#: How a stock and a flow are compared (rules/comparability.csv): the label of each period rule.
STOCK_RULE, FLOW_RULE = catalog.comparability_rules()["stock"].label, catalog.comparability_rules()["flow"].label

APPROX_MARK = {"lower_bound": "≥", "upper_bound": "≤"}


@dataclass
class Clean:
    """The clean tables as one object: reports, figures, quality findings (may be empty) and levels; the same
    places over time (series and trends, empty when the cleaning wrote none)."""
    reports: pd.DataFrame
    figures: pd.DataFrame
    quality: pd.DataFrame
    levels: pd.DataFrame
    series: pd.DataFrame = field(default_factory=pd.DataFrame)
    trends: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Which figures ``figures`` holds: "catalog" (those of a catalog indicator: all any comparison reads) or "all".
    figures_scope: str = "all"
    #: The project the tables were loaded from (where the figures not held are read).
    paths: Paths | None = None

    def figures_folder(self) -> Paths:
        """The project whose figures.csv holds the figures ``figures`` leaves out; a clear error for tables that hold
        only the catalog's figures and come from no folder."""
        if self.paths is None:
            raise ValueError("these tables hold only the catalog's figures and name no folder to read the others "
                             f"from: load them with compare.load(paths, figures='all'), not figures={self.figures_scope!r}")
        return self.paths

    def every_figure(self, columns: list[str] | None = None, keep=None) -> pd.DataFrame:
        """Every figure (the named columns of them that exist), or those ``keep(frame)`` keeps: from ``figures``
        when it holds them all, else read from figures.csv's table (chunk by chunk when ``keep`` filters: memory
        holds the rows kept)."""
        if self.figures_scope == "all":
            f = self.figures if keep is None else keep(self.figures)
            return f if columns is None else f[[c for c in columns if c in f.columns]]
        folder = self.figures_folder()
        if keep is None:
            return tables.load_figures(folder, columns)
        parts = [keep(c) for c in tables.chunks(folder, "figures", columns)]
        return pd.concat(parts, ignore_index=True) if parts else tables.load_figures(folder, columns).head(0)


#: What :func:`load` reads of figures.csv: the figures of catalog indicators (every comparison, the levels, targets
#: and changes, reads only those: a fifth of the figures of a real corpus), or all of them (briefs and source views
#: list every extracted figure).
FIGURE_SCOPES = {"catalog": [("indicator", "!=", "")], "all": None}

#: Columns of figures.csv no comparison reads (how a value was written and matched, where its sentence and its page
#: or cell are): the catalog's figures are loaded without them, and the levels do not carry them.
NOT_COMPARED = ("raw_value", "raw_unit", "matched_by", "sentence_start", "sentence_end", "page", "cell")


def load(paths: Paths | None = None, figures: str = "catalog") -> Clean:
    """Load reports.csv, figures.csv (``figures``: "catalog", the figures of catalog indicators, or "all") and (if
    the quality step ran) quality.csv; compute comparable levels (or take them from the batch's cache of them, made
    from the same tables by the same code: :func:`cached_levels`)."""
    if figures not in FIGURE_SCOPES:
        raise ValueError(f"figures={figures!r}: one of {', '.join(FIGURE_SCOPES)}")
    from ..clean.figures import COLUMNS as FIGURE_COLUMNS

    reps = tables.load_reports(paths)
    cols = None if figures == "all" else [c for c in FIGURE_COLUMNS if c not in NOT_COMPARED]
    figs = tables.load_figures(paths, cols, where=FIGURE_SCOPES[figures])
    q = tables.load_optional(paths, "quality")
    if q is None:
        q = pd.DataFrame(columns=quality.COLUMNS)
    ser = tables.load_optional(paths, "series")
    tr = tables.load_optional(paths, "trends")
    return Clean(reps, figs, q, cached_levels(paths, figs, reps, q), pd.DataFrame() if ser is None else ser,
                 pd.DataFrame() if tr is None else tr, figures_scope=figures, paths=paths or Paths())


#: What the levels are made from besides the tables: this module, the quality flags, the catalog reader and its tables.
_LEVEL_CODE = ("compare/groups.py", "clean/quality.py", "core/catalog.py", "rules")


def levels_key(paths: Paths | None = None) -> str:
    """A checksum of what :func:`levels` is computed from: the clean tables (each CSV's time and
    :func:`helpers.core.columnar.fingerprint`, as a stale Parquet copy is told) and the code and rules that compute
    it."""
    import hashlib
    from pathlib import Path

    from ..core import columnar

    paths = paths or Paths()
    h = hashlib.sha1(b"levels v3")
    for name in ("reports", "figures", "quality"):
        csv = paths.clean / f"{name}.csv"
        if csv.exists():
            stamp = columnar.fingerprint(csv)  # what a Parquet copy records of its CSV
            h.update(f"{name}:{csv.stat().st_mtime_ns}:".encode() + b":".join(stamp[k] for k in sorted(stamp)))
    src = Path(__file__).resolve().parents[1]
    for rel in _LEVEL_CODE:
        p = src / rel
        for f in sorted(p.glob("*.csv")) if p.is_dir() else [p]:
            h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()[:20]


def _levels_cache(paths: Paths | None) -> "Path":
    return (paths or Paths()).outputs / ".batch" / "levels.pkl"


def cached_levels(paths: Paths | None, figs: pd.DataFrame, reps: pd.DataFrame, q: pd.DataFrame) -> pd.DataFrame:
    """:func:`levels` of these tables, from ``outputs/.batch/levels.pkl`` when it was made from the same tables by
    the same code (:func:`levels_key`), else computed (and not written: :func:`warm_levels` writes it). Ten analysis
    notebooks and the brief inputs each computed the levels (20 s each at 30,000 reports); the batch computes them
    once before them."""
    import pickle

    cache = _levels_cache(paths)
    try:
        with open(cache, "rb") as f:
            key, lv = pickle.load(f)
        if key == levels_key(paths):
            return lv
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        pass  # no cache, or one of another version: compute
    return levels(figs, reps, q)


def warm_levels(paths: Paths | None = None) -> str:
    """Compute the levels once and keep them for the notebooks and briefs of this batch (written atomically, with
    the key of what they were made from). Returns the key."""
    import pickle

    from ..core import atomic

    key = levels_key(paths)
    data = load(paths)
    cache = _levels_cache(paths)
    cache.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(cache, pickle.dumps((key, data.levels), protocol=pickle.HIGHEST_PROTOCOL))
    return key


def comparable_reports(reps: pd.DataFrame) -> pd.DataFrame:
    """In-scope reports that are not duplicates of another."""
    r = reps[reps["in_scope"]]
    if "duplicate_of" in r.columns:
        r = r[r["duplicate_of"] == ""]
    return r


def place_label(en: str, zh: str, report_id: str) -> str:
    """'Jin'an District, Lu'an, Anhui (六安市金安区)' — English first for readers who do not read Chinese."""
    if en and zh:
        return f"{en} ({zh})"
    return en or zh or f"place unknown ({report_id})"


def tier_of(admin_level: str, placed: bool = True) -> str:
    """The tier of an admin level (``admin_levels.csv``). A report placed only to a province (``placed`` false: no
    city, no county; 全区 in a text of 广东省) joins no county-level or prefecture-level group: its tier is unknown."""
    if not placed and admin_level != "province":
        admin_level = ""
    return TIER.get(admin_level, "tier unknown")


def is_placed(rep) -> bool:
    """A report (a reports.csv row or a mapping) names its city or county; a table without those columns
    (made-up data) counts as placed."""
    if not hasattr(rep, "get") or ("county" not in rep and "city" not in rep):
        return True
    return bool(rep.get("county") or rep.get("city"))


#: A report's year is known when it is written as four digits and not masked (upstream or in the text).
YEAR_UNKNOWN = "year unknown"


def known_year(year_reported, year_masked) -> str:
    """'2023', or '' when the report states no year or its year is masked."""
    y = str(year_reported or "")
    return y if len(y) == 4 and y.isdigit() and not bool(year_masked) else ""


def group_of(period: str, admin_level: str, comparability: str = "flow", year: str | None = None,
             placed: bool = True) -> str:
    """The comparison group of a value: its tier, its year where known, and its period for a flow
    ('2023 H1 · county-level'); a stock is compared across the periods of the same year ('county-level · 2023 ·
    periods marked'). A report without a (known) year keeps the rule of tier and period, marked
    ('H1 · county-level · year unknown'); ``year=None`` leaves years out (stated changes, which say their own
    base). The rules: ``comparability.csv``."""
    rule = catalog.comparability_rules().get(comparability)
    tier = tier_of(admin_level, placed)
    mark = "" if year is None else f"{GROUP_SEP}{YEAR_UNKNOWN}" if not year else ""
    if rule is not None and rule.across_periods:
        return f"{tier}{GROUP_SEP}{year + GROUP_SEP if year else ''}{rule.label}{mark}"
    return f"{year + ' ' if year else ''}{period or 'period unknown'}{GROUP_SEP}{tier}{mark}"


def levels(figs: pd.DataFrame, reps: pd.DataFrame, findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """One achieved level per (report, indicator, qualifier), with its report's context and flags.

    The first mention is kept; when a report states an indicator twice with different values the
    quality check ``contradiction`` flags both, and the flag travels with the kept one.
    """
    reps = comparable_reports(reps)
    f = figs[(figs["indicator"] != "") & (figs["role"] == "level") & figs["value"].notna()
             & figs["report_id"].isin(reps["report_id"])]
    f = f.sort_values(["report_id", "start"]).drop_duplicates(["report_id", "indicator", "qualifier"])
    f = f.drop(columns=[c for c in NOT_COMPARED if c in f.columns])
    cols = ["report_id", "region_name", "region_en", "admin_level", "period", "kind", "year_masked"]
    cols += [c for c in ("province", "county", "city", "year_reported") if c in reps.columns]
    out = f.merge(reps[cols], on="report_id", how="left")
    if "province" not in out.columns:
        out["province"] = ""
    out = out.merge(quality.figure_flags(findings), on=["report_id", "start"], how="left")
    out["quality"] = out["quality"].fillna("")
    out["quality_checks"] = out["quality_checks"].fillna("")
    out["flagged"] = (out["quality"] != "") | out["flags"].str.contains("masked|suspicious|estimate|damaged|ocr")
    inds = catalog.indicators()
    out["indicator_label"] = out["indicator"].map(lambda i: inds[i].label)  # indicator_en, area: from figures.csv
    out["place"] = [place_label(en, zh, rid) for en, zh, rid in zip(out["region_en"], out["region_name"],
                                                                   out["report_id"])]
    # Two reports of one place (an H1 and an annual report) stay two rows: the label names the report.
    n_reports = out.groupby("place")["report_id"].transform("nunique")
    out.loc[n_reports > 1, "place"] = out["place"] + " [" + out["report_id"] + "]"
    comp = {i.id: i.comparability for i in inds.values()}
    out["comparability"] = out["indicator"].map(comp)
    placed = ((out["county"].fillna("") != "") | (out["city"].fillna("") != "")
              if "county" in out.columns and "city" in out.columns else pd.Series(True, index=out.index))
    out["year"] = [known_year(y, m) for y, m in zip(out.get("year_reported", pd.Series("", index=out.index)).fillna(""),
                                                    out["year_masked"])]
    out["tier"] = [tier_of(a, p) for a, p in zip(out["admin_level"], placed)]
    out["admin_type"] = out["admin_level"].map(lambda a: ADMIN_TYPE_EN.get(a, a))
    out["group"] = [group_of(p, a, c, y, pl) for p, a, c, y, pl in
                    zip(out["period"], out["admin_level"], out["comparability"], out["year"], placed)]
    if "value_high" not in out.columns:
        out["value_high"] = float("nan")
    out["value_high"] = pd.to_numeric(out["value_high"].replace("", None), errors="coerce").astype(float)
    # a range (85-90%, 70%~75%) is shown with both ends and kept out of ranks and quartiles (listed beside)
    out["is_range"] = out["value_high"].notna()
    out["display"] = [display_value(r) for r in out.itertuples()]
    return out.reset_index(drop=True)


def display_value(r) -> str:
    """'≥95 % · H1 ⚠' — the value with its approximation, (year and) period and a visible mark when flagged."""
    unit = catalog.unit_label(r.unit)
    num = fmt_number(r.value) if abs(r.value) < 1e6 else f"{r.value:,.0f}"
    high = getattr(r, "value_high", None)
    if high is not None and not pd.isna(high):  # a range: both ends
        num += "–" + (fmt_number(high) if abs(high) < 1e6 else f"{high:,.0f}")
    mark = next((m for k, m in APPROX_MARK.items() if k in r.flags), "≈" if r.approx else "")
    sep = "" if unit in ("%", "‰") else " "
    year = getattr(r, "year", "")
    s = f"{mark}{num}{sep}{unit} · {year + ' ' if year else ''}{r.period or 'period unknown'}"
    if getattr(r, "flagged", False):
        s += " ⚠"
    return s


def population(lv: pd.DataFrame) -> pd.Series:
    """report_id -> registered population stated in the report (persons), where it gives one."""
    p = lv[(lv["indicator"] == "registered_population") & (lv["qualifier"] == "")]
    return p.set_index("report_id")["value"]


def area_indicators(lv: pd.DataFrame, area: str, min_reports: int = 1) -> list[str]:
    """The catalog ids of an area that at least ``min_reports`` reports state as levels, in catalog order."""
    counts = lv[lv["area"] == area].groupby("indicator")["report_id"].nunique()
    return [i for i in catalog.indicators() if counts.get(i, 0) >= min_reports]


def fmt_number(v: float, signed: bool = False) -> str:
    """12,345.6 / 0.5 / 100: two decimals at most, no trailing zeros; ``signed``: +1.5 / -0.25."""
    return f"{v:{'+' if signed else ''},.2f}".rstrip("0").rstrip(".")


def places_identified(reps: pd.DataFrame) -> int:
    """How many places the reports name: a county-level unit or a city (a report placed only to its province names
    no place)."""
    placed = reps[[is_placed(r) for _, r in reps.iterrows()]]
    return int(placed.loc[placed["region_name"] != "", "region_name"].nunique())


def left_out(reps: pd.DataFrame) -> pd.DataFrame:
    """Segments kept out of every comparison (off-topic pieces, duplicates), with the reason."""
    kept = set(comparable_reports(reps)["report_id"])
    return reps.loc[~reps["report_id"].isin(kept), ["report_id", "title", "in_scope", "scope_reason", "duplicate_of"]]


def comparison_groups(lv: pd.DataFrame) -> pd.DataFrame:
    """Comparison groups (tier × period rule) with how many reports each holds, which admin types, and how
    many indicators it can rank among 3 or more reports (whole-place values)."""
    whole = lv[lv["qualifier"] == ""]
    if whole.empty:
        return pd.DataFrame(columns=["group", "rule", "reports", "admin types", "indicators with ≥3 reports"])
    sizes = group_sizes(lv)
    rows = []
    for g, d in whole.groupby("group"):
        stock = STOCK_RULE in g.split(GROUP_SEP)
        rows.append({"group": g, "rule": "stock: " + STOCK_RULE if stock else "flow: " + FLOW_RULE,
                     "reports": d["report_id"].nunique(),
                     "admin types": ", ".join(sorted(set(d["admin_type"]))),
                     "indicators with ≥3 reports": int((sizes[sizes["group"] == g]["reports"] >= 3).sum())})
    return pd.DataFrame(rows).sort_values(["reports", "group"], ascending=[False, True]).reset_index(drop=True)


def group_sizes(lv: pd.DataFrame) -> pd.DataFrame:
    """(indicator, comparison group) → how many reports state the indicator for the whole place there,
    largest first, with the indicator's name (``label``). Ranges (85–90%) are not counted: they are never ranked."""
    whole = lv[(lv["qualifier"] == "") & ~lv.get("is_range", pd.Series(False, index=lv.index)).astype(bool)]
    out = whole.groupby(["indicator", "group"])["report_id"].nunique().rename("reports").reset_index()
    inds = catalog.indicators()
    out.insert(1, "label", [inds[i].label for i in out["indicator"]])
    return out.sort_values(["reports", "indicator"], ascending=[False, True]).reset_index(drop=True)


def comparable_pairs(lv: pd.DataFrame, at_least: int = 3) -> int:
    """How many (indicator × comparison group) pairs hold at least ``at_least`` reports."""
    return int((group_sizes(lv)["reports"] >= at_least).sum())
