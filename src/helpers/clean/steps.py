"""The cleaning steps: each reads raw files or clean tables, validates and writes its clean tables, and returns
a :class:`StepResult` with the problems it met (files skipped and why).

Every step works file by file (or chunk of files by chunk) on an *executor*: the batch's worker processes (the
local pool or a Dask cluster, :mod:`helpers.publish.pool`, given by the caller) or, without one, this process. A
worker writes what one file gives to a part file in a scratch folder beside the tables; this process appends the
parts to the tables in the corpus's order as they come (validated chunk by chunk) and keeps only a row per report,
so memory does not grow with the corpus beyond what one file (or one chunk of files) needs, and the tables are the
same bytes whatever the workers' number or order. The steps that need the whole corpus read it back in chunks
(:mod:`helpers.clean.across`).
"""
from __future__ import annotations

import shutil
import uuid
from collections import Counter
from pathlib import Path

import pandas as pd

from . import across, figures, per_file, quality, reports, restatements, series
from ..ingest import manifest
from ..core import columnar, masking, tables
from ..core.errors import ValidationError
from ..core.paths import Paths

PROBLEM_COLUMNS = ["file", "report_id", "severity", "problem"]
#: A worker's chunk of raw files: about this many bytes, at most this many files.
TASK_BYTES, FILES_PER_TASK = 4_000_000, 200
#: How the errors of the figures and quality steps begin in input_problems.csv (each step replaces its own).
FIGURES_FAILED, QUALITY_FAILED = "figures: ", "quality checks: "


class StepResult:
    """What a step wrote: the table's name, its rows, the files skipped (file, reason). ``table`` is the whole table
    (read from disk the first time it is asked for: for small folders and tests)."""

    def __init__(self, name: str, paths: Paths, table: pd.DataFrame | None = None,
                 skipped: list[tuple[str, str]] | None = None, rows: int | None = None):
        self.name, self.paths, self._table = name, paths, table
        self.skipped = skipped or []
        self.rows = len(table) if table is not None else rows

    @property
    def table(self) -> pd.DataFrame:
        if self._table is None:
            self._table = tables.load(self.paths, self.name)
        return self._table

    def report_skipped(self) -> str:
        if not self.skipped:
            return "no file skipped"
        return "\n".join(f"skipped {f}: {why}" for f, why in self.skipped)


class Serial:
    """The executor of a step without workers: every unit in this process, one after another."""

    def run(self, fn, items):
        for it in items:
            try:
                yield it, fn(it), None
            except Exception as e:  # noqa: BLE001
                yield it, None, e


def _in_order(executor, fn, jobs: list[dict]):
    """(job, result) in the jobs' order, each as soon as it and every job before it are done."""
    done, nxt = {}, 0
    for job, res, err in (executor or Serial()).run(fn, jobs):
        done[job["i"]] = res if err is None else dict(error=f"the worker failed ({type(err).__name__}: {err})",
                                                      invalid=None, file=job.get("file", ""))
        while nxt in done:
            yield jobs[nxt], done.pop(nxt)
            nxt += 1


class Scratch:
    """A folder beside the clean tables for one step's part files (workers on a cluster see it as the tables'
    folder is shared), removed when the step ends."""

    def __init__(self, paths: Paths):
        self.dir = paths.clean / f".work-{uuid.uuid4().hex[:12]}"

    def __enter__(self) -> Path:
        self.dir.mkdir(parents=True, exist_ok=False)
        return self.dir

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def build_reports(paths: Paths | None = None, executor=None) -> StepResult:
    """reports.csv from every raw file. A file that cannot be read (empty, binary, undecodable, too
    large) is skipped and recorded in input_problems.csv as an error; a file with no health content
    as a notice. The run goes on; the main job reports them at the end."""
    paths = (paths or Paths()).ensure()
    if paths.raw_writable:
        reports.write_empty_overrides(paths.overrides)
    reports.read_overrides(paths.overrides)  # a bad overrides file stops the step before any file is read
    masked = masking.read(paths.masked_years)
    jobs = [dict(i=i, file=p.name, path=str(p), mask=sorted(masked.get(p.name, ())))
            for i, p in enumerate(manifest.report_files(paths.raw))]
    rows, keys, starts, skipped = [], [], [], []
    for job, res in _in_order(executor, per_file.reports_of, jobs):
        if res["error"]:
            skipped.append((job["file"], res["error"]))
            continue
        rows += res["rows"]
        keys += res["keys"]
        starts += res["starts"]
    df = reports.finish(rows, keys, starts, paths.overrides)
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
    return StepResult("reports", paths, df, skipped)


def _problems(paths: Paths, drop) -> pd.DataFrame:
    prev = tables.load_optional(paths, "input_problems")
    return prev[~drop(prev)] if prev is not None else pd.DataFrame(columns=PROBLEM_COLUMNS)


def _errors(failed: list[tuple[str, str]], prefix: str) -> pd.DataFrame:
    return pd.DataFrame([dict(file=f, report_id="", severity="error", problem=prefix + why) for f, why in failed],
                        columns=PROBLEM_COLUMNS)


