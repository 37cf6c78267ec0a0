"""Core: what every stage shares.

Takes nothing of its own: it defines where things live (``paths``), writes files atomically (``atomic``), names bad
input (``errors``), declares and checks the clean tables (``schemas``, ``tables``: the one contract between the stages)
and reads the rule tables of ``rules/`` (``catalog``: indicators, units, and the cue tables of the other stages).
"""
