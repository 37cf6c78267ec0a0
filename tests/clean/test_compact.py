"""The compact working copy: spaced-out PDF text, number–unit spaces and entities, with offsets mapped back."""
import pandas as pd
import pytest

from helpers.clean import compact
from helpers.clean.figures import figures_for_text


@pytest.mark.parametrize("text,want", [
    ("全镇糖 尿 病 管 理 率 达 到 6 4 . 2 %。", "全镇糖尿病管理率达到64.2%。"),
    ("年内共完成体检 5120 人，建档率 82.5 %。", "年内共完成体检5120人，建档率82.5%。"),
    ("婴儿死亡率3.2&permil;，出生率9.1permil;，&#8240;", "婴儿死亡率3.2‰，出生率9.1‰，‰"),
    ("门诊量达8.5萬人次，投入1.2億元", "门诊量达8.5万人次，投入1.2亿元"),
    # a pinyin reading with the space some sites put after it
    ("孕產(chan) 婦死亡率為(wei) 31.2/10萬", "孕產婦死亡率為31.2/10万"),
])
def test_compact_copy(text, want):
    assert compact.compact_text(text) == want


def test_two_numbers_of_a_table_row_stay_two():
    assert compact.compact_text("床位数\t120 135") == "床位数\t120 135"
    assert compact.compact_text("合计 1 2 3 4") == "合计1 2 3 4"  # a row of single digits is no spaced-out prose


def test_offsets_map_back_to_the_text_as_read():
    text = "甲乙类传染病发病率 1 2 . 5 / 1 0 万，全年出生 3 1 2 6 人。"
    c = compact.build(text)
    ct = c.apply(text)
    i = ct.index("3126人")
    assert text[c.start(i):c.end(i + len("3126人"))] == "3 1 2 6 人"
    assert c.to_compact(text.index("全年")) == ct.index("全年")


def test_figures_of_spaced_out_text_keep_their_raw_span():
    text = "二〇三一年，全县高血压患者规 范 管 理 率 达 到 7 5 . 5 %，共免费婚检 2 1 8 人。\n"
    reps = pd.DataFrame([dict(report_id="a#1", source_file="a.txt", start=0, end=len(text), kind="summary")])
    rows = figures_for_text(text, reps)
    by = {r[7]: r for r in rows if r[7]}
    assert by["hypertension_mgmt_rate"][5] == "7 5 . 5 %" and by["hypertension_mgmt_rate"][11] == 75.5
    for r in rows:
        assert text[r[3]:r[4]] == r[5]


PDF_LINES = [
    "2031年，全县共为2.4万名适龄妇女开展宫颈癌筛查，为1.1万",
    "名孕产妇提供免费产前检查，孕产妇系统管理率达到92.5%，",
    "住院分娩率保持100%，婴儿死亡率下降到3.2‰，5岁以下儿",
    "童死亡率为4.1‰。全年新建居民健康档案2.3万份，累计建档",
    "46.5万份，建档率达到88.7%，家庭医生签约服务覆盖12.6万",
    "人，签约率35.2%。高血压患者规范管理人数为2.1万人，规范",
    "管理率为71.3%，糖尿病患者规范管理人数为0.6万人，规范管",
    "理率为70.2%；严重精神障碍患者规范管理率达到90.1%，较上",
    "年提高2.3个百分点。",
]


def test_wrapped_pdf_lines_are_joined_and_figures_read():
    text = "\n\n".join(PDF_LINES) + "\n"
    c = compact.build(text, join_wrapped=True)
    assert c.joined_lines == len(PDF_LINES) - 1
    reps = pd.DataFrame([dict(report_id="a#1", source_file="a.txt", start=0, end=len(text), kind="summary")])
    got = {(r[7], r[11]) for r in figures_for_text(text, reps)}
    assert ("hypertension_mgmt_rate", 71.3) in got and ("diabetes_mgmt_rate", 70.2) in got
    assert ("child_u3_mgmt_rate", 92.5) not in got and ("maternal_mgmt_rate", 92.5) in got


