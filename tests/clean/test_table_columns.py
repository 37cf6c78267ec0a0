"""Tables whose columns carry the meaning (clean.table_columns, rules/table_columns.csv), on made-up tables."""
import pytest

from helpers.clean import compact, table_columns
from helpers.clean.extract import extract_report


def figures(text):
    cm = compact.build(text, join_wrapped=True)
    t = cm.apply(text)
    return [(f.raw, f.indicator, f.role, f.value, f.unit) for f in extract_report(t, 0, len(t))]


PIPE_TABLE = """某县人民医院主要指标
一级指标 | 二级指标 | 单位 | 上年度 | 本年度 | 增长 |
服务量 | 门诊人次 | 万人次 | 21.50 | 23.75 | 2.25 |
出院人次 | 人次 | 18020 | 19110 | 1090 | |
效率 | 平均住院日 | 天 | 9.10 | 8.70 | -0.40 |
"""


def test_columns_of_a_pipe_table_give_baseline_level_and_change():
    got = figures(PIPE_TABLE)
    assert ("21.50", "outpatient_visits", "baseline", 215000.0, "person_times") in got
    assert ("23.75", "outpatient_visits", "level", 237500.0, "person_times") in got
    assert ("2.25", "outpatient_visits", "change_abs", 22500.0, "person_times") in got
    # a row whose first cell (the merged 一级指标) is missing still lines up on its own cells
    assert ("19110", "inpatient_discharges", "level", 19110.0, "person_times") in got
    assert ("1090", "inpatient_discharges", "change_abs", 1090.0, "person_times") in got
    # the label alone finds the measure; the unit cell gives the unit; a minus sign in the cell is kept
    assert ("8.70", "avg_length_of_stay", "level", 8.7, "days") in got
    assert ("0.40", "avg_length_of_stay", "change_abs", -0.4, "days") in got


ONE_CELL_PER_LINE = "\n\n".join("""甲市“十三五”卫生事业主要指标完成情况
序号
指标
单位
2020年
完成情况
2020年
规划目标
1
人均期望寿命
80.9
≥80
2
孕产妇死亡率
1/10万
7.5
≤12
3
婴儿死亡率
3.3
≤5
4
居民电子健康档案规范化建档管理率
%
86.4
≥85""".split("\n")) + "\n"


def test_a_table_pasted_one_cell_per_line_takes_its_header_words():
    got = figures(ONE_CELL_PER_LINE)
    assert ("80.9", "life_expectancy", "level", 80.9, "years") in got
    assert ("80", "life_expectancy", "target", 80.0, "years") in got
    assert ("7.5", "maternal_mortality_ratio", "level", 7.5, "per_100k") in got
    assert ("12", "maternal_mortality_ratio", "target", 12.0, "per_100k") in got
    assert ("3.3", "infant_mortality_rate", "level", 3.3, "permille") in got
    assert ("5", "infant_mortality_rate", "target", 5.0, "permille") in got
    assert ("86.4", "health_records_rate", "level", 86.4, "percent") in got
    assert ("85", "health_records_rate", "target", 85.0, "percent") in got
    # the unit cell 1/10万 is no figure, and the table's title (完成情况) names no column
    assert not [g for g in got if g[0] == "1/10万"]


def test_a_percent_rate_row_changes_in_points_and_a_count_row_in_percent():
    text = ("指标 | 单位 | 上年同期 | 本期 | 同比增减\n"
            "住院分娩率 | % | 98.1 | 99.0 | 0.9\n"
            "出院人次 | 人次 | 5200 | 5460 | 5.0%\n")
    got = figures(text)
    assert ("0.9", "hospital_delivery_rate", "change_pp", 0.9, "percent") in got
    assert ("5.0%", "inpatient_discharges", "change_pct", 5.0, "percent") in got


def test_years_alone_as_columns_make_the_latest_the_level():
    text = "指标 | 2015年 | 2020年\n孕产妇系统管理率(%) | 91.2 | 95.6\n"
    got = figures(text)
    assert ("95.6", "maternal_mgmt_rate", "level", 95.6, "percent") in got
    assert ("91.2", "maternal_mgmt_rate", "baseline", 91.2, "percent") in got


def test_a_plan_table_pasted_with_the_separator_before_each_cell():
    """| before each cell, a lone | ending each row, the table titled with the years its plan spans: the base year's
    values are levels, the last year's targets, in a text that is not itself titled as a plan."""
    rows = [("人均期望寿命(岁)", "77.30", "78"), ("婴儿死亡率(‰)", "6.15", "5"),
            ("孕产妇死亡率(/10万)", "21.4", "18"), ("每千人床位数(张)", "3.12", "4")]
    text = ("（三）加强考核评估\n实行目标管理，将完成情况纳入年度考核。\n附件：某市健康行动(2031—2035年)指标表\n"
            "健 康 指 标\n| 2030\n| 2035\n|\n" + "".join(f"{a}\n| {b}\n| {c}\n|\n" for a, b, c in rows))
    c = compact.build(text, join_wrapped=True)
    assert "婴儿死亡率(‰)\t| 6.15\t| 5\n|" in c.apply(text)
    got = figures(text)
    assert ("77.30", "life_expectancy", "level", 77.3, "years") in got
    assert ("78", "life_expectancy", "target", 78.0, "years") in got
    assert ("21.4", "maternal_mortality_ratio", "level", 21.4, "per_100k") in got
    assert ("4", "beds_per_1000", "target", 4.0, "per_1000") in got
    # the same table under a title that names no plan: the latest year is the level
    got = figures(text.replace("某市健康行动(2031—2035年)指标表", "某市主要健康指标"))
    assert ("78", "life_expectancy", "level", 78.0, "years") in got


def test_a_row_with_more_values_than_columns_is_left_to_the_prose_rules():
    text = "指标 | 本年度\n住院分娩率 | 99.0 | 98.1\n"
    roles = {g[0]: g[2] for g in figures(text)}
    assert roles == {"99.0": "level", "98.1": "level"}


def test_a_table_without_column_words_and_prose_are_untouched():
    text = "病种 | 发病数 | 死亡数\n肺结核 | 120 | 1\n全年住院分娩率达到99.2%，比上年提高0.3个百分点。\n"
    got = figures(text)
    assert ("99.2%", "hospital_delivery_rate", "level", 99.2, "percent") in got
    assert not any("table_column" in f.flags for f in extract_report(text, 0, len(text)))


@pytest.mark.parametrize("cell,kind", [
    ("规划目标", "target"), ("2020年目标值", "target"), ("上年同期", "baseline"), ("本年度", "level"),
    ("完成情况", "level"), ("增长(%)", "change_pct"), ("比上年增减", "change"), ("单位", "unit"),
    ("指标名称", "label"), ("序号", "number"), ("备注", ""),
])
def test_header_cells(cell, kind):
    assert table_columns.column_of(cell) == kind


def test_a_plan_table_of_base_period_and_goal_holds_levels_and_targets():
    assert table_columns.header_columns(["序号", "指标", "基期水平(2020年)", "2025年目标值"]) == ["level", "target"]
    assert table_columns.header_columns(["指标", "上年度", "本年度"]) == ["baseline", "level"]
