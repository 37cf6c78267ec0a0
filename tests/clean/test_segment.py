"""Boundaries and junk on small made-up texts."""
import pytest

from helpers.clean import report_meta, segment

BODY = "全区卫生计生工作稳步推进，完成了各项任务。"


def segs(text):
    return [(s.boundary, text[s.start:s.end]) for s in segment.segment_text(text)]


def test_teaser_line_repeating_the_opening_is_dropped():
    opening = "上半年以来，区卫计局紧紧围绕目标任务，全面推进卫生计生工作，取得良好成效。"
    text = f" {opening[:30]}...\n　　{opening}\n一、主要工作\n{BODY}\n"
    (s,) = segment.segment_text(text)
    assert text[s.start:].startswith("　　上半年以来")
    assert "..." not in text[s.start:s.end]


def test_blurb_footer_and_page_marks_are_junk():
    text = ("【>导语】这篇关于卫生计生工作计划的文章，是本站为大家整理的...\n"
            "【>导语】这篇关于卫生计生工作计划的文章，是本站为大家整理的，希望对大家有所帮助。\n"
            f"一、工作\n{BODY}\n/ 9\n{BODY}\n"
            "Copyright © example.net All Rights Reserved.版权所有\n工信部备案号:鲁ICP备2020000000号-1\n")
    (s,) = segment.segment_text(text)
    kept = text[s.start:s.end]
    assert kept.startswith("一、工作") and kept.rstrip().endswith("完成了各项任务。")
    kinds = {note for _, _, note in segment.junk_spans(text)}
    assert {"page mark", "footer", "website blurb (导语)"} <= kinds


def test_pian_markers_split_reports():
    text = f"【篇一】\n{BODY}\n一、甲\n{BODY}\n>【篇二】\n{BODY}\n篇三\n{BODY}\n"
    out = segs(text)
    assert [b for b, _ in out] == ["marker", "marker", "marker"]
    assert all("篇" not in t for _, t in out)


def test_new_title_starts_a_new_report():
    text = f"区卫计局年度卫生计生工作总结\n{BODY}\n一、甲\n{BODY}\n卫计局卫生计生工作总结和工作计划\n{BODY}\n一、乙\n{BODY}\n"
    out = segs(text)
    assert len(out) == 2 and out[1][1].startswith("卫计局卫生计生工作总结和工作计划")


def test_restart_at_yi_after_body_text_is_a_new_report_but_not_after_a_heading():
    text = (f"一、甲\n{BODY}\n二、乙\n{BODY}\n"
            "20xx年,我局将紧紧围绕总目标,全面强化食品药品安全监管,不断提高监管水平。\n一、丙\n食品监管。\n")
    out = segs(text)
    assert len(out) == 2 and out[1][1].startswith("20xx年,我局将")
    same = f"一、甲\n{BODY}\n三、下半年工作安排\n下半年,我局将继续围绕目标。\n(一)进一步深化改革。\n"
    assert len(segs(same)) == 1


def test_off_topic_food_and_drug_plan_is_out_of_scope():
    food = "进一步加强食品药品监管，从严监管食品生产、食品流通、餐饮服务环节，开展保健食品和化妆品专项整治。" * 3
    ok, why = report_meta.scope(food)
    assert not ok and "food" in why
    health = "全区卫生计生工作，加强医疗服务、疾病防控、妇幼保健和计划生育服务管理，深化医改。" * 3
    assert report_meta.scope(health)[0]


def test_masked_years_and_period():
    text = "20XX年上半年，全区卫生工作稳步推进。"
    s = segment.segment_text(text)[0]
    assert report_meta.year(s, text) == ("20XX", True)
    assert report_meta.period(s, text, "summary")[0] == "H1"
    text2 = "2024年，全区卫生工作取得成效。全年完成任务。"
    s2 = segment.segment_text(text2)[0]
    assert report_meta.year(s2, text2, {"2024"}) == ("2024", True)  # declared masked for its file
    assert report_meta.year(s2, text2) == ("2024", False)  # elsewhere a real 2024 report
    assert report_meta.year(s, text) == ("20XX", True)  # the text itself masks it
    assert report_meta.year(s2, text2.replace("2024", "2016")) == ("2016", False)
    assert report_meta.period(s2, text2, "summary")[0] == "annual"


@pytest.mark.parametrize("title,want", [
    ("2019年温州市卫生健康工作总结", "annual"),
    ("20XX年区卫计局卫生计生工作总结", "annual"),
    ("2019年上半年温州市卫生健康工作总结", "H1"),
    ("2019年1-5月卫生工作总结", "Jan–May"),
    ("2019年前三季度卫生工作总结", "Jan–Sep"),
])
def test_period_from_the_title(title, want):
    text = f"{title}\n今年以来，全市卫生健康工作稳步推进，各项指标完成良好。\n"
    s = segment.segment_text(text)[0]
    assert report_meta.period(s, text, "summary")[0] == want


