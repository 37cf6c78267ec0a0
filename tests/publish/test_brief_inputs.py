"""The brief inputs, streamed: each group ranked once and kept once, each brief's input written as it is made, and
the memory of making them not growing with the corpus; on made-up tables."""
import hashlib
import pickle
import tracemalloc

import numpy as np
import pandas as pd
import pytest

from helpers import compare
from helpers.compare.standing import DOT_COLUMNS, Standings
from helpers.core import catalog
from helpers.core.paths import Paths
from helpers.publish import brief_inputs
from helpers.publish.packing import Packer, Rows, Unpacker

IND = {"hospital_delivery_rate": ("percent", "maternal_child", "Hospital delivery rate"),
       "live_births": ("persons", "maternal_child", "Live births"),
       "inpatient_discharges": ("person_times", "services_cost", "Inpatient discharges"),
       "registered_population": ("persons", "health_resources", "Registered population")}


def corpus(n: int) -> compare.Clean:
    """``n`` made-up county-level reports: one stock stated by all (one large group), a flow in two periods, a count
    with the population of every other report (ranked per population and as stated), a range, targets, a change."""
    periods = ["annual", "H1"]
    reps = pd.DataFrame([dict(report_id=f"r{k:05d}#1", source_file=f"r{k:05d}.txt", region_name=f"{k}区",
                              region_en=f"District {k}", admin_level="district", period=periods[k % 2],
                              kind="summary", year_masked=False, year_reported="", in_scope=True, duplicate_of="",
                              province="某省", city="某市", county=f"{k}区", region_confidence=0.9,
                              region_evidence="") for k in range(n)])
    rows = []

    def add(k, ind, value, start, role="level", value_high=None, flags=""):
        unit, area, en = IND[ind]
        rid = f"r{k:05d}#1"
        rows.append(dict(figure_id=f"{rid}@{start}", report_id=rid, start=start, end=start + 4, raw=f"{value:g}",
                         quote=f"第{k}份报告的句子", indicator=ind, indicator_en=en, area=area, qualifier="",
                         value=float(value), value_high=value_high, unit=unit, role=role, approx="", flags=flags,
                         in_plan_section=False))

    for k in range(n):
        if k % 17 == 5:  # a range: listed beside its group, never ranked
            add(k, "hospital_delivery_rate", 85.0, 10, value_high=90.0, flags="range")
        else:
            add(k, "hospital_delivery_rate", 90 + (k * 7919 % 1000) / 100, 10)
        add(k, "live_births", 1000 + k * 37 % 5000, 20)
        add(k, "inpatient_discharges", 5000 + k * 53 % 9000, 30)
        if k % 2:
            add(k, "registered_population", 100000 + k * 101 % 90000, 40)
        if k % 5 == 0:
            add(k, "hospital_delivery_rate", 99.0, 50, role="target")
        if k % 7 == 0:
            add(k, "live_births", 2.5, 60, role="change_pct")
    figs = pd.DataFrame(rows)
    q = pd.DataFrame([dict(report_id="r00003#1", check="plausibility", severity="warning",
                           indicator="hospital_delivery_rate", qualifier="", figures="10-14", values="x",
                           message="made up", quotes="")])
    return compare.Clean(reps, figs, q, compare.levels(figs, reps, q))


def _ids(c):
    return list(c.reports["report_id"])


def test_each_indicator_is_ranked_once_and_its_groups_kept_once_not_per_report():
    c = corpus(120)
    s = Standings(c.levels, _ids(c))
    stock = s.views[("hospital_delivery_rate", None)]
    stated = c.levels[(c.levels["indicator"] == "hospital_delivery_rate") & ~c.levels["is_range"]]
    assert stock.n == len(stated) and len(stock.groups) == 1  # one view of the 113 exact values, one group
    assert set(s.views) == {("hospital_delivery_rate", None), ("registered_population", None),
                            *((i, m) for i in ("live_births", "inpatient_discharges") for m in (None, False))}
    # each view keeps the columns as arrays, not the ranked table nor a table per report
    assert all(isinstance(a, np.ndarray) and len(a) == v.n for v in s.views.values() if v for a in v.cols.values())
    assert not any(isinstance(x, pd.DataFrame) for v in s.views.values() if v for x in vars(v).values())


