"""Rules for reports the suite has never seen (issue: unseen reports), on made-up sentences:
roles decided per figure, the kind of untitled texts, scope of short texts, places, non-figures,
the rule tables themselves, the clean command and override checks."""
import hashlib
import shutil
from pathlib import Path

import pytest

from helpers import cli
from helpers.clean import places, report_meta, reports, roles, segment
from helpers.clean.extract import extract_report
from helpers.core.errors import InputFileError

FIX = Path(__file__).resolve().parents[1] / "fixtures"


def by_raw(text, kind="summary"):
    return {f.raw: f for f in extract_report(text, 0, len(text), kind=kind)}


def kind_of(text):
    seg = segment.segment_text(text)[0]
    return report_meta.kind(seg, seg.text(text))


# ------------------------------------------------------------------ roles, per figure
ROLE_CASES = [
    # text, kind the report has, raw, role
    ("全县孕产妇系统管理率为93.1%，住院分娩率达99.8%。", "summary", "93.1%", "level"),
    ("全县孕产妇系统管理率为93.1%，住院分娩率达99.8%。", "summary", "99.8%", "level"),
    # a goal word in the figure's own clause makes a target, whatever the kind
    ("力争全镇建档率达到95%。", "summary", "95%", "target"),
    ("今年建档率达到88%，力争明年达到92%。", "summary", "88%", "level"),
    ("今年建档率达到88%，力争明年达到92%。", "summary", "92%", "target"),
    # the goal word opening the sentence governs its later clauses
    ("力争到年底，全区建档率达到90%，签约率达到40%。", "summary", "40%", "target"),
    ("到2030年，全市婴儿死亡率下降到4‰以下。", "summary", "4‰", "target"),
    ("计划全年完成孕前优生健康检查1200对。", "summary", "1200对", "target"),
    ("全区高血压患者规范管理率要达到65%以上。", "summary", "65%", "target"),
    # a requirement, a plan named or 将把 opening the sentence governs its later clauses
    ("全省要求，年末总人口要控制在8200万以内，人口出生率控制在11.5‰以内。", "summary", "11.5‰", "target"),
    ("今年我区将把总人口控制在310万以内，人口自然增长率控制在8‰以内。", "summary", "8‰", "target"),
    ("根据规划，全国总人口控制在14.2亿人以内，婴儿死亡率控制在9‰以下。", "summary", "9‰", "target"),
    # … but a requirement followed is no goal: what was done is a level
    ("根据省卫健委有关要求，截至7月底全市第一剂累计接种12.1万人，接种率约78%。", "summary", "78%", "level"),
    # the earlier count a comparison is made with, words between its year and the value
    ("全县常住人口为31.2万人，与2030年第七次全国人口普查的30.8万人相比，略有增长。", "summary", "30.8万人", "baseline"),
    # in a plan, figures without a past word are targets …
    ("全县住院分娩率达到98%以上。", "plan", "98%", "target"),
    # … but the plan's review of what was done gives levels
    ("去年全县住院分娩率达到97.2%。", "plan", "97.2%", "level"),
    ("截至目前，已签约家庭医生服务对象3.1万人。", "plan", "3.1万人", "level"),
    ("门诊人次52100人次，比去年同期增长8%。", "plan", "52100人次", "level"),
    # 计划生育 and 计划免疫 name programmes, not plans
    ("计划免疫接种率保持在95%以上。", "summary", "95%", "level"),
    # a limit in a summary is an outcome; in a plan, a goal
    ("孕产妇死亡率控制在12/10万以内。", "summary", "12/10万", "level"),
    ("孕产妇死亡率控制在12/10万以内。", "plan", "12/10万", "target"),
    # a value a goal names (…的目标) is a target, even when the report says it was met
    ("提前实现了规划中婴儿死亡率下降到6.3‰的目标。", "summary", "6.3‰", "target"),
    ("提前实现儿童死亡率分别控制在10‰和13‰以下的目标。", "summary", "13‰", "target"),
    ("建档率达到90%，完成了年初确定的目标。", "summary", "90%", "level"),
    # the value a standard requires or names is a target, even beside what was done
    ("建档率为86.1%，已达到标准要求75%的指标。", "summary", "75%", "target"),
    ("全县传染病发病率210.5/10万，低于全市280/10万的标准。", "summary", "280/10万", "target"),
    ("按要求，建档率应达到80%。", "summary", "80%", "target"),
    # the first value after a past era is where progress is measured from
    ("解放前，全县婴儿死亡率高达280‰，现在降至4‰。", "summary", "280‰", "baseline"),
    ("解放前，全县婴儿死亡率高达280‰，现在降至4‰。", "summary", "4‰", "level"),
    # in a plan, a sentence that opens with a year's end, or a year and the place, reports that year's status
    ("2030年末，全市人均预期寿命提高到80.3岁。", "plan", "80.3岁", "level"),
    ("2.主要指标：2029年，全县平均期望寿命74.1岁。", "plan", "74.1岁", "level"),
    # … but a year and the place without a comma may be a goal's deadline
    ("2035年全市婚检率均达98%以上。", "plan", "98%", "target"),
    ("2030年，全市孕产妇死亡率下降到10/10万以下。", "plan", "10/10万", "target"),
]


@pytest.mark.parametrize("text,kind,raw,role", ROLE_CASES)
def test_role_from_the_figures_own_sentence(text, kind, raw, role):
    assert by_raw(text, kind)[raw].role == role


def test_roles_in_a_mixed_text_follow_its_plan_heading():
    text = ("一、上半年工作情况\n全区建档率达到86.5%，规范化电子建档27.1万份。\n"
            "二、下半年工作打算\n全区建档率达到90%，签约率达到35%。\n")
    f = by_raw(text, kind="summary+plan")
    assert f["86.5%"].role == "level" and not f["86.5%"].in_plan
    assert f["90%"].role == "target" and f["90%"].in_plan and f["35%"].role == "target"


