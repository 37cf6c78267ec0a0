"""The brief's heading escapes report text; an unknown report id is a clear error."""
import pandas as pd
import pytest

from helpers.publish import brief_view


def _rep(**kw):
    base = dict(report_id="a#1", region_en="Jin'an District", region_name="金安区", kind="summary", period="H1",
                admin_level="district", year_reported="2024", year_masked=True)
    base.update(kw)
    return pd.Series(base)


def test_heading_escapes_report_text():
    h = brief_view.heading_html(_rep(region_name='<script>alert(1)</script>'))
    assert "<script>" not in h and "&lt;script&gt;" in h
    assert "<h1>Jin&#x27;an District — " in h and "masked upstream" in h
    assert "county-level" in h and "district (区)" in h  # tier and admin type in the title block


def test_unknown_report_id_names_it():
    with pytest.raises(ValueError, match="unknown report id 'b#9'"):
        brief_view.report_row(pd.DataFrame([_rep()]), "b#9")


def _clean():
    from helpers import compare

    reps = pd.DataFrame([dict(report_id=r, region_name=zh, region_en=en, admin_level=lvl, period="annual", kind="summary",
                              year_masked=False, year_reported="2023", in_scope=True, duplicate_of="", county=zh,
                              city="某市", province="某省", region_confidence=0.8, region_evidence=zh)
                         for r, zh, en, lvl in (("a#1", "甲区", "Jia District", "district"),
                                                ("b#1", "乙县", "Yi County", "county"),
                                                ("c#1", "丙市", "Bing City", "county-level city"))])
    rows = []
    for k, (r, v) in enumerate((("a#1", 99.5), ("b#1", 96.0), ("c#1", 97.0))):
        rows.append(dict(report_id=r, indicator="hospital_delivery_rate", value=v, unit="percent", role="level",
                         qualifier="", start=10, end=13, approx="", flags="", raw=f"{v}%", quote="<b>住院分娩率</b>",
                         area="maternal_child", indicator_en="Hospital delivery rate", in_plan_section=False,
                         value_high=None))
    figs = pd.DataFrame(rows)
    q = pd.DataFrame(columns=["report_id", "check", "severity", "indicator", "qualifier", "figures", "values",
                              "message", "quotes"])
    return compare.Clean(reps, figs, q, compare.levels(figs, reps, q))


def _input(rid="a#1"):
    from helpers.publish import brief_inputs

    return brief_inputs.build(_clean(), [rid])[rid]


def test_at_a_glance_says_where_the_place_stands_in_plain_sentences():
    s = brief_view.at_a_glance(_input())
    assert 3 <= len(s) <= 6
    assert s[0].startswith("This work summary for Jia District (甲区)")
    assert "best quarter on Hospital delivery rate (住院分娩率)" in s[1]
    assert any("No quality check found" in x for x in s)


def test_tables_escape_report_text_and_have_no_index_column():
    d = _clean()
    h = brief_view.table_html(d.figures[["raw", "quote"]])
    assert "<b>住院分娩率</b>" not in h and "&lt;b&gt;" in h
    assert h.count("<th>") == 2 and 'class="quote"' in h
    spine = brief_view.spine_html(_input())
    assert 'class="spine-chart"' in spine and "county-level" in spine


def test_at_a_glance_and_the_spine_never_call_a_raw_count_better_or_worse():
    from helpers import compare
    from helpers.publish import brief_inputs, spine

    c = _clean()
    rows = [dict(c.figures.iloc[0], indicator="elderly_mgmt_count", value=v, unit="persons", raw=f"{v}人", start=30,
                 indicator_en="Older people under health management", area="primary_care", report_id=r)
            for r, v in (("a#1", 95769.0), ("b#1", 8235.0), ("c#1", 37175.0))]
    figs = pd.DataFrame(rows)
    c = compare.Clean(c.reports, figs, c.quality, compare.levels(figs, c.reports, c.quality))
    b = brief_inputs.build(c, ["a#1"])["a#1"]
    s = " ".join(brief_view.at_a_glance(b))
    assert "best quarter" not in s and "worst quarter" not in s and "not judged" in s
    html = brief_view.spine_html(b)
    assert "status-not-judged" in html and "status-better" not in html
    assert spine.COLORS["not judged"] in html.split("<tbody>")[1]
