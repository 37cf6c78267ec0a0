"""The fairness rules of the comparison helper, on made-up tables."""
from pathlib import Path

import pandas as pd
import pytest


from helpers import compare
from helpers.clean import quality

REPORTS = [
    # report_id, place zh, place en, admin level, period, kind
    ("a#1", "甲区", "Jia District", "district", "annual", "summary"),
    ("b#1", "乙区", "Yi District", "district", "annual", "summary"),
    ("c#1", "丙市", "Bing City", "city", "annual", "summary"),
    ("d#1", "丁区", "Ding District", "district", "H1", "summary"),
    ("e#1", "戊区", "Wu District", "district", "annual", "summary"),   # duplicate of a#1
]


def reps():
    rows = [dict(report_id=r, region_name=zh, region_en=en, admin_level=lvl, period=per, kind=k, year_masked=False,
                 in_scope=True, duplicate_of="a#1" if r == "e#1" else "") for r, zh, en, lvl, per, k in REPORTS]
    return pd.DataFrame(rows)


def fig(rid, ind, value, unit, role="level", qualifier="", start=0, approx="", flags=""):
    return dict(report_id=rid, indicator=ind, value=value, unit=unit, role=role, qualifier=qualifier, start=start,
                end=start + 3, approx=approx, flags=flags, raw=str(value), quote="…")


def figs(*rows):
    return pd.DataFrame(list(rows))


def test_targets_changes_and_duplicates_never_enter_levels():
    f = figs(fig("a#1", "hospital_delivery_rate", 99.0, "percent"),
             fig("b#1", "hospital_delivery_rate", 100.0, "percent", role="target"),
             fig("b#1", "hospital_delivery_rate", 2.0, "percent", role="change_pct", start=9),
             fig("e#1", "hospital_delivery_rate", 99.0, "percent"))
    lv = compare.levels(f, reps())
    assert list(lv["report_id"]) == ["a#1"]


def test_every_value_carries_its_period_and_group():
    f = figs(fig("a#1", "hospital_delivery_rate", 99.0, "percent"), fig("d#1", "hospital_delivery_rate", 98.0, "percent"),
             fig("a#1", "outpatient_visits", 9000, "person_times", start=9),
             fig("d#1", "outpatient_visits", 4000, "person_times", start=9))
    lv = compare.levels(f, reps())
    # a proportion (stock) is compared across periods, each value marked; a count of the period (flow) is not
    # (these made-up reports state no year: today's rule, marked)
    assert set(lv.loc[lv["indicator"] == "hospital_delivery_rate", "group"]) == {
        "county-level · periods marked · year unknown"}
    assert set(lv.loc[lv["indicator"] == "outpatient_visits", "group"]) == {"annual · county-level · year unknown",
                                                                            "H1 · county-level · year unknown"}
    assert all(" · annual" in s or " · H1" in s for s in lv["display"])


def test_a_city_is_never_ranked_among_districts_nor_h1_among_annual():
    f = figs(fig("a#1", "hospital_delivery_rate", 99.0, "percent"), fig("b#1", "hospital_delivery_rate", 97.0, "percent"),
             fig("c#1", "hospital_delivery_rate", 100.0, "percent"), fig("d#1", "hospital_delivery_rate", 98.0, "percent"))
    r = compare.ranked(compare.levels(f, reps()), "hospital_delivery_rate").set_index("report_id")
    # districts of any period in one tier (the H1 value marked), the city apart
    assert r.loc["a#1", "rank"] == "1 of 3" and r.loc["d#1", "rank"] == "2 of 3" and r.loc["b#1", "rank"] == "3 of 3"
    assert r.loc["c#1", "rank"] == "alone in its group" and r.loc["c#1", "tier"] == "prefecture-level"
    f = figs(fig("a#1", "live_births", 900, "persons"), fig("b#1", "live_births", 700, "persons"),
             fig("d#1", "live_births", 400, "persons"))
    r = compare.ranked(compare.levels(f, reps()), "live_births").set_index("report_id")
    assert r.loc["a#1", "rank"] == "1 of 2" and r.loc["d#1", "rank"] == "alone in its group"  # H1 births apart


