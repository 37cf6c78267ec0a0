"""The one table style of the analysis pages (helpers.publish.pages.table)."""
import re

import pandas as pd

from helpers.core.paths import Paths
from helpers.publish import pages


def _cells(markup: str, tag: str = "td") -> list[str]:
    return re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", markup)


def test_a_table_has_no_index_text_left_numbers_right_and_wrapped_quotes():
    df = pd.DataFrame({"place": ["Jin'an District", "Jiaoqu"], "value": ["87.5% · H1", "≈90% · annual ⚠"],
                       "reports": [3, 12345], "share": [0.5, 1.25],
                       "quote": ["全区" * 40, "短"]}, index=[7, 9])
    m = pages.table(df)._repr_html_()
    assert 'class="hr-table"' in m and "<th></th>" not in m and ">7<" not in m and ">9<" not in m  # no index
    assert re.findall(r'<th scope="col"( class=num)?>(\w+)</th>', m) == [
        ("", "place"), (" class=num", "value"), (" class=num", "reports"), (" class=num", "share"), ("", "quote")]
    assert "<td>Jin&#x27;an District</td>" in m  # text: left (the default), escaped
    assert '<td class="num">87.5% · H1</td>' in m and '<td class="num">12,345</td>' in m
    assert '<td class="num">1.25</td>' in m and '<td class="quote">' in m
    assert "position:sticky" in m and "overflow-wrap:anywhere" in m


def test_report_ids_and_codes_are_text_not_numbers():
    m = str(pages.table(pd.DataFrame({"report_id": ["001_5f89a.txt#1", "002_e2.txt#2"]})))
    assert '<td>001_5f89a.txt#1</td>' in m


def test_masked_years_show_as_masked_never_as_a_year():
    df = pd.DataFrame({"report_id": ["a#1", "b#1"], "year_reported": ["2024", "2023"], "year_masked": [True, False]})
    m = str(pages.table(df))
    assert pages.MASKED_YEAR in m and "2024" not in m and "<td>2023</td>" in m
    assert "year_masked" not in m  # the cell says it


def test_at_most_40_rows_and_a_link_to_the_whole_table(tmp_path):
    df = pd.DataFrame({"n": range(100), "what": ["x"] * 100})
    m = str(pages.table(df, csv="outputs/tables/big.csv"))
    assert len(re.findall("<tr>", m)) == 41  # the header and 40 rows
    assert "The first 40 of 100 rows" in m and 'href="../outputs/tables/big.csv"' in m
    # a table cut without a file of its own is written to outputs/tables/ and linked
    paths = Paths(tmp_path)
    m = str(pages.table(df, name="my_big", paths=paths))
    assert (tmp_path / "outputs/tables/my_big.csv").read_text().count("\n") == 101
    assert 'href="../outputs/tables/my_big.csv"' in m and 'href="../outputs/tables/my_big.xlsx"' in m
    assert not (tmp_path / "outputs/tables/small.csv").exists()
    pages.table(df.head(5), name="small", paths=paths)  # not cut: nothing written
    assert not (tmp_path / "outputs/tables/small.csv").exists()


def test_links_written_for_notebooks_are_rewritten_for_the_analysis_pages():
    m = ('<a href="../outputs/tables/x.csv">x</a> <a href="../data/clean/figures.csv">f</a> '
         '<a href="../outputs/sources/a.html#f-1">v</a> <a href="https://example.org/">e</a>')
    out = pages.for_analysis_page(m)
    assert 'href="../tables/x.csv"' in out and 'href="../../data/clean/figures.csv"' in out
    assert 'href="../sources/a.html#f-1"' in out and 'href="https://example.org/"' in out


def test_an_empty_table_says_so():
    assert "Nothing to show" in str(pages.table(pd.DataFrame(columns=["a"])))


def test_every_table_the_notebooks_show_goes_through_the_one_style(root):
    """No notebook cell ends with a bare DataFrame expression or displays one: every table is pages.table or the rug."""
    import json

    bare = re.compile(r"^(display\((?!pages\.|rug\.|Markdown|fig)|[a-z_]+(\[.*\])?$|compare\.(?!load)|ex\.(?!load))")
    for nb_path in sorted((root / "notebooks").glob("[12]*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            assert not cell["outputs"], f"{nb_path.name}: committed with outputs"
            lines = [ln for ln in "".join(cell["source"]).splitlines() if ln.strip() and not ln.startswith((" ", "#"))]
            last = lines[-1] if lines else ""
            if "=" in last.split("(")[0] or last.startswith(("from ", "import ", "if ", "for ", "plots.save", "print(")):
                continue
            assert last.startswith(("pages.table(", "pages.clean_table(", "rug.rug(", "display(", "shown =", "met,")) or last.startswith("{"), \
                f"{nb_path.name}: {last}"
            for ln in lines:
                assert not bare.match(ln) or ln.startswith(("display(pages.", "display(rug.", "display(Markdown")), \
                    f"{nb_path.name}: {ln}"


def test_a_clean_table_of_any_size_shows_its_first_filtered_rows_and_their_count(tmp_path):
    from helpers.clean import quality
    from helpers.core import tables

    paths = Paths(tmp_path)
    q = pd.DataFrame({c: [""] * 45 for c in quality.COLUMNS})
    q["report_id"] = [f"a.txt#{k}" for k in range(45)]
    q["severity"], q["check"], q["message"] = "warning", "contradiction", "made up"
    q.loc[0, "severity"] = "note"
    tables.write("quality", q, paths)
    m = str(pages.clean_table("quality", ["report_id", "message"], where=lambda d: d[d["severity"] == "warning"],
                              needs=("severity",), paths=paths))
    assert "The first 40 of 44 rows" in m and 'href="../data/clean/quality.csv"' in m and "a.txt#0<" not in m
