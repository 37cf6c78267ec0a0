"""Source views (issue: every figure one click from its sentence), on a made-up raw file."""
import re


from helpers.clean import steps as cleaning
from helpers.core import tables
from helpers.core.paths import Paths
from helpers.ingest import manifest
from helpers.publish import sources

RAW = ("【导语】本站为大家整理了卫生工作总结，希望对大家有所帮助！\n"
       "某某区卫生健康局2023年工作总结\n"
       "今年以来，全区居民健康档案建档率达到91.2%，同比提高1.5个百分点。<script>alert(1)</script>\n"
       "全区孕产妇系统管理率为95.6%，高血压、糖尿病患者规范管理率均达到60%。门诊人次12.3万人次。\n"
       "版权所有 © 某某网 备案号：京ICP备12345678号\n")


def _project(tmp_path):
    proj = tmp_path / "proj"
    (proj / "data" / "raw").mkdir(parents=True)
    (proj / "data" / "clean").mkdir()
    (proj / "outputs").mkdir()
    (proj / "data" / "raw" / "made_up.txt").write_text(RAW, encoding="utf-8")
    paths = Paths(proj)
    manifest.update(paths.raw, paths.manifest)
    cleaning.build_reports(paths)
    cleaning.build_figures(paths)
    cleaning.build_quality(paths)
    return paths


def test_every_figure_has_exactly_one_anchor_junk_is_marked_and_text_is_escaped(tmp_path):
    paths = _project(tmp_path)
    written = sources.write_all(paths, briefs={"made_up.txt#1"})
    assert len(written) == len(tables.load_reports(paths))
    page = written[0].read_text(encoding="utf-8")
    figs = tables.load_figures(paths)
    assert len(figs) >= 5 and (figs["figure_id"].str.endswith(".2")).any()  # a shared value has two rows
    ids = re.findall(r'id="(f-[^"]+)"', page)
    assert sorted(ids) == sorted(sources.anchor_id(f) for f in figs["figure_id"])  # one each, none twice
    assert all(re.fullmatch(r"f-[A-Za-z0-9_-]+", i) for i in ids)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count('class="junk"') == 2 and "left out: footer" in page  # the blurb and the footer line
    assert 'class="fig mapped r-level' in page and 'class="fig mapped r-change' in page
    assert 'href="../briefs/' in page and 'href="../index.html"' in page
    # no request can leave the page: only inline styles and scripts, fonts as data: URIs
    assert "src=\"http" not in page and "href=\"http" not in page


def test_anchor_ids_are_ascii_and_distinct():
    a = sources.anchor_id("001_ab#1@914")
    assert a == "f-001_ab-1-914" and sources.anchor_id("001_ab#1@914.2") == "f-001_ab-1-914-2"
    assert sources.anchor_id('x#1@5"><script>') == "f-x-1-5---script-"


def test_the_place_words_are_highlighted(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("六安市金安区卫生健康委：全区卫生工作。金安区建档率达到91.2%，全区签约。\n", encoding="utf-8")
    paths = Paths(tmp_path, raw=raw, clean=tmp_path / "clean")
    cleaning.build_reports(paths)
    cleaning.build_figures(paths)
    pages = sources.write_file_views(raw / "a.txt", tables.load_reports(paths), tables.load_figures(paths), {},
                                     tmp_path, set())
    page = pages[0].read_text(encoding="utf-8")
    assert '<span class="evidence" title="a word that decided the place">金安区</span>' in page
