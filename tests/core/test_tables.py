"""The clean tables on disk (issue 26): written chunk by chunk (each chunk validated, the table also when empty) to the
same bytes as written whole, with a Parquet copy beside the CSV that the readers prefer while it is consistent, and
the same dtypes either way."""
import os

import pandas as pd
import pytest

from helpers.core import columnar, tables
from helpers.core.errors import ValidationError
from helpers.core.paths import Paths


def _paths(tmp_path) -> Paths:
    return Paths(tmp_path, raw=tmp_path / "raw", clean=tmp_path / "clean")


def problems(n: int, start: int = 0) -> pd.DataFrame:
    return pd.DataFrame([dict(file=f"f{i:03d}.txt", report_id=f"f{i:03d}.txt#1" if i % 2 else "",
                              severity="error" if i % 3 == 0 else "notice", problem=f"problem, \"{i}\"\nsecond line")
                         for i in range(start, start + n)])


def reports_like(n: int) -> pd.DataFrame:
    """Typed columns of every kind: text, bool, float (with a missing value), int."""
    return pd.DataFrame(dict(report_id=[f"a{i}.txt#1" for i in range(n)], checks_run=[8] * n,
                             errors=list(range(n)), warnings=[0] * n, notes=[1] * n,
                             region_confidence=[0.5 if i % 2 else float("nan") for i in range(n)],
                             in_scope=[i % 2 == 0 for i in range(n)]))


def test_a_table_written_in_chunks_is_the_same_bytes_as_written_whole_and_its_parquet_copy_reads_the_same(tmp_path):
    p = _paths(tmp_path)
    df = problems(50)
    tables.write("input_problems", df, p)
    whole = p.table("input_problems").read_bytes()
    w = tables.TableWriter("input_problems", p)
    for a in range(0, 50, 7):
        w.append(df.iloc[a:a + 7])
    w.close()
    assert p.table("input_problems").read_bytes() == whole
    copy = columnar.path_of(p.table("input_problems"))
    assert copy.exists() and columnar.is_fresh(copy, p.table("input_problems"))
    pd.testing.assert_frame_equal(columnar.read(copy), tables.read(p.table("input_problems")), check_exact=True)


def test_the_same_dtypes_from_parquet_and_from_csv_and_the_csv_when_the_copy_is_stale(tmp_path):
    p = _paths(tmp_path)
    tables.write("report_quality", reports_like(30), p)
    csv, copy = p.table("report_quality"), columnar.path_of(p.table("report_quality"))
    from_copy = tables.load(p, "report_quality")
    from_csv = tables.read(csv)
    pd.testing.assert_frame_equal(from_copy, from_csv, check_exact=True)
    assert from_copy["in_scope"].dtype == bool and from_copy["errors"].dtype == "int64"
    assert from_copy["region_confidence"].isna().sum() == 15 and from_copy["report_id"].dtype == object
    assert list(tables.load(p, "report_quality", ["errors", "report_id"]).columns) == ["errors", "report_id"]
    assert list(tables.read(csv, ["errors", "report_id"]).columns) == ["errors", "report_id"]
    # an analyst edits the CSV: the copy is stale and the CSV is read
    text = csv.read_text(encoding="utf-8").replace("a3.txt#1", "b3.txt#1")
    csv.write_text(text, encoding="utf-8")
    os.utime(copy, ns=(copy.stat().st_mtime_ns - 10**9,) * 2)
    assert not columnar.is_fresh(copy, csv)
    assert "b3.txt#1" in set(tables.load(p, "report_quality")["report_id"])
    assert "b3.txt#1" in set(pd.concat(tables.chunks(p, "report_quality", rows=7))["report_id"])
    # even when it is not older: another size or other ends than the copy recorded
    os.utime(copy, ns=(csv.stat().st_mtime_ns + 10**9,) * 2)
    assert not columnar.is_fresh(copy, csv)
    tables.parquet_copy(p, "report_quality")  # made again from the CSV
    assert columnar.is_fresh(copy, csv)
    pd.testing.assert_frame_equal(tables.load(p, "report_quality"), tables.read(csv), check_exact=True)


