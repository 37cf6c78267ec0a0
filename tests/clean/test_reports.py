"""reports.csv: overrides, duplicates, ids."""
import pandas as pd
import pytest

from helpers.clean import reports
from helpers.core.errors import InputFileError

TEXT = "六安市金安区卫计委2024年上半年工作总结\n上半年以来，全区卫生计生工作稳步推进，金安区乡镇卫生院开展服务，完成了各项任务。全区医疗服务持续改善，妇幼保健和疾病防控工作扎实开展，计划生育服务管理不断完善，基本公共卫生服务项目全面推进。\n"


def _raw(tmp_path, name="a.txt", text=TEXT):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_overrides_apply_after_inference_and_are_recorded(tmp_path):
    p = _raw(tmp_path)
    ov = tmp_path / "reports_overrides.csv"
    ov.write_text("report_id,starts_with,county,region_en,in_scope,note\n"
                  "a.txt#1,六安市金安区卫计委2024,裕安区,\"Yu'an District, Lu'an, Anhui\",,checked by hand\n", encoding="utf-8")
    df = reports.build([p], overrides=ov)
    r = df.iloc[0]
    assert r.county == "裕安区" and r.region_en.startswith("Yu'an")
    assert r.overridden == "county;region_en"
    assert bool(r.in_scope)  # empty cells leave inference alone


def test_overrides_with_unknown_ids_or_columns_fail_clearly(tmp_path):
    p = _raw(tmp_path)
    ov = tmp_path / "reports_overrides.csv"
    ov.write_text("report_id,county\nnope#9,X\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="reports_overrides.csv.*nope#9"):
        reports.build([p], overrides=ov)
    ov.write_text("report_id,start\na.txt#1,5\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="cannot be overridden: start"):
        reports.build([p], overrides=ov)


def test_shipped_overrides_file_has_no_rows(root):
    df = pd.read_csv(root / "data/raw/reports_overrides.csv")
    assert len(df) == 0 and "report_id" in df.columns


def test_ids_are_stable_and_duplicates_marked(tmp_path):
    a, b = _raw(tmp_path, "a.txt"), _raw(tmp_path, "b.txt")
    df = reports.build([a, b])
    assert list(df["report_id"]) == ["a.txt#1", "b.txt#1"]
    assert df.iloc[1]["duplicate_of"] == "a.txt#1"


def test_an_unreadable_file_is_skipped_with_its_reason(tmp_path):
    good = _raw(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    seen = []
    df = reports.build([empty, good], on_error=lambda p, e: seen.append((p.name, e.reason)))
    assert list(df["source_file"]) == ["a.txt"]
    assert seen == [("empty.txt", "file is empty")]


def test_a_year_is_masked_only_where_its_file_declares_it_or_the_text_masks_it(tmp_path):
    from helpers.clean import steps
    from helpers.core import masking
    from helpers.core.paths import Paths

    raw = tmp_path / "raw"
    raw.mkdir()
    _raw(raw, "real.txt")                                   # a real 2024 report: its year is to be trusted
    _raw(raw, "masked.txt", TEXT.replace("上半年以来", "本区上半年以来"))
    _raw(raw, "xx.txt", TEXT.replace("2024年", "20XX年").replace("上半年以来", "全区上半年以来"))
    (raw / "masked_years.csv").write_text("file,year,comment\nmasked.txt,2024,years masked upstream\n",
                                          encoding="utf-8")
    paths = Paths(tmp_path, raw=raw, clean=tmp_path / "out")
    df = steps.build_reports(paths).table.set_index("source_file")
    assert "masked_years.csv" not in df.index  # beside the raw files, not a report
    assert not df.loc["real.txt", "year_masked"] and df.loc["real.txt", "year_reported"] == "2024"
    assert df.loc["masked.txt", "year_masked"] and df.loc["xx.txt", "year_masked"]
    (raw / "masked_years.csv").write_text("file,year,comment\nmasked.txt,24,\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="masked_years.csv: line 2"):
        masking.read(paths.masked_years)


def test_the_shipped_masking_is_declared_beside_the_shipped_files(root):
    from helpers.core import masking
    from helpers.core.paths import Paths
    from helpers.ingest import manifest

    declared = masking.read(Paths(root).masked_years)
    assert {p.name for p in manifest.report_files(root / "data/raw")} == set(declared)
    assert all(v == {"2024"} for v in declared.values())


def test_two_files_with_the_same_stem_get_distinct_readable_ids(tmp_path):
    a = _raw(tmp_path, "a.txt")
    b = _raw(tmp_path, "a.html", "<html><body>" + TEXT.replace("上半年以来", "今年上半年以来") + "</body></html>")
    df = reports.build([a, b])
    assert list(df["report_id"]) == ["a.txt#1", "a.html#1"] and df["report_id"].is_unique


def test_an_override_that_no_longer_matches_its_segment_is_refused_naming_file_and_line(tmp_path):
    p = _raw(tmp_path)
    ov = tmp_path / "reports_overrides.csv"
    ov.write_text("report_id,starts_with,county,note\na.txt#1,六安市金安区,裕安区,ok\n", encoding="utf-8")
    assert reports.build([p], overrides=ov).iloc[0]["county"] == "裕安区"
    p.write_text("铜陵市郊区卫生计生工作总结\n" + TEXT, encoding="utf-8")  # the file changed: a#1 is another text now
    with pytest.raises(InputFileError, match=r"reports_overrides.csv: .*line 2 \(a.txt#1\): starts_with='六安市金安区' "
                                             r"no longer matches the segment, which starts '铜陵市郊区"):
        reports.build([p], overrides=ov)
    ov.write_text("report_id,county,note\na.txt#1,裕安区,by position only\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"line 2 \(a.txt#1\): starts_with is empty"):
        reports.build([p], overrides=ov)


def test_a_journal_abstract_of_a_disease_series_is_in_scope():
    from helpers.clean import report_meta
    text = ("摘要 目的 分析某地区布鲁杆菌病疫情特点，为防治提供依据。方法 收集2021—2030年布鲁杆菌病监测数据进行分析。"
            "结果 共报告病例1260例，男性多于女性，牧民和农民为主，春夏季为发病高峰，2028年发病率最高，达12.4/10万。"
            "结论 布病疫情仍较重，应加强重点人群的监测和健康教育，落实综合防治措施。")
    assert report_meta.scope(text)[0] is True
