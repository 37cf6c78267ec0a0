"""Every rule of the rule tables is data with a comment, and every not-figure rule fires on a made-up example.

A new row of ``not_figures.csv`` needs an example here: the test fails for a rule without one."""
import csv

import pytest

from helpers.clean import roles
from helpers.clean.extract import extract_report
from helpers.clean.numbers import _not_a_figure, not_figure_rules
from helpers.core import catalog

#: rule -> (made-up text, the number in it that is no figure)
NOT_FIGURE_EXAMPLES = {
    "formula_factor": ("建档率=建档人数/常住人口数×100%。", "100"),
    "convention_100": ("出生人口性别比(以女孩为100)为107.2。", "100"),
    "time_word": ("截至6月底，全镇共有卫生室12个。", "6"),
    "masked_year_word": ("20**年全镇卫生工作总结", "20"),
    "name_word": ("管理2型糖尿病患者315人。", "2"),
    "range_of_dates": ("为0-6岁儿童建立健康档案4100份。", "0"),
    "ordinal": ("第3批开展义诊活动5次。", "3"),
    "closing_bracket": ("【附件2】全镇完成体检300人。", "2"),
    "after_slash": ("门诊人次 8 / 9 页", "9"),
    "generation": ("80后医务人员占比较高，全年招聘12人。", "80"),
    "list_marker": ("1、基本公共卫生服务项目完成考核。", "1"),
    "paren_marker": ("（2）健康教育讲座开展12场。", "2"),
    "hotline": ("开通12356热线，全年接听咨询300次。", "12356"),
    "quoted_date": ("围绕“9.20”主题开展宣传活动4场。", "9.20"),
    "column_unit": ("婴儿死亡率（1/1000）为2.1‰。", "1"),
    "bare_year": ("2031政策生育率为95.2%。", "2031"),
    "masked_number": ("20XX卫生工作要点：完成体检300人。", "20XX"),
    "date_unit": ("于4月5日召开会议，参会60人。", "5"),
    "months_of_age": ("随访满12个月的患者210人。", "12"),
    "long_code": ("索取号 113205810086432112 全年诊疗3万人次。", "113205810086432112"),
    "labelled_code": ("联系电话：0551-6789 全年诊疗3万人次。", "6789"),
    "page_counter": ("阅读：356 次 全镇完成体检300人。", "356"),
    "date_part": ("发布日期：2031-04-01 全镇完成体检300人。", "04"),
    "date_dots": ("2031.12.23 全镇完成体检300人。", "2031.12"),
    "clock_time": ("会议于8:30召开，参会60人。", "8"),
    "clock_minutes": ("会议于8:30召开，参会60人。", "30"),
    "row_number": ("1 | 总诊疗人次 | 35200", "1"),
}


def test_every_not_figure_rule_has_an_example():
    assert {r.rule for r in not_figure_rules()} == set(NOT_FIGURE_EXAMPLES)


@pytest.mark.parametrize("rule", sorted(NOT_FIGURE_EXAMPLES))
def test_not_figure_rule_drops_its_example_and_keeps_the_figures(rule):
    text, number = NOT_FIGURE_EXAMPLES[rule]
    figs = extract_report(text, 0, len(text))
    assert number not in [f.raw_value for f in figs], (rule, [f.raw for f in figs])


def test_not_figure_rules_respect_what_they_apply_to():
    # a year-like number followed by 年 is no figure, but 2031万元 (with its unit and multiplier) is
    assert _not_a_figure("2031", "", "bare", "", "年", "年")
    assert not _not_a_figure("2031", "元", "", "全年投入", "万元", "")


def test_a_bad_applies_value_names_its_line(tmp_path, monkeypatch):
    bad = tmp_path / "not_figures.csv"
    bad.write_text("rule,applies,number,unit,before,after,after_figure,comment\nx,sometimes,\\d,,,,,a rule\n",
                   encoding="utf-8")
    monkeypatch.setattr(catalog, "HERE", tmp_path)
    not_figure_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match="not_figures.csv line 2: applies 'sometimes'"):
            not_figure_rules()
    finally:
        monkeypatch.undo()
        not_figure_rules.cache_clear()


def test_every_rule_table_row_has_a_comment():
    for path in sorted(catalog.HERE.glob("*.csv")):
        if path.name in ("indicators.csv", "units.csv"):
            continue  # the catalog and the unit table: a row is its own documentation (names, cue words)
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        key = "label" if path.name == "province_cues.csv" else "comment"
        assert rows and all(r[key].strip() for r in rows), path.name
    assert roles.rules()[-1].role == "level" and not_figure_rules()


@pytest.mark.parametrize("rule", sorted(NOT_FIGURE_EXAMPLES))
def test_without_the_rule_its_example_is_read_as_a_figure(rule, monkeypatch):
    """Each example is dropped by its own rule, not by another one."""
    from helpers.clean import numbers

    others = tuple(r for r in not_figure_rules() if r.rule != rule)
    monkeypatch.setattr(numbers, "not_figure_rules", lambda: others)
    text, number = NOT_FIGURE_EXAMPLES[rule]
    assert number in [f.raw_value for f in extract_report(text, 0, len(text))], rule


def test_no_rule_comment_is_a_cut_off_pattern():
    """A pattern with an unquoted comma runs on into the comment column: a comment never holds a backslash."""
    import csv
    from helpers.core.catalog import HERE

    for path in sorted(HERE.glob("*.csv")):
        for n, row in enumerate(csv.DictReader(open(path, encoding="utf-8")), start=2):
            assert "\\" not in (row.get("comment") or ""), f"{path.name} line {n}: a pattern ran into the comment"


def test_a_row_with_more_fields_than_its_header_names_its_line(tmp_path):
    bad = tmp_path / "cue_words.csv"
    bad.write_text("name,words,comment\nplace_part,[甲乙]{1,6}县,a pattern with a comma and no quotes\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="cue_words.csv line 2: more fields than the header"):
        catalog.rule_rows("cue_words.csv", path=bad)


def test_every_rule_table_row_has_exactly_its_headers_fields():
    for path in sorted(catalog.HERE.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), start=2):
                assert None not in row, f"{path.name} line {n}: more fields than the header"
