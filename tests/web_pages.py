"""Made-up saved web pages (issue 22, "Saved web pages"): Chinese health work reports inside the furniture of the sites
that publish them — top bars, navigation, breadcrumbs, article meta lines, ads, a sidebar of other articles (some with
catalog figures of other places), related links, comment boxes and footers with ICP and copyright lines — in four
layouts real sites use (a CMS of ``<div class=…>``, HTML5 ``<nav>/<aside>/<footer>``, an old page laid out in
``<table>`` cells with ``<br>`` lines, an ASP.NET ``<form>``), and pages with several articles: an anthology of two
reports, a news page with two reports one under the other, and a channel's list page (teasers only, no report).

Every page knows what it holds: ``report`` the lines of the report(s) as written, ``junk`` the furniture it planted
(each item one element's text, none a part of another or of a report line), so an extractor's output can be scored:
report lines lost, junk lines kept. ``wrap_text`` puts any report text (a shipped one) into the same furniture.
"""
from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field

# ------------------------------------------------------------------------------------------------ the reports
WUCHENG = [
    "金华市婺城区卫生计生局上半年工作总结",
    "今年上半年，婺城区卫生计生工作围绕年初目标，扎实推进各项工作，现将有关情况总结如下。",
    "一、基本公共卫生服务",
    "全区累计建立居民健康档案29.76万份，建档率达91.95%。家庭医生签约服务覆盖重点人群，签约率为45.2%。"
    "65岁以上老年人健康管理率达70.3%，高血压患者规范管理率为62.5%，糖尿病患者规范管理率为58.1%。",
    "二、妇幼健康",
    "孕产妇系统管理率达95.6%，住院分娩率100%，婴儿死亡率为3.2‰。出生人口性别比为106.5。",
    "三、疾病预防控制",
    "全区共报告乙丙类传染病1227例，其中乙类传染病585例，丙类传染病642例，发病率为153.895/10万。"
    "国家免疫规划疫苗接种率达98.5%以上。",
    "四、下半年工作计划",
    "力争年底居民健康档案建档率达到95%以上，家庭医生签约率达到50%。",
]
JIANGNING = [
    "南京市江宁区卫生健康委员会年度工作总结",
    "一年来，全区卫生健康系统坚持以人民健康为中心，深化医药卫生体制改革，各项工作取得新进展。",
    "一、医疗服务",
    "全区医疗卫生机构完成门急诊856.3万人次，出院12.6万人次，病床使用率为86.4%，平均住院日9.2天。"
    "次均门诊费用218.5元，次均住院费用9865元，药占比降至28.3%。",
    "二、公共卫生",
    "居民健康档案建档率达92.4%，家庭医生签约率为41.8%，高血压患者规范管理率为66.2%。"
    "全区报告法定传染病3215例，传染病发病率为245.6/10万。",
    "三、妇幼健康",
    "孕产妇系统管理率为96.3%，住院分娩率达100%，婴儿死亡率为2.1‰，出生人口性别比为104.8。",
    "四、卫生监督和无偿献血",
    "全年查处卫生行政处罚案件156件，罚没款42.5万元。无偿献血1.86万人次，采血量612万毫升。",
]
JIANGNING_PLAN = [
    "南京市江宁区卫生健康委员会明年工作计划",
    "明年，我委将围绕健康江宁建设目标，重点做好以下工作。",
    "一、推进家庭医生签约服务，家庭医生签约率达到45%以上，重点人群签约率达到75%以上。",
    "二、加强妇幼健康服务，孕产妇系统管理率保持在95%以上，婴儿死亡率控制在3‰以内。",
    "三、强化疾病防控，国家免疫规划疫苗接种率保持在95%以上。",
]
WUYI = [
    "武义县卫生计生局上半年卫生计生工作总结",
    "上半年，我局紧紧围绕县委县政府中心工作，全面推进卫生计生各项工作。",
    "一、公共卫生服务",
    "全县累计建立居民健康档案28.1万份，建档率为87.6%，65岁以上老年人健康管理率达68.9%。",
    "二、计划生育",
    "上半年全县出生人口1856人，出生人口性别比为107.2，政策生育率为96.4%。",
    "三、医疗服务",
    "全县医疗卫生机构门急诊人次达182.5万人次，出院人次3.1万人次。",
]

JINAN_TABLE = [  # a report whose figures stand in a table: (title, lines before, header, rows, lines after)
    "金安区卫生健康委员会上半年主要指标完成情况",
    "上半年，全区卫生健康主要指标完成情况如下表。",
]
JINAN_ROWS = [["指标", "年度目标", "上半年完成"], ["居民健康档案建档率(%)", "90", "91.3"],
              ["家庭医生签约率(%)", "40", "38.6"], ["孕产妇系统管理率(%)", "95", "96.1"],
              ["门急诊人次(万人次)", "300", "152.7"]]
