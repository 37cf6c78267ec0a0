"""Made-up reports and figures for the series, restatement and trend tests (no raw text needed)."""
import pandas as pd

PLACE = dict(province="安徽省", city="六安市", county="金安区", region_name="六安市金安区",
             region_en="Jin'an District, Lu'an, Anhui", region_confidence=0.8, admin_level="district")


def rep(rid, year, period="annual", masked=False, kind="summary", **place):
    return dict(report_id=rid, source_file=rid.split("#")[0], in_scope=True, duplicate_of="", kind=kind,
                year_reported=str(year), year_masked=masked, period=period, **{**PLACE, **place})


def fig(rid, s0, indicator, value, raw, unit="percent", role="level", quote=None, qualifier="", flags=""):
    """A figure ``raw`` of the sentence ``quote`` that starts at offset ``s0`` (its offset is found there; the
    first ``raw`` of the quote)."""
    quote = quote or raw
    start = s0 + quote.index(raw)
    raw_value = raw.rstrip("%‰个百分点万人次例")
    return dict(figure_id=f"{rid}@{start}", report_id=rid, source_file=rid.split("#")[0], start=start,
                end=start + len(raw), raw=raw, quote=quote, indicator=indicator, qualifier=qualifier,
                value=float(value), unit=unit, raw_value=raw_value, role=role, flags=flags, in_plan_section=False,
                matched_by="cue", sentence_start=s0, sentence_end=s0 + len(quote))


def frames(reports, figures):
    return pd.DataFrame(reports), pd.DataFrame(figures)