def test_chunks_and_first_rows_read_a_table_in_parts(tmp_path):
    p = _paths(tmp_path)
    tables.write("input_problems", problems(100), p)
    parts = list(tables.chunks(p, "input_problems", ["file", "severity"], rows=30))
    assert [len(c) for c in parts] == [30, 30, 30, 10] and list(parts[0].columns) == ["file", "severity"]
    assert list(parts[1].index)[:1] == [30]
    pd.testing.assert_frame_equal(pd.concat(parts), tables.read(p.table("input_problems"), ["file", "severity"]))
    head, n = tables.first_rows(p, "input_problems", ["file", "problem"], where=lambda d: d[d["severity"] == "error"],
                                n=5, needs=("severity",))
    assert n == 34 and list(head.columns) == ["file", "problem"] and list(head["file"]) == [
        f"f{i:03d}.txt" for i in (0, 3, 6, 9, 12)]


def test_every_chunk_is_validated_and_a_failure_leaves_the_old_table(tmp_path):
    p = _paths(tmp_path)
    tables.write("input_problems", problems(5), p)
    before = p.table("input_problems").read_bytes()
    w = tables.TableWriter("input_problems", p)
    w.append(problems(5))
    bad = problems(2, 5).assign(severity="fatal")
    with pytest.raises(ValidationError, match="severity"):
        w.append(bad)
    w.abort()
    assert p.table("input_problems").read_bytes() == before
    assert not [f for f in p.clean.iterdir() if f.name.endswith(".tmp")]


def test_ids_must_be_unique_across_chunks_and_an_empty_table_is_validated(tmp_path):
    p = _paths(tmp_path)
    w = tables.TableWriter("report_quality", p, unique=("report_id",))
    w.append(reports_like(3))
    with pytest.raises(ValidationError, match="not unique across chunks"):
        w.append(reports_like(2))
    w.abort()
    empty = tables.TableWriter("report_quality", p)
    empty.close(columns=list(reports_like(1).columns))
    assert tables.load(p, "report_quality").empty
    assert tables.load(p, "report_quality")["errors"].dtype == "int64"
    with pytest.raises(ValidationError):  # a table without rows still has the columns of its contract
        tables.TableWriter("reports", p).close(columns=["report_id"])
    assert not p.table("reports").exists() and not [f for f in p.clean.iterdir() if f.name.endswith(".tmp")]


def test_value_counts_of_a_table_read_in_chunks(tmp_path):
    import pandas as pd

    from helpers.clean import quality
    from helpers.core import tables
    from helpers.core.paths import Paths

    paths = Paths(tmp_path)
    q = pd.DataFrame({c: [""] * 7 for c in quality.COLUMNS})
    q["report_id"] = [f"a.txt#{k}" for k in range(7)]
    q["severity"] = ["note", "warning", "note", "error", "note", "warning", "note"]
    q["check"], q["message"] = "contradiction", "made up"
    tables.write("quality", q, paths)
    counts = tables.value_counts(paths, "quality", "severity", rows=2)  # four chunks
    assert counts.to_dict() == {"note": 4, "warning": 2, "error": 1} and list(counts.index) == ["note", "warning", "error"]


def test_load_keeps_only_the_rows_a_condition_holds_for_from_parquet_and_from_csv(tmp_path):
    """``where`` reads a row group (or a CSV chunk) at a time: the rows kept, in the table's order, the same from the
    Parquet copy and from the CSV; a malformed condition is a clear error."""
    paths = _paths(tmp_path)
    df = problems(45_000)
    df.loc[df.index % 3 == 0, "severity"] = "error"
    tables.write("input_problems", df, paths)
    want = df[df["severity"] == "error"].reset_index(drop=True)
    got = tables.load(paths, "input_problems", where=[("severity", "==", "error")])
    pd.testing.assert_frame_equal(got, want)
    two = tables.load(paths, "input_problems", ["file"], where=[("severity", "!=", "error"),
                                                                  ("file", "in", ["f001.txt", "f002.txt", "f004.txt"])])
    assert two["file"].tolist() == ["f001.txt", "f002.txt", "f004.txt"] and list(two.columns) == ["file"]
    # the CSV edited after the copy was written: the copy is stale, the CSV is read in chunks, the same rows
    csv = paths.table("input_problems")
    csv.write_text(csv.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(columnar.path_of(csv), ns=(1, 1))
    assert not columnar.is_fresh(columnar.path_of(csv), csv)
    pd.testing.assert_frame_equal(tables.load(paths, "input_problems", where=[("severity", "==", "error")]), want)
    none = tables.load(paths, "input_problems", where=[("severity", "==", "no such severity")])
    assert none.empty and list(none.columns) == list(df.columns)
    with pytest.raises(ValueError, match="column, op, value"):
        tables.load(paths, "input_problems", where=[("severity", "~", "error")])