JINAN_AFTER = ["总体看，各项指标进度符合预期，家庭医生签约服务仍需加力。"]
PLAN_ITEMS = [
    "龙湾区卫生健康局明年工作要点",
    "1.居民健康档案建档率达到90%。",
    "2.家庭医生签约率达到45%。",
    "3.孕产妇系统管理率达到95%。",
    "4.婴儿死亡率控制在4‰以内。",
    "5.疫苗接种率保持在95%以上。",
    "6.无偿献血1.5万人次。",
]
SCRIPT = ('<script type="text/javascript">var _hmt = _hmt || []; document.write("建档率达99.99%");</script>'
          '<style>.nav li{float:left} .TRS_Editor p{text-indent:2em}</style>')
TOP = ["您好，欢迎访问本站门户网站！", "无障碍浏览 长者模式 繁體版", "登录 | 注册 | 个人中心"]
NAV = ["网站首页", "新闻动态", "政务公开", "办事服务", "互动交流", "专题专栏"]
CRUMB = "当前位置：首页 >> 信息公开 >> 工作总结"
META = "发布时间：2031-07-15 10:30 来源：区卫生健康局 浏览次数：2356 【字体：大 中 小】"
TOOLS = ["【打印本页】", "【关闭窗口】", "分享到：微信 微博 QQ空间"]
AD = ["金华某某医院 专业妇科 无痛人流 咨询热线：400-800-1234", "扫码关注“健康婺城”微信公众号，预约挂号更便捷"]
SIDEBAR_HEAD = "热点文章"
SIDEBAR = ["金东区家庭医生签约率达到68.5%", "兰溪市孕产妇系统管理率达97.1%", "浦江县开展无偿献血进社区活动",
           "永康市出生人口性别比降至105.3"]
RELATED_HEAD = "相关阅读"
RELATED = ["上一篇：婺城区召开卫生健康工作会议", "下一篇：婺城区开展爱国卫生月活动",
           "磐安县居民健康档案建档率达93.2%　2031-06-30"]
COMMENTS = ["网友评论（2条）", "网友 健康守护者 2031-07-16 10:22", "听说全市疫苗接种率才80%，是真的吗？",
            "网友 小婺 2031-07-17 08:05", "希望家庭医生签约率明年能到60%！", "发表评论", "请先登录再留言"]
FOOTER = ["主办单位：某某区人民政府办公室 承办单位：某某区大数据发展中心", "版权所有：某某区人民政府 网站标识码：3307020001",
          "浙ICP备05012345号-1 浙公网安备 33070202000123号", "地址：某某区宾虹西路2666号 联系电话：0579-82190000",
          "技术支持：某某网络科技有限公司", "建议使用1920×1080分辨率浏览本站"]
LIST_ITEMS = [  # a channel's list page: title, date, teaser
    ("兰溪市卫生健康局上半年工作总结", "2031-07-12", "上半年，全市居民健康档案建档率达89.6%，家庭医生签约率为43.1%……"),
    ("浦江县卫生健康局年度工作总结", "2031-01-20", "全年全县孕产妇系统管理率达95.9%，婴儿死亡率为2.8‰……"),
    ("东阳市卫生计生局上半年工作总结", "2030-07-08", "全市门急诊人次达512.3万人次，出院人次8.9万人次……"),
    ("义乌市卫生健康委员会工作计划", "2030-02-15", "力争全市国家免疫规划疫苗接种率保持在95%以上……"),
    ("永康市卫生计生局年度工作总结", "2029-12-30", "全年无偿献血2.1万人次，出生人口性别比为106.9……"),
]
LIST_HEAD = "总结计划栏目"
PAGER = "共5条 首页 上一页 1 下一页 尾页 跳转到第 页"


def _e(s: str) -> str:
    return _html.escape(s, quote=False)


def _lis(items, link=True) -> str:
    return "".join(f'<li><a href="/a/{i}.html">{_e(t)}</a></li>' if link else f"<li>{_e(t)}</li>"
                   for i, t in enumerate(items))


def _paras(lines) -> str:
    return "".join(f"<p>{_e(l)}</p>" for l in lines)


@dataclass
class Page:
    name: str
    html: str
    report: list[str]  # report lines as written (title first), every one expected in the extracted text
    junk: list[str] = field(default_factory=list)  # furniture items, each expected gone
    reports: int = 1  # reports the page holds
    reference: str = ""  # the report text as a plain file would hold it (default: the report lines)

    def reference_text(self) -> str:
        return self.reference or "".join(l + "\n" for l in self.report)


