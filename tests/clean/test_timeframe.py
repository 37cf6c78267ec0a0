"""Year and period from the report's own words (made-up sentences)."""
import pytest

from helpers.clean import timeframe


@pytest.mark.parametrize("title,body,want", [
    ("", "自2015年开展项目以来，成效明显。2031年，全县孕产妇住院分娩率达99%。", ("2031", False)),
    ("", "比2030年增长5%。2031年全区出生人口3200人。", ("2031", False)),
    ("", "会议总结2031年工作，部署2032年工作。2031年，全市共办理案件77起。", ("2031", False)),
    ("2031年卫生工作总结", "2032年，我局将继续深化改革。", ("2031", False)),
    ("", "孕产妇住院分娩率从2021年的80%提高到2030年的98%。", ("2030", False)),
    ("", "20XX年，全县卫生工作稳步推进。", ("20XX", True)),
    ("", "全县门诊人次比上年增长5%。", ("", True)),  # no year written: none guessed
    # a founding year is not the year reported; with no other year, none is guessed
    ("", "某县妇幼保健院始建于1961年，现有职工120人，全年门诊3.2万人次。", ("", True)),
    ("", "中心1972年建站，2031年全年接种疫苗2.1万剂次。", ("2031", False)),
    # a yearbook's entries report the year before its own
    ("", "【《某县年鉴2032》】医疗卫生 年内，全县居民健康档案建档率95%。", ("2031", False)),
    ("某市2032年鉴", "全市出生人口3200人。", ("2031", False)),
])
def test_year_of(title, body, want):
    assert timeframe.year_of(title, body) == want


def test_year_from_a_dateline_only_when_no_year_is_written():
    assert timeframe.year_of("", "本报讯 2032-03-05 去年全县出生人口3200人。") == ("2031", False)
    assert timeframe.year_of("", "发布时间：2032-03-05 全县出生人口3200人。") == ("2032", False)
    # a web address is no dateline
    assert timeframe.year_of("", "来源 http://example.org/2032/03/05/a.html 全县出生3200人。") == ("", True)


@pytest.mark.parametrize("title,body,kind,want", [
    ("", "2031年1-9月，全县共有参合农民4万人。", "summary", "Jan–Sep"),
    ("", "1至11月，全区共有1.2万人参加检查。", "summary", "Jan–Nov"),
    ("", "xx年1-12月，全市累计报告病例120例。", "summary", "annual"),
    ("", "“十三五”期间，全县孕产妇死亡率下降。“十三五”期间，婴儿死亡率下降。", "summary", "multi-year"),
    ("", "到2035年，人均预期寿命达到80岁。", "plan", "multi-year"),
    ("", "2031年，全县建档率达到90%。", "summary", "annual"),
    ("", "截至目前，已完成改厕6000户。", "summary", "to date"),
    ("3月份工作总结", "一、本月工作。门诊1200人次。", "summary", "month"),
    ("2031年上半年工作总结", "全县门诊1200人次。", "summary", "H1"),
    # a comparison with the year before: a year's figures; with the same part of last year: no period said
    ("", "全县门诊量比上年增长8%，住院人次较去年下降2%。", "summary", "annual"),
    ("", "全县门诊量比去年同期增长8%。", "summary", "unknown"),
    ("", "截至9月底，全县门诊量比上年增长8%。", "summary", "to 截至9月"),
])
def test_period_of(title, body, kind, want):
    assert timeframe.period_of(title, body, kind)[0] == want


def test_a_meeting_name_and_a_page_date_are_not_the_year_reported():
    body = "3月5日，全县召开2032年卫生健康工作会议。会议指出，2031年，全县孕产妇住院分娩率达99%。2032年，全县将继续推进。"
    assert timeframe.year_of("", body) == ("2031", False)
    # a full date gives the year only as a dateline; 去年 then means the year before
    assert timeframe.year_of("", "新华网 2032年03月02日 据悉，去年全市人口出生率为9.8‰。") == ("2031", False)


def test_first_months_of_the_year():
    assert timeframe.period_of("", "今年前5个月，一孩出生4.5万人。", "summary")[0] == "Jan–May"


