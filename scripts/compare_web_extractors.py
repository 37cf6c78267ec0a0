"""Compare main-text extractors for saved web pages (issue 22, "Saved web pages"). Prints tables; asserts nothing.

The candidates: the hand-written extractor (``ingest.webpage.visible_text``: every visible text but scripts, styles,
``<nav>``, ``<aside>``, ``<footer>`` …), trafilatura and jusText (maintained main-content extractors), each given the
decoded page as a string (no URL, nothing fetched), and what the suite uses (``ingest.webpage.html_to_text``).

The pages: the made-up ones of ``tests/web_pages.py`` (Chinese health work reports in the furniture of the sites that
publish them, pages with two reports and a list page), written to a temp folder; every shipped raw file that is HTML
(none today: the script checks each and says so); and the text of every shipped report put into the same furniture.

For each page and extractor: report lines lost and planted junk lines kept in the extracted text, then the suite's own
cleaning on the page (``reports.build`` and ``figures.build``, with the extractor in ``textio``'s place): reports in
scope, catalog figures kept (figures with a catalog indicator, matched as (indicator, value) with those the suite
finds in the report's text alone), figures the extractor added (from the sidebar, comments, teasers) and junk lines
still inside the text after the suite's junk-line rules (``rules/junk_lines.csv``). CPU time (``time.process_time``)
per page, the best of several rounds.

    PYTHONPATH=src .venv/bin/python scripts/compare_web_extractors.py [--rounds 5] [--detail]
"""
from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import web_pages  # noqa: E402
from helpers.clean import figures, reports, segment  # noqa: E402
from helpers.core import masking  # noqa: E402
from helpers.ingest import manifest, textio, webpage  # noqa: E402


def trafilatura_text(html: str, **kw) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True, with_metadata=False, **kw) or ""


def justext_text(html: str, **kw) -> str:
    import justext

    # No stoplist for Chinese (words are not spaced): length and link density decide, as jusText advises.
    ps = justext.justext(html, frozenset(), stopwords_low=0, stopwords_high=0, **kw)
    return "\n".join(p.text for p in ps if not p.is_boilerplate)


EXTRACTORS = {
    "hand-written": webpage.visible_text,
    "trafilatura": trafilatura_text,
    "trafilatura precision": lambda h: trafilatura_text(h, favor_precision=True),
    "justext": justext_text,
    "justext zh lengths": lambda h: justext_text(h, length_low=25, length_high=70),
    "suite (chosen)": webpage.html_to_text,
}


def shipped_html() -> tuple[list[Path], list[Path]]:
    """(HTML raw files, all raw files checked): a file is HTML by its name or by its decoded head."""
    files = manifest.report_files(ROOT / "data" / "raw")
    html = []
    for p in files:
        try:
            text = textio.decode_report(p.read_bytes(), p.name).text
        except Exception:  # noqa: BLE001  (an unreadable file is not a web page)
            continue
        if p.suffix.lower() in textio.HTML_SUFFIXES or textio.looks_like_html(text) or "</p>" in text.lower():
            html.append(p)
    return html, files


def wrapped_shipped() -> list[tuple[web_pages.Page, str]]:
    """Each shipped report's text as the article of a made-up CMS page; its lines the suite's junk rules drop count
    as junk, not as report lines. Returns (page, source file name)."""
    out = []
    for p in manifest.report_files(ROOT / "data" / "raw"):
        lines = segment.classified_lines(textio.load_text(p))
        page = web_pages.wrap_text(f"shipped {p.name[:3]}", [l.text for l in lines],
                                   [l.text for l in lines if l.kind == "junk"])
        out.append((page, p.name))
    return out


def catalog_figures(path: Path, masked=frozenset()) -> tuple[collections.Counter, collections.Counter, str]:
    """What the suite finds in one file: (indicator, value) of its catalog figures, (place, kind, period) of its
    reports in scope, and its text."""
    reps = reports.build([path], masked_years={path.name: masked})
    if reps.empty:  # the extractor left no text worth a report
        return collections.Counter(), collections.Counter(), textio.load_text(path)
    figs = figures.build(path.parent, reps, {path.name: masked})
    figs = figs[figs["indicator"] != ""]
    got = collections.Counter(zip(figs["indicator"], figs["value"].round(6).fillna(-1.0)))  # -1: a masked value
    ins = reps[reps["in_scope"]]
    return got, collections.Counter(zip(ins["region_name"], ins["kind"], ins["period"])), textio.load_text(path)