def test_districts_counties_and_county_level_cities_are_one_tier_with_their_type_visible():
    rp = pd.DataFrame([dict(report_id=r, region_name=r, region_en=r, admin_level=lvl, period="annual", kind="summary",
                            year_masked=False, in_scope=True, duplicate_of="")
                       for r, lvl in (("q#1", "district"), ("r#1", "county"), ("s#1", "county-level city"))])
    f = figs(*(fig(r, "maternal_mgmt_rate", v, "percent") for r, v in (("q#1", 90.0), ("r#1", 95.0), ("s#1", 92.0))))
    lv = compare.levels(f, rp)
    assert lv["group"].nunique() == 1 and set(lv["tier"]) == {"county-level"}
    assert lv["admin_type"].nunique() == 3
    g = compare.comparison_groups(lv)
    assert g.loc[0, "reports"] == 3 and g.loc[0, "indicators with ≥3 reports"] == 1


def test_lower_is_better_ranks_ascending():
    f = figs(fig("a#1", "infant_mortality_rate", 3.0, "permille"), fig("b#1", "infant_mortality_rate", 5.0, "permille"))
    r = compare.ranked(compare.levels(f, reps()), "infant_mortality_rate").set_index("report_id")
    assert r.loc["a#1", "rank"] == "1 of 2"


def test_counts_are_compared_per_population_when_reports_give_one():
    f = figs(fig("a#1", "outpatient_visits", 100000, "person_times"), fig("a#1", "registered_population", 200000, "persons", start=5),
             fig("b#1", "outpatient_visits", 150000, "person_times"), fig("b#1", "registered_population", 500000, "persons", start=5),
             fig("e#1", "outpatient_visits", 1, "person_times"))
    r = compare.ranked(compare.levels(f, reps()), "outpatient_visits").set_index("report_id")
    assert r.loc["a#1", "plot_value"] == pytest.approx(5000) and r.loc["b#1", "plot_value"] == pytest.approx(3000)
    assert "per 10,000" in r.loc["a#1", "measure"]


def test_flags_and_quality_findings_are_visible_in_the_table():
    f = figs(fig("a#1", "hospital_delivery_rate", 99.0, "percent", start=10, flags="lower_bound", approx="以上"),
             fig("b#1", "hospital_delivery_rate", 101.0, "percent", start=20))
    q = pd.DataFrame([dict(report_id="b#1", check="plausibility", severity="error", indicator="hospital_delivery_rate",
                           qualifier="", figures="20-23", values="101", message="x", quotes="")])
    lv = compare.levels(f, reps(), q)
    t = compare.comparison_table(lv, ["hospital_delivery_rate"]).set_index("report_id")
    col = "Hospital delivery rate (%)"
    assert t.loc["a#1", col].startswith("≥99%")
    assert t.loc["b#1", col].endswith("⚠")


def test_qualified_values_get_their_own_column():
    f = figs(fig("a#1", "inpatient_discharges", 5000, "person_times"),
             fig("a#1", "inpatient_discharges", 800, "person_times", qualifier="市四院", start=9))
    t = compare.comparison_table(compare.levels(f, reps()), ["inpatient_discharges"])
    assert "Inpatient discharges (person-times)" in t.columns
    assert "Inpatient discharges [市四院] (person-times)" in t.columns


def test_an_area_nobody_states_gives_an_empty_table_with_the_same_columns():
    f = figs(fig("a#1", "hospital_delivery_rate", 99.0, "percent"))
    lv = compare.levels(f, reps())
    empty = compare.comparison_table(lv, ["life_expectancy"])
    full = compare.comparison_table(lv, ["hospital_delivery_rate"])
    assert empty.empty and list(empty.columns) == list(full.columns[:5])
    assert empty.drop(columns=["report_id"]).empty  # what the area notebooks do with it


