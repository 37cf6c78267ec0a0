"""Table-driven tests of the unit grammar, roles, flags and indicator mapping on made-up sentences."""
import math

import pytest

from helpers.clean.extract import extract_report


#: The year the made-up texts' file declares masked (as data/raw/masked_years.csv does for the shipped files).
MASKED = frozenset({"2024"})


def figs(text, kind="summary", mask_years=MASKED):
    return extract_report(text, 0, len(text), kind=kind, mask_years=mask_years)


def one(text, raw, kind="summary"):
    out = [f for f in figs(text, kind) if f.raw == raw]
    assert out, f"{raw!r} not found in {[f.raw for f in figs(text, kind)]}"
    return out[0]


UNITS = [
    # text, raw, value, unit
    ("全区累计建立居民健康档案29.76万份。", "29.76万份", 297600, "records"),
    ("建档率达91.95%%;", "91.95%%", 91.95, "percent"),
    ("出院人次增长11.6 %。", "11.6 %", 11.6, "percent"),
    ("乙类传染病发病率为145.50 /10万，", "145.50 /10万", 145.5, "per_100k"),
    ("五岁以下儿童死亡率9.38‰。", "9.38‰", 9.38, "permille"),
    ("出生人口性别比113.73:100。", "113.73:100", 113.73, "ratio_100"),
    ("全区出院1.9万余人次。", "1.9万余人次", 19000, "person_times"),
    ("应筹集参合资金3.6亿余元。", "3.6亿余元", 3.6e8, "yuan"),
    ("采血量335600ml，", "335600ml", 335600, "ml"),
    ("献血量达283600毫升。", "283600毫升", 283600, "ml"),
    ("全血量1822升。", "1822升", 1822000, "ml"),
    ("共清除垃圾7392吨，", "7392吨", 7392000, "kg"),
    ("婴儿死亡率3.1‰，较去年下降0.4个千分点。", "0.4个千分点", -0.4, "permille"),
    ("婴儿死亡率较去年下降0.4千分点。", "0.4千分点", -0.4, "permille"),
    ("人均期望寿命达到78.5岁，", "78.5岁", 78.5, "years"),
    ("人口自然增长率为-1.2‰，", "-1.2‰", -1.2, "permille"),
    ("人口自然增长率为负1.2‰。", "负1.2‰", -1.2, "permille"),
    ("门诊人次增长5%-6%。", "5%-6%", 5, "percent"),  # a range with the unit at both ends: one figure
    ("每千人口执业（助理）医师2.3名，每千人口床位数5.1张。", "5.1张", 5.1, "per_1000"),
    ("处置医疗废物35.6公斤。", "35.6公斤", 35.6, "kg"),
    ("建档率达９１．９５％。", "９１．９５％", 91.95, "percent"),
    ("满意度达到百分之四十。", "百分之四十", 40, "percent"),
    ("共报告传染病1227例。", "1227例", 1227, "cases"),
    ("接种67072剂次。", "67072剂次", 67072, "doses"),
    ("完成孕前优生健康检查夫妇5014对。", "5014对", 5014, "couples"),
    ("区内住院率提高3.56个百分点。", "3.56个百分点", 3.56, "percentage_points"),
]


@pytest.mark.parametrize("text,raw,value,unit", UNITS)
def test_unit_grammar(text, raw, value, unit):
    f = one(text, raw)
    assert f.unit == unit
    assert math.isclose(f.value, value, rel_tol=1e-9)
    assert text[f.start:f.end] == raw


NOT_FIGURES = [
    "根据《实施方案》(郊卫〔2024〕8号)，",
    "2024年上半年以来，",
    "于5月20日召开会议，",
    "1、促进乡镇村级卫生计生业务深度融合",
    "第17次常务会议听取汇报。",
    "为0-6岁儿童提供服务，",
    "XX年1-6月门诊就诊人次增加。",
    "加强人感染H7N9禽流感防控。",
    "开通12320卫生热线。",
    "立足“十三五”，进一步推进。",
    "65岁以上老年人和0－36个月儿童中医药健康管理服务覆盖率。",   # an age range in months
    "70后高龄产妇准备生育。",                                      # a generation
    "共受理各项/ 9 卫生许可。",                                    # a page mark run into the text
    "孕产妇死亡率（1/10万）、婴儿死亡率（‰）",                       # a table column's unit
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text):
    assert figs(text) == []