def test_one_value_for_a_list_of_measures_goes_to_each_of_them():
    out = extract_report("孕产妇系统管理率、住院分娩率均达到95%以上。", 0, 23)
    assert {f.indicator for f in out} == {"maternal_mgmt_rate", "hospital_delivery_rate"}
    # each measure is matched and vetoed on its own words: 筛查率 does not veto 高危孕产妇管理率
    out = extract_report("高危孕产妇管理率、筛查率均为99%。", 0, 18)
    assert [f.indicator for f in out] == ["high_risk_pregnancy_mgmt_rate"]


def test_a_comparison_that_opens_a_sentence_goes_on_about_the_sentence_before():
    f = by_raw("全市新农合参合率为96.2%，居全省前列。较上年提高了1.3个百分点；")
    assert f["1.3个百分点"].role == "change_pp" and f["1.3个百分点"].indicator == "ncms_participation_rate"


# ------------------------------------------------------------------ kind of an untitled text
def test_an_untitled_news_item_is_a_summary():
    text = ("本报讯 今年以来，我县扎实推进基本公共卫生服务。截至6月底，全县累计建立居民健康档案12.3万份，"
            "建档率达到87.6%，65岁以上老年人健康管理率为68.2%。孕产妇系统管理率达92.4%，同比提高1.5个百分点。")
    assert kind_of(text) == "summary"
    assert {f.role for f in by_raw(text, kind_of(text)).values() if f.indicator} <= {"level", "change_pp"}


def test_a_yearbook_entry_is_a_summary():
    text = "【妇幼保健】全县孕产妇系统管理率94.1%，3岁以下儿童系统管理率88.2%，住院分娩率99.1%。\n"
    assert kind_of(text) == "summary"


def test_an_untitled_text_mostly_about_the_future_is_a_plan():
    text = ("下一步，我县将进一步加强妇幼健康服务。力争全县孕产妇系统管理率达到95%以上。"
            "确保住院分娩率保持在99%以上。要加强高危孕产妇管理，计划新建3所标准化村卫生室。")
    assert kind_of(text) == "plan"


def test_a_plan_title_word_names_a_plan():
    assert kind_of("全县妇幼卫生发展规划\n全县孕产妇系统管理率达到95%。\n") == "plan"
    # 计划免疫 is the immunization programme: a section of results, not a plan
    assert kind_of("计划免疫工作\n全年卡介苗应种520人，实种515人，接种率99.04%。\n") != "plan"


# ------------------------------------------------------------------ scope
def test_a_short_health_news_item_is_in_scope_and_says_why_in_a_sentence():
    ok, why = report_meta.scope("本市今年参加无偿献血3.2万人次，采血量1100万毫升。")
    assert ok and why.startswith("A short health text that states") and why.endswith(".")
    assert "Blood donors" in why


def test_a_short_text_without_health_figures_stays_out_with_a_sentence():
    ok, why = report_meta.scope("欢迎访问本站，请登录后查看更多内容。")
    assert not ok and why.startswith("Not a health report") and why.endswith(".")


# ------------------------------------------------------------------ places
def test_traditional_place_names_are_matched_on_the_simplified_copy(tmp_path):
    p = tmp_path / "trad.txt"
    p.write_text("蘇州市吳中區衛生健康委員會2023年工作總結\n全區衛生健康工作穩步推進，吳中區居民健康檔案建檔率達92.1%。\n",
                 encoding="utf-8")
    row = reports.reports_for_file(p)[0]
    assert (row["city"], row["county"], row["script"]) == ("苏州市", "吴中区", "traditional")


def test_autonomous_prefecture_by_its_short_name_and_the_whole_prefecture_is_no_county():
    r = places.infer_place("甘孜州卫生健康委：全州卫生健康工作稳步推进，全州孕产妇系统管理率达到90%。")
    assert r.city == "甘孜藏族自治州" and r.county == "" and r.admin_level == "city"
    assert "全州县" not in r.region_name


def test_a_league_is_a_prefecture():
    r = places.infer_place("兴安盟卫生健康委员会：全盟卫生工作。兴安盟各旗县市推进家庭医生签约。")
    assert r.city == "兴安盟" and r.province == "内蒙古自治区"


def test_a_county_renamed_a_district_is_found_by_its_old_name():
    r = places.infer_place("江宁县卫生局：全县新农合工作。江宁县参合率达到95%。")
    assert r.county == "江宁区" and r.city == "南京市"
    assert "江宁县" in r.evidence


def test_a_county_short_name_after_its_city_or_province():
    r = places.infer_place("信息来源：天津河西\n全区人口计生工作，区卫生计生委推进改革。")
    assert (r.province, r.county) == ("天津市", "河西区")


def test_a_city_named_with_its_urban_area():
    r = places.infer_place("全市新建社区卫生服务站12个，蚌埠城区居民签约率达到41%。")
    assert r.city == "蚌埠市"


def test_an_anonymous_county_gets_the_province_its_words_say():
    r = places.infer_place("XX县卫生局：全县卫生工作。各苏木乡镇卫生院和嘎查卫生室开展服务，全旗签约率35%。")
    assert r.province == "内蒙古自治区" and r.county == "" and "旗/苏木/嘎查" in r.evidence
    r = places.infer_place("XX县：全县卫生工作，兵团医院对口支援，团场卫生院开展服务。")
    assert r.province == "新疆维吾尔自治区" and r.county == ""
    r = places.infer_place("XX县：达到了自治区的标准，获得自治州卫生红旗单位，全县卫生工作。")
    assert r.province == "新疆维吾尔自治区"


def test_a_city_short_name_said_again_and_again_names_the_city():
    r = places.infer_place("深圳卫生强市战略。深圳将新建医院12家，深圳居民人均期望寿命达到81岁。")
    assert r.city == "深圳市" and r.county == ""
    # twice is not enough, and a province's name is no vote for the city of its short name
    assert places.infer_place("深圳强市战略。深圳将新建医院12家。").city == ""
    r = places.infer_place("吉林省卫生健康委。吉林省全省孕产妇死亡率。吉林省住院分娩率达99%。")
    assert r.city != "吉林市"


def test_thin_or_split_evidence_gives_no_county():
    # one town name that several counties share, nothing else: no guess
    r = places.infer_place("全镇卫生工作。城关镇卫生院开展家庭医生签约服务。")
    assert r.county == "" and r.city == ""
    # three towns of three provinces: no county and no province, and the candidates are kept
    r = places.infer_place("全县卫生工作。马坝镇开展义诊，上溪镇卫生院、大通镇卫生院开展服务。")
    assert r.county == "" and r.province == ""
    assert "not decided:" in r.evidence and "上溪镇" in r.evidence