def _standing(lv, rid):
    return compare.standing(lv, [rid])[0][rid]


def test_peer_stats_use_the_same_group_only():
    f = figs(fig("a#1", "hospital_delivery_rate", 99.0, "percent"), fig("b#1", "hospital_delivery_rate", 97.0, "percent"),
             fig("c#1", "hospital_delivery_rate", 50.0, "percent"))
    s = _standing(compare.levels(f, reps()), "a#1").iloc[0]
    assert s["rank"] == "1 of 2" and s["n"] - 1 == 1 and s["peer_median"] == "97"


def test_peer_stats_rank_counts_as_the_plots_do_per_population():
    # a#1 (pop 100k) and b#1 (pop 400k) are districts of one group: 5000 vs 12000 discharges is 500 vs 300
    # per 10,000 residents, so a#1 ranks first, as its dot plot shows, though its raw count is lower
    f = figs(fig("a#1", "registered_population", 100000, "persons"), fig("b#1", "registered_population", 400000, "persons"),
             fig("a#1", "inpatient_discharges", 5000, "person_times", start=9),
             fig("b#1", "inpatient_discharges", 12000, "person_times", start=9))
    lv = compare.levels(f, reps())
    s = _standing(lv, "a#1").set_index("indicator").loc["inpatient_discharges"]
    assert s["rank"] == "1 of 2" and s["compared_as"].endswith("per 10,000 residents") and s["peer_median"] == "300"
    plot = compare.dot_data(lv, "inpatient_discharges", highlight="a#1").frame
    assert plot.set_index("report_id").loc["a#1", "rank"] == "1 of 2"


def test_values_in_different_units_are_not_ranked_together_and_population_is_not_per_population():
    f = figs(fig("a#1", "premarital_exam_count", 3448, "couples"), fig("b#1", "premarital_exam_count", 335, "person_times"),
             fig("a#1", "registered_population", 100000, "persons", start=9),
             fig("b#1", "registered_population", 400000, "persons", start=9))
    lv = compare.levels(f, reps())
    r = compare.ranked(lv, "premarital_exam_count", per_population=False).set_index("report_id")
    assert r.loc["a#1", "group"].endswith("couples") and r.loc["b#1", "group"].endswith("person-times")
    assert set(r["rank"]) == {"alone in its group"}
    pop = compare.ranked(lv, "registered_population").set_index("report_id")
    assert sorted(pop["plot_value"]) == [100000, 400000] and pop.loc["b#1", "rank"] == "1 of 2"


def test_figure_flags_join_on_offsets():
    q = pd.DataFrame([dict(report_id="a#1", check="contradiction", severity="warning", indicator="", qualifier="",
                           figures="10-13;40-44", values="", message="", quotes="")])
    assert sorted(quality.figure_flags(q)["start"]) == [10, 40]


def test_peer_stats_of_a_report_without_levels_is_an_empty_table_with_columns():
    f = figs(fig("a#1", "hospital_delivery_rate", 99.0, "percent"))
    s = _standing(compare.levels(f, reps()), "b#1")
    assert s.empty and "area" in s.columns


# ------------------------------------------------------------------ targets met, changes, spine chart
def _figs_plus(*rows):
    f = figs(*rows)
    f["in_plan_section"] = False
    return f


