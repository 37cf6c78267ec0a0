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
    ov.write_text("report_id,county,region_en,in_scope,note\na#1,裕安区,\"Yu'an District, Lu'an, Anhui\",,checked by hand\n",
                  encoding="utf-8")
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
    ov.write_text("report_id,start\na#1,5\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="cannot be overridden: start"):
        reports.build([p], overrides=ov)


def test_shipped_overrides_file_has_no_rows(root):
    df = pd.read_csv(root / "data/raw/reports_overrides.csv")
    assert len(df) == 0 and "report_id" in df.columns


def test_ids_are_stable_and_duplicates_marked(tmp_path):
    a, b = _raw(tmp_path, "a.txt"), _raw(tmp_path, "b.txt")
    df = reports.build([a, b])
    assert list(df["report_id"]) == ["a#1", "b#1"]
    assert df.iloc[1]["duplicate_of"] == "a#1"


def test_an_unreadable_file_is_skipped_with_its_reason(tmp_path):
    good = _raw(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    seen = []
    df = reports.build([empty, good], on_error=lambda p, e: seen.append((p.name, e.reason)))
    assert list(df["source_file"]) == ["a.txt"]
    assert seen == [("empty.txt", "file is empty")]