def test_year_right_after_a_chinese_word():
    text = "篇三：卫生院2016年上半年工作总结\n上半年，我院门诊就诊12356人次，同比增长8.5%。\n"
    s = segment.segment_text(text)[0]
    assert report_meta.year(s, text) == ("2016", False)


def test_offsets_point_into_the_text_with_crlf():
    text = f"区卫计局年度卫生计生工作总结\r\n{BODY}\r\n一、甲\r\n{BODY}\r\n"
    (s,) = segment.segment_text(text)
    assert text[s.start:s.end].endswith("完成了各项任务。")
    assert "\r" not in text[s.end - 1]


def test_breadcrumb_and_colon_blurb_are_junk_before_the_first_report():
    text = ("首页 > 范文大全 > 工作总结\n导语：以下是小编整理的卫生局工作总结，欢迎阅读。\n"
            "篇一：县卫生局上半年工作总结\n今年上半年，我县卫生工作取得了明显成效。\n")
    segs = segment.segment_text(text)
    assert len(segs) == 1 and segs[0].title.startswith("篇一")
    assert segs[0].junk_before == ["breadcrumb", "website blurb (导语)"]


def test_site_furniture_is_junk_and_makes_no_report():
    text = ("首页 > 政务公开 > 工作总结\n发布时间：2018-07-20 来源：县卫计局 浏览次数：1523\n【字体：大 中 小】\n\n"
            "铜鼓县卫计委2018年上半年工作总结\n今年以来，全县卫生计生工作取得了新成效，住院分娩率100%。\n"
            "【打印本页】【关闭窗口】\n")
    segs = segment.segment_text(text)
    assert len(segs) == 1 and segs[0].title.startswith("铜鼓县")
    assert {note for _, _, note in segment.junk_spans(text)} == {"breadcrumb", "footer"}


def test_anthology_heading_is_junk_not_a_title():
    text = ("卫生计生工作总结范文（精选3篇）\n\n篇一：巴州区卫计局2016年工作总结\n" + BODY * 6 + "\n"
            "篇二：某县卫生局2016年工作总结\n" + BODY * 6 + "\n")
    segs = segment.segment_text(text)
    assert [s.title[:3] for s in segs] == ["篇一：", "篇二："]
    assert segs[0].junk_before == ["anthology heading"]


@pytest.mark.parametrize("title,want", [
    ("永嘉县卫生和计划生育局2017年工作总结", "summary"),        # 计划生育 names the office, not a plan
    ("县卫生计生局2017年工作总结和2018年工作计划", "summary+plan"),
    ("区卫生和计划生育局2018年工作要点", "plan"),
])
def test_kind_from_the_title(title, want):
    text = f"{title}\n{BODY}\n"
    s = segment.segment_text(text)[0]
    assert report_meta.kind(s, text) == want


@pytest.mark.parametrize("body,want", [
    # a headline naming plans over a text that reports what was done: what was reached, not goals
    ("今年以来，全区已新建社区卫生服务站3个。\n各乡镇卫生院均完成了设备更新，累计培训村医210人次。\n"
     "全区孕产妇系统管理率达到了93.5%，住院分娩率为99.6%，较上年提高了0.4个百分点。\n", "summary+plan"),
    # the same headline over a text that speaks of the future stays a plan
    ("明年，全区将新建社区卫生服务站3个。\n力争孕产妇系统管理率达到95%。\n要确保住院分娩率保持在99%以上。\n", "plan"),
])
def test_a_plan_headline_over_a_report_of_what_was_done(body, want):
    text = "某区多措并举确保妇幼两个规划达到终期目标\n" + body
    s = segment.segment_text(text)[0]
    assert report_meta.kind(s, text) == want


@pytest.mark.parametrize("line,is_title,want", [
    ("区卫计局年度卫生计生工作总结", True, "区卫计局年度卫生计生工作总结"),
    ("上半年以来，区卫计局紧紧围绕工作目标。全区卫生计生工作稳步推进。", False, "上半年以来，区卫计局紧紧围绕工作目标…"),
    ("上半年，全区各项工作稳步推进。", False, "上半年，全区各项工作稳步推进"),
    ("今年以来" + "各项工作有序推进" * 8, False, ("今年以来" + "各项工作有序推进" * 8)[:40] + "…"),
])
def test_a_report_without_a_title_line_is_named_by_its_opening_words(line, is_title, want):
    assert segment.title_text(line, is_title) == want


def test_a_short_maternal_health_news_item_is_in_scope():
    text = ("据市人口计生委统计，截至6月底，全市累计已有3.2万对计划怀孕夫妇接受免费孕前优生健康检查，"
            "优生咨询指导率100%，出生缺陷发生率明显下降，婚检率回升到62%。\n")
    assert report_meta.scope(text)[0]
