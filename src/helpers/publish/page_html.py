"""What nbconvert's HTML exporter does to a page after its template, without building a BeautifulSoup tree.

nbconvert (7.x) ends ``HTMLExporter.from_notebook_node`` by parsing the whole page with BeautifulSoup's
``html.parser`` tree builder, giving every ``<img>`` without ``alt`` a default one and ``tabindex="0"`` to the
notebook's input and output areas, and writing the tree out again (``str(soup)``). For a brief that is 2,000 tags
and about 0.2 s of CPU, most of its export. :func:`like_nbconvert` gives the same string in one pass over the same
tokenizer (the standard library's ``HTMLParser``, as BeautifulSoup uses it), with BeautifulSoup's own tables and
functions for what the tree would change: entities and character references read as characters, text and attribute
values escaped by its "minimal" formatter, attributes in alphabetical order, ``class`` and the other list-valued
attributes re-joined with single spaces, whitespace-only text reduced to one space or newline outside ``<pre>``,
void elements written ``<br/>``, non-void self-closed tags opened and closed, a ``<meta>`` charset written as
``utf-8``, a newline after the doctype.

It takes the fast path only where that tree is plain: every end tag closes the innermost open element, every element
is closed, no CDATA section, processing instruction or other declaration. Anything else (a page that is not
well-formed in that sense) is passed to BeautifulSoup itself, so the page is the same either way
(``tests/publish/test_page_html.py`` compares the two).
"""
from __future__ import annotations

import logging
from functools import lru_cache
from html.parser import HTMLParser

#: what nbconvert puts on an image without alternative text, and the elements it makes focusable
ALT_TEXT = "No description has been provided for this image"
NOTEBOOK_CLASS = "jp-Notebook"
FOCUSABLE = ("jp-Cell-inputWrapper", "jp-OutputArea-output")  # div elements inside .jp-Notebook


class _NotPlain(Exception):
    """The page is not one the fast path writes exactly as BeautifulSoup does: hand it to BeautifulSoup."""


@lru_cache(maxsize=1)
def _bs4():
    """BeautifulSoup's own pieces, so both paths share their rules (looked up once)."""
    from bs4.builder import HTMLParserTreeBuilder
    from bs4.builder._htmlparser import BeautifulSoupHTMLParser
    from bs4.dammit import EntitySubstitution
    from bs4.element import Comment, ContentMetaAttributeValue, Doctype
    from bs4.formatter import HTMLFormatter

    builder = HTMLParserTreeBuilder()
    formatter = HTMLFormatter.REGISTRY["minimal"]
    return {
        "builder": builder, "formatter": formatter, "charref": BeautifulSoupHTMLParser._dereference_numeric_character_reference,
        "entities": EntitySubstitution.HTML_ENTITY_TO_CHARACTER, "content_meta": ContentMetaAttributeValue,
        "comment": (Comment.PREFIX, Comment.SUFFIX), "doctype": (Doctype.PREFIX, Doctype.SUFFIX),
        "void": frozenset(builder.empty_element_tags), "keep_space": frozenset(builder.preserve_whitespace_tags),
        "raw_text": frozenset(formatter.cdata_containing_tags), "spaces": "\x20\x0a\x09\x0c\x0d",
    }


