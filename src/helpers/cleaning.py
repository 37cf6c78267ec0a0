"""The cleaning steps as the notebooks call them: each reads raw or clean inputs, validates
and writes one clean table, and returns it with the problems it met (files skipped and why)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import figures, manifest, quality, reports, tables, textio
from .paths import Paths


@dataclass
class StepResult:
    table: pd.DataFrame
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def report_skipped(self) -> str:
        if not self.skipped:
            return "no file skipped"
        return "\n".join(f"skipped {f}: {why}" for f, why in self.skipped)


def build_reports(paths: Paths | None = None) -> StepResult:
    paths = (paths or Paths()).ensure()
    skipped: list[tuple[str, str]] = []
    reports.write_empty_overrides(paths.overrides)
    df = reports.build(manifest.report_files(paths.raw), overrides=paths.overrides,
                       on_error=lambda p, e: skipped.append((p.name, e.reason)))
    tables.write("reports", df, paths)
    return StepResult(df, skipped)


def build_figures(paths: Paths | None = None) -> StepResult:
    """figures.csv from reports.csv and the raw files; validated (schema + provenance) on write."""
    paths = (paths or Paths()).ensure()
    reps = tables.load_reports(paths)
    df = figures.build(paths.raw, reps)
    tables.write("figures", df, paths, extra_check=lambda d: figures.check_provenance(d, paths.raw))
    return StepResult(df)


def load_texts(paths: Paths, reps: pd.DataFrame) -> dict[str, str]:
    """source_file -> decoded text for every file the reports table names (the figures' offsets point into it)."""
    return {s: textio.load_text(paths.raw / s) for s in sorted(reps["source_file"].unique())}


def build_quality(paths: Paths | None = None) -> StepResult:
    """quality.csv (one row per finding) and report_quality.csv (per report: checks run, errors, warnings)."""
    paths = (paths or Paths()).ensure()
    reps = tables.load_reports(paths)
    figs = tables.load_figures(paths)
    df = quality.run_checks(figs, reps, load_texts(paths, reps))
    tables.write("quality", df, paths)
    tables.write("report_quality", quality.summary(df, reps), paths)
    return StepResult(df)
