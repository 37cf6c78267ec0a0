"""The cleaning on the batch's workers (issue 26): file by file (chunk of files by chunk), written as it comes, the
steps across reports range of places by range — and the same bytes whatever the number of workers, the size of the
chunks and of the ranges; a file that fails names itself and the others are cleaned."""
import importlib.util
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from helpers.clean import across, figures, quality, steps
from helpers.core import columnar, tables
from helpers.core.paths import Paths

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures"
spec = importlib.util.spec_from_file_location("over_time_corpus", ROOT / "scripts" / "over_time_corpus.py")
over_time = importlib.util.module_from_spec(spec)
spec.loader.exec_module(over_time)


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    """Places over several years (series, trends, restatements), the shipped files, bad and odd files: an empty and a
    binary file, a duplicate, and a name whose report ids sort among another file's (a.txt#2.txt#1 between a.txt#2
    and a.txt#3)."""
    raw = tmp_path_factory.mktemp("batch") / "raw"
    over_time.write_corpus(raw)
    for p in sorted((ROOT / "data" / "raw").glob("*.txt")):
        shutil.copy(p, raw / p.name)
    shutil.copy(ROOT / "data" / "raw" / "masked_years.csv", raw / "masked_years.csv")
    for name in ("empty.txt", "binary.txt", "no_figures.txt", "page.html"):
        shutil.copy(FIX / name, raw / name)
    shutil.copy(raw / "002_e24fca95ccbb6802.txt", raw / "zz_copy.txt")
    shutil.copy(raw / "004_1aa1f0089b65da4e.txt", raw / "003_8b78f9333fa4b92f.txt#2.txt")
    return raw


def clean(raw: Path, out: Path, executor=None) -> tuple[int, dict[str, bytes]]:
    code = steps.clean_folder(Paths(raw=raw, clean=out), log=lambda s: None, executor=executor)
    return code, {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


@pytest.fixture(scope="module")
def reference(raw, tmp_path_factory):
    return clean(raw, tmp_path_factory.mktemp("ref") / "clean")


def test_the_reference_has_what_the_comparisons_need(reference):
    code, out = reference
    assert code == 3  # the empty and the binary file
    assert out["series.csv"].count(b"\n") > 10 and out["trends.csv"].count(b"\n") > 2
    assert b"restatement" in out["quality.csv"] and b"003_8b78f9333fa4b92f.txt#2.txt#1" in out["quality.csv"]
    assert b"empty.txt" in out["input_problems.csv"]


def test_two_workers_give_the_same_bytes(raw, reference, tmp_path):
    from helpers.publish import pool

    ex = pool.Executor("local", 2, None, print)
    try:
        assert clean(raw, tmp_path / "clean", ex) == reference
    finally:
        ex.close()


def test_small_chunks_and_ranges_give_the_same_bytes(raw, reference, tmp_path, monkeypatch):
    monkeypatch.setattr(columnar, "ROW_GROUP", 40)
    monkeypatch.setattr(steps, "TASK_BYTES", 20_000)
    monkeypatch.setattr(across, "BUCKET_ROWS", 6)
    seen = []
    real = across.ranges
    monkeypatch.setattr(across, "ranges", lambda c, n: seen.append(real(c, n)) or seen[-1])
    assert clean(raw, tmp_path / "clean") == reference
    assert pq.ParquetFile(tmp_path / "clean" / "figures.parquet").metadata.num_row_groups > 5
    assert sorted(seen[-1].values()) == [0, 1]  # each place in a range of its own
    assert len(steps.quality_tasks(tmp_path / "clean" / "figures.parquet", sorted(
        set(tables.read(tmp_path / "clean" / "reports.csv")["source_file"])))) > 5


def test_a_file_that_fails_is_named_and_the_others_are_cleaned(raw, reference, tmp_path, monkeypatch):
    real_figures, real_checks = figures.figures_for_text, quality.run_checks

    def figures_boom(text, reps, *a, **k):
        if (reps["source_file"] == "jinan_2019.txt").any():
            raise RuntimeError("boom")
        return real_figures(text, reps, *a, **k)

    def checks_boom(figs, reps, texts, *a, **k):
        if "jiangning_2021.txt" in texts:
            raise RuntimeError("bang")
        return real_checks(figs, reps, texts, *a, **k)

    monkeypatch.setattr(figures, "figures_for_text", figures_boom)
    monkeypatch.setattr(quality, "run_checks", checks_boom)
    code, out = clean(raw, tmp_path / "clean")
    assert code == 3
    probs = tables.read(tmp_path / "clean" / "input_problems.csv")
    assert (probs["severity"] == "error").sum() == 4  # the empty and the binary file, and these two
    probs = probs.set_index("file")
    assert probs.loc["jinan_2019.txt", "problem"] == "figures: could not be cleaned (RuntimeError: boom)"
    assert probs.loc["jiangning_2021.txt", "problem"] == "quality checks: could not be cleaned (RuntimeError: bang)"
    assert (probs.loc[["jinan_2019.txt", "jiangning_2021.txt"], "severity"] == "error").all()
    figs = tables.read(tmp_path / "clean" / "figures.csv")
    assert "jinan_2019.txt" not in set(figs["source_file"]) and "jinan_2020.txt" in set(figs["source_file"])
    q = tables.read(tmp_path / "clean" / "quality.csv")
    assert not q["report_id"].str.startswith("jiangning_2021.txt").any()
    assert q["report_id"].str.startswith("jiangning_2022.txt").any()
    assert out["reports.csv"] == reference[1]["reports.csv"]


def test_the_workers_read_roles_with_the_whole_report_row(tmp_path):
    """The workers get only some columns of each report: those must include everything the roles are read with
    (kind and title, year and period), so a level dated to an earlier year is a baseline, as in one process."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "dated.txt").write_text(
        "宝应县卫生计生委2016年工作总结\n\n2016年，全县住院分娩率达到99.5%，孕产妇系统管理率为92.3%。"
        "2014年全县住院分娩率为95.1%。全县共完成免费孕前优生健康检查3200对。\n", encoding="utf-8")
    assert clean(raw, tmp_path / "clean")[0] == 0
    reps = tables.read(tmp_path / "clean" / "reports.csv")
    figs = tables.read(tmp_path / "clean" / "figures.csv")
    rows = figures.figures_for_file(raw / "dated.txt", reps[reps["in_scope"]])
    assert [(r[0], r[16]) for r in rows] == list(zip(figs["figure_id"], figs["role"]))
    assert figs.set_index("raw").loc["95.1%", "role"] == "baseline"


def test_provenance_is_checked_on_the_text_the_worker_holds(tmp_path):
    """A worker checks its figures against the text it decoded (not the file read again); a wrong offset fails."""
    import pandas as pd

    from helpers.clean import figures
    from helpers.core.errors import ValidationError

    text = "全县住院分娩率达99.5%。"
    df = pd.DataFrame([dict(figure_id="a.txt#1@8", source_file="a.txt", start=8, end=13, raw="99.5%",
                            indicator="hospital_delivery_rate")])
    figures.check_provenance(df, tmp_path / "no such folder", {"a.txt": text})  # the file is never read
    with pytest.raises(ValidationError, match="provenance"):
        figures.check_provenance(df.assign(start=9), tmp_path / "no such folder", {"a.txt": text})