def chunks_of_files(paths: Paths, files: list[str]) -> list[list[str]]:
    """Files in consecutive chunks of about :data:`TASK_BYTES` of raw bytes (at most :data:`FILES_PER_TASK`): a
    worker's unit of work, large enough that a chunk's fixed costs (validating it, starting its checks) are small,
    small enough that its memory is that of a few files."""
    out, size = [], 0
    for f in files:
        n = (paths.raw / f).stat().st_size if (paths.raw / f).exists() else 0
        if not out or size + n > TASK_BYTES or len(out[-1]) >= FILES_PER_TASK:
            out.append([])
            size = 0
        out[-1].append(f)
        size += n
    return out


def build_figures(paths: Paths | None = None, executor=None) -> StepResult:
    """figures.csv from reports.csv and the raw files, chunk of files by chunk, each chunk validated (schema and
    provenance) on its own and appended in the files' order."""
    paths = (paths or Paths()).ensure()
    reps = tables.load_reports(paths)
    masked = masking.read(paths.masked_years)
    inscope = reps[reps["in_scope"]]
    by_file = {f: list(g.sort_values("start")[per_file.FIGURE_REPORT_COLUMNS].itertuples(index=False, name=None))
               for f, g in inscope.groupby("source_file", sort=True)}  # a few tuples a file: jobs stay small
    w = tables.TableWriter("figures", paths)
    with_figures, failed, invalid = dict.fromkeys(inscope["report_id"], False), [], []
    with Scratch(paths) as scratch:
        jobs = [dict(i=i, out=str(scratch / f"{i:06d}"), files=[
            dict(file=f, path=str(paths.raw / f), reps=by_file[f], mask=sorted(masked.get(f, ()))) for f in fs])
            for i, fs in enumerate(chunks_of_files(paths, list(by_file)))]
        try:
            for job, res in _in_order(executor, per_file.figures_of, jobs):
                if "files" not in res:  # the worker died: every file of the chunk failed
                    failed += [(f["file"], res["error"]) for f in job["files"]]
                    continue
                for f, r in res["files"].items():
                    if r["error"]:
                        failed.append((f, r["error"]))
                    else:
                        with_figures.update(dict.fromkeys(r["with_figures"], True))
                if res["invalid"]:
                    invalid.append(res["invalid"])
                elif not invalid:
                    part = Path(job["out"])
                    w.append_rendered(part.with_suffix(".csv").read_text(encoding="utf-8"),
                                      per_file.read_arrow(part.with_suffix(".arrow")))
                    part.with_suffix(".csv").unlink()
                    part.with_suffix(".arrow").unlink()
                    per_file.release()
            if invalid:
                raise ValidationError("figures", invalid[0].removeprefix("figures: "))
            w.close(figures.COLUMNS)
        except BaseException:
            w.abort()
            raise
    # In-scope reports without a single figure: a notice (a prose-only report, or numbers removed upstream).
    prev = _problems(paths, lambda p: p["problem"].str.startswith("no figures")
                     | p["problem"].str.startswith(FIGURES_FAILED))
    bad = {f for f, _ in failed}
    empty = inscope[~inscope["report_id"].map(with_figures) & ~inscope["source_file"].isin(bad)]
    notes = [dict(file=r.source_file, report_id=r.report_id, severity="notice",
                  problem="no figures found in this health report (prose only, or its numbers were removed)")
             for r in empty.itertuples()]
    tables.write("input_problems", pd.concat([prev, pd.DataFrame(notes, columns=PROBLEM_COLUMNS),
                                              _errors(failed, FIGURES_FAILED)], ignore_index=True), paths)
    return StepResult("figures", paths, skipped=failed, rows=w.rows)


def quality_tasks(copy: Path, files: list[str]) -> list[tuple[list[int], list[str]]]:
    """The quality step's chunks: (row groups of the figures' Parquet copy, the files whose figures they hold),
    row groups that share a file merged; files without figures in chunks of their own."""
    import bisect

    runs: list[list] = []  # [lo, hi, groups]
    for i, lo, hi, _n in sorted(columnar.row_groups(copy, "source_file"), key=lambda g: (g[1], g[2])):
        if runs and lo <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], hi)
            runs[-1][2].append(i)
        else:
            runs.append([lo, hi, [i]])
    los = [r[0] for r in runs]
    tasks: list[tuple[list[int], list[str]]] = [(sorted(r[2]), []) for r in runs]
    alone: list[str] = []
    for f in files:
        k = bisect.bisect_right(los, f) - 1
        if k >= 0 and f <= runs[k][1]:
            tasks[k][1].append(f)
        else:
            alone.append(f)
    tasks = [t for t in tasks if t[1]]
    tasks += [([], alone[a:a + FILES_PER_TASK]) for a in range(0, len(alone), FILES_PER_TASK)]
    return tasks