def test_a_large_groups_dot_rows_are_its_ends_and_the_reports_neighbours_with_the_plots_columns():
    c = corpus(120)
    b = brief_inputs.build(c, ["r00050#1"])["r00050#1"]
    frame = b.dots["hospital_delivery_rate"].frame
    assert list(frame.columns) == DOT_COLUMNS + ["label"]
    full = compare.dot_data(c.levels, "hospital_delivery_rate").frame  # the whole ranking, as the analysis draws it
    k = full.index[full["report_id"] == "r00050#1"][0]
    keep = sorted(set(range(10)) | set(range(len(full) - 10, len(full))) | set(range(k - 3, k + 4)))
    pd.testing.assert_frame_equal(frame, full.loc[keep, frame.columns].reset_index(drop=True))


def test_the_standing_is_that_of_the_whole_ranking():
    c = corpus(60)
    ids = _ids(c)
    frames, _ = compare.standing(c.levels, ids)
    for rid, per_pop in (("r00000#1", False), ("r00002#1", False), ("r00011#1", None)):  # r00011 states its population
        r = compare.ranked(c.levels, "live_births", per_population=per_pop).set_index("report_id")
        row = frames[rid].set_index("indicator").loc["live_births"]
        assert row["rank"] == r.loc[rid, "rank"] and row["group"] == r.loc[rid, "group"]
        assert row["n"] == (r["group"] == r.loc[rid, "group"]).sum()
    # a count per population for a report that states its population, as stated for one that does not
    assert frames["r00001#1"].set_index("indicator").loc["inpatient_discharges", "compared_as"].endswith("residents")
    assert frames["r00002#1"].set_index("indicator").loc["inpatient_discharges", "compared_as"] == "as stated"
    rng = frames["r00005#1"].set_index("indicator").loc["hospital_delivery_rate"]
    assert rng["rank"] == "a range: not ranked" and bool(rng["is_range"])
    assert list(frames["r00000#1"]["indicator"]) == [i for i in catalog.indicators()
                                                     if i in set(frames["r00000#1"]["indicator"])]


def test_each_input_is_written_as_it_is_made(tmp_path, monkeypatch):
    c = corpus(30)
    events = []
    made = Standings.peer_rows
    monkeypatch.setattr(Standings, "peer_rows", lambda self, rid: events.append(("make", rid)) or made(self, rid))
    written = brief_inputs.atomic.write_bytes
    monkeypatch.setattr(brief_inputs.atomic, "write_bytes",
                        lambda p, blob: events.append(("write", p.name)) or written(p, blob))
    paths = Paths(tmp_path)
    brief_inputs.write_all(paths, c, _ids(c))
    assert [e for e, _ in events] == ["make", "write"] * 30  # one input made, written, then the next


def test_what_load_gives_back_is_what_was_made_and_the_key_is_the_files_checksum(tmp_path):
    c = corpus(40)
    paths = Paths(tmp_path)
    ids = _ids(c)
    keys = brief_inputs.write_all(paths, c, ids)
    made = brief_inputs.build(c, ids)
    for rid in ("r00003#1", "r00010#1", "r00035#1"):
        f = brief_inputs.path_for(paths, rid)
        assert keys[rid] == hashlib.sha256(f.read_bytes()).hexdigest()
        got, want = brief_inputs.load(rid, paths), made[rid]
        pd.testing.assert_series_equal(got.report, want.report)
        for part in ("figures", "quality", "levels", "peers", "targets", "changes", "series", "trends"):
            pd.testing.assert_frame_equal(getattr(got, part), getattr(want, part), obj=part)
        assert got.plot_order == want.plot_order and set(got.dots) == set(want.dots)
        for i in got.dots:
            pd.testing.assert_frame_equal(got.dots[i].frame, want.dots[i].frame)
    b = made["r00010#1"]
    assert len(b.figures) == (c.figures["report_id"] == "r00010#1").sum() and b.figures.index.equals(
        pd.RangeIndex(len(b.figures)))
    assert b.figures["value"].dtype == float and b.figures["in_plan_section"].dtype == bool
    assert list(b.targets["report_id"]) == ["r00010#1"] and list(b.changes["report_id"]) == []
    assert list(made["r00014#1"].changes["report_id"]) == ["r00014#1"]
    assert list(made["r00003#1"].quality["check"]) == ["plausibility"]
    # the same tables give the same bytes: a rerun renders nothing again
    assert brief_inputs.write_all(paths, c, ids) == keys


