"""Scale benchmark: the main job on a corpus of about N in-scope reports made from the shipped files.

    python scripts/bench_scale.py [N] [--workers W] [--keep DIR] [--skip-briefs | --briefs SAMPLE]

The corpus: copies of the shipped raw files, each with a real county of the gazetteer (and its city and
province) put in place of the places it names, and every number scaled by a factor of its own (percentages
kept at or below 100, years untouched), so no two files are duplicates. The main job (``helpers.cli run``)
runs on it in a scratch root — never in data/raw/ — and the script prints, per stage, the wall time, the
peak resident memory of the largest process, and the output sizes (the largest HTML page too).
With ``--briefs SAMPLE`` the main job runs without briefs, then a fresh process renders a random sample of SAMPLE
in-scope reports' briefs at that corpus size as the batch does (their inputs, then the briefs on the workers; no
source view and no index, which cost per raw file), and the script prints the seconds a brief of the sample took
(compare ``300 --briefs 300`` with ``30000 --briefs 300``). Prints figures; asserts nothing (no timed test).
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
import threading
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
            new = rng.choice(counties)
            city = g.cities.get(new.city)
            prov = g.provinces.get(new.province)
            for old, repl in ((rep.county, new.name), (rep.city, city.name if city else new.name),
                              (rep.province, prov.name if prov else "")):
                if old and repl:
                    text = text.replace(old, repl)
        text = _scale(text, rng.uniform(0.7, 1.4))
        name = f"{k:05d}_{f.stem}.txt"
        (raw_out / name).write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        made += in_scope[f.name]
    return k, size


class PeakWatcher:
    """Polls the run's process tree (from /proc) for the largest resident set of any one process since
    the last log line (``take`` reads and resets it: each stage's lines come when its steps end)."""

    def take(self) -> float:
        v, self.pending = self.pending, 0.0
        return v

    def __init__(self, root_pid: int):
        self.root, self.pending, self.stop = root_pid, 0.0, False
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()

    def _children(self) -> list[int]:
        pids, frontier = [self.root], [self.root]
        while frontier:
            p = frontier.pop()
            try:
                kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
            except OSError:
                kids = []
            for c in kids:
                pids.append(int(c))
                frontier.append(int(c))
        return pids

    def _run(self) -> None:
        while not self.stop:
            for p in self._children():
                try:
                    status = Path(f"/proc/{p}/status").read_text()
                except OSError:
                    continue
                m = re.search(r"VmRSS:\s+(\d+) kB", status)
                if m:
                    self.pending = max(self.pending, int(m.group(1)) / 1024)
            time.sleep(0.1)


def _size(p: Path) -> int:
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.exists() else 0


SAMPLE = r"""
import json, random, sys, time
from helpers import compare
from helpers.core.paths import Paths
from helpers.publish import brief_inputs, briefs, pool
paths, n, workers = Paths({root!r}), {n}, {workers}
data = compare.load(paths)
ids = [t.report_id for t in briefs.targets(paths, reports=data.reports)]
tasks = briefs.targets(paths, sorted(random.Random(7).sample(ids, min(n, len(ids)))), data.reports)
t0 = time.perf_counter()
keys = brief_inputs.write_all(paths, data, [t.report_id for t in tasks])
t1 = time.perf_counter()
for t in tasks:
    t.key = keys[t.report_id]
if workers > 1:
    pool.ensure_forkserver()
ex = pool.Executor("local", workers, None, print, root=paths.root)
done = [r for _, r, err in ex.run(briefs.render_one, tasks) if err is None and r.ok]
ex.close()
print(json.dumps({{"corpus": len(ids), "sample": len(tasks), "ok": len(done), "inputs": t1 - t0,
                  "render": time.perf_counter() - t1, "cpu": sum(r.seconds for r in done)}}))
"""


def sample_briefs(root: Path, n: int, workers: int | None, env: dict) -> None:
    """Render a random sample of ``n`` briefs of the corpus in ``root`` as the batch renders them (their inputs,
    then the briefs on the workers; no source view, no index) and print what a brief of it cost."""
    workers = workers or os.cpu_count() or 1
    proc = subprocess.Popen([sys.executable, "-c", SAMPLE.format(root=str(root), n=n, workers=workers)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=root)
    watch = PeakWatcher(proc.pid)
    log = [line.rstrip() for line in proc.stdout]
    proc.wait()
    watch.stop = True
    try:
        r = json.loads(next(line for line in reversed(log) if line.startswith("{")))
    except (StopIteration, ValueError):
        print(f"the sample of briefs failed (exit {proc.returncode}):\n" + "\n".join(log[-30:]))
        return
    print(f"sample of {r['sample']} of {r['corpus']} briefs: {r['ok']} rendered; inputs {r['inputs']:.1f} s; briefs "
          f"{r['render']:.1f} s on {workers} worker(s) = {r['render'] / max(1, r['ok']):.2f} s a brief "
          f"({r['cpu'] / max(1, r['ok']):.2f} s in a worker); peak of the largest process {watch.take():.0f} MB")


def main() -> None:
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
    files, size = make_corpus(root / "data" / "raw", a.n)
    print(f"corpus: {files} files, {size / 1e6:.1f} MB, about {a.n} in-scope reports "
          f"(made in {time.perf_counter() - t:.1f} s) in a scratch root")
    env = dict(os.environ, HEALTHREPORTS_ROOT=str(root))
    cmd = [sys.executable, "-m", "helpers.cli", "run"] + (["--workers", str(a.workers)] if a.workers else [])
    if a.skip_briefs or a.briefs:
        cmd += ["--no-briefs"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=root)
    watch = PeakWatcher(proc.pid)
    stages: dict[str, float] = {}
    peaks: dict[str, float] = {}
    last = time.perf_counter()
    log = []
    for line in proc.stdout:  # a stage's line is printed when its step ends: the time before it is the stage's
        log.append(line.rstrip())
        m = re.match(r"\[(raw|clean|analysis|briefs|sources|screenshots)\]", line)
        if m:
            now = time.perf_counter()
            st = m.group(1)
            stages[st] = stages.get(st, 0) + now - last
            peaks[st] = max(peaks.get(st, 0), watch.take())
            last = now
    proc.wait()
    watch.stop = True
    total = time.perf_counter() - t0
    print(f"main job: exit {proc.returncode}, {total:.1f} s in all")
    for st, sec in stages.items():
        print(f"  {st:<12} {sec:7.1f} s   peak of the largest process {peaks.get(st, 0):7.0f} MB")
    out = root / "outputs"
    pages = sorted(out.rglob("*.html"), key=lambda p: p.stat().st_size)
    print(f"outputs: data/clean {_size(root / 'data' / 'clean') / 1e6:.1f} MB; " + "; ".join(
        f"{d} {_size(out / d) / 1e6:.1f} MB" for d in ("analysis", "briefs", "sources", "tables", "figures")))
    if pages:
        print(f"largest page: {pages[-1].relative_to(root)} {pages[-1].stat().st_size / 1e6:.2f} MB; "
              f"{len(list((out / 'briefs').glob('*.html')))} briefs")
    if proc.returncode:
        print("\n".join(log[-30:]))
    elif a.briefs:
        sample_briefs(root, a.briefs, a.workers, env)
    print(f"scratch root: {root}" if a.keep else "")


if __name__ == "__main__":
    main()