# ------------------------------------------------------------------ not figures
@pytest.mark.parametrize("text", [
    "索引号: 307021102000001300/2024 发布机构: 卫健委",
    "统一社会信用代码 12345678901234567X",
    "咨询电话：0531-8888888",
    "发布日期:2024-04-01 浏览次数:",
    "会议于8:30召开。",
    "日期2021.12.23",
    "1 | 床位数 |",
    "作者: 来源: 阅读: 2.3W 次",
    "浏览次数：2315",
])
def test_codes_dates_times_and_row_numbers_are_not_figures(text):
    assert list(by_raw(text)) == []


def test_a_table_row_label_gives_its_value_a_unit():
    f = by_raw("门急诊人次(人次) | 52310 |\n床位使用率% | 81.5 |\n平均住院日(日) | 7.9 |\n")
    assert f["52310"].indicator == "outpatient_visits" and f["52310"].unit == "person_times"
    assert f["81.5"].unit == "percent" and f["7.9"].unit == "days"


def test_a_pinyin_reading_inside_a_word_does_not_hide_the_word():
    text = "衛(wèi)生院居民健康檔(dàng)案建檔率達86.4%。"
    from helpers.ingest import textio

    f = by_raw(textio.working_copy(text))
    assert f["86.4%"].indicator == "health_records_rate"


# ------------------------------------------------------------------ the rule tables
def test_a_bad_role_table_names_its_line(tmp_path):
    p = tmp_path / "rules.csv"
    p.write_text("order,role,scope,cue,require_scope,require,unless_scope,unless,comment\n"
                 "1,target,paragraph,力争,,,,,goal\n99,level,any,,,,,,default\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: unknown scope 'paragraph'"):
        roles.rules.__wrapped__(p)


# ------------------------------------------------------------------ the clean command
def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_clean_writes_tables_elsewhere_and_never_touches_the_raw_folder(tmp_path, capsys):
    raw = tmp_path / "reports"
    raw.mkdir()
    for name in ("utf8.txt", "gb18030.txt", "empty.txt"):
        shutil.copy(FIX / name, raw / name)
    before = _digest(raw)
    out = tmp_path / "tables"
    code = cli.main(["clean", str(raw), "--out", str(out)])
    assert code == 3  # the empty file is skipped and reported, the others are cleaned
    assert _digest(raw) == before  # no manifest, no overrides template, nothing changed
    for t in ("reports", "figures", "quality", "input_problems"):
        assert (out / f"{t}.csv").exists()
    said = capsys.readouterr().out
    assert "SKIPPED empty.txt" in said and "in-scope report" in said
    assert not (out / "outputs").exists()


