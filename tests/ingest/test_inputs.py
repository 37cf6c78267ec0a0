"""Bad and unusual input (issue: hardening): each made-up fixture under tests/fixtures/ and what
the suite must do with it — read it right, or say clearly what is wrong with which file and go on."""
import re
import shutil
from pathlib import Path

import pytest

import made_files
from helpers.clean import steps as cleaning
from helpers.core import tables
from helpers.core.errors import InputFileError
from helpers.core.paths import Paths
from helpers.ingest import manifest, textio

FIX = Path(__file__).resolve().parents[1] / "fixtures"
REFERENCE = (FIX / "utf8.txt").read_text(encoding="utf-8")
EXPECTED = {  # indicator -> value, as the made-up report states them
    "health_records_count": 297600, "health_records_rate": 91.95, "family_doctor_signing_rate": 45.2,
    "elderly_mgmt_rate": 70.3, "hypertension_mgmt_rate": 62.5, "diabetes_mgmt_rate": 58.1,
    "maternal_mgmt_rate": 95.6, "hospital_delivery_rate": 100.0, "infant_mortality_rate": 3.2,
    "sex_ratio_at_birth": 106.5, "infectious_cases": 1227, "infectious_incidence_rate": 153.895,
}


def clean_project(tmp_path, *fixtures, extra: dict[str, bytes] | None = None):
    """A project whose data/raw holds only the given fixtures; run the three cleaning steps."""
    files = {name: (FIX / name).read_bytes() for name in fixtures}
    return made_files.clean_folder(tmp_path, {**files, **(extra or {})})


def levels_of(paths, source):
    f = tables.load_figures(paths)
    f = f[(f["source_file"] == source) & (f["role"] == "level")]
    f = f.assign(_q=f["qualifier"] != "").sort_values(["_q", "start"])  # the whole place first (乙丙类 is a total too)
    return f.drop_duplicates("indicator").set_index("indicator")


@pytest.mark.parametrize("name,encoding", [
    ("utf8.txt", "utf-8"), ("utf8_bom.txt", "utf-8-sig"), ("gb18030.txt", "gb18030"), ("utf16_bom.txt", "utf-16")])
def test_encodings_are_detected_recorded_and_give_the_same_figures(tmp_path, name, encoding):
    raw = textio.load_raw(FIX / name)
    assert raw.encoding == encoding and raw.text == REFERENCE  # BOM gone, nothing else changed
    paths, reps = clean_project(tmp_path, name)
    r = reps.table.iloc[0]
    assert r["encoding"] == encoding and r["region_name"] == "金华市婺城区" and r["in_scope"]
    lv = levels_of(paths, name)
    for ind, v in EXPECTED.items():
        assert lv.loc[ind, "value"] == pytest.approx(v), ind
    text = textio.load_text(paths.raw / name)
    f = tables.load_figures(paths)
    assert all(text[s:e] == raw_ for s, e, raw_ in zip(f["start"], f["end"], f["raw"]))


@pytest.mark.parametrize("name,encoding", [("traditional.txt", "utf-8"), ("big5.txt", "big5")])
def test_traditional_characters_are_matched_on_a_working_copy_while_quotes_stay_as_written(tmp_path, name, encoding):
    paths, reps = clean_project(tmp_path, name)
    r = reps.table.iloc[0]
    assert r["script"] == "traditional" and r["region_name"] == "金华市婺城区" and r["encoding"] == encoding
    assert "總結" in r["title"]  # the title as written
    lv = levels_of(paths, name)
    for ind, v in EXPECTED.items():
        if name == "big5.txt" and ind == "infant_mortality_rate":
            continue  # Big5 has no ‰ sign: the fixture leaves that clause out
        assert lv.loc[ind, "value"] == pytest.approx(v), ind
    q = lv.loc["health_records_rate", "quote"]
    assert "建檔率" in q and "建档率" not in q
    text = textio.load_text(paths.raw / name)
    f = tables.load_figures(paths)
    assert all(text[s:e] == raw_ for s, e, raw_ in zip(f["start"], f["end"], f["raw"]))


def test_working_copy_keeps_every_offset():
    text = (FIX / "traditional.txt").read_text(encoding="utf-8")
    work = textio.working_copy(text)
    assert len(work) == len(text) and "卫生计生" in work
    assert textio.working_copy(REFERENCE) is REFERENCE


