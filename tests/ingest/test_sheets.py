"""Spreadsheets (issue 22): .xlsx written by openpyxl, the same as .xls (LibreOffice converts it) and .csv. Rows are
tab-separated lines; a yearbook sheet (places down, catalog indicators across) gives one report per row, each figure
traced to its sheet!cell."""
import io

import pytest

import made_files
from helpers.core import tables
from helpers.ingest import sheets, textio

TITLE, HEADER, ROWS = made_files.YEARBOOK_TITLE, made_files.YEARBOOK_HEADER, made_files.YEARBOOK_ROWS
PLAIN = [["指标", "数值"], ["门急诊人次(人次)", 52310], ["住院分娩率(%)", 99.8]]


def workbook(yearbook=True) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    if yearbook:
        ws.append([TITLE])
        ws.append(HEADER)
        for r in ROWS:
            ws.append(r)
    else:
        ws.append(["婺城区2023年卫生健康统计"])
        for r in PLAIN:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


clean = made_files.clean_folder


def test_a_sheet_is_read_as_tab_separated_rows_with_every_cell_addressed(tmp_path):
    (tmp_path / "t.xlsx").write_bytes(workbook(yearbook=False))
    raw = textio.load_raw(tmp_path / "t.xlsx")
    assert raw.container == "sheet" and not raw.parts
    assert "门急诊人次(人次)\t52310\n住院分娩率(%)\t99.8\n" in raw.text
    starts = [a for a, _, _ in raw.cells]
    assert sheets.cell_of(raw.cells, starts, raw.text.index("52310")) == "表1!B3"
    assert all(raw.text[a:b] for a, b, _ in raw.cells)


def test_a_yearbook_sheet_gives_one_report_per_place_and_figures_traced_to_cells(tmp_path):
    paths, reps = clean(tmp_path, {"yearbook.xlsx": workbook()})
    df = reps.table
    assert list(df["container"]) == ["sheet"] * 3 and df["in_scope"].all()
    assert list(df["county"]) == ["婺城区", "金东区", "兰溪市"]
    assert set(df["city"]) == {"金华市"} and set(df["year_reported"]) == {"2023"}
    figs = tables.load_figures(paths)
    f = figs.set_index(["report_id", "indicator"])
    assert f.loc[("yearbook.xlsx#1", "maternal_mgmt_rate"), "value"] == pytest.approx(95.6)
    assert f.loc[("yearbook.xlsx#1", "maternal_mgmt_rate"), "cell"] == "表1!B3"
    assert f.loc[("yearbook.xlsx#2", "hospital_delivery_rate"), "cell"] == "表1!C4"
    assert f.loc[("yearbook.xlsx#3", "sex_ratio_at_birth"), "value"] == pytest.approx(108.3)
    assert f.loc[("yearbook.xlsx#3", "sex_ratio_at_birth"), "cell"] == "表1!E5"
    assert f.loc[("yearbook.xlsx#2", "infant_mortality_rate"), "unit"] == "permille"
    assert (figs["cell"] != "").all()
    text = textio.load_text(paths.raw / "yearbook.xlsx")
    assert all(text[s:e] == r for s, e, r in zip(figs["start"], figs["end"], figs["raw"]))


def test_a_csv_yearbook_reads_the_same(tmp_path):
    lines = [",".join(HEADER)] + [",".join(str(c) for c in r) for r in ROWS]
    data = (TITLE + "\n" + "\n".join(lines) + "\n").encode("gb18030")
    paths, reps = clean(tmp_path, {"yearbook.csv": data})
    df = reps.table
    assert list(df["county"]) == ["婺城区", "金东区", "兰溪市"] and set(df["encoding"]) == {"gb18030"}
    figs = tables.load_figures(paths)
    got = figs[figs["indicator"] == "maternal_mgmt_rate"]
    assert list(got["value"]) == [95.6, 93.1, 96.4] and list(got["cell"]) == ["yearbook!B3", "yearbook!B4", "yearbook!B5"]


def test_an_xls_workbook_reads_the_same(tmp_path):
    xlwt = pytest.importorskip("xlwt")  # writes Excel 97-2003 .xls (LibreOffice's Writer package cannot)
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("表1")
    for i, row in enumerate([[TITLE], HEADER] + ROWS):
        for j, v in enumerate(row):
            ws.write(i, j, v)
    buf = io.BytesIO()
    book.save(buf)
    paths, reps = clean(tmp_path, {"yearbook.xls": buf.getvalue()})
    assert list(reps.table["county"]) == ["婺城区", "金东区", "兰溪市"] and set(reps.table["encoding"]) == {"xls"}
    figs = tables.load_figures(paths)
    assert figs.loc[figs["indicator"] == "sex_ratio_at_birth", "cell"].tolist() == ["表1!E3", "表1!E4", "表1!E5"]