def _furniture(kind: str) -> list[str]:
    """The junk items a layout plants around its article."""
    out = TOP + NAV + [CRUMB, META] + TOOLS + AD + [SIDEBAR_HEAD] + SIDEBAR + [RELATED_HEAD] + RELATED + FOOTER
    return out + (COMMENTS if kind in ("div", "html5") else [])


def _title(report: list[str]) -> str:
    return f"<title>{_e(report[0])}_某某区人民政府门户网站</title>"


def _comments() -> str:
    c = COMMENTS
    return (f'<div class="comment"><h4>{_e(c[0])}</h4>'
            f'<div class="item"><span class="user">{_e(c[1])}</span><p>{_e(c[2])}</p></div>'
            f'<div class="item"><span class="user">{_e(c[3])}</span><p>{_e(c[4])}</p></div>'
            f'<form action="/comment"><textarea name="c"></textarea><a class="btn" href="#">{_e(c[5])}</a>'
            f'<span class="tip">{_e(c[6])}</span></form></div>')


def _footer_divs() -> str:
    return "".join(f"<p>{_e(l)}</p>" for l in FOOTER)


def div_page(report: list[str], article_html: str | None = None, article_furniture: bool = True,
             comments: bool = True) -> str:
    """A CMS page of ``<div class=…>``: no semantic tag tells furniture from article. ``article_furniture``: the
    meta line, print and share tools and related links under the article (a list page has none)."""
    body = article_html or f'<h1>{_e(report[0])}</h1><div class="TRS_Editor">{_paras(report[1:])}</div>'
    extra = (f'<div class="info">{_e(META)}</div>'
             f'<div class="tools"><a href="javascript:window.print()">{_e(TOOLS[0])}</a> '
             f'<a href="javascript:window.close()">{_e(TOOLS[1])}</a></div><div class="share">{_e(TOOLS[2])}</div>'
             f'<div class="related"><h3>{_e(RELATED_HEAD)}</h3><ul>{_lis(RELATED)}</ul></div>'
             if article_furniture else "") + (_comments() if comments else "")
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{_title(report)}{SCRIPT}</head><body>'
            f'<div class="top"><span>{_e(TOP[0])}</span><span class="r"><a href="#">{_e(TOP[1])}</a> '
            f'<a href="#">{_e(TOP[2])}</a></span></div>'
            f'<div class="nav"><ul>{_lis(NAV)}</ul></div>'
            f'<div class="banner ad"><a href="/ad/1"><img src="/ad1.jpg" alt="">{_e(AD[0])}</a></div>'
            f'<div class="main"><div class="left">'
            f'<div class="position">{_e(CRUMB)}</div>'
            f'<div class="article">{body}{extra}</div></div>'
            f'<div class="right"><div class="qr">{_e(AD[1])}</div><div class="hot"><h3>{_e(SIDEBAR_HEAD)}</h3>'
            f'<ul>{_lis(SIDEBAR)}</ul></div></div></div>'
            f'<div class="footer">{_footer_divs()}</div></body></html>')


def html5_page(report: list[str]) -> str:
    """A page with HTML5's own furniture tags: ``<nav>``, ``<aside>``, ``<footer>``, the article in ``<article>``."""
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">{_title(report)}{SCRIPT}</head><body>'
            f'<header class="site"><p>{_e(TOP[0])}</p><p><a href="#">{_e(TOP[1])}</a></p>'
            f'<p><a href="#">{_e(TOP[2])}</a></p></header>'
            f'<nav><ul>{_lis(NAV)}</ul></nav><div class="ad">{_e(AD[0])}</div>'
            f'<main><nav class="crumb">{_e(CRUMB)}</nav>'
            f'<article><header><h1>{_e(report[0])}</h1><p class="meta">{_e(META)}</p></header>'
            f'{_paras(report[1:])}'
            f'<footer><button>{_e(TOOLS[0])}</button><button>{_e(TOOLS[1])}</button><p>{_e(TOOLS[2])}</p></footer>'
            f'</article>'
            f'<section class="related"><h3>{_e(RELATED_HEAD)}</h3><ul>{_lis(RELATED)}</ul></section>'
            f'{_comments()}</main>'
            f'<aside><p>{_e(AD[1])}</p><h3>{_e(SIDEBAR_HEAD)}</h3><ul>{_lis(SIDEBAR)}</ul></aside>'
            f'<footer>{_footer_divs()}</footer></body></html>')