ROLES = [
    ("全区二孩出生263人，比去年同期增加115人，增长率77.7%。", "115人", "change_abs", 115, "second_child_births"),
    ("全区二孩出生263人，比去年同期增加115人，增长率77.7%。", "77.7%", "change_pct", 77.7, "second_child_births"),
    ("共有667984人参加新农合，较上年减少7220人，参合率97%。", "7220人", "change_abs", -7220, "ncms_participants"),
    ("乙类传染病发病率为145.50 /10万，同比下降5.97%。", "5.97%", "change_pct", -5.97, "infectious_incidence_rate"),
    ("政策生育率同比提高1.75个百分点。", "1.75个百分点", "change_pp", 1.75, "policy_birth_rate"),
    ("1-5月份免费婚检3448对，婚检率85.26%(完成全年任务的50.71%)。", "50.71%", "completion", 50.71, "premarital_exam_count"),
    ("今年全区免费孕前优生任务数为359对。", "359对", "target", 359, "preconception_exam_count"),
    ("全区家庭医生签约33652人，签约率42%。", "42%", "level", 42, "family_doctor_signing_rate"),
]


@pytest.mark.parametrize("text,raw,role,value,indicator", ROLES)
def test_roles_and_signs(text, raw, role, value, indicator):
    f = one(text, raw)
    assert (f.role, f.indicator) == (role, indicator)
    assert math.isclose(f.value, value)


def test_plan_reports_state_targets():
    f = one("力争签约率达到30%以上。", "30%", kind="plan")
    assert f.role == "target" and "lower_bound" in f.flags and "以上" in f.approx


FLAGS = [
    ("门诊人均费用为XX2.48元，", "XX2.48元", "masked", None),
    ("投入资金1XX万元。", "1XX万元", "masked", None),
    ("发放宣传资料共2024余份。", "2024余份", "suspicious", 2024),
    ("年内新增省级重点专科5-8个。", "5-8个", "range", 5),
    ("接种率保持在90%以上。", "90%", "lower_bound", 90),
]


@pytest.mark.parametrize("text,raw,flag,value", FLAGS)
def test_flags(text, raw, flag, value):
    f = one(text, raw)
    assert flag in f.flags
    assert (f.value is None) if value is None else math.isclose(f.value, value)


def test_range_keeps_its_upper_end():
    f = one("年内新增省级重点专科5-8个。", "5-8个")
    assert f.value_high == 8


@pytest.mark.parametrize("text,raw,approx", [
    ("全区共签约33652人，", "33652人", ""),         # 约 of 签约 is a word
    ("全区户籍人口约27.7万人。", "27.7万人", "约"),
    ("最近新建卫生室12所。", "12所", ""),            # 近 of 最近
    ("门诊量接近5万人次。", "5万人次", "接近"),
])
def test_approximation_words_not_parts_of_other_words(text, raw, approx):
    assert one(text, raw).approx == approx


def test_approx_words():
    assert one("出院1.9万余人次。", "1.9万余人次").approx == "余"
    assert "约" in one("户籍人口约27.7万人。", "27.7万人").approx


def test_fenbie_lists_map_values_to_subjects():
    text = ("65岁以上老年人、高血压患者、Ⅱ型糖尿病患者规范管理数分别为8235、9374、2406，"
            "规范管理率分别达84.65%、60%、39.99%;")
    got = {f.raw: f.indicator for f in figs(text)}
    assert got == {"8235": "elderly_mgmt_count", "9374": "hypertension_mgmt_count", "2406": "diabetes_mgmt_count",
                   "84.65%": "elderly_mgmt_rate", "60%": "hypertension_mgmt_rate", "39.99%": "diabetes_mgmt_rate"}


def test_parts_after_qizhong_inherit_the_total():
    text = "签订服务协议543份，其中高级服务包304人，中级服务包196人，初级服务包43人。"
    got = {f.raw: f.indicator for f in figs(text)}
    assert set(got.values()) == {"family_doctor_signed"}