def build_quality(paths: Paths | None = None, executor=None, bucket_rows: int | None = None) -> StepResult:
    """quality.csv (one row per finding), report_quality.csv (per report: checks run, errors, warnings) and the
    same places over time: series.csv (one row per place, indicator and period; empty when no report's year
    is known) and trends.csv (per place and indicator: direction and verdict). The checks of a report run on the
    workers, chunk of files by chunk (the figures read from the row groups that hold them); the checks across
    reports of one place run range of places by range (:mod:`helpers.clean.across`)."""
    paths = (paths or Paths()).ensure()
    reps = tables.load_reports(paths)
    masked = masking.read(paths.masked_years)
    mask_years = set().union(*(masked.get(s, ()) for s in reps["source_file"].unique()))
    files = sorted(reps.loc[reps["in_scope"], "source_file"].unique())
    copy = tables.parquet_copy(paths, "figures")
    tasks = quality_tasks(copy, files)
    # One entry per report, made before any chunk runs (what is kept meanwhile stays compact, not strewn among each
    # chunk's leftovers): its chunk, whether it gives series values, and its place in the series.
    inscope = reps[reps["in_scope"]]
    task_of = {f: i for i, (_g, fs) in enumerate(tasks) for f in fs}
    owner = {rid: task_of[f] for rid, f in zip(inscope["report_id"], inscope["source_file"])}
    in_series = dict.fromkeys(owner, False)
    place = {r.report_id: (r.province, r.county, "" if r.county else r.city)
             for r in inscope.itertuples()} if {"province", "county", "city"} <= set(reps.columns) else {}
    counts, failed = Counter(dict.fromkeys(set(place.values()), 0)), []
    with Scratch(paths) as scratch:
        jobs = [dict(i=i, figures=str(copy), groups=groups, files=fs, raw=str(paths.raw),
                     reps=reps[reps["source_file"].isin(fs)], mask_years=sorted(mask_years), out=str(scratch / f"{i:06d}"))
                for i, (groups, fs) in enumerate(tasks)]
        parts = []
        for job, res in _in_order(executor, per_file.quality_of, jobs):
            if "cands" not in res:  # the worker died: every file of the chunk failed
                failed += [(f, res["error"]) for f in job["files"]]
                continue
            failed += res["errors"]
            for rid, n in res["cands"].items():
                in_series[rid] = True
                counts[place[rid]] += n
            parts.append(Path(job["out"]).with_suffix(".cands"))
        across.series_and_trends(paths, scratch, parts, +counts, owner, bucket_rows or across.BUCKET_ROWS)
        per_report = across.write_quality(paths, scratch, owner)
    cand_ids = [rid for rid, yes in in_series.items() if yes]
    summary = quality.summary_of_counts(per_report, reps)
    tables.write("report_quality", restatements.checks_run(summary, pd.DataFrame({"report_id": sorted(cand_ids)})),
                 paths)
    prev = _problems(paths, lambda p: p["problem"].str.startswith(QUALITY_FAILED))
    before = tables.load_optional(paths, "input_problems", ["file"])
    if failed or (before is not None and len(prev) < len(before)):
        tables.write("input_problems", pd.concat([prev, _errors(failed, QUALITY_FAILED)], ignore_index=True), paths)
    return StepResult("quality", paths, skipped=failed, rows=sum(sum(c.values()) for c in per_report.values()))


def clean_all(paths: Paths | None = None, executor=None) -> tuple[StepResult, StepResult, StepResult]:
    """The three steps, one after another (each on the executor's workers)."""
    return build_reports(paths, executor), build_figures(paths, executor), build_quality(paths, executor)


def clean_folder(paths: Paths, log=print, executor=None) -> int:
    """Clean every raw file of ``paths.raw`` into ``paths.clean`` (reports, figures, quality, series, input
    problems) without running analysis or briefs and without writing into the raw folder. Returns
    an exit code: 0, 3 when a file could not be read (the others are cleaned), 2 on bad input that
    stops the cleaning (a missing folder, a bad overrides file)."""
    from ..core.errors import InputFileError

    if not paths.raw.is_dir():
        log(f"[clean] {paths.raw.name}: no such folder of raw files")
        return 2
    if not manifest.report_files(paths.raw):
        log(f"[clean] {paths.raw.name}: holds no raw report file")
        return 2
    paths.ensure()
    try:
        r, f, q = clean_all(paths, executor)
    except (InputFileError, ValidationError) as e:
        log(f"[clean] stopped: {e}")
        return 2
    reps = r.table
    n_in = int(reps["in_scope"].sum()) if len(reps) else 0
    log(f"[clean] {reps['source_file'].nunique() if len(reps) else 0} file(s), {len(reps)} segment(s), "
        f"{n_in} in-scope report(s), {f.rows} figure(s), {q.rows} quality finding(s) -> {paths.clean}")
    if not n_in:
        log("[clean] nothing in scope: no file of the folder holds a health or family-planning report; "
            "the tables are written with no rows (input_problems.csv says why each file was left out)")
    return report_input_problems(paths, log)


def cleaned(paths: Paths | None = None, name: str = "reports") -> StepResult:
    """What the cleaning wrote (the notebooks show it): the table ``name`` and the files that were skipped."""
    paths = paths or Paths()
    probs = tables.load_optional(paths, "input_problems")
    skipped = [] if probs is None else [(r.file, r.problem) for r in probs[probs["severity"] == "error"].itertuples()]
    return StepResult(name, paths, skipped=skipped)


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