def table_page(report: list[str]) -> str:
    """An old page laid out in table cells, the article's lines separated by ``<br>`` and full-width indents."""
    lines = "<br>\n".join("　　" + _e(l) for l in report[1:])
    side = "".join(f'<tr><td><a href="/a/{i}.html">{_e(t)}</a></td></tr>' for i, t in enumerate(SIDEBAR))
    rel = "".join(f'<tr><td><a href="/r/{i}.html">{_e(t)}</a></td></tr>' for i, t in enumerate(RELATED))
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">{_title(report)}'
            f'{SCRIPT}</head><body><table width="1000" align="center"><tr><td>'
            f'<table width="100%"><tr><td>{_e(TOP[0])}</td><td><a href="#">{_e(TOP[1])}</a></td>'
            f'<td><a href="#">{_e(TOP[2])}</a></td></tr></table>'
            f'<table width="100%" class="nav"><tr>'
            + "".join(f'<td><a href="/c/{i}/">{_e(t)}</a></td>' for i, t in enumerate(NAV)) +
            f'</tr></table><table><tr><td><a href="/ad"><img src="ad.gif">{_e(AD[0])}</a></td></tr></table>'
            f'<table width="100%"><tr><td width="720" valign="top">'
            f'<table width="100%"><tr><td>{_e(CRUMB)}</td></tr></table>'
            f'<table width="100%"><tr><td align="center"><font size="5"><b>{_e(report[0])}</b></font></td></tr>'
            f'<tr><td align="center">{_e(META)}</td></tr>'
            f'<tr><td class="content">{lines}</td></tr>'
            f'<tr><td align="right"><a href="javascript:print()">{_e(TOOLS[0])}</a> '
            f'<a href="javascript:close()">{_e(TOOLS[1])}</a> {_e(TOOLS[2])}</td></tr></table>'
            f'<table width="100%"><tr><td><b>{_e(RELATED_HEAD)}</b></td></tr>{rel}</table>'
            f'</td><td width="260" valign="top"><table><tr><td>{_e(AD[1])}</td></tr>'
            f'<tr><td><b>{_e(SIDEBAR_HEAD)}</b></td></tr>{side}</table></td></tr></table>'
            f'<table width="100%" class="bottom">'
            + "".join(f"<tr><td>{_e(l)}</td></tr>" for l in FOOTER) +
            '</table></td></tr></table></body></html>')


def aspx_page(report: list[str]) -> str:
    """An ASP.NET page: the whole body inside one ``<form>`` with a view state, furniture in divs."""
    page = div_page(report, comments=False)
    head, body = page.split("<body>", 1)
    return (head + '<body><form method="post" action="./Article.aspx?id=1" id="form1">'
            '<input type="hidden" name="__VIEWSTATE" value="/wEPDwUKLTk2NjQ4MzA0"/>'
            + body.replace("</body>", "</form></body>"))


def anthology_page() -> Page:
    """An anthology (范文, 精选2篇): two reports in one content div, each after its 【篇一】 heading."""
    head = "卫生计生工作总结范文（精选2篇）"
    lead = "【导语】这篇关于卫生计生工作总结的文章，是本站为大家整理的，希望对大家有所帮助！"
    art = (f'<h1>{_e(head)}</h1><div class="TRS_Editor"><p>{_e(lead)}</p><p>【篇一】</p>{_paras(WUYI)}'
           f'<p>【篇二】</p>{_paras(WUCHENG)}</div>')
    html = div_page([head], art)
    return Page("anthology", html, WUYI + WUCHENG, _furniture("div") + [head, lead], reports=2)


def two_reports_page() -> Page:
    """A news page that shows two reports one under the other, each with its own heading."""
    art = (f'<div class="art"><h2>{_e(JIANGNING[0])}</h2>{_paras(JIANGNING[1:])}</div>'
           f'<div class="art"><h2>{_e(JIANGNING_PLAN[0])}</h2>{_paras(JIANGNING_PLAN[1:])}</div>')
    html = div_page(["江宁区卫生健康委员会工作总结和工作计划"], art)
    return Page("two_reports", html, JIANGNING + JIANGNING_PLAN, _furniture("div"), reports=2)


def list_page() -> Page:
    """A channel's list page: titles, dates and teasers of other reports; no report at all."""
    items = "".join(f'<li><a href="/a/{i}.html">{_e(t)}</a><span class="date">{d}</span><p>{_e(s)}</p></li>'
                    for i, (t, d, s) in enumerate(LIST_ITEMS))
    art = f'<h2>{_e(LIST_HEAD)}</h2><ul class="list">{items}</ul><div class="pager">{_e(PAGER)}</div>'
    html = div_page([LIST_HEAD], art, article_furniture=False, comments=False)
    skip = {META, RELATED_HEAD, *TOOLS, *RELATED, *COMMENTS}
    junk = [j for j in _furniture("div") if j not in skip] + [LIST_HEAD, PAGER]
    junk += [x for t, d, s in LIST_ITEMS for x in (t, s)]
    return Page("list", html, [], junk, reports=0)


