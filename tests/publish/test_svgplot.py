"""The briefs' SVG dot plots: well-formed, one marker per report, the report highlighted, text escaped,
round ticks with short labels."""
import math
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from helpers import compare
from helpers.publish import svgplot

NS = "{http://www.w3.org/2000/svg}"


def _levels(places=None, flagged_b=False, approx_c=""):
    places = places or [("a#1", "金安区", "Jin'an District", "district", 99.5),
                        ("b#1", "郊区", "Jiaoqu District", "district", 98.0),
                        ("c#1", "清远市", "Qingyuan City", "city", 100.0)]
    reps = pd.DataFrame([dict(report_id=r, region_name=zh, region_en=en, admin_level=lvl, period="annual",
                              kind="summary", year_masked=False, in_scope=True, duplicate_of="")
                         for r, zh, en, lvl, _ in places])
    figs = pd.DataFrame([dict(report_id=r, indicator="hospital_delivery_rate", value=v, unit="percent", role="level",
                              qualifier="", start=0, end=3, raw=f"{v}%", quote="…",
                              approx=approx_c if r == "c#1" else "",
                              flags="estimate" if flagged_b and r == "b#1" else "")
                         for r, _, _, _, v in places])
    return compare.levels(figs, reps)


def _svg(lv, highlight="a#1"):
    return svgplot.dot_plot(compare.dot_data(lv, "hospital_delivery_rate", highlight=highlight), highlight=highlight)


def test_svg_is_well_formed_with_one_marker_per_report_and_the_report_highlighted():
    svg = _svg(_levels())
    root = ET.fromstring(svg)  # raises on malformed markup
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    dots = [g for g in root.iter(f"{NS}g") if g.find(f"{NS}title") is not None]
    assert len(dots) == 3
    tips = [g.find(f"{NS}title").text for g in dots]
    assert any("金安区" in t and "99.5%" in t and "1 of 2" in t for t in tips)
    assert any("Qingyuan" in t and "alone in its group" in t for t in tips)  # a city is not ranked among districts
    bold = [t.text for t in root.iter(f"{NS}text") if t.get("font-weight") == "bold" and t.get("fill") == "#c53030"]
    assert len(bold) == 1 and "金安区" in bold[0]
    assert len([r for r in root.iter(f"{NS}rect")]) == 1  # the highlight band
    # two groups: one dashed separator
    assert len([ln for ln in root.iter(f"{NS}line") if ln.get("stroke-dasharray")]) == 1


def test_status_shapes_follow_the_values():
    root = ET.fromstring(_svg(_levels(flagged_b=True, approx_c="lower_bound")))
    dots = [g for g in root.iter(f"{NS}g") if g.find(f"{NS}title") is not None]
    shapes = {g.find(f"{NS}title").text.split(":")[0]: g[1].tag.replace(NS, "") for g in dots}
    assert sorted(shapes.values()) == ["circle", "path", "polygon"]  # reported, flagged cross, approximate diamond


def test_report_text_is_escaped():
    places = [("a#1", "<script>alert(1)</script>", "Bad & <b>bold</b>", "district", 90.0),
              ("b#1", "郊区", "Jiaoqu District", "district", 80.0)]
    svg = _svg(_levels(places))
    assert "<script>" not in svg and "<b>" not in svg and "&lt;script&gt;" in svg
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if e.tag.replace(NS, "") in ("script", "b", "foreignObject")]


@pytest.mark.parametrize("lo,hi", [(0, 1e6), (70000, 910000), (85.2, 99.5), (0.01, 0.3), (5, 5), (-3, 12), (12, 13)])
def test_ticks_are_round_and_cover_the_values(lo, hi):
    ticks = svgplot.nice_ticks(lo, hi)
    step = ticks[1] - ticks[0]
    assert ticks[0] <= lo and ticks[-1] >= hi and 3 <= len(ticks) <= 11
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5))
    assert all(math.isclose(b - a, step) for a, b in zip(ticks, ticks[1:]))


def test_ticks_need_finite_values():
    with pytest.raises(ValueError, match="finite"):
        svgplot.nice_ticks(0, float("nan"))


@pytest.mark.parametrize("v,step,label", [(0, 200000, "0"), (400000, 200000, "400k"), (1e6, 200000, "1M"),
                                          (1.5e6, 5e5, "1.5M"), (95, 5, "95"), (0.2, 0.1, "0.2"),
                                          (1200, 200, "1.2k"), (12.4, 0.2, "12.4"), (2500, 2500, "2.5k")])
def test_tick_labels_are_short(v, step, label):
    assert svgplot.tick_label(v, step) == label


def test_text_width_counts_wide_characters_as_one_em():
    assert svgplot.text_width("金安区", 12) == 36
    assert svgplot.text_width("abc", 10) == pytest.approx(18)
