"""A real browser opens the index and two briefs as a reader does (issue: comparisons and briefs):
no request leaves the page, no console error, At a glance and the spine chart are visible, and nothing
overflows sideways at 1280 px or 390 px. Screenshots go to outputs/screenshots/ for a person to look at.

Uses Debian's chromium (``/usr/bin/chromium``; ``.ci/run`` installs it when it can) driven by
Playwright. Skipped, with the reason, where no browser is installed.
"""
import pytest

from helpers.publish import screenshots

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    exe = screenshots.chromium()
    if exe is None:
        pytest.skip("no Chromium installed (apt-get install chromium, or set CHROMIUM=/path/to/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _open(browser, path, width=1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, requests


def test_index_and_two_briefs_read_well_at_desktop_and_phone_width(shipped_run):
    proj, code, logs = shipped_run
    assert code == 0, "\n".join(logs)
    if screenshots.chromium() is None:
        pytest.skip("no Chromium installed (apt-get install chromium, or set CHROMIUM=/path/to/chromium)")
    checks = screenshots.take(proj / "outputs", n_briefs=2)
    assert len(checks) == 14  # index + 2 briefs + a source view + a raw file's index page + the overview and an
    # area page, at 1280 and 390 px
    assert [(c.page, c.width, c.problems) for c in checks if c.problems] == []
    assert {c.page for c in checks} >= {"20_overview.html", "21_primary_care.html"}
    shots = sorted(p.name for p in (proj / "outputs" / "screenshots").glob("*.png"))
    assert {"brief1-1280.png", "brief1-390.png", "brief2-1280.png", "brief2-390.png", "index-1280.png",
            "index-390.png", "source1-1280.png", "source1-390.png", "sourcefile-1280.png", "sourcefile-390.png",
            "overview-1280.png", "overview-390.png",
            "area1-1280.png", "area1-390.png"} <= set(shots)


def test_every_analysis_page_fits_1280_px_and_shows_its_rug(browser, shipped_run):
    """No analysis page scrolls sideways; a rug of up to 12 indicators fits without its own scroll box."""
    proj, code, logs = shipped_run
    for page_path in sorted((proj / "outputs" / "analysis").glob("*.html")):
        page, errors, requests = _open(browser, page_path)
        over = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert over <= 1, (page_path.name, over)
        if page_path.stem[:2] in {"20", "21", "22", "23", "24", "25", "26", "27"}:
            assert page.locator("table.rug").first.is_visible(), page_path.name
            cols = page.evaluate("document.querySelector('table.rug thead tr:last-child') ? "
                                 "document.querySelector('table.rug thead tr:last-child').cells.length - 1 : 0")
            box = page.evaluate("(() => { const w = document.querySelector('.rug-wrap'); "
                                "return w.scrollWidth - w.clientWidth; })()")
            if cols <= 12:
                assert box <= 1, (page_path.name, cols, box)
        assert errors == [], (page_path.name, errors)
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
        page.close()


def test_the_index_sorts_and_filters(browser, shipped_run):
    proj, code, logs = shipped_run
    page, errors, requests = _open(browser, proj / "outputs/index.html")
    assert "briefs" in page.title().lower()
    assert page.locator(".summary div").count() >= 4  # the corpus summary
    rows = page.locator("#briefs tbody tr")
    assert rows.count() >= 8
    page.fill("#filter", "Anhui")
    visible = [r for r in rows.all() if r.is_visible()]
    assert 1 <= len(visible) < rows.count() and all("Anhui" in r.inner_text() for r in visible)
    page.fill("#filter", "")
    page.click("#briefs thead th:nth-child(6) button")  # catalog figures, ascending
    nums = [int(t) for t in page.locator("#briefs tbody tr td:nth-child(6)").all_inner_texts()]
    assert nums == sorted(nums)
    assert errors == [], errors
    page.close()


def test_a_brief_shows_its_glance_spine_and_plots_in_the_embedded_font(browser, shipped_run):
    proj, code, logs = shipped_run
    hrefs = [a.get_attribute("href") for a in _open(browser, proj / "outputs/index.html")[0].locator("#briefs a").all()]
    for href in hrefs:  # the first brief with a spine chart and plots
        page, errors, requests = _open(browser, proj / "outputs" / href)
        if page.locator("table.spine-chart").count() and page.locator("svg.dot-plot").count():
            break
        page.close()
    else:
        pytest.fail("no brief has a spine chart and a plot")
    assert page.title() and "·" in page.title()
    assert page.locator("section.glance li").count() >= 3
    assert page.locator("table.spine-chart svg.spine circle").count() >= 1
    assert page.locator("details.provenance").count() == 1
    # the plots are drawn: each SVG has a size on the page, its dots and its text in the embedded font
    sizes = page.evaluate("Array.from(document.querySelectorAll('svg.dot-plot')).map(s => s.getBBox().width)")
    assert sizes and all(w > 100 for w in sizes)
    svg_font = page.evaluate("getComputedStyle(document.querySelector('svg.dot-plot text')).fontFamily")
    assert "Embedded Noto Sans CJK SC" in svg_font
    # Chinese text renders from the embedded subset font, whatever fonts the machine has
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px \"Embedded Noto Sans CJK SC\"', '区'))")
    assert errors == [], errors
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    page.close()