def table_article_page() -> Page:
    """A report whose figures stand in a table inside the article (one row per indicator)."""
    rows = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in JINAN_ROWS)
    art = (f'<h1>{_e(JINAN_TABLE[0])}</h1><div class="TRS_Editor">{_paras(JINAN_TABLE[1:])}'
           f'<table border="1">{rows}</table>{_paras(JINAN_AFTER)}</div>')
    lines = JINAN_TABLE + ["".join(r) for r in JINAN_ROWS] + JINAN_AFTER
    ref = "\n".join(JINAN_TABLE + ["\t".join(r) for r in JINAN_ROWS] + JINAN_AFTER) + "\n"
    return Page("table_in_article", div_page(JINAN_TABLE, art), lines, _furniture("div"), reference=ref)


def br_lines_page() -> Page:
    """A CMS article whose lines are ``<br>``-separated text in one ``<div>``, indented with ``&nbsp;``."""
    lines = "<br />".join("&nbsp;&nbsp;&nbsp;&nbsp;" + _e(l) for l in WUYI[1:])
    art = f'<h1>{_e(WUYI[0])}</h1><div class="TRS_Editor"><div>{lines}</div></div>'
    return Page("br_lines", div_page(WUYI, art), WUYI, _furniture("div"))


def pages() -> list[Page]:
    """The made-up pages, each with the report lines and the junk it planted."""
    out = [
        Page("div_cms", div_page(WUCHENG), WUCHENG, _furniture("div")),
        Page("html5", html5_page(JIANGNING), JIANGNING, _furniture("html5")),
        Page("table_layout", table_page(WUYI), WUYI, _furniture("table")),
        Page("aspx_form", aspx_page(JIANGNING), JIANGNING, _furniture("aspx")),
        Page("short_items", html5_page(PLAN_ITEMS), PLAN_ITEMS, _furniture("html5")),
        table_article_page(),
        br_lines_page(),
        anthology_page(),
        two_reports_page(),
        list_page(),
    ]
    for p in out:
        check(p)
    return out


def wrap_text(name: str, lines: list[str], junk: list[str] = ()) -> Page:
    """Report text (a shipped one) as the article of a CMS page, one ``<p>`` per line (the first one its ``<h1>``).
    ``junk``: those of its lines that are website junk themselves (the page counts them as junk, not as report
    lines); a furniture item that the report's own text contains (政务公开) is not counted."""
    lines = [l.strip() for l in lines if l.strip()]
    junk = {j.strip() for j in junk}
    report = [l for l in lines if l not in junk]
    text = squeeze("".join(report))
    furniture = [j for j in _furniture("div") if squeeze(j) not in text]
    own = [l for l in dict.fromkeys(lines) if l in junk]
    own = [l for l in own if not any(squeeze(l) in squeeze(k) for k in own if k != l)]  # a blurb its teaser repeats
    page = Page(name, div_page(lines), report, furniture + own)
    check(page)
    return page


def squeeze(s: str) -> str:
    """Text without spaces and table bars: a line is found whether an extractor joins, splits or tabulates it."""
    return re.sub(r"[\s|\u3000\xa0]+", "", s)


def check(p: Page) -> None:
    """Every planted item is told apart: no junk item is part of a report line or of another junk item."""
    rep = [squeeze(l) for l in p.report]
    junk = [squeeze(j) for j in p.junk]
    for j in junk:
        assert not any(j in r for r in rep), (p.name, j)
        assert sum(j in k for k in junk) == 1, (p.name, j)


def score(p: Page, text: str) -> tuple[int, int, list[str], list[str]]:
    """(report lines lost, junk items kept, the lost lines, the kept junk) of an extractor's text for a page."""
    got = squeeze(text or "")
    lost = [l for l in p.report if squeeze(l) not in got]
    kept = [j for j in p.junk if squeeze(j) in got]
    return len(lost), len(kept), lost, kept


def kept_after_rules(p: Page, text: str) -> list[str]:
    """The planted junk items still in the text on a line the suite's junk-line rules keep (rules/junk_lines.csv)."""
    from helpers.clean import segment

    kept = [l.text for l in segment.classified_lines(text) if l.kind not in ("junk", "blank")]
    body = squeeze("\n".join(kept))
    return [j for j in p.junk if squeeze(j) in body]
