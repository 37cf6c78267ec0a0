"""A very large raw file (50 MB of text, made from the made-up fixtures) is processed in bounded
memory and time: the README states the bound (peak memory under 1.5 GB; about 20 s on one core here).

The run happens in a child process so that its peak resident memory can be measured on its own.
"""
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

FIX = Path(__file__).parent / "fixtures"
TARGET_BYTES = 50_000_000
PEAK_LIMIT_MB = 1536

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from helpers.clean import steps as cleaning
from helpers.core.paths import Paths
paths = Paths(sys.argv[1])
t = time.perf_counter()
r = cleaning.build_reports(paths)
f = cleaning.build_figures(paths)
q = cleaning.build_quality(paths)
print(json.dumps(dict(seconds=time.perf_counter() - t, reports=len(r.table), figures=len(f.table),
                      skipped=r.skipped, peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
"""


def _make_big(path: Path) -> int:
    report = (FIX / "utf8.txt").read_text(encoding="utf-8")
    prose = (FIX / "no_figures.txt").read_text(encoding="utf-8").split("\n", 2)[2]  # body without its title
    size, k = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while size < TARGET_BYTES:
            # one compiled report per chunk: a real report's density of figures (prose between them)
            chunk = report.replace("上半年工作总结", f"上半年工作总结（汇编第{k}篇）", 1) + prose * 12
            out.write(chunk)
            size += len(chunk.encode("utf-8"))
            k += 1
    return size


def test_fifty_megabytes_in_bounded_memory_and_time(tmp_path):
    proj = tmp_path / "proj"
    (proj / "data" / "raw").mkdir(parents=True)
    (proj / "data" / "clean").mkdir()
    (proj / "outputs").mkdir()
    size = _make_big(proj / "data" / "raw" / "compiled_reports.txt")
    assert size >= TARGET_BYTES
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(proj)], capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-2000:]
    res = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\n50 MB file: {res['reports']} reports, {res['figures']} figures in {res['seconds']:.1f} s "
          f"(wall {time.perf_counter() - t:.1f} s), peak memory {res['peak_mb']:.0f} MB")
    assert res["skipped"] == [] and res["reports"] > 1000 and res["figures"] > 100_000
    assert res["peak_mb"] < PEAK_LIMIT_MB
