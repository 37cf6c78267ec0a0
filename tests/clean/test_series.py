"""series.csv: the same place over time, from made-up reports (levels, baselines, a level minus its change)."""
import pandas as pd
import pytest

from helpers.clean import series
from helpers.core import schemas, tables
from helpers.core.errors import ValidationError
from helpers.core.paths import Paths

from series_data import fig, frames, rep

S1 = "建档率为87.5%，比上年的85.6%提高了1.9个百分点"
S2 = "签约率为42.0%，比上年提高1.8个百分点"
S3 = "门急诊人次130万人次，同比增长8.3%"


def corpus():
    reps = [rep("a21.txt#1", 2021), rep("a22.txt#1", 2022), rep("a23.txt#1", 2023, "H1")]
    figs = [fig("a21.txt#1", 10, "health_records_rate", 85.1, "85.1%"),
            fig("a21.txt#1", 30, "family_doctor_signing_rate", 40.2, "40.2%"),
            fig("a22.txt#1", 100, "health_records_rate", 87.5, "87.5%", quote=S1),
            fig("a22.txt#1", 100, "health_records_rate", 85.6, "85.6%", role="baseline", quote=S1),
            fig("a22.txt#1", 100, "health_records_rate", 1.9, "1.9个百分点", unit="percentage_points", role="change_pp",
                quote=S1),
            fig("a22.txt#1", 200, "family_doctor_signing_rate", 42.0, "42.0%", quote=S2),
            fig("a22.txt#1", 200, "family_doctor_signing_rate", 1.8, "1.8个百分点", unit="percentage_points",
                role="change_pp", quote=S2),
            fig("a22.txt#1", 300, "outpatient_visits", 1300000, "130万人次", unit="person_times", quote=S3),
            fig("a22.txt#1", 300, "outpatient_visits", 8.3, "8.3%", role="change_pct", quote=S3),
            fig("a23.txt#1", 10, "health_records_rate", 88.0, "88.0%")]
    for f in figs:  # the made-up raw values of counts in 万
        if f["raw"] == "130万人次":
            f["raw_value"] = "130"
    return frames(reps, figs)


def _pt(ser, ind, year, period="annual"):
    got = ser[(ser["indicator"] == ind) & (ser["year"] == str(year)) & (ser["period"] == period)]
    assert len(got) == 1, got
    return got.iloc[0]


def test_points_stated_and_restated_with_their_figures():
    reps, figs = corpus()
    ser, cands = series.build(figs, reps)
    assert len(ser) == 7
    # 2021 is stated by its own report and restated by 2022's baseline: the stated value, both figures listed
    p = _pt(ser, "health_records_rate", 2021)
    assert p.value == 85.1 and not p.restated and p.basis == "stated"
    assert p.figure_ids == "a21.txt#1@10;a22.txt#1@114" and p.report_ids == "a21.txt#1;a22.txt#1" and p.n_values == 2
    assert _pt(ser, "health_records_rate", 2023, "H1").value == 88.0
    # a level minus its change, where no report of that year states it: restated
    p = _pt(ser, "outpatient_visits", 2021)
    assert p.restated and p.basis == "level_minus_change" and p.value == pytest.approx(1300000 / 1.083)
    assert p.figure_ids == "a22.txt#1@305;a22.txt#1@316" and p.report_id == "a22.txt#1"
    c = cands[(cands["indicator"] == "family_doctor_signing_rate") & cands["restated"]].iloc[0]
    assert c.value == pytest.approx(40.2) and c.year == "2021" and c.tolerance == pytest.approx(0.1)
    # in time order within each place and indicator, and valid
    hr = ser[ser["indicator"] == "health_records_rate"]
    assert list(zip(hr["year"], hr["period"])) == [("2021", "annual"), ("2022", "annual"), ("2023", "H1")]
    schemas.validate("series", ser)