def test_a_target_beside_its_achieved_level_is_met_or_missed_by_how_much():
    f = _figs_plus(fig("a#1", "hospital_delivery_rate", 98.0, "percent", role="target"),
                   fig("a#1", "hospital_delivery_rate", 99.1, "percent", start=20),
                   fig("b#1", "infant_mortality_rate", 5.0, "permille", role="target"),
                   fig("b#1", "infant_mortality_rate", 6.2, "permille", start=20),
                   fig("d#1", "outpatient_visits", 5000, "person_times", role="target"))  # no level: no row
    f.loc[2, "raw"], f.loc[3, "raw"] = "5‰", "6.2‰"
    m = compare.targets_met(f, reps()).set_index("report_id")
    assert list(m.index) == ["a#1", "b#1"]
    assert m.loc["a#1", "met"] == "met" and m.loc["a#1", "by"] == "+1.1 pp"
    assert m.loc["b#1", "met"] == "not met" and m.loc["b#1", "by"].startswith("+1.2")  # lower is better


def test_a_plans_target_is_not_judged():
    f = _figs_plus(fig("a#1", "hospital_delivery_rate", 98.0, "percent", role="target"),
                   fig("a#1", "hospital_delivery_rate", 99.1, "percent", start=20))
    f.loc[0, "in_plan_section"] = True
    assert compare.targets_met(f, reps()).empty


def test_stated_changes_are_ranked_among_peers_of_the_same_period_and_tier():
    f = _figs_plus(fig("a#1", "infant_mortality_rate", -0.8, "percentage_points", role="change_pp"),
                   fig("b#1", "infant_mortality_rate", -0.3, "percentage_points", role="change_pp"),
                   fig("d#1", "infant_mortality_rate", -2.0, "percentage_points", role="change_pp"))
    c = compare.changes(f, reps()).set_index("report_id")
    assert c.loc["a#1", "rank"] == "1 of 2" and c.loc["b#1", "rank"] == "2 of 2"  # a fall in mortality first
    assert c.loc["d#1", "rank"] == "no peer states it"  # H1 apart from annual


def test_the_spine_places_the_report_in_its_groups_quarters():
    rows = [fig(r, "hospital_delivery_rate", v, "percent") for r, v in (("a#1", 99.9), ("b#1", 90.0), ("d#1", 95.0))]
    rows.append(fig("a#1", "live_births", 1000, "persons", start=9))  # a flow alone in its period: suppressed
    lv = compare.levels(figs(*rows), reps())
    p = _standing(lv, "a#1")
    shown, suppressed = p[p["shown"]], p[~p["shown"]]
    row = shown.set_index("indicator").loc["hospital_delivery_rate"]
    assert (row["status"], row["n"], row["worst"], row["best"]) == ("better", 3, 90.0, 99.9)
    assert list(suppressed["indicator"]) == ["live_births"]
    assert _standing(lv, "b#1").iloc[0]["status"] == "worse"
    from helpers.publish import spine

    html = spine.spine_chart(shown, suppressed)
    assert html.count("<svg") == 1 and "too few comparable reports" in html and "Live births" in html


def test_an_areas_targets_and_changes_are_its_own():
    f = _figs_plus(fig("a#1", "hospital_delivery_rate", 98.0, "percent", role="target"),
                   fig("a#1", "hospital_delivery_rate", 99.1, "percent", start=20),
                   fig("a#1", "outpatient_visits", 5.0, "percent", role="change_pct", start=40))
    f["figure_id"] = f["report_id"] + "@" + f["start"].astype(str)
    d = compare.Clean(reps(), f, pd.DataFrame(), compare.levels(f, reps()))
    met, ch = compare.area_targets_and_changes(d, "maternal_child")
    assert len(met) == 1 and ch.empty and "area" not in met.columns
    met, ch = compare.area_targets_and_changes(d, "services_cost")
    assert met.empty and list(ch["value"]) == ["+5%"]


def test_group_sizes_name_their_indicators_and_count_comparable_pairs():
    rows = [fig(r, "hospital_delivery_rate", v, "percent") for r, v in (("a#1", 99.0), ("b#1", 97.0), ("d#1", 95.0))]
    lv = compare.levels(figs(*rows), reps())
    sizes = compare.group_sizes(lv)
    assert sizes.loc[0, "label"] == "Hospital delivery rate (住院分娩率)" and sizes.loc[0, "reports"] == 3
    assert compare.comparable_pairs(lv) == 1 and compare.comparable_pairs(lv, at_least=4) == 0


