"""Clean: text → reports → figures → quality findings.

Takes each raw file's text (``ingest``). Gives its reports with place, period, kind and scope (``segment``,
``places``, ``report_meta``, ``reports``) and every figure with unit, value, role, indicator and sentence
(``numbers``, ``roles``, ``matching``, ``lists``, ``qualifiers``, ``extract``, ``figures``), checked by ``quality``;
the same place over time (``series``), its restated figures checked (``restatements``) and its trends (``trends``).
Writes ``data/clean/`` reports, figures, quality, report_quality, series, trends and input_problems (``steps``),
file by file on the batch's workers (``per_file``), the steps across reports in bounded memory (``across``).
"""