def test_an_input_of_another_version_is_a_clear_error(tmp_path):
    paths = Paths(tmp_path)
    p = brief_inputs.path_for(paths, "a#1")
    p.parent.mkdir(parents=True)
    p.write_bytes(pickle.dumps({"report": None}))
    with pytest.raises(ValueError, match="another version"):
        brief_inputs.load("a#1", paths)
    with pytest.raises(ValueError, match="unknown report id 'b#1'"):
        brief_inputs.load("b#1", paths)


def _streaming_memory(n: int, tmp_path) -> tuple[int, int]:
    """(memory the rankings hold once made, peak beyond it while every input is made and written), traced."""
    c = corpus(n)
    paths = Paths(tmp_path / str(n))
    stream = brief_inputs.payloads(c, _ids(c))
    tracemalloc.start()
    try:
        rid, p = next(stream)  # the rankings and the groups' statistics, once, then the first input
        del p
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        for rid, p in stream:
            brief_inputs.atomic.write_bytes(brief_inputs.path_for(paths, rid), pickle.dumps(p, protocol=5))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return held, peak - held


def test_the_memory_of_making_the_inputs_does_not_grow_with_the_corpus(tmp_path):
    held1, stream1 = _streaming_memory(200, tmp_path)
    held2, stream2 = _streaming_memory(400, tmp_path)
    # while the inputs are made and written, only one brief's input is held: the same at twice the corpus
    assert stream2 <= 1.2 * stream1, (stream1, stream2)
    # what is kept for all briefs (the rankings, each group once) grows as the tables do, not faster
    assert held2 <= 2.4 * held1, (held1, held2)


def test_packed_tables_come_back_with_their_columns_dtypes_and_index():
    df = pd.DataFrame({"k": ["a", "a", "b"], "text": ["住院分娩率", "", "住院分娩率"], "n": [1, 2, 3],
                       "v": [1.5, float("nan"), 2.0], "ok": [True, False, True], "mixed": ["x", None, 2.5]},
                      index=[7, 8, 9])
    for keep_index in (False, True):
        rows = Rows(df, "k", keep_index=keep_index)
        pk = Packer()
        packed = [rows.pack("a", pk), rows.pack("missing", pk)]
        u = Unpacker(pickle.loads(pickle.dumps(pk.strings())))
        got, empty = (u.frame(pickle.loads(pickle.dumps(p))) for p in packed)
        want = df[df["k"] == "a"]
        pd.testing.assert_frame_equal(got, want if keep_index else want.reset_index(drop=True))
        assert list(empty.columns) == list(df.columns) and empty.empty
        assert dict(empty.dtypes) == dict(df.dtypes)
    pk = Packer()
    cols = pk.rows([("a", 1, None), ("b", 2, 0.5)])
    assert Unpacker(pk.strings()).rows(cols) == [("a", 1, None), ("b", 2, 0.5)]


def test_a_packed_file_leaves_no_copy_inside_the_tables_strings():
    import sys

    s = "".join(["住院", "分娩率达99%"])  # a string of a table, as read
    size = sys.getsizeof(s)
    pk = Packer()
    pickle.dumps((pk.array(np.array([s], dtype=object)), pk.strings()))
    assert sys.getsizeof(s) == size
    pickle.dumps(np.array([s], dtype=object))  # what pickling the array itself does: a UTF-8 copy kept in the string
    assert sys.getsizeof(s) > size
