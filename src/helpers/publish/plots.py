"""Plots a reader can read: English names with Chinese where it helps, CJK glyphs, PNG + SVG files.

Every plot goes through :func:`save`, which writes ``outputs/figures/<name>.png`` and ``.svg``
atomically. The CJK font is registered first (:mod:`helpers.publish.fonts`), so no glyph is missing.

Figures are made with matplotlib's object API (:class:`Chart`, a ``Figure``), never through pyplot:
no backend, no global figure list to close, the same result in JupyterLab, papermill and tests, and a
brief does not pay pyplot's import. A :class:`Chart` shows itself in a notebook as a PNG.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

from matplotlib.artist import setp
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
import pandas as pd

from ..core import atomic, catalog, tables
from .. import compare
from . import pages
from .fonts import use_cjk_font
from ..core.paths import Paths

class Chart(Figure):
    """A matplotlib Figure that displays itself in Jupyter as a PNG cropped to its content."""

    def _repr_png_(self) -> bytes:
        buf = io.BytesIO()
        self.savefig(buf, format="png", dpi=DISPLAY_DPI, bbox_inches="tight")
        return buf.getvalue()


#: resolution of the PNG a notebook (and so an HTML brief) shows; saved files use 150
DISPLAY_DPI = 100


def figure(figsize: tuple[float, float]) -> tuple[Chart, object]:
    """A new :class:`Chart` with one axes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Chart(figsize=figsize)
    # An Agg canvas of its own: a bare Figure's base canvas makes a renderer for each text measurement (seaborn's
    # heatmap measures its tick labels) that grew with the figure's area, 1.3 GB for a 20-inch heatmap; Agg's is
    # one bitmap at the figure's size (30 MB). What is saved is the same.
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


@lru_cache(maxsize=1)
def setup() -> None:
    """CJK font, the seaborn theme and full cell text in tables. Once per process: every plot calls it."""
    import logging

    import seaborn as sns

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    tables.show_whole_cells()
    # a fixed salt makes the SVG's clip-path ids, and so the files, the same on every run
    sns.set_theme(style="whitegrid", font=use_cjk_font(), rc={"axes.unicode_minus": False, "svg.hashsalt": "healthreports"})


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
    """Write ``outputs/tables/<name>.csv`` (UTF-8, atomic, exact) and its spreadsheet copy ``<name>.xlsx`` (text
    cells typed as text, so nothing runs as a formula; none for a table over ``xlsx.MAX_CELLS``:
    :mod:`helpers.publish.xlsx`)."""
    from . import xlsx

    paths = paths or Paths()
    out = paths.outputs / "tables" / f"{safe_name(name)}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_csv(out, df)
    xlsx.write_copy(df, out)
    return out


STATUS_MARKERS = dict(zip(compare.STATUSES, ["o", "D", "X"]))


def dot_plot(lv: pd.DataFrame, indicator: str, qualifier: str = "", per_population: bool | None = None,
             ax=None, highlight: str | None = None):
    """Ranked dot plot of one indicator (seaborn): one dot per report, ranked within its comparison
    group (tier, and period for a flow), groups shown as separate bands so a city is never ranked
    among districts. Returns the figure, or None when no report states the indicator. The briefs draw
    the same data as SVG (:mod:`helpers.publish.svgplot`)."""
    import seaborn as sns

    setup()
    dd = compare.dot_data(lv, indicator, qualifier, per_population, highlight)
    if dd is None:
        return None
    d, n = dd.frame, len(dd.frame)
    if ax is None:
        fig, ax = figure((9, 1.2 + 0.45 * n))
    else:
        fig = ax.figure
    sns.scatterplot(data=d, x="plot_value", y="label", hue="admin_type", style="status", markers=STATUS_MARKERS,
                    s=90, ax=ax, legend="full")
    ax.set_xlabel(dd.xlabel)
    ax.set_ylabel("")
    ax.set_title(dd.title + "\nranked within comparison groups (tier; period for counts of the period)", fontsize=11)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8)
    groups = d["group"].tolist()
    for k in range(n):
        if k and groups[k] != groups[k - 1]:
            ax.axhline(k - 0.5, color="grey", lw=0.8, ls="--")
        if k == 0 or groups[k] != groups[k - 1]:
            ax.annotate(groups[k], xy=(1, k - 0.45), xycoords=("axes fraction", "data"), ha="right", va="bottom",
                        fontsize=7, color="#777777")
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


def coverage_heatmap(lv: pd.DataFrame):
    """Reports × indicators: which report states which indicator as an achieved level. Beyond
    :data:`compare.SHOW_EACH` places, provinces × indicators with the number of reports in each cell."""
    import seaborn as sns

    setup()
    inds = catalog.indicators()
    by_province = lv["place"].nunique() > compare.SHOW_EACH
    c = compare.coverage_by_province(lv) if by_province else compare.coverage(lv)
    c.columns = [f"{inds[i].en}" for i in c.columns]
    fig, ax = figure((max(8, 0.32 * c.shape[1] + 4), 1.5 + 0.42 * c.shape[0]))
    if by_province:
        sns.heatmap(c, cmap="Blues", cbar=True, linewidths=0.5, linecolor="white", ax=ax,
                    annot=c.shape[0] * c.shape[1] <= 2500, fmt="d", annot_kws={"fontsize": 6},
                    cbar_kws={"label": "reports"})
        title = (f"How many reports of each province state each indicator ({lv['report_id'].nunique()} reports, "
                 f"{lv['place'].nunique()} places)")
    else:
        sns.heatmap(c, cmap=sns.color_palette(["#f2f2f2", "#2b6cb0"], as_cmap=True), cbar=False, linewidths=0.5,
                    linecolor="white", ax=ax)
        title = "Which report states which indicator (blue = stated as an achieved level)"
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title(title, fontsize=11)
    setp(ax.get_xticklabels(), rotation=60, ha="right", fontsize=8)
    setp(ax.get_yticklabels(), fontsize=8)
    fig.tight_layout()
    return fig


