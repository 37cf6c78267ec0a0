"""Source-view benchmark: the source views of ONE made-up raw file of N reports (a yearbook-sized anthology).

    python scripts/bench_sources.py [N] [--seed S] [--keep DIR]

The file: the reports of the shipped files one after another (``篇k`` marker lines between them), each copy with a
real county of the gazetteer put in place of the places it names and every number scaled by a factor of its own
(the made-up report generator of ``scripts/bench_scale.py``), until there are N reports. It is cleaned in a scratch
root (never in data/raw/); then a fresh process renders the file's source views exactly as a worker of the brief
batch does (the job pickled, as the pool sends it) and the script prints that process's peak resident memory
(its own high-water mark, ``VmHWM``; see :func:`_hwm_mb` on ``ru_maxrss``), its CPU time (``time.process_time``) and wall time, the pages' total size and the largest page.
Prints figures; asserts nothing (no timed test).
"""
from __future__ import annotations

import argparse
import json
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

NAME = "anthology.txt"


def made_up_reports(seed: int = 7):
    """An endless stream of made-up report texts: each shipped report (the text from the end of the one before),
    its places replaced by a random county, city and province of the gazetteer, its numbers scaled."""
    from bench_scale import _scale, relocate

    from helpers.clean import gazetteer, steps as cleaning
    from helpers.core.paths import Paths
    from helpers.ingest import manifest

    src = Paths(tempfile.mkdtemp(prefix="bench-src-"), raw=ROOT / "data" / "raw",
                clean=Path(tempfile.mkdtemp(prefix="bench-src-clean-")))
    reps = cleaning.build_reports(src).table
    g = gazetteer.load()
    counties = sorted(g.counties.values(), key=lambda d: d.code)
    rng = random.Random(seed)
    chunks = []
    for f in manifest.report_files(ROOT / "data" / "raw"):
        text = f.read_text(encoding="utf-8")
        mine = reps[reps["source_file"] == f.name].sort_values("start")
        lo = 0
        for k, rep in enumerate(mine.itertuples()):
            hi = len(text) if k == len(mine) - 1 else int(rep.end)
            chunks.append((text[lo:hi].strip("\n"), rep))
            lo = hi
    while True:
        for chunk, rep in chunks:
            yield _scale(relocate(chunk, rep, g, counties, rng), rng.uniform(0.7, 1.4))


def make_project(root: Path, n: int, seed: int) -> int:
    """A scratch project with one raw file of about ``n`` reports, cleaned; returns its bytes."""
    from helpers.clean import steps as cleaning
    from helpers.core.paths import Paths
    from helpers.ingest import manifest

    (root / "data" / "raw").mkdir(parents=True)
    (root / "data" / "clean").mkdir()
    (root / "outputs").mkdir()
    parts = []
    for k, text in zip(range(1, n + 1), made_up_reports(seed)):
        parts.append(f"篇{k}\n{text}\n")
    raw = root / "data" / "raw" / NAME
    raw.write_text("".join(parts), encoding="utf-8")
    paths = Paths(root)
    manifest.update(paths.raw, paths.manifest)
    cleaning.build_reports(paths)
    cleaning.build_figures(paths)
    cleaning.build_quality(paths)
    return raw.stat().st_size


def _hwm_mb() -> float:
    """This process's own peak resident memory (``VmHWM``). ``ru_maxrss`` of a process started by a large one is
    at least the parent's resident size at the start (Linux keeps the old image's high-water mark across exec),
    so on Linux the script reads VmHWM; elsewhere ru_maxrss."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def render(job_file: Path) -> None:
    """In a fresh process: render the pickled job as a batch worker does, print the figures as JSON."""
    from helpers.publish import sources

    t0, c0 = time.perf_counter(), time.process_time()
    job = pickle.loads(job_file.read_bytes())
    loaded = _hwm_mb()
    written = sources.write_file_views(*job)
    print(json.dumps({"pages": len(written), "peak_mb": _hwm_mb(), "loaded_mb": loaded,
                      "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "cpu_s": time.process_time() - c0, "wall_s": time.perf_counter() - t0}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=724, help="reports in the raw file (default 724)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="scratch root to keep (default: a temporary folder)")
    ap.add_argument("--render", type=Path, default=None, help=argparse.SUPPRESS)  # the child process
    a = ap.parse_args()
    if a.render:
        return render(a.render)
    from helpers.core import tables
    from helpers.core.paths import Paths
    from helpers.publish import sources

    root = a.keep or Path(tempfile.mkdtemp(prefix="bench-sources-"))
    if root.exists() and any(root.iterdir()):
        raise SystemExit(f"{root} is not empty")
    t = time.perf_counter()
    size = make_project(root, a.n, a.seed)
    paths = Paths(root)
    reps = tables.load_reports(paths)
    print(f"raw file: {size / 1e6:.1f} MB, {len(reps)} reports ({int(reps['in_scope'].sum())} in scope), "
          f"{len(tables.load_figures(paths))} figures (made and cleaned in {time.perf_counter() - t:.0f} s)")
    (job,) = sources.file_jobs(paths, briefs=set(reps.loc[reps["in_scope"], "report_id"]))
    job_file = root / "job.pkl"
    job_file.write_bytes(pickle.dumps(job, protocol=5))
    out = subprocess.run([sys.executable, __file__, "--render", str(job_file)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    out = root / "outputs" / "sources"
    pages = sorted(out.glob("*.html"), key=lambda p: p.stat().st_size)  # the views (the file's index is in files/)
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    shared = {p.suffix: p.stat().st_size for p in (out / "files").glob("*")} if (out / "files").is_dir() else {}
    print(f"source views: {r['pages']} views written, {total / 1e6:.1f} MB in all; largest view "
          f"{pages[-1].stat().st_size / 1e3:.0f} KB ({pages[-1].name}), median "
          f"{pages[len(pages) // 2].stat().st_size / 1e3:.0f} KB"
          + (f"; the file's index page {shared.get('.html', 0) / 1e3:.0f} KB, its font stylesheet "
             f"{shared.get('.css', 0) / 1e3:.0f} KB" if shared else ""))
    print(f"rendering process: peak {r['peak_mb']:.0f} MB ({r['loaded_mb']:.0f} MB with the job loaded; its "
          f"ru_maxrss {r['ru_maxrss_mb']:.0f} MB counts the parent's size at the start), "
          f"{r['cpu_s']:.1f} s CPU, {r['wall_s']:.1f} s wall")
    print(f"scratch root: {root}" if a.keep else "")


if __name__ == "__main__":
    main()
