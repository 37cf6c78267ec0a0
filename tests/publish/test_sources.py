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


# --- a raw file of several reports: previous / next, one index page, one shared glyph subset (issue 26) ---

PLACES = ["六安市金安区", "六安市裕安区", "铜陵市郊区", "韶关市曲江区"]


def _anthology(n: int) -> str:
    """A made-up raw file of ``n`` short reports, each under a 篇k marker."""
    return "".join(f"篇{k}\n{PLACES[k % len(PLACES)]}卫生健康局2023年工作总结\n今年以来，全区居民健康档案建档率达到"
                   f"9{k % 10}.2%，同比提高1.5个百分点。全区孕产妇系统管理率为95.6%。门诊人次12.{k % 10}万人次。\n"
                   for k in range(1, n + 1))


def _cleaned(tmp_path, name: str, text: str) -> Paths:
    raw = tmp_path / name / "raw"
    raw.mkdir(parents=True)
    (raw / "a.txt").write_text(text, encoding="utf-8")
    paths = Paths(tmp_path / name, raw=raw, clean=tmp_path / name / "clean")
    cleaning.build_reports(paths)
    cleaning.build_figures(paths)
    cleaning.build_quality(paths)
    return paths


def _views(paths, briefs=frozenset()):
    (job,) = sources.file_jobs(paths, briefs=set(briefs))
    return job, sources.write_file_views(*job)


def _hrefs(page: str) -> list[str]:
    return re.findall(r'href="([^"#]+)', page)


def test_each_view_links_its_previous_and_next_report_and_the_file_index_page(tmp_path):
    paths = _cleaned(tmp_path, "p", _anthology(5))
    reps = tables.load_reports(paths).sort_values("start")
    assert len(reps) == 5
    job, written = _views(paths, briefs={"a.txt#2"})
    names = [p.name for p in written]
    assert names == [f"{sources.brief_slug(r.report_id, r.region_en)}.html" for r in reps.itertuples()]
    index = f"files/{sources.file_slug('a.txt')}.html"
    for k, p in enumerate(written):
        page = p.read_text(encoding="utf-8")
        prev = re.findall(r'<a rel="prev" href="([^"]+)"', page)
        nxt = re.findall(r'<a rel="next" href="([^"]+)"', page)
        assert prev == ([names[k - 1]] if k > 0 else [])  # the first report has no previous ...
        assert nxt == ([names[k + 1]] if k < 4 else [])  # ... and the last no next
        assert f"report {k + 1} of 5 of a.txt" in page and f'href="{index}"' in page
        assert 'href="../index.html"' in page
        assert ('href="../briefs/' in page) == (k == 1)  # back to its brief where it has one
        # no other sibling is linked: the page does not grow with the file
        assert {h for h in _hrefs(page) if h in names} == set(prev + nxt)
    # one index page for the file: every report in order, with place, period and kind, and links back
    idx = (paths.outputs / "sources" / index).read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td class=\"n\">(\d+)</td><td><a href=\"\.\./([^\"]+)\">([^<]+)</a></td>(.*?)</tr>", idx)
    assert [(int(n), h, rid) for n, h, rid, _ in rows] == [(k, names[k - 1], r) for k, r in
                                                         enumerate(reps["report_id"], start=1)]
    for (_, _, _, cells), r in zip(rows, reps.itertuples()):
        assert all(f">{sources.esc(v)}<" in cells for v in (r.region_en, r.region_name, r.period, r.kind))
    assert 'href="../../index.html"' in idx and idx.count('href="../../briefs/') == 1
    # what the batch checks before it skips the file: the views, the index page and the stylesheet
    assert set(sources.file_outputs(job)) == set(written) | {paths.outputs / "sources" / index,
                                                             paths.outputs / "sources" / index.replace(".html", ".css")}
    assert all(p.exists() for p in sources.file_outputs(job))


def test_a_raw_file_of_one_report_keeps_one_self_contained_page(tmp_path):
    paths = _cleaned(tmp_path, "one", _anthology(1))
    job, (view,) = _views(paths)
    page = view.read_text(encoding="utf-8")
    assert 'rel="prev"' not in page and 'rel="next"' not in page and "files/" not in page
    assert "@font-face" in page and "<link" not in page and "'self'" not in page  # the font inline, nothing to share
    assert sources.file_outputs(job) == [view] and not (paths.outputs / "sources" / "files").exists()


def test_a_page_does_not_grow_with_the_number_of_its_siblings(tmp_path):
    sizes = {}
    for n in (16, 32):
        paths = _cleaned(tmp_path, f"n{n}", _anthology(n))
        job, written = _views(paths)
        assert len(written) == n
        sizes[n] = max(p.stat().st_size for p in written)
    # every sibling linked (the code before) made the largest page grow by 9 %: ~130 bytes a sibling
    assert sizes[32] <= sizes[16] * 1.02, sizes


def _font_chars(css: str) -> set[str]:
    import base64
    import io

    from fontTools.ttLib import TTFont

    data = re.search(r"base64,([A-Za-z0-9+/=]+)", css).group(1)
    return {chr(c) for c in TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()}


def test_the_glyph_subset_covers_every_character_shown(tmp_path):
    from helpers.publish import webfont

    paths = _cleaned(tmp_path, "g", "【导语】本站为大家整理了工作总结，希望对大家有所帮助！\n" + _anthology(6)
                     + "版权所有 © 某某网 备案号：京ICP备12345678号\n")
    job, written = _views(paths, briefs={"a.txt#1"})
    files = paths.outputs / "sources" / "files"
    font = _font_chars((files / f"{sources.file_slug('a.txt')}.css").read_text(encoding="utf-8"))
    raw = webfont.cjk_chars((paths.raw / "a.txt").read_text(encoding="utf-8"))
    assert raw <= font  # the characters of the file as read, the blurb and the footer too
    shown = set()
    for p in [*written, files / f"{sources.file_slug('a.txt')}.html"]:
        page = p.read_text(encoding="utf-8")
        assert "@font-face" not in page and f'href="{"" if p.parent == files else "files/"}' \
            f'{sources.file_slug("a.txt")}.css"' in page  # one stylesheet for the file, not a copy per page
        shown |= webfont.cjk_chars(page)
    assert shown - raw  # the pages add characters of their own (catalog names: 门急诊人次) ...
    assert shown <= font  # ... and the subset has them
    # a file of one report: its page embeds the same kind of subset
    one = _cleaned(tmp_path, "g1", _anthology(1))
    _, (view,) = _views(one)
    page = view.read_text(encoding="utf-8")
    assert webfont.cjk_chars(page) <= _font_chars(page)
