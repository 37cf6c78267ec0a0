"""Plots a reader can read: English names with Chinese where it helps, CJK glyphs, PNG + SVG files.

Every plot goes through :func:`save`, which writes ``outputs/figures/<name>.png`` and ``.svg``
atomically. The CJK font is registered first (:mod:`helpers.fonts`), so no glyph is missing.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

import matplotlib

if matplotlib.get_backend().lower() not in ("module://matplotlib_inline.backend_inline", "inline"):
    matplotlib.use("Agg")  # headless runs (papermill, tests); JupyterLab keeps its inline backend
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
import pandas as pd  # noqa: E402

from . import atomic, catalog, compare  # noqa: E402
from .fonts import use_cjk_font  # noqa: E402
from .paths import Paths  # noqa: E402

STATUS_MARKERS = {"reported": "o", "approximate": "D", "flagged (see quality)": "X"}


PALETTE = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]


@lru_cache(maxsize=2)
def setup(theme: bool = True) -> None:
    """CJK font, full cell text in tables (quotes are provenance: never cut) and, with ``theme``, the
    seaborn theme. Briefs pass ``theme=False``: importing seaborn costs a brief ~0.15 s. Once per
    process and theme: every plot calls it."""
    import logging

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    use_cjk_font()
    if theme:
        import seaborn as sns

        sns.set_theme(style="whitegrid", font=use_cjk_font(), rc={"axes.unicode_minus": False})
    else:
        import matplotlib as mpl

        mpl.rcParams.update({"axes.grid": True, "grid.color": "#e5e5e5", "axes.edgecolor": "#cccccc",
                             "axes.spines.top": False, "axes.spines.right": False})


def safe_name(s: str) -> str:
    """A file name from any string: ASCII letters, digits, '-' and '_' only (never a path separator)."""
    s = re.sub(r"[^A-Za-z0-9_-]+", "_", s).strip("_")
    return s[:80] or "figure"


def save(fig, name: str, paths: Paths | None = None) -> list[Path]:
    """Write ``outputs/figures/<name>.png`` and ``.svg`` (atomic); returns both paths."""
    paths = paths or Paths()
    out_dir = paths.outputs / "figures"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for ext in ("png", "svg"):
        buf = io.BytesIO()
        meta = {"Date": None} if ext == "svg" else {}
        fig.savefig(buf, format=ext, dpi=150, bbox_inches="tight", metadata=meta)
        written.append(atomic.write_bytes(out_dir / f"{safe_name(name)}.{ext}", buf.getvalue()))
    return written


def save_table(df: pd.DataFrame, name: str, paths: Paths | None = None) -> Path:
    """Write ``outputs/tables/<name>.csv`` (UTF-8, atomic)."""
    paths = paths or Paths()
    out = paths.outputs / "tables" / f"{safe_name(name)}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    return atomic.write_csv(out, df)


def _status(r) -> str:
    if r.flagged:
        return "flagged (see quality)"
    if r.approx:
        return "approximate"
    return "reported"


def dot_plot(lv: pd.DataFrame, indicator: str, qualifier: str = "", per_population: bool | None = None,
             ax=None, highlight: str | None = None, engine: str = "seaborn"):
    """Ranked dot plot of one indicator: one dot per report, ranked within its comparison group
    (same period and admin level), groups shown as separate bands so a city is never ranked among
    districts. Returns the figure, or None when no report states the indicator.

    ``engine="seaborn"`` (the analysis notebooks) or ``"matplotlib"`` (the briefs: the same plot
    without importing seaborn)."""
    setup(theme=engine == "seaborn")
    if highlight is not None and per_population is None:
        # a brief's report must be in its own plot: per-population only if it states its population
        per_population = None if highlight in compare.population(lv).index else False
    d = compare.ranked(lv, indicator, qualifier, per_population)
    if d.empty:
        return None
    ind = catalog.indicators()[indicator]
    d["status"] = [_status(r) for r in d.itertuples()]
    d["label"] = [f"{p}  [{rk}]" for p, rk in zip(d["place"], d["rank"])]
    # groups as bands: best first within each group
    d = d.sort_values(["group", "rank_n"])
    n = len(d)
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 1.2 + 0.45 * n))
    else:
        fig = ax.figure
    if engine == "seaborn":
        import seaborn as sns

        sns.scatterplot(data=d, x="plot_value", y="label", hue="group", style="status", markers=STATUS_MARKERS,
                        s=90, ax=ax, legend="full")
        handles = None
    else:
        handles = _scatter(ax, d)
    ax.set_xlabel(f"{d['measure'].iloc[0]}" + ("  (lower is better)" if ind.higher_is_better == "false" else ""))
    ax.set_ylabel("")
    title = f"{ind.en} — {ind.zh}" + (f" [{qualifier}]" if qualifier else "")
    ax.set_title(title + "\nranked within reports of the same period and admin level", fontsize=11)
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8)
    groups = d["group"].tolist()
    for k in range(1, n):
        if groups[k] != groups[k - 1]:
            ax.axhline(k - 0.5, color="grey", lw=0.8, ls="--")
    if d["plot_value"].abs().max() >= 1e4:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    if highlight is not None:
        ids = d["report_id"].tolist()
        for k, tick in enumerate(ax.get_yticklabels()):
            if k < len(ids) and ids[k] == highlight:
                tick.set_color("#c53030")
                ax.axhspan(k - 0.4, k + 0.4, color="#fed7d7", zorder=0)
    # no tight_layout: both the notebook display and save() crop with bbox_inches="tight" (one layout pass less)
    return fig


def _scatter(ax, d: pd.DataFrame) -> list:
    """The seaborn plot's marks with matplotlib alone: colour by comparison group, marker by status."""
    from matplotlib.lines import Line2D

    y = {label: k for k, label in enumerate(d["label"])}
    colors = {g: PALETTE[k % len(PALETTE)] for k, g in enumerate(dict.fromkeys(d["group"]))}
    for (g, st), part in d.groupby(["group", "status"], sort=False):
        ax.scatter(part["plot_value"], [y[label] for label in part["label"]], s=90, c=colors[g],
                   marker=STATUS_MARKERS[st], edgecolors="white", linewidths=0.6, zorder=3)
    ax.set_yticks(range(len(y)), list(y))
    ax.set_ylim(len(y) - 0.5, -0.5)
    handles = [Line2D([], [], ls="", marker="o", color=c, label=g) for g, c in colors.items()]
    handles += [Line2D([], [], ls="", marker=STATUS_MARKERS[st], color="#444444", label=st)
                for st in dict.fromkeys(d["status"])]
    return handles


