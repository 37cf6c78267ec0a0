"""Saved web pages (issue 22): the suite reads a page's main content with trafilatura, and the hand-written reader
where trafilatura finds none. Made-up Chinese report pages (tests/web_pages.py) with navigation, breadcrumbs, ads,
a sidebar of other articles, related links, comments and footers: the report's lines and figures are kept, the
furniture and the figures it carries (another county's rate in the sidebar, a reader's guess in a comment) are not."""
import collections
import socket

import pytest

import made_files
import web_pages
from helpers.core import tables
from helpers.ingest import textio, webpage

PAGES = {p.name: p for p in web_pages.pages()}
#: pages laid out as a site's CMS makes them, where the main content is found (the two others: see the last tests)
FOUND = [n for n in PAGES if n not in ("table_layout", "list")]
#: furniture trafilatura may leave beside the article on those pages: the meta line (发布时间 … 浏览次数) and an
#: anthology's heading and 导语 blurb, which the suite's junk-line rules drop, and one ad line under a short plan
LEFT_BESIDE = {web_pages.META, web_pages.AD[0], "卫生计生工作总结范文（精选2篇）",
               "【导语】这篇关于卫生计生工作总结的文章，是本站为大家整理的，希望对大家有所帮助！"}
#: catalog figures planted in the furniture: (indicator, value) that no report of the pages states
PLANTED_IN_JUNK = {("family_doctor_signing_rate", 68.5), ("maternal_mgmt_rate", 97.1), ("sex_ratio_at_birth", 105.3),
                   ("health_records_rate", 93.2), ("vaccination_rate", 80.0), ("family_doctor_signing_rate", 60.0),
                   ("health_records_rate", 99.99)}


def _catalog(figs, source):
    f = figs[(figs["source_file"] == source) & (figs["indicator"] != "")]
    return collections.Counter(zip(f["indicator"], f["value"].round(6)))


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    """Every made-up page cleaned as a saved .html file, and beside it (another project) its report's own text."""
    tmp = tmp_path_factory.mktemp("web")
    pages, _ = made_files.clean_folder(tmp / "pages", {f"{n}.html": p.html.encode("utf-8") for n, p in PAGES.items()})
    refs, _ = made_files.clean_folder(tmp / "refs", {f"{n}.txt": p.reference_text().encode("utf-8")
                                                     for n, p in PAGES.items() if p.report})
    return pages, tables.load_figures(pages), tables.load_figures(refs), tables.load_reports(pages)


@pytest.mark.parametrize("name", FOUND)
def test_the_report_lines_are_kept_and_the_furniture_dropped(name, tmp_path):
    page = PAGES[name]
    (tmp_path / f"{name}.html").write_text(page.html, encoding="utf-8")
    raw = textio.load_raw(tmp_path / f"{name}.html")
    assert raw.container == "html"
    lost, _, lost_lines, kept = web_pages.score(page, raw.text)
    assert lost_lines == []
    assert set(kept) <= LEFT_BESIDE, kept
    assert set(web_pages.kept_after_rules(page, raw.text)) <= {web_pages.AD[0]}  # the rest is a junk line
    assert "99.99" not in raw.text and "document.write" not in raw.text  # scripts and styles are never text


@pytest.mark.parametrize("name", FOUND)
def test_the_planted_figures_are_kept_and_those_of_the_sidebar_and_comments_are_not(name, cleaned):
    _, figs, ref_figs, reps = cleaned
    got, want = _catalog(figs, f"{name}.html"), _catalog(ref_figs, f"{name}.txt")
    assert want and got == want  # the very figures the report's own text gives, no more
    assert not set(got) & PLANTED_IN_JUNK
    r = reps[reps["source_file"] == f"{name}.html"]
    assert r["in_scope"].sum() == PAGES[name].reports