def test_a_value_in_a_brief_opens_its_highlighted_figure_in_the_source_view(browser, shipped_run):
    proj, code, logs = shipped_run
    index, errors, _ = _open(browser, proj / "outputs/index.html")
    hrefs = [a.get_attribute("href") for a in index.locator("#briefs a").all() if a.inner_text() == "brief"]
    index.close()
    for href in hrefs:
        page, errors, requests = _open(browser, proj / "outputs" / href)
        if page.locator("table.peers a.to-source").count():
            break
        page.close()
    else:
        pytest.fail("no brief links a value to its source")
    link = page.locator("table.peers a.to-source").first
    link.click()
    page.wait_for_load_state("load")
    assert "/sources/" in page.url and "#f-" in page.url
    mark = page.locator(page.evaluate("location.hash"))
    assert mark.evaluate("e => e.tagName") == "MARK" and mark.is_visible()
    assert "current" in mark.get_attribute("class")  # highlighted, and its details shown in the panel
    assert mark.inner_text() in page.locator("#panel").inner_text()
    (proj / "outputs" / "screenshots").mkdir(exist_ok=True)
    page.screenshot(path=str(proj / "outputs" / "screenshots" / "source-from-brief.png"))
    assert errors == [], errors
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    page.close()


def test_a_source_view_of_a_file_of_several_reports_steps_through_them_in_its_shared_font(browser, shipped_run):
    """A raw file of several reports: next leads to the next report, the index page back to each, and the Chinese
    text renders from the file's one shared subset (a stylesheet beside the index page, no request leaves it)."""
    proj, code, logs = shipped_run
    index = sorted((proj / "outputs" / "sources" / "files").glob("*.html"))[0]
    page, errors, requests = _open(browser, index, width=390)
    over = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert over <= 1, over
    rows = page.locator("table.reports tbody tr")
    assert rows.count() >= 2
    rows.nth(0).locator("a").first.click()
    page.wait_for_load_state("load")
    first = page.url
    assert page.locator('a[rel="prev"]').count() == 0
    page.locator('a[rel="next"]').click()
    page.wait_for_load_state("load")
    assert page.url != first and page.locator('a[rel="prev"]').get_attribute("href") == first.rsplit("/", 1)[1]
    fonts = page.evaluate("document.fonts.ready.then(() => Array.from(document.fonts).map(f => f.status))")
    assert fonts and set(fonts) == {"loaded"}, fonts  # the face of the shared stylesheet, loaded
    assert page.evaluate("document.fonts.check('16px \"Embedded Noto Sans CJK SC\"', '区')")
    assert errors == [], errors
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    page.close()
