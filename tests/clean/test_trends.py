"""trends.csv: direction (every step for 3–4 points, Mann–Kendall from 5), method and verdict, on made-up series."""
import math

import pandas as pd
import pytest

from helpers.clean import trends
from helpers.core import schemas, tables
from helpers.core.paths import Paths


def series_of(indicator, values, unit="percent", start=2015, tol=0.05, county="金安区", period="annual"):
    return [dict(province="安徽省", city="六安市", county=county, place="六安市" + county, place_en="", indicator=indicator,
                 unit=unit, comparability="stock", year=str(start + k), period=period, value=v, tolerance=tol,
                 restated=False, basis="stated", report_id=f"r{k}#1", figure_ids=f"r{k}#1@1", report_ids=f"r{k}#1",
                 n_values=1) for k, v in enumerate(values)]


def test_mann_kendall_against_known_values():
    s, p = trends.mann_kendall([1, 2, 3, 4, 5])
    assert s == 10 and p == pytest.approx(math.erfc(9 / math.sqrt(50 / 3) / math.sqrt(2)))  # 0.0275
    assert trends.mann_kendall([1, 3, 2, 5, 4])[0] == 6
    assert trends.mann_kendall([2, 2, 2, 2, 2]) == (0, 1.0)
    # differences within rounding are ties
    assert trends.mann_kendall([85.1, 85.12, 85.14], [0.05] * 3)[0] == 0


def test_directions_by_points():
    assert trends.direction([85.1, 86.0], [0.05] * 2)[:2] == ("", "too_few_points")
    assert trends.direction([85.1, 86.0, 87.5], [0.05] * 3)[:2] == ("increasing", "every_step")
    assert trends.direction([87.5, 86.0, 85.1, 84.0], [0.05] * 4)[:2] == ("decreasing", "every_step")
    # one step within rounding (85.1 -> 85.15): no clear change
    assert trends.direction([85.1, 85.15, 87.5], [0.05] * 3)[0] == "no clear change"
    assert trends.direction([85.1, 86.0, 85.5, 87.5], [0.05] * 4)[0] == "no clear change"
    word, method, s, p = trends.direction([80, 82, 81, 84, 86, 88], [0.5] * 6)
    assert (word, method, s) == ("increasing", "mann_kendall", 13.0) and p < 0.05
    word, method, s, p = trends.direction([80, 84, 79, 83, 81], [0.5] * 5)
    assert (word, method) == ("no clear change", "mann_kendall") and p >= 0.05


def test_verdict_from_the_catalog_judge():
    ser = pd.DataFrame(series_of("health_records_rate", [80, 82, 84, 86, 88])          # higher is better
                       + series_of("infant_mortality_rate", [6, 5.5, 5, 4.8, 4.1], unit="permille")  # lower is better
                       + series_of("sex_ratio_at_birth", [110, 109, 108], unit="ratio_100")    # a normal range
                       + series_of("outpatient_visits", [1, 2], unit="person_times")             # two points
                       + series_of("health_records_rate", [80, 82, 84], county="裕安区", period="H1"))  # not annual
    t = trends.build(ser).set_index("indicator")
    assert len(t) == 4
    assert t.loc["health_records_rate", ["direction", "method", "verdict"]].tolist() == [
        "increasing", "mann_kendall", "better"]
    assert t.loc["infant_mortality_rate", ["direction", "verdict"]].tolist() == ["decreasing", "better"]
    assert t.loc["sex_ratio_at_birth", ["direction", "method", "verdict"]].tolist() == [
        "decreasing", "every_step", ""]
    assert t.loc["outpatient_visits", ["points", "years", "values", "direction", "verdict"]].tolist() == [
        2, "2015;2016", "1;2", "", ""]
    assert trends.verdict("no clear change", "lower") == "no change"
    schemas.validate("trends", t.reset_index())


def test_trends_csv_valid_also_when_empty(tmp_path):
    paths = Paths(tmp_path, clean=tmp_path / "clean")
    ser = pd.DataFrame(series_of("health_records_rate", [80, 82, 84]))
    tables.write("trends", trends.build(ser), paths)
    back = tables.load(paths, "trends")
    assert back.iloc[0].points == 3 and back.iloc[0].direction == "increasing" and math.isnan(back.iloc[0].p_value)
    tables.write("trends", trends.build(ser.iloc[0:0]), paths)
    assert tables.load(paths, "trends").empty


def test_the_cleaning_writes_trends_csv(tmp_path):
    from helpers.clean import steps
    from test_series import TEXT_2021, TEXT_2022

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a2021.txt").write_text(TEXT_2021, encoding="utf-8")
    (raw / "a2022.txt").write_text(TEXT_2022, encoding="utf-8")
    paths = Paths(tmp_path, raw=raw, clean=tmp_path / "out")
    assert steps.clean_folder(paths, log=lambda s: None) == 0
    t = tables.load(paths, "trends").set_index("indicator")
    assert t.loc["health_records_rate", ["years", "values", "method", "direction"]].tolist() == [
        "2021;2022", "85.1;87.5", "too_few_points", ""]
