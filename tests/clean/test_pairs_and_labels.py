"""Values of a pair written once (a unit after the last, baselines before 分别), values labelled only by a month or a
sub-group, and the wordings of catalog measures real reports use (made-up sentences)."""
import pytest

from helpers.clean.extract import extract_report


def by_raw(text, kind="summary"):
    return {f.raw: f for f in extract_report(text, 0, len(text), kind=kind)}


#: text, then (raw, indicator, role, value, qualifier) of each figure asked about
CASES = [
    # a unit written once, after the last value of a pair: both take it, with its 万
    ("全镇建档率为81%，签约率为37%，分别提高2.4和1.1个百分点。",
     [("2.4", "health_records_rate", "change_pp", 2.4, ""),
      ("1.1个百分点", "family_doctor_signing_rate", "change_pp", 1.1, "")]),
    ("全年门诊和住院分别为8.6和0.7万人次。",
     [("8.6", "outpatient_visits", "level", 86000.0, "")]),
    # a number with its own 万 keeps it
    ("2031和2032年出生人口分别为1.4万和1.6万人。", [("1.4万", "live_births", "level", 14000.0, "")]),
    # two baselines before 分别 belong to the two levels before them, in order
    ("全市孕产妇死亡率降至6.1/10万，婴儿死亡率降至2.2‰，较2031年的9.4/10万和3.3‰分别降低35%和33%。",
     [("9.4/10万", "maternal_mortality_ratio", "baseline", 9.4, ""),
      ("3.3‰", "infant_mortality_rate", "baseline", 3.3, ""),
      ("35%", "maternal_mortality_ratio", "change_pct", -35.0, ""),
      ("33%", "infant_mortality_rate", "change_pct", -33.0, "")]),
    ("全县婴儿死亡率为4.6‰，5岁以下儿童死亡率为6.9‰，较上年的5.2‰和7.7‰分别下降0.6和0.8个千分点。",
     [("5.2‰", "infant_mortality_rate", "baseline", 5.2, ""),
      ("7.7‰", "under5_mortality_rate", "baseline", 7.7, ""),
      ("0.6", "infant_mortality_rate", "change_pp", -0.6, "")]),
    # a value labelled only by a sub-group of a pair is the same measure, for that sub-group
    ("全区人均期望寿命为男75.3岁，女80.6岁。",
     [("75.3岁", "life_expectancy", "level", 75.3, "男"), ("80.6岁", "life_expectancy", "level", 80.6, "女")]),
    ("住院分娩率城镇为99.6%，农村为98.2%。",
     [("98.2%", "hospital_delivery_rate", "level", 98.2, "农村")]),
    # … or only by a month, maybe with its rise
    ("1月，全市手足口病新发病例1310例，2月增长到4820例。",
     [("4820例", "infectious_cases", "level", 4820.0, "手足口病")]),
    # 提高为 names the value arrived at, its 由…的 value the baseline
    ("全县二孩及以上出生占总出生人数比重由2031年的35.2%提高为41.8%。",
     [("35.2%", "second_child_share", "baseline", 35.2, ""), ("41.8%", "second_child_share", "level", 41.8, "")]),
    # wordings of catalog measures
    ("全年诊疗病人12.3万人次，入院治疗0.9万人次。",
     [("12.3万人次", "outpatient_visits", "level", 123000.0, ""),
      ("0.9万人次", "inpatient_discharges", "level", 9000.0, "")]),
    ("合作医疗参保人数18.2万人，产妇住院分娩比例99.5%。",
     [("18.2万人", "ncms_participants", "level", 182000.0, ""), ("99.5%", "hospital_delivery_rate", "level", 99.5, "")]),
    ("新生儿遗传代谢性疾病筛查达97.3%，免费孕前优生健康检查率达到96%。",
     [("97.3%", "newborn_screening_rate", "level", 97.3, ""),
      ("96%", "preconception_exam_coverage", "level", 96.0, "")]),
    ("门诊每人次收费 88.40元。", [("88.40元", "avg_outpatient_cost", "level", 88.4, "")]),
    # cases of a disease the catalog's measure words do not end in (流行性感冒, 流腮, 甲肝), the disease named
    # last before the value its qualifier, and a total after a list of diseases
    ("全区报告丙类传染病手足口病75例、流行性感冒41例，甲肝3例，流腮19例。",
     [("75例", "infectious_cases", "level", 75.0, "手足口病"), ("41例", "infectious_cases", "level", 41.0, "流行性感冒"),
      ("3例", "infectious_cases", "level", 3.0, "甲肝"), ("19例", "infectious_cases", "level", 19.0, "流腮")]),
    ("报告病例居前三位的是乙肝(210例)、肺结核(160例)、梅毒(44例)，合计414例。",
     [("414例", "infectious_cases", "level", 414.0, "")]),
    # a vaccine named right before its coverage: the rate is that vaccine's
    ("全区免疫规划疫苗接种率：卡介苗99.2%、乙肝疫苗97.1%、百白破98.4%。",
     [("99.2%", "vaccination_rate", "level", 99.2, "卡介苗"), ("97.1%", "vaccination_rate", "level", 97.1, "乙肝疫苗"),
      ("98.4%", "vaccination_rate", "level", 98.4, "百白破")]),
    # second children counted right after 二孩, and their share right after the count
    ("全年出生8.6万人，其中一孩4.1万人，二孩3.9万人(占比45.3%)。",
     [("3.9万人", "second_child_births", "level", 39000.0, ""), ("45.3%", "second_child_share", "level", 45.3, "")]),
    # a sentence that opens with 其中 breaks down the last figure of the sentence before
    ("全区居民平均期望寿命为80.9岁。其中：男性78.4岁，女性83.5岁。",
     [("78.4岁", "life_expectancy", "level", 78.4, "男性"), ("83.5岁", "life_expectancy", "level", 83.5, "女性")]),
    ("全旗户籍总人口15.2万人。其中，城镇人口9.1万人，乡村人口6.1万人。",
     [("9.1万人", "registered_population", "level", 91000.0, "城镇"),
      ("6.1万人", "registered_population", "level", 61000.0, "乡村")]),
    # the sexes in brackets after the whole
    ("全区户籍人口期望寿命82.4岁(男性80.1岁、女性84.9岁)。",
     [("80.1岁", "life_expectancy", "level", 80.1, "男性"), ("84.9岁", "life_expectancy", "level", 84.9, "女性")]),
    ("全年诊治病人21.6万人次，新型农村合作医疗参合30.2万人。",
     [("21.6万人次", "outpatient_visits", "level", 216000.0, ""), ("30.2万人", "ncms_participants", "level", 302000.0, "")]),
    # what will be had or done (将有, 将为) is a target
    ("今年全市将有6.8万名婴儿出生。", [("6.8万名", "live_births", "target", 68000.0, "")]),
    # values in brackets after a wider area's level: the measures of the levels before, for that area
    ("全市孕产妇死亡率为9.8/10万，婴儿死亡率为3.9‰，均低于全省平均水平（12.6/10万、4.7‰）。",
     [("12.6/10万", "maternal_mortality_ratio", "level", 12.6, "全省"), ("4.7‰", "infant_mortality_rate", "level", 4.7, "全省")]),
    ("二孩2.7万人，占比48.2%，比上年增加3.1个百分点。",
     [("48.2%", "second_child_share", "level", 48.2, ""), ("3.1个百分点", "second_child_share", "change_pp", 3.1, "")]),
    ("全市孕产妇系统服务率为98.8%，3岁以下儿童系统服务率为95.1%，7岁以下儿童健康服务率为97.7%。",
     [("98.8%", "maternal_mgmt_rate", "level", 98.8, ""), ("95.1%", "child_u3_mgmt_rate", "level", 95.1, ""),
      ("97.7%", "child_u7_coverage_rate", "level", 97.7, "")]),
]


