"""The exporter's last step without a BeautifulSoup tree: the same page as nbconvert's own pass, always."""
import base64

import nbformat
import pytest

from helpers.publish import notebook_runner, page_html

# (markup, whether the fast path writes it: False where it hands the page to BeautifulSoup)
CASES = [
    ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="UTF-8"><title>a &amp; b</title></head>\n<body>\n</body>\n</html>\n', True),
    ("<!doctype html><p>x</p>", True),
    ("<p>&quot;q&quot; &#x27;s&#39; &nbsp;|&foo; &#150; &#x1F600; &#0; &amp;amp; & alone, a < b > c</p>", True),
    ("<p>&copy 2024 &ampx &#xZZ; &</p>", True),
    ("<p>&#12abc</p>", False),  # html.parser reads the rest of the page as text: </p> is lost, <p> left open
    ('<div class="  a   b " id="1" id="2" hidden data-q=\'he said "hi"\' title="both \' and &quot;">x</div>', True),
    ('<DIV CLASS="X" Data-Y="z">upper</DIV><td headers="h1  h2">t</td><a rel="nofollow  noopener" href="?a=1&b=2&amp;c">l</a>', True),
    ('<span class="">empty class</span><p title="a&amp;b &lt; &gt; <raw>">v</p>', True),
    ('<br><br/><br></br><img src="x.png"><img alt="" src="y.png"><input disabled><hr/><col>', True),
    ('<svg viewBox="0 0 10 10"><circle r="1"/><path d="M0 0"/><g><text x="1">六安 &amp; 金安</text></g></svg><div/>', True),
    ("<p>  </p><p>\n \n</p><pre>  \n </pre><textarea> </textarea><pre><b> </b></pre><p>\t</p>", True),
    ("<style>a > b { content: '&amp;'; }</style><script>if (a < b && c) { x = '</div>'; }</script><style>  </style>", True),
    ("<template><p>&amp; &lt;</p></template><!-- x --><!----><!--   --><!-- a\n b -->", True),
    ('<div class="jp-Notebook"><div class="jp-Cell jp-Cell-inputWrapper">x</div>'
     '<div class="jp-OutputArea-output" tabindex="5">y</div><span class="jp-OutputArea-output">s</span></div>'
     '<div class="jp-Cell-inputWrapper">outside</div><div class="jp-Notebook jp-OutputArea-output">self</div>', True),
    ('<meta http-equiv="Content-Type" content="text/html; charset=latin-1"><meta name="viewport" content="w">', True),
    ("六安市金安区\xa0 text\r\nwith CRLF\r\n<p>\r\n</p>", True),
    ("<div><p>unclosed</div>", False),
    ("</span>stray end tag", False),
    ("<b><i>x</b></i>", False),
    ("<div>left open", False),
    ("<![CDATA[x < y]]>", False),
    ('<?xml version="1.0"?><p>x</p>', False),
    ('<div class="JP-NOTEBOOK"><div class="jp-OutputArea-output">case</div></div>', False),
]


@pytest.mark.parametrize("markup,plain", CASES)
def test_the_fast_pass_writes_what_beautifulsoup_writes(markup, plain, monkeypatch):
    from bs4 import BeautifulSoup  # noqa: F401  (nbconvert's own dependency)

    taken = []
    real = page_html._with_soup
    monkeypatch.setattr(page_html, "_with_soup", lambda html, log=None: taken.append(1) or real(html, log))
    assert page_html.like_nbconvert(markup) == real(markup)
    assert (not taken) == plain  # the fast path is the one that ran, except where the tree is not plain


def _png() -> str:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def test_the_exporter_gives_the_page_of_nbconvert_s_own_exporter():
    """A notebook with what the suite's pages hold (Markdown, HTML tables with report text, inline SVG, a PNG without
    alternative text, printed text, an error) exports to the same string as with nbconvert's HTMLExporter."""
    from nbconvert import HTMLExporter

    nb = nbformat.v4.new_notebook()
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    md = nbformat.v4.new_markdown_cell("# Title 标题\n\nA *list*:\n\n- one & two\n- `code <x>`\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    code = nbformat.v4.new_code_cell("display(x)")
    code.outputs = [
        nbformat.v4.new_output("display_data", {"text/html": '<table class="rug  t"><tr><th title="建档率 &amp; &quot;x&quot;">'
                                                              "率</th><td>87.5% · H1&nbsp;⚠</td></tr></table>"}),
        nbformat.v4.new_output("display_data", {"text/html": '<svg viewBox="0 0 4 4"><circle r="1"/><title>a<b</title></svg>'}),
        nbformat.v4.new_output("display_data", {"image/png": _png(), "text/plain": "<Figure>"}),
        nbformat.v4.new_output("stream", name="stdout", text="printed  <text> & more\n"),
        nbformat.v4.new_output("error", ename="ValueError", evalue="bad <id>", traceback=["\x1b[31mValueError\x1b[0m: bad <id>"]),
    ]
    nb.cells = [md, code]
    stock = HTMLExporter(template_name="offline", extra_template_basedirs=[str(notebook_runner.TEMPLATES)])
    for k in ("exclude_input", "exclude_input_prompt", "exclude_output_prompt", "embed_images"):
        setattr(stock, k, True)
    ours = notebook_runner._exporter()
    want, _ = stock.from_notebook_node(nb, resources={"metadata": {"name": "t"}})
    got, _ = ours.from_notebook_node(nb, resources={"metadata": {"name": "t"}})
    assert 'alt="No description has been provided for this image"' in want and 'tabindex="0"' in want
    assert got == want
