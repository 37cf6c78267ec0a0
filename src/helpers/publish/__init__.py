"""Publish: comparisons → what readers see.

Takes the clean tables and the comparisons (``compare``); runs the notebooks with papermill (``notebook_runner``),
computes each brief's inputs once per batch (``brief_inputs``) and renders one self-contained HTML brief per district
(``briefs``, ``brief_view``, ``spine``, ``svgplot``, ``plots``, ``fonts``, ``webfont``), a source view per report
(``sources``) and the index. Writes ``outputs/`` (briefs, sources, figures, tables, index.html, screenshots).
"""
