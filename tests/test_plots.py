"""Dot plots draw with either engine, without warnings, and save PNG + SVG under outputs/figures."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import compare, plots  # noqa: E402
from helpers.paths import Paths  # noqa: E402


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


@pytest.mark.parametrize("engine", ["seaborn", "matplotlib"])
def test_dot_plot_draws_and_saves_without_warnings(engine, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plots.dot_plot(_levels(), "hospital_delivery_rate", highlight="a#1", engine=engine)
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert any("金安区" in t and "1 of 2" in t for t in labels)
        assert any("alone in its group" in t for t in labels)  # the city is not ranked among districts
        written = plots.save(fig, f"test/../{engine}", Paths(tmp_path))
    plt.close(fig)
    assert [p.suffix for p in written] == [".png", ".svg"]
    assert all(p.parent == tmp_path / "outputs" / "figures" and p.stat().st_size > 0 for p in written)


def test_no_plot_for_an_indicator_nobody_states():
    assert plots.dot_plot(_levels(), "infant_mortality_rate") is None