def coverage_heatmap(lv: pd.DataFrame):
    """Reports × indicators: which report states which indicator as an achieved level."""
    import seaborn as sns

    setup()
    c = compare.coverage(lv)
    inds = catalog.indicators()
    c.columns = [f"{inds[i].en}" for i in c.columns]
    fig, ax = plt.subplots(figsize=(max(8, 0.32 * c.shape[1] + 4), 1.5 + 0.42 * c.shape[0]))
    sns.heatmap(c, cmap=sns.color_palette(["#f2f2f2", "#2b6cb0"], as_cmap=True), cbar=False, linewidths=0.5,
                linecolor="white", ax=ax)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title("Which report states which indicator (blue = stated as an achieved level)", fontsize=11)
    plt.setp(ax.get_xticklabels(), rotation=60, ha="right", fontsize=8)
    plt.setp(ax.get_yticklabels(), fontsize=8)
    fig.tight_layout()
    return fig


def show_dot_plots(lv: pd.DataFrame, indicators: list[str], save_prefix: str | None = None,
                   highlight: str | None = None, engine: str = "seaborn") -> list[str]:
    """Draw (and, with ``save_prefix``, save as ``<prefix>__<indicator>``) one ranked dot plot per
    indicator, display each in the notebook, close it; returns the indicators plotted."""
    from IPython.display import display

    shown = []
    for ind in indicators:
        fig = dot_plot(lv, ind, highlight=highlight, engine=engine)
        if fig is None:
            continue
        if save_prefix:
            save(fig, f"{save_prefix}__{ind}")
        display(fig)
        plt.close(fig)
        shown.append(ind)
    return shown