@pytest.mark.parametrize("vals,x,want", [
    ([1.0, 2.0, 3.0, 4.0], 1.0, (3, 3.0, 2.0, 4.0)),
    ([1.0, 2.0, 3.0, 4.0], 4.0, (3, 2.0, 1.0, 3.0)),
    ([1.0, 2.0, 3.0, 4.0], 2.0, (3, 3.0, 1.0, 4.0)),
    ([1.0, 2.0, 2.0, 5.0], 2.0, (3, 2.0, 1.0, 5.0)),
    ([7.0], 7.0, (0, None, None, None)),
])
def test_peers_of_a_report_are_its_group_without_it(vals, x, want):
    import statistics

    assert compare.peers_of(vals, x) == want
    rest = list(vals)
    rest.remove(x)
    if rest:
        assert want[1] == statistics.median(rest) and (want[2], want[3]) == (min(rest), max(rest))


# --- judging is catalog data (issue 25) ---------------------------------------------------------------------

def _districts(n):
    return pd.DataFrame([dict(report_id=f"r{k}#1", region_name=f"{k}区", region_en=f"District {k}", admin_level="district",
                              period="annual", kind="summary", year_masked=False, in_scope=True, duplicate_of="")
                         for k in range(n)])


def test_a_raw_count_is_placed_by_size_but_never_judged():
    vals = (95769.0, 8235.0, 37175.0, 20000.0)  # a bigger place states a bigger count: not a better place
    lv = compare.levels(figs(*(fig(f"r{k}#1", "hypertension_mgmt_count", v, "persons") for k, v in enumerate(vals))),
                        _districts(4))
    p = _standing(lv, "r0#1")
    assert set(p["status"]) == {"not judged"} and p.iloc[0]["direction"] == "not judged"
    r = compare.ranked(lv, "hypertension_mgmt_count").set_index("report_id")
    assert r.loc["r0#1", "rank"] == "1 of 4"  # placed by size, as stated
    assert "not judged" in compare.dot_data(lv, "hypertension_mgmt_count").xlabel
    # the same count per population is judged, in the catalog's direction
    rows = [fig(f"r{k}#1", "hypertension_mgmt_count", v, "persons") for k, v in enumerate(vals)]
    rows += [fig(f"r{k}#1", "registered_population", 1e6, "persons", start=20) for k in range(4)]
    p = _standing(compare.levels(figs(*rows), _districts(4)), "r0#1").set_index("indicator")
    assert p.loc["hypertension_mgmt_count", "status"] == "better"


def test_a_lower_is_better_count_as_stated_is_not_ranked_smallest_first():
    lv = compare.levels(figs(*(fig(f"r{k}#1", "infectious_cases", v, "cases") for k, v in enumerate((10.0, 500.0)))),
                        _districts(2))
    r = compare.ranked(lv, "infectious_cases").set_index("report_id")
    assert r.loc["r1#1", "rank"] == "1 of 2"  # by size, not "fewer cases is better" for places of unknown size


def test_the_sex_ratio_at_birth_is_judged_by_its_distance_from_the_normal_range():
    from helpers.core import catalog

    ind = catalog.indicators()["sex_ratio_at_birth"]
    assert ind.judge == "range" and ind.normal == (103.0, 107.0)
    vals = (96.0, 105.0, 110.0, 104.0)
    lv = compare.levels(figs(*(fig(f"r{k}#1", "sex_ratio_at_birth", v, "ratio_100") for k, v in enumerate(vals))),
                        _districts(4))
    r = compare.ranked(lv, "sex_ratio_at_birth").set_index("report_id")
    assert r.loc["r1#1", "rank_n"] == 1 and r.loc["r3#1", "rank_n"] == 1 and r.loc["r0#1", "rank"] == "4 of 4"
    assert _standing(lv, "r0#1").iloc[0]["status"] == "outside normal"  # a made-up 96 is not "better"
    assert _standing(lv, "r1#1").iloc[0]["status"] == "normal"
    assert "normal 103–107" in compare.dot_data(lv, "sex_ratio_at_birth").xlabel