class _Writer(HTMLParser):
    """Streams the page out as BeautifulSoup would write its tree (see the module's doc)."""

    def __init__(self, b: dict):
        super().__init__(convert_charrefs=False)  # as BeautifulSoup's builder sets it
        self.b = b
        self.out: list[str] = []
        self.data: list[str] = []
        self.stack: list[tuple[str, bool, bool]] = []  # (name, inside .jp-Notebook below it, void)
        self.keep_space = 0  # open <pre>/<textarea>
        self.closed_void: list[str] = []  # void elements closed at their start tag (a later </br> is dropped)
        self.missing_alt = 0

    # --- text, as BeautifulSoup's endData() makes a string of it
    def _text(self) -> str | None:
        if not self.data:
            return None
        s = "".join(self.data)
        self.data = []
        if not self.keep_space and all(c in self.b["spaces"] for c in s):
            s = "\n" if "\n" in s else " "
        return s

    def _flush(self) -> None:
        s = self._text()
        if s is not None:
            parent = self.stack[-1][0] if self.stack else None
            self.out.append(s if parent in self.b["raw_text"] else self.b["formatter"].substitute(s))

    def handle_data(self, data):
        self.data.append(data)

    def handle_charref(self, name):
        dereferenced, _, extra = self.b["charref"](name)
        if dereferenced is not None:
            self.data.append(dereferenced)
        if extra is not None:
            self.data.append(extra)

    def handle_entityref(self, name):
        character = self.b["entities"].get(name)
        self.data.append(character if character is not None else f"&{name}")

    def handle_comment(self, data):
        self._flush()
        self.data.append(data)
        prefix, suffix = self.b["comment"]
        self.out.append(prefix + self._text() + suffix)

    def handle_decl(self, decl):
        self._flush()
        self.data.append(decl[len("DOCTYPE "):])
        prefix, suffix = self.b["doctype"]
        self.out.append(prefix + self._text() + suffix)

    def unknown_decl(self, data):
        raise _NotPlain("CDATA or a declaration")

    def handle_pi(self, data):
        raise _NotPlain("a processing instruction")

    # --- elements
    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closes_itself=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closes_itself=True)
        self._end(tag, check_closed_void=False)

    def _start(self, tag, attrs, closes_itself):
        self._flush()
        values: dict = {}
        for key, value in attrs:  # a repeated attribute: the last value wins, as in BeautifulSoup's default
            values[key] = "" if value is None else value
        values = self.b["builder"]._replace_cdata_list_attribute_values(tag, values)
        if tag == "meta":
            self._meta(values)
        in_notebook = bool(self.stack) and self.stack[-1][1]
        classes = values.get("class")
        if isinstance(classes, list):
            if tag == "div" and in_notebook and any(c in classes for c in FOCUSABLE):
                values["tabindex"] = "0"
            if NOTEBOOK_CLASS in classes:
                in_notebook = True
            if any(c.lower() in (NOTEBOOK_CLASS.lower(), *(f.lower() for f in FOCUSABLE)) and c not in
                   (NOTEBOOK_CLASS, *FOCUSABLE) for c in classes):
                raise _NotPlain("a class that differs from nbconvert's only by case")
        if tag == "img" and "alt" not in values:
            values["alt"] = ALT_TEXT
            self.missing_alt += 1
        void = tag in self.b["void"]
        self.out.append(self._tag(tag, values, void))
        if void and not closes_itself:
            self.closed_void.append(tag)  # BeautifulSoup closes it at once
            return
        self.stack.append((tag, in_notebook, void))
        if tag in self.b["keep_space"]:
            self.keep_space += 1

    def _meta(self, values: dict) -> None:
        """BeautifulSoup writes a <meta>'s declared encoding as the one it writes the page in (utf-8)."""
        if "charset" in values:
            values["charset"] = "utf-8"
            return
        content, equiv = values.get("content"), values.get("http-equiv")
        equiv = [] if equiv is None else equiv if isinstance(equiv, list) else [equiv]
        if content is not None and any(x.lower() == "content-type" for x in equiv):
            values["content"] = self.b["content_meta"](content).substitute_encoding("utf-8")

    def _tag(self, tag: str, values: dict, void: bool) -> str:
        fmt = self.b["formatter"]
        parts = []
        for key, val in sorted(values.items()):
            if isinstance(val, list):
                val = " ".join(val)
            parts.append(f"{key}={fmt.quoted_attribute_value(fmt.attribute_value(val))}")
        attrs = (" " + " ".join(parts)) if parts else ""
        return f"<{tag}{attrs}{(fmt.void_element_close_prefix or '') if void else ''}>"

    def handle_endtag(self, tag):
        self._end(tag, check_closed_void=True)

    def _end(self, tag, check_closed_void):
        self._flush()
        if check_closed_void and tag in self.closed_void:
            self.closed_void.remove(tag)  # the end tag of a void element already closed: BeautifulSoup drops it
            return
        if not self.stack or self.stack[-1][0] != tag:
            raise _NotPlain(f"</{tag}> does not close the innermost open element")
        name, _, void = self.stack.pop()
        if name in self.b["keep_space"]:
            self.keep_space -= 1
        if not void:
            self.out.append(f"</{name}>")

    def result(self) -> str:
        self._flush()
        if self.stack:
            raise _NotPlain("elements left open")
        return "".join(self.out)


def like_nbconvert(html: str, log: logging.Logger | None = None) -> str:
    """``html`` (a page nbconvert's template rendered) as nbconvert's HTML exporter returns it: the same string as
    its BeautifulSoup pass, in a fraction of the time where the page is plain (see the module's doc)."""
    try:
        b = _bs4()
    except (ImportError, AttributeError):  # a BeautifulSoup without the pieces used here: its own pass
        return _with_soup(html, log)
    w = _Writer(b)
    try:
        w.feed(html)
        w.close()
        out = w.result()
    except (_NotPlain, AssertionError):
        return _with_soup(html, log)
    if w.missing_alt and log is not None:
        log.warning("Alternative text is missing on %s image(s).", w.missing_alt)
    return out


def _with_soup(html: str, log: logging.Logger | None = None) -> str:
    """nbconvert's own pass (``HTMLExporter.from_notebook_node``, 7.x), for pages the fast path does not take."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, features="html.parser")
    missing_alt = 0
    for elem in soup.select("img:not([alt])"):
        elem.attrs["alt"] = ALT_TEXT
        missing_alt += 1
    if missing_alt and log is not None:
        log.warning("Alternative text is missing on %s image(s).", missing_alt)
    for elem in soup.select(".jp-Notebook div.jp-Cell-inputWrapper"):
        elem.attrs["tabindex"] = "0"
    for elem in soup.select(".jp-Notebook div.jp-OutputArea-output"):
        elem.attrs["tabindex"] = "0"
    return str(soup)