def test_two_reports_on_one_page_are_two_reports_with_their_own_places(cleaned):
    *_, reps = cleaned
    for name in ("anthology", "two_reports"):
        r = reps[(reps["source_file"] == f"{name}.html") & reps["in_scope"]]
        assert len(r) == 2, name
    r = reps[(reps["source_file"] == "anthology.html") & reps["in_scope"]]
    assert list(r["county"]) == ["武义县", "婺城区"]


def test_a_table_in_the_article_is_read_as_tab_separated_rows_and_its_figures_extracted(cleaned):
    text = webpage.html_to_text(PAGES["table_in_article"].html)
    assert "居民健康档案建档率(%)\t90\t91.3\n" in text and "门急诊人次(万人次)\t300\t152.7\n" in text
    _, figs, _, _ = cleaned
    got = _catalog(figs, "table_in_article.html")
    assert got[("health_records_rate", 91.3)] and got[("family_doctor_signing_rate", 38.6)]


def test_br_lines_stay_lines_and_a_title_left_out_by_trafilatura_comes_first():
    text = webpage.html_to_text(PAGES["br_lines"].html)
    assert "\n二、计划生育\n" in text and "\n三、医疗服务\n" in text
    # the html5 page's <h1> stands in the article's <header>, which trafilatura drops as furniture
    assert webpage.html_to_text(PAGES["html5"].html).startswith("南京市江宁区卫生健康委员会年度工作总结\n")


def test_the_hand_written_reader_takes_a_page_in_which_trafilatura_finds_nothing(monkeypatch):
    page = PAGES["div_cms"].html
    deep = "<html><body>" + "<div>" * 3000 + "金安区卫生计生工作总结" + "</div>" * 3000 + "</body></html>"
    assert webpage.main_text(deep) == ""  # too deep for lxml
    assert webpage.html_to_text(deep) == webpage.visible_text(deep) == "金安区卫生计生工作总结\n"
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    assert webpage.html_to_text(page) == webpage.visible_text(page)
    assert "浙ICP备05012345号-1 浙公网安备 33070202000123号" in webpage.html_to_text(page)  # (for its rules to drop)


def test_a_saved_page_of_a_report_already_read_is_its_duplicate(tmp_path):
    """The page's furniture no longer makes its report look new: the fixture page.html holds utf8.txt's report."""
    fix = made_files.FIX
    _, reps = made_files.clean_folder(tmp_path, {n: (fix / n).read_bytes() for n in ("utf8.txt", "page.html")})
    r = reps.table.set_index("report_id")
    assert r.loc["page.html#1", "container"] == "html" and r.loc["page.html#1", "duplicate_of"] == ""
    assert r.loc["utf8.txt#1", "duplicate_of"] == "page.html#1"  # (files are read in name order)


def test_reading_a_page_makes_no_network_call(monkeypatch):
    calls = []

    def refuse(*a, **k):
        calls.append(a)
        raise OSError("no network at run time")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for p in PAGES.values():
        assert webpage.html_to_text(p.html)
    assert calls == []


def test_what_trafilatura_does_not_find_on_an_old_table_page_and_a_list_page_is_left_to_the_junk_rules(cleaned):
    """Measured limits (README): a page laid out in table cells is read whole, as the hand-written reader reads it —
    the report's figures are all there, and the sidebar's too; a channel's list page keeps its teasers."""
    page = PAGES["table_layout"]
    text = webpage.html_to_text(page.html)
    assert web_pages.score(page, text)[0] == 0  # no report line lost
    assert web_pages.score(page, text)[1] <= web_pages.score(page, webpage.visible_text(page.html))[1]
    _, figs, ref_figs, _ = cleaned
    want = _catalog(ref_figs, "table_layout.txt")
    assert not want - _catalog(figs, "table_layout.html")
    hand = web_pages.score(PAGES["list"], webpage.visible_text(PAGES["list"].html))[1]
    assert web_pages.score(PAGES["list"], webpage.html_to_text(PAGES["list"].html))[1] < hand