def test_saved_web_page_keeps_the_report_and_drops_navigation_scripts_and_footer(tmp_path):
    raw = textio.load_raw(FIX / "page.html")
    assert raw.container == "html"
    for junk in ("首页", "新闻中心", "版权所有", "ICP备", "相关推荐", "99.99", "tracker", "font-size"):
        assert junk not in raw.text, junk
    paths, reps = clean_project(tmp_path, "page.html")
    assert reps.table.iloc[0]["container"] == "html"
    lv = levels_of(paths, "page.html")
    assert lv.loc["health_records_rate", "value"] == pytest.approx(91.95)


def test_crlf_full_width_odd_and_zero_width_spaces(tmp_path):
    raw = textio.load_raw(FIX / "messy_crlf.txt")
    assert "\r\n" in raw.text and "９１．９５％" in raw.text  # nothing rewritten in the decoded text
    paths, _ = clean_project(tmp_path, "messy_crlf.txt")
    lv = levels_of(paths, "messy_crlf.txt")
    for ind, v in EXPECTED.items():
        assert lv.loc[ind, "value"] == pytest.approx(v), ind
    assert lv.loc["health_records_rate", "raw"] == "９１．９５％"
    assert lv.loc["health_records_count", "raw"] == "29.76\u200b万份"


@pytest.mark.parametrize("name,reason", [("empty.txt", "empty"), ("binary.txt", "binary")])
def test_unreadable_files_raise_a_clear_error_naming_the_file(name, reason):
    with pytest.raises(InputFileError) as e:
        textio.load_raw(FIX / name)
    assert name in str(e.value) and reason in str(e.value)


def test_bad_files_are_skipped_and_listed_while_the_rest_is_processed(tmp_path):
    paths, reps = clean_project(tmp_path, "utf8.txt", "empty.txt", "binary.txt", "no_figures.txt", "no_health.txt")
    assert sorted(f for f, _ in reps.skipped) == ["binary.txt", "empty.txt"]
    probs = tables.load_optional(paths, "input_problems").set_index("file")
    assert probs.loc["empty.txt", "severity"] == "error" and "empty" in probs.loc["empty.txt", "problem"]
    assert probs.loc["binary.txt", "severity"] == "error"
    assert probs.loc["no_health.txt", "severity"] == "notice" and "no health" in probs.loc["no_health.txt", "problem"]
    assert "no figures" in probs.loc["no_figures.txt", "problem"]
    assert "utf8.txt" not in probs.index
    assert len(levels_of(paths, "utf8.txt")) >= len(EXPECTED)

    from helpers.clean.steps import report_input_problems

    logs = []
    assert report_input_problems(paths, logs.append) == 3
    text = "\n".join(logs)
    assert "SKIPPED empty.txt: file is empty" in text and "binary.txt" in text and "no_health.txt" in text


def test_duplicate_file_and_duplicate_report_are_counted_once(tmp_path):
    data = (FIX / "utf8.txt").read_bytes()
    # the same report inside another file, after a preface, in another encoding
    inside = "前言\n\n".encode("gb18030") + (FIX / "gb18030.txt").read_bytes()
    paths, reps = clean_project(tmp_path, "utf8.txt", extra={"copy_of_utf8.txt": data, "another.txt": inside})
    df = reps.table
    health = df[df["in_scope"]]
    originals = health[health["duplicate_of"] == ""]
    assert len(originals) == 1  # three copies of one report: counted once
    first = originals["report_id"].iloc[0]
    assert set(health.loc[health["duplicate_of"] != "", "duplicate_of"]) == {first}
    assert len(health) == 3
    probs = tables.load_optional(paths, "input_problems")
    assert "same bytes as copy_of_utf8.txt" in probs[probs["file"] == "utf8.txt"]["problem"].iloc[0]
    from helpers import compare
    from helpers.publish.briefs import targets

    lv = compare.load(paths).levels
    assert list(lv[lv["indicator"] == "health_records_rate"]["report_id"]) == [first]
    assert [t.report_id for t in targets(paths)] == [first]


