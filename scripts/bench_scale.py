"""Scale benchmark: the main job's stages on a corpus of about N in-scope reports made from the shipped files.

    python scripts/bench_scale.py [N] [--workers W] [--keep DIR] [--skip-briefs | --briefs SAMPLE]

The corpus: copies of the shipped raw files, each with a real county of the gazetteer (and its city and
province) put in place of the places it names, and every number scaled by a factor of its own (percentages
kept at or below 100, years untouched), so no two files are duplicates. The main job's stages run on it in a
scratch root — never in data/raw/ — each in a process of its own, as the main job runs them: cleaning (the raw
files' manifest, the cleaning on the workers, the cleaning notebooks), analysis (the analysis notebooks side by
side), briefs (inputs, source views, briefs, index). Per stage the script prints the wall time and CPU time, and
the peak resident memory of the stage's main process and of its largest process, workers and kernels included:
each stage is started by a small measuring process that adopts every orphan of the stage (a child subreaper) and
waits for all of them, so ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the largest process of the stage. Then the
size of data/clean as CSV and as Parquet, and the time (and memory) to read each clean table from either, each in
a fresh process. With ``--briefs SAMPLE`` the briefs stage is replaced by a random sample of SAMPLE in-scope reports' briefs,
rendered in a stage of its own as the batch renders them (their inputs, then the briefs on the workers; no source
view and no index, which cost per raw file), and the script prints the seconds a brief of the sample took (compare
``300 --briefs 300`` with ``30000 --briefs 300``). Prints figures; asserts nothing (no timed test).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import json
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers.clean import steps as cleaning, gazetteer  # noqa: E402
from helpers.core.paths import Paths  # noqa: E402
from helpers.ingest import manifest  # noqa: E402

NUMBER = re.compile(r"(?<![\dA-Za-z.])(\d+(?:\.\d+)?)(?![\d年月日号])(\s*[%‰])?")


def _scale(text: str, factor: float) -> str:
    def sub(m: re.Match) -> str:
        num, unit = m.group(1), m.group(2) or ""
        if re.fullmatch(r"(?:19|20)\d\d", num):
            return m.group(0)
        v = float(num) * factor
        if unit.strip() in ("%", "‰"):
            v = min(v, 100.0)
        dec = len(num.split(".")[1]) if "." in num else 0
        return f"{v:.{dec}f}{unit}"
    return NUMBER.sub(sub, text)


def relocate(text: str, rep, g, counties: list, rng: random.Random) -> str:
    """``text`` with a county drawn from ``counties`` (and its city and province, from the gazetteer ``g``) in place
    of the county, city and province that the report row ``rep`` names."""
    new = rng.choice(counties)
    city = g.cities.get(new.city)
    prov = g.provinces.get(new.province)
    for old, repl in ((rep.county, new.name), (rep.city, city.name if city else new.name),
                      (rep.province, prov.name if prov else "")):
        if old and repl:
            text = text.replace(old, repl)
    return text


def make_corpus(raw_out: Path, n_reports: int, seed: int = 7) -> tuple[int, int]:
    """Write about ``n_reports`` in-scope reports' worth of files into ``raw_out``; returns (files, bytes)."""
    src = Paths(tempfile.mkdtemp(prefix="bench-src-"), raw=ROOT / "data" / "raw",
                clean=Path(tempfile.mkdtemp(prefix="bench-src-clean-")))
    reps = cleaning.build_reports(src).table
    per_file = {f: g for f, g in reps.groupby("source_file")}
    g = gazetteer.load()
    counties = sorted(g.counties.values(), key=lambda d: d.code)
    rng = random.Random(seed)
    files = manifest.report_files(ROOT / "data" / "raw")
    in_scope = {f.name: int(per_file[f.name]["in_scope"].sum()) if f.name in per_file else 0 for f in files}
    raw_out.mkdir(parents=True, exist_ok=True)
    made = size = k = 0
    while made < n_reports:
        f = files[k % len(files)]
        k += 1
        if not in_scope.get(f.name):
            continue
        text = f.read_text(encoding="utf-8")
        for rep in per_file[f.name].itertuples():
            text = relocate(text, rep, g, counties, rng)
        text = _scale(text, rng.uniform(0.7, 1.4))
        name = f"{k:05d}_{f.stem}.txt"
        (raw_out / name).write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        made += in_scope[f.name]
    return k, size


def _size(p: Path) -> int:
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.exists() else 0


STAGES = ("cleaning", "analysis", "briefs")

