"""Values dated to a year before the report's are baselines (clean.dated), on made-up sentences."""
from helpers.clean.extract import extract_report


def roles(text, year):
    return {f.raw: f.role for f in extract_report(text, 0, len(text), year=year)}


def test_earlier_years_values_are_baselines_of_a_later_report():
    text = "2027年，全市出生人口1.45万人；2028年为1.33万人；2029年出生人口1.21万人。"
    assert roles(text, 2029) == {"1.45万人": "baseline", "1.33万人": "baseline", "1.21万人": "level"}


def test_without_the_reports_year_nothing_changes():
    text = "2027年，全市出生人口1.45万人；2028年为1.33万人。"
    assert set(roles(text, None).values()) == {"level"}


def test_a_year_dates_only_the_first_value_after_it():
    # 由2027年的…提高到…: the value arrived at is the report's level, the from-value a baseline already
    text = "住院分娩率由2027年的96.1%提高到98.4%。"
    assert roles(text, 2029) == {"96.1%": "baseline", "98.4%": "level"}
    text = "住院分娩率由2025年的96.1%提高到2027年的98.4%。"
    assert roles(text, 2029)["98.4%"] == "level"


def test_spans_and_starts_of_a_period_date_no_value():
    assert roles("2025~2027年婚检率不到3%。", 2029)["3%"] == "level"
    assert roles("2026年以来累计检查1.2万对。", 2029)["1.2万对"] == "level"


def test_targets_and_changes_keep_their_roles():
    got = roles("2028年出生人口比上年减少800人，力争2028年住院分娩率达到99%。", 2029)
    assert got["800人"].startswith("change") and got["99%"] == "target"