def test_manifest_before_and_after_a_change(tmp_path):
    paths, _ = clean_project(tmp_path, "utf8.txt")
    before = manifest.check(paths.raw, paths.manifest)
    assert before.clean and before.ok == ["utf8.txt"]
    (paths.raw / "new.txt").write_bytes((FIX / "gb18030.txt").read_bytes())
    res = manifest.update(paths.raw, paths.manifest)
    assert res.new == ["new.txt"]
    rec = {r["file"]: r for r in manifest.read_manifest(paths.manifest)}
    assert rec["new.txt"]["sha256"] == manifest.sha256_of(paths.raw / "new.txt")
    (paths.raw / "utf8.txt").write_bytes(b"tampered")
    after = manifest.check(paths.raw, paths.manifest)
    assert not after.clean and after.changed == ["utf8.txt"]
    assert any("utf8.txt" in m for m in after.messages())


def test_a_word_docx_is_read_as_its_paragraphs_and_table_rows(tmp_path):
    raw = textio.load_raw(FIX / "report.docx")
    assert raw.container == "docx"
    assert raw.text.startswith(REFERENCE) and raw.text.endswith("单位\t地址\n婺城区卫生计生局\t婺城区新华街1号\n")
    paths, reps = clean_project(tmp_path, "report.docx")
    r = reps.table.iloc[0]
    assert r["container"] == "docx" and r["region_name"] == "金华市婺城区" and r["in_scope"]
    lv = levels_of(paths, "report.docx")
    for ind, v in EXPECTED.items():
        assert lv.loc[ind, "value"] == pytest.approx(v), ind
    f = tables.load_figures(paths)
    text = textio.load_text(paths.raw / "report.docx")
    assert all(text[s:e] == raw_ for s, e, raw_ in zip(f["start"], f["end"], f["raw"]))  # offsets into that text


@pytest.mark.parametrize("name,says", [("scan.pdf", "scan.pdf: is not a readable PDF"),
                                       ("old.doc", "Word 97-2003 (.doc)")])
def test_broken_pdf_and_old_word_files_are_refused_with_what_to_do(name, says):
    with pytest.raises(InputFileError, match=re.escape(says)):
        textio.load_raw(FIX / name)


def test_a_broken_docx_names_the_file():
    data = (FIX / "report.docx").read_bytes()
    broken = data.replace(b"word/document.xml", b"word/documenX.xml")
    with pytest.raises(InputFileError, match="broken.docx"):
        textio.docx_to_text(broken, "broken.docx")


def test_a_page_whose_body_is_inside_a_form_and_its_title_in_a_header_is_read(tmp_path):
    body = (FIX / "page.html").read_text(encoding="utf-8")
    text = textio.html_to_text(body)
    page = ('<html><body><form method="post" action="./Article.aspx?id=1" id="form1">'
            '<input type="hidden" name="__VIEWSTATE" value="abc"/><article><header><h1>金安区卫生计生工作总结</h1></header>'
            + body.split("<body>", 1)[-1].split("</body>", 1)[0] + "</article></form></body></html>")
    got = textio.html_to_text(page)
    assert "金安区卫生计生工作总结" in got and "91.95" in got
    assert all(line in got for line in text.splitlines()[1:])  # every line of the body but the <head> title
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "aspx.html").write_text(page, encoding="utf-8")
    paths = Paths(tmp_path, raw=tmp_path / "raw", clean=tmp_path / "out")
    reps = cleaning.build_reports(paths).table
    assert reps["in_scope"].any()


def test_every_clean_table_validates_with_no_rows_and_an_empty_folder_ends_with_exit_0(tmp_path, capsys):
    import pandas as pd

    from helpers import cli
    from helpers.clean import figures, quality, reports
    from helpers.core import schemas

    for name, cols in [("reports", reports.COLUMNS), ("figures", figures.COLUMNS), ("quality", quality.COLUMNS),
                       ("report_quality", ["report_id", "checks_run", "errors", "warnings", "notes"]),
                       ("input_problems", cleaning.PROBLEM_COLUMNS)]:
        assert len(schemas.validate(name, pd.DataFrame(columns=cols))) == 0, name
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(FIX / "no_health.txt", raw / "no_health.txt")  # one off-topic page: no figure at all
    assert cli.main(["clean", str(raw), "--out", str(tmp_path / "o")]) == 0
    assert "nothing in scope" in capsys.readouterr().out
    assert tables.read(tmp_path / "o" / "figures.csv").empty
