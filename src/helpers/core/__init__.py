"""Core: what every stage shares.

Takes nothing of its own. Gives paths (``paths``), atomic writes (``atomic``), errors that name the file (``errors``),
the rule tables of ``rules/`` (``catalog``: indicators, units, cue words) and the clean tables' contract
(``schemas``, ``tables``): every clean table is validated there when a stage writes it (whole or chunk by chunk),
and written as CSV with a Parquet copy beside it (``columnar``), which the readers prefer while it is consistent.
"""
