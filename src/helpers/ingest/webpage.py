"""The text of a saved web page: its main content, without the site's furniture.

``html_to_text`` is what the suite reads a page with: trafilatura's main content (``main_text``), and where it finds
none, the hand-written ``visible_text``. ``scripts/compare_web_extractors.py`` measured both, and jusText, on made-up
Chinese report pages with navigation, ads, sidebars, comments, footers and several articles (README, "Saved web
pages"). Both work on the decoded string: nothing is fetched.

- ``main_text``: trafilatura (precision mode, no comments, tables kept) as XML, written out one line per paragraph,
  heading, list item and ``<br>`` line, a table row as its cells joined by tabs (the table-row rules read them), and
  the page's ``<h1>`` title on the first line when trafilatura left it out (the title says whose report it is, and
  of which period).
- ``visible_text``: every visible text but scripts, styles and the furniture HTML marks as such (``<nav>``,
  ``<aside>``, ``<footer>`` …), one line per block element.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

#: trafilatura's XML elements inside a line (formatting, links); every other element stands on lines of its own
_INLINE = {"hi", "ref", "del", "span", "graphic"}


class _TextExtractor(HTMLParser):
    # <form> and <header> are kept: a saved ASP.NET page holds its whole body in a <form>, and an article's
    # <header> holds its title (site banners inside are junk lines for segmentation, see rules/junk_lines.csv)
    SKIP = {"script", "style", "noscript", "nav", "footer", "aside", "select", "button", "iframe", "svg"}
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "td", "title", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """Visible text of a saved web page: scripts, styles, navigation, asides and footers dropped (the text of
    ``<form>`` and ``<header>`` is kept)."""
    p = _TextExtractor()
    p.feed(html)
    p.close()
    text = "".join(p.parts)
    return _lines(text)


def _lines(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", l).strip() for l in text.split("\n")]
    return "\n".join(l for l in lines if l) + "\n"


def html_to_text(html: str) -> str:
    """The text the suite reads a saved web page as: its main content (``main_text``), or where that finds none,
    every visible text (``visible_text``)."""
    return main_text(html) or visible_text(html)


def main_text(html: str) -> str:
    """The main content of a page by trafilatura, one line per paragraph ('' when it finds none)."""
    import trafilatura
    from lxml import etree

    try:
        xml = trafilatura.extract(html, output_format="xml", favor_precision=True, include_comments=False,
                                  include_tables=True, include_images=False, include_links=False,
                                  with_metadata=False, deduplicate=False)
        root = etree.fromstring(xml.encode("utf-8")) if xml else None
    except (ValueError, etree.LxmlError):  # a page lxml cannot parse: the hand-written reader takes it
        return ""
    if root is None:
        return ""
    lines = _xml_lines(root)
    if not any(re.search(r"\w", l) for l in lines):
        return ""
    title = page_title(html)
    if title and _squeeze(title) not in _squeeze("".join(lines)):
        lines.insert(0, title)
    return "".join(l + "\n" for l in lines)


def _xml_lines(el) -> list[str]:
    """Lines of trafilatura's XML: a block element on lines of its own, a ``<lb/>`` a line break, a table row whose
    cells are one line each as the cells joined by tabs (a layout table's row, whose cells hold paragraphs, as the
    cells' lines)."""
    if el.tag == "row":
        cells = [_xml_lines(c) for c in el if c.tag == "cell"]
        if all(len(c) <= 1 for c in cells):
            row = "\t".join(c[0] if c else "" for c in cells).strip("\t")
            return [row] if row else []
        return [l for c in cells for l in c]
    lines, cur = [], []

    def flush():
        line = re.sub(r"[^\S\t]+", " ", "".join(cur)).strip()
        if line:
            lines.append(line)
        cur.clear()

    cur.append(el.text or "")
    for child in el:
        if child.tag == "lb":
            flush()
        elif child.tag in _INLINE:
            cur.append("".join(child.itertext()))
        else:
            flush()
            lines.extend(_xml_lines(child))
        cur.append(child.tail or "")
    flush()
    return lines


def page_title(html: str) -> str:
    """The page's title: the text of its first ``<h1>`` ('' when it has none)."""
    m = re.search(r"<h1\b[^>]*>(.*?)</h1\s*>", html, re.I | re.S)
    return re.sub(r"\s+", " ", visible_text(m.group(1))).strip() if m else ""


def _squeeze(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)