def cpu_per_page(fn, html: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.process_time()
        fn(html)
        best = min(best, time.process_time() - t)
    return best


def measure(pages, tmp: Path, rounds: int) -> list[dict]:
    rows = []
    original = textio.html_to_text
    for k, (page, reference_text, masked) in enumerate(pages):
        ref_dir = tmp / f"p{k}" / "reference"
        ref_dir.mkdir(parents=True)
        (ref_dir / "page.txt").write_text(reference_text, encoding="utf-8")
        # the truth: what the suite finds in the report's own text (the reports in scope too)
        ref, ref_reports, _ = (catalog_figures(ref_dir / "page.txt", masked) if reference_text.strip()
                               else (collections.Counter(), collections.Counter(), ""))
        for name, fn in EXTRACTORS.items():
            d = tmp / f"p{k}" / name.replace(" ", "_")
            d.mkdir()
            (d / "page.html").write_text(page.html, encoding="utf-8")
            text = fn(page.html)
            lost, kept, _, _ = web_pages.score(page, text)
            textio.html_to_text = fn
            try:
                got, got_reports, loaded = catalog_figures(d / "page.html", masked)
            finally:
                textio.html_to_text = original
            rows.append(dict(page=page.name, extractor=name, lines=len(page.report), lost=lost, junk=len(page.junk),
                             kept=kept, after_rules=len(web_pages.kept_after_rules(page, loaded)),
                             figures=sum(ref.values()), figures_kept=sum((ref & got).values()),
                             figures_added=sum((got - ref).values()), reports=sum(ref_reports.values()),
                             in_scope=sum(got_reports.values()), same=sum((ref_reports & got_reports).values()),
                             cpu_ms=1000 * cpu_per_page(fn, page.html, rounds)))
    return rows


def import_cost() -> dict[str, tuple[float, float]]:
    """(CPU seconds, MB of peak memory added) to import each library in a fresh interpreter (trafilatura imports
    lxml and jusText too)."""
    import subprocess

    out = {}
    for mod in ("justext", "trafilatura"):
        # the peak as /proc tells it (ru_maxrss of a child starts at its parent's size, which fork copied)
        code = ("import re, time\n"
                "def hwm(): return int(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1])\n"
                f"m = hwm(); t = time.process_time(); import {mod}\n"
                "print(time.process_time() - t, (hwm() - m) / 1024)")
        got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        cpu, mb = got.stdout.split() if got.returncode == 0 else ("nan", "nan")
        out[mod] = float(cpu), float(mb)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5, help="timing rounds per page (the best counts)")
    ap.add_argument("--detail", action="store_true", help="one row per page and extractor")
    args = ap.parse_args(argv)
    imports = import_cost()

    html, checked = shipped_html()
    print(f"shipped raw files checked: {len(checked)}; HTML among them: "
          + (", ".join(p.name for p in html) if html else "none (all are plain text)"))
    masked = masking.read(ROOT / "data" / "raw" / "masked_years.csv")
    made = [(p, p.reference_text(), frozenset()) for p in web_pages.pages()]
    shipped = [(p, textio.load_text(ROOT / "data" / "raw" / src), masked.get(src, frozenset()))
               for p, src in wrapped_shipped()]
    shipped_pages = []
    for p in html:  # a shipped HTML page: its reference is what the hand-written extractor reads, junk unknown
        h = textio.decode_report(p.read_bytes(), p.name).text
        text = webpage.visible_text(h)
        shipped_pages.append((web_pages.Page(f"raw {p.name}", h, [l for l in text.splitlines() if l.strip()]),
                              text, masked.get(p.name, frozenset())))
    with tempfile.TemporaryDirectory() as tmp:
        rows = measure(made + shipped + shipped_pages, Path(tmp), args.rounds)

    def table(title, sel):
        print(f"\n{title}")
        head = (f"{'extractor':22} {'lines lost':>12} {'junk kept':>11} {'after rules':>11} {'catalog figs':>13} "
                f"{'figs added':>10} {'reports':>8} {'same':>5} {'CPU ms/page':>11}")
        print(head)
        print("-" * len(head))
        for name in EXTRACTORS:
            r = [x for x in rows if x["extractor"] == name and sel(x)]
            s = {k: sum(x[k] for x in r) for k in ("lines", "lost", "junk", "kept", "after_rules", "figures",
                                                    "figures_kept", "figures_added", "reports", "in_scope", "same")}
            ms = sum(x["cpu_ms"] for x in r) / max(1, len(r))
            print(f"{name:22} {s['lost']:>5} / {s['lines']:<4} {s['kept']:>4} / {s['junk']:<4} {s['after_rules']:>11} "
                  f"{s['figures_kept']:>6} / {s['figures']:<4} {s['figures_added']:>10} "
                  f"{s['in_scope']:>3} / {s['reports']:<2} {s['same']:>5} {ms:>11.1f}")

    made_names = {p.name for p, _, _ in made}
    table(f"made-up pages ({len(made)}: {', '.join(sorted(made_names))})", lambda x: x["page"] in made_names)
    table(f"shipped report texts in a made-up CMS page ({len(shipped)})", lambda x: x["page"].startswith("shipped"))
    if shipped_pages:
        table("shipped HTML files", lambda x: x["page"].startswith("raw "))
    print("\nlines lost: report lines missing from the extracted text; junk kept: planted furniture items in it; "
          "after rules: of those, still in a report after the suite's junk-line rules;\ncatalog figs: (indicator, "
          "value) pairs kept of those the suite finds in the report text alone; figs added: catalog figures that are "
          "not the report's (sidebar, comments, teasers);\nreports: reports in scope / those in the report text alone; same: of those, with the same place, kind and "
          "period. CPU: "
          f"time.process_time, best of {args.rounds} rounds. Import in a fresh interpreter (CPU, peak memory added): "
          + ", ".join(f"{m} {cpu:.2f} s, {mb:.0f} MB" for m, (cpu, mb) in imports.items()))
    if args.detail:
        print(f"\n{'page':16} {'extractor':22} lost kept after figs    added reports same")
        for x in rows:
            print(f"{x['page']:16} {x['extractor']:22} {x['lost']:>4} {x['kept']:>4} {x['after_rules']:>5} "
                  f"{x['figures_kept']:>3}/{x['figures']:<3} {x['figures_added']:>5} {x['in_scope']:>3}/{x['reports']:<3} "
                  f"{x['same']:>4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
