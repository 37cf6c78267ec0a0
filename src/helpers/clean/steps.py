"""The cleaning steps as the notebooks call them: each reads raw or clean inputs, validates
and writes one clean table, and returns it with the problems it met (files skipped and why)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import figures, quality, reports, restatements, series, trends
from ..ingest import manifest, textio
from ..core import masking, tables
from ..core.paths import Paths


@dataclass
class StepResult:
    table: pd.DataFrame
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def report_skipped(self) -> str:
        if not self.skipped:
            return "no file skipped"
        return "\n".join(f"skipped {f}: {why}" for f, why in self.skipped)


PROBLEM_COLUMNS = ["file", "report_id", "severity", "problem"]


def build_reports(paths: Paths | None = None) -> StepResult:
    """reports.csv from every raw file. A file that cannot be read (empty, binary, undecodable, too
    large) is skipped and recorded in input_problems.csv as an error; a file with no health content
    as a notice. The run goes on; the main job reports them at the end."""
    paths = (paths or Paths()).ensure()
    skipped: list[tuple[str, str]] = []
    if paths.raw_writable:
        reports.write_empty_overrides(paths.overrides)
    files = manifest.report_files(paths.raw)
    df = reports.build(files, overrides=paths.overrides, on_error=lambda p, e: skipped.append((p.name, e.reason)),
                       masked_years=masking.read(paths.masked_years))
    tables.write("reports", df, paths)
    problems = [dict(file=f, report_id="", severity="error", problem=why) for f, why in skipped]
    for f, g in df.groupby("source_file", sort=True):
        if not g["in_scope"].any():
            problems.append(dict(file=f, report_id="", severity="notice",
                                 problem="no health or family-planning report in it: " + "; ".join(
                                     sorted(set(g["scope_reason"])))))
    if "bytes_replaced" in df.columns:
        for f, g in df[df["bytes_replaced"] > 0].groupby("source_file", sort=True):
            r = g.iloc[0]
            problems.append(dict(file=f, report_id="", severity="notice", problem=(
                f"damaged: {r.bytes_replaced} byte(s) could not be decoded ({r.encoding}) and were replaced by �; "
                "its reports are kept and figures next to the damage are flagged damaged")))
    dups = manifest.duplicate_files(paths.raw)
    for f, same in dups:
        problems.append(dict(file=f, report_id="", severity="notice",
                             problem=f"same bytes as {same}: its reports are marked duplicate_of and counted once"))
    tables.write("input_problems", pd.DataFrame(problems, columns=PROBLEM_COLUMNS), paths)
    return StepResult(df, skipped)


def build_figures(paths: Paths | None = None) -> StepResult:
    """figures.csv from reports.csv and the raw files; validated (schema + provenance) on write."""
    paths = (paths or Paths()).ensure()
    reps = tables.load_reports(paths)
    df = figures.build(paths.raw, reps, masking.read(paths.masked_years))
    tables.write("figures", df, paths, extra_check=lambda d: figures.check_provenance(d, paths.raw))
    # In-scope reports without a single figure: a notice (a prose-only report, or numbers removed upstream).
    prev = tables.load_optional(paths, "input_problems")
    prev = prev[~prev["problem"].str.startswith("no figures")] if prev is not None else pd.DataFrame(columns=PROBLEM_COLUMNS)
    empty = reps[reps["in_scope"] & ~reps["report_id"].isin(df["report_id"])]
    notes = [dict(file=r.source_file, report_id=r.report_id, severity="notice",
                  problem="no figures found in this health report (prose only, or its numbers were removed)")
             for r in empty.itertuples()]
    tables.write("input_problems", pd.concat([prev, pd.DataFrame(notes, columns=PROBLEM_COLUMNS)], ignore_index=True),
                 paths)
    return StepResult(df)


def load_texts(paths: Paths, reps: pd.DataFrame) -> dict[str, str]:
    """source_file -> decoded text for every file the reports table names (the figures' offsets point into it)."""
    return {s: textio.load_text(paths.raw / s) for s in sorted(reps["source_file"].unique())}


def build_quality(paths: Paths | None = None) -> StepResult:
    """quality.csv (one row per finding), report_quality.csv (per report: checks run, errors, warnings) and the
    same places over time: series.csv (one row per place, indicator and period; empty when no report's year
    is known) and trends.csv (per place and indicator: direction and verdict)."""
    paths = (paths or Paths()).ensure()
    reps = tables.load_reports(paths)
    figs = tables.load_figures(paths)
    masked = masking.read(paths.masked_years)
    mask_years = set().union(*(masked.get(s, ()) for s in reps["source_file"].unique()))
    df = quality.run_checks(figs, reps, load_texts(paths, reps), mask_years)
    ser, cands = series.build(figs, reps)
    df = restatements.add(df, restatements.check(cands), quality.CHECKS)  # across the reports of one place
    tables.write("series", ser, paths)
    tables.write("trends", trends.build(ser), paths)
    tables.write("quality", df, paths)
    tables.write("report_quality", restatements.checks_run(quality.summary(df, reps), cands), paths)
    return StepResult(df)


def clean_folder(paths: Paths, log=print) -> int:
    """Clean every raw file of ``paths.raw`` into ``paths.clean`` (reports, figures, quality, series, input
    problems) without running analysis or briefs and without writing into the raw folder. Returns
    an exit code: 0, 3 when a file could not be read (the others are cleaned), 2 on bad input that
    stops the cleaning (a missing folder, a bad overrides file)."""
    from ..core.errors import InputFileError, ValidationError

    if not paths.raw.is_dir():
        log(f"[clean] {paths.raw.name}: no such folder of raw files")
        return 2
    if not manifest.report_files(paths.raw):
        log(f"[clean] {paths.raw.name}: holds no raw report file")
        return 2
    paths.ensure()
    try:
        reps = build_reports(paths).table
        figs = build_figures(paths).table
        qual = build_quality(paths).table
    except (InputFileError, ValidationError) as e:
        log(f"[clean] stopped: {e}")
        return 2
    n_in = int(reps["in_scope"].sum()) if len(reps) else 0
    log(f"[clean] {reps['source_file'].nunique() if len(reps) else 0} file(s), {len(reps)} segment(s), "
        f"{n_in} in-scope report(s), {len(figs)} figure(s), {len(qual)} quality finding(s) -> {paths.clean}")
    if not n_in:
        log("[clean] nothing in scope: no file of the folder holds a health or family-planning report; "
            "the tables are written with no rows (input_problems.csv says why each file was left out)")
    return report_input_problems(paths, log)


def report_input_problems(paths: Paths, log=print) -> int:
    """Say at the end which raw files were skipped or gave nothing, and why. Returns 3 when a file
    could not be read (the run still completed for every other file), else 0."""
    probs = tables.load_optional(paths, "input_problems")
    if probs is None or probs.empty:
        return 0
    for r in probs.itertuples():
        what = f"{r.file}" + (f" ({r.report_id})" if r.report_id else "")
        log(f"[input] {'SKIPPED' if r.severity == 'error' else 'note'} {what}: {r.problem}")
    n_err = int((probs["severity"] == "error").sum())
    if n_err:
        log(f"[input] {n_err} raw file(s) could not be read and were skipped (see data/clean/input_problems.csv); "
            "everything else was processed. Exit code 3.")
        return 3
    return 0
