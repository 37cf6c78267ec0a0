"""PDF with a text layer (issue 22): made with reportlab's STSong-Light CID font. Reading order kept, running headers
and page numbers dropped with their reason, wrapped lines joined without a space, tables as tab-separated rows, and
the page of every figure; a text PDF of a shipped report yields at least 95 % of the figures its .txt yields."""
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

import made_files  # noqa: E402
from helpers.core import tables  # noqa: E402
from helpers.ingest import pdf, textio  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "data" / "raw").glob("*.txt"))
TABLE = [["指标", "数值"], ["门急诊人次(人次)", "52310"], ["住院分娩率(%)", "99.8"]]


clean = made_files.clean_folder


def test_text_layer_in_reading_order_without_running_headers_or_page_numbers():
    data = made_files.pdf_bytes(made_files.REPORT * 2, table=TABLE, pages_min=2)
    got = pdf.pdf_to_text(data)
    assert len(got.pages) == 2 and got.pages[0] == 0
    assert made_files.HEADER not in got.text and "- 1 -" not in got.text and "- 2 -" not in got.text
    assert {why for _, _, why in got.dropped} == {"running header of the PDF", "page number of the PDF"}
    assert {p for p, _, _ in got.dropped} == {1, 2}
    # reading order: the sections in the order written, the table after the text, a row a line, cells by tabs
    t = got.text
    assert t.index("一、基本公共卫生服务") < t.index("二、妇幼健康") < t.index("三、疾病预防控制") < t.index("指标\t数值")
    assert "门急诊人次(人次)\t52310\n" in t and "住院分娩率(%)\t99.8\n" in t
    assert " " not in t.replace("\t", "")  # Chinese gets no spaces between characters


def test_a_made_up_pdf_gives_its_figures_with_pages_and_joined_wrapped_lines(tmp_path):
    data = made_files.pdf_bytes(made_files.REPORT, table=TABLE, pages_min=2)
    paths, reps = clean(tmp_path, {"report.pdf": data, "report.txt": made_files.REPORT.encode()})
    r = reps.table.set_index("source_file").loc["report.pdf"]
    assert r["container"] == "pdf" and r["in_scope"] and r["region_name"] == "金华市婺城区"
    figs = tables.load_figures(paths)
    p, t = figs[figs["source_file"] == "report.pdf"], figs[figs["source_file"] == "report.txt"]
    lv = p[p["role"] == "level"].drop_duplicates("indicator").set_index("indicator")
    # 签约率为45.2% stands on a wrapped line (…覆盖重点人群 / ，签约率为45.2%): read across the break
    assert lv.loc["family_doctor_signing_rate", "value"] == pytest.approx(45.2)
    assert lv.loc["infectious_incidence_rate", "value"] == pytest.approx(153.895)  # 发病率为 / 153.895/10万
    row = p[p["indicator"] == "outpatient_visits"]  # the table row (in the plan section: a target)
    assert list(row["value"]) == [52310] and list(row["raw"]) == ["52310"]
    assert set(p["page"]) == {"1", "2"} and set(t["page"]) == {""}
    text = textio.load_text(paths.raw / "report.pdf")
    assert all(text[s:e] == raw for s, e, raw in zip(p["start"], p["end"], p["raw"]))
    starts = textio.load(paths.raw / "report.pdf").pages
    assert all(int(pg) == pdf.page_of(starts, s) for pg, s in zip(p["page"], p["start"]))
    assert len(p) >= len(t)


def _key(f):
    return Counter(zip(f["indicator"], f["raw_value"], f["raw_unit"], f["role"]))


@pytest.mark.parametrize("txt", SHIPPED[:3], ids=lambda p: p.stem)
def test_a_text_pdf_of_a_shipped_report_yields_95_percent_of_its_figures(tmp_path, txt):
    text = txt.read_text(encoding="utf-8")
    paths, _ = clean(tmp_path, {"a.txt": txt.read_bytes(), "a.pdf": made_files.pdf_bytes(text, header="某某区卫生健康局")})
    figs = tables.load_figures(paths)
    t, p = _key(figs[figs["source_file"] == "a.txt"]), _key(figs[figs["source_file"] == "a.pdf"])
    same = sum((t & p).values())
    assert same >= 0.95 * sum(t.values()), (same, sum(t.values()), list((t - p).items())[:8])
    pages = figs.loc[figs["source_file"] == "a.pdf", "page"]
    assert (pages != "").all() and pages.astype(int).max() >= 2
