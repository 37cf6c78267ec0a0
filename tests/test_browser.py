"""A real browser opens the index and a brief: title, a table, a plot (inline SVG), no console errors.

Uses Debian's chromium (``/usr/bin/chromium``; ``.ci/run`` installs it when it can) driven by
Playwright. Skipped, with the reason, where no browser is installed.
"""
import os
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _chromium() -> str | None:
    for cand in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                 shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).exists():
            return cand
    return None


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium installed (apt-get install chromium, or set CHROMIUM=/path/to/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _open(browser, path: Path):
    page = browser.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, requests


def test_index_and_a_brief_render_in_chromium(browser, shipped_run):
    proj, code, logs = shipped_run
    assert code == 0, "\n".join(logs)
    page, errors, requests = _open(browser, proj / "outputs/index.html")
    assert "briefs" in page.title().lower()
    assert page.locator("table tbody tr").count() >= 8
    hrefs = [a.get_attribute("href") for a in page.locator("table a").all()]
    assert errors == [], errors
    page.close()

    # the first brief with plots (a report no other report shares an indicator with has none)
    for href in hrefs:
        page, errors, requests = _open(browser, proj / "outputs" / href)
        if page.locator("svg.dot-plot").count():
            break
        page.close()
    else:
        pytest.fail("no brief has a plot")
    assert page.title() and "·" in page.title()
    assert page.locator("table").count() >= 2
    # the plots are drawn: each SVG has a size on the page, its dots and its text in the embedded font
    sizes = page.evaluate("Array.from(document.querySelectorAll('svg.dot-plot')).map(s => s.getBBox().width)")
    assert sizes and all(w > 100 for w in sizes)
    assert page.locator("svg.dot-plot circle, svg.dot-plot polygon, svg.dot-plot path").count() >= 2
    svg_font = page.evaluate("getComputedStyle(document.querySelector('svg.dot-plot text')).fontFamily")
    assert "Embedded Noto Sans CJK SC" in svg_font
    # Chinese text renders from the embedded subset font, whatever fonts the machine has
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px \"Embedded Noto Sans CJK SC\"', '区'))")
    assert errors == [], errors
    external = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert external == [], f"the brief requested {external}"
    page.screenshot(path=str(proj / "outputs" / "brief_screenshot.png"), full_page=False)
    page.close()
