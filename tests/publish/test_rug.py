"""The tartan rug: standings by the catalog's judge, neutral where fewer than three compare, blank where not
stated, marks beside the colours, values linked to their source view, top and bottom 10 beyond 30 reports."""
import re

import pandas as pd

from helpers import compare
from helpers.compare import rug as rugdata
from helpers.core.paths import Paths
from helpers.publish import rug


def _levels(n: int = 5, counts: bool = True, year: str = "2023") -> pd.DataFrame:
    reps, figs = [], []
    for k in range(n):
        rid = f"r{k:03d}.txt#1"
        reps.append(dict(report_id=rid, region_name=f"县{k}", region_en=f"County {k}", admin_level="county",
                         period="annual", kind="summary", year_reported=year, year_masked=False, in_scope=True,
                         duplicate_of="", county=f"县{k}", city="市", province="省"))
        base = dict(report_id=rid, qualifier="", role="level", approx="", flags="", quote="…", in_plan_section=False,
                    indicator_en="")
        figs.append(dict(base, indicator="hospital_delivery_rate", area="maternal_child", unit="percent",
                         value=90.0 + k, raw=f"{90 + k}%", start=10, figure_id=f"{rid}@10"))
        if counts:
            figs.append(dict(base, indicator="health_records_count", area="primary_care", unit="records",
                             value=1000.0 * (k + 1), raw="x", start=20, figure_id=f"{rid}@20"))
    reps, figs = pd.DataFrame(reps), pd.DataFrame(figs)
    return compare.levels(figs, reps)


def test_standings_follow_the_judge_and_counts_as_stated_are_not_judged():
    lv = _levels(5)
    c = rugdata.cells(lv, ["hospital_delivery_rate", "health_records_count"]).set_index(["report_id", "indicator"])
    rate = c.xs("hospital_delivery_rate", level="indicator")["standing"]
    assert rate["r004.txt#1"] == rugdata.BEST and rate["r000.txt#1"] == rugdata.WORST
    assert rate["r002.txt#1"] == rugdata.MIDDLE
    assert set(c.xs("health_records_count", level="indicator")["standing"]) == {rugdata.NOT_JUDGED}


def test_fewer_than_three_is_neutral_and_the_group_includes_the_year():
    lv = _levels(2)
    c = rugdata.cells(lv, ["hospital_delivery_rate"])
    assert set(c["standing"]) == {rugdata.FEW} and all("2023" in g for g in c["group"])


def test_the_rug_html_marks_links_and_blanks():
    lv = _levels(4)
    lv = lv[~((lv["report_id"] == "r001.txt#1") & (lv["indicator"] == "health_records_count"))]
    rows, cells, left = rugdata.rug_data(lv, ["hospital_delivery_rate", "health_records_count"])
    m = rug.rug_html(rows, cells, ["hospital_delivery_rate", "health_records_count"], left)
    assert '<table class="rug"' in m
    assert m.count('<td class="blank"></td>') == 1  # not stated: blank, not zero
    assert "▲" in m and "▼" in m and "○" in m  # a mark beside each colour
    assert 'href="../outputs/sources/' in m and "#f-r003-txt-1-10" in m
    assert "County 3" in m and "县3" in m and "Hospital delivery rate" in m and "住院分娩率" in m
    assert "count as stated: not judged" in m and "↑ higher is better" in m
    assert len(re.findall(r'<tr><th scope="row"', m)) == 4


def test_beyond_30_reports_each_band_shows_its_top_and_bottom_10(tmp_path):
    lv = _levels(45, counts=False)
    rows, cells, left = rugdata.rug_data(lv, ["hospital_delivery_rate"])
    assert len(rows) == 20 and left == {rows["band"].iloc[0]: 25}
    assert rows["report_id"].iloc[0] == "r044.txt#1" and rows["report_id"].iloc[-1] == "r000.txt#1"
    m = str(rug.rug(lv, ["hospital_delivery_rate"], name="t", paths=Paths(tmp_path)))
    assert "top and bottom 10 of 45 reports" in m
    written = pd.read_csv(tmp_path / "outputs/tables/t_rug.csv")
    assert len(written) == 45 and {"standing", "group", "rank", "display"} <= set(written.columns)


def test_ranges_are_shown_and_never_ranked():
    lv = _levels(4, counts=False)
    lv.loc[0, "value_high"] = 99.0
    lv.loc[0, "is_range"] = True
    c = rugdata.cells(lv, ["hospital_delivery_rate"]).set_index("report_id")
    assert c.loc[lv.loc[0, "report_id"], "standing"] == rugdata.RANGE
    assert set(c.drop(index=lv.loc[0, "report_id"])["standing"]) <= {rugdata.BEST, rugdata.MIDDLE, rugdata.WORST}


def test_an_area_nobody_states_still_has_its_rug_saying_so():
    lv = _levels(3, counts=False)
    m = str(rug.rug(lv[lv["indicator"] == "none"], []))
    assert '<table class="rug">' in m and "every cell would be blank" in m