def test_web_page_lines_are_not_joined():
    page = "\n".join(["首页 > 新闻中心 > 工作动态", "来源：县卫生健康局 发布时间：2032-01-05",
                      "全县卫生健康工作会议召开", "一、主要工作完成情况",
                      "出院人数(人) | 103105 |", "总诊疗人次(人次) | 1678814 |"] * 3)
    assert compact.build(page, join_wrapped=True).joined_lines == 0


def test_a_web_table_copied_one_cell_per_line_is_read_row_by_row():
    rows = [("病名", "发病数", "死亡数"), ("艾滋病", "212", "31"), ("肺结核", "1207", "2"), ("梅毒", "955", "0")]
    text = "2031年5月全市法定传染病统计表\n|\n" + "".join(f"{a} |\n{b} |\n{c} | |\n|\n" for a, b, c in rows)
    c = compact.build(text, join_wrapped=True)
    assert "艾滋病 |\t212 |\t31 | |" in c.apply(text)
    reps = pd.DataFrame([dict(report_id="a#1", source_file="a.txt", start=0, end=len(text), kind="summary")])
    got = {(r[7], r[11]) for r in figures_for_text(text, reps)}
    assert ("infectious_cases", 212.0) in got and ("infectious_cases", 1207.0) in got
    assert compact.build("一、主要工作 |\n二、存在问题\n", join_wrapped=True).identity


def test_a_numbered_table_pasted_one_cell_per_line():
    cells = ["1", "人均预期寿命(岁)", "77.2", "78.0", "2", "婴儿死亡率(", "2.71", "持续改善",
             "3", "孕产妇死亡率(1/10万)", "6.12", "持续改善", "4", "产前筛查率(%", "88.1", "80"]
    text = "主要指标\n\n" + "\n\n".join(cells) + "\n"
    reps = pd.DataFrame([dict(report_id="a#1", source_file="a.txt", start=0, end=len(text), kind="summary")])
    got = {(r[7], r[11], r[5]) for r in figures_for_text(text, reps)}
    assert ("life_expectancy", 77.2, "77.2") in got
    assert ("infant_mortality_rate", 2.71, "2.71") in got and ("maternal_mortality_ratio", 6.12, "6.12") in got
    assert not [g for g in got if g[2].startswith("1\n")]  # a row number never takes the next cell as its unit


def test_a_numbered_web_table_one_cell_per_line_without_row_ends_and_a_plans_year_columns():
    """序号 | 指标 | 单位 | 2030年 | 2033年 | 2035年 then 1 | … | 2 | …, no line ending a row: rows cut at the row
    numbers; the unit cell gives each bare value its unit; in a plan the first year is the base, the later goals."""
    header = ["序号", "指标名称", "单位", "2030年", "2033年", "2035年", "牵头单位"]
    rows = [["1", "人均预期寿命", "岁", "79.15", "≥79.6", "≥80.1", "市卫健委"],
            ["2", "婴儿死亡率", "‰", "3.12", "≤3.0", "≤2.9", "市卫健委"],
            ["3", "孕产妇死亡率", "/10万", "9.8", "≤9.5", "≤9.0", "市卫健委"]]
    text = "某市健康提升行动计划主要目标\n" + "".join(f"{c} |\n" for r in [header, *rows] for c in r)
    c = compact.build(text, join_wrapped=True)
    assert "1 |\t人均预期寿命 |\t岁 |\t79.15 |" in c.apply(text) and "牵头单位 |\n1 |" in c.apply(text)
    reps = pd.DataFrame([dict(report_id="a#1", source_file="a.txt", start=0, end=len(text), kind="plan",
                              title="某市健康提升行动计划")])
    got = [(r[7], r[11], r[13], r[16]) for r in figures_for_text(text, reps)]
    assert got[:3] == [("life_expectancy", 79.15, "years", "level"), ("life_expectancy", 79.6, "years", "target"),
                       ("life_expectancy", 80.1, "years", "target")]
    assert ("maternal_mortality_ratio", 9.8, "per_100k", "level") in got
    # the same columns in a summary: the latest year is the level, the earlier ones baselines
    from helpers.clean import table_columns

    assert table_columns.header_columns(["指标", "2030年", "2031年"]) == ["baseline", "level"]
    assert table_columns.header_columns(["指标", "2030年", "2033年", "2035年"], plan=True) == ["level", "target",
                                                                                           "target"]