@pytest.mark.parametrize("text,want", CASES)
def test_pairs_labels_and_wordings(text, want):
    f = by_raw(text)
    got = [(r, f[r].indicator, f[r].role, f[r].value, f[r].qualifier) for r, *_ in want]
    assert got == [tuple(w) for w in want]


@pytest.mark.parametrize("text,raw", [
    # surgery, NCMS compensations, per-capita rates and a doctor's daily load are no visits or discharges
    ("住院手术人次数312.5万人次，同比增长4.1%。", "312.5万人次"),
    ("其中，住院补偿8120人次，补偿支出2100万元。", "8120人次"),
    ("医师日均担负诊疗6.5人次和住院1.8床日。", "6.5人次"),
    # a gap to a quota is no change over time
    ("全县人口自然增长率为2.1‰，低于责任指标3.5个千分点。", "3.5个千分点"),
    ("全县出生率、自然增长率分别为8.1‰和2.2‰，分别低于责任指标4.1和3.9个千分点。", "3.9个千分点"),
    # an item that names a measure of its own (出生率, not in the catalog) does not borrow the last item's
    ("全县人口出生率、自然增长率分别为8.1‰和2.2‰。", "8.1‰"),
    # a part after 其中 is a part of the whole before 其中, not of the item before it (多孩 are no second children)
    ("全镇共出生婴儿380人，其中一孩300人，二孩71人，多孩9人。", "9人"),
])
def test_values_that_get_no_indicator(text, raw):
    assert by_raw(text)[raw].indicator == ""


