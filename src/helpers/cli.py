"""Command line: ``python -m helpers.cli run|clean|briefs|manifest`` (also installed as ``healthreports``)."""
from __future__ import annotations

import argparse
import sys

from .core.paths import Paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="healthreports", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="main job: cleaning -> analysis -> briefs")
    r.add_argument("--no-briefs", action="store_true", help="stop after the cleaning and analysis notebooks")
    b = sub.add_parser("briefs", help="render the district briefs from data/clean")
    b.add_argument("--only", nargs="*", default=None, metavar="REPORT_ID", help="render only these report ids")
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    for p_ in (r, b):  # how briefs are rendered, by the main job or alone
        p_.add_argument("--force", action="store_true", help="render every brief, even those whose inputs are unchanged")
    c = sub.add_parser("clean", help="clean a folder of raw files into tables in another folder (no analysis, no briefs)",
                       description="Clean every raw file of RAW_DIR into OUT_DIR/reports.csv, figures.csv, quality.csv, "
                                   "report_quality.csv, series.csv, trends.csv and input_problems.csv. RAW_DIR is only read; a "
                                   "reports_overrides.csv in it is applied.")
    c.add_argument("raw_dir", metavar="RAW_DIR", help="folder of raw report files (read only)")
    c.add_argument("--out", required=True, metavar="OUT_DIR", help="folder for the clean tables (created)")
    for p_ in (r, b, c):  # where the work runs: local worker processes or a Dask cluster
        p_.add_argument("--workers", type=int, default=None, help="worker processes (default: number of cores)")
        p_.add_argument("--executor", choices=["local", "dask"], default="local",
                        help="where cleaning and briefs run: local worker processes (default) or a Dask cluster")
        p_.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="with --executor dask: an existing scheduler (tcp://host:8786); default a local cluster")
    sub.add_parser("manifest", help="verify data/raw against its manifest and add new files")
    a = ap.parse_args(argv)
    if a.cmd == "clean":
        from pathlib import Path

        from .clean.steps import clean_folder

        if Path(a.out).resolve() == Path(a.raw_dir).resolve():
            print("[clean] --out must be another folder than RAW_DIR: raw files are never written over")
            return 2
        from .pipeline import make_executor

        ex = make_executor(a.executor, a.workers, a.scheduler, print, "clean")
        try:
            return clean_folder(Paths(raw=a.raw_dir, clean=a.out), executor=ex)
        except KeyboardInterrupt:
            ex.stop()
            raise
        finally:
            ex.close()
    paths = Paths()
    if a.cmd == "run":
        from .pipeline import run_all

        return run_all(paths, workers=a.workers, briefs_too=not a.no_briefs, force=a.force, executor=a.executor,
                       scheduler=a.scheduler)
    if a.cmd == "briefs":
        from .publish.briefs import run_batch

        return run_batch(paths, workers=a.workers, only=a.only, progress=not a.no_progress, force=a.force,
                         executor=a.executor, scheduler=a.scheduler)
    if a.cmd == "manifest":
        from .pipeline import verify_raw

        return 0 if verify_raw(paths) else 2
    return 2


def entry() -> int:
    """The command line, with Ctrl-C a one-line message and exit code 130, never a traceback."""
    try:
        return main()
    except KeyboardInterrupt:
        print("interrupted: stopped cleanly; run the same command again to go on (briefs already rendered are kept)")
        return 130


if __name__ == "__main__":
    sys.exit(entry())
