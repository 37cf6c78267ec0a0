"""Helpers for the health work-report comparison suite, one subpackage per stage, in the order the data flows:

- ``ingest``: raw files → text (decoding, containers) and their origin record (manifest);
- ``clean``: text → reports (segments, place, period, kind) → figures (unit, value, role, indicator) → quality;
- ``compare``: clean tables → comparison groups, rankings, standings, targets met, changes; the explore API;
- ``publish``: comparisons → notebooks run by papermill, HTML briefs, source views, plots, the index;
- ``core``: what every stage shares: paths, atomic writes, errors, the clean tables' schemas and readers, the catalog.

The rule tables the stages read (indicator catalog, units, role cues, exclusions, qualifier words, comparability)
are CSV files in ``rules/``. ``cli`` and ``pipeline`` run the stages.

Notebooks keep short imports: ``from helpers import compare, explore, plots``. Each short name below is the module
of its stage, imported when first used.
"""
from __future__ import annotations

import importlib

#: short name -> module, for notebooks and analysts (``from helpers import explore``)
SHORT_NAMES = {
    "paths": "helpers.core.paths", "tables": "helpers.core.tables", "catalog": "helpers.core.catalog",
    "schemas": "helpers.core.schemas", "errors": "helpers.core.errors",
    "textio": "helpers.ingest.textio", "manifest": "helpers.ingest.manifest",
    "cleaning": "helpers.clean.steps", "quality": "helpers.clean.quality", "places": "helpers.clean.places",
    "explore": "helpers.compare.explore",
    "plots": "helpers.publish.plots", "brief_inputs": "helpers.publish.brief_inputs",
    "brief_view": "helpers.publish.brief_view", "notebook_runner": "helpers.publish.notebook_runner",
    "pages": "helpers.publish.pages", "rug": "helpers.publish.rug",
}
__all__ = sorted([*SHORT_NAMES, "compare", "clean", "core", "ingest", "publish", "cli", "pipeline"])


def __getattr__(name: str):
    if name in SHORT_NAMES:
        module = importlib.import_module(SHORT_NAMES[name])
        globals()[name] = module
        return module
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
