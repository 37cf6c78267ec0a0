"""Compare: clean tables → fair side-by-side comparisons.

Takes the clean tables (``core.tables``); gives achieved levels with their comparison group (``groups``), rankings and
coverage (``rankings``), targets met and stated changes (``targets``), each report's standing among its peers
(``standing``), the same place over time (``overtime``: series, trends, restatements) and the analysts' explore API
(``explore``). Writes no clean table: ``publish`` writes its outputs.

The fairness rules, enforced here and not in each notebook:

* **levels only**: targets, changes and completion ratios are never mixed with achieved levels
  (``role == "level"``); plans' targets are shown as targets (met or not), never ranked;
* **tiers apart**: county-level units (区, 县, 县级市, 旗, 自治县) are one tier, prefecture-level units
  (地级市, 州, 盟) another, as Fingertips shows lower- and upper-tier authorities apart; a city is never
  ranked among counties. Inside a tier the admin type (district, county, county-level city) stays visible;
* **periods by what the indicator measures** (the catalog's ``comparability``): a *stock* — a proportion,
  ratio, average or standing count (建档率, 性别比, 签约人数) — is compared across the periods of reports,
  each value marked with its period (87.5% · H1); a *flow* — events of the period (门诊人次, 出生人数) or a
  rate per period (发病率/10万) — only among reports of the same period;
* **comparison group** = tier × the period rule: ``county-level · periods marked`` for a stock,
  ``H1 · county-level`` for a flow; ranks only within a group, and only among values of the same unit
  (3,448 couples are not ranked against 335 person-times);
* **counts per population** where the report gives its population (per 10,000 registered
  residents); otherwise counts are compared only within their group and shown by group;
* **flags travel**: approximations (余, 约, 以上), extraction flags (masked, estimate) and quality
  findings (errors/warnings from ``quality.csv``) are carried into every table and plot;
* **duplicates and out-of-scope pieces are left out** (``duplicate_of``, ``in_scope``).
"""
from __future__ import annotations

# The public API of the stage (internal constants stay in their modules).
from .groups import (
    cached_levels, levels_key, warm_levels, NOT_COMPARED,
    ADMIN_TYPE_EN, Clean, area_indicators, comparable_pairs, comparable_reports, comparison_groups, display_value,
    YEAR_UNKNOWN, fmt_number, group_of, group_sizes, is_placed, known_year, left_out, levels, load, place_label,
    places_identified, population, tier_of,
)
from .rankings import (
    SHOW_EACH, SPINE_MIN_REPORTS, STATUSES, DotData, area_headline, area_summary, column_label, comparison_table, coverage, coverage_by_province,
    dot_data, figures_by_area, group_quantiles, plot_indicators, ranked, spine_fields,
)
from . import overtime
from .rug import rug_indicators
from .standing import Standings, peers_of, standing
from .targets import area_targets_and_changes, changes, targets_met

__all__ = sorted(n for n in dir() if not n.startswith("_")
                 and n not in {"annotations", "groups", "rankings", "rug", "targets"})  # standing: the function
