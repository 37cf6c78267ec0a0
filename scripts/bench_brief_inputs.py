"""Benchmark of the brief inputs: time and peak memory of building them for made-up clean tables of N reports.

    python scripts/bench_brief_inputs.py [N ...] [--keep DIR]      (default N: 1000 3000 10000 30000)

The made-up tables: the shipped files cleaned once (in a scratch folder), then their reports copied until there are
about N in-scope reports, each copy with a county of the gazetteer (and its city and province) in place of its
place, its own report ids and figure ids, and every value scaled by a factor of its own (percentages kept at or
below 100). They are written as the clean tables (``data/clean/*.csv`` of a scratch root), without the cleaning.

For each N, a fresh process reads the tables through the suite's reader (``compare.load``) and builds and writes
every in-scope report's brief input (``brief_inputs.write_all``), as the brief batch does. It prints the CPU time
(``time.process_time``: the machine is shared, wall time is noisy) of reading and of building, per brief too; what
the tables hold once read (VmRSS); the peak resident memory while the inputs are built (VmHWM, reset after the
read through /proc/self/clear_refs) and of the whole process (``ru_maxrss``, the read included); and the size of
the inputs on disk. ``--src`` measures another checkout's code on the same tables (the code before the inputs
were streamed: ``brief_inputs.write(paths, brief_inputs.build(...))``); with ``--keep`` tables made before are
used again.
Prints figures; asserts nothing (no timed test).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TABLES = ("reports", "figures", "quality", "series", "trends")
ADMIN_OF_SUFFIX = (("区", "district"), ("县", "county"), ("旗", "county"), ("市", "county-level city"))


def shipped_tables(scratch: Path) -> dict:
    """The shipped files cleaned into ``scratch`` (reports, figures, quality; series and trends as written)."""
    from helpers.clean import steps as cleaning
    from helpers.core import tables
    from helpers.core.paths import Paths

    paths = Paths(scratch, raw=ROOT / "data" / "raw", clean=scratch / "clean")
    cleaning.build_reports(paths)
    cleaning.build_figures(paths)
    cleaning.build_quality(paths)
    out = {}
    for name in TABLES:
        p = paths.table(name)
        out[name] = tables.read(p) if p.exists() else None
    return out


def _prefix(col, k: int):
    return col.where(col == "", f"{k:05d}_" + col)


def make_tables(clean: Path, n_reports: int, base: dict | None = None, seed: int = 7) -> int:
    """Write made-up clean tables of about ``n_reports`` in-scope reports into ``clean``; returns how many."""
    import pandas as pd

    from helpers.clean import gazetteer
    from helpers.clean.place_names import county_en, region_en

    base = base or shipped_tables(Path(tempfile.mkdtemp(prefix="bench-inputs-src-")))
    reps0, figs0, q0 = base["reports"], base["figures"], base["quality"]
    per_copy = int(reps0["in_scope"].sum())
    copies = max(1, math.ceil(n_reports / per_copy))
    g = gazetteer.load()
    counties = sorted(g.counties.values(), key=lambda d: d.code)
    rng = random.Random(seed)
    clean.mkdir(parents=True, exist_ok=True)
    pct = figs0["unit"].isin(["percent", "permille"])
    first = True
    for k in range(copies):
        reps, figs, q = reps0.copy(), figs0.copy(), q0.copy()
        for col in ("report_id", "source_file", "duplicate_of"):
            reps[col] = _prefix(reps[col], k)
        for col in ("report_id", "source_file", "figure_id"):
            figs[col] = _prefix(figs[col], k)
        q["report_id"] = _prefix(q["report_id"], k)
        for i in reps.index[reps["county"] != ""]:  # a county of the gazetteer in place of the report's own
            new = rng.choice(counties)
            city, prov = g.cities.get(new.city), g.provinces.get(new.province)
            level = next((lv for suf, lv in ADMIN_OF_SUFFIX if new.name.endswith(suf)), "county")
            reps.loc[i, ["province", "city", "county", "admin_level"]] = [
                prov.name if prov else "", city.name if city else "", new.name, level]
            reps.loc[i, "region_name"] = (city.name if city else "") + new.name
            reps.loc[i, "region_en"] = region_en((prov.name, prov.short) if prov else None,
                                                 (city.name, city.short) if city else None,
                                                 (new.name, new.short)) or county_en(new.name, new.short)
        factor = pd.Series([rng.uniform(0.7, 1.4) for _ in reps.index], index=reps["report_id"])
        f = figs["report_id"].map(factor).fillna(1.0)
        for col in ("value", "value_high"):
            v = figs[col] * f
            figs[col] = v.where(~pct, v.clip(upper=100.0)).round(4)
        for name, df in (("reports", reps), ("figures", figs), ("quality", q)):
            df.to_csv(clean / f"{name}.csv", index=False, lineterminator="\n", mode="w" if first else "a",
                      header=first)
        first = False
    for name in ("series", "trends"):  # no place repeats: the same place over time is empty, as on the shipped files
        if base.get(name) is not None:
            base[name].iloc[0:0].to_csv(clean / f"{name}.csv", index=False, lineterminator="\n")
    return copies * per_copy


CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {src!r})
from helpers import compare
from helpers.core.paths import Paths
from helpers.publish import brief_inputs, briefs


def status(field):  # MB, from /proc/self/status
    return int(open("/proc/self/status").read().split(field + ":")[1].split()[0]) / 1024


paths = Paths({root!r})
t0 = time.process_time(); w0 = time.perf_counter()
data = compare.load(paths)
ids = [t.report_id for t in briefs.targets(paths, reports=data.reports)]
t1 = time.process_time(); w1 = time.perf_counter()
read_peak, held = status("VmHWM"), status("VmRSS")
open("/proc/self/clear_refs", "w").write("5")  # resets the peak: what follows is the building's own
if hasattr(brief_inputs, "write_all"):
    keys = brief_inputs.write_all(paths, data, ids)
else:  # the code before the inputs were streamed (--src of an older checkout)
    keys = brief_inputs.write(paths, brief_inputs.build(data, ids))
t2 = time.process_time(); w2 = time.perf_counter()
print(json.dumps({{"reports": len(ids), "read_cpu": t1 - t0, "build_cpu": t2 - t1, "read_wall": w1 - w0,
                  "build_wall": w2 - w1, "read_peak_mb": read_peak, "tables_mb": held,
                  "build_peak_mb": status("VmHWM"), "keys": len(keys),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(root: Path, src: Path = ROOT / "src") -> dict:
    """Read the tables of ``root`` and write every brief input, in a fresh process: its figures."""
    out = subprocess.run([sys.executable, "-c", CHILD.format(src=str(src), root=str(root))], capture_output=True,
                         text=True, check=False)
    if out.returncode:
        raise SystemExit(f"the benchmark process failed:\n{out.stderr[-3000:]}")
    res = json.loads(out.stdout.strip().splitlines()[-1])
    res["inputs_mb"] = sum(p.stat().st_size for p in (root / "outputs" / "brief_inputs").glob("*")) / 1e6
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 3000, 10000, 30000])
    ap.add_argument("--keep", type=Path, default=None, help="keep the scratch roots under this folder")
    ap.add_argument("--src", type=Path, default=ROOT / "src",
                    help="the src folder whose helpers build the inputs (e.g. an older checkout's, to compare)")
    a = ap.parse_args()
    scratch = a.keep or Path(tempfile.mkdtemp(prefix="bench-inputs-"))
    t = time.perf_counter()
    base = shipped_tables(scratch / "shipped")
    print(f"shipped tables cleaned in {time.perf_counter() - t:.1f} s; {int(base['reports']['in_scope'].sum())} "
          "in-scope reports, copied up to each size")
    print(f"{'reports':>8} {'CSV MB':>7} {'read CPU s':>11} {'build CPU s':>12} {'build wall s':>13} "
          f"{'CPU ms/brief':>13} {'tables held MB':>15} {'build peak MB':>14} {'process peak MB':>16} {'inputs MB':>10}")
    for n in a.sizes:
        root = scratch / f"n{n}"
        clean = root / "data" / "clean"
        if not (clean / "figures.csv").exists():  # --keep: tables made before are used again
            make_tables(clean, n, base)
        shutil.rmtree(root / "outputs", ignore_errors=True)
        csv_mb = sum((clean / f"{t}.csv").stat().st_size for t in TABLES if (clean / f"{t}.csv").exists()) / 1e6
        r = measure(root, a.src)
        print(f"{r['reports']:>8} {csv_mb:>7.0f} {r['read_cpu']:>11.1f} {r['build_cpu']:>12.1f} "
              f"{r['build_wall']:>13.1f} {1000 * r['build_cpu'] / r['reports']:>13.2f} {r['tables_mb']:>15.0f} "
              f"{r['build_peak_mb']:>14.0f} {r['peak_mb']:>16.0f} {r['inputs_mb']:>10.0f}", flush=True)
        if a.keep is None:
            shutil.rmtree(root)
    if a.keep is None:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