def test_deaths_are_not_cases():
    text = "全区共报告传染病1227例，其中：死亡病例2例(艾滋病1例，肺结核1例)。"
    got = {f.raw: f.indicator for f in figs(text)}
    assert got["1227例"] == "infectious_cases"
    assert got["2例"] == "" and got["1例"] == ""


def test_chinese_numeral_count_only_in_a_cut_out_span():
    f = one("今年发生一起案件，进一步加强监管。", "一起")
    assert f.value == 1 and f.unit == "cases"
    assert [x.raw for x in figs("进一步深化十三五规划。")] == []


def test_full_width_comma_is_not_a_thousands_separator():
    got = [(f.raw, f.value) for f in figs("全年接种任务为剂次：164318，7469人。")]
    assert got == [("164318", 164318), ("7469人", 7469)]
    assert one("报告发病1,227例。", "1,227例").value == 1227


def test_type_and_class_numbers_are_not_figures():
    assert [f.raw for f in figs("纳入管理2型糖尿病患者3398人。")] == ["3398人"]


IND, ROLE, QUAL, VALUE = "indicator", "role", "qualifier", "value"
#: One table of cue, role and qualifier rules: (text, raw, the fields to check). Only the fields given
#: are asserted; a comment says what a case guards against.
CUES = [
    # facilities, groups and diseases as qualifiers; a change carries the qualifier of its level
    ("今年上半年，市二院门、急诊5600人次，出院420人次。", "420人次", {IND: "inpatient_discharges", QUAL: "市二院"}),
    ("县妇幼保健院门诊人次8800，出院人次310。", "8800", {IND: "outpatient_visits", QUAL: "县妇幼保健院"}),
    ("乙类传染病发病率为120.5/10万，同比下降3.2%。", "3.2%", {IND: "infectious_incidence_rate", QUAL: "乙类"}),
    ("全县出院8000人次，同比增长2.5%。", "2.5%", {IND: "inpatient_discharges", QUAL: ""}),
    ("全区住院分娩率达99.5%。", "99.5%", {IND: "hospital_delivery_rate", QUAL: ""}),
    # every facility of the place is the place; after 其中 the same words are one kind of facility
    ("全区医疗卫生机构总诊疗人次达到812.6万人次。", "812.6万人次", {IND: "outpatient_visits", QUAL: ""}),
    ("全县各级医疗机构出院9.8万人次。", "9.8万人次", {IND: "inpatient_discharges", QUAL: ""}),
    ("共计立案处罚27起，其中医疗机构立案处罚23起。", "23起", {IND: "health_penalty_cases", QUAL: "医疗机构"}),
    # 建档 alone, with records, is the health-record count (not 建档立卡, poverty registration)
    ("居民电子健康档案建档率达到85.6%，累计建档55.9万份。", "55.9万份", {IND: "health_records_count"}),
    ("建档立卡贫困人口2.1万人。", "2.1万人", {IND: ""}),
    # a change is about the level right before it, even one no indicator names
    ("门诊人次同比增长12.3%，药占比下降至32.5%，比去年同期下降3个百分点。", "3个百分点",
     {IND: "drug_share", ROLE: "change_pp", VALUE: -3}),
    ("全县出院9800人次，平均住院日8.5天，同比下降2.1%。", "2.1%", {IND: "avg_length_of_stay", ROLE: "change_pct"}),
    ("全县出院9800人次，开展健康教育讲座120场，同比增长2.1%。", "2.1%", {IND: "", ROLE: "change_pct"}),
    # health status and resources: life expectancy in years, doctors, beds and GPs per population
    ("人均期望寿命达到78.5岁，比上年提高0.3岁。", "0.3岁", {IND: "life_expectancy", ROLE: "change_abs", VALUE: 0.3}),
    ("每千人口执业（助理）医师2.3名，每千人口床位数5.1张。", "2.3名", {IND: "doctors_per_1000", ROLE: "level"}),
    ("每千人口执业（助理）医师2.3名，每千人口床位数5.1张。", "5.1张", {IND: "beds_per_1000"}),
    ("每千常住人口注册护士2.8人。", "2.8人", {IND: "nurses_per_1000"}),
    ("每万名居民拥有全科医生2.1名。", "2.1名", {IND: "gp_per_10k"}),
    # reform, maternal-child, TB and birth-structure indicators of city reports
    ("县域内就诊率达到90.3%，基层医疗卫生机构诊疗量占总诊疗量的58.6%。", "58.6%", {IND: "primary_care_visit_share"}),
    ("县域内就诊率达到90.3%，基层医疗卫生机构诊疗量占总诊疗量的58.6%。", "90.3%", {IND: "county_treatment_rate"}),
    ("门诊病人次均医药费用同比下降1.2%。", "1.2%", {IND: "avg_outpatient_cost", ROLE: "change_pct", VALUE: -1.2}),
    ("0-6岁儿童健康管理率93.1%，新生儿访视率95.6%。", "93.1%", {IND: "child_0_6_mgmt_rate"}),
    ("0-6岁儿童健康管理率93.1%，新生儿访视率95.6%。", "95.6%", {IND: "newborn_visit_rate"}),
    ("肺结核患者成功治疗率达到92%。", "92%", {IND: "tb_treatment_success_rate"}),
    ("全年出生人口1.6万人，二孩占比52.3%，人口自然增长率6.1‰。", "52.3%", {IND: "second_child_share"}),
    ("全年出生人口1.6万人，二孩占比52.3%，人口自然增长率6.1‰。", "6.1‰", {IND: "natural_growth_rate", ROLE: "level"}),
    # a baseline (the earlier period's value a change starts from) is not this period's level
    ("婴儿死亡率由去年的5.2‰下降到3.8‰。", "5.2‰", {IND: "infant_mortality_rate", ROLE: "baseline"}),
    ("婴儿死亡率由去年的5.2‰下降到3.8‰。", "3.8‰", {IND: "infant_mortality_rate", ROLE: "level"}),
    ("孕产妇系统管理率从2016年的85.3%提高到2017年的91.2%。", "91.2%", {IND: "maternal_mgmt_rate", ROLE: "level"}),
    ("家庭医生签约率达到35%，比上年的28%提高7个百分点。", "28%", {IND: "family_doctor_signing_rate", ROLE: "baseline"}),
    ("家庭医生签约率达到35%，比上年的28%提高7个百分点。", "7个百分点", {IND: "family_doctor_signing_rate", VALUE: 7}),
    ("乙类传染病发病率由去年的150.2/10万下降到120.5/10万。", "120.5/10万",
     {IND: "infectious_incidence_rate", QUAL: "乙类", ROLE: "level"}),
    ("住院分娩率比上年提高1.2个百分点，达到99.6%。", "99.6%", {IND: "hospital_delivery_rate", ROLE: "level"}),
    ("由2家县级医院牵头组建医联体。", "2家", {ROLE: "level"}),  # 由 "by", not "from"
    # an approximation between a change and its value; a combined outpatient + inpatient total is neither
    ("门诊人次同比增长约3%。", "3%", {IND: "outpatient_visits", ROLE: "change_pct"}),
    ("门急诊和住院总人次比去年同期增长近20%。", "20%", {IND: "", ROLE: "change_pct"}),
    ("今年上半年，市二院门、急诊5600人次、住院420人次。", "420人次", {IND: "inpatient_discharges"}),
    ("新生儿代谢性疾病筛查31863人，筛查率91.63%。", "91.63%", {IND: "newborn_screening_rate"}),
    ("新生儿疾病筛查率100%，新生儿听力筛查率98.2%。", "98.2%", {IND: ""}),
    # classes of facilities are sub-groups; length of stay in days; bed occupancy; a share of visits
    ("全区二级以上公立医院门急诊人次586.3万人次，同比增长4.5%。", "586.3万人次",
     {IND: "outpatient_visits", QUAL: "二级以上公立医院"}),
    ("基层医疗卫生机构门急诊量达到356.2万人次，占全区总门急诊量的61.2%。", "356.2万人次", {QUAL: "基层医疗卫生机构"}),
    ("基层医疗卫生机构门急诊量达到356.2万人次，占全区总门急诊量的61.2%。", "61.2%",
     {IND: "primary_care_visit_share", QUAL: ""}),
    ("平均住院日7.8天，比上年缩短0.3天；病床使用率88.6%。", "0.3天",
     {IND: "avg_length_of_stay", ROLE: "change_abs", VALUE: -0.3}),
    ("平均住院日7.8天，比上年缩短0.3天；病床使用率88.6%。", "88.6%", {IND: "bed_occupancy_rate"}),
    # a limit followed by the actual value is a target; family-planning rates
    ("出生人口性别比控制在112以内，实际为109.6。", "112", {IND: "sex_ratio_at_birth", ROLE: "target"}),
    ("出生人口性别比控制在112以内，实际为109.6。", "109.6", {IND: "sex_ratio_at_birth", ROLE: "level"}),
    ("孕产妇死亡率控制在15/10万以内。", "15/10万", {IND: "maternal_mortality_ratio", ROLE: "level"}),
    ("落实长效节育措施1250例，避孕节育综合率88.6%。", "88.6%", {IND: "contraception_rate"}),
    ("免费孕前优生健康检查3120人，目标人群覆盖率达到85.2%。", "85.2%", {IND: "preconception_exam_coverage"}),
    # a verb before the first item of a 、 list serves the next item when that item names its subject
    ("管理高血压患者8650人、糖尿病患者2140人。", "2140人", {IND: "diabetes_mgmt_count"}),
    ("免费孕前优生健康检查8人、免费为15名流入育龄妇女施行了取环手术。", "15名", {IND: ""}),
    ("长效节育措施落实率为88.69%、及时率为65.93%。", "65.93%", {IND: ""}),
    # rates 分别 after a list of counts are those counts' rates, in order
    ("管理高血压患者8650人、糖尿病患者2140人，规范管理率分别为71.2%、68.5%。", "68.5%", {IND: "diabetes_mgmt_rate"}),
    ("管理高血压患者8650人、糖尿病患者2140人，规范管理率分别为71.2%、68.5%。", "71.2%", {IND: "hypertension_mgmt_rate"}),
    ("流动人口政策生育率95.2%。", "95.2%", {IND: "policy_birth_rate", QUAL: "流动人口"}),
    # mortality and management rates take their subject from the sentence
    ("五岁以下儿童死亡4人，死亡率为9.38‰。", "9.38‰", {IND: "under5_mortality_rate"}),
    ("婴儿死亡8例，婴儿死亡率2.9‰，新生儿死亡6例，新生儿死亡率2.15‰。", "2.15‰", {IND: "neonatal_mortality_rate"}),
    ("婴儿死亡8例，婴儿死亡率2.9‰，新生儿死亡6例，新生儿死亡率2.15‰。", "2.9‰", {IND: "infant_mortality_rate"}),
    ("孕产妇死亡1例，死亡率为12.5/10万。", "12.5/10万", {IND: "maternal_mortality_ratio"}),
    ("高危妊娠93人、管理率100%。", "100%", {IND: "high_risk_pregnancy_mgmt_rate"}),
    # left-over words are a qualifier only when they name a sub-group
    ("65岁以上老年人中医药健康管理覆盖率为62.78%。", "62.78%", {QUAL: ""}),      # a rate word
    ("常住人口3岁以下儿童系统管理率95.28%。", "95.28%", {QUAL: "常住"}),
    ("全区户籍人口32.54万人。", "32.54万人", {QUAL: ""}),                         # 户籍 is the indicator itself
    ("报告传染病中手足口病377例。", "377例", {QUAL: "手足口病"}),
    ("预计今年全区新建居民健康档案148102份。", "148102份", {QUAL: ""}),          # a verb phrase
    ("计生特殊家庭成员家庭医生签约人数102人。", "102人", {IND: "family_doctor_signed", QUAL: "计生特殊家庭成员"}),
    # target then actual, the rate of a count, vetoes after the number, 计划生育 is not a plan
    ("开展免费孕前优生健康检查任务为1418人,实际检查1854人,完成率达130.74%。", "1854人",
     {IND: "preconception_exam_count", ROLE: "level", QUAL: ""}),
    ("开展免费孕前优生健康检查任务为1418人,实际检查1854人,完成率达130.74%。", "130.74%",
     {IND: "preconception_exam_count", ROLE: "completion", QUAL: ""}),
    ("全县8000名农牧民中有6000名参加了新型合作医疗，占全县农牧民总人数的75%。", "75%",
     {IND: "ncms_participation_rate", ROLE: "level", QUAL: ""}),
    ("有3623名参加合作医疗的农牧民因病住院。", "3623名", {IND: "", ROLE: "level", QUAL: ""}),
    ("截至12月底，全县计划生育率84.97%。", "84.97%", {IND: "policy_birth_rate", ROLE: "level", QUAL: ""}),
    ("长效节育措施落实率为88.69%。全年共落实计划生育手术3783例。", "88.69%",
     {IND: "long_acting_contraception_rate", ROLE: "level", QUAL: ""}),
    ("新建居民健康档案148102份，其中65岁以上老年人17895人。", "17895人",
     {IND: "health_records_count", ROLE: "level", QUAL: "65岁以上老年人"}),
    ("政策生育率同比提高1.75个百分点，比全市平均水平高出0.18个百分点。", "0.18个百分点",
     {IND: "", ROLE: "change_pp", QUAL: ""}),                                     # a gap to an average
    ("门急诊次均费用同比下降4%。", "4%", {IND: "avg_outpatient_cost", ROLE: "change_pct", QUAL: ""}),
    ("采集全血5342人次，全血量1822升。", "5342人次", {IND: "blood_donors", ROLE: "level", QUAL: ""}),
    ("查处违法案件150起，行政处罚5000元。", "5000元", {IND: "health_fines", ROLE: "level", QUAL: ""}),
    ("住院分娩100%。", "100%", {IND: "hospital_delivery_rate", ROLE: "level", QUAL: ""}),
    ("孕前优生健康检查完成率为102.3%。", "102.3%", {IND: "preconception_exam_count", ROLE: "completion", QUAL: ""}),
    ("全年出生人口3456人。", "3456人", {IND: "live_births", ROLE: "level", QUAL: ""}),
    ("孕前优生健康检查目标人群覆盖率达95%以上。", "95%", {IND: "preconception_exam_coverage", ROLE: "level", QUAL: ""}),  # 目标人群: a population
    ("全区孕产妇死亡率为0，婴儿死亡率3.1‰。", "0", {IND: "maternal_mortality_ratio", QUAL: ""}),
    ("各类国家免疫规划疫苗报告接种率在95%以上。", "95%", {IND: "vaccination_rate", QUAL: "免疫规划"}),
    ("在农村以乡镇为单位签约服务覆盖率达到100%。", "100%", {IND: "family_doctor_signing_rate", QUAL: "农村"}),
    ("出生人口5621人，自然增长率4.32‰。", "4.32‰", {IND: "natural_growth_rate", ROLE: "level", VALUE: 4.32, QUAL: ""}),
    ("全县报告甲乙类传染病325例。", "325例", {IND: "infectious_cases", ROLE: "level", VALUE: 325, QUAL: "甲乙类"}),
    ("家庭医生签约服务覆盖常住人口的32.5%。", "32.5%",
     {IND: "family_doctor_signing_rate", ROLE: "level", VALUE: 32.5, QUAL: "常住"}),
    ("全县规范化电子建档人数达到38.5万人。", "38.5万人", {IND: "health_records_count", QUAL: ""}),
    # a timely-vaccination rate is a vaccination rate of that vaccine (the development set's annotators count it)
    ("乙肝疫苗首针及时接种率96.2%。", "96.2%", {IND: "vaccination_rate", ROLE: "level"}),
    ("传染病报告及时率98.5%。", "98.5%", {IND: ""}),                            # reporting timeliness is not
    ("全县共有新农合参合人口42.3万人。", "42.3万人", {IND: "ncms_participants", QUAL: ""}),
    ("县医院门诊人次23.5万。", "23.5万", {IND: "outpatient_visits", QUAL: "县医院"}),
    ("全县医院门诊人次45.2万人次。", "45.2万人次", {IND: "outpatient_visits", QUAL: ""}),  # every hospital
    # 分别 lists: an item's own measure words, a measure written once, a sign for every change
    ("辖区户籍人口、流动人口政策生育率分别为90.36%、92.32%。", "90.36%",
     {IND: "policy_birth_rate", ROLE: "level", QUAL: "户籍"}),
    ("辖区户籍人口、流动人口政策生育率分别为90.36%、92.32%。", "92.32%",
     {IND: "policy_birth_rate", ROLE: "level", QUAL: "流动人口"}),
    ("全区乙肝疫苗、卡介苗、麻疹疫苗接种率分别为98.2%、99.1%、97.6%。", "99.1%",
     {IND: "vaccination_rate", ROLE: "level", QUAL: "卡介苗"}),
    ("门诊次均费用186.5元，住院次均费用6532元，分别比上年下降2.1%和1.5%。", "2.1%",
     {IND: "avg_outpatient_cost", ROLE: "change_pct", VALUE: -2.1, QUAL: ""}),
    ("门诊次均费用186.5元，住院次均费用6532元，分别比上年下降2.1%和1.5%。", "1.5%",
     {IND: "avg_inpatient_cost", ROLE: "change_pct", VALUE: -1.5, QUAL: ""}),
    ("孕产妇住院分娩率、孕产妇系统管理率、3岁以下儿童系统管理率分别达到99.8%、95.6%和92.1%。", "99.8%",
     {IND: "hospital_delivery_rate"}),
    ("孕产妇住院分娩率、孕产妇系统管理率、3岁以下儿童系统管理率分别达到99.8%、95.6%和92.1%。", "95.6%",
     {IND: "maternal_mgmt_rate"}),
    ("婴儿死亡率、5岁以下儿童死亡率和孕产妇死亡率分别控制在5‰、6‰和20/10万以内。", "6‰", {IND: "under5_mortality_rate"}),
    ("婴儿死亡率、5岁以下儿童死亡率和孕产妇死亡率分别控制在5‰、6‰和20/10万以内。", "20/10万",
     {IND: "maternal_mortality_ratio"}),
    ("全年共出生2356人，其中二孩1012人。", "1012人", {IND: "second_child_births"}),
]