STAGE_CODE = r"""
import json, os, resource, sys, time
from helpers.core.paths import Paths
from helpers import pipeline
stage, workers = sys.argv[1], int(sys.argv[2]) or None
paths = Paths().ensure()
log = open(paths.root / f"bench-{stage}.log", "w", encoding="utf-8")
say = lambda m: print(m, file=log, flush=True)
t, code, parts = time.perf_counter(), 0, {}
if stage == "cleaning":
    ok = pipeline.verify_raw(paths, say) and pipeline.clean_stage(paths, workers, log=say)
    parts["tables"] = time.perf_counter() - t
    res = pipeline.run_stage(paths, "1", "clean", say) if ok else []
    code = 0 if ok and res and res[-1].ok else 1
elif stage == "analysis":
    res = pipeline.run_side_by_side(paths, "2", "analysis", workers, say)
    code = 0 if res and all(r.ok for r in res) else 1
elif stage == "sample":  # a random sample of briefs, rendered as the batch renders them
    import random
    from helpers import compare
    from helpers.publish import brief_inputs, briefs, pool
    def hwm_mb() -> float:  # this process's peak so far (Linux; elsewhere 0)
        try:
            return int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
        except (OSError, IndexError):
            return 0.0
    data = compare.load(paths)
    parts["peak after the tables, MB"] = hwm_mb()
    ids = [t.report_id for t in briefs.targets(paths, reports=data.reports)]
    n, workers = int(os.environ["BENCH_SAMPLE"]), workers or os.cpu_count() or 1
    tasks = briefs.targets(paths, sorted(random.Random(7).sample(ids, min(n, len(ids)))), data.reports)
    t0 = time.perf_counter()
    keys = brief_inputs.write_all(paths, data, [t.report_id for t in tasks])
    parts["inputs"] = time.perf_counter() - t0
    parts["peak after the inputs, MB"] = hwm_mb()
    for task in tasks:
        task.key = keys[task.report_id]
    if workers > 1:
        pool.ensure_forkserver()
    ex = pool.Executor("local", workers, None, say, root=paths.root)
    t1 = time.perf_counter()
    done = [r for _, r, err in ex.run(briefs.render_one, tasks) if err is None and r.ok]
    ex.close()
    parts["briefs"] = time.perf_counter() - t1
    parts["a brief"] = parts["briefs"] / max(1, len(done))
    parts["a brief in its worker"] = sum(r.seconds for r in done) / max(1, len(done))
    say(f"[sample] {len(done)} of a sample of {len(tasks)} briefs of {len(ids)} rendered on {workers} worker(s)")
    code = 0 if len(done) == len(tasks) else 1
else:
    from helpers.publish import briefs
    code = briefs.run_batch(paths, workers=workers, log=say, progress=False)
print(json.dumps(dict(code=code, seconds=time.perf_counter() - t, parts=parts,
                      main_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
"""


def measured(cmd: list[str], env: dict, cwd: Path) -> dict:
    """Run ``cmd`` as a child of this process, made a child subreaper first: every process the command leaves
    behind (a fork server, its workers) is adopted and waited for here, so RUSAGE_CHILDREN's ru_maxrss is the
    largest process of the command's whole tree. (Linux; elsewhere the orphans are not counted.)"""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass
    t, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    while True:  # the adopted orphans
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else dict(code=proc.returncode)
    out.update(wall=time.perf_counter() - t, cpu=ru.ru_utime + ru.ru_stime - cpu.ru_utime - cpu.ru_stime,
               largest_mb=ru.ru_maxrss / 1024, stderr=proc.stderr[-2000:])
    return out


def run_stage_measured(stage: str, root: Path, workers: int | None, sample: int = 0) -> dict:
    """One stage in a measuring process of its own (``--measure``): its figures as a dict."""
    env = dict(os.environ, HEALTHREPORTS_ROOT=str(root), PYTHONPATH=str(ROOT / "src"), BENCH_SAMPLE=str(sample))
    out = subprocess.run([sys.executable, __file__, "--measure", stage, str(workers or 0)], env=env, cwd=root,
                         capture_output=True, text=True)
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return dict(code=out.returncode, stderr=out.stderr[-2000:])


READ_CODE = r"""
import json, resource, sys, time
from pathlib import Path
from helpers.core import columnar, tables
path, how = Path(sys.argv[1]), sys.argv[2]
t = time.perf_counter()
df = tables.read(path) if how == "csv" else columnar.read(columnar.path_of(path))
print(json.dumps(dict(seconds=time.perf_counter() - t, rows=len(df),
                      mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
"""


