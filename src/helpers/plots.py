"""Plots a reader can read: English names with Chinese where it helps, CJK glyphs, PNG + SVG files.

Every plot goes through :func:`save`, which writes ``outputs/figures/<name>.png`` and ``.svg``
atomically. The CJK font is registered first (:mod:`helpers.fonts`), so no glyph is missing.

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

from . import atomic, catalog, compare, tables
from .fonts import use_cjk_font
from .paths import Paths

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
    fig = Chart(figsize=figsize)
    return fig, fig.add_subplot()


@lru_cache(maxsize=1)
def setup() -> None:
    """CJK font, the seaborn theme and full cell text in tables. Once per process: every plot calls it."""
    import logging

    import seaborn as sns

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    tables.show_whole_cells()
    sns.set_theme(style="whitegrid", font=use_cjk_font(), rc={"axes.unicode_minus": False})


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


STATUS_MARKERS = dict(zip(compare.STATUSES, ["o", "D", "X"]))


def dot_plot(lv: pd.DataFrame, indicator: str, qualifier: str = "", per_population: bool | None = None,
             ax=None, highlight: str | None = None):
    """Ranked dot plot of one indicator (seaborn): one dot per report, ranked within its comparison
    group (tier, and period for a flow), groups shown as separate bands so a city is never ranked
    among districts. Returns the figure, or None when no report states the indicator. The briefs draw
    the same data as SVG (:mod:`helpers.svgplot`)."""
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
    """Reports × indicators: which report states which indicator as an achieved level."""
    import seaborn as sns

    setup()
    c = compare.coverage(lv)
    inds = catalog.indicators()
    c.columns = [f"{inds[i].en}" for i in c.columns]
    fig, ax = figure((max(8, 0.32 * c.shape[1] + 4), 1.5 + 0.42 * c.shape[0]))
    sns.heatmap(c, cmap=sns.color_palette(["#f2f2f2", "#2b6cb0"], as_cmap=True), cbar=False, linewidths=0.5,
                linecolor="white", ax=ax)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title("Which report states which indicator (blue = stated as an achieved level)", fontsize=11)
    setp(ax.get_xticklabels(), rotation=60, ha="right", fontsize=8)
    setp(ax.get_yticklabels(), fontsize=8)
    fig.tight_layout()
    return fig


def show_dot_plots(lv: pd.DataFrame, indicators: list[str], save_prefix: str | None = None,
                   highlight: str | None = None) -> list[str]:
    """Draw (and, with ``save_prefix``, save as ``<prefix>__<indicator>``) one ranked dot plot per
    indicator and display each in the notebook; returns the indicators plotted."""
    from IPython.display import display

    shown = []
    for ind in indicators:
        fig = dot_plot(lv, ind, highlight=highlight)
        if fig is None:
            continue
        if save_prefix:
            save(fig, f"{save_prefix}__{ind}")
        display(fig)
        shown.append(ind)
    return shown