def test_a_sex_ratio_target_is_met_when_no_farther_from_normal():
    rp = _districts(2).assign(in_plan_section=False)
    f = figs(fig("r0#1", "sex_ratio_at_birth", 110.0, "ratio_100", role="target"),
             fig("r0#1", "sex_ratio_at_birth", 108.0, "ratio_100", start=9),
             fig("r1#1", "sex_ratio_at_birth", 107.0, "ratio_100", role="target"),
             fig("r1#1", "sex_ratio_at_birth", 101.0, "ratio_100", start=9)).assign(in_plan_section=False)
    m = compare.targets_met(f, rp).set_index("report_id")
    assert m.loc["r0#1", "met"] == "met" and m.loc["r1#1", "met"] == "not met"


def test_a_bad_judge_in_the_catalog_names_its_line(tmp_path, monkeypatch):
    from helpers.core import catalog

    text = (catalog.HERE / "indicators.csv").read_text(encoding="utf-8").splitlines()
    head = text[0].split(",")
    k = head.index("judge")
    row = text[1].split(",")
    row[k] = "bigger"
    (tmp_path / "indicators.csv").write_text("\n".join([text[0], ",".join(row)]) + "\n", encoding="utf-8")
    for name in ("comparability.csv", "cue_words.csv"):
        (tmp_path / name).write_bytes((catalog.HERE / name).read_bytes())
    monkeypatch.setattr(catalog, "HERE", tmp_path)
    catalog.indicators.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"indicators.csv line 2 .*judge must be one of"):
            catalog.indicators()
    finally:
        catalog.indicators.cache_clear()


# --- places and years in comparison groups (issue 25) -------------------------------------------------------

def _placed_reps():
    rows = [("p#1", "广东省", "", "", "district", "2023"), ("q#1", "广东省", "韶关市", "曲江区", "district", "2023"),
            ("r#1", "广东省", "韶关市", "武江区", "district", "2023"), ("s#1", "浙江省", "温州市", "永嘉县", "county", "2023")]
    return pd.DataFrame([dict(report_id=r, province=p, city=c, county=k, region_name=(c + k) or p, region_en=r,
                              admin_level=lvl, period="annual", kind="summary", year_reported=y, year_masked=False,
                              in_scope=True, duplicate_of="") for r, p, c, k, lvl, y in rows])


def test_a_province_only_report_joins_no_county_level_group_and_is_no_place():
    rp = _placed_reps()
    f = figs(*(fig(r, "hospital_delivery_rate", v, "percent") for r, v in
               (("p#1", 99.9), ("q#1", 98.0), ("r#1", 97.0), ("s#1", 96.0))))
    lv = compare.levels(f, rp).set_index("report_id")
    assert lv.loc["p#1", "tier"] == "tier unknown" and "county-level" not in lv.loc["p#1", "group"]
    assert lv.loc["q#1", "group"] == lv.loc["s#1", "group"] == "county-level · 2023 · periods marked"
    r = compare.ranked(lv.reset_index(), "hospital_delivery_rate").set_index("report_id")
    assert r.loc["q#1", "rank"] == "1 of 3" and r.loc["p#1", "rank"] == "alone in its group"
    assert compare.places_identified(rp) == 3  # 广东省 alone is no place
    assert compare.tier_of("district", compare.is_placed(rp.iloc[0])) == "tier unknown"


