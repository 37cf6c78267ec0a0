"""Clean: text → reports → figures → quality.

Takes each raw file's text (from ``ingest``); splits it into reports and junk (``segment``), identifies each report's
place, period and kind (``places``, ``report_meta``, ``reports``), extracts every figure with its unit, value, role,
indicator and sentence (``numbers``, ``extract``, ``roles``, ``qualifiers``, ``figures``) and checks them (``quality``).
Writes ``data/clean/reports.csv``, ``figures.csv``, ``quality.csv``, ``report_quality.csv``, ``input_problems.csv``
(``steps``, validated on write by ``core.tables``).
"""