def test_a_unit_is_shared_only_from_a_value_that_has_one():
    f = by_raw("全年共有3和5个乡镇完成，评分为86和91。")
    assert "unit_from_next" in f["3"].flags and f["3"].unit == f["5个"].unit
    assert f["86"].unit_kind == "bare" and "unit_from_next" not in f["86"].flags


def test_a_full_stop_printed_as_the_decimal_point():
    f = by_raw("全镇参合农民达到21。4万人，参合率达91。3%。共120。3月份完成。")
    assert (f["21。4万人"].value, f["21。4万人"].indicator) == (214000.0, "ncms_participants")
    assert f["91。3%"].value == 91.3
    assert "120" in f and "3月份" not in str(list(f))  # a stop before a month stays a stop


@pytest.mark.parametrize("year,role", [(2031, "level"), (2030, "target")])
def test_a_deadline_the_report_has_reached_states_a_level(year, role):
    text = "到2031年，全县孕产妇死亡率14.2/10万，婴儿死亡率4.9‰。"
    got = {f.raw: f.role for f in extract_report(text, 0, len(text), year=year)}
    assert got == {"14.2/10万": role, "4.9‰": role}


def test_a_deadline_with_a_goal_word_stays_a_target():
    text = "到2031年，力争全县孕产妇死亡率降至12/10万。"
    assert [f.role for f in extract_report(text, 0, len(text), year=2031)] == ["target"]


def test_a_table_row_pasted_as_plain_text_takes_its_label_s_unit():
    """label, then the row's cells separated by spaces (a table copied as text): a bare cell takes the unit its
    label names (平均住院天数 → days, 死亡率(‰) → ‰)."""
    text = "效率指标 平均住院天数 7.92 9.40\n婴儿死亡率(‰) 3.1 2.8\n"
    got = {(f.raw, f.indicator, f.unit) for f in extract_report(text, 0, len(text))}
    assert {("7.92", "avg_length_of_stay", "days"), ("9.40", "avg_length_of_stay", "days"),
            ("3.1", "infant_mortality_rate", "permille"), ("2.8", "infant_mortality_rate", "permille")} <= got
    # prose with a space before a bare number takes no unit from a label
    text = "今年全镇召开工作会议 7 次，培训乡村医生。\n"
    assert {f.indicator for f in extract_report(text, 0, len(text))} == {""}


def test_a_goal_named_after_the_value_is_the_level_s_target():
    text = "全镇参保率为96.3%，超额完成上级下达92%的目标。"
    got = {(f.raw, f.indicator, f.role) for f in extract_report(text, 0, len(text))}
    assert ("92%", "ncms_participation_rate", "target") in got and ("96.3%", "ncms_participation_rate", "level") in got