def test_years_enter_comparison_groups_and_every_value_is_marked_with_its_year():
    rp = _placed_reps()
    rp.loc[rp["report_id"] == "r#1", "year_reported"] = "2012"
    rp.loc[rp["report_id"] == "s#1", ["year_reported", "year_masked"]] = ["2024", True]  # masked: no known year
    f = figs(*(fig(r, ind, v, u, start=k) for r in ("q#1", "r#1", "s#1")
               for k, (ind, v, u) in enumerate((("hospital_delivery_rate", 98.0, "percent"),
                                                ("outpatient_visits", 9000.0, "person_times")))))
    lv = compare.levels(f, rp).set_index(["report_id", "indicator"])
    g = lv["group"]
    assert g["q#1", "hospital_delivery_rate"] == "county-level · 2023 · periods marked"
    assert g["r#1", "hospital_delivery_rate"] == "county-level · 2012 · periods marked"  # a 2012 stock apart
    assert g["q#1", "outpatient_visits"] == "2023 annual · county-level"
    assert g["r#1", "outpatient_visits"] == "2012 annual · county-level"
    assert g["s#1", "outpatient_visits"] == "annual · county-level · year unknown"  # today's rule, marked
    assert lv.loc[("q#1", "hospital_delivery_rate"), "display"] == "98% · 2023 annual"
    assert lv.loc[("s#1", "hospital_delivery_rate"), "display"] == "98% · annual"


def test_the_changes_table_sorts_its_rank_as_a_number():
    rp = _districts(12)
    f = figs(*(fig(f"r{k}#1", "hospital_delivery_rate", float(k), "percent", role="change_pct") for k in range(12)))
    c = compare.changes(f, rp)
    assert list(c["rank"]) == [f"{k} of 12" for k in range(1, 13)]  # not '1', '10', '11', '12', '2' …


def test_a_range_is_shown_with_both_ends_and_kept_out_of_ranks_and_quartiles():
    rows = [fig(f"r{k}#1", "health_records_rate", v, "percent") for k, v in enumerate((80.0, 95.0, 70.0))]
    rows.append(dict(fig("r3#1", "health_records_rate", 85.0, "percent", flags="range"), value_high=90.0))
    lv = compare.levels(figs(*rows), _districts(4))
    me = lv.set_index("report_id").loc["r3#1"]
    assert me["display"].startswith("85–90%") and me["is_range"]
    r = compare.ranked(lv, "health_records_rate")
    assert "r3#1" not in set(r["report_id"]) and set(r["rank"]) == {"1 of 3", "2 of 3", "3 of 3"}
    assert compare.group_sizes(lv).iloc[0]["reports"] == 3
    p = _standing(lv, "r3#1").iloc[0]
    assert p["rank"] == "a range: not ranked" and not p["shown"] and p["peer_median"] == "80"
    from helpers.publish import spine

    html = spine.spine_chart(p.to_frame().T.iloc[:0], p.to_frame().T.iloc[:0], p.to_frame().T)
    assert "Stated as a range" in html and "85–90%" in html
    assert _standing(lv, "r0#1").iloc[0]["n"] == 3  # the peers' quartiles leave the range out


def test_the_levels_are_computed_once_per_batch_and_recomputed_when_a_table_changes(tmp_path, monkeypatch):
    """The batch keeps the comparable levels (outputs/.batch/levels.pkl) for its notebooks and briefs: the same
    table as computing them, and never a stale one once a clean table is edited."""
    import made_files
    from helpers.core import tables

    fix = Path(__file__).resolve().parents[1] / "fixtures"
    paths, _ = made_files.clean_folder(tmp_path, {"utf8.txt": (fix / "utf8.txt").read_bytes()})
    fresh = compare.load(paths).levels
    key = compare.warm_levels(paths)
    assert (paths.outputs / ".batch" / "levels.pkl").exists() and key == compare.levels_key(paths)
    from helpers.compare import groups

    real = groups.levels
    monkeypatch.setattr(groups, "levels", lambda *a: pytest.fail("computed again"))
    pd.testing.assert_frame_equal(compare.load(paths).levels, fresh)  # from the cache
    monkeypatch.setattr(groups, "levels", real)
    # an analyst edits figures.csv (the Parquet copy is then stale too): the cache is not used
    figs = tables.read(paths.clean / "figures.csv")
    figs.loc[figs["indicator"] == "health_records_rate", "value"] = 12.5
    tables.write("figures", figs, paths)
    assert compare.levels_key(paths) != key
    lv = compare.load(paths).levels
    assert (lv.loc[lv["indicator"] == "health_records_rate", "value"] == 12.5).all()


