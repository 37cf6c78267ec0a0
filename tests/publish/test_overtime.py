"""The brief's "Over time" section and the index's periods, from made-up series (no notebook run)."""
import pandas as pd

from helpers.clean import trends
from helpers.compare import overtime as cov
from helpers.publish import overtime


def point(ind, year, value, period="annual", restated=False, rid=None, unit="percent", comp="stock"):
    rid = rid or f"a{year}{period}.txt#1"
    return dict(province="安徽省", city="六安市", county="金安区", place="六安市金安区",
                place_en="Jin'an District, Lu'an, Anhui", indicator=ind, unit=unit, comparability=comp,
                year=str(year), period=period, value=value, tolerance=0.05, restated=restated,
                basis="baseline" if restated else "stated", report_id=rid, figure_ids=f"{rid}@1", report_ids=rid,
                n_values=1)


def place_series():
    return pd.DataFrame([
        point("health_records_rate", 2020, 84.0, restated=True, rid="a2021annual.txt#1"),
        point("health_records_rate", 2021, 85.1), point("health_records_rate", 2022, 87.5),
        point("health_records_rate", 2023, 88.0, "H1"),
        point("outpatient_visits", 2022, 1300000, unit="person_times", comp="flow"),
        point("outpatient_visits", 2022, 1400000, "H1", unit="person_times", comp="flow",
              rid="a2022H1.txt#1"),
        point("hospital_delivery_rate", 2022, 99.3)])  # one point: no chart


def test_section_charts_each_indicator_with_two_points_and_its_trend_word():
    ser = place_series()
    html = overtime.section_html(ser, trends.build(ser), "a2022annual.txt#1")
    assert html.startswith('<section class="over-time"') and "<h2>Over time</h2>" in html
    assert html.count("<svg") == 2 and "Hospital delivery rate" not in html
    assert "2020 · 2021 · 2022 H1 · 2022 · 2023 H1" in html  # the periods in time order
    assert "↑ increasing" in html and "better" in html and "every step" in html
    assert 'fill="#ffffff"' in html  # the restated 2020 value is a hollow dot
    assert 'r="7"' in html  # this report's value ringed
    assert "stroke-dasharray" not in html  # one H1 point of the flow: no dashed line
    assert "<script" not in html


def test_no_section_for_a_place_of_one_period_or_without_series():
    ser = place_series()
    one = ser[(ser["year"] == "2022") & (ser["period"] == "annual")]
    assert overtime.section_html(one, trends.build(one)) == ""
    assert overtime.section_html(ser.iloc[0:0], ser.iloc[0:0]) == ""
    assert overtime.section_html(pd.DataFrame(), pd.DataFrame()) == ""


def test_text_is_escaped():
    ser = place_series().assign(report_id="<b>x</b>#1")
    html = overtime.section_html(ser, trends.build(ser))
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_analysis_tables():
    ser = place_series()
    p = cov.places(ser)
    assert len(p) == 1 and p.iloc[0].periods == "2020 · 2021 · 2022 H1 · 2022 · 2023 H1"
    assert p.iloc[0].points == 7 and p.iloc[0].restated == 1
    m = cov.most_points(ser)
    assert m.iloc[0].indicator == "health_records_rate" and m.iloc[0].points == 4
    t = cov.trend_table(trends.build(ser))
    assert list(t["indicator_label"].str.startswith("Health record")) == [True]
    assert "no place has a series" in cov.summary(None, None).lower()
    assert cov.summary(ser, trends.build(ser)).startswith("1 place(s) with a series: 7 points")


def test_periods_by_report_for_the_index():
    base = dict(in_scope=True, duplicate_of="", kind="summary", year_masked=False, province="安徽省", city="六安市",
                county="金安区", region_confidence=0.8)
    reps = pd.DataFrame([dict(base, report_id="a#1", year_reported="2021", period="annual"),
                         dict(base, report_id="b#1", year_reported="2022", period="H1"),
                         dict(base, report_id="c#1", year_reported="2022", period="annual", region_confidence=0.1),
                         dict(base, report_id="d#1", year_reported="2024", period="annual", year_masked=True,
                              county="裕安区")])
    assert cov.periods_by_report(reps) == {"a#1": "2021 · 2022 H1", "b#1": "2021 · 2022 H1"}
    assert cov.periods_by_report(reps[reps["report_id"] == "a#1"]) == {}