def test_places_join_only_when_county_and_province_agree_and_are_not_weak():
    reps, figs = corpus()
    reps.loc[reps["report_id"] == "a23.txt#1", "province"] = "江苏省"  # another province's 金安区: another place
    ser = series.build(figs, reps)[0]
    assert set(ser.groupby(["province", "county"]).size().index) == {("安徽省", "金安区"), ("江苏省", "金安区")}
    reps, figs = corpus()
    reps.loc[reps["report_id"] == "a21.txt#1", "region_confidence"] = 0.1  # weak evidence: joins no series
    reps.loc[reps["report_id"] == "a23.txt#1", ["county", "city"]] = ""  # placed only to the province
    ser = series.build(figs, reps)[0]
    assert set(ser["report_id"]) == {"a22.txt#1"}
    # a different city named with the same county and province is still the same county
    reps, figs = corpus()
    reps.loc[reps["report_id"] == "a21.txt#1", "city"] = ""
    assert len(series.build(figs, reps)[0].groupby(["province", "county"])) == 1


def test_masked_or_unknown_years_and_unplaced_periods_join_no_series():
    reps, figs = corpus()
    reps["year_masked"] = True
    assert series.build(figs, reps)[0].empty
    reps, figs = corpus()
    reps["period"] = "multi-year"
    assert series.build(figs, reps)[0].empty


def test_earlier_period_words():
    assert series.earlier_period("，比上年的", 2022, "annual") == ("2021", "annual")
    assert series.earlier_period("比上年同期", 2022, "H1") == ("2021", "H1")
    assert series.earlier_period("，同比增长", 2022, "Jan–Sep") == ("2021", "Jan–Sep")
    assert series.earlier_period("由2019年的", 2022, "annual") == ("2019", "annual")
    assert series.earlier_period("，比上年提高", 2022, "H1") is None  # last year's whole year or its half? not said
    assert series.earlier_period("较上月", 2022, "annual") is None
    assert series.earlier_period("比全市平均水平", 2022, "annual") is None
    assert series.earlier_period("提高了", 2022, "annual") is None


def test_series_csv_written_beside_the_tables_and_valid_when_empty(tmp_path):
    reps, figs = corpus()
    paths = Paths(tmp_path, clean=tmp_path / "clean")
    tables.write("series", series.build(figs, reps)[0], paths)
    back = tables.load(paths, "series")
    assert back["restated"].dtype == bool and back["n_values"].dtype == int and back["year"].iloc[0] == "2021"
    tables.write("series", series.collapse(pd.DataFrame(columns=series.CANDIDATE_COLUMNS)), paths)
    empty = tables.load(paths, "series")
    assert empty.empty and list(empty.columns) == series.COLUMNS
    bad = series.build(figs, reps)[0].assign(year="20XX")
    with pytest.raises(ValidationError):
        tables.write("series", bad, paths)


TEXT_2021 = ("六安市金安区2021年卫生健康工作总结\n\n2021年，金安区卫生健康工作取得了新的成效。现将全年工作总结如下。\n"
             "一、基本公共卫生服务\n全区居民健康档案建档率达到85.1%，家庭医生签约率为40.2%。全年门急诊人次达到120万人次。\n")
TEXT_2022 = ("六安市金安区2022年卫生健康工作总结\n\n2022年，金安区卫生健康工作取得了新的成效。现将全年工作总结如下。\n"
             "一、基本公共卫生服务\n全区居民健康档案建档率达到87.5%，比上年的85.6%提高了1.9个百分点。"
             "家庭医生签约率为42.0%，比上年提高1.8个百分点。全年门急诊人次达到130万人次。\n")


def test_the_cleaning_writes_series_csv_beside_the_other_tables(tmp_path):
    from helpers.clean import steps

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a2021.txt").write_text(TEXT_2021, encoding="utf-8")
    (raw / "a2022.txt").write_text(TEXT_2022, encoding="utf-8")
    paths = Paths(tmp_path, raw=raw, clean=tmp_path / "out")
    assert steps.clean_folder(paths, log=lambda s: None) == 0
    ser = tables.load(paths, "series")
    hr = ser[ser["indicator"] == "health_records_rate"]
    assert list(zip(hr["year"], hr["value"], hr["n_values"])) == [("2021", 85.1, 2), ("2022", 87.5, 1)]
    assert set(ser["county"]) == {"金安区"} and not ser["restated"].any()
    # the same files with their years masked upstream: no series, a valid empty table
    (raw / "masked_years.csv").write_text("file,year,comment\na2021.txt,2021,test\na2022.txt,2022,test\n",
                                          encoding="utf-8")
    assert steps.clean_folder(paths, log=lambda s: None) == 0
    assert tables.load(paths, "series").empty