def test_the_analysis_holds_only_the_catalog_figures_and_gives_what_all_of_them_give(tmp_path):
    """compare.load reads the figures of catalog indicators only (all a comparison reads): the same levels, targets
    and changes as from every figure; the explore API still finds and shows a figure of no catalog indicator (read
    from the table); a brief's input and a file's source views hold every figure of theirs, read from the table.""" 
    import made_files
    from helpers.compare import explore
    from helpers.publish import brief_inputs, sources

    fix = Path(__file__).resolve().parents[1] / "fixtures"
    extra = "\n全年举办健康知识讲座37场，发放宣传折页4500份，组织义诊活动12次。\n".encode()  # no catalog indicator
    paths, _ = made_files.clean_folder(tmp_path, {"utf8.txt": (fix / "utf8.txt").read_bytes() + extra})
    cat, every = compare.load(paths), compare.load(paths, figures="all")
    assert cat.figures_scope == "catalog" and (cat.figures["indicator"] != "").all()
    assert 0 < len(cat.figures) < len(every.figures)
    assert not set(compare.NOT_COMPARED) & set(cat.figures.columns)
    pd.testing.assert_frame_equal(cat.figures, every.figures.loc[every.figures["indicator"] != "", list(
        cat.figures.columns)].reset_index(drop=True))
    pd.testing.assert_frame_equal(cat.levels, every.levels)
    for f in (compare.targets_met, compare.changes):
        pd.testing.assert_frame_equal(f(cat.figures, cat.reports), f(every.figures, every.reports))
    other = every.figures[every.figures["indicator"] == ""].iloc[0]
    word = other["quote"][:4]
    pd.testing.assert_frame_equal(explore.find(cat, word), explore.find(every, word))
    assert other["figure_id"] in set(explore.find(cat, word)["figure_id"])
    mapped = explore.find(every, "率", mapped_only=True)
    assert len(mapped) and (mapped["indicator"] != "").all()
    pd.testing.assert_frame_equal(mapped, explore.find(cat, "率", mapped_only=True))
    assert explore.show(cat, other["figure_id"])["indicator"] == "(not in the catalog)"
    # a brief lists every figure of its report: read from the table a run of row groups at a time, the same input
    ids = sorted(set(every.reports.loc[every.reports["in_scope"], "report_id"]))
    made, made_all = brief_inputs.build(cat, ids), brief_inputs.build(every, ids)
    for rid in ids:
        pd.testing.assert_frame_equal(made[rid].figures, made_all[rid].figures)
    import pickle

    def parts(d):  # each part of each input file, pickled
        return {(r, k): pickle.dumps(v) for r, p in brief_inputs.payloads(d, ids) for k, v in p.items()}

    assert parts(cat) == parts(every)
    assert other["figure_id"] in set(made[other["report_id"]].figures["figure_id"])
    (job,), (job_all,) = sources.file_jobs(paths, data=cat), sources.file_jobs(paths, data=every)
    pd.testing.assert_frame_equal(job[2], job_all[2])
    with pytest.raises(ValueError, match="figures='all'"):
        brief_inputs.build(compare.Clean(cat.reports, cat.figures, cat.quality, cat.levels, figures_scope="catalog"),
                           ids)
    with pytest.raises(ValueError, match="one of catalog, all"):
        compare.load(paths, figures="some")
