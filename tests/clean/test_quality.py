"""Each quality check on made-up text: what it flags, and what it must leave alone."""
import pandas as pd
import pytest

from helpers.clean import figures, quality

SRC = "made_up.txt"


def run(text, kind="summary", period="annual", admin_level="district", year_masked=False):
    reps = pd.DataFrame([dict(report_id="t#1", source_file=SRC, start=0, end=len(text), kind=kind, in_scope=True,
                              period=period, admin_level=admin_level, year_masked=year_masked, year_reported="",
                              duplicate_of="", region_name="某区", region_en="X District")])
    figs = figures.frame(figures.figures_for_text(text, reps, {"2024"}))  # the made-up file masks 2024
    return quality.run_checks(figs, reps, {SRC: text}, {"2024"})


def found(q, check, severity=None):
    q = q[q["check"] == check]
    return q if severity is None else q[q["severity"] == severity]


def test_recomputed_rate_mismatch_is_a_warning():
    q = run("第三次“三查”应查1000人，已查900人，“三查”率为92.61%。")
    w = found(q, "rate_recomputed", "warning")
    assert len(w) == 1 and "90.00%" in w.iloc[0]["message"] and "92.61%" in w.iloc[0]["message"]


def test_recomputed_rate_that_matches_is_a_note():
    q = run("全县78462名农牧民中有67925名农牧民参加了新型合作医疗，占全县农牧民总人数的86.57%。")
    assert len(found(q, "rate_recomputed", "note")) == 1
    assert found(q, "rate_recomputed", "warning").empty


def test_rate_base_may_stand_two_figures_back():
    q = run("孕产妇427人，建册426人，系统管理382人，系统管理率89.46%。")
    n = found(q, "rate_recomputed", "note")
    assert len(n) == 1 and "382人 / 427人" in n.iloc[0]["message"]


def test_unrelated_counts_are_not_recomputed():
    q = run("全区户籍人口约27.7万人，已婚育龄妇女5.51万人，政策生育率为91.95%。")
    assert found(q, "rate_recomputed").empty


def test_contradiction_with_both_sentences_and_repeat_noted_once():
    text = ("老年人健康管理率达88.4%。孕产妇系统管理率87.5%。"
            "下一段。老年人健康管理率达84.65%。孕产妇系统管理率为87.5%。")
    q = run(text)
    w = found(q, "contradiction", "warning")
    assert len(w) == 1 and w.iloc[0]["indicator"] == "elderly_mgmt_rate"
    assert "88.4%" in w.iloc[0]["quotes"] and "84.65%" in w.iloc[0]["quotes"]
    n = found(q, "contradiction", "note")
    assert len(n) == 1 and n.iloc[0]["indicator"] == "maternal_mgmt_rate"


def test_parts_that_add_up_are_verified_and_parts_above_total_flagged():
    ok = run("全区共报告传染病1227例，其中乙类传染病585例，丙类传染病642例。")
    assert "verified" in found(ok, "parts_total", "note").iloc[0]["message"]
    bad = run("全区共报告传染病1000例，其中乙类传染病585例，丙类传染病642例。")
    assert len(found(bad, "parts_total", "warning")) == 1


def test_parts_then_total():
    q = run("甲组10人、乙组20人、丙组30人，合计65人。")
    w = found(q, "parts_total", "warning")
    assert len(w) == 1 and "= 60" in w.iloc[0]["message"]


@pytest.mark.parametrize("text,severity", [
    ("住院分娩率达101.5%。", "error"),
    ("出生人口性别比为145.2。", "warning"),
    ("婴儿死亡率为95.3‰。", "warning"),
    ("新建健康档案2024余份。", "warning"),
    ("人均期望寿命达到178.5岁。", "warning"),
    ("每千人口床位数51张。", "warning"),
])
def test_plausibility(text, severity):
    assert len(found(run(text), "plausibility", severity)) == 1


def test_plausible_values_raise_nothing():
    q = run("住院分娩率达99.5%，出生人口性别比为105.93，婴儿死亡率为3.2‰，门诊人次同比增长120%。"
            "人均期望寿命78.5岁，每千人口床位数5.1张，人口自然增长率-1.2‰。")
    assert found(q, "plausibility").empty


def test_masked_and_missing_numbers_are_listed():
    q = run("门诊人均费用为XX2.48元。乙肝疫苗应种人，实种人，接种率%。")
    assert len(found(q, "masked")) == 1
    m = found(q, "missing_number")
    assert len(m) == 1 and m.iloc[0]["values"] == "率%"


def test_comparability_note_names_period_level_and_masked_year():
    q = run("全区住院分娩率达99.5%。", period="H1", admin_level="county", year_masked=True)
    msg = found(q, "comparability").iloc[0]["message"]
    assert "H1" in msg and "county" in msg and "masked" in msg


def test_figure_flags_mark_only_errors_and_warnings():
    q = run("住院分娩率达101.5%。全区共报告传染病1227例，其中乙类传染病585例，丙类传染病642例。")
    flags = quality.figure_flags(q)
    assert list(flags["quality"]) == ["error"]


def test_summary_counts_by_severity():
    q = run("住院分娩率达101.5%。")
    reps = pd.DataFrame([dict(report_id="t#1", in_scope=True, region_name="", region_en="", period="annual",
                              admin_level="district")])
    s = quality.summary(q, reps)
    assert s.iloc[0]["errors"] == 1 and s.iloc[0]["checks_run"] == len(quality.CHECKS)


@pytest.mark.parametrize("text,severity", [
    ("婴儿死亡率由去年的5.2‰下降到3.8‰，下降1.4个千分点。", "note"),
    ("婴儿死亡率由去年的5.2‰下降到3.8‰，下降2.4个千分点。", "warning"),
    ("孕产妇系统管理率从2016年的85.3%提高到2017年的91.2%，提高5.9个百分点。", "note"),
    ("门诊人次由10万人次增加到12万人次，增长20%。", "note"),
    ("门诊人次由10万人次增加到12万人次，增长25%。", "warning"),
])
def test_a_change_is_recomputed_from_its_baseline_and_level(text, severity):
    q = found(run(text), "change_recomputed")
    assert list(q["severity"]) == [severity], q["message"].tolist()
    assert len(q.iloc[0]["figures"].split(";")) == 3


def test_no_change_check_without_a_baseline():
    assert found(run("住院分娩率比上年提高1.2个百分点，达到99.6%。"), "change_recomputed").empty