@pytest.mark.parametrize("title,body,want", [
    ("", "2031年5月(2031年5月1日零时至31日24时)全省共报告法定传染病1200例。", "month"),
    ("", "2031年5月20日，县卫生局召开会议。全年门诊1000人次。", "annual"),
    ("某县医院2031年第1季度质量报表", "门诊1200人次。", "Q1"),
    ("", "妇女发展纲要(2021—2030年)和儿童发展纲要(2021—2030年)颁布以来，截至10月底，全市住院分娩率99%。", "to 截至10月"),
    ("", "70年来全区妇女儿童健康事业发展显著。70年来，孕产妇死亡率大幅下降。", "multi-year"),
    ("", "2031年某某市法定传染病报告发病数8120例。", "annual"),
    # a yearbook's bracketed heading, then the year: the whole year
    ("", "【免疫规划】2031年，全区儿童建卡入册数5200人。", "annual"),
    # a statistical communiqué is annual
    ("某县2031年国民经济和社会发展统计公报", "全县卫生机构床位1200张。", "annual"),
    ("", "列入2031年第一批项目12个。截至目前，已竣工2个。", "to date"),
    ("", "据介绍，全市前三个季度出生4120人，出生人口性别比106.2。", "Jan–Sep"),
    # the tenth five-year plan in quotes: “十五”期间 (a bare 十五 is fifteen)
    ("", "“十五”期间，全县新建乡镇卫生院5所，较“十五”期初增加病床120张。", "multi-year"),
    ("", "全县十五个乡镇共出生1200人。", "unknown"),
    # a template that left the year out of its date
    ("", "截止年9月30日止，全镇共出生123人。", "to date"),
    ("", "【卫生健康】年内，全县居民健康档案建档率95%。", "annual"),
    ("", "力争3年内全县建档率达到95%。", "unknown"),
])
def test_period_of_bulletins_and_reviews(title, body, want):
    assert timeframe.period_of(title, body, "summary")[0] == want


def test_a_title_year_and_a_plan_named_in_a_summary():
    # a plan's review and deadlines do not outweigh the year its title states
    assert timeframe.year_of("2031年妇幼保健工作规划", "到2035年，全县孕产妇死亡率降到10/10万。2035年全市婚检率达80%。") == ("2031", False)
    body = "关于印发2031年某市卫生计生工作总结和2032年某市卫生计生工作要点的通知"
    assert timeframe.year_of("", body) == ("2031", False)
    assert timeframe.year_of("", "儿童发展纲要(2021—2030年)颁布以来，成效明显。") == ("", True)


def test_a_status_at_31_december_is_the_year_and_a_yearly_goal_is_no_period():
    assert timeframe.period_of("", "截至2031年12月底，全市共组建家庭医生团队379个。", "summary")[0] == "annual"
    assert timeframe.period_of("", "完成全年目标任务的46%。截至5月底，全县共开展检查1200人。", "summary")[0] == "to 截至5月"


def test_to_a_date_with_its_year_and_a_months_report():
    assert timeframe.period_of("", "人均筹资提高到365元，截至2031年10月，全市参合农民39万人。", "summary")[0] == "to date"
    assert timeframe.period_of("", "一、本月工作。本月门诊1200人次，本月报告传染病12例。", "summary")[0] == "month"


@pytest.mark.parametrize("body,want", [
    # this year so far, when nothing names the whole year
    ("今年以来，全镇共开展孕前优生健康检查320对。", "to date"),
    ("到目前为止，全县已签约家庭医生服务对象1.2万人。", "to date"),
    # a status now (目前…已) may close a year's summary as well: no period guessed from it
    ("目前全县已建立居民健康档案8.1万份。", "unknown"),
    ("截至去年10月，全市累计签约210万人。", "to date"),
    # a news item's data for a year, and a year's annual return
    ("据统计，某市卫健委数据显示，2031年，全市共上报出生2425人。", "annual"),
    ("据2031年计生年报统计，全市总人口110万人。", "annual"),
    ("记者24日从某市卫生健康委获悉，2031年某市户籍人口期望寿命83.7岁。", "annual"),
    ("本网讯 2031年，某县不断加大对基层医疗卫生项目的投入，诊治病人21.3万人次。", "annual"),
    ("我院成立于1991年。2031年已完成门诊30120人次，收住院2410人次。", "annual"),
    ("记者获悉，2031年上半年全市出生人口1.2万人。", "H1"),
    # N years since, said twice; a year since is no span of years
    ("新中国成立70年以来，全省卫生事业发展迅速。70年来，孕产妇死亡率大幅下降。", "multi-year"),
    ("由2021年的9.6‰下降到2030年的4.1‰，孕产妇死亡率由2021年的18/10万降至2030年的9/10万。", "multi-year"),
    ("2028年以来，全省报告传染病31种。", "unknown"),
])
def test_period_of_news_items_and_reviews(body, want):
    assert timeframe.period_of("", body, "summary")[0] == want


def test_the_year_of_a_target_value_met_is_not_the_year_reported():
    body = "2031年全市人均预期寿命达到82.5岁，已达到2032年国家目标值。2031年婴儿死亡率1.4‰，达到2032年目标值。"
    assert timeframe.year_of("", body) == ("2031", False)


def test_a_year_from_a_same_period_comparison_and_a_day_first_dateline():
    # with no year written, 与2030年同期 says the figures are of 2031
    assert timeframe.year_of("", "全县报告乙类传染病8种560例，与2030年同期9种612例相比下降8.5%。") == ("2031", False)
    # a dateline written day first, with its time
    assert timeframe.year_of("", "08.09.2031  16:52 全县出生人口3200人。") == ("2031", False)
    # a dateline in the page's furniture before the report
    assert timeframe.year_of("", "全县出生人口3200人。", page_head="某某日报 2031-01-13 08:44") == ("2031", False)
    assert timeframe.year_of("", "去年全县出生人口3200人。", page_head="某某日报 2032-01-13 08:44") == ("2031", False)
