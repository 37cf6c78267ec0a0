"""Publish: comparisons → what readers see.

Takes the clean tables and the comparisons (``compare``). Gives executed notebooks (``notebook_runner``), one HTML
brief per district (``briefs``, ``brief_inputs``, ``brief_view``, ``spine``, ``svgplot``, ``plots``, ``webfont``) and
a source view per report (``sources``). Writes ``outputs/``: briefs, sources, analysis, figures, tables, the index.
"""
