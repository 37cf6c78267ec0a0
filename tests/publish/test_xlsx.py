"""Spreadsheet-safe tables: the .xlsx copies of outputs/tables/ type text as text, and the dependency lists agree."""
import re
import time
import tomllib

import pandas as pd
from openpyxl import load_workbook

from helpers.core.paths import Paths
from helpers.publish import plots, xlsx

RISKY = ["=HYPERLINK(\"http://x\")", "+1.5", "-0.3 pp", "@SUM(A1)", "普通文本"]


def test_text_cells_that_look_like_formulas_stay_text_and_numbers_stay_numbers(tmp_path):
    df = pd.DataFrame({"quote": RISKY, "value": [1.5, -2.0, 3, None, 4], "rank": ["1 of 5"] * 5})
    out = plots.save_table(df, "made_up_changes", Paths(tmp_path))
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith('"=HYPERLINK')  # the CSV stays exact
    ws = load_workbook(out.with_suffix(".xlsx")).active
    assert [c.value for c in ws[1]] == ["quote", "value", "rank"]
    for k, text in enumerate(RISKY, start=2):
        cell = ws.cell(row=k, column=1)
        assert cell.value == text and cell.data_type == "s", text
    assert ws.cell(row=2, column=2).value == 1.5 and ws.cell(row=2, column=2).data_type == "n"
    assert ws.cell(row=5, column=2).value is None


def test_the_copy_is_the_same_bytes_on_every_run():
    df = pd.DataFrame({"a": ["=1+1", "x"], "b": [1, 2]})
    first = xlsx.table_bytes(df)
    time.sleep(1.1)
    assert xlsx.table_bytes(df) == first


def _names(specs):
    return sorted(re.split(r"[<>=!~;\[ ]", s.strip(), maxsplit=1)[0].lower() for s in specs)


def test_pyproject_and_environment_yml_list_the_same_dependencies(root):
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    want = sorted(project["dependencies"] + project["optional-dependencies"]["dev"])
    env = (root / "environment.yml").read_text(encoding="utf-8")
    pip = [l.split("#")[0].strip()[2:].strip() for l in env.splitlines() if l.startswith("      - ")]
    pip = [p for p in pip if p and p != "-e ."]
    assert sorted(set(_names(pip))) == sorted(set(_names(want)))
    assert sorted(s.replace(" ", "") for s in set(pip)) == sorted(s.replace(" ", "") for s in set(want))


def test_a_table_over_the_cell_limit_is_csv_only_and_its_page_says_so(tmp_path, monkeypatch):
    from helpers.publish import pages

    monkeypatch.setattr(xlsx, "MAX_CELLS", 100)
    paths = Paths(tmp_path)
    small = pd.DataFrame({"a": range(10), "b": ["x"] * 10})
    big = pd.DataFrame({"a": range(60), "b": ["x"] * 60})
    assert plots.save_table(small, "small", paths).with_suffix(".xlsx").exists()
    (tmp_path / "outputs" / "tables" / "big.xlsx").write_bytes(b"a copy left by an earlier, smaller run")
    out = plots.save_table(big, "big", paths)
    assert out.exists() and not out.with_suffix(".xlsx").exists()
    page = str(pages.table(big, name="big", paths=paths, max_rows=5))
    assert "big.csv" in page and "big.xlsx" not in page and "CSV only" in page
    assert "small.xlsx" in str(pages.table(small, name="small", paths=paths, max_rows=5))
