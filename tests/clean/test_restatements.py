"""Restatement checks of quality.csv on made-up reports of one place over three years."""
import pandas as pd

from helpers.clean import quality, restatements, series

from series_data import fig, frames, rep

S22 = "建档率为87.5%，比上年的85.6%提高了1.9个百分点"
S22B = "签约率为42.0%，比上年提高1.8个百分点"
S22C = "孕产妇系统管理率为91.0%，比上年提高0.7个百分点"


def corpus():
    reps = [rep("a21.txt#1", 2021), rep("a22.txt#1", 2022), rep("a22h1.txt#1", 2022, "H1")]
    figs = [fig("a21.txt#1", 10, "health_records_rate", 85.1, "85.1%"),
            fig("a21.txt#1", 30, "family_doctor_signing_rate", 40.5, "40.5%"),
            fig("a21.txt#1", 50, "maternal_mgmt_rate", 90.3, "90.3%"),
            fig("a22.txt#1", 100, "health_records_rate", 87.5, "87.5%", quote=S22),
            fig("a22.txt#1", 100, "health_records_rate", 85.6, "85.6%", role="baseline", quote=S22),
            fig("a22.txt#1", 100, "health_records_rate", 1.9, "1.9个百分点", unit="percentage_points",
                role="change_pp", quote=S22),
            fig("a22.txt#1", 200, "family_doctor_signing_rate", 42.0, "42.0%", quote=S22B),
            fig("a22.txt#1", 200, "family_doctor_signing_rate", 1.8, "1.8个百分点", unit="percentage_points",
                role="change_pp", quote=S22B),
            fig("a22.txt#1", 300, "maternal_mgmt_rate", 91.0, "91.0%", quote=S22C),
            fig("a22.txt#1", 300, "maternal_mgmt_rate", 0.7, "0.7个百分点", unit="percentage_points",
                role="change_pp", quote=S22C),
            fig("a22.txt#1", 400, "outpatient_visits", 1300000, "130万人次", unit="person_times"),
            fig("a22h1.txt#1", 10, "outpatient_visits", 1400000, "140万人次", unit="person_times"),
            fig("a22h1.txt#1", 30, "health_records_rate", 95.0, "95.0%")]
    for f in figs:
        if f["unit"] == "person_times":
            f["raw_value"] = f["raw"][:3]
    return frames(reps, figs)


def findings():
    reps, figs = corpus()
    _ser, cands = series.build(figs, reps)
    return pd.DataFrame(restatements.check(cands), columns=restatements.COLUMNS)


def test_two_reports_that_disagree_on_one_period():
    f = findings()
    r = f[f["check"] == "restatement"]
    assert len(r) == 1
    w = r.iloc[0]
    assert (w.report_id, w.severity, w.indicator) == ("a22.txt#1", "warning", "health_records_rate")
    assert "85.6%" in w.message and "85.1%" in w.message and "2021 annual" in w.message
    assert w.figures == "114-119" and w["values"] == "85.6%"  # the later report's baseline, by its offsets


def test_a_stated_change_against_the_two_levels():
    f = findings().set_index("indicator")
    ch = f[f["check"] == "change_vs_levels"]
    # 42.0 - 1.8 = 40.2, but 2021 states 40.5: beyond rounding (0.05 + 0.05 + 0.05)
    assert ch.loc["family_doctor_signing_rate", "severity"] == "warning"
    assert "40.2%" in ch.loc["family_doctor_signing_rate", "message"]
    # 91.0 - 0.7 = 90.3, as 2021 states: verified
    assert ch.loc["maternal_mgmt_rate", "severity"] == "note"
    # a change whose baseline the sentence gives is checked by change_recomputed, not here
    assert "health_records_rate" not in ch.index


def test_a_half_year_flow_above_the_annual_count_but_not_a_stock():
    f = findings()
    p = f[f["check"] == "period_above_annual"]
    assert list(p["indicator"]) == ["outpatient_visits"] and p.iloc[0].report_id == "a22.txt#1"
    assert p.iloc[0].severity == "warning" and "H1" in p.iloc[0].message
    # the H1 record coverage (a stock) of 95% above the year's 87.5% is no finding


def test_agreeing_values_within_rounding_are_a_note():
    reps, figs = corpus()
    figs.loc[figs["raw"] == "85.6%", "value"] = 85.15  # (as if written 85.2%: within rounding of 85.1%)
    cands = series.build(figs, reps)[1]
    r = [x for x in restatements.check(cands) if x["check"] == "restatement"]
    assert [x["severity"] for x in r] == ["note"]


def test_added_in_the_order_of_the_findings_and_counted_as_run():
    reps, figs = corpus()
    cands = series.build(figs, reps)[1]
    base = pd.DataFrame([dict(report_id="a22.txt#1", check="comparability", severity="note", indicator="",
                              qualifier="", figures="", values="", message="period annual", quotes="")],
                        columns=restatements.COLUMNS)
    assert restatements.add(base, [], quality.CHECKS) is base
    both = restatements.add(base, restatements.check(cands), quality.CHECKS)
    mine = both[both["report_id"] == "a22.txt#1"]
    assert list(mine["severity"])[:3] == ["warning"] * 3 and mine.iloc[-1].check == "change_vs_levels"
    summ = pd.DataFrame(dict(report_id=["a21.txt#1", "other#1"], checks_run=[len(quality.CHECKS)] * 2))
    assert list(restatements.checks_run(summ, cands)["checks_run"]) == [len(quality.CHECKS) + 3, len(quality.CHECKS)]


def test_the_cleaning_writes_the_findings_into_quality_csv(tmp_path):
    from helpers.clean import steps
    from helpers.core import tables
    from helpers.core.paths import Paths
    from test_series import TEXT_2021, TEXT_2022

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a2021.txt").write_text(TEXT_2021, encoding="utf-8")
    (raw / "a2022.txt").write_text(TEXT_2022, encoding="utf-8")
    paths = Paths(tmp_path, raw=raw, clean=tmp_path / "out")
    assert steps.clean_folder(paths, log=lambda s: None) == 0
    q = tables.load(paths, "quality")
    mine = q[q["check"].isin(restatements.CHECKS)]
    assert sorted(zip(mine["report_id"], mine["check"], mine["severity"], mine["indicator"])) == [
        ("a2022.txt#1", "change_vs_levels", "note", "family_doctor_signing_rate"),
        ("a2022.txt#1", "restatement", "warning", "health_records_rate")]
    rq = tables.load(paths, "report_quality").set_index("report_id")
    assert (rq["checks_run"] == len(quality.CHECKS) + 3).all()
    assert rq.loc["a2022.txt#1", "warnings"] >= 1
