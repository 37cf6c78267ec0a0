"""Dot plots draw without warnings, show as PNG in any kernel and save PNG + SVG under outputs/figures."""
import warnings

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402

from helpers import compare  # noqa: E402
from helpers.core.paths import Paths  # noqa: E402
from helpers.publish import plots  # noqa: E402


def _levels():
    reps = pd.DataFrame([dict(report_id=r, region_name=zh, region_en=en, admin_level=lvl, period="annual",
                              kind="summary", year_masked=False, in_scope=True, duplicate_of="")
                         for r, zh, en, lvl in [("a#1", "金安区", "Jin'an District", "district"),
                                                ("b#1", "郊区", "Jiaoqu District", "district"),
                                                ("c#1", "清远市", "Qingyuan City", "city")]])
    figs = pd.DataFrame([dict(report_id=r, indicator="hospital_delivery_rate", value=v, unit="percent", role="level",
                              qualifier="", start=0, end=3, approx="", flags="", raw=f"{v}%", quote="…")
                         for r, v in [("a#1", 99.5), ("b#1", 98.0), ("c#1", 100.0)]])
    return compare.levels(figs, reps)


def test_dot_plot_draws_and_saves_without_warnings(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plots.dot_plot(_levels(), "hospital_delivery_rate", highlight="a#1")
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert any("金安区" in t and "1 of 2" in t for t in labels)
        assert any("alone in its group" in t for t in labels)  # the city is not ranked among districts
        written = plots.save(fig, "test/../dots", Paths(tmp_path))
    assert [p.suffix for p in written] == [".png", ".svg"]
    assert all(p.parent == tmp_path / "outputs" / "figures" and p.stat().st_size > 0 for p in written)


def test_no_plot_for_an_indicator_nobody_states():
    assert plots.dot_plot(_levels(), "infant_mortality_rate") is None


def test_a_chart_shows_as_png_in_any_kernel():
    from IPython.core.formatters import DisplayFormatter

    fig = plots.dot_plot(_levels(), "hospital_delivery_rate", highlight="a#1")
    data, _ = DisplayFormatter().format(fig)
    assert data["image/png"][:8] == b"\x89PNG\r\n\x1a\n"


def test_briefs_draw_without_matplotlib():
    """A brief's plots are SVG markup (helpers.svgplot): a fresh interpreter that draws them has not imported
    matplotlib, whose import alone is a quarter of a second of every brief."""
    import inspect
    import subprocess
    import sys

    src = "\n".join([
        "import sys", "import pandas as pd", "from helpers import brief_inputs, brief_view, compare",
        inspect.getsource(_levels),
        "lv = _levels()",
        "q = pd.DataFrame(columns=['report_id', 'check', 'severity', 'figures', 'message', 'quotes'])",
        "figs = lv.assign(figure_id=lv['report_id'] + '@0', in_plan_section=False)",
        "reps = lv[['report_id', 'region_name', 'region_en', 'admin_level', 'period', 'kind']].assign(in_scope=True, duplicate_of='')",
        "b = brief_inputs.build(compare.Clean(reps, figs, q, lv), ['a#1'])['a#1']",
        "svgs = brief_view.dot_plots(b, 4)",
        "assert len(svgs) == 1 and svgs[0].startswith('<svg')",
        "print('matplotlib' in sys.modules)",
    ])
    out = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _area_data(with_targets: bool):
    reps = pd.DataFrame([dict(report_id=r, region_name=zh, region_en=en, admin_level="district", period="annual",
                              kind="summary", year_masked=False, in_scope=True, duplicate_of="")
                         for r, zh, en in [("a#1", "金安区", "Jin'an District"), ("b#1", "郊区", "Jiaoqu District")]])
    base = dict(indicator="hospital_delivery_rate", indicator_en="Hospital delivery rate", area="maternal_child",
                unit="percent", qualifier="", approx="", flags="", quote="…", in_plan_section=False)
    rows = [dict(base, report_id="a#1", role="level", value=99.5, raw="99.5%", start=9, figure_id="a@9")]
    if with_targets:
        rows += [dict(base, report_id="a#1", role="target", value=98.0, raw="98%", start=0, figure_id="a@0"),
                 dict(base, report_id="b#1", role="change_pct", value=1.5, raw="1.5%", start=4, figure_id="b@4")]
    figs = pd.DataFrame(rows)
    return compare.Clean(reps, figs, pd.DataFrame(columns=["report_id"]), compare.levels(figs, reps))


def _shown(monkeypatch) -> list:
    from IPython import display

    shown = []
    monkeypatch.setattr(display, "display", shown.append)
    return shown


def test_an_area_shows_and_writes_its_targets_met_and_changes(tmp_path, monkeypatch):
    from IPython.display import Markdown

    shown = _shown(monkeypatch)
    data = _area_data(with_targets=True)
    met, changes = plots.show_targets_and_changes(data, "maternal_child", Paths(tmp_path))
    assert list(met["met"]) == ["met"] and list(changes["value"]) == ["+1.5%"]
    said = [o.data for o in shown if isinstance(o, Markdown)]
    assert said[0].startswith("**Targets met**: 1 target(s)") and said[1].startswith("**Stated changes**: 1 (all in")
    from helpers.publish.pages import Html

    tables_shown = [o for o in shown if isinstance(o, Html)]  # the one table style, never a bare DataFrame
    assert not any(isinstance(o, pd.DataFrame) for o in shown) and len(tables_shown) == 2
    assert all("report_id" not in o.markup and "hr-table" in o.markup for o in tables_shown)
    tables = tmp_path / "outputs" / "tables"
    assert (tables / "maternal_child_targets_met.csv").exists() and (tables / "maternal_child_changes.csv").exists()
    assert compare.area_headline(data.levels, "maternal_child").endswith(
        "1 catalog indicators stated as achieved levels by 1 of 1 comparable reports.")


def test_an_area_without_targets_or_changes_says_so(tmp_path, monkeypatch):
    shown = _shown(monkeypatch)
    met, changes = plots.show_targets_and_changes(_area_data(with_targets=False), "maternal_child", Paths(tmp_path))
    assert met.empty and changes.empty
    assert [o.data for o in shown] == ["**Targets met**: no report states a target beside an achieved value in this area.",
                                       "**Stated changes**: no report states a change of this area's indicators."]
