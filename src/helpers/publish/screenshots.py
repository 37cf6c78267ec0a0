"""Look at the pages as a reader does: a headless Chromium opens the index, briefs, a source view, the index page
of a raw file of several reports (its source views' table of contents), the analysis overview and one area page,
checks them and saves screenshots under ``outputs/screenshots/`` (used by ``make run`` when a browser is installed,
and by the browser test).

What is checked on every page: no request leaves the page (only ``file:`` and ``data:`` URLs), no
console error, and no horizontal overflow at 1280 px (a desktop) and 390 px (a phone). A brief must
also show its *At a glance* summary and its spine chart (or the sentence that says why there is none); the overview
and the area page their tartan rug (``table.rug``).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

WIDTHS = (1280, 390)


def chromium() -> str | None:
    """Debian's Chromium (or $CHROMIUM), or None when none is installed."""
    for cand in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                 shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).exists():
            return cand
    return None


@dataclass
class PageCheck:
    page: str
    width: int
    screenshot: str = ""
    problems: list[str] = field(default_factory=list)


def check_page(browser, path: Path, width: int, shot: Path | None, brief: bool, rug: bool = False) -> PageCheck:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready")
    res = PageCheck(path.name, width)
    external = [u for u in requests if not u.startswith(("file:", "data:"))]
    if external:
        res.problems.append(f"requests leave the page: {external[:3]}")
    if errors:
        res.problems.append(f"console errors: {errors[:3]}")
    over = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if over > 1:
        res.problems.append(f"horizontal overflow of {over} px at {width} px")
    if brief:
        if not page.locator("section.glance li").first.is_visible():
            res.problems.append("no visible At a glance")
        if not page.locator(".spine-wrap").first.is_visible():
            res.problems.append("no visible spine chart")
    if rug:  # an analysis page: its tartan rug is there and visible (wide rugs scroll in their own box)
        r = page.locator("table.rug").first
        if not page.locator("table.rug").count() or not r.is_visible():
            res.problems.append("no visible tartan rug")
        else:
            r.scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, -120)")  # the legend above it in view too
    if shot is not None:
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=False)
        res.screenshot = str(shot)
    page.close()
    return res


def analysis_pages(outputs: Path) -> list[tuple[str, Path]]:
    """The overview and the first area page of ``outputs/analysis/`` (those that exist), each with its screenshot
    name."""
    found = [("overview", sorted((outputs / "analysis").glob("20_*.html"))),
             ("area1", sorted(p for p in (outputs / "analysis").glob("2[1-7]_*.html")))]
    return [(name, pages[0]) for name, pages in found if pages]


def take(outputs: Path, briefs: list[Path] | None = None, n_briefs: int = 2, exe: str | None = None) -> list[PageCheck]:
    """Check and screenshot the index and ``n_briefs`` briefs (those with a spine chart first) at each
    width. Raises RuntimeError when no Chromium or Playwright is installed."""
    exe = exe or chromium()
    if exe is None:
        raise RuntimeError("no Chromium installed (apt-get install chromium, or set CHROMIUM=/path/to/chromium)")
    from playwright.sync_api import sync_playwright

    outputs = Path(outputs)
    if briefs is None:
        all_briefs = sorted((outputs / "briefs").glob("*.html"))
        with_spine = []
        for page in all_briefs:  # the first briefs with a spine chart: read only until there are enough
            if 'class="spine-chart"' in page.read_text(encoding="utf-8"):
                with_spine.append(page)
                if len(with_spine) == n_briefs:
                    break
        briefs = (with_spine + [p for p in all_briefs if p not in with_spine])[:n_briefs]
    shots = outputs / "screenshots"
    out = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        try:
            for width in WIDTHS:
                out.append(check_page(b, outputs / "index.html", width, shots / f"index-{width}.png", brief=False))
                for k, page in enumerate(briefs, start=1):
                    out.append(check_page(b, page, width, shots / f"brief{k}-{width}.png", brief=True))
                source = outputs / "sources" / briefs[0].name if briefs else None
                if source is not None and source.exists():  # the first brief's source view
                    out.append(check_page(b, source, width, shots / f"source1-{width}.png", brief=False))
                for page in sorted((outputs / "sources" / "files").glob("*.html"))[:1]:  # a raw file's index page
                    out.append(check_page(b, page, width, shots / f"sourcefile-{width}.png", brief=False))
                for name, page in analysis_pages(outputs):  # the overview and one area page, at their rugs
                    out.append(check_page(b, page, width, shots / f"{name}-{width}.png", brief=False, rug=True))
        finally:
            b.close()
    return out


def run(outputs: Path, log=print) -> int:
    """For ``make run``: screenshots when a browser is there, a one-line note when not. Returns 0, or 1
    when a page fails a check (the pages are still written)."""
    if chromium() is None:
        log("[screenshots] skipped: no Chromium installed (apt-get install chromium)")
        return 0
    try:
        checks = take(outputs)
    except Exception as e:  # a browser that cannot start is not a failure of the reports
        log(f"[screenshots] skipped: the browser could not run ({type(e).__name__}: {e})")
        return 0
    bad = [c for c in checks if c.problems]
    for c in bad:
        log(f"[screenshots] {c.page} at {c.width} px: {'; '.join(c.problems)}")
    log(f"[screenshots] {len(checks)} page views checked, {len(bad)} with problems -> outputs/screenshots/")
    return 1 if bad else 0