def distribution_plot(lv: pd.DataFrame, indicator: str, qualifier: str = "", per_population: bool | None = None,
                      dots: compare.DotData | None = None):
    """For many reports: the distribution of one indicator in each comparison group (a box of the middle
    half and a dot per report, coloured by admin type) instead of a labelled row per report. Returns
    (figure, the top and bottom 10 of each group as a table), or (None, None). ``dots``: the indicator's
    :func:`compare.dot_data`, when the caller has it."""
    import seaborn as sns

    setup()
    dd = dots if dots is not None else compare.dot_data(lv, indicator, qualifier, per_population)
    if dd is None:
        return None, None
    d = dd.frame
    groups = list(dict.fromkeys(d["group"]))
    fig, ax = figure((9, 1.6 + 0.9 * len(groups)))
    sns.boxplot(data=d, x="plot_value", y="group", order=groups, color="#e2e8f0", showfliers=False, ax=ax, width=0.6)
    sns.stripplot(data=d, x="plot_value", y="group", order=groups, hue="admin_type", size=3, alpha=0.7, jitter=0.25,
                  ax=ax)
    ax.set_xlabel(dd.xlabel)
    ax.set_ylabel("")
    ax.set_title(f"{dd.title}\n{len(d)} reports, by comparison group (box: middle half; dot: one report)", fontsize=11)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8, title="admin type")
    ends = []
    for g, sub in d.groupby("group", sort=False):
        sub = sub.sort_values("rank_n")
        ends.append(pd.concat([sub.head(10).assign(end="top 10"), sub.tail(10).assign(end="bottom 10")])
                    .drop_duplicates("report_id"))
    table = pd.concat(ends)[["group", "end", "rank", "place", "admin_type", "display"]].reset_index(drop=True)
    return fig, table


def show_dot_plots(lv: pd.DataFrame, indicators: list[str], save_prefix: str | None = None,
                   highlight: str | None = None) -> list[str]:
    """Draw (and, with ``save_prefix``, save as ``<prefix>__<indicator>``) one ranked dot plot per
    indicator and display each in the notebook; returns the indicators plotted. An indicator stated by
    more than :data:`compare.SHOW_EACH` reports gets a distribution plot by group and a table of each
    group's top and bottom 10 instead (the full ranking is written to ``outputs/tables/``)."""
    from IPython.display import Markdown, display

    shown = []
    for ind in indicators:
        n = lv[(lv["indicator"] == ind) & (lv["qualifier"] == "")]["report_id"].nunique()
        if n > compare.SHOW_EACH and highlight is None:
            dd = compare.dot_data(lv, ind)  # ranked once: for the plot and the whole ranking
            fig, ends = distribution_plot(lv, ind, dots=dd)
            if fig is None:
                continue
            if save_prefix:
                save(fig, f"{save_prefix}__{ind}")
                save_table(dd.frame[["group", "rank", "place", "admin_type", "display", "plot_value",
                                        "measure", "report_id"]], f"{save_prefix}__{ind}_ranking")
            display(fig)
            ranking = f"outputs/tables/{safe_name(f'{save_prefix}__{ind}_ranking')}.csv" if save_prefix else None
            display(Markdown(f"Top and bottom 10 of each group ({n} reports"
                             + (f"; the whole ranking is in `{ranking}`):" if ranking else "):")))
            display(pages.table(ends, csv=ranking))
        else:
            fig = dot_plot(lv, ind, highlight=highlight)
            if fig is None:
                continue
            if save_prefix:
                save(fig, f"{save_prefix}__{ind}")
            display(fig)
        shown.append(ind)
    return shown


def show_targets_and_changes(data: compare.Clean, area: str, paths: Paths | None = None,
                             first: int = pages.MAX_ROWS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An area notebook's targets met and stated changes: both written to ``outputs/tables/<area>_targets_met.csv``
    and ``<area>_changes.csv``, each shown (its first ``first`` rows, :func:`pages.table`) under a line that says how
    many there are, or that there are none. Returns (targets met, changes)."""
    from IPython.display import Markdown, display

    met, changes = compare.area_targets_and_changes(data, area)
    met_csv, changes_csv = save_table(met, f"{area}_targets_met", paths), save_table(changes, f"{area}_changes", paths)
    root = (paths or Paths()).root
    display(Markdown(f"**Targets met**: {len(met)} target(s) with an achieved value." if len(met) else
                     "**Targets met**: no report states a target beside an achieved value in this area."))
    if len(met):
        display(pages.table(met.drop(columns=["report_id"]), csv=str(met_csv.relative_to(root)), max_rows=first))
    display(Markdown(f"**Stated changes**: {len(changes)} (all in `outputs/tables/{area}_changes.csv`)." if len(changes)
                     else "**Stated changes**: no report states a change of this area's indicators."))
    if len(changes):
        display(pages.table(changes.drop(columns=["report_id"]), csv=str(changes_csv.relative_to(root)), max_rows=first))
    return met, changes
