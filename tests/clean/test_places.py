"""Place inference from made-up texts."""
from helpers.clean import places


def test_named_county_with_its_city():
    r = places.infer_place("六安市金安区卫计委：全区卫生工作。金安区乡镇卫生院开展服务，全区签约。")
    assert (r.province, r.city, r.county) == ("安徽省", "六安市", "金安区")
    assert r.admin_level == "district" and r.region_en == "Jin'an District, Lu'an, Anhui"
    assert "金安区" in r.evidence


def test_ambiguous_bare_jiaoqu_needs_its_city():
    alone = places.infer_place("全区卫生工作。郊区卫生院开展服务。")
    assert alone.county == ""  # several cities have a 郊区: no guess
    with_city = places.infer_place("全区卫生工作。铜陵市郊区全面推行家庭医生签约。郊区大通镇卫生院开展服务。")
    assert (with_city.city, with_city.county) == ("铜陵市", "郊区")


def test_place_implied_by_towns_and_newspaper():
    text = ("区委书记深入樟市中心卫生院、罗坑镇新建卫生院调研。马坝镇开展义诊，《韶关日报》予以报道。"
            "全区卫生计生工作。")
    r = places.infer_place(text)
    assert (r.city, r.county) == ("韶关市", "曲江区")
    assert r.confidence > 0


def test_city_level_report_names_its_counties_but_stays_a_city():
    text = ("清远市卫生局：全市卫生工作。我市英德市、连州市、佛冈县开展工作。清远市人民医院。"
            "清远市推进改革，全市完成任务。")
    r = places.infer_place(text)
    assert r.admin_level == "city" and r.city == "清远市" and r.county == ""


def test_anonymous_county_stays_unknown():
    r = places.infer_place("XX县卫生局：全县卫生工作，达到了自治区的标准，农牧民参加合作医疗。")
    assert r.county == "" and r.city == "" and r.confidence < 0.3


def test_a_name_several_places_share_is_kept_as_written_with_the_city_unknown():
    r = places.infer_place("新华区卫生健康局2019年工作总结：全区卫生工作稳步推进，全区孕产妇系统管理率91%。")
    assert r.county == "" and r.city == ""  # no guess between 石家庄, 沧州 and 平顶山
    assert r.region_name == "新华区" and r.admin_level == "district"
    assert r.region_en == "Xinhua District (city not identified)"
    assert "3 places" in r.evidence and "沧州市" in r.evidence and r.confidence <= 0.1


def test_the_province_named_settles_a_shared_name():
    r = places.infer_place("朝阳区卫生计生委：全区卫生工作，落实北京市和全市的要求。")
    assert (r.city, r.county) == ("北京市", "朝阳区") and r.region_en == "Chaoyang District, Beijing"
    r = places.infer_place("朝阳区卫生计生委：全区卫生工作，按照吉林省卫生计生委的部署，全区推进改革。")
    assert (r.city, r.county) == ("长春市", "朝阳区")


def test_place_names_read_as_places():
    from helpers.clean.place_names import pinyin_name

    assert [pinyin_name(z) for z in ("朝阳", "长安", "重庆", "厦门", "金安", "乐亭")] == \
        ["Chaoyang", "Chang'an", "Chongqing", "Xiamen", "Jin'an", "Laoting"]


def test_a_source_tag_names_the_place_and_its_prefecture_words_decide_the_level():
    from helpers.clean import places

    text = ("香格里拉网讯 (记者 某某) 从召开的全州人口形势分析会上获悉，今年上半年，全州出生人口1676人，"
            "全州人口自然增长率6.2‰，全州各级计生部门通力合作。\n")
    r = places.infer_place(text)
    assert r.city == "迪庆藏族自治州" and not r.county


def test_an_autonomous_regions_whole_region_text_names_no_county():
    from helpers.clean import places

    text = ("西藏自治区卫生健康委员会发布：全区人均预期寿命提高到70.6岁，全区孕产妇死亡率下降到48.6/10万。"
            "在狮泉河镇召开现场会，全区各级医疗机构参加。全区婴儿死亡率7.6‰。\n")
    r = places.infer_place(text)
    assert r.province == "西藏自治区" and not r.county


def test_a_district_name_in_a_source_tag_decides_nothing_alone():
    from helpers.clean import places

    r = places.infer_place("金山网讯 全市卫生健康工作会议召开。全市孕产妇死亡率为零，全市出生人口3.2万人。全市婴儿死亡率2.1‰。\n")
    assert not r.county


def test_a_citys_short_name_before_words_about_the_city():
    r = places.infer_place("去年镇江全市共审批再生育申请2100例，全市出生人口2.6万人。")
    assert (r.province, r.city, r.county) == ("江苏省", "镇江市", "")
    r = places.infer_place("青岛户籍人口今年预计出生7万人，全市出生人口性别比105.3。")
    assert r.city == "青岛市"


def test_a_short_name_inside_a_longer_name_is_no_vote():
    r = places.infer_place("镇江路社区卫生服务站开展义诊。全市出生人口1.2万人。")
    assert r.city == ""


def test_a_news_site_tag_with_a_brand_word_names_its_county():
    # 魅力 / 今日 / 掌上 are the site's brand; a county whose whole name is two characters (滑县) is looked up as is
    r = places.infer_place("魅力滑县网讯 近日，县卫健委召开会议。全县孕产妇住院分娩率达99.6%，建档率92%。")
    assert r.region_name.endswith("滑县")


def test_a_statistics_survey_team_names_its_county():
    r = places.infer_place("卫生事业不断发展。全县共有医疗机构412家。\n据国家统计局乐安调查队统计，全年全县出生人口3200人。")
    assert (r.county, r.city, r.province) == ("乐安县", "抚州市", "江西省")
    assert "乐安调查队" in r.evidence


def test_the_publisher_line_next_to_a_report_names_a_place_the_text_does_not(tmp_path):
    from helpers.clean.reports import reports_for_file
    body = "2031年5月1日0时至5月31日24时，全省乙、丙类法定传染病报告发病3120例，死亡5例，发病率为51.2/10万。\n"
    p = tmp_path / "bulletin.txt"
    p.write_text("5月全省法定传染病疫情概况\n" + body + "来源：甘肃省卫健委网站\n", encoding="utf-8")
    row = reports_for_file(p)[0]
    assert row["region_name"] == "甘肃省" and row["region_evidence"].startswith("publisher line")
    # a text that names its place keeps it: the publisher line is read only when the text names none
    p.write_text("5月全省法定传染病疫情概况\n" + body.replace("全省", "天水市") + "来源：甘肃省卫健委网站\n",
                 encoding="utf-8")
    assert reports_for_file(p)[0]["region_name"] == "天水市"


def test_an_autonomous_county_by_its_short_name():
    r = places.infer_place("近年来，孟村县突出保障和改善民生，全县新农合参合率达到98%。")
    assert r.county == "孟村回族自治县" and r.province == "河北省"


def test_an_award_written_like_a_place_name_is_no_place():
    r = places.infer_place("长武县卫生工作扎实推进。全县顺利通过省级平安县验收，新农合参合率96.2%。")
    assert r.county == "长武县"


def test_a_news_site_named_in_the_publisher_line_names_its_city(tmp_path):
    from helpers.clean.reports import reports_for_file
    p = tmp_path / "news.txt"
    p.write_text("全市基本医疗保险参保率达到98%，家庭医生签约283.9万人，签约服务覆盖面持续扩大，群众获得感不断增强。\n"
                 "来源：宁波网 作者：某某\n", encoding="utf-8")
    row = reports_for_file(p)[0]
    assert row["region_name"] == "宁波市"
