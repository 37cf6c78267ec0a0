"""The brief's heading escapes report text; an unknown report id is a clear error."""
import pandas as pd
import pytest

from helpers import brief_view


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
