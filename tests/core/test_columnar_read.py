"""columnar.read: a Parquet copy read a row group at a time gives what one read of the whole file gives."""
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.core import columnar


def _copy(tmp_path, rows_per_group=3):
    t = pa.table({"id": [f"r{i}" for i in range(10)], "indicator": ["a", "", "b", "", "a", "c", "", "a", "b", ""],
                  "value": [float(i) if i % 4 else None for i in range(10)], "flag": [i % 2 == 0 for i in range(10)],
                  "n": list(range(10))})
    path = tmp_path / "figures.parquet"
    pq.write_table(t, path, row_group_size=rows_per_group)
    return path, t


def test_row_group_reads_equal_a_whole_read_with_and_without_a_filter(tmp_path):
    path, t = _copy(tmp_path)
    assert pq.ParquetFile(path).num_row_groups == 4
    whole = t.to_pandas()
    pd.testing.assert_frame_equal(columnar.read(path), whole)
    got = columnar.read(path, ["id", "value"], [("indicator", "!=", "")])
    want = whole.loc[whole["indicator"] != "", ["id", "value"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)
    assert list(got.columns) == ["id", "value"]  # the filter's column is read, not returned


def test_a_filter_that_keeps_nothing_gives_no_rows_with_the_columns_and_types(tmp_path):
    path, _ = _copy(tmp_path)
    got = columnar.read(path, ["id", "n", "flag"], [("indicator", "==", "none")])
    assert len(got) == 0 and list(got.columns) == ["id", "n", "flag"]
    assert str(got["n"].dtype) == "int64" and str(got["flag"].dtype) == "bool"