def test_clean_says_what_is_wrong_with_a_missing_folder(tmp_path, capsys):
    assert cli.main(["clean", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "no such folder" in capsys.readouterr().out


# ------------------------------------------------------------------ overrides
def test_an_override_value_its_column_cannot_hold_stops_with_a_clear_message(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(FIX / "utf8.txt", raw / "utf8.txt")
    from helpers.clean import reports
    from helpers.ingest import textio

    first = reports.segment_start(textio.load_text(raw / "utf8.txt"))
    (raw / "reports_overrides.csv").write_text(f"report_id,starts_with,in_scope,note\nutf8.txt#1,{first},maybe,typo\n",
                                               encoding="utf-8")
    assert cli.main(["clean", str(raw), "--out", str(tmp_path / "o")]) == 2
    said = capsys.readouterr().out
    assert "reports_overrides.csv" in said and "in_scope='maybe' must be true or false" in said


def test_overrides_are_checked_before_any_is_applied():
    import pandas as pd

    df = pd.DataFrame({"report_id": ["a#1", "a#2"], "kind": ["summary", "plan"], "in_scope": [True, True],
                       "overridden": ["", ""]})
    ov = pd.DataFrame({"report_id": ["a#1", "a#2"], "kind": ["plan", "memo"], "in_scope": ["false", ""]})
    with pytest.raises(InputFileError, match="kind='memo' must be one of summary, plan, summary\\+plan"):
        reports.apply_overrides(df.copy(), ov)
    ok = reports.apply_overrides(df.copy(), ov.iloc[:1])
    assert ok.loc[0, "kind"] == "plan" and bool(ok.loc[0, "in_scope"]) is False


# ---------------------------------------------------------------- rules found on the batches of 2026-12 (made-up sentences)
def _figs(text, kind="summary"):
    import pandas as pd
    from helpers.clean.figures import figures_for_text

    text += "\n"
    title = "某县卫生健康发展规划" if kind == "plan" else ""  # a plan by its title
    reps = pd.DataFrame([dict(report_id="a#1", source_file="a.txt", start=0, end=len(text), kind=kind, title=title)])
    return [(r[5], r[7], r[16], r[11], r[10]) for r in figures_for_text(text, reps)]


def test_a_plan_reviewing_a_past_period_states_levels():
    got = _figs("孕产妇死亡率由2030年的43.4/10万下降到2035年的33.1/10万。力争2040年孕产妇死亡率降至20/10万。", kind="plan")
    roles = {(raw, role) for raw, _, role, _, _ in got}
    assert ("43.4/10万", "baseline") in roles and ("33.1/10万", "level") in roles and ("20/10万", "target") in roles


def test_count_of_people_served_named_after_them():
    got = _figs("全区为1.5万对计划怀孕夫妇提供免费孕前优生健康检查。")
    assert ("1.5万对", "preconception_exam_count", "level", 15000.0, "") in got


def test_life_spans_of_a_from_to_sentence_and_by_sex():
    got = _figs("人均期望寿命由2030年的74.2岁提高到2035年的76.5岁，其中男性73.9岁、女性79.1岁。")
    assert ("74.2岁", "life_expectancy", "baseline", 74.2, "") in got
    assert ("76.5岁", "life_expectancy", "level", 76.5, "") in got
    assert ("79.1岁", "life_expectancy", "level", 79.1, "女性") in got


def test_pinyin_after_a_unit_does_not_hide_the_arrival():
    got = _figs("孕产(chǎn)妇死亡率由98.2/10萬(wàn)下降至51.5/10萬(wàn)。")
    assert ("51.5/10萬", "maternal_mortality_ratio", "level", 51.5, "") in [g for g in got]


def test_a_bulletin_without_tense_words_is_no_plan():
    from helpers.clean import report_meta

    text = ("2031年3月全省共报告法定传染病8120例，死亡3人。乙类传染病报告总数为2410例，死亡3例。"
            "报告病种为肝炎、肺结核、梅毒、淋病。同期丙类传染病发病5710例。发病数居前三位的病种依次为手足口病、"
            "流感、其他感染性腹泻病。手足口病报告病例数较上月有所增加。全省未报告甲类传染病。")
    assert not report_meta.mostly_future(text)


def test_digit_groups_of_a_journal_are_one_number():
    got = _figs("全年累计报告传染病发病2 481 307例，年平均发病率为1 215.36/10万。床位120 135张。")
    assert ("2 481 307例", "infectious_cases", "level", 2481307.0, "") in got
    assert ("1 215.36/10万", "infectious_incidence_rate", "level", 1215.36, "") in got
    assert [g[0] for g in got if g[0].startswith("120")] == ["120"]  # two table cells stay two numbers


def test_a_number_right_after_the_comparison_is_its_baseline():
    got = _figs("婴儿死亡率为3.61‰，较上年3.98‰下降了9.3%。")
    assert ("3.98‰", "infant_mortality_rate", "baseline", 3.98, "") in got
    assert ("9.3%", "infant_mortality_rate", "change_pct", -9.3, "") in got


def test_formula_factor_and_sex_ratio_convention_are_no_figures():
    got = _figs("出生人口性别比(以女孩为100)为108.4。规范管理率=规范管理人数/已管理人数×100%。")
    assert [g[0] for g in got] == ["108.4"]


def test_a_count_restated_in_brackets_keeps_its_indicator():
    got = _figs("全市为12.1万对(241530人)计划怀孕夫妇提供免费孕前优生健康检查。")
    assert ("241530人", "preconception_exam_count", "level", 241530.0, "") in got


def test_managed_patients_counted_in_cases():
    got = _figs("辖区医疗机构共管理糖尿病患者2.6万余例。")
    assert got[0][1] == "diabetes_mgmt_count" and got[0][3] == 26000.0


def test_brackets_baseline_future_target_and_a_life_span_change():
    got = _figs("全市居民期望寿命82.4岁，提升了1.2岁(2030年为81.2岁)。婴儿死亡率2.9‰(2030年为3.3‰)。")
    assert ("1.2岁", "life_expectancy", "change_abs", 1.2, "") in got
    assert ("3.3‰", "infant_mortality_rate", "baseline", 3.3, "") in got
    assert ("72%", "health_records_rate", "target", 72.0, "") in _figs("到年底，全县居民健康档案建档率将达到72%。")


def test_densities_named_once_for_a_list():
    got = _figs("每千常住人口执业(助理)医师3.2人，注册护士3.5人，实有床位6.1张。全县常住人口41.2万人。")
    assert [g[1] for g in got] == ["doctors_per_1000", "nurses_per_1000", "beds_per_1000", "registered_population"]


def test_diseases_a_bulletin_lists_are_case_counts():
    got = _figs("全市报告乙类传染病980例，较上月上升6.2%；报告发病数居前3位的病种分别是肺结核301例、乙型肝炎254例、梅毒97例。")
    assert ("254例", "infectious_cases", "level", 254.0, "乙型肝炎") in got
    assert ("97例", "infectious_cases", "level", 97.0, "梅毒") in got


def test_a_plan_sentence_opening_with_a_year_reviews_it_unless_it_sets_a_limit():
    got = _figs("2030年，孕产妇死亡率18.4/10万，婴儿死亡率6.1‰。2035年，全县孕产妇死亡率控制在15/10万以下。", kind="plan")
    roles = {raw: role for raw, _, role, _, _ in got}
    assert roles["18.4/10万"] == "level" and roles["6.1‰"] == "level" and roles["15/10万"] == "target"


def test_rates_written_as_fractions_and_a_zero_rate_in_words():
    got = _figs("孕产妇和婴儿死亡率分别为10万分之8.12和千分之4.07。全县孕产妇死亡率为零。")
    assert ("10万分之8.12", "maternal_mortality_ratio", "level", 8.12, "") in got
    assert ("千分之4.07", "infant_mortality_rate", "level", 4.07, "") in got
    assert ("零", "maternal_mortality_ratio", "level", 0.0, "") in got


def test_permille_lost_to_a_percent_sign_and_a_full_stop():
    got = _figs("婴儿死亡率为3.15%。建档率为85%。")
    assert ("3.15%", "infant_mortality_rate", "level", 3.15, "") in got
    assert ("85%", "health_records_rate", "level", 85.0, "") in got


def test_changes_in_counts_baselines_and_ceilings_in_brackets():
    got = _figs("全镇出生人口512人，比去年同期(498人)多生14人。")
    assert ("498人", "live_births", "baseline", 498.0, "") in got and ("14人", "live_births", "change_abs", 14.0, "") in got
    got = _figs("每门诊人次收费水平91.2元(市控指标95.5)，平均住院费用3010.4(市控指标3100)。建档率91.7%(全年目标数:90%)。")
    assert ("95.5", "avg_outpatient_cost", "target", 95.5, "") in got
    assert ("3010.4", "avg_inpatient_cost", "level", 3010.4, "") in got
    assert ("91.7%", "health_records_rate", "level", 91.7, "") in got and ("90%", "health_records_rate", "target", 90.0, "") in got


def test_a_programme_name_is_no_sub_group():
    got = _figs("全县新型农村合作医疗人数41.2万人。农村孕产妇住院分娩率99.2%。")
    assert ("41.2万人", "ncms_participants", "level", 412000.0, "") in got
    assert ("99.2%", "hospital_delivery_rate", "level", 99.2, "农村") in got


def test_from_an_era_to_a_level_and_lists_whose_subjects_come_a_clause_before():
    got = _figs("人均期望寿命从解放初期的36.2岁提高到71.4岁，比1950年的20.1岁提高了。为0到6岁儿童建档1200份。")
    assert ("36.2岁", "life_expectancy", "baseline", 36.2, "") in got
    assert ("71.4岁", "life_expectancy", "level", 71.4, "") in got
    assert not [g for g in got if g[0] == "6岁"]
    got = _figs("孕产妇死亡率和婴儿死亡率持续下降，分别降至31.5/10万和9.8‰。")
    assert [(g[1], g[3]) for g in got] == [("maternal_mortality_ratio", 31.5), ("infant_mortality_rate", 9.8)]
    # values stated before 分别 stay the list (门诊…人次，出院…人次，分别增长…)
    got = _figs("门诊人次12287，出院人次970，分别与同期相比增长4%，1.6%。")
    assert [(g[1], g[2]) for g in got][2:] == [("outpatient_visits", "change_pct"), ("inpatient_discharges", "change_pct")]


def test_ncms_wordings_of_pastoral_areas():
    got = _figs("参加新型农村合作医疗比率达95.1%；新型农牧区合作医疗121.4万人。")
    assert ("95.1%", "ncms_participation_rate", "level", 95.1, "") in got
    assert ("121.4万人", "ncms_participants", "level", 1214000.0, "") in got


def test_from_to_lists_after_fenbie():
    got = _figs("孕产妇死亡率、5岁以下儿童死亡率和婴儿死亡率分别由2030年的41.2/10万、11.5‰、10.1‰下降到2035年的9.6/10万、4.1‰和3.3‰。")
    assert [(g[1], g[2], g[3]) for g in got] == [
        ("maternal_mortality_ratio", "baseline", 41.2), ("under5_mortality_rate", "baseline", 11.5),
        ("infant_mortality_rate", "baseline", 10.1), ("maternal_mortality_ratio", "level", 9.6),
        ("under5_mortality_rate", "level", 4.1), ("infant_mortality_rate", "level", 3.3)]
    got = _figs("城镇、农村住院分娩率分别从91%提高到99.5%、82%提高到97.1%。")
    assert [(g[2], g[3], g[4]) for g in got] == [("baseline", 91.0, "城镇"), ("level", 99.5, "城镇"),
                                                 ("baseline", 82.0, "农村"), ("level", 97.1, "农村")]


def test_a_short_news_item_with_one_future_sentence_is_no_plan_and_per_thousand_with_a_slash():
    from helpers.clean import report_meta

    text = ("某市2031年度母婴安全工作获表彰。会议要求继续加强孕产妇保健。"
            "2031年某市孕产妇死亡率为5.1/10万，婴儿死亡率为2.6/千。全市住院分娩率99.9%。")
    assert not report_meta.mostly_future(text)
    got = _figs("婴儿死亡率为2.6/千。")
    assert ("2.6/千", "infant_mortality_rate", "level", 2.6, "") in got


def test_main_indicators_listed_as_goals_are_targets():
    got = _figs("今年工作的主要指标是:全县人口出生率控制在11.5‰以内，自然增长率控制在4.8‰以内。")
    assert ("4.8‰", "natural_growth_rate", "target", 4.8, "") in got


def test_changes_against_last_month():
    got = _figs("全市共报告法定传染病9120例，较上月同期(8713例)上升4.7%。")
    assert ("8713例", "infectious_cases", "baseline", 8713.0, "") in got
    assert ("4.7%", "infectious_cases", "change_pct", 4.7, "") in got


def test_a_list_of_rates_without_fenbie_after_any_rise_or_fall_to():
    got = _figs("孕产妇死亡率、婴儿死亡率、5岁以下儿童死亡率下降至7.1/10万、1.7‰、2.8‰，优于全国平均水平。")
    assert [(g[1], g[3]) for g in got] == [("maternal_mortality_ratio", 7.1), ("infant_mortality_rate", 1.7),
                                           ("under5_mortality_rate", 2.8)]
    got = _figs("孕产妇系统管理率和3岁以下儿童系统管理率提升到92.5%和90.1%。")
    assert [g[1] for g in got] == ["maternal_mgmt_rate", "child_u3_mgmt_rate"]


@pytest.mark.parametrize("text,raw,indicator,role,value", [
    # the items of a list under a line that sets goals are targets
    ("某市卫生强市建设，到2035年将实现：\n1、全市每千人口医疗机构床位数达到6.5张\n2、居民人均预期寿命达到82岁\n", "82岁",
     "life_expectancy", "target", 82.0),
    # a line that reports what was done: the items are levels
    ("2031年主要目标完成情况：\n1、居民人均预期寿命达到80.5岁\n", "80.5岁", "life_expectancy", "level", 80.5),
    # 应种 (due) beside 实种 (done) is no goal
    ("全年卡介苗应种520人，实种515人，接种率为99.04%。", "99.04%", "vaccination_rate", "level", 99.04),
    # a decade a span is measured from; a span up to now is no era to measure from
    ("人均寿命由上世纪60年代的41.2岁提高到72.5岁。", "41.2岁", "life_expectancy", "baseline", 41.2),
    ("人均寿命由上世纪60年代的41.2岁提高到72.5岁。", "72.5岁", "life_expectancy", "level", 72.5),
    ("上世纪90年代以来，全县人均期望寿命达到76.3岁。", "76.3岁", "life_expectancy", "level", 76.3),
])
def test_goal_lists_vaccine_rates_and_decades(text, raw, indicator, role, value):
    assert (raw, indicator, role, value, "") in _figs(text)


def test_the_items_of_a_list_under_a_line_that_sets_goals_are_targets():
    got = _figs("主要目标：\n（1）孕产妇死亡率控制在9/10万以下；\n（2）婴儿死亡率降至4‰。\n")
    assert [(g[1], g[2]) for g in got] == [("maternal_mortality_ratio", "target"), ("infant_mortality_rate", "target")]
    # no opening line: the items are levels
    got = _figs("全市卫生工作稳步推进。\n1、居民人均预期寿命达到80.5岁\n2、婴儿死亡率降至4‰\n")
    assert [g[2] for g in got] == ["level", "level"]


def test_family_planning_wordings():
    got = _figs("全年出生4120人，二孩生育率39.1%，合法生育率达到97.6%，已婚育龄妇女综合节育率87.2%。")
    assert [g[1] for g in got] == ["live_births", "second_child_share", "policy_birth_rate", "contraception_rate"]


def test_two_child_births_written_with_the_policy_s_name():
    # 两孩 as the 全面两孩 policy names it, in quotes after 其中, or with its 受益人群; traditional pages read the same
    got = _figs("前三季度全区共出生2310人，其中，“全面两孩”有804人；两孩出生比重同比提高3.2%。")
    assert [g[1] for g in got] == ["live_births", "second_child_births", "second_child_share"]
    got = _figs("據區衛計局統計，前三季度全區共出生2310人，其中全面兩孩受益人群出生804人。")
    assert [g[1] for g in got] == ["live_births", "second_child_births"]
    got = _figs("全镇综合避孕节育率90.2%，其中生育对象长效为主落实率61.5%，政策内出生率99.1%。")
    assert [g[1] for g in got] == ["contraception_rate", "long_acting_contraception_rate", "policy_birth_rate"]
    got = _figs("城镇综合节育措施率为83.1%，长效节育措施落实率72.4%。")
    assert [g[1] for g in got] == ["contraception_rate", "long_acting_contraception_rate"]


# ------------------------------------------------------------------ counts that change, labels before a colon
@pytest.mark.parametrize("text,raw,indicator,role,value", [
    # a change word right after the counted subject is a change, no comparison word needed
    ("2031年全县出生人口减少近800人。", "800人", "live_births", "change_abs", -800.0),
    ("全年门诊人次增加1.5万人次。", "1.5万人次", "outpatient_visits", "change_abs", 15000.0),
    # a comparison with a named earlier period (“十三五”期间, 2029年) makes 多出生 a change too
    ("“十四五”期间年均出生2.1万人，比“十三五”期间年均多出生1200人。", "1200人", "live_births", "change_abs", 1200.0),
    # a label, a colon, the value: the label names the measure
    ("本月报告传染病情况如下。乙类：315例，丙类：1022例。", "315例", "infectious_cases", "level", 315.0),
    # a disease named before a rate of a list of incidences
    ("发病率居前三位的病种是：肺结核(41.3/10万)、梅毒(20.6/10万)、乙肝(18.2/10万)。", "20.6/10万",
     "infectious_incidence_rate", "level", 20.6),
])
def test_changes_of_counts_colon_labels_and_disease_rates(text, raw, indicator, role, value):
    f = by_raw(text)[raw]
    assert (f.indicator, f.role, f.value) == (indicator, role, value)


@pytest.mark.parametrize("text,raw,indicator,qualifier", [
    # a sub-group's or a wider area's value right after a whole-place rate is the same rate, qualified
    ("全县婴儿死亡率4.1‰，其中城市3.2‰，农村5.0‰。", "5.0‰", "infant_mortality_rate", "农村"),
    ("孕产妇死亡率12.5/10万（全省为15.2/10万）。", "15.2/10万", "maternal_mortality_ratio", "全省"),
    ("人均期望寿命79.1岁，其中男性76.8岁、女性81.5岁。", "81.5岁", "life_expectancy", "女性"),
    # 婴幼儿死亡率 and 产妇死亡率 are how some reports write the infant and maternal rates
    ("全市婴幼儿死亡率为4.7‰。", "4.7‰", "infant_mortality_rate", ""),
    ("全区产妇死亡率为9.3/10万。", "9.3/10万", "maternal_mortality_ratio", ""),
])
def test_parts_and_wider_areas_of_a_rate(text, raw, indicator, qualifier):
    f = by_raw(text)[raw]
    assert (f.indicator, f.qualifier) == (indicator, qualifier)


def test_a_count_after_a_rate_is_no_part_of_it():
    assert by_raw("建档率95%，农村120人。")["120人"].indicator == ""


def test_a_list_of_rates_without_fenbie_pairs_values_with_subjects():
    got = by_raw("全区孕产妇死亡率和婴儿死亡率控制在11.2/10万和3.9‰。")
    assert got["11.2/10万"].indicator == "maternal_mortality_ratio"
    assert got["3.9‰"].indicator == "infant_mortality_rate"
    got = by_raw("孕产妇死亡率、婴儿死亡率和5岁以下儿童死亡率降至9.5/10万、3.1‰、4.4‰。")
    assert [got[r].indicator for r in ("9.5/10万", "3.1‰", "4.4‰")] == [
        "maternal_mortality_ratio", "infant_mortality_rate", "under5_mortality_rate"]


@pytest.mark.parametrize("text,raw,indicator,qualifier", [
    ("常规免疫“五苗”覆盖率均达到92%。", "92%", "vaccination_rate", ""),
    ("新型农村合作医疗覆盖率达98%。", "98%", "ncms_participation_rate", ""),
    # a named county among the parts of a rate is that county's value
    ("全市参合率97.5%，其中东县98.1%、西县96.2%。", "96.2%", "ncms_participation_rate", "西县"),
])
def test_more_wordings_of_vaccination_and_ncms_rates(text, raw, indicator, qualifier):
    f = by_raw(text)[raw]
    assert (f.indicator, f.qualifier) == (indicator, qualifier)


def test_the_whole_place_is_no_part_of_itself():
    assert by_raw("建档率93%，全县95%。")["95%"].indicator == ""


def test_names_listed_before_one_measure_of_a_fenbie_list_are_its_items():
    got = by_raw("报告发病数居前三位的是梅毒、肺结核、乙肝，发病率分别为31.2/10万、25.6/10万和19.8/10万。")
    assert [(got[r].indicator, got[r].qualifier) for r in ("31.2/10万", "25.6/10万", "19.8/10万")] == [
        ("infectious_incidence_rate", "梅毒"), ("infectious_incidence_rate", "肺结核"),
        ("infectious_incidence_rate", "乙肝")]


@pytest.mark.parametrize("text,raw,indicator,unit", [
    # a rate named right before a value that lost its unit takes the rate's unit
    ("全区新生儿死亡率为3.12，婴儿死亡率为4.05。", "4.05", "infant_mortality_rate", "permille"),
    # a decimal before 日 is a length in days, not a day of the month
    ("出院者平均住院日为8.6日。", "8.6日", "avg_length_of_stay", "days"),
    ("孕产妇系统保健管理率达95.2%。", "95.2%", "maternal_mgmt_rate", "percent"),
])
def test_units_read_from_the_measure_and_days(text, raw, indicator, unit):
    f = by_raw(text)[raw]
    assert (f.indicator, f.unit) == (indicator, unit)


def test_a_whole_number_before_ri_is_still_a_date():
    assert "15" not in {f.raw_value for f in extract_report("5月15日召开会议。", 0, 9)}


@pytest.mark.parametrize("text,raw,indicator", [
    # 千人口 without 每 is the same density
    ("全县千人口床位数达到5.6张。", "5.6张", "beds_per_1000"),
    # the per-1,000 prefix of a list's first item serves the others; an item's own measure outranks a veto
    # in the words after it
    ("每千人口执业医师、注册护士分别为2.6人、3.1人。", "2.6人", "doctors_per_1000"),
    ("每千人口执业医师、注册护士分别为2.6人、3.1人。", "3.1人", "nurses_per_1000"),
    # a long label before a colon names its value
    ("主要目标。高血压患者健康管理率：40%；糖尿病患者规范管理率：60%。", "40%", "hypertension_health_mgmt_rate"),
])
def test_densities_and_labelled_values(text, raw, indicator):
    assert by_raw(text)[raw].indicator == indicator


@pytest.mark.parametrize("text,raw,qualifier", [
    ("其中：一孩出生1210人，同比减少96人。", "1210人", "一孩"),
    ("全县出生6300人，其中计划外出生410人。", "410人", "计划外"),
])
def test_births_by_order_or_policy_are_parts(text, raw, qualifier):
    f = by_raw(text)[raw]
    assert (f.indicator, f.qualifier) == ("live_births", qualifier)


def test_only_a_plan_by_its_title_reads_bare_values_as_targets():
    from types import SimpleNamespace as R

    from helpers.clean import figures

    assert figures._role_kind(R(kind="plan", title="某县2032年卫生健康工作要点")) == "plan"
    # taken for a plan only by its future words (a news item on a meeting): its values are what they say
    assert figures._role_kind(R(kind="plan", title="全市卫生计生工作结硕果")) == "summary"
    assert figures._role_kind(R(kind="summary+plan", title="")) == "summary+plan"


def test_the_standard_a_level_is_held_to_is_its_indicators_target():
    f = by_raw("建档率为86.1%，已达到标准要求75%的指标。")["75%"]
    assert (f.indicator, f.role) == ("health_records_rate", "target")


def test_diseases_that_rose_or_fell_with_their_change_in_brackets():
    got = by_raw("与去年同期相比，上升的病种为梅毒（35%）、肺结核（8.2%），下降的病种为：出血热（50%）、肝炎（11.4%）。")
    assert (got["35%"].indicator, got["35%"].role, got["35%"].value, got["35%"].qualifier) == (
        "infectious_cases", "change_pct", 35.0, "梅毒")
    assert (got["11.4%"].value, got["11.4%"].qualifier) == (-11.4, "肝炎")


def test_points_of_a_rate_per_100000_and_short_names_of_two_rates():
    f = by_raw("全市孕产妇死亡率、婴儿死亡率比上年分别降低3.12十万分点、1.05千分点。")
    assert (f["3.12十万分点"].indicator, f["3.12十万分点"].role, f["3.12十万分点"].unit) == (
        "maternal_mortality_ratio", "change_pp", "per_100k")
    assert (f["1.05千分点"].indicator, f["1.05千分点"].role) == ("infant_mortality_rate", "change_pp")
    f = by_raw("全乡农村孕产妇入院分娩率达到97.2%，计生率96.1%。")
    assert f["97.2%"].indicator == "hospital_delivery_rate"
    assert f["96.1%"].indicator == "policy_birth_rate"


def test_herders_enrolled_in_the_rural_scheme_are_its_participants():
    f = by_raw("截至目前，全旗参合农牧民为18.2万人，参合率达98%。")
    assert (f["18.2万人"].indicator, f["18.2万人"].value) == ("ncms_participants", 182000.0)


def test_a_chain_of_counts_goes_on_past_an_item_the_catalog_lacks_and_their_rates_follow_without_fenbie():
    f = by_raw("全镇管理高血压患者5120人、糖尿病患者1304人、肺结核患者31人、严重精神障碍患者207人，"
               "规范管理率为78.4%、76.9%、95.1%、92.6%。")
    assert [f[r].indicator for r in ("5120人", "1304人", "31人", "207人")] == [
        "hypertension_mgmt_count", "diabetes_mgmt_count", "", "severe_mental_mgmt_count"]
    # each rate is its count's, in order; the one of the item the catalog lacks stays unfiled (not the last's)
    assert [f[r].indicator for r in ("78.4%", "76.9%", "95.1%", "92.6%")] == [
        "hypertension_mgmt_rate", "diabetes_mgmt_rate", "", "severe_mental_mgmt_rate"]
    # with 分别 and a count between that is no item of the chain, the rates still go with the chain
    f = by_raw("管理高血压患者6230人、糖尿病患者1810人，随访9000人次，规范管理率分别为70.5%、66.2%。")
    assert (f["70.5%"].indicator, f["66.2%"].indicator) == ("hypertension_mgmt_rate", "diabetes_mgmt_rate")
    # subjects listed before one measure and as many values: one each
    f = by_raw("高血压、糖尿病患者规范管理率为80.2%、77.5%。")
    assert (f["80.2%"].indicator, f["77.5%"].indicator) == ("hypertension_mgmt_rate", "diabetes_mgmt_rate")


def test_a_target_a_level_is_said_to_exceed_is_that_levels():
    f = by_raw("全县新生儿疾病筛查率98.6%，超出省定目标任务(95%)3.6个百分点。")
    assert (f["95%"].indicator, f["95%"].role) == ("newborn_screening_rate", "target")


def test_a_paragraph_opening_with_the_next_year_plans_it():
    text = ("2031年全区家庭医生签约率达到47%。\n"
            "2032年是新规划的开局之年，全区将抓好以下工作。优化签约服务，推动重点人群签约率提升至80%以上。")
    got = {f.raw: f for f in extract_report(text, 0, len(text), year=2031)}
    assert (got["47%"].role, got["80%"].role) == ("level", "target")
    # the report's own year opening a paragraph is no plan; without the report's year nothing is assumed
    same = "2031年全区家庭医生签约率达到47%。\n2031年，全区重点人群签约率提升至76%。"
    assert {f.role for f in extract_report(same, 0, len(same), year=2031)} == {"level"}
    assert {f.role for f in extract_report(text, 0, len(text))} == {"level"}


def test_a_density_that_names_only_per_1000_residents_is_of_the_count_before():
    f = by_raw("全县拥有病床数512张，每千人口2.41张。医生数301人，千人均1.37人。护士163人，每千人口0.76人。")
    assert [(f[r].indicator, f[r].unit) for r in ("2.41张", "1.37人", "0.76人")] == [
        ("beds_per_1000", "per_1000"), ("doctors_per_1000", "per_1000"), ("nurses_per_1000", "per_1000")]
    # the counts themselves are no densities
    assert f["512张"].indicator != "beds_per_1000" and f["301人"].indicator != "doctors_per_1000"


def test_a_value_named_only_by_its_year_continues_the_measure_before():
    text = "全市2028年出生人口为9.21万人，2029年为8.67万人，2030年为8.15万人。"
    got = {f.raw: f for f in extract_report(text, 0, len(text), year=2030)}
    assert [(got[r].indicator, got[r].role) for r in ("9.21万人", "8.67万人", "8.15万人")] == [
        ("live_births", "baseline"), ("live_births", "baseline"), ("live_births", "level")]
    # a value of another kind after a year is not the measure's
    assert by_raw("全县建档率达95%，2030年有3家医院。")["3家"].indicator == ""


def test_a_sex_ratio_written_to_one_is_per_100_girls_and_its_restatement_in_brackets_is_the_same():
    f = by_raw("全年出生人口9210人，出生人口男女性别比为1.13:1(即113)。")
    assert (f["1.13:1"].indicator, f["1.13:1"].value, f["1.13:1"].unit) == ("sex_ratio_at_birth", 113.0, "ratio_100")
    assert (f["113"].indicator, f["113"].unit) == ("sex_ratio_at_birth", "ratio_100")
    # a score or a whole-number proportion is no ratio to one
    assert "3:1" not in by_raw("比赛以3:1获胜，全县建档率95%。")


def test_scaled_values_carry_no_float_noise():
    f = by_raw("全年门诊4.02万人次，住院1.1亿元。")
    assert f["4.02万人次"].value == 40200.0


def test_a_space_before_or_after_a_decimal_point_is_layout():
    from helpers.clean import compact

    text = "同比上升102 .81%，建档率95. 2%，表中 12 35 例。"
    cm = compact.build(text)
    assert cm.apply(text) == "同比上升102.81%，建档率95.2%，表中12 35例。"


def test_a_shared_measure_is_borrowed_only_from_a_last_item_the_catalog_knows():
    f = by_raw("新生儿、婴儿和5岁以下儿童死亡率分别为0.91‰、2.2‰、3.4‰。")
    assert [f[r].indicator for r in ("0.91‰", "2.2‰", "3.4‰")] == [
        "neonatal_mortality_rate", "infant_mortality_rate", "under5_mortality_rate"]
    # the last item names no catalog count (a TCM count): the first is no plain older people's management count
    f = by_raw("65岁以上老年人、0-3岁儿童中医药管理数分别为2980、1377。")
    assert f["2980"].indicator == ""


def test_a_series_in_order_over_a_span_of_years_gives_each_year_its_value():
    text = "结果：某县2031-2034年婴儿死亡率呈逐年下降趋势，依次为：9.8‰、8.1‰、7.2‰、6.5‰。"
    got = [(f.indicator, f.role) for f in extract_report(text, 0, len(text), year=2034)]
    assert got == [("infant_mortality_rate", "baseline")] * 3 + [("infant_mortality_rate", "level")]
    # as many values as years only: otherwise one measure, no year each
    text = "某县2031-2034年婴儿死亡率依次为：9.8‰、6.5‰。"
    assert [f.role for f in extract_report(text, 0, len(text), year=2034)] == ["level", "level"]


# ------------------------------------------------------------------ several figures of one sentence: indicator and role
#: text, then (raw, indicator, role) of each figure asked about
SENTENCE_CASES = [
    # a list from values down to values with a one-character verb
    ("婴儿死亡率、孕产妇死亡率分别由4.12‰、11.2/10万降至3.05‰、8.7/10万。",
     [("4.12‰", "infant_mortality_rate", "baseline"), ("11.2/10万", "maternal_mortality_ratio", "baseline"),
      ("3.05‰", "infant_mortality_rate", "level"), ("8.7/10万", "maternal_mortality_ratio", "level")]),
    # an item without a measure shares the measure words of the last item
    ("全县孕产妇和婴儿死亡率降至11.8/10万和4.2‰，同比分别下降2.1%和3.4%。",
     [("11.8/10万", "maternal_mortality_ratio", "level"), ("4.2‰", "infant_mortality_rate", "level"),
      ("2.1%", "maternal_mortality_ratio", "change_pct"), ("3.4%", "infant_mortality_rate", "change_pct")]),
    # the goals a quoted plan document sets are targets across its semicolons
    ("《某县妇女儿童发展规划(2031-2040年)》提出，提高出生人口素质；新生儿疾病筛查率达到96%以上；"
     "婴儿死亡率控制在4‰以下。《规划》实施以来，全县婴儿死亡率降至3.1‰。",
     [("96%", "newborn_screening_rate", "target"), ("4‰", "infant_mortality_rate", "target"),
      ("3.1‰", "infant_mortality_rate", "level")]),
]


@pytest.mark.parametrize("text,want", SENTENCE_CASES)
def test_each_figure_of_a_sentence_gets_its_indicator_and_role(text, want):
    f = by_raw(text)
    assert [(f[r].indicator, f[r].role) for r, _, _ in want] == [(i, role) for _, i, role in want]