def read_times(clean: Path) -> list[tuple[str, int, int, dict, dict]]:
    """(table, CSV bytes, Parquet bytes, CSV read, Parquet read) for each clean table, each read in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    rows = []
    for csv in sorted(clean.glob("*.csv")):
        got = {}
        for how in ("csv", "parquet"):
            out = subprocess.run([sys.executable, "-c", READ_CODE, str(csv), how], env=env, capture_output=True,
                                 text=True)
            got[how] = json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else {}
        pq = csv.with_suffix(".parquet")
        rows.append((csv.stem, csv.stat().st_size, pq.stat().st_size if pq.exists() else 0, got["csv"], got["parquet"]))
    return rows


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":  # one stage, measured (see run_stage_measured)
        stage, workers = sys.argv[2], sys.argv[3]
        root = Path(os.environ["HEALTHREPORTS_ROOT"])
        print(json.dumps(measured([sys.executable, "-c", STAGE_CODE, stage, workers], dict(os.environ), root)))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=1000, help="in-scope reports to make (default 1000)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--keep", type=Path, default=None, help="scratch root to keep (default: a temporary folder)")
    ap.add_argument("--skip-briefs", action="store_true", help="stop after cleaning and analysis")
    ap.add_argument("--briefs", type=int, default=None, metavar="SAMPLE",
                    help="after cleaning and analysis, render only a random sample of SAMPLE briefs and time them")
    a = ap.parse_args()
    root = a.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    if root.exists() and any(root.iterdir()) and a.keep is None:
        raise SystemExit(f"{root} is not empty")
    for sub in ("notebooks",):
        shutil.copytree(ROOT / sub, root / sub, dirs_exist_ok=True)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "data" / "clean").mkdir(parents=True, exist_ok=True)
    (root / "outputs").mkdir(exist_ok=True)
    t = time.perf_counter()
    if not (root / "data" / "raw").exists():
        files, size = make_corpus(root / "data" / "raw", a.n)
    else:  # --keep of an earlier run: its corpus
        raw = [p for p in (root / "data" / "raw").iterdir() if p.suffix == ".txt"]
        files, size = len(raw), sum(p.stat().st_size for p in raw)
    print(f"corpus: {files} files, {size / 1e6:.1f} MB, about {a.n} in-scope reports "
          f"(made in {time.perf_counter() - t:.1f} s) in a scratch root; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    total = 0.0
    for stage in STAGES[:2] + (() if a.skip_briefs else ("sample",) if a.briefs else STAGES[2:]):
        r = run_stage_measured(stage, root, a.workers, a.briefs or 0)
        total += r.get("wall", 0)
        parts = "".join(f", {k.removesuffix(', MB')} {v:.0f} MB" if k.endswith(", MB") else f", {k} {v:.2f} s"
                        for k, v in r.get("parts", {}).items())
        print(f"  {stage:<9} {r.get('wall', 0):7.1f} s wall ({r.get('cpu', 0):7.1f} s CPU{parts}); peak resident "
              f"memory: main process {r.get('main_mb', 0):6.0f} MB, largest process {r.get('largest_mb', 0):6.0f} MB"
              f"; exit {r.get('code')}")
        if r.get("code"):
            log = root / f"bench-{stage}.log"
            print((log.read_text(encoding="utf-8")[-3000:] if log.exists() else "") + r.get("stderr", ""))
            break
    print(f"stages: {total:.1f} s in all; load average {os.getloadavg()[0]:.1f} at the end")
    out = root / "outputs"
    clean = root / "data" / "clean"
    reads = read_times(clean)
    csv_b, pq_b = sum(r[1] for r in reads), sum(r[2] for r in reads)
    print(f"data/clean: CSV {csv_b / 1e6:.1f} MB, Parquet {pq_b / 1e6:.1f} MB")
    for name, cb, pb, rc, rp in reads:
        print(f"  {name:<15} CSV {cb / 1e6:8.1f} MB read in {rc.get('seconds', 0):6.2f} s ({rc.get('mb', 0):5.0f} MB)"
              f" | Parquet {pb / 1e6:7.1f} MB read in {rp.get('seconds', 0):6.2f} s ({rp.get('mb', 0):5.0f} MB)"
              f" | {rc.get('rows', 0)} rows")
    print(f"  all tables      CSV read in {sum(r[3].get('seconds', 0) for r in reads):.2f} s, Parquet read in "
          f"{sum(r[4].get('seconds', 0) for r in reads):.2f} s")
    pages = sorted(out.rglob("*.html"), key=lambda p: p.stat().st_size)
    print("outputs: " + "; ".join(f"{d} {_size(out / d) / 1e6:.1f} MB"
                                  for d in ("analysis", "briefs", "sources", "tables", "figures")))
    if pages:
        print(f"largest page: {pages[-1].relative_to(root)} {pages[-1].stat().st_size / 1e6:.2f} MB; "
              f"{len(list((out / 'briefs').glob('*.html')))} briefs")
    print(f"scratch root: {root}" if a.keep else "")
    if a.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
