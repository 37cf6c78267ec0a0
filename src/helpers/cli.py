"""Command line: ``python -m helpers.cli run|briefs|manifest`` (also installed as ``healthreports``)."""
from __future__ import annotations

import argparse
import sys

from .paths import Paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="healthreports", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="main job: cleaning -> analysis -> briefs")
    r.add_argument("--workers", type=int, default=None, help="brief worker processes (default: number of cores)")
    b = sub.add_parser("briefs", help="render the district briefs from data/clean")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: number of cores)")
    b.add_argument("--only", nargs="*", default=None, metavar="REPORT_ID", help="render only these report ids")
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    sub.add_parser("manifest", help="verify data/raw against its manifest and add new files")
    a = ap.parse_args(argv)
    paths = Paths()
    if a.cmd == "run":
        from .pipeline import run_all

        return run_all(paths, workers=a.workers)
    if a.cmd == "briefs":
        from .briefs import run_batch

        return run_batch(paths, workers=a.workers, only=a.only, progress=not a.no_progress)
    if a.cmd == "manifest":
        from .pipeline import verify_raw

        return 0 if verify_raw(paths) else 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