@pytest.mark.parametrize("text,raw,expected", CUES)
def test_cue_role_and_qualifier_rules(text, raw, expected):
    f = one(text, raw)
    for field, want in expected.items():
        got = getattr(f, field)
        assert got == (pytest.approx(want) if field == VALUE else want), (field, got, want)


def test_one_value_shared_by_two_indicators_gives_a_row_each():
    got = {(f.raw, f.indicator, f.how) for f in figs("高血压、糖尿病患者规范管理率均达到60%以上。")}
    assert got == {("60%", "diabetes_mgmt_rate", "cue"), ("60%", "hypertension_mgmt_rate", "shared")}
    got = {f.indicator for f in figs("65岁以上老年人和0-36个月儿童中医药健康管理服务覆盖率达到55%。")}
    assert got == {"tcm_child_rate", "tcm_elderly_rate"}
    # a 分别 list is not a shared value
    assert [f.indicator for f in figs("孕产妇系统管理率和3岁以下儿童系统管理率分别为93.2%和91.5%。")] == [
        "maternal_mgmt_rate", "child_u3_mgmt_rate"]


def test_a_count_equal_to_a_year_is_suspicious_only_where_that_year_is_declared_masked():
    f = [x for x in figs("发放宣传资料共2024余份。", mask_years=frozenset()) if x.raw == "2024余份"][0]
    assert "suspicious" not in f.flags and f.value == 2024


@pytest.mark.parametrize("text,raw,low,high", [
    ("建档率达85-90%。", "85-90%", 85, 90),
    ("签约率达70%～75%。", "70%～75%", 70, 75),
    ("签约率达70%至75%。", "70%至75%", 70, 75),
])
def test_a_range_is_one_figure_with_both_ends(text, raw, low, high):
    out = [f for f in figs(text) if f.value is not None]
    assert len(out) == 1
    f = one(text, raw)
    assert (f.value, f.value_high) == (low, high) and "range" in f.flags


def test_a_from_to_change_is_no_range():
    out = [(f.raw, f.role) for f in figs("签约率由70%至75%。")]
    assert out == [("70%", "baseline"), ("75%", "level")]
